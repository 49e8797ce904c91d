//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Pages use content's permissions and visibility rules (a page is content, see
//! `rustok_content::access`); menus need `menus:manage`.

use rustok_api::PlatformState;
use rustok_content::{ContentContext, access};
use rustok_core::Error;
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;

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

/// Refuses calls when the tenant switched content or pages off (404 `module_disabled`).
pub(crate) async fn require_modules(
    platform: &PlatformState,
    tenant: &TenantContext,
) -> Result<(), Error> {
    access::require_modules(platform, tenant, &REQUIRED_MODULES).await
}

/// Checks modules and permission, then gives the caller's write context.
pub(crate) async fn authorize(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: &Principal,
    permission: &str,
) -> Result<ContentContext, Error> {
    access::authorize_in(platform, tenant, principal, &REQUIRED_MODULES, permission).await
}

pub(crate) use access::{
    can_read_drafts, context, listing_status, node_id as id, requested_locale,
    transition_permission,
};
