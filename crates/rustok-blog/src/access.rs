//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Posts use content's permissions and visibility rules (a post is content, see
//! `rustok_content::access`); comments need `comments:create` to write and `comments:moderate`
//! to moderate. Anonymous readers see published posts and approved comments.

use rustok_api::PlatformState;
use rustok_content::dto::NodeView;
use rustok_content::{ContentContext, NodeStatus, access};
use rustok_core::Error;
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::BlogService;
use crate::dto::Moderation;

pub const MODULE: &str = "blog";
/// Posts are stored by content: switching either off takes the blog API away.
const REQUIRED_MODULES: [&str; 2] = ["content", MODULE];
/// Approve comments, mark them spam, delete anyone's; a moderator's own comments are approved.
const MODERATE: &str = "comments:moderate";

pub(crate) use access::{listing_status, node_id, requested_locale, transition_permission};

pub(crate) fn blog(platform: &PlatformState) -> BlogService<'_> {
    BlogService::new(platform.db(), platform.events())
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

/// Checks the modules are on, then gives the caller's (possibly anonymous) read context.
pub(crate) async fn read_context(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: Option<&Principal>,
) -> Result<ContentContext, Error> {
    access::require_modules(platform, tenant, &REQUIRED_MODULES).await?;
    Ok(access::context(tenant, principal))
}

/// Whether the caller moderates comments (and so sees every comment and posts approved).
pub(crate) async fn moderates(platform: &PlatformState, principal: Option<&Principal>) -> bool {
    rustok_api::holds(platform.as_ref(), principal, MODERATE).await
}

/// Drafts are invisible (404) to readers without `content:read`.
pub(crate) async fn visible(
    platform: &PlatformState,
    principal: Option<&Principal>,
    post: NodeView,
) -> Result<NodeView, Error> {
    if post.status != NodeStatus::Published.as_str()
        && !access::can_read_drafts(platform, principal).await
    {
        return Err(Error::NotFound { what: "post" });
    }
    Ok(post)
}

/// A moderation state named by a caller.
pub(crate) fn moderation(text: &str) -> Result<Moderation, Error> {
    text.parse()
        .map_err(|e: String| Error::invalid_field("moderation", e))
}

/// The moderation state a comment listing shows: moderators choose (or see all), everyone
/// else sees approved comments only.
pub(crate) async fn comment_filter(
    platform: &PlatformState,
    principal: Option<&Principal>,
    requested: Option<&str>,
) -> Result<Option<Moderation>, Error> {
    if !moderates(platform, principal).await {
        return Ok(Some(Moderation::Approved));
    }
    requested.map(moderation).transpose()
}

/// Deletes a comment when the caller wrote it or moderates comments.
pub(crate) async fn delete_own_or_moderated(
    platform: &PlatformState,
    ctx: &ContentContext,
    principal: &Principal,
    id: Uuid,
) -> Result<(), Error> {
    let service = blog(platform);
    let comment = service.comment(ctx, id).await?;
    if comment.author_id != Some(principal.user_id) && !moderates(platform, Some(principal)).await {
        return Err(Error::Forbidden {
            permission: MODERATE.into(),
        });
    }
    service.delete_comment(ctx, &comment).await?;
    Ok(())
}
