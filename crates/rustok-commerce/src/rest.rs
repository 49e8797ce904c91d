//! REST routes under `/api/v1/commerce`, mounted by the server with the platform as state.
//! Storefront routes (catalogue reads, regions, carts, checkout) need no auth; staff routes need
//! `products:*`, `inventory:*` or `orders:*`; `/me/orders` needs a signed-in customer.
//! Every amount is an integer of minor units next to its ISO 4217 currency.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use rustok_api::{
    ApiJson, ApiPath, ApiQuery, ApiResult, AuthUser, CurrentTenant, OptionalAuth, PlatformState,
};
use rustok_core::Error;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{account_email, authorize, id, requested_locale, storefront};
use crate::dto::{
    CartItemInput, CartView, CheckoutInput, NewCart, NewOrderNote, NewPriceList, NewProduct,
    NewProductCategory, NewProductCollection, NewProductOption, NewRegion, NewShippingOption,
    NewVariant, OrderNoteView, OrderPage, OrderView, PriceInput, PriceListView, PriceView,
    ProductCategoryPatch, ProductCategoryView, ProductCollectionPatch, ProductCollectionView,
    ProductFilter, ProductOptionPatch, ProductPage, ProductPatch, ProductStatus, ProductView,
    RegionPatch, RegionView, ShippingOptionView, StockView, VariantPatch, VariantView,
};
use crate::{
    CartService, CatalogService, CheckoutService, InventoryService, OrderAction, OrderFilter,
    OrderService, OrderStatus, PriceMode, RegionService,
};

pub fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .routes(routes!(list_products, create_product))
        .routes(routes!(get_product, update_product, delete_product))
        .routes(routes!(add_variant))
        .routes(routes!(add_option))
        .routes(routes!(update_option, delete_option))
        .routes(routes!(update_variant, delete_variant))
        .routes(routes!(set_price))
        .routes(routes!(get_stock, set_stock))
        .routes(routes!(list_regions, create_region))
        .routes(routes!(update_region))
        .routes(routes!(add_shipping_option))
        .routes(routes!(delete_shipping_option))
        .routes(routes!(delete_price))
        .routes(routes!(create_price_list))
        .routes(routes!(list_collections, create_collection))
        .routes(routes!(update_collection, delete_collection))
        .routes(routes!(list_categories, create_category))
        .routes(routes!(update_category, delete_category))
        .routes(routes!(create_cart))
        .routes(routes!(get_cart))
        .routes(routes!(add_cart_item))
        .routes(routes!(update_cart_item, remove_cart_item))
        .routes(routes!(set_cart_shipping))
        .routes(routes!(checkout))
        .routes(routes!(list_orders))
        .routes(routes!(get_order))
        .routes(routes!(transition_order))
        .routes(routes!(add_order_note))
        .routes(routes!(my_orders))
}

fn catalog(platform: &PlatformState) -> CatalogService<'_> {
    CatalogService::new(platform.db(), platform.events())
}

fn orders(platform: &PlatformState) -> OrderService<'_> {
    OrderService::new(platform.db(), platform.events())
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ProductQuery {
    /// Prices for this region: each variant gets its calculated price in the region currency.
    pub region_id: Option<String>,
    /// Preferred locale; the tenant default is the fallback.
    pub locale: Option<String>,
    /// `draft`, `published` or `archived` (staff with `products:read`; others see published).
    pub status: Option<String>,
    pub collection_id: Option<String>,
    pub category_id: Option<String>,
    pub tag: Option<String>,
    /// Inclusive bounds in minor units of the region currency (needs `region_id`).
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    /// Only products with a variant that can be bought now.
    pub in_stock: Option<bool>,
    /// Cursor: the previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100, default 20.
    pub limit: Option<u64>,
}

async fn is_staff(platform: &PlatformState, principal: Option<&rustok_rbac::Principal>) -> bool {
    rustok_api::holds(platform.as_ref(), principal, "products:read").await
}

async fn price_mode(
    platform: &PlatformState,
    ctx: &crate::CommerceContext,
    region_id: Option<&str>,
) -> Result<PriceMode, Error> {
    match region_id {
        Some(region) => Ok(PriceMode::Region(
            catalog(platform).region_currency(ctx, id(region)?).await?,
        )),
        None => Ok(PriceMode::All),
    }
}

/// Products, newest first, with filters and cursor pagination. Visitors see published products.
#[utoipa::path(get, path = "/api/v1/commerce/products", tag = "commerce", params(ProductQuery),
    responses((status = 200, body = ProductPage),
        (status = 404, description = "module_disabled", content_type = "application/problem+json")))]
async fn list_products(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiQuery(query): ApiQuery<ProductQuery>,
) -> ApiResult<ApiJson<ProductPage>> {
    let ctx = storefront(&platform, &tenant, principal.as_ref()).await?;
    let status = if is_staff(&platform, principal.as_ref()).await {
        query
            .status
            .as_deref()
            .map(|s| {
                s.parse::<ProductStatus>()
                    .map_err(|e| Error::invalid_field("status", e))
            })
            .transpose()?
    } else {
        Some(ProductStatus::Published)
    };
    let filter = ProductFilter {
        status,
        collection_id: query.collection_id.as_deref().map(id).transpose()?,
        category_id: query.category_id.as_deref().map(id).transpose()?,
        tag: query.tag,
        min_price: query.min_price,
        max_price: query.max_price,
        in_stock: query.in_stock,
        after: query.after.as_deref().map(id).transpose()?,
        limit: query.limit.unwrap_or(20).clamp(1, 100),
    };
    let locale = requested_locale(query.locale.as_deref())?;
    let prices = price_mode(&platform, &ctx, query.region_id.as_deref()).await?;
    Ok(ApiJson(
        catalog(&platform)
            .list_products(&ctx, filter, locale.as_ref(), prices)
            .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ProductReadQuery {
    pub region_id: Option<String>,
    pub locale: Option<String>,
}

/// One product by id or handle. Unpublished products are 404 for visitors.
#[utoipa::path(get, path = "/api/v1/commerce/products/{id}", tag = "commerce",
    params(("id" = String, Path, description = "Product id or handle"), ProductReadQuery),
    responses((status = 200, body = ProductView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_product(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(key): ApiPath<String>,
    ApiQuery(query): ApiQuery<ProductReadQuery>,
) -> ApiResult<ApiJson<ProductView>> {
    let ctx = storefront(&platform, &tenant, principal.as_ref()).await?;
    let published_only = !is_staff(&platform, principal.as_ref()).await;
    let locale = requested_locale(query.locale.as_deref())?;
    let prices = price_mode(&platform, &ctx, query.region_id.as_deref()).await?;
    let service = catalog(&platform);
    let product = match rustok_core::parse_id(&key) {
        Ok(product_id) => {
            service
                .get_product(&ctx, product_id, locale.as_ref(), prices, published_only)
                .await?
        }
        Err(_) => {
            service
                .get_by_handle(&ctx, &key, locale.as_ref(), prices, published_only)
                .await?
        }
    };
    Ok(ApiJson(product))
}

/// Creates a product with translations, options, variants (prices, stock), images and tags.
#[utoipa::path(post, path = "/api/v1/commerce/products", tag = "commerce", security(("bearer" = [])),
    request_body = NewProduct,
    responses((status = 201, body = ProductView),
        (status = 409, description = "already_taken (handle or sku)", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed", content_type = "application/problem+json")))]
async fn create_product(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiJson(input): ApiJson<NewProduct>,
) -> ApiResult<(StatusCode, ApiJson<ProductView>)> {
    let ctx = authorize(&platform, &tenant, &principal, "products:create").await?;
    let product = catalog(&platform).create_product(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(product)))
}

#[utoipa::path(patch, path = "/api/v1/commerce/products/{id}", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Product id")),
    request_body = ProductPatch,
    responses((status = 200, body = ProductView)))]
async fn update_product(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(product_id): ApiPath<String>,
    ApiJson(patch): ApiJson<ProductPatch>,
) -> ApiResult<ApiJson<ProductView>> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    Ok(ApiJson(
        catalog(&platform)
            .update_product(&ctx, id(&product_id)?, patch)
            .await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/commerce/products/{id}", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Product id")),
    responses((status = 204, description = "deleted")))]
async fn delete_product(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(product_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&platform, &tenant, &principal, "products:delete").await?;
    catalog(&platform)
        .delete_product(&ctx, id(&product_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/commerce/products/{id}/variants", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Product id")),
    request_body = NewVariant,
    responses((status = 201, body = VariantView)))]
async fn add_variant(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(product_id): ApiPath<String>,
    ApiJson(input): ApiJson<NewVariant>,
) -> ApiResult<(StatusCode, ApiJson<VariantView>)> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    let variant = catalog(&platform)
        .add_variant(&ctx, id(&product_id)?, input)
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
        (status = 422, description = "validation_failed (title taken in the product, duplicate values, no value for the variants)", content_type = "application/problem+json")))]
async fn add_option(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(product_id): ApiPath<String>,
    ApiJson(input): ApiJson<NewProductOption>,
) -> ApiResult<(StatusCode, ApiJson<ProductView>)> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    let product = catalog(&platform)
        .add_option(&ctx, id(&product_id)?, input)
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
        (status = 409, description = "option_value_in_use", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed", content_type = "application/problem+json")))]
async fn update_option(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath((product_id, option_id)): ApiPath<(String, String)>,
    ApiJson(patch): ApiJson<ProductOptionPatch>,
) -> ApiResult<ApiJson<ProductView>> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    Ok(ApiJson(
        catalog(&platform)
            .update_option(&ctx, id(&product_id)?, id(&option_id)?, patch)
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
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath((product_id, option_id)): ApiPath<(String, String)>,
) -> ApiResult<ApiJson<ProductView>> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    Ok(ApiJson(
        catalog(&platform)
            .delete_option(&ctx, id(&product_id)?, id(&option_id)?)
            .await?,
    ))
}

#[utoipa::path(patch, path = "/api/v1/commerce/variants/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    request_body = VariantPatch,
    responses((status = 200, body = VariantView)))]
async fn update_variant(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(variant_id): ApiPath<String>,
    ApiJson(patch): ApiJson<VariantPatch>,
) -> ApiResult<ApiJson<VariantView>> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    Ok(ApiJson(
        catalog(&platform)
            .update_variant(&ctx, id(&variant_id)?, patch)
            .await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/commerce/variants/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    responses((status = 204, description = "deleted")))]
async fn delete_variant(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(variant_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&platform, &tenant, &principal, "products:delete").await?;
    catalog(&platform)
        .delete_variant(&ctx, id(&variant_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds or replaces one price (currency, price list, minimum quantity) of a variant.
#[utoipa::path(put, path = "/api/v1/commerce/variants/{id}/prices", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    request_body = PriceInput,
    responses((status = 200, body = PriceView),
        (status = 422, description = "validation_failed (unknown currency, negative amount)", content_type = "application/problem+json")))]
async fn set_price(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(variant_id): ApiPath<String>,
    ApiJson(input): ApiJson<PriceInput>,
) -> ApiResult<ApiJson<PriceView>> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    Ok(ApiJson(
        catalog(&platform)
            .set_price(&ctx, id(&variant_id)?, input)
            .await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/commerce/variants/{id}/stock", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    responses((status = 200, body = StockView)))]
async fn get_stock(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(variant_id): ApiPath<String>,
) -> ApiResult<ApiJson<StockView>> {
    let ctx = authorize(&platform, &tenant, &principal, "inventory:read").await?;
    Ok(ApiJson(
        InventoryService::new(platform.db(), platform.events())
            .get(&ctx, id(&variant_id)?)
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StockInput {
    /// Set the count on hand...
    pub on_hand: Option<i64>,
    /// ...or add to it (negative for shrinkage).
    pub delta: Option<i64>,
}

#[utoipa::path(put, path = "/api/v1/commerce/variants/{id}/stock", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id")),
    request_body = StockInput,
    responses((status = 200, body = StockView)))]
async fn set_stock(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(variant_id): ApiPath<String>,
    ApiJson(input): ApiJson<StockInput>,
) -> ApiResult<ApiJson<StockView>> {
    let ctx = authorize(&platform, &tenant, &principal, "inventory:update").await?;
    let inventory = InventoryService::new(platform.db(), platform.events());
    let variant_id = id(&variant_id)?;
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

/// The tenant's regions with their shipping options (public).
#[utoipa::path(get, path = "/api/v1/commerce/regions", tag = "commerce",
    responses((status = 200, body = Vec<RegionView>)))]
async fn list_regions(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
) -> ApiResult<ApiJson<Vec<RegionView>>> {
    let ctx = storefront(&platform, &tenant, None).await?;
    Ok(ApiJson(
        RegionService::new(platform.db(), platform.events())
            .list(&ctx)
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/commerce/regions", tag = "commerce", security(("bearer" = [])),
    request_body = NewRegion,
    responses((status = 201, body = RegionView)))]
async fn create_region(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiJson(input): ApiJson<NewRegion>,
) -> ApiResult<(StatusCode, ApiJson<RegionView>)> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    let region = RegionService::new(platform.db(), platform.events())
        .create(&ctx, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(region)))
}

/// Renames a region or changes its countries or tax; the currency is fixed.
#[utoipa::path(patch, path = "/api/v1/commerce/regions/{id}", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Region id")),
    request_body = RegionPatch,
    responses((status = 200, body = RegionView)))]
async fn update_region(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(region_id): ApiPath<String>,
    ApiJson(patch): ApiJson<RegionPatch>,
) -> ApiResult<ApiJson<RegionView>> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    Ok(ApiJson(
        RegionService::new(platform.db(), platform.events())
            .update(&ctx, id(&region_id)?, patch)
            .await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/commerce/shipping-options/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipping option id")),
    responses((status = 204, description = "deleted")))]
async fn delete_shipping_option(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(option_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    RegionService::new(platform.db(), platform.events())
        .delete_shipping_option(&ctx, id(&option_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes one price (a tier, a sale price or a base price).
#[utoipa::path(delete, path = "/api/v1/commerce/prices/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Price id")),
    responses((status = 204, description = "deleted")))]
async fn delete_price(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(price_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    catalog(&platform)
        .delete_price(&ctx, id(&price_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/commerce/regions/{id}/shipping-options", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Region id")),
    request_body = NewShippingOption,
    responses((status = 201, body = ShippingOptionView)))]
async fn add_shipping_option(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(region_id): ApiPath<String>,
    ApiJson(input): ApiJson<NewShippingOption>,
) -> ApiResult<(StatusCode, ApiJson<ShippingOptionView>)> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    let option = RegionService::new(platform.db(), platform.events())
        .add_shipping_option(&ctx, id(&region_id)?, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(option)))
}

#[utoipa::path(post, path = "/api/v1/commerce/price-lists", tag = "commerce", security(("bearer" = [])),
    request_body = NewPriceList,
    responses((status = 201, body = PriceListView)))]
async fn create_price_list(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiJson(input): ApiJson<NewPriceList>,
) -> ApiResult<(StatusCode, ApiJson<PriceListView>)> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    let list = catalog(&platform).create_price_list(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(list)))
}

#[utoipa::path(get, path = "/api/v1/commerce/collections", tag = "commerce",
    responses((status = 200, body = Vec<ProductCollectionView>)))]
async fn list_collections(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
) -> ApiResult<ApiJson<Vec<ProductCollectionView>>> {
    let ctx = storefront(&platform, &tenant, None).await?;
    Ok(ApiJson(catalog(&platform).list_collections(&ctx).await?))
}

#[utoipa::path(post, path = "/api/v1/commerce/collections", tag = "commerce", security(("bearer" = [])),
    request_body = NewProductCollection,
    responses((status = 201, body = ProductCollectionView)))]
async fn create_collection(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiJson(input): ApiJson<NewProductCollection>,
) -> ApiResult<(StatusCode, ApiJson<ProductCollectionView>)> {
    let ctx = authorize(&platform, &tenant, &principal, "products:create").await?;
    let collection = catalog(&platform).create_collection(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(collection)))
}

/// Renames a collection or changes its handle.
#[utoipa::path(patch, path = "/api/v1/commerce/collections/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Collection id")),
    request_body = ProductCollectionPatch,
    responses((status = 200, body = ProductCollectionView),
        (status = 409, description = "handle taken", content_type = "application/problem+json")))]
async fn update_collection(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(collection_id): ApiPath<String>,
    ApiJson(patch): ApiJson<ProductCollectionPatch>,
) -> ApiResult<ApiJson<ProductCollectionView>> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    Ok(ApiJson(
        catalog(&platform)
            .update_collection(&ctx, id(&collection_id)?, patch)
            .await?,
    ))
}

/// Renames, re-orders or moves a category (`parent_id`: `null` makes it a root).
#[utoipa::path(patch, path = "/api/v1/commerce/categories/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Category id")),
    request_body = ProductCategoryPatch,
    responses((status = 200, body = ProductCategoryView),
        (status = 422, description = "validation_failed: a move into its own subtree", content_type = "application/problem+json")))]
async fn update_category(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(category_id): ApiPath<String>,
    ApiJson(patch): ApiJson<ProductCategoryPatch>,
) -> ApiResult<ApiJson<ProductCategoryView>> {
    let ctx = authorize(&platform, &tenant, &principal, "products:update").await?;
    Ok(ApiJson(
        catalog(&platform)
            .update_category(&ctx, id(&category_id)?, patch)
            .await?,
    ))
}

/// Deletes a collection; its products stay, without a collection.
#[utoipa::path(delete, path = "/api/v1/commerce/collections/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Collection id")),
    responses((status = 204, description = "deleted")))]
async fn delete_collection(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(collection_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&platform, &tenant, &principal, "products:delete").await?;
    catalog(&platform)
        .delete_collection(&ctx, id(&collection_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a category with its subtree.
#[utoipa::path(delete, path = "/api/v1/commerce/categories/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Category id")),
    responses((status = 204, description = "deleted")))]
async fn delete_category(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(category_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = authorize(&platform, &tenant, &principal, "products:delete").await?;
    catalog(&platform)
        .delete_category(&ctx, id(&category_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The product category tree, flat (nest by `parent_id`).
#[utoipa::path(get, path = "/api/v1/commerce/categories", tag = "commerce",
    responses((status = 200, body = Vec<ProductCategoryView>)))]
async fn list_categories(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
) -> ApiResult<ApiJson<Vec<ProductCategoryView>>> {
    let ctx = storefront(&platform, &tenant, None).await?;
    Ok(ApiJson(catalog(&platform).list_categories(&ctx).await?))
}

#[utoipa::path(post, path = "/api/v1/commerce/categories", tag = "commerce", security(("bearer" = [])),
    request_body = NewProductCategory,
    responses((status = 201, body = ProductCategoryView)))]
async fn create_category(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiJson(input): ApiJson<NewProductCategory>,
) -> ApiResult<(StatusCode, ApiJson<ProductCategoryView>)> {
    let ctx = authorize(&platform, &tenant, &principal, "products:create").await?;
    let category = catalog(&platform).create_category(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(category)))
}

/// A new cart in a region. Anonymous carts are reached by their id (keep it like a secret);
/// a signed-in caller's cart is theirs alone.
#[utoipa::path(post, path = "/api/v1/commerce/carts", tag = "commerce",
    request_body = NewCart,
    responses((status = 201, body = CartView)))]
async fn create_cart(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiJson(input): ApiJson<NewCart>,
) -> ApiResult<(StatusCode, ApiJson<CartView>)> {
    let ctx = storefront(&platform, &tenant, principal.as_ref()).await?;
    let cart = CartService::new(platform.db()).create(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(cart)))
}

#[utoipa::path(get, path = "/api/v1/commerce/carts/{id}", tag = "commerce",
    params(("id" = String, Path, description = "Cart id")),
    responses((status = 200, body = CartView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_cart(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(cart_id): ApiPath<String>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&platform, &tenant, principal.as_ref()).await?;
    Ok(ApiJson(
        CartService::new(platform.db())
            .get(&ctx, id(&cart_id)?)
            .await?,
    ))
}

/// Adds a variant (quantities add up); 1..=10000 per line.
#[utoipa::path(post, path = "/api/v1/commerce/carts/{id}/items", tag = "commerce",
    params(("id" = String, Path, description = "Cart id")),
    request_body = CartItemInput,
    responses((status = 200, body = CartView),
        (status = 409, description = "price_missing | cart_completed", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed", content_type = "application/problem+json")))]
async fn add_cart_item(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(cart_id): ApiPath<String>,
    ApiJson(input): ApiJson<CartItemInput>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&platform, &tenant, principal.as_ref()).await?;
    Ok(ApiJson(
        CartService::new(platform.db())
            .add_item(&ctx, id(&cart_id)?, input)
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct QuantityInput {
    /// 0 removes the line.
    pub quantity: i64,
}

#[utoipa::path(patch, path = "/api/v1/commerce/carts/{id}/items/{item_id}", tag = "commerce",
    params(("id" = String, Path, description = "Cart id"), ("item_id" = String, Path, description = "Line id")),
    request_body = QuantityInput,
    responses((status = 200, body = CartView)))]
async fn update_cart_item(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath((cart_id, item_id)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<QuantityInput>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&platform, &tenant, principal.as_ref()).await?;
    Ok(ApiJson(
        CartService::new(platform.db())
            .update_item(&ctx, id(&cart_id)?, id(&item_id)?, input.quantity)
            .await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/commerce/carts/{id}/items/{item_id}", tag = "commerce",
    params(("id" = String, Path, description = "Cart id"), ("item_id" = String, Path, description = "Line id")),
    responses((status = 200, body = CartView)))]
async fn remove_cart_item(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath((cart_id, item_id)): ApiPath<(String, String)>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&platform, &tenant, principal.as_ref()).await?;
    Ok(ApiJson(
        CartService::new(platform.db())
            .remove_item(&ctx, id(&cart_id)?, id(&item_id)?)
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ShippingChoice {
    /// One of the cart region's shipping options; `null` clears the choice.
    pub shipping_option_id: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/commerce/carts/{id}/shipping-option", tag = "commerce",
    params(("id" = String, Path, description = "Cart id")),
    request_body = ShippingChoice,
    responses((status = 200, body = CartView)))]
async fn set_cart_shipping(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiPath(cart_id): ApiPath<String>,
    ApiJson(input): ApiJson<ShippingChoice>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&platform, &tenant, principal.as_ref()).await?;
    let option = input.shipping_option_id.as_deref().map(id).transpose()?;
    Ok(ApiJson(
        CartService::new(platform.db())
            .set_shipping_option(&ctx, id(&cart_id)?, option)
            .await?,
    ))
}

/// Places the order: stock reserved, totals frozen, payment authorized, in one transaction.
/// Send an `Idempotency-Key` header (or `idempotency_key`): a retry returns the same order.
#[utoipa::path(post, path = "/api/v1/commerce/carts/{id}/checkout", tag = "commerce",
    params(("id" = String, Path, description = "Cart id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    request_body = CheckoutInput,
    responses((status = 201, body = OrderView),
        (status = 409, description = "out_of_stock | cart_completed | cart_empty", content_type = "application/problem+json")))]
async fn checkout(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    headers: HeaderMap,
    ApiPath(cart_id): ApiPath<String>,
    ApiJson(mut input): ApiJson<CheckoutInput>,
) -> ApiResult<(StatusCode, ApiJson<OrderView>)> {
    let ctx = storefront(&platform, &tenant, principal.as_ref()).await?;
    if input.idempotency_key.is_none()
        && let Some(key) = headers.get("idempotency-key")
    {
        let key = key
            .to_str()
            .map_err(|_| Error::bad_request("invalid_header", "Idempotency-Key must be ASCII"))?;
        input.idempotency_key = Some(key.to_string());
    }
    let email = account_email(&platform, &ctx).await?;
    let order = CheckoutService::new(platform.db(), platform.events())
        .checkout_with_account(&ctx, id(&cart_id)?, input, email)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(order)))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct OrderQuery {
    /// `pending`, `paid`, `fulfilled`, `shipped`, `completed`, `canceled`, `refunded`.
    pub status: Option<String>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

fn order_filter(query: &OrderQuery) -> Result<OrderFilter, Error> {
    Ok(OrderFilter {
        status: query
            .status
            .as_deref()
            .map(|s| {
                s.parse::<OrderStatus>()
                    .map_err(|e| Error::invalid_field("status", e))
            })
            .transpose()?,
        customer_id: None,
        after: query.after.as_deref().map(id).transpose()?,
        limit: query.limit.unwrap_or(20).clamp(1, 100),
    })
}

/// Orders, newest first (staff).
#[utoipa::path(get, path = "/api/v1/commerce/orders", tag = "commerce", security(("bearer" = [])),
    params(OrderQuery),
    responses((status = 200, body = OrderPage)))]
async fn list_orders(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiQuery(query): ApiQuery<OrderQuery>,
) -> ApiResult<ApiJson<OrderPage>> {
    let ctx = authorize(&platform, &tenant, &principal, "orders:read").await?;
    Ok(ApiJson(
        orders(&platform)
            .list(&ctx, order_filter(&query)?, true)
            .await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/commerce/orders/{id}", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Order id")),
    responses((status = 200, body = OrderView)))]
async fn get_order(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(order_id): ApiPath<String>,
) -> ApiResult<ApiJson<OrderView>> {
    let ctx = authorize(&platform, &tenant, &principal, "orders:read").await?;
    Ok(ApiJson(
        orders(&platform).get(&ctx, id(&order_id)?, true).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OrderTransitionInput {
    pub action: OrderAction,
}

/// Capture, fulfill, ship, complete, cancel or refund. An action the order's status does not
/// allow is 409 `invalid_transition`.
#[utoipa::path(post, path = "/api/v1/commerce/orders/{id}/transitions", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Order id")),
    request_body = OrderTransitionInput,
    responses((status = 200, body = OrderView),
        (status = 409, description = "invalid_transition", content_type = "application/problem+json")))]
async fn transition_order(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(order_id): ApiPath<String>,
    ApiJson(input): ApiJson<OrderTransitionInput>,
) -> ApiResult<ApiJson<OrderView>> {
    let ctx = authorize(&platform, &tenant, &principal, "orders:update").await?;
    Ok(ApiJson(
        orders(&platform)
            .transition(&ctx, id(&order_id)?, input.action)
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/commerce/orders/{id}/notes", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Order id")),
    request_body = NewOrderNote,
    responses((status = 201, body = OrderNoteView)))]
async fn add_order_note(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiPath(order_id): ApiPath<String>,
    ApiJson(input): ApiJson<NewOrderNote>,
) -> ApiResult<(StatusCode, ApiJson<OrderNoteView>)> {
    let ctx = authorize(&platform, &tenant, &principal, "orders:update").await?;
    let note = orders(&platform)
        .add_note(&ctx, id(&order_id)?, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(note)))
}

/// The signed-in customer's orders, newest first.
#[utoipa::path(get, path = "/api/v1/commerce/me/orders", tag = "commerce", security(("bearer" = [])),
    params(OrderQuery),
    responses((status = 200, body = OrderPage)))]
async fn my_orders(
    State(platform): State<PlatformState>,
    CurrentTenant(tenant): CurrentTenant,
    AuthUser(principal): AuthUser,
    ApiQuery(query): ApiQuery<OrderQuery>,
) -> ApiResult<ApiJson<OrderPage>> {
    let ctx = storefront(&platform, &tenant, Some(&principal)).await?;
    let filter = OrderFilter {
        customer_id: Some(principal.user_id),
        ..order_filter(&query)?
    };
    Ok(ApiJson(orders(&platform).list(&ctx, filter, false).await?))
}
