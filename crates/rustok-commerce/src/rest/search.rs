//! `GET /api/v1/commerce/search`: the storefront search with what a results page shows beside
//! the products (snippets, the total, facets). Anyone may call it; it finds published products
//! only, staff included (search reads the read model).

use rustok_api::{
    ApiContext, ApiJson, ApiQuery, ApiResult, MAX_PAGE_SIZE, PlatformState, page_limit,
    requested_locale,
};
use rustok_core::parse_id;
use rustok_core::search::{normalize_query, search_offset};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{sees_all_products, storefront};
use crate::dto::{ProductFilter, SearchPage};
use crate::storefront::Reader;

pub(super) fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new().routes(routes!(search_products))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Any text, at most 200 characters. Every word must match (each also as a prefix); when
    /// no product matches, typo-tolerant matches on titles and handles (`fuzzy: true`).
    pub q: Option<String>,
    /// Count matches by collection, category, tag, price band and stock.
    pub facets: Option<bool>,
    /// Prices, and price bands, in this region's currency.
    pub region_id: Option<String>,
    /// Preferred locale, e.g. `en`, `pt-BR`; the tenant default is the fallback.
    pub locale: Option<String>,
    /// Only products of this collection.
    pub collection_id: Option<String>,
    /// Only products in this category (not in its subcategories).
    pub category_id: Option<String>,
    /// Only products with this tag (compared trimmed and lower-cased).
    pub tag: Option<String>,
    /// Only products with a base price of at least this many minor units of the region
    /// currency (needs `region_id`).
    pub min_price: Option<i64>,
    /// Only products with a base price of at most this many minor units of the region
    /// currency (needs `region_id`).
    pub max_price: Option<i64>,
    /// Only products with a variant that can be bought now.
    pub in_stock: Option<bool>,
    /// Cursor: the previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

/// Published products matching `q`, best first, with highlighted snippets, the total and
/// (with `facets=true`) counts per collection, category, tag, price band and stock. A blank
/// `q` matches nothing. Anything in `q` is text: quotes, operators and punctuation never fail.
#[utoipa::path(get, path = "/api/v1/commerce/search", tag = "commerce", params(SearchQuery),
    responses((status = 200, body = SearchPage),
        (status = 400, description = "query_too_long, invalid_cursor, invalid_id", content_type = "application/problem+json"),
        (status = 404, description = "module_disabled", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a price filter without `region_id`", content_type = "application/problem+json"),
        (status = 503, description = "unavailable: the shop's search index is being built", content_type = "application/problem+json")))]
async fn search_products(
    api: ApiContext,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> ApiResult<ApiJson<SearchPage>> {
    let ctx = storefront(&api).await?;
    let q = normalize_query(query.q.as_deref())?;
    let filter = ProductFilter {
        status: None,
        collection_id: query.collection_id.as_deref().map(parse_id).transpose()?,
        category_id: query.category_id.as_deref().map(parse_id).transpose()?,
        tag: query.tag,
        min_price: query.min_price,
        max_price: query.max_price,
        in_stock: query.in_stock,
        after: None,
        limit: page_limit(query.limit, 20, MAX_PAGE_SIZE)?,
    };
    let offset = search_offset(query.after.as_deref())?;
    let locale = requested_locale(query.locale.as_deref())?;
    let region = query.region_id.as_deref().map(parse_id).transpose()?;
    let reader = Reader {
        api: &api,
        ctx: &ctx,
        staff: sees_all_products(&api).await,
    };
    let Some(q) = q else {
        return Ok(ApiJson(SearchPage::empty(query.facets == Some(true))));
    };
    let page = reader
        .search(
            q,
            filter,
            offset,
            query.facets == Some(true),
            locale.as_ref(),
            region,
        )
        .await?;
    Ok(ApiJson(page))
}
