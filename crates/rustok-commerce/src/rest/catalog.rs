//! Catalogue setup: regions and their shipping options, price lists, collections and the
//! category tree. Listings are public; changes need `products:*`.

use axum::http::StatusCode;
use rustok_api::{ApiJson, ApiPath, ApiResult, PlatformState, Public, SignedIn};
use rustok_core::parse_id;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::RegionService;
use crate::access::{catalog, staff, storefront};
use crate::dto::{
    NewPriceList, NewProductCategory, NewProductCollection, NewRegion, NewShippingOption,
    PriceListView, ProductCategoryPatch, ProductCategoryView, ProductCollectionPatch,
    ProductCollectionView, RegionPatch, RegionView, ShippingOptionView,
};

pub(super) fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
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
}

/// The tenant's regions with their shipping options (public).
#[utoipa::path(get, path = "/api/v1/commerce/regions", tag = "commerce",
    responses((status = 200, body = Vec<RegionView>)))]
async fn list_regions(Public(api): Public) -> ApiResult<ApiJson<Vec<RegionView>>> {
    let ctx = storefront(&api).await?;
    Ok(ApiJson(
        RegionService::new(api.platform.db(), api.platform.events())
            .list(&ctx)
            .await?,
    ))
}

/// Creates a region (currency, countries, tax).
#[utoipa::path(post, path = "/api/v1/commerce/regions", tag = "commerce", security(("bearer" = [])),
    request_body = NewRegion,
    responses((status = 201, body = RegionView),
        (status = 422, description = "validation_failed: a blank or long name, an unknown currency, a country that is not two letters, a tax rate out of 0..=10000", content_type = "application/problem+json")))]
async fn create_region(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewRegion>,
) -> ApiResult<(StatusCode, ApiJson<RegionView>)> {
    let ctx = staff(&api, "products:update").await?;
    let region = RegionService::new(api.platform.db(), api.platform.events())
        .create(&ctx, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(region)))
}

/// Renames a region or changes its countries or tax; the currency is fixed.
#[utoipa::path(patch, path = "/api/v1/commerce/regions/{id}", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Region id")),
    request_body = RegionPatch,
    responses((status = 200, body = RegionView),
        (status = 422, description = "validation_failed: a blank or long name, a country that is not two letters, a tax rate out of 0..=10000", content_type = "application/problem+json")))]
async fn update_region(
    SignedIn(api): SignedIn,
    ApiPath(region_id): ApiPath<String>,
    ApiJson(patch): ApiJson<RegionPatch>,
) -> ApiResult<ApiJson<RegionView>> {
    let ctx = staff(&api, "products:update").await?;
    Ok(ApiJson(
        RegionService::new(api.platform.db(), api.platform.events())
            .update(&ctx, parse_id(&region_id)?, patch)
            .await?,
    ))
}

/// Deletes a shipping option.
#[utoipa::path(delete, path = "/api/v1/commerce/shipping-options/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Shipping option id")),
    responses((status = 204, description = "deleted")))]
async fn delete_shipping_option(
    SignedIn(api): SignedIn,
    ApiPath(option_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = staff(&api, "products:update").await?;
    RegionService::new(api.platform.db(), api.platform.events())
        .delete_shipping_option(&ctx, parse_id(&option_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes one price (a tier, a sale price or a base price).
#[utoipa::path(delete, path = "/api/v1/commerce/prices/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Price id")),
    responses((status = 204, description = "deleted")))]
async fn delete_price(
    SignedIn(api): SignedIn,
    ApiPath(price_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = staff(&api, "products:update").await?;
    catalog(&api.platform)
        .delete_price(&ctx, parse_id(&price_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a shipping option to a region.
#[utoipa::path(post, path = "/api/v1/commerce/regions/{id}/shipping-options", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Region id")),
    request_body = NewShippingOption,
    responses((status = 201, body = ShippingOptionView),
        (status = 422, description = "validation_failed: a blank or long name, an amount out of range", content_type = "application/problem+json")))]
async fn add_shipping_option(
    SignedIn(api): SignedIn,
    ApiPath(region_id): ApiPath<String>,
    ApiJson(input): ApiJson<NewShippingOption>,
) -> ApiResult<(StatusCode, ApiJson<ShippingOptionView>)> {
    let ctx = staff(&api, "products:update").await?;
    let option = RegionService::new(api.platform.db(), api.platform.events())
        .add_shipping_option(&ctx, parse_id(&region_id)?, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(option)))
}

/// Creates a price list, optionally valid only between `starts_at` and `ends_at`.
#[utoipa::path(post, path = "/api/v1/commerce/price-lists", tag = "commerce", security(("bearer" = [])),
    request_body = NewPriceList,
    responses((status = 201, body = PriceListView),
        (status = 422, description = "validation_failed: a blank or long title, `ends_at` not after `starts_at`", content_type = "application/problem+json")))]
async fn create_price_list(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewPriceList>,
) -> ApiResult<(StatusCode, ApiJson<PriceListView>)> {
    let ctx = staff(&api, "products:update").await?;
    let list = catalog(&api.platform)
        .create_price_list(&ctx, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(list)))
}

/// Every product collection of the shop.
#[utoipa::path(get, path = "/api/v1/commerce/collections", tag = "commerce",
    responses((status = 200, body = Vec<ProductCollectionView>)))]
async fn list_collections(Public(api): Public) -> ApiResult<ApiJson<Vec<ProductCollectionView>>> {
    let ctx = storefront(&api).await?;
    Ok(ApiJson(
        catalog(&api.platform).list_collections(&ctx).await?,
    ))
}

/// Creates a product collection.
#[utoipa::path(post, path = "/api/v1/commerce/collections", tag = "commerce", security(("bearer" = [])),
    request_body = NewProductCollection,
    responses((status = 201, body = ProductCollectionView),
        (status = 409, description = "already_taken: a handle another collection has", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a malformed handle, a blank or long title", content_type = "application/problem+json")))]
async fn create_collection(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewProductCollection>,
) -> ApiResult<(StatusCode, ApiJson<ProductCollectionView>)> {
    let ctx = staff(&api, "products:create").await?;
    let collection = catalog(&api.platform)
        .create_collection(&ctx, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(collection)))
}

/// Renames a collection or changes its handle.
#[utoipa::path(patch, path = "/api/v1/commerce/collections/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Collection id")),
    request_body = ProductCollectionPatch,
    responses((status = 200, body = ProductCollectionView),
        (status = 409, description = "already_taken: a handle another collection has", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a malformed handle, a blank or long title", content_type = "application/problem+json")))]
async fn update_collection(
    SignedIn(api): SignedIn,
    ApiPath(collection_id): ApiPath<String>,
    ApiJson(patch): ApiJson<ProductCollectionPatch>,
) -> ApiResult<ApiJson<ProductCollectionView>> {
    let ctx = staff(&api, "products:update").await?;
    Ok(ApiJson(
        catalog(&api.platform)
            .update_collection(&ctx, parse_id(&collection_id)?, patch)
            .await?,
    ))
}

/// Renames, re-orders or moves a category (`parent_id`: `null` makes it a root).
#[utoipa::path(patch, path = "/api/v1/commerce/categories/{id}", tag = "commerce", operation_id = "update_product_category",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Category id")),
    request_body = ProductCategoryPatch,
    responses((status = 200, body = ProductCategoryView),
        (status = 409, description = "already_taken: a handle another category has", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a malformed handle, a blank or long name, an unknown parent, a move into its own subtree or below a tree more than 64 levels deep", content_type = "application/problem+json")))]
async fn update_category(
    SignedIn(api): SignedIn,
    ApiPath(category_id): ApiPath<String>,
    ApiJson(patch): ApiJson<ProductCategoryPatch>,
) -> ApiResult<ApiJson<ProductCategoryView>> {
    let ctx = staff(&api, "products:update").await?;
    Ok(ApiJson(
        catalog(&api.platform)
            .update_category(&ctx, parse_id(&category_id)?, patch)
            .await?,
    ))
}

/// Deletes a collection; its products stay, without a collection.
#[utoipa::path(delete, path = "/api/v1/commerce/collections/{id}", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Collection id")),
    responses((status = 204, description = "deleted")))]
async fn delete_collection(
    SignedIn(api): SignedIn,
    ApiPath(collection_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = staff(&api, "products:delete").await?;
    catalog(&api.platform)
        .delete_collection(&ctx, parse_id(&collection_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a category with its subtree.
#[utoipa::path(delete, path = "/api/v1/commerce/categories/{id}", tag = "commerce", operation_id = "delete_product_category",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Category id")),
    responses((status = 204, description = "deleted")))]
async fn delete_category(
    SignedIn(api): SignedIn,
    ApiPath(category_id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let ctx = staff(&api, "products:delete").await?;
    catalog(&api.platform)
        .delete_category(&ctx, parse_id(&category_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The product category tree, flat (nest by `parent_id`).
#[utoipa::path(get, path = "/api/v1/commerce/categories", tag = "commerce", operation_id = "list_product_categories",
    responses((status = 200, body = Vec<ProductCategoryView>)))]
async fn list_categories(Public(api): Public) -> ApiResult<ApiJson<Vec<ProductCategoryView>>> {
    let ctx = storefront(&api).await?;
    Ok(ApiJson(catalog(&api.platform).list_categories(&ctx).await?))
}

/// Creates a product category, optionally under a parent.
#[utoipa::path(post, path = "/api/v1/commerce/categories", tag = "commerce", operation_id = "create_product_category", security(("bearer" = [])),
    request_body = NewProductCategory,
    responses((status = 201, body = ProductCategoryView),
        (status = 409, description = "already_taken: a handle another category has", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a malformed handle, a blank or long name, an unknown parent", content_type = "application/problem+json")))]
async fn create_category(
    SignedIn(api): SignedIn,
    ApiJson(input): ApiJson<NewProductCategory>,
) -> ApiResult<(StatusCode, ApiJson<ProductCategoryView>)> {
    let ctx = staff(&api, "products:create").await?;
    let category = catalog(&api.platform).create_category(&ctx, input).await?;
    Ok((StatusCode::CREATED, ApiJson(category)))
}
