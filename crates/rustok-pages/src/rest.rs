//! REST routes under `/api/v1/pages`, mounted by the server with the platform as state.
//! Page writes need `content:*` permissions and menu writes `menus:manage`; anonymous readers
//! see published pages only, and menus without the items that link to unpublished pages.

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use rustok_api::{
    ApiContext, ApiJson, ApiPath, ApiQuery, ApiResult, MAX_PAGE_SIZE, PlatformState, SignedIn,
    page_limit, requested_locale,
};
use rustok_content::Transition;
use rustok_core::{Error, parse_id};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{
    authorize, menus, menus_reading, pages, reader, reading, status_filter, transition_permission,
    visible,
};
use crate::dto::{
    MenuItemPatch, MenuItemView, MenuPatch, MenuTree, MenuView, NewMenu, NewMenuItem, NewPage,
    PageList, PagePatch, PageView,
};

pub fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .routes(routes!(list_pages, create_page))
        .routes(routes!(get_page_by_slug))
        .routes(routes!(get_page, update_page, delete_page))
        .routes(routes!(transition_page))
        .routes(routes!(list_menus, create_menu))
        .routes(routes!(get_menu_tree))
        .routes(routes!(get_menu, update_menu, delete_menu))
        .routes(routes!(add_menu_item))
        .routes(routes!(update_menu_item, delete_menu_item))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Status filter (staff only; readers always get `published`).
    #[param(inline, value_type = Option<rustok_content::NodeStatus>)]
    pub status: Option<String>,
    /// Preferred locale; the tenant default is the fallback.
    pub locale: Option<String>,
    /// Cursor: the previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

pub use rustok_api::LocaleQuery;

/// Pages, newest first. Anonymous callers and callers without `content:read` get published
/// pages only.
#[utoipa::path(get, path = "/api/v1/pages", tag = "pages", params(ListQuery),
    responses((status = 200, body = PageList),
        (status = 404, description = "module_disabled", content_type = "application/problem+json")))]
async fn list_pages(
    api: ApiContext,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<PageList>> {
    let (ctx, drafts) = reader(&api).await?;
    let status = status_filter(drafts, query.status.as_deref())?;
    let locale = requested_locale(query.locale.as_deref())?;
    let limit = page_limit(query.limit, 20, MAX_PAGE_SIZE)?;
    let list = reading(&api.platform, drafts)
        .list(&ctx, status, locale.as_ref(), query.after, limit)
        .await?;
    Ok(ApiJson(list))
}

/// Creates a draft page with its first translation and block layout.
#[utoipa::path(post, path = "/api/v1/pages", tag = "pages", security(("bearer" = [])),
    request_body = NewPage,
    responses((status = 201, body = PageView),
        (status = 409, description = "slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits (200 blocks in all, nested ones included), or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn create_page(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewPage>,
) -> ApiResult<(StatusCode, ApiJson<PageView>)> {
    let ctx = authorize(&api, "content:create").await?;
    let page = pages(&api.platform).create(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(page)))
}

/// A page by its slug in any locale, returned in the requested locale (or the tenant default).
/// Unpublished pages are invisible (404) to readers without `content:read`.
#[utoipa::path(get, path = "/api/v1/pages/by-slug/{slug}", tag = "pages",
    params(("slug" = String, Path, description = "Page slug"), LocaleQuery),
    responses((status = 200, body = PageView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_page_by_slug(
    api: ApiContext,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<PageView>> {
    let (ctx, drafts) = reader(&api).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let page = reading(&api.platform, drafts)
        .get_by_slug(&ctx, &slug, locale.as_ref())
        .await?;
    shown(page, drafts)
}

/// One page. Unpublished pages are invisible (404) to readers without `content:read`.
#[utoipa::path(get, path = "/api/v1/pages/{id}", tag = "pages",
    params(("id" = String, Path, description = "Page id"), LocaleQuery),
    responses((status = 200, body = PageView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_page(
    api: ApiContext,
    ApiPath(page_id): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<PageView>> {
    let (ctx, drafts) = reader(&api).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let page = reading(&api.platform, drafts)
        .get(&ctx, parse_id(&page_id)?, locale.as_ref())
        .await?;
    shown(page, drafts)
}

/// The page, or 404 when the caller may not see it.
fn shown(page: PageView, drafts: bool) -> ApiResult<ApiJson<PageView>> {
    if !visible(&page.status, drafts) {
        return Err(Error::NotFound { what: "page" }.into());
    }
    Ok(ApiJson(page))
}

/// Edits the texts or the layout of a locale; the previous state becomes a content revision.
#[utoipa::path(patch, path = "/api/v1/pages/{id}", tag = "pages", security(("bearer" = [])),
    params(("id" = String, Path, description = "Page id")),
    request_body = PagePatch,
    responses((status = 200, body = PageView),
        (status = 404, description = "not_found", content_type = "application/problem+json"),
        (status = 409, description = "version_conflict | slug_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits (200 blocks in all, nested ones included), or a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn update_page(
    SignedIn(api): SignedIn,
    ApiPath(page_id): ApiPath<String>,
    ApiJson(patch): ApiJson<PagePatch>,
) -> ApiResult<ApiJson<PageView>> {
    let ctx = authorize(&api, "content:update").await?;
    let page = pages(&api.platform)
        .update(&ctx, parse_id(&page_id)?, patch)
        .await?;
    Ok(ApiJson(page))
}

/// Deletes a page with its blocks.
#[utoipa::path(delete, path = "/api/v1/pages/{id}", tag = "pages", security(("bearer" = [])),
    params(("id" = String, Path, description = "Page id")),
    responses((status = 204, description = "deleted")))]
async fn delete_page(
    SignedIn(api): SignedIn,
    ApiPath(page_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&api, "content:delete").await?;
    pages(&api.platform)
        .delete(&ctx, parse_id(&page_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A workflow step for a page.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PageTransitionInput {
    /// What to do; which steps a status allows is drawn in `Transition`.
    pub transition: Transition,
    /// Required by `schedule`: when to publish, in the future (`validation_failed`
    /// otherwise). Ignored by the other steps.
    pub publish_at: Option<DateTime<Utc>>,
}

/// Moves a page through content's workflow. `submit`/`reject` need `content:update`, the
/// others `content:publish`.
#[utoipa::path(post, path = "/api/v1/pages/{id}/transitions", tag = "pages",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Page id")),
    request_body = PageTransitionInput,
    responses((status = 200, body = PageView),
        (status = 409, description = "invalid_transition: the page's status does not allow it", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, or `schedule` without a `publish_at` in the future", content_type = "application/problem+json")))]
async fn transition_page(
    SignedIn(api): SignedIn,
    ApiPath(page_id): ApiPath<String>,
    ApiJson(input): ApiJson<PageTransitionInput>,
) -> ApiResult<ApiJson<PageView>> {
    let permission = transition_permission(input.transition);
    let ctx = authorize(&api, permission).await?;
    let page = pages(&api.platform)
        .transition(
            &ctx,
            parse_id(&page_id)?,
            input.transition,
            input.publish_at,
        )
        .await?;
    Ok(ApiJson(page))
}

/// The tenant's menus with their items (`menus:manage`).
#[utoipa::path(get, path = "/api/v1/pages/menus", tag = "pages", security(("bearer" = [])),
    responses((status = 200, body = Vec<MenuView>)))]
async fn list_menus(SignedIn(api): SignedIn) -> ApiResult<ApiJson<Vec<MenuView>>> {
    let ctx = authorize(&api, "menus:manage").await?;
    Ok(ApiJson(menus(&api.platform).list(&ctx).await?))
}

/// Creates an empty navigation menu; items are added one by one
/// (`POST /api/v1/pages/menus/{id}/items`).
#[utoipa::path(post, path = "/api/v1/pages/menus", tag = "pages", security(("bearer" = [])),
    request_body = NewMenu,
    responses((status = 201, body = MenuView),
        (status = 409, description = "handle_taken", content_type = "application/problem+json")))]
async fn create_menu(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewMenu>,
) -> ApiResult<(StatusCode, ApiJson<MenuView>)> {
    let ctx = authorize(&api, "menus:manage").await?;
    let menu = menus(&api.platform).create(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(menu)))
}

/// A menu as a storefront renders it: a tree in the requested locale (public). Items linking
/// to unpublished pages are left out for readers without `content:read`.
#[utoipa::path(get, path = "/api/v1/pages/menus/by-handle/{handle}", tag = "pages",
    params(("handle" = String, Path, description = "Menu handle, e.g. `main`"), LocaleQuery),
    responses((status = 200, body = MenuTree),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_menu_tree(
    api: ApiContext,
    ApiPath(handle): ApiPath<String>,
    ApiQuery(query): ApiQuery<LocaleQuery>,
) -> ApiResult<ApiJson<MenuTree>> {
    let (ctx, drafts) = reader(&api).await?;
    let locale = requested_locale(query.locale.as_deref())?;
    let tree = menus_reading(&api.platform, drafts)
        .tree(&ctx, &handle, locale.as_ref(), drafts)
        .await?;
    Ok(ApiJson(tree))
}

/// A menu with all its items and labels (`menus:manage`).
#[utoipa::path(get, path = "/api/v1/pages/menus/{id}", tag = "pages", security(("bearer" = [])),
    params(("id" = String, Path, description = "Menu id")),
    responses((status = 200, body = MenuView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_menu(
    SignedIn(api): SignedIn,
    ApiPath(menu_id): ApiPath<String>,
) -> ApiResult<ApiJson<MenuView>> {
    let ctx = authorize(&api, "menus:manage").await?;
    Ok(ApiJson(
        menus(&api.platform).get(&ctx, parse_id(&menu_id)?).await?,
    ))
}

/// Renames a menu or changes its handle.
#[utoipa::path(patch, path = "/api/v1/pages/menus/{id}", tag = "pages", security(("bearer" = [])),
    params(("id" = String, Path, description = "Menu id")),
    request_body = MenuPatch,
    responses((status = 200, body = MenuView),
        (status = 409, description = "handle_taken", content_type = "application/problem+json")))]
async fn update_menu(
    SignedIn(api): SignedIn,
    ApiPath(menu_id): ApiPath<String>,
    ApiJson(patch): ApiJson<MenuPatch>,
) -> ApiResult<ApiJson<MenuView>> {
    let ctx = authorize(&api, "menus:manage").await?;
    let menu = menus(&api.platform)
        .update(&ctx, parse_id(&menu_id)?, patch)
        .await?;
    Ok(ApiJson(menu))
}

/// Deletes a menu with its items.
#[utoipa::path(delete, path = "/api/v1/pages/menus/{id}", tag = "pages", security(("bearer" = [])),
    params(("id" = String, Path, description = "Menu id")),
    responses((status = 204, description = "deleted")))]
async fn delete_menu(
    SignedIn(api): SignedIn,
    ApiPath(menu_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&api, "menus:manage").await?;
    menus(&api.platform)
        .delete(&ctx, parse_id(&menu_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds an item linking to a page or a URL, optionally nested under another item.
#[utoipa::path(post, path = "/api/v1/pages/menus/{id}/items", tag = "pages",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Menu id")),
    request_body = NewMenuItem,
    responses((status = 201, body = MenuItemView),
        (status = 404, description = "not_found: no such menu", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, not exactly one of `page_id` and `url`, a `page_id` that is not a page of the tenant, a `parent_id` that is not an item of this menu or nests too deep, a full menu (200 items), a label locale given twice or not enabled by the tenant", content_type = "application/problem+json")))]
async fn add_menu_item(
    SignedIn(api): SignedIn,
    ApiPath(menu_id): ApiPath<String>,
    ApiJson(input): ApiJson<NewMenuItem>,
) -> ApiResult<(StatusCode, ApiJson<MenuItemView>)> {
    let ctx = authorize(&api, "menus:manage").await?;
    let item = menus(&api.platform)
        .add_item(&ctx, parse_id(&menu_id)?, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(item)))
}

/// Moves, relinks or relabels an item.
#[utoipa::path(patch, path = "/api/v1/pages/menus/{id}/items/{item_id}", tag = "pages",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Menu id"),
        ("item_id" = String, Path, description = "Item id")),
    request_body = MenuItemPatch,
    responses((status = 200, body = MenuItemView),
        (status = 404, description = "not_found: no such menu or item", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a field outside its limits, both `page_id` and `url`, a `page_id` that is not a page of the tenant, a `parent_id` that is not an item of this menu, lies in the item's subtree or nests too deep, a label locale given twice or not enabled by the tenant", content_type = "application/problem+json")))]
async fn update_menu_item(
    SignedIn(api): SignedIn,
    ApiPath((menu_id, item_id)): ApiPath<(String, String)>,
    ApiJson(patch): ApiJson<MenuItemPatch>,
) -> ApiResult<ApiJson<MenuItemView>> {
    let ctx = authorize(&api, "menus:manage").await?;
    let item = menus(&api.platform)
        .update_item(&ctx, parse_id(&menu_id)?, parse_id(&item_id)?, patch)
        .await?;
    Ok(ApiJson(item))
}

/// Deletes an item with the items nested under it.
#[utoipa::path(delete, path = "/api/v1/pages/menus/{id}/items/{item_id}", tag = "pages",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Menu id"),
        ("item_id" = String, Path, description = "Item id")),
    responses((status = 204, description = "deleted")))]
async fn delete_menu_item(
    SignedIn(api): SignedIn,
    ApiPath((menu_id, item_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&api, "menus:manage").await?;
    menus(&api.platform)
        .delete_item(&ctx, parse_id(&menu_id)?, parse_id(&item_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
