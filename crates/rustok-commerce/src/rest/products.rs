//! Products, their options, variants, prices and stock: storefront reads for anyone (published
//! products only, unless the caller holds `products:read`), writes for `products:*` and
//! `inventory:*`.

use axum::http::StatusCode;
use rustok_api::{
    ApiContext, ApiJson, ApiPath, ApiQuery, ApiResult, MAX_PAGE_SIZE, PlatformState, SignedIn,
    page_limit, requested_locale,
};
use rustok_core::search::{normalize_query, search_offset};
use rustok_core::{Error, ProductKey, parse_id};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::InventoryService;
use crate::access::{catalog, sees_all_products, staff, storefront};
use crate::dto::{
    NewProduct, NewProductOption, NewVariant, PriceInput, PriceView, ProductFilter,
    ProductOptionPatch, ProductPage, ProductPatch, ProductStatus, ProductView, StockView,
    VariantPatch, VariantView,
};
use crate::storefront::{Answer, AnswerPage, Reader};

pub(super) fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .routes(routes!(list_products, create_product))
        .routes(routes!(get_product, update_product, delete_product))
        .routes(routes!(add_variant))
        .routes(routes!(add_option))
        .routes(routes!(update_option, delete_option))
        .routes(routes!(update_variant, delete_variant))
        .routes(routes!(set_price))
        .routes(routes!(get_stock, set_stock))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductQuery {
    /// Search: published products matching every word (each also as a prefix; typo-tolerant
    /// when nothing matches), ranked by relevance instead of newest first; the other filters
    /// still apply. Blank: no search. At most 200 characters (400 `query_too_long`).
    pub q: Option<String>,
    /// Prices for this region: each variant gets its calculated price in the region currency
    /// (an unknown region is 404 `not_found`).
    pub region_id: Option<String>,
    /// Preferred locale, e.g. `en`, `pt-BR`; the tenant default is the fallback.
    pub locale: Option<String>,
    /// `draft`, `published` or `archived` (staff with `products:read`; others see published).
    #[param(inline, value_type = Option<crate::dto::ProductStatus>)]
    pub status: Option<String>,
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
    /// Cursor: the previous page's `next_cursor`, a product id (UUID or ULID; anything else
    /// is 400 `invalid_id`).
    #[param(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}|[0-9A-Fa-f]{32}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}|[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub after: Option<String>,
    /// 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

/// Products, newest first, with filters and cursor pagination. Visitors see published products.
/// With `q`, the published products matching it, best first (see `GET /api/v1/commerce/search`
/// for snippets, totals and facets).
#[utoipa::path(get, path = "/api/v1/commerce/products", tag = "commerce", params(ProductQuery),
    responses((status = 200, body = ProductPage),
        (status = 400, description = "query_too_long, invalid_cursor, invalid_id", content_type = "application/problem+json"),
        (status = 404, description = "module_disabled", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `limit` outside 1..=100, a price filter without `region_id`, an unknown `status` or a malformed `locale`", content_type = "application/problem+json"),
        (status = 503, description = "unavailable: with `q`, while the shop's search index is being built", content_type = "application/problem+json")))]
async fn list_products(
    api: ApiContext,
    ApiQuery(query): ApiQuery<ProductQuery>,
) -> ApiResult<ApiJson<AnswerPage>> {
    let ctx = storefront(&api).await?;
    let staff = sees_all_products(&api).await;
    let status = match query.status.as_deref() {
        Some(status) if staff => Some(
            status
                .parse::<ProductStatus>()
                .map_err(|e| Error::invalid_field("status", e))?,
        ),
        _ => None,
    };
    let q = normalize_query(query.q.as_deref())?;
    let search_offset = match &q {
        Some(_) => search_offset(query.after.as_deref())?,
        None => 0,
    };
    let filter = ProductFilter {
        status,
        collection_id: query.collection_id.as_deref().map(parse_id).transpose()?,
        category_id: query.category_id.as_deref().map(parse_id).transpose()?,
        tag: query.tag,
        min_price: query.min_price,
        max_price: query.max_price,
        in_stock: query.in_stock,
        after: match &q {
            Some(_) => None,
            None => query.after.as_deref().map(parse_id).transpose()?,
        },
        limit: page_limit(query.limit, 20, MAX_PAGE_SIZE)?,
    };
    let locale = requested_locale(query.locale.as_deref())?;
    let region = query.region_id.as_deref().map(parse_id).transpose()?;
    let reader = Reader {
        api: &api,
        ctx: &ctx,
        staff,
    };
    if let Some(q) = q {
        return Ok(ApiJson(
            reader
                .search_listing(q, filter, search_offset, locale.as_ref(), region)
                .await?
                .into(),
        ));
    }
    Ok(ApiJson(
        reader.products(filter, locale.as_ref(), region).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductReadQuery {
    /// Prices for this region: each variant gets its calculated price in the region currency
    /// (an unknown region is 404 `not_found`).
    pub region_id: Option<String>,
    /// Preferred locale, e.g. `en`, `pt-BR`; the tenant default is the fallback.
    pub locale: Option<String>,
}

/// One product by id or handle. Unpublished products are 404 for visitors.
#[utoipa::path(get, path = "/api/v1/commerce/products/{id}", tag = "commerce",
    params(("id" = String, Path, description = "Product id or handle"), ProductReadQuery),
    responses((status = 200, body = ProductView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_product(
    api: ApiContext,
    ApiPath(key): ApiPath<String>,
    ApiQuery(query): ApiQuery<ProductReadQuery>,
) -> ApiResult<ApiJson<Answer>> {
    let ctx = storefront(&api).await?;
    let reader = Reader {
        api: &api,
        ctx: &ctx,
        staff: sees_all_products(&api).await,
    };
    let locale = requested_locale(query.locale.as_deref())?;
    let region = query.region_id.as_deref().map(parse_id).transpose()?;
    let key = match parse_id(&key) {
        Ok(id) => ProductKey::Id(id),
        Err(_) => ProductKey::Handle(&key),
    };
    Ok(ApiJson(reader.product(key, locale.as_ref(), region).await?))
}

/// Creates a product with translations, options, variants (prices, stock), images and tags.
#[utoipa::path(post, path = "/api/v1/commerce/products", tag = "commerce", security(("bearer" = [])),
    request_body = NewProduct,
    responses((status = 201, body = ProductView),
        (status = 409, description = "already_taken | variant_options_taken: a handle or SKU the shop has; two variants with the same option values", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a limit of the body, a locale the tenant has not enabled, an unknown collection, category, currency or price list, variant options that do not fit the product's", content_type = "application/problem+json")))]
async fn create_product(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewProduct>,
) -> ApiResult<(StatusCode, ApiJson<ProductView>)> {
    let ctx = staff(&api, "products:create").await?;
    let product = catalog(&api.platform).create_product(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(product)))
}

/// Changes a product's fields, translations, tags or categories.
#[utoipa::path(patch, path = "/api/v1/commerce/products/{id}", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Product id")),
    request_body = ProductPatch,
    responses((status = 200, body = ProductView),
        (status = 409, description = "already_taken: a handle the shop has", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a limit of the body, a locale the tenant has not enabled, an unknown collection or category", content_type = "application/problem+json")))]
async fn update_product(
    SignedIn(api): SignedIn,
    ApiPath(product_id): ApiPath<String>,
    ApiJson(patch): ApiJson<ProductPatch>,
) -> ApiResult<ApiJson<ProductView>> {
    let ctx = staff(&api, "products:update").await?;
    Ok(ApiJson(
        catalog(&api.platform)
            .update_product(&ctx, parse_id(&product_id)?, patch)
            .await?,
    ))
}

/// Deletes a product with its variants, prices and stock.
#[utoipa::path(delete, path = "/api/v1/commerce/products/{id}", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Product id")),
    responses((status = 204, description = "deleted")))]
async fn delete_product(
    SignedIn(api): SignedIn,
    ApiPath(product_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = staff(&api, "products:delete").await?;
    catalog(&api.platform)
        .delete_product(&ctx, parse_id(&product_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a variant (option values, SKU, prices, stock) to a product.
#[utoipa::path(post, path = "/api/v1/commerce/products/{id}/variants", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Product id")),
    request_body = NewVariant,
    responses((status = 201, body = VariantView),
        (status = 409, description = "already_taken | variant_options_taken: a SKU the shop has; option values another variant of the product has", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a limit of the body, a product with 100 variants, option values that do not fit its options, a locale the tenant has not enabled, an unknown currency or price list", content_type = "application/problem+json")))]
async fn add_variant(
    SignedIn(api): SignedIn,
    ApiPath(product_id): ApiPath<String>,
    ApiJson(input): ApiJson<NewVariant>,
) -> ApiResult<(StatusCode, ApiJson<VariantView>)> {
    let ctx = staff(&api, "products:update").await?;
    let variant = catalog(&api.platform)
        .add_variant(&ctx, parse_id(&product_id)?, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(variant)))
}

/// Adds an option to a product. When the product has variants, each takes a value of it:
/// `values_by_variant`, else `value_for_variants` (422 without one).
#[utoipa::path(post, path = "/api/v1/commerce/products/{id}/options", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Product id")),
    request_body = NewProductOption,
    responses((status = 201, body = ProductView),
        (status = 409, description = "variant_options_taken: two variants would have the same values", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a limit of the body, a product with 10 options, a title the product has, duplicate values, no value for the variants", content_type = "application/problem+json")))]
async fn add_option(
    SignedIn(api): SignedIn,
    ApiPath(product_id): ApiPath<String>,
    ApiJson(input): ApiJson<NewProductOption>,
) -> ApiResult<(StatusCode, ApiJson<ProductView>)> {
    let ctx = staff(&api, "products:update").await?;
    let product = catalog(&api.platform)
        .add_option(&ctx, parse_id(&product_id)?, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(product)))
}

/// Renames an option or its values (variants follow), sets its values, moves it. Removing a
/// value that a variant has is refused.
#[utoipa::path(patch, path = "/api/v1/commerce/products/{id}/options/{option_id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Product id"),
        ("option_id" = String, Path, description = "Option id (`options[].id` of the product)")),
    request_body = ProductOptionPatch,
    responses((status = 200, body = ProductView),
        (status = 409, description = "option_value_in_use: a value left out of `values` that a variant has", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a limit of the body, a title another option has, a rename from a value the option lacks or to one it has", content_type = "application/problem+json")))]
async fn update_option(
    SignedIn(api): SignedIn,
    ApiPath((product_id, option_id)): ApiPath<(String, String)>,
    ApiJson(patch): ApiJson<ProductOptionPatch>,
) -> ApiResult<ApiJson<ProductView>> {
    let ctx = staff(&api, "products:update").await?;
    Ok(ApiJson(
        catalog(&api.platform)
            .update_option(&ctx, parse_id(&product_id)?, parse_id(&option_id)?, patch)
            .await?,
    ))
}

/// Removes an option and its value from every variant; answers with the product.
#[utoipa::path(delete, path = "/api/v1/commerce/products/{id}/options/{option_id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Product id"),
        ("option_id" = String, Path, description = "Option id")),
    responses((status = 200, body = ProductView),
        (status = 409, description = "option_in_use: two variants differ in this option only", content_type = "application/problem+json")))]
async fn delete_option(
    SignedIn(api): SignedIn,
    ApiPath((product_id, option_id)): ApiPath<(String, String)>,
) -> ApiResult<ApiJson<ProductView>> {
    let ctx = staff(&api, "products:update").await?;
    Ok(ApiJson(
        catalog(&api.platform)
            .delete_option(&ctx, parse_id(&product_id)?, parse_id(&option_id)?)
            .await?,
    ))
}

/// Changes a variant's fields and translations (its option values change with the product's
/// options, its prices with `PUT /api/v1/commerce/variants/{id}/prices`).
#[utoipa::path(patch, path = "/api/v1/commerce/variants/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    request_body = VariantPatch,
    responses((status = 200, body = VariantView),
        (status = 409, description = "already_taken: a SKU the shop has", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a limit of the body, a locale the tenant has not enabled", content_type = "application/problem+json")))]
async fn update_variant(
    SignedIn(api): SignedIn,
    ApiPath(variant_id): ApiPath<String>,
    ApiJson(patch): ApiJson<VariantPatch>,
) -> ApiResult<ApiJson<VariantView>> {
    let ctx = staff(&api, "products:update").await?;
    Ok(ApiJson(
        catalog(&api.platform)
            .update_variant(&ctx, parse_id(&variant_id)?, patch)
            .await?,
    ))
}

/// Deletes a variant with its prices and stock.
#[utoipa::path(delete, path = "/api/v1/commerce/variants/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    responses((status = 204, description = "deleted")))]
async fn delete_variant(
    SignedIn(api): SignedIn,
    ApiPath(variant_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = staff(&api, "products:delete").await?;
    catalog(&api.platform)
        .delete_variant(&ctx, parse_id(&variant_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds or replaces one price (currency, price list, minimum quantity) of a variant.
#[utoipa::path(put, path = "/api/v1/commerce/variants/{id}/prices", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    request_body = PriceInput,
    responses((status = 200, body = PriceView),
        (status = 409, description = "already_taken: a concurrent write stored the same price first", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: an unknown currency, an amount or `min_quantity` out of range, an unknown price list", content_type = "application/problem+json")))]
async fn set_price(
    SignedIn(api): SignedIn,
    ApiPath(variant_id): ApiPath<String>,
    ApiJson(input): ApiJson<PriceInput>,
) -> ApiResult<ApiJson<PriceView>> {
    let ctx = staff(&api, "products:update").await?;
    Ok(ApiJson(
        catalog(&api.platform)
            .set_price(&ctx, parse_id(&variant_id)?, input)
            .await?,
    ))
}

/// A variant's stock at the default location: on hand, reserved, available.
#[utoipa::path(get, path = "/api/v1/commerce/variants/{id}/stock", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    responses((status = 200, body = StockView)))]
async fn get_stock(
    SignedIn(api): SignedIn,
    ApiPath(variant_id): ApiPath<String>,
) -> ApiResult<ApiJson<StockView>> {
    let ctx = staff(&api, "inventory:read").await?;
    Ok(ApiJson(
        InventoryService::new(api.platform.db(), api.platform.events())
            .get(&ctx, parse_id(&variant_id)?)
            .await?,
    ))
}

/// A change of a variant's stock on hand: exactly one of `on_hand` and `delta` (both or
/// neither is 422 `validation_failed`).
#[derive(Debug, Deserialize, ToSchema)]
pub struct StockInput {
    /// Sets the units on hand, 0 to 10^15.
    #[schema(minimum = 0, maximum = 1_000_000_000_000_000_i64)]
    pub on_hand: Option<i64>,
    /// Adds to the units on hand, -10^15 to 10^15 (negative for shrinkage); a change that
    /// would make them negative is 422 `validation_failed`.
    #[schema(
        minimum = -1_000_000_000_000_000_i64,
        maximum = 1_000_000_000_000_000_i64
    )]
    pub delta: Option<i64>,
}

/// Sets a variant's stock on hand at the default location, or adds to it.
#[utoipa::path(put, path = "/api/v1/commerce/variants/{id}/stock", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    request_body = StockInput,
    responses((status = 200, body = StockView),
        (status = 422, description = "validation_failed: not exactly one of `on_hand` and `delta`, a value out of range, a `delta` that would make the stock on hand negative", content_type = "application/problem+json")))]
async fn set_stock(
    SignedIn(api): SignedIn,
    ApiPath(variant_id): ApiPath<String>,
    ApiJson(input): ApiJson<StockInput>,
) -> ApiResult<ApiJson<StockView>> {
    let ctx = staff(&api, "inventory:update").await?;
    let inventory = InventoryService::new(api.platform.db(), api.platform.events());
    let variant_id = parse_id(&variant_id)?;
    let stock = match (input.on_hand, input.delta) {
        (Some(on_hand), None) => inventory.set_on_hand(&ctx, variant_id, on_hand).await?,
        (None, Some(delta)) => inventory.adjust(&ctx, variant_id, delta).await?,
        _ => {
            return Err(
                Error::invalid_field("body", "give exactly one of `on_hand` or `delta`").into(),
            );
        }
    };
    Ok(ApiJson(stock))
}
