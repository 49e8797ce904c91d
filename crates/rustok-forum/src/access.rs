//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Built on content's public access helpers: the forum API needs both modules on.

use rustok_api::PlatformState;
use rustok_content::ContentContext;
use rustok_content::access::{authorize_in, can_read_drafts, context, require_modules};
use rustok_core::Error;
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;

use crate::ForumService;
use crate::dto::{EditRight, Visibility};

pub const MODULE: &str = "forum";
/// Forum posts are content nodes: switching either module off takes the forum API away.
pub const REQUIRED_MODULES: [&str; 2] = ["content", MODULE];
/// Open topics and reply (members).
pub const POST: &str = "forum:post";
/// Create forums, lock, pin, edit and delete anyone's posts.
pub const MODERATE: &str = "forum:moderate";

pub(crate) fn forums(platform: &PlatformState) -> ForumService<'_> {
    ForumService::new(platform.db(), platform.events())
}

/// Modules on and `permission` held: the caller's write context.
pub(crate) async fn authorize(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: &Principal,
    permission: &str,
) -> Result<ContentContext, Error> {
    authorize_in(platform, tenant, principal, &REQUIRED_MODULES, permission).await
}

/// For edits: moderators edit any post, members (`forum:post`) their own.
pub(crate) async fn authorize_edit(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: &Principal,
) -> Result<(ContentContext, EditRight), Error> {
    require_modules(platform, tenant, &REQUIRED_MODULES).await?;
    if rustok_api::holds(platform.as_ref(), Some(principal), MODERATE).await {
        return Ok((context(tenant, Some(principal)), EditRight::Any));
    }
    let ctx = authorize(platform, tenant, principal, POST).await?;
    Ok((ctx, EditRight::OwnOnly))
}

/// For reads: modules on; staff (`content:read`) see every status, everyone else published.
pub(crate) async fn reader(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: Option<&Principal>,
) -> Result<(ContentContext, Visibility), Error> {
    require_modules(platform, tenant, &REQUIRED_MODULES).await?;
    let visibility = if can_read_drafts(platform, principal).await {
        Visibility::All
    } else {
        Visibility::Published
    };
    Ok((context(tenant, principal), visibility))
}
