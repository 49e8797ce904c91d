//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Pages use content's permissions and visibility rules (a page is content, see
//! `rustok_content::access`); menus need `menus:manage`.

use rustok_api::{ApiContext, PlatformState};
use rustok_content::{ContentContext, access};
use rustok_core::Error;

use crate::{MenuService, PageService};

pub const MODULE: &str = "pages";
/// Pages are stored by content: switching either off takes the pages API away.
const REQUIRED_MODULES: [&str; 2] = ["content", MODULE];

pub(crate) fn pages(platform: &PlatformState) -> PageService<'_> {
    PageService::new(platform.db(), platform.events())
}

pub(crate) fn menus(platform: &PlatformState) -> MenuService<'_> {
    MenuService::new(platform.db(), platform.events())
}

/// The page service a read goes through: published-only reads (a caller without drafts) come
/// from the read model once the tenant's index is built.
pub(crate) fn reading(platform: &PlatformState, drafts: bool) -> PageService<'_> {
    pages(platform).published_from(visitor_reads(platform, drafts))
}

/// The menu service a read goes through: the linked pages of a visitor's menu come from the
/// read model once the tenant's index is built.
pub(crate) fn menus_reading(platform: &PlatformState, drafts: bool) -> MenuService<'_> {
    menus(platform).published_from(visitor_reads(platform, drafts))
}

fn visitor_reads(
    platform: &PlatformState,
    drafts: bool,
) -> Option<std::sync::Arc<dyn rustok_core::ContentReads>> {
    if drafts {
        None
    } else {
        platform.content_reads()
    }
}

/// A signed-in caller holding `permission` in a tenant with content and pages on: their write
/// context.
pub(crate) async fn authorize(api: &ApiContext, permission: &str) -> Result<ContentContext, Error> {
    access::authorize_for(api, &REQUIRED_MODULES, permission).await
}

/// Any caller in a tenant with content and pages on: their read context and whether they may
/// see drafts.
pub(crate) async fn reader(api: &ApiContext) -> Result<(ContentContext, bool), Error> {
    access::reader_for(api, &REQUIRED_MODULES).await
}

pub(crate) use access::{status_filter, transition_permission, visible};
