//! GraphQL queries and mutations, merged into the server's schema: the same service and the
//! same checks as the REST routes (`access.rs`), with errors carrying the same codes.

use async_graphql::{Context, ID, MaybeUndefined, Object};
use chrono::{DateTime, Utc};
use rustok_api::{ApiContext, graphql_error, parse_gql_id};
use rustok_content::dto::{NodePage, NodePatch, NodeView};
use rustok_content::graphql::with_category;
use rustok_content::{ContentContext, NodeFlags, Transition};

use crate::BlogError;
use crate::access::{
    authorize, blog, comment_filter, delete_own_or_moderated, moderates, reader, requested_locale,
    shown, status_filter, transition_permission, visible,
};
use crate::dto::{CommentPage, CommentView, Moderation, NewComment, NewPost, PostFilter};

type GqlResult<T> = async_graphql::Result<T>;

/// Any caller in a tenant with content and blog on: the request, their read context and
/// whether they may see drafts.
async fn reading(ctx: &Context<'_>) -> GqlResult<(ApiContext, ContentContext, bool)> {
    let api = ApiContext::of(ctx)?;
    let (content, drafts) = reader(&api).await.map_err(graphql_error)?;
    Ok((api, content, drafts))
}

/// A signed-in caller holding `permission`: the request and their write context.
async fn authorized(
    ctx: &Context<'_>,
    permission: &str,
) -> GqlResult<(ApiContext, ContentContext)> {
    let api = ApiContext::of(ctx)?;
    let content = authorize(&api, permission).await.map_err(graphql_error)?;
    Ok((api, content))
}

/// A post the caller may see, or `None` (missing, or a draft for a reader).
fn readable(found: Result<NodeView, BlogError>, drafts: bool) -> GqlResult<Option<NodeView>> {
    match found {
        Ok(post) => Ok(Some(post).filter(|post| visible(post, drafts))),
        Err(BlogError::PostNotFound) => Ok(None),
        Err(err) => Err(graphql_error(err)),
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
        status: Option<String>,
        category_id: Option<ID>,
        tag: Option<String>,
        author_id: Option<ID>,
        translated_into: Option<String>,
        locale: Option<String>,
        first: Option<u64>,
        after: Option<String>,
    ) -> GqlResult<NodePage> {
        let (api, content, drafts) = reading(ctx).await?;
        let status = status_filter(drafts, status.as_deref()).map_err(graphql_error)?;
        let filter = PostFilter {
            status,
            category_id: category_id.as_ref().map(parse_gql_id).transpose()?,
            tag,
            author_id: author_id.as_ref().map(parse_gql_id).transpose()?,
            translated_into,
            after,
            limit: first.unwrap_or(20).clamp(1, 100),
        };
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        blog(&api.platform)
            .posts(&content, filter, locale.as_ref())
            .await
            .map_err(graphql_error)
    }

    /// A post by id; null when missing or (for readers) not published.
    async fn blog_post(
        &self,
        ctx: &Context<'_>,
        id: ID,
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        let (api, content, drafts) = reading(ctx).await?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let found = blog(&api.platform)
            .post(&content, parse_gql_id(&id)?, locale.as_ref())
            .await;
        readable(found, drafts)
    }

    /// A post by its slug in any locale, answered in the requested locale or the fallback.
    async fn blog_post_by_slug(
        &self,
        ctx: &Context<'_>,
        slug: String,
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        let (api, content, drafts) = reading(ctx).await?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let found = blog(&api.platform)
            .post_by_slug(&content, &slug, locale.as_ref())
            .await;
        readable(found, drafts)
    }

    /// A post's comments, oldest first: approved ones, or (moderators) any state.
    async fn blog_comments(
        &self,
        ctx: &Context<'_>,
        post_id: ID,
        moderation: Option<Moderation>,
        first: Option<u64>,
        after: Option<String>,
    ) -> GqlResult<CommentPage> {
        let (api, content, drafts) = reading(ctx).await?;
        let service = blog(&api.platform);
        let post = service
            .post(&content, parse_gql_id(&post_id)?, None)
            .await
            .map_err(graphql_error)?;
        let post = shown(post, drafts).map_err(graphql_error)?;
        let moderation = comment_filter(&api, moderation.map(Moderation::as_str))
            .await
            .map_err(graphql_error)?;
        service
            .comments(
                &content,
                &post,
                moderation,
                after,
                first.unwrap_or(50).clamp(1, 100),
            )
            .await
            .map_err(graphql_error)
    }

    /// Comments of every post in one moderation state (default pending), oldest first.
    async fn blog_moderation_queue(
        &self,
        ctx: &Context<'_>,
        moderation: Option<Moderation>,
        first: Option<u64>,
        after: Option<String>,
    ) -> GqlResult<CommentPage> {
        let (api, content) = authorized(ctx, "comments:moderate").await?;
        blog(&api.platform)
            .moderation_queue(
                &content,
                moderation.unwrap_or(Moderation::Pending),
                after,
                first.unwrap_or(50).clamp(1, 100),
            )
            .await
            .map_err(graphql_error)
    }
}

#[derive(Default)]
pub struct BlogMutation;

#[Object]
impl BlogMutation {
    /// A draft post.
    async fn create_blog_post(&self, ctx: &Context<'_>, input: NewPost) -> GqlResult<NodeView> {
        let (api, content) = authorized(ctx, "content:create").await?;
        blog(&api.platform)
            .create_post(&content, input)
            .await
            .map_err(graphql_error)
    }

    /// Edits a post. `categoryId`: absent leaves the category, `null` clears it, an id sets it.
    async fn update_blog_post(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: NodePatch,
        #[graphql(default)] category_id: MaybeUndefined<ID>,
    ) -> GqlResult<NodeView> {
        let (api, content) = authorized(ctx, "content:update").await?;
        let input = with_category(input, category_id)?;
        blog(&api.platform)
            .update_post(&content, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// `SUBMIT`/`REJECT` need `content:update`, the other transitions `content:publish`.
    async fn transition_blog_post(
        &self,
        ctx: &Context<'_>,
        id: ID,
        transition: Transition,
        publish_at: Option<DateTime<Utc>>,
    ) -> GqlResult<NodeView> {
        let (api, content) = authorized(ctx, transition_permission(transition)).await?;
        blog(&api.platform)
            .transition_post(&content, parse_gql_id(&id)?, transition, publish_at)
            .await
            .map_err(graphql_error)
    }

    /// Sticky (`pinned`) and comments closed (`locked`).
    async fn set_blog_post_flags(
        &self,
        ctx: &Context<'_>,
        id: ID,
        flags: NodeFlags,
    ) -> GqlResult<NodeView> {
        let (api, content) = authorized(ctx, "content:update").await?;
        blog(&api.platform)
            .set_post_flags(&content, parse_gql_id(&id)?, flags)
            .await
            .map_err(graphql_error)
    }

    async fn delete_blog_post(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (api, content) = authorized(ctx, "content:delete").await?;
        blog(&api.platform)
            .delete_post(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    /// A comment on a published post; pending until approved unless written by a moderator.
    async fn add_blog_comment(
        &self,
        ctx: &Context<'_>,
        post_id: ID,
        input: NewComment,
    ) -> GqlResult<CommentView> {
        let (api, content) = authorized(ctx, "comments:create").await?;
        let approved = moderates(&api).await;
        blog(&api.platform)
            .add_comment(&content, parse_gql_id(&post_id)?, input, approved)
            .await
            .map_err(graphql_error)
    }

    async fn moderate_blog_comment(
        &self,
        ctx: &Context<'_>,
        id: ID,
        moderation: Moderation,
    ) -> GqlResult<CommentView> {
        let (api, content) = authorized(ctx, "comments:moderate").await?;
        blog(&api.platform)
            .moderate(&content, parse_gql_id(&id)?, moderation)
            .await
            .map_err(graphql_error)
    }

    /// Deletes a comment: its author, or anyone holding `comments:moderate`.
    async fn delete_blog_comment(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (api, content) = authorized(ctx, "comments:create").await?;
        delete_own_or_moderated(&api, &content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }
}
