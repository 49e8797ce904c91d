//! REST routes under `/api/v1/content`, mounted by the server with the platform as state.
//! Admin operations need `content:*` permissions; anonymous readers see published nodes only.

use axum::extract::Path;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use rustok_api::{
    ApiContext, ApiJson, ApiPath, ApiQuery, ApiResult, MAX_PAGE_SIZE, PlatformState, Public,
    SignedIn, page_limit, requested_locale,
};
use rustok_core::search::normalize_query;
use rustok_core::{Error, parse_id};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::NodeSearch;
use crate::Transition;
use crate::access::{
    authorize, categories, reader, reading, searching, service, status_filter,
    transition_permission, visible, visitor,
};
use crate::dto::{
    CategoryPatch, CategoryView, NewCategory, NewNode, NodeFilter, NodePage, NodePatch,
    NodeSearchPage, NodeView, RevisionView, TagView,
};

pub fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .routes(routes!(list_nodes, create_node))
        .routes(routes!(search_nodes))
        .routes(routes!(get_node, update_node, delete_node))
        .routes(routes!(get_node_by_slug))
        .routes(routes!(transition_node))
        .routes(routes!(list_revisions))
        .routes(routes!(restore_revision))
        .routes(routes!(list_tags))
        .routes(routes!(list_categories, create_category))
        .routes(routes!(update_category, delete_category))
}

/// The tenant's category tree, flat (nest by `parent_id`), in the requested locale (public).
#[utoipa::path(get, path = "/api/v1/content/categories", tag = "content", params(LocaleQuery),
    responses((status = 200, body = Vec<CategoryView>)))]
async fn list_categories(
    Public(api): Public,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<Vec<CategoryView>>> {
    let ctx = visitor(&api).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    Ok(ApiJson(
        categories(&api.platform)
            .list(&ctx, locale.as_ref())
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/content/categories", tag = "content", security(("bearer" = [])),
    request_body = NewCategory,
    responses((status = 201, body = CategoryView),
        (status = 409, description = "slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, a `parent_id` that is not a category of the tenant, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn create_category(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewCategory>,
) -> ApiResult<(StatusCode, ApiJson<CategoryView>)> {
    let ctx = authorize(&api, "content:create").await?;
    let category = categories(&api.platform).create(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(category)))
}

/// Renames, translates or moves a category (never under its own subtree).
#[utoipa::path(patch, path = "/api/v1/content/categories/{id}", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path, description = "Category id")),
    request_body = CategoryPatch,
    responses((status = 200, body = CategoryView),
        (status = 404, description = "not_found", content_type = "application/problem+json"),
        (status = 409, description = "slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, a `parent_id` that is not a category of the tenant or lies in the moved category's subtree, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn update_category(
    SignedIn(api): SignedIn,
    Path(id): Path<String>,
    ApiJson(patch): ApiJson<CategoryPatch>,
) -> ApiResult<ApiJson<CategoryView>> {
    let ctx = authorize(&api, "content:update").await?;
    Ok(ApiJson(
        categories(&api.platform)
            .update(&ctx, parse_id(&id)?, patch)
            .await?,
    ))
}

/// Deletes a category and its subtree; their nodes lose the category.
#[utoipa::path(delete, path = "/api/v1/content/categories/{id}", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path, description = "Category id")),
    responses((status = 204, description = "deleted")))]
async fn delete_category(SignedIn(api): SignedIn, Path(id): Path<String>) -> ApiResult<StatusCode> {
    let ctx = authorize(&api, "content:delete").await?;
    categories(&api.platform)
        .delete(&ctx, parse_id(&id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The tenant's tags (public).
#[utoipa::path(get, path = "/api/v1/content/tags", tag = "content",
    responses((status = 200, body = Vec<TagView>)))]
async fn list_tags(Public(api): Public) -> ApiResult<ApiJson<Vec<TagView>>> {
    let ctx = visitor(&api).await?;
    Ok(ApiJson(service(&api.platform).tags(&ctx).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Search: any text, at most 200 characters; the published nodes matching it, best first
    /// (`sort`, `pinned_first` do not apply; see `GET /api/v1/content/search` for snippets,
    /// totals and facets).
    pub q: Option<String>,
    /// Node kind, e.g. `post`, `page`.
    pub kind: Option<String>,
    /// Status filter (staff only; readers always get `published`).
    #[param(inline, value_type = Option<crate::NodeStatus>)]
    pub status: Option<String>,
    /// Children of this node (comments, replies).
    pub parent_id: Option<String>,
    /// Nodes carrying the tag with this slug.
    pub tag: Option<String>,
    /// Nodes in this category.
    pub category_id: Option<String>,
    /// Nodes written by this user.
    pub author_id: Option<String>,
    /// Only nodes translated into this locale (no fallback; not with `q`).
    pub translated_into: Option<String>,
    /// `newest` (default), `oldest`, `published_at`, `last_activity` or `position`.
    #[param(inline, value_type = Option<crate::dto::NodeSort>)]
    pub sort: Option<String>,
    /// Pinned nodes first (then `sort`).
    pub pinned_first: Option<bool>,
    /// Preferred locale; the tenant default is the fallback.
    pub locale: Option<String>,
    /// Cursor: the previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

impl ListQuery {
    /// The listing filter (`drafts`: whether the caller may see unpublished nodes).
    fn filter(self, drafts: bool) -> Result<(NodeFilter, Option<String>), Error> {
        let status = status_filter(drafts, self.status.as_deref())?;
        let sort = self
            .sort
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|e: String| Error::invalid_field("sort", e))?
            .unwrap_or_default();
        let filter = NodeFilter {
            author_id: self.author_id.as_deref().map(parse_id).transpose()?,
            translated_into: self.translated_into,
            sort,
            pinned_first: self.pinned_first.unwrap_or(false),
            tag: self.tag,
            category_id: self.category_id.as_deref().map(parse_id).transpose()?,
            kind: self.kind,
            status,
            parent_id: self.parent_id.as_deref().map(parse_id).transpose()?,
            after: self.after,
            limit: page_limit(self.limit, 20, MAX_PAGE_SIZE)?,
        };
        Ok((filter, self.locale))
    }
}

/// Nodes, newest first unless `sort` says otherwise. Anonymous callers and callers without
/// `content:read` get published nodes only. With `q`, the published nodes matching it, best
/// first, for every caller.
#[utoipa::path(get, path = "/api/v1/content/nodes", tag = "content", params(ListQuery),
    responses((status = 200, body = NodePage),
        (status = 400, description = "query_too_long, invalid_cursor, invalid_id", content_type = "application/problem+json"),
        (status = 404, description = "module_disabled", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `translated_into` or a status other than published with `q`", content_type = "application/problem+json"),
        (status = 503, description = "unavailable: with `q`, while the site's search index is being built", content_type = "application/problem+json")))]
async fn list_nodes(
    api: ApiContext,
    ApiQuery(mut query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<NodePage>> {
    let (ctx, drafts) = reader(&api).await?;
    let q = normalize_query(query.q.take().as_deref())?;
    let (filter, locale) = query.filter(drafts)?;
    let locale = requested_locale(locale.as_deref())?;
    if let Some(q) = q {
        let (backend, nodes) = searching(&api.platform)?;
        let page = nodes
            .search_listing(backend.as_ref(), &ctx, q, filter, locale.as_ref())
            .await?;
        return Ok(ApiJson(page));
    }
    let page = reading(&api.platform, drafts)
        .list(&ctx, filter, locale.as_ref())
        .await?;
    Ok(ApiJson(page))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Any text, at most 200 characters. Every word must match the title, excerpt or body
    /// text (each also as a prefix); when no node matches, typo-tolerant matches on titles and
    /// slugs (`fuzzy: true`).
    pub q: Option<String>,
    /// Count matches by kind, category and tag.
    pub facets: Option<bool>,
    /// Node kind, e.g. `post`, `page`, `topic`.
    pub kind: Option<String>,
    /// Children of this node (comments, replies).
    pub parent_id: Option<String>,
    /// Nodes carrying the tag with this slug.
    pub tag: Option<String>,
    pub category_id: Option<String>,
    pub author_id: Option<String>,
    /// Preferred locale; the tenant default is the fallback.
    pub locale: Option<String>,
    /// Cursor: the previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

/// Published nodes matching `q`, best first, with highlighted snippets, the total and (with
/// `facets=true`) counts per kind, category and tag. A blank `q` matches nothing. Anything in
/// `q` is text: quotes, operators and punctuation never fail. Anyone may call it; staff too
/// find published nodes only (search reads the read model).
#[utoipa::path(get, path = "/api/v1/content/search", tag = "content", params(SearchQuery),
    responses((status = 200, body = NodeSearchPage),
        (status = 400, description = "query_too_long, invalid_cursor, invalid_id", content_type = "application/problem+json"),
        (status = 404, description = "module_disabled", content_type = "application/problem+json"),
        (status = 503, description = "unavailable: the site's search index is being built", content_type = "application/problem+json")))]
async fn search_nodes(
    api: ApiContext,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> ApiResult<ApiJson<NodeSearchPage>> {
    let ctx = visitor(&api).await?;
    let q = normalize_query(query.q.as_deref())?;
    let filter = NodeFilter {
        kind: query.kind,
        parent_id: query.parent_id.as_deref().map(parse_id).transpose()?,
        tag: query.tag,
        category_id: query.category_id.as_deref().map(parse_id).transpose()?,
        author_id: query.author_id.as_deref().map(parse_id).transpose()?,
        after: query.after,
        limit: page_limit(query.limit, 20, MAX_PAGE_SIZE)?,
        ..NodeFilter::default()
    };
    let locale = requested_locale(query.locale.as_deref())?;
    let facets = query.facets == Some(true);
    let Some(q) = q else {
        return Ok(ApiJson(NodeSearchPage::empty(facets)));
    };
    let (backend, nodes) = searching(&api.platform)?;
    let search = NodeSearch { q, filter, facets };
    let page = nodes
        .search(backend.as_ref(), &ctx, search, locale.as_ref())
        .await?;
    Ok(ApiJson(page))
}

/// Creates a draft node with its first translation and body.
#[utoipa::path(post, path = "/api/v1/content/nodes", tag = "content", security(("bearer" = [])),
    request_body = NewNode,
    responses((status = 201, body = NodeView),
        (status = 409, description = "slug_taken | node_locked: the slug is another node's, or the parent is locked", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, a `parent_id` or `category_id` that is not the tenant's, a parent nested too deep, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn create_node(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewNode>,
) -> ApiResult<(StatusCode, ApiJson<NodeView>)> {
    let ctx = authorize(&api, "content:create").await?;
    let node = service(&api.platform).create(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(node)))
}

pub use rustok_api::LocaleQuery;

/// One node. Unpublished nodes are invisible (404) to readers without `content:read`.
#[utoipa::path(get, path = "/api/v1/content/nodes/{id}", tag = "content",
    params(("id" = String, Path, description = "Node id"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_node(
    api: ApiContext,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, drafts) = reader(&api).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let node = reading(&api.platform, drafts)
        .get(&ctx, parse_id(&id)?, locale.as_ref())
        .await?;
    if !visible(&node.status, drafts) {
        return Err(Error::NotFound { what: "node" }.into());
    }
    Ok(ApiJson(node))
}

/// The node of `kind` with this slug (in any locale), in the requested locale or the fallback.
/// Unpublished nodes are invisible (404) to readers without `content:read`.
#[utoipa::path(get, path = "/api/v1/content/nodes/by-slug/{kind}/{slug}", tag = "content",
    params(("kind" = String, Path, description = "Node kind, e.g. `post`"),
        ("slug" = String, Path, description = "Slug in any of the tenant's locales"), LocaleQuery),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_node_by_slug(
    api: ApiContext,
    Path((kind, slug)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<NodeView>> {
    let (ctx, drafts) = reader(&api).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let node = reading(&api.platform, drafts)
        .get_by_slug(&ctx, &kind, &slug, locale.as_ref())
        .await?;
    if !visible(&node.status, drafts) {
        return Err(Error::NotFound { what: "node" }.into());
    }
    Ok(ApiJson(node))
}

/// Edits a node; the previous state becomes a revision.
#[utoipa::path(patch, path = "/api/v1/content/nodes/{id}", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path, description = "Node id")),
    request_body = NodePatch,
    responses((status = 200, body = NodeView),
        (status = 409, description = "version_conflict | slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, a `category_id` that is not a category of the tenant, or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn update_node(
    SignedIn(api): SignedIn,
    Path(id): Path<String>,
    ApiJson(patch): ApiJson<NodePatch>,
) -> ApiResult<ApiJson<NodeView>> {
    let ctx = authorize(&api, "content:update").await?;
    let node = service(&api.platform)
        .update(&ctx, parse_id(&id)?, patch)
        .await?;
    Ok(ApiJson(node))
}

/// Deletes a node with its texts, revisions and replies.
#[utoipa::path(delete, path = "/api/v1/content/nodes/{id}", tag = "content", security(("bearer" = [])),
    params(("id" = String, Path, description = "Node id")),
    responses((status = 204, description = "deleted")))]
async fn delete_node(SignedIn(api): SignedIn, Path(id): Path<String>) -> ApiResult<StatusCode> {
    let ctx = authorize(&api, "content:delete").await?;
    service(&api.platform).delete(&ctx, parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A workflow step for a node.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TransitionInput {
    /// What to do; which steps a status allows is drawn in `Transition`.
    pub transition: Transition,
    /// Required by `schedule`: when to publish, in the future (`validation_failed`
    /// otherwise). Ignored by the other steps.
    pub publish_at: Option<DateTime<Utc>>,
}

/// Moves a node through the workflow (submit, reject, publish, schedule, cancel, unpublish,
/// archive, restore). `submit`/`reject` need `content:update`, the others `content:publish`.
#[utoipa::path(post, path = "/api/v1/content/nodes/{id}/transitions", tag = "content",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Node id")),
    request_body = TransitionInput,
    responses((status = 200, body = NodeView),
        (status = 409, description = "invalid_transition: the node's status does not allow it", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, or `schedule` without a `publish_at` in the future", content_type = "application/problem+json")))]
async fn transition_node(
    SignedIn(api): SignedIn,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<TransitionInput>,
) -> ApiResult<ApiJson<NodeView>> {
    let permission = transition_permission(input.transition);
    let ctx = authorize(&api, permission).await?;
    let node = service(&api.platform)
        .transition(&ctx, parse_id(&id)?, input.transition, input.publish_at)
        .await?;
    Ok(ApiJson(node))
}

/// Earlier versions of a node, newest first.
#[utoipa::path(get, path = "/api/v1/content/nodes/{id}/revisions", tag = "content",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Node id")),
    responses((status = 200, body = Vec<RevisionView>)))]
async fn list_revisions(
    SignedIn(api): SignedIn,
    Path(id): Path<String>,
) -> ApiResult<ApiJson<Vec<RevisionView>>> {
    let ctx = authorize(&api, "content:read").await?;
    let revisions = service(&api.platform)
        .revisions(&ctx, parse_id(&id)?)
        .await?;
    Ok(ApiJson(revisions))
}

/// Restores a node as it was at `version` (recorded as a new version).
#[utoipa::path(post, path = "/api/v1/content/nodes/{id}/revisions/{version}/restore",
    tag = "content", security(("bearer" = [])),
    params(("id" = String, Path, description = "Node id"), ("version" = i32, Path, description = "Revision")),
    responses((status = 200, body = NodeView),
        (status = 404, description = "not_found: no such node or revision", content_type = "application/problem+json"),
        (status = 409, description = "slug_taken: the revision's slug is another node's now", content_type = "application/problem+json")))]
async fn restore_revision(
    SignedIn(api): SignedIn,
    ApiPath((id, version)): ApiPath<(String, i32)>,
) -> ApiResult<ApiJson<NodeView>> {
    let ctx = authorize(&api, "content:update").await?;
    let node = service(&api.platform)
        .restore_revision(&ctx, parse_id(&id)?, version)
        .await?;
    Ok(ApiJson(node))
}
