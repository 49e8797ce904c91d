//! GraphQL queries and mutations, merged into the server's schema: the same service and the
//! same checks as the REST routes (`access.rs`), with errors carrying the same codes.

use async_graphql::{Context, ID, MaybeUndefined, Object};
use chrono::{DateTime, Utc};
use rustok_api::{MAX_PAGE_SIZE, optional_id, page_limit, resolve};
use rustok_content::dto::{NodePage, NodePatch, NodeView};
use rustok_content::graphql::category_patch;
use rustok_content::{NodeFlags, Transition};
use rustok_core::Error;

use crate::BlogError;
use crate::access::{
    authorize, blog, comment_filter, delete_own_or_moderated, moderates, node_id, reader, reading,
    requested_locale, shown, status_filter, transition_permission, visible,
};
use crate::dto::{CommentPage, CommentView, Moderation, NewComment, NewPost, PostFilter};

type GqlResult<T> = async_graphql::Result<T>;

/// A post the caller may see, or `None` (missing, or a draft for a reader).
fn readable(found: Result<NodeView, BlogError>, drafts: bool) -> Result<Option<NodeView>, Error> {
    match found {
        Ok(post) => Ok(Some(post).filter(|post| visible(post, drafts))),
        Err(BlogError::PostNotFound) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

#[derive(Default)]
pub struct BlogQuery;

#[Object]
impl BlogQuery {
    /// Posts: sticky first, then the latest published; readers get published posts only.
    #[allow(clippy::too_many_arguments)]
    async fn blog_posts(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "`draft`, `review`, `scheduled`, `published` or `archived` (readers without `content:read` always get `published`)."
        )]
        status: Option<String>,
        #[graphql(desc = "Posts in this category.")] category_id: Option<ID>,
        #[graphql(desc = "Posts carrying the tag with this slug.")] tag: Option<String>,
        #[graphql(desc = "Posts written by this user.")] author_id: Option<ID>,
        #[graphql(desc = "Only posts translated into exactly this locale (no fallback).")]
        translated_into: Option<String>,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
        locale: Option<String>,
        #[graphql(desc = "Page size, 1-100 (default 20).")] first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<String>,
    ) -> GqlResult<NodePage> {
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let filter = PostFilter {
                status: status_filter(drafts, status.as_deref())?,
                category_id: optional_id(category_id.as_ref())?,
                tag,
                author_id: optional_id(author_id.as_ref())?,
                translated_into,
                after,
                limit: page_limit(first, 20, MAX_PAGE_SIZE)?,
            };
            let locale = requested_locale(locale.as_deref())?;
            Ok(reading(&api.platform, drafts)
                .posts(&content, filter, locale.as_ref())
                .await?)
        })
        .await
    }

    /// A post by id; null when missing or (for readers) not published.
    async fn blog_post(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Post id.")] id: ID,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let locale = requested_locale(locale.as_deref())?;
            let found = reading(&api.platform, drafts)
                .post(&content, node_id(&id)?, locale.as_ref())
                .await;
            readable(found, drafts)
        })
        .await
    }

    /// A post by its slug in any locale, answered in the requested locale or the fallback.
    async fn blog_post_by_slug(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The slug in any of the tenant's locales.")] slug: String,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let locale = requested_locale(locale.as_deref())?;
            let found = reading(&api.platform, drafts)
                .post_by_slug(&content, &slug, locale.as_ref())
                .await;
            readable(found, drafts)
        })
        .await
    }

    /// A post's comments, oldest first: approved ones, or (moderators) any state.
    async fn blog_comments(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Post id.")] post_id: ID,
        #[graphql(
            desc = "Moderators: only comments in this state (default: all). Everyone else gets approved ones."
        )]
        moderation: Option<Moderation>,
        #[graphql(desc = "Page size, 1-100 (default 50).")] first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<String>,
    ) -> GqlResult<CommentPage> {
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let service = reading(&api.platform, drafts);
            let post = service.post(&content, node_id(&post_id)?, None).await?;
            let post = shown(post, drafts)?;
            let moderation = comment_filter(&api, moderation.map(Moderation::as_str)).await?;
            let limit = page_limit(first, 50, MAX_PAGE_SIZE)?;
            Ok(service
                .comments(&content, &post, moderation, after, limit)
                .await?)
        })
        .await
    }

    /// Comments of every post in one moderation state (default pending), oldest first
    /// (`comments:moderate`).
    async fn blog_moderation_queue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The state to list (default `PENDING`).")] moderation: Option<Moderation>,
        #[graphql(desc = "Page size, 1-100 (default 50).")] first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<String>,
    ) -> GqlResult<CommentPage> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "comments:moderate").await?;
            let moderation = moderation.unwrap_or(Moderation::Pending);
            let limit = page_limit(first, 50, MAX_PAGE_SIZE)?;
            Ok(blog(&api.platform)
                .moderation_queue(&content, moderation, after, limit)
                .await?)
        })
        .await
    }
}

#[derive(Default)]
pub struct BlogMutation;

#[Object]
impl BlogMutation {
    /// Creates a draft post (`content:create`). Errors: `slug_taken`, `validation_failed`.
    async fn create_blog_post(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The post.")] input: NewPost,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:create").await?;
            Ok(blog(&api.platform).create_post(&content, input).await?)
        })
        .await
    }

    /// Edits a post; the previous state becomes a revision (`content:update`). Errors:
    /// `version_conflict`, `slug_taken`, `validation_failed`.
    async fn update_blog_post(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Post id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: NodePatch,
        #[graphql(
            default,
            desc = "Absent: the category stays; `null`: clear it; an id: a category of the tenant."
        )]
        category_id: MaybeUndefined<ID>,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:update").await?;
            let input = category_patch(input, category_id)?;
            Ok(blog(&api.platform)
                .update_post(&content, node_id(&id)?, input)
                .await?)
        })
        .await
    }

    /// Moves a post through the workflow. `SUBMIT`/`REJECT` need `content:update`, the other
    /// transitions `content:publish`. Errors: `invalid_transition`, `validation_failed`.
    async fn transition_blog_post(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Post id.")] id: ID,
        #[graphql(desc = "What to do.")] transition: Transition,
        #[graphql(desc = "Required by `SCHEDULE`: when to publish, in the future.")]
        publish_at: Option<DateTime<Utc>>,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, transition_permission(transition)).await?;
            Ok(blog(&api.platform)
                .transition_post(&content, node_id(&id)?, transition, publish_at)
                .await?)
        })
        .await
    }

    /// Makes a post sticky (`pinned`) or closes its comments (`locked`) (`content:update`).
    async fn set_blog_post_flags(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Post id.")] id: ID,
        #[graphql(desc = "The flags to set; absent ones stay as they are.")] flags: NodeFlags,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:update").await?;
            Ok(blog(&api.platform)
                .set_post_flags(&content, node_id(&id)?, flags)
                .await?)
        })
        .await
    }

    /// Deletes a post with its comments (`content:delete`). Always true.
    async fn delete_blog_post(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Post id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:delete").await?;
            blog(&api.platform)
                .delete_post(&content, node_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// A comment on a published post (`comments:create`); pending until approved unless
    /// written by a moderator. Errors: `not_found` (no published post), `node_locked`
    /// (comments closed), `validation_failed`.
    async fn add_blog_comment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Post id.")] post_id: ID,
        #[graphql(desc = "The comment.")] input: NewComment,
    ) -> GqlResult<CommentView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "comments:create").await?;
            let approved = moderates(&api).await;
            Ok(blog(&api.platform)
                .add_comment(&content, node_id(&post_id)?, input, approved)
                .await?)
        })
        .await
    }

    /// Approves a comment or marks it spam (`comments:moderate`). Errors: `validation_failed`
    /// (`PENDING` for a moderated comment), `invalid_transition`.
    async fn moderate_blog_comment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Comment id.")] id: ID,
        #[graphql(desc = "`APPROVED` or `SPAM`.")] moderation: Moderation,
    ) -> GqlResult<CommentView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "comments:moderate").await?;
            Ok(blog(&api.platform)
                .moderate(&content, node_id(&id)?, moderation)
                .await?)
        })
        .await
    }

    /// Deletes a comment: its author, or anyone holding `comments:moderate`. Always true.
    async fn delete_blog_comment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Comment id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "comments:create").await?;
            delete_own_or_moderated(&api, &content, node_id(&id)?).await?;
            Ok(true)
        })
        .await
    }
}
