//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Posts use content's permissions and visibility rules (a post is content, see
//! `rustok_content::access`); comments need `comments:create` to write and `comments:moderate`
//! to moderate. Anonymous readers see published posts and approved comments.

use rustok_api::{ApiContext, PlatformState};
use rustok_content::dto::NodeView;
use rustok_content::{ContentContext, access};
use rustok_core::Error;
use uuid::Uuid;

use crate::BlogService;
use crate::dto::Moderation;

pub const MODULE: &str = "blog";
/// Posts are stored by content: switching either off takes the blog API away.
const REQUIRED_MODULES: [&str; 2] = ["content", MODULE];
/// Approve comments, mark them spam, delete anyone's; a moderator's own comments are approved.
const MODERATE: &str = "comments:moderate";

pub(crate) use access::{node_id, requested_locale, status_filter, transition_permission};

pub(crate) fn blog(platform: &PlatformState) -> BlogService<'_> {
    BlogService::new(platform.db(), platform.events())
}

/// The service a read goes through: published-only reads (a caller without drafts) come from
/// the read model once the tenant's index is built.
pub(crate) fn reading(platform: &PlatformState, drafts: bool) -> BlogService<'_> {
    let reads = if drafts {
        None
    } else {
        platform.content_reads()
    };
    blog(platform).published_from(reads)
}

/// A signed-in caller holding `permission` in a tenant with content and blog on: their write
/// context.
pub(crate) async fn authorize(api: &ApiContext, permission: &str) -> Result<ContentContext, Error> {
    access::authorize_for(api, &REQUIRED_MODULES, permission).await
}

/// Any caller in a tenant with content and blog on: their read context and whether they may
/// see drafts.
pub(crate) async fn reader(api: &ApiContext) -> Result<(ContentContext, bool), Error> {
    access::reader_for(api, &REQUIRED_MODULES).await
}

/// Whether a post may be shown: drafts are invisible to readers without `content:read`.
pub(crate) fn visible(post: &NodeView, drafts: bool) -> bool {
    access::visible(&post.status, drafts)
}

/// The post, or 404 when the caller may not see it.
pub(crate) fn shown(post: NodeView, drafts: bool) -> Result<NodeView, Error> {
    if !visible(&post, drafts) {
        return Err(Error::NotFound { what: "post" });
    }
    Ok(post)
}

/// Whether the caller moderates comments (and so sees every comment and posts approved).
pub(crate) async fn moderates(api: &ApiContext) -> bool {
    api.holds(MODERATE).await
}

/// A moderation state named by a caller.
pub(crate) fn moderation(text: &str) -> Result<Moderation, Error> {
    text.parse()
        .map_err(|e: String| Error::invalid_field("moderation", e))
}

/// The moderation state a comment listing shows: moderators choose (or see all), everyone
/// else sees approved comments only.
pub(crate) async fn comment_filter(
    api: &ApiContext,
    requested: Option<&str>,
) -> Result<Option<Moderation>, Error> {
    if !moderates(api).await {
        return Ok(Some(Moderation::Approved));
    }
    requested.map(moderation).transpose()
}

/// Deletes a comment when the caller wrote it or moderates comments (`ctx` is the caller's
/// write context, from [`authorize`]).
pub(crate) async fn delete_own_or_moderated(
    api: &ApiContext,
    ctx: &ContentContext,
    id: Uuid,
) -> Result<(), Error> {
    let service = blog(&api.platform);
    let comment = service.comment(ctx, id).await?;
    if comment.author_id != ctx.actor && !moderates(api).await {
        return Err(Error::Forbidden {
            permission: MODERATE.into(),
        });
    }
    service.delete_comment(ctx, &comment).await?;
    Ok(())
}
