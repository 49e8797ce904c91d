//! REST routes under `/api/v1/forum`, mounted by the server with the platform as state.
//! Reading is public (published posts); posting needs `forum:post`, moderation
//! `forum:moderate`. Every route answers 404 `module_disabled` when content or forum is off.

use axum::extract::State;
use axum::http::StatusCode;
use rustok_api::{
    ApiJson, ApiPath, ApiQuery, ApiResult, AuthUser, CurrentTenant, OptionalAuth, PlatformState,
};
use rustok_content::access::{node_id, requested_locale};
use rustok_core::Error;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{MODERATE, POST, authorize, authorize_edit, forums, reader};
use crate::dto::{
    ForumPatch, Listing, NewForum, NewReply, NewTopic, NodeFlags, NodePage, NodeView, ReplyPatch,
    TopicPatch, Visibility,
};

pub fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .routes(routes!(list_forums, create_forum))
        .routes(routes!(get_forum, update_forum, delete_forum))
        .routes(routes!(get_forum_by_slug))
        .routes(routes!(list_topics, create_topic))
        .routes(routes!(get_topic, update_topic, delete_topic))
        .routes(routes!(get_topic_by_slug))
        .routes(routes!(moderate_topic))
        .routes(routes!(list_replies, create_reply))
        .routes(routes!(update_reply, delete_reply))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// Preferred locale; the tenant default is the fallback (each item says which it is in).
    pub locale: Option<String>,
    /// Cursor: the previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100, default 20.
    pub limit: Option<u64>,
}

impl ListQuery {
    fn listing(self, visibility: Visibility) -> Result<Listing, Error> {
        Ok(Listing {
            visibility,
            locale: requested_locale(self.locale.as_deref())?,
            after: self.after,
            limit: self.limit.unwrap_or(20),
        })
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct LocaleQuery {
    /// Preferred locale; the tenant default is the fallback (the answer says which was used).
    pub locale: Option<String>,
}

/// Forum categories by `position` (public).
#[utoipa::path(get, path = "/api/v1/forum/forums", tag = "forum", params(ListQuery),
    responses((status = 200, body = NodePage),
        (status = 404, description = "module_disabled", content_type = "application/problem+json")))]
async fn list_forums(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<NodePage>> {
    let (ctx, visibility) = reader(&platform, &tenant, principal.as_ref()).await?;
    let page = forums(&platform)
        .forums(&ctx, query.listing(visibility)?)
        .await?;
    Ok(ApiJson(page))
}

/// Creates a forum category, published at once (`forum:moderate`).
#[utoipa::path(post, path = "/api/v1/forum/forums", tag = "forum", security(("bearer" = [])),
    request_body = NewForum,
    responses((status = 201, body = NodeView),
        (status = 403, description = "forbidden", content_type = "application/problem+json"),
        (status = 409, description = "slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed", content_type = "application/problem+json")))]
async fn create_forum(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiJson(input): ApiJson<NewForum>,
) -> ApiResult<(StatusCode, ApiJson<NodeView>)> {
    let ctx = authorize(&platform, &tenant, &principal, MODERATE).await?;
    let forum = forums(&platform).create_forum(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(forum)))
}

/// One forum category (public).
#[utoipa::path(get, path = "/api/v1/forum/forums/{id}", tag = "forum",
    params(("id" = String, Path, description = "Forum id"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_forum(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, visibility) = reader(&platform, &tenant, principal.as_ref()).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let forum = forums(&platform)
        .forum(&ctx, node_id(&id)?, locale.as_ref(), visibility)
        .await?;
    Ok(ApiJson(forum))
}

/// The forum category with this slug in any locale (public).
#[utoipa::path(get, path = "/api/v1/forum/forums/by-slug/{slug}", tag = "forum",
    params(("slug" = String, Path, description = "Slug in any of the tenant's locales"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_forum_by_slug(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, visibility) = reader(&platform, &tenant, principal.as_ref()).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let forum = forums(&platform)
        .forum_by_slug(&ctx, &slug, locale.as_ref(), visibility)
        .await?;
    Ok(ApiJson(forum))
}

/// Renames, translates, describes or reorders a forum category (`forum:moderate`).
#[utoipa::path(patch, path = "/api/v1/forum/forums/{id}", tag = "forum", security(("bearer" = [])),
    params(("id" = String, Path, description = "Forum id")),
    request_body = ForumPatch,
    responses((status = 200, body = NodeView),
        (status = 409, description = "version_conflict | slug_taken", content_type = "application/problem+json")))]
async fn update_forum(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(patch): ApiJson<ForumPatch>,
) -> ApiResult<ApiJson<NodeView>> {
    let ctx = authorize(&platform, &tenant, &principal, MODERATE).await?;
    let forum = forums(&platform)
        .update_forum(&ctx, node_id(&id)?, patch)
        .await?;
    Ok(ApiJson(forum))
}

/// Deletes a forum category with its topics and replies (`forum:moderate`).
#[utoipa::path(delete, path = "/api/v1/forum/forums/{id}", tag = "forum", security(("bearer" = [])),
    params(("id" = String, Path, description = "Forum id")),
    responses((status = 204, description = "deleted"),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn delete_forum(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&platform, &tenant, &principal, MODERATE).await?;
    forums(&platform).delete_forum(&ctx, node_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Topics of a forum: pinned first, then by latest activity (public).
#[utoipa::path(get, path = "/api/v1/forum/forums/{id}/topics", tag = "forum",
    params(("id" = String, Path, description = "Forum id"), ListQuery),
    responses((status = 200, body = NodePage),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn list_topics(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<NodePage>> {
    let (ctx, visibility) = reader(&platform, &tenant, principal.as_ref()).await?;
    let page = forums(&platform)
        .topics(&ctx, node_id(&id)?, query.listing(visibility)?)
        .await?;
    Ok(ApiJson(page))
}

/// Opens a topic, published at once (`forum:post`).
#[utoipa::path(post, path = "/api/v1/forum/forums/{id}/topics", tag = "forum",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Forum id")),
    request_body = NewTopic,
    responses((status = 201, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json"),
        (status = 409, description = "node_locked", content_type = "application/problem+json"),
        (status = 413, description = "payload_too_large", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed", content_type = "application/problem+json")))]
async fn create_topic(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<NewTopic>,
) -> ApiResult<(StatusCode, ApiJson<NodeView>)> {
    let ctx = authorize(&platform, &tenant, &principal, POST).await?;
    let topic = forums(&platform)
        .create_topic(&ctx, node_id(&id)?, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(topic)))
}

/// One topic (public).
#[utoipa::path(get, path = "/api/v1/forum/topics/{id}", tag = "forum",
    params(("id" = String, Path, description = "Topic id"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_topic(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, visibility) = reader(&platform, &tenant, principal.as_ref()).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let topic = forums(&platform)
        .topic(&ctx, node_id(&id)?, locale.as_ref(), visibility)
        .await?;
    Ok(ApiJson(topic))
}

/// The topic with this slug in any locale (public).
#[utoipa::path(get, path = "/api/v1/forum/topics/by-slug/{slug}", tag = "forum",
    params(("slug" = String, Path, description = "Slug in any of the tenant's locales"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_topic_by_slug(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, visibility) = reader(&platform, &tenant, principal.as_ref()).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let topic = forums(&platform)
        .topic_by_slug(&ctx, &slug, locale.as_ref(), visibility)
        .await?;
    Ok(ApiJson(topic))
}

/// Edits a topic's title or body in one locale: the author while the topic is open
/// (`forum:post`), moderators always (`forum:moderate`).
#[utoipa::path(patch, path = "/api/v1/forum/topics/{id}", tag = "forum", security(("bearer" = [])),
    params(("id" = String, Path, description = "Topic id")),
    request_body = TopicPatch,
    responses((status = 200, body = NodeView),
        (status = 403, description = "forbidden (not the author)", content_type = "application/problem+json"),
        (status = 409, description = "node_locked | version_conflict", content_type = "application/problem+json")))]
async fn update_topic(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(patch): ApiJson<TopicPatch>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, right) = authorize_edit(&platform, &tenant, &principal).await?;
    let topic = forums(&platform)
        .update_topic(&ctx, node_id(&id)?, patch, right)
        .await?;
    Ok(ApiJson(topic))
}

/// Deletes a topic with its replies (`forum:moderate`).
#[utoipa::path(delete, path = "/api/v1/forum/topics/{id}", tag = "forum", security(("bearer" = [])),
    params(("id" = String, Path, description = "Topic id")),
    responses((status = 204, description = "deleted"),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn delete_topic(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&platform, &tenant, &principal, MODERATE).await?;
    forums(&platform).delete_topic(&ctx, node_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Locks (no new replies) and/or pins (listed first) a topic; absent flags stay as they are
/// (`forum:moderate`).
#[utoipa::path(post, path = "/api/v1/forum/topics/{id}/moderation", tag = "forum",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Topic id")),
    request_body = NodeFlags,
    responses((status = 200, body = NodeView),
        (status = 403, description = "forbidden", content_type = "application/problem+json"),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn moderate_topic(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(flags): ApiJson<NodeFlags>,
) -> ApiResult<ApiJson<NodeView>> {
    let ctx = authorize(&platform, &tenant, &principal, MODERATE).await?;
    let topic = forums(&platform)
        .moderate_topic(&ctx, node_id(&id)?, flags)
        .await?;
    Ok(ApiJson(topic))
}

/// Replies of a topic, oldest first (public).
#[utoipa::path(get, path = "/api/v1/forum/topics/{id}/replies", tag = "forum",
    params(("id" = String, Path, description = "Topic id"), ListQuery),
    responses((status = 200, body = NodePage),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn list_replies(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<NodePage>> {
    let (ctx, visibility) = reader(&platform, &tenant, principal.as_ref()).await?;
    let page = forums(&platform)
        .replies(&ctx, node_id(&id)?, query.listing(visibility)?)
        .await?;
    Ok(ApiJson(page))
}

/// Replies to a topic, published at once (`forum:post`). A locked topic refuses with 409
/// `node_locked`.
#[utoipa::path(post, path = "/api/v1/forum/topics/{id}/replies", tag = "forum",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Topic id")),
    request_body = NewReply,
    responses((status = 201, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json"),
        (status = 409, description = "node_locked", content_type = "application/problem+json"),
        (status = 413, description = "payload_too_large", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed", content_type = "application/problem+json")))]
async fn create_reply(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<NewReply>,
) -> ApiResult<(StatusCode, ApiJson<NodeView>)> {
    let ctx = authorize(&platform, &tenant, &principal, POST).await?;
    let reply = forums(&platform)
        .create_reply(&ctx, node_id(&id)?, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(reply)))
}

/// Edits a reply's body: the author while the topic is open (`forum:post`), moderators always.
#[utoipa::path(patch, path = "/api/v1/forum/replies/{id}", tag = "forum", security(("bearer" = [])),
    params(("id" = String, Path, description = "Reply id")),
    request_body = ReplyPatch,
    responses((status = 200, body = NodeView),
        (status = 403, description = "forbidden (not the author)", content_type = "application/problem+json"),
        (status = 409, description = "node_locked | version_conflict", content_type = "application/problem+json")))]
async fn update_reply(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(patch): ApiJson<ReplyPatch>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, right) = authorize_edit(&platform, &tenant, &principal).await?;
    let reply = forums(&platform)
        .update_reply(&ctx, node_id(&id)?, patch, right)
        .await?;
    Ok(ApiJson(reply))
}

/// Deletes a reply (`forum:moderate`); the topic's `reply_count` drops by one.
#[utoipa::path(delete, path = "/api/v1/forum/replies/{id}", tag = "forum", security(("bearer" = [])),
    params(("id" = String, Path, description = "Reply id")),
    responses((status = 204, description = "deleted"),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn delete_reply(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&platform, &tenant, &principal, MODERATE).await?;
    forums(&platform).delete_reply(&ctx, node_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
