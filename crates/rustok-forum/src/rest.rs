//! REST routes under `/api/v1/forum`, mounted by the server with the platform as state.
//! Reading is public (published posts); posting needs `forum:post`, moderation
//! `forum:moderate`. Every route answers 404 `module_disabled` when content or forum is off.

use axum::http::StatusCode;
use rustok_api::{
    ApiContext, ApiJson, ApiPath, ApiQuery, ApiResult, MAX_PAGE_SIZE, PlatformState, SignedIn,
    page_limit,
};
use rustok_core::Error;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{
    MODERATE, POST, authorize, authorize_edit, forums, node_id, reader, reading, requested_locale,
};
use crate::dto::{
    ForumPatch, Listed, Listing, Lookup, NewForum, NewReply, NewTopic, NodeFlags, NodeKind,
    NodePage, NodeView, ReplyPatch, TopicPatch, Visibility,
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
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Preferred locale; the tenant default is the fallback (each item says which it is in).
    pub locale: Option<String>,
    /// Cursor: the previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

impl ListQuery {
    fn listing(self, visibility: Visibility) -> Result<Listing, Error> {
        Ok(Listing {
            visibility,
            locale: requested_locale(self.locale.as_deref())?,
            after: self.after,
            limit: page_limit(self.limit, 20, MAX_PAGE_SIZE)?,
        })
    }
}

pub use rustok_api::LocaleQuery;

/// The node of `kind` that `lookup` names, in the requested locale, if the caller may see it.
async fn one(
    api: &ApiContext,
    kind: NodeKind,
    lookup: impl FnOnce() -> Result<Lookup, Error>,
    query: LocaleQuery,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, visibility) = reader(api).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let node = reading(&api.platform, visibility)
        .node(&ctx, kind, &lookup()?, locale.as_ref(), visibility)
        .await?;
    Ok(ApiJson(node))
}

/// A page of what `listed` names, for any reader.
async fn page(
    api: &ApiContext,
    listed: impl FnOnce() -> Result<Listed, Error>,
    query: ListQuery,
) -> ApiResult<ApiJson<NodePage>> {
    let (ctx, visibility) = reader(api).await?;
    let listed = listed()?;
    let page = reading(&api.platform, visibility)
        .list(&ctx, listed, query.listing(visibility)?)
        .await?;
    Ok(ApiJson(page))
}

/// Deletes the node of `kind` with everything under it (`forum:moderate`).
async fn remove(api: &ApiContext, kind: NodeKind, id: &str) -> ApiResult<StatusCode> {
    let ctx = authorize(api, MODERATE).await?;
    forums(&api.platform)
        .delete(&ctx, kind, node_id(id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Forum categories by `position` (public).
#[utoipa::path(get, path = "/api/v1/forum/forums", tag = "forum", params(ListQuery),
    responses((status = 200, body = NodePage),
        (status = 404, description = "module_disabled", content_type = "application/problem+json")))]
async fn list_forums(
    api: ApiContext,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<NodePage>> {
    page(&api, || Ok(Listed::Forums), query).await
}

/// Creates a forum category, published at once (`forum:moderate`).
#[utoipa::path(post, path = "/api/v1/forum/forums", tag = "forum", security(("bearer" = [])),
    request_body = NewForum,
    responses((status = 201, body = NodeView),
        (status = 403, description = "forbidden", content_type = "application/problem+json"),
        (status = 409, description = "slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn create_forum(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewForum>,
) -> ApiResult<(StatusCode, ApiJson<NodeView>)> {
    let ctx = authorize(&api, MODERATE).await?;
    let forum = forums(&api.platform).create_forum(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(forum)))
}

/// One forum category (public).
#[utoipa::path(get, path = "/api/v1/forum/forums/{id}", tag = "forum",
    params(("id" = String, Path, description = "Forum id"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_forum(
    api: ApiContext,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    one(
        &api,
        NodeKind::Forum,
        || Ok(Lookup::Id(node_id(&id)?)),
        query,
    )
    .await
}

/// The forum category with this slug in any locale (public).
#[utoipa::path(get, path = "/api/v1/forum/forums/by-slug/{slug}", tag = "forum",
    params(("slug" = String, Path, description = "Slug in any of the tenant's locales"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_forum_by_slug(
    api: ApiContext,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    one(&api, NodeKind::Forum, || Ok(Lookup::Slug(slug)), query).await
}

/// Renames, translates, describes or reorders a forum category (`forum:moderate`).
#[utoipa::path(patch, path = "/api/v1/forum/forums/{id}", tag = "forum", security(("bearer" = [])),
    params(("id" = String, Path, description = "Forum id")),
    request_body = ForumPatch,
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json"),
        (status = 409, description = "version_conflict | slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, texts in a locale the tenant has not enabled, or a new translation without a `title`", content_type = "application/problem+json")))]
async fn update_forum(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(patch): ApiJson<ForumPatch>,
) -> ApiResult<ApiJson<NodeView>> {
    let ctx = authorize(&api, MODERATE).await?;
    let forum = forums(&api.platform)
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
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    remove(&api, NodeKind::Forum, &id).await
}

/// Topics of a forum: pinned first, then by latest activity (public).
#[utoipa::path(get, path = "/api/v1/forum/forums/{id}/topics", tag = "forum",
    params(("id" = String, Path, description = "Forum id"), ListQuery),
    responses((status = 200, body = NodePage),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn list_topics(
    api: ApiContext,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<NodePage>> {
    let listed = || {
        Ok(Listed::Topics {
            forum_id: node_id(&id)?,
        })
    };
    page(&api, listed, query).await
}

/// Opens a topic, published at once (`forum:post`).
#[utoipa::path(post, path = "/api/v1/forum/forums/{id}/topics", tag = "forum",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Forum id")),
    request_body = NewTopic,
    responses((status = 201, body = NodeView),
        (status = 404, description = "not_found: no published forum with this id", content_type = "application/problem+json"),
        (status = 409, description = "node_locked", content_type = "application/problem+json"),
        (status = 413, description = "payload_too_large", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn create_topic(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<NewTopic>,
) -> ApiResult<(StatusCode, ApiJson<NodeView>)> {
    let ctx = authorize(&api, POST).await?;
    let topic = forums(&api.platform)
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
    api: ApiContext,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    one(
        &api,
        NodeKind::Topic,
        || Ok(Lookup::Id(node_id(&id)?)),
        query,
    )
    .await
}

/// The topic with this slug in any locale (public).
#[utoipa::path(get, path = "/api/v1/forum/topics/by-slug/{slug}", tag = "forum",
    params(("slug" = String, Path, description = "Slug in any of the tenant's locales"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_topic_by_slug(
    api: ApiContext,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    one(&api, NodeKind::Topic, || Ok(Lookup::Slug(slug)), query).await
}

/// Edits a topic's title or body in one locale: the author while the topic is open
/// (`forum:post`), moderators always (`forum:moderate`).
#[utoipa::path(patch, path = "/api/v1/forum/topics/{id}", tag = "forum", security(("bearer" = [])),
    params(("id" = String, Path, description = "Topic id")),
    request_body = TopicPatch,
    responses((status = 200, body = NodeView),
        (status = 403, description = "forbidden (not the author)", content_type = "application/problem+json"),
        (status = 404, description = "not_found", content_type = "application/problem+json"),
        (status = 409, description = "node_locked | version_conflict", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, texts in a locale the tenant has not enabled, or a locale the topic has no translation in yet without a `title`", content_type = "application/problem+json")))]
async fn update_topic(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(patch): ApiJson<TopicPatch>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, right) = authorize_edit(&api).await?;
    let topic = forums(&api.platform)
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
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    remove(&api, NodeKind::Topic, &id).await
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
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(flags): ApiJson<NodeFlags>,
) -> ApiResult<ApiJson<NodeView>> {
    let ctx = authorize(&api, MODERATE).await?;
    let topic = forums(&api.platform)
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
    api: ApiContext,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<NodePage>> {
    let listed = || {
        Ok(Listed::Replies {
            topic_id: node_id(&id)?,
        })
    };
    page(&api, listed, query).await
}

/// Replies to a topic, published at once (`forum:post`). A locked topic refuses with 409
/// `node_locked`.
#[utoipa::path(post, path = "/api/v1/forum/topics/{id}/replies", tag = "forum",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Topic id")),
    request_body = NewReply,
    responses((status = 201, body = NodeView),
        (status = 404, description = "not_found: no published topic with this id in a published forum", content_type = "application/problem+json"),
        (status = 409, description = "node_locked", content_type = "application/problem+json"),
        (status = 413, description = "payload_too_large", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn create_reply(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<NewReply>,
) -> ApiResult<(StatusCode, ApiJson<NodeView>)> {
    let ctx = authorize(&api, POST).await?;
    let reply = forums(&api.platform)
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
        (status = 404, description = "not_found", content_type = "application/problem+json"),
        (status = 409, description = "node_locked | version_conflict", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn update_reply(
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(patch): ApiJson<ReplyPatch>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, right) = authorize_edit(&api).await?;
    let reply = forums(&api.platform)
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
    SignedIn(api): SignedIn,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    remove(&api, NodeKind::Reply, &id).await
}
