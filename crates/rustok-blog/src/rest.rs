//! REST routes under `/api/v1/blog`, mounted by the server with the platform as state.
//! Who may do what is in `access.rs`, shared with GraphQL.

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use rustok_api::{
    ApiContext, ApiJson, ApiPath, ApiQuery, ApiResult, MAX_PAGE_SIZE, PlatformState, SignedIn,
    page_limit,
};
use rustok_content::dto::{NodePage, NodePatch, NodeView};
use rustok_content::{NodeFlags, Transition};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{
    authorize, blog, comment_filter, delete_own_or_moderated, moderates, moderation, node_id,
    reader, reading, requested_locale, shown, status_filter, transition_permission,
};
use crate::dto::{
    CommentPage, CommentView, Moderation, ModerationInput, NewComment, NewPost, PostFilter,
};

pub fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .routes(routes!(list_posts, create_post))
        .routes(routes!(get_post, update_post, delete_post))
        .routes(routes!(get_post_by_slug))
        .routes(routes!(transition_post))
        .routes(routes!(set_post_flags))
        .routes(routes!(list_comments, add_comment))
        .routes(routes!(moderation_queue))
        .routes(routes!(moderate_comment))
        .routes(routes!(delete_comment))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostQuery {
    /// Status filter (staff only; readers always get `published`).
    #[param(inline, value_type = Option<rustok_content::NodeStatus>)]
    pub status: Option<String>,
    pub category_id: Option<String>,
    /// Tag slug.
    pub tag: Option<String>,
    pub author_id: Option<String>,
    /// Only posts translated into this locale.
    pub translated_into: Option<String>,
    /// Preferred locale; the tenant default is the fallback.
    pub locale: Option<String>,
    /// Cursor: the previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

/// Posts: sticky first, then the latest published (staff listing other statuses: newest first).
#[utoipa::path(get, path = "/api/v1/blog/posts", tag = "blog", params(PostQuery),
    responses((status = 200, body = NodePage),
        (status = 404, description = "module_disabled", content_type = "application/problem+json")))]
async fn list_posts(
    api: ApiContext,
    ApiQuery(query): ApiQuery<PostQuery>,
) -> ApiResult<ApiJson<NodePage>> {
    let (ctx, drafts) = reader(&api).await?;
    let status = status_filter(drafts, query.status.as_deref())?;
    let filter = PostFilter {
        status,
        category_id: query.category_id.as_deref().map(node_id).transpose()?,
        tag: query.tag,
        author_id: query.author_id.as_deref().map(node_id).transpose()?,
        translated_into: query.translated_into,
        after: query.after,
        limit: page_limit(query.limit, 20, MAX_PAGE_SIZE)?,
    };
    let locale = requested_locale(query.locale.as_deref())?;
    Ok(ApiJson(
        reading(&api.platform, drafts)
            .posts(&ctx, filter, locale.as_ref())
            .await?,
    ))
}

/// Creates a draft post.
#[utoipa::path(post, path = "/api/v1/blog/posts", tag = "blog", security(("bearer" = [])),
    request_body = NewPost,
    responses((status = 201, body = NodeView),
        (status = 409, description = "slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, a `category_id` that is not a category of the tenant, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn create_post(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewPost>,
) -> ApiResult<(StatusCode, ApiJson<NodeView>)> {
    let ctx = authorize(&api, "content:create").await?;
    let post = blog(&api.platform).create_post(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(post)))
}

pub use rustok_api::LocaleQuery;

/// One post by id; drafts are 404 for readers without `content:read`.
#[utoipa::path(get, path = "/api/v1/blog/posts/{id}", tag = "blog",
    params(("id" = String, Path, description = "Post id"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_post(
    api: ApiContext,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, drafts) = reader(&api).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let post = reading(&api.platform, drafts)
        .post(&ctx, node_id(&id)?, locale.as_ref())
        .await?;
    Ok(ApiJson(shown(post, drafts)?))
}

/// One post by its slug in any locale, answered in the requested locale or the fallback.
#[utoipa::path(get, path = "/api/v1/blog/posts/by-slug/{slug}", tag = "blog",
    params(("slug" = String, Path, description = "Post slug"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_post_by_slug(
    api: ApiContext,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, drafts) = reader(&api).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let post = reading(&api.platform, drafts)
        .post_by_slug(&ctx, &slug, locale.as_ref())
        .await?;
    Ok(ApiJson(shown(post, drafts)?))
}

/// Edits a post; the previous state becomes a revision.
#[utoipa::path(patch, path = "/api/v1/blog/posts/{id}", tag = "blog", security(("bearer" = [])),
    params(("id" = String, Path, description = "Post id")),
    request_body = NodePatch,
    responses((status = 200, body = NodeView),
        (status = 409, description = "version_conflict | slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, a `category_id` that is not a category of the tenant, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn update_post(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(patch): ApiJson<NodePatch>,
) -> ApiResult<ApiJson<NodeView>> {
    let ctx = authorize(&api, "content:update").await?;
    Ok(ApiJson(
        blog(&api.platform)
            .update_post(&ctx, node_id(&id)?, patch)
            .await?,
    ))
}

/// Deletes a post with its comments.
#[utoipa::path(delete, path = "/api/v1/blog/posts/{id}", tag = "blog", security(("bearer" = [])),
    params(("id" = String, Path, description = "Post id")),
    responses((status = 204, description = "deleted")))]
async fn delete_post(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&api, "content:delete").await?;
    blog(&api.platform).delete_post(&ctx, node_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A workflow step for a post.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransitionInput {
    /// What to do; which steps a status allows is drawn in `Transition`.
    pub transition: Transition,
    /// Required by `schedule`: when to publish, in the future (`validation_failed`
    /// otherwise). Ignored by the other steps.
    pub publish_at: Option<DateTime<Utc>>,
}

/// Moves a post through the workflow (submit, publish, schedule, unpublish, archive, ...).
#[utoipa::path(post, path = "/api/v1/blog/posts/{id}/transitions", tag = "blog",
    security(("bearer" = [])), params(("id" = String, Path, description = "Post id")),
    request_body = TransitionInput,
    responses((status = 200, body = NodeView),
        (status = 409, description = "invalid_transition: the post's status does not allow it", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, or `schedule` without a `publish_at` in the future", content_type = "application/problem+json")))]
async fn transition_post(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<TransitionInput>,
) -> ApiResult<ApiJson<NodeView>> {
    let permission = transition_permission(input.transition);
    let ctx = authorize(&api, permission).await?;
    Ok(ApiJson(
        blog(&api.platform)
            .transition_post(&ctx, node_id(&id)?, input.transition, input.publish_at)
            .await?,
    ))
}

/// Makes a post sticky (`pinned`) or closes its comments (`locked`).
#[utoipa::path(put, path = "/api/v1/blog/posts/{id}/flags", tag = "blog",
    security(("bearer" = [])), params(("id" = String, Path, description = "Post id")),
    request_body = NodeFlags,
    responses((status = 200, body = NodeView)))]
async fn set_post_flags(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(flags): ApiJson<NodeFlags>,
) -> ApiResult<ApiJson<NodeView>> {
    let ctx = authorize(&api, "content:update").await?;
    Ok(ApiJson(
        blog(&api.platform)
            .set_post_flags(&ctx, node_id(&id)?, flags)
            .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentQuery {
    /// `pending`, `approved` or `spam` (moderators only; everyone else gets `approved`).
    pub moderation: Option<String>,
    /// Cursor: the previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100, default 50.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

/// A post's comments, oldest first.
#[utoipa::path(get, path = "/api/v1/blog/posts/{id}/comments", tag = "blog",
    params(("id" = String, Path, description = "Post id"), CommentQuery),
    responses((status = 200, body = CommentPage),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn list_comments(
    api: ApiContext,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<CommentQuery>,
) -> ApiResult<ApiJson<CommentPage>> {
    let (ctx, drafts) = reader(&api).await?;
    let service = reading(&api.platform, drafts);
    let post = service.post(&ctx, node_id(&id)?, None).await?;
    let post = shown(post, drafts)?;
    let moderation = comment_filter(&api, query.moderation.as_deref()).await?;
    let limit = page_limit(query.limit, 50, MAX_PAGE_SIZE)?;
    Ok(ApiJson(
        service
            .comments(&ctx, &post, moderation, query.after, limit)
            .await?,
    ))
}

/// Comments on a published post. They wait for moderation unless the writer is a moderator.
#[utoipa::path(post, path = "/api/v1/blog/posts/{id}/comments", tag = "blog",
    security(("bearer" = [])), params(("id" = String, Path, description = "Post id")),
    request_body = NewComment,
    responses((status = 201, body = CommentView),
        (status = 404, description = "not_found: no published post with this id", content_type = "application/problem+json"),
        (status = 409, description = "node_locked: comments are closed", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, a `reply_to` that is not a comment on this post, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn add_comment(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<NewComment>,
) -> ApiResult<(StatusCode, ApiJson<CommentView>)> {
    let ctx = authorize(&api, "comments:create").await?;
    let approved = moderates(&api).await;
    let comment = blog(&api.platform)
        .add_comment(&ctx, node_id(&id)?, input, approved)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(comment)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// `pending` (default), `approved` or `spam`.
    pub moderation: Option<String>,
    pub after: Option<String>,
    /// 1..=100, default 50.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

/// Comments of every post in one moderation state, oldest first (moderators).
#[utoipa::path(get, path = "/api/v1/blog/comments", tag = "blog", security(("bearer" = [])),
    params(QueueQuery), responses((status = 200, body = CommentPage)))]
async fn moderation_queue(
    SignedIn(api): SignedIn,
    ApiQuery(query): ApiQuery<QueueQuery>,
) -> ApiResult<ApiJson<CommentPage>> {
    let ctx = authorize(&api, "comments:moderate").await?;
    let moderation = match query.moderation.as_deref() {
        Some(m) => moderation(m)?,
        None => Moderation::Pending,
    };
    let limit = page_limit(query.limit, 50, MAX_PAGE_SIZE)?;
    Ok(ApiJson(
        blog(&api.platform)
            .moderation_queue(&ctx, moderation, query.after, limit)
            .await?,
    ))
}

/// Approves a comment or marks it spam.
#[utoipa::path(post, path = "/api/v1/blog/comments/{id}/moderation", tag = "blog",
    security(("bearer" = [])), params(("id" = String, Path, description = "Comment id")),
    request_body = ModerationInput,
    responses((status = 200, body = CommentView),
        (status = 404, description = "not_found: no such comment", content_type = "application/problem+json"),
        (status = 409, description = "invalid_transition: the comment's status allows no such step, as for a draft written through the content API marked spam", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `pending` for a comment already moderated", content_type = "application/problem+json")))]
async fn moderate_comment(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<ModerationInput>,
) -> ApiResult<ApiJson<CommentView>> {
    let ctx = authorize(&api, "comments:moderate").await?;
    Ok(ApiJson(
        blog(&api.platform)
            .moderate(&ctx, node_id(&id)?, input.moderation)
            .await?,
    ))
}

/// Deletes a comment (moderators, or its author).
#[utoipa::path(delete, path = "/api/v1/blog/comments/{id}", tag = "blog",
    security(("bearer" = [])), params(("id" = String, Path, description = "Comment id")),
    responses((status = 204, description = "deleted")))]
async fn delete_comment(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&api, "comments:create").await?;
    delete_own_or_moderated(&api, &ctx, node_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
