//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Built on content's public access rules: the forum API needs both modules on.

use rustok_api::{ApiContext, PlatformState};
use rustok_content::{ContentContext, access};
use rustok_core::Error;

use crate::ForumService;
use crate::dto::{EditRight, Visibility};

pub const MODULE: &str = "forum";
/// Forum posts are content nodes: switching either module off takes the forum API away.
pub const REQUIRED_MODULES: [&str; 2] = ["content", MODULE];
/// Open topics and reply (members).
pub const POST: &str = "forum:post";
/// Create forums, lock, pin, edit and delete anyone's posts.
pub const MODERATE: &str = "forum:moderate";

pub(crate) use access::{node_id, requested_locale};

pub(crate) fn forums(platform: &PlatformState) -> ForumService<'_> {
    ForumService::new(platform.db(), platform.events())
}

/// The service a read with `visibility` goes through: published-only reads come from the read
/// model once the tenant's index is built; staff read the write model.
pub(crate) fn reading(platform: &PlatformState, visibility: Visibility) -> ForumService<'_> {
    let reads = match visibility {
        Visibility::Published => platform.content_reads(),
        Visibility::All => None,
    };
    forums(platform).published_from(reads)
}

/// A signed-in caller holding `permission` in a tenant with content and forum on: their write
/// context.
pub(crate) async fn authorize(api: &ApiContext, permission: &str) -> Result<ContentContext, Error> {
    access::authorize_for(api, &REQUIRED_MODULES, permission).await
}

/// For edits: moderators edit any post, members (`forum:post`) their own.
pub(crate) async fn authorize_edit(api: &ApiContext) -> Result<(ContentContext, EditRight), Error> {
    api.signed_in()?;
    let ctx = access::visitor_for(api, &REQUIRED_MODULES).await?;
    if api.holds(MODERATE).await {
        return Ok((ctx, EditRight::Any));
    }
    Ok((authorize(api, POST).await?, EditRight::OwnOnly))
}

/// For reads: modules on; staff (`content:read`) see every status, everyone else published.
pub(crate) async fn reader(api: &ApiContext) -> Result<(ContentContext, Visibility), Error> {
    let (ctx, drafts) = access::reader_for(api, &REQUIRED_MODULES).await?;
    let visibility = if drafts {
        Visibility::All
    } else {
        Visibility::Published
    };
    Ok((ctx, visibility))
}
