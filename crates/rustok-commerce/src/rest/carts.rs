//! Carts and checkout: storefront operations for anyone (guest checkout included); an
//! anonymous cart is reached by its id, a signed-in caller's cart is theirs alone.

use axum::http::{HeaderMap, StatusCode};
use rustok_api::{ApiContext, ApiJson, ApiPath, ApiResult, PlatformState};
use rustok_core::{Error, parse_id};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{account_email, storefront};
use crate::dto::{CartItemInput, CartView, CheckoutInput, NewCart, OrderView};
use crate::{CartService, CheckoutService};

pub(super) fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .routes(routes!(create_cart))
        .routes(routes!(get_cart))
        .routes(routes!(add_cart_item))
        .routes(routes!(update_cart_item, remove_cart_item))
        .routes(routes!(set_cart_shipping))
        .routes(routes!(checkout))
}

/// A new cart in a region. Anonymous carts are reached by their id (keep it like a secret);
/// a signed-in caller's cart is theirs alone.
#[utoipa::path(post, path = "/api/v1/commerce/carts", tag = "commerce",
    request_body = NewCart,
    responses((status = 201, body = CartView),
        (status = 404, description = "not_found: `region_id` names no region of the shop", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a malformed email", content_type = "application/problem+json")))]
async fn create_cart(
    api: ApiContext,
    ApiJson(input): ApiJson<NewCart>,
) -> ApiResult<(StatusCode, ApiJson<CartView>)> {
    let ctx = storefront(&api).await?;
    let cart = CartService::new(api.platform.db())
        .create(&ctx, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(cart)))
}

/// One cart with its lines, totals and shipping option (its id is the bearer of the cart).
#[utoipa::path(get, path = "/api/v1/commerce/carts/{id}", tag = "commerce",
    params(("id" = String, Path, description = "Cart id")),
    responses((status = 200, body = CartView),
        (status = 404, description = "not_found", content_type = "application/problem+json"),
        (status = 409, description = "price_missing: a line's variant lost its price in the cart's currency", content_type = "application/problem+json")))]
async fn get_cart(
    api: ApiContext,
    ApiPath(cart_id): ApiPath<String>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&api).await?;
    Ok(ApiJson(
        CartService::new(api.platform.db())
            .get(&ctx, parse_id(&cart_id)?)
            .await?,
    ))
}

/// Adds a variant (quantities add up); 1..=10000 per line.
#[utoipa::path(post, path = "/api/v1/commerce/carts/{id}/items", tag = "commerce",
    params(("id" = String, Path, description = "Cart id")),
    request_body = CartItemInput,
    responses((status = 200, body = CartView),
        (status = 404, description = "not_found: no such cart, or the variant is not of a published product", content_type = "application/problem+json"),
        (status = 409, description = "price_missing | cart_completed", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a quantity outside 1..=10000 (also added to the line's), a 101st line, totals too large", content_type = "application/problem+json")))]
async fn add_cart_item(
    api: ApiContext,
    ApiPath(cart_id): ApiPath<String>,
    ApiJson(input): ApiJson<CartItemInput>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&api).await?;
    Ok(ApiJson(
        CartService::new(api.platform.db())
            .add_item(&ctx, parse_id(&cart_id)?, input)
            .await?,
    ))
}

/// A cart line's new quantity.
#[derive(Debug, Deserialize, ToSchema)]
pub struct QuantityInput {
    /// Units, 0 to 10,000; 0 removes the line.
    #[schema(minimum = 0, maximum = 10000)]
    pub quantity: i64,
}

/// Changes the quantity of a cart line.
#[utoipa::path(patch, path = "/api/v1/commerce/carts/{id}/items/{item_id}", tag = "commerce",
    params(("id" = String, Path, description = "Cart id"), ("item_id" = String, Path, description = "Line id")),
    request_body = QuantityInput,
    responses((status = 200, body = CartView),
        (status = 409, description = "cart_completed | price_missing", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: a quantity outside 0..=10000, totals too large", content_type = "application/problem+json")))]
async fn update_cart_item(
    api: ApiContext,
    ApiPath((cart_id, item_id)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<QuantityInput>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&api).await?;
    Ok(ApiJson(
        CartService::new(api.platform.db())
            .update_item(
                &ctx,
                parse_id(&cart_id)?,
                parse_id(&item_id)?,
                input.quantity,
            )
            .await?,
    ))
}

/// Removes a line from a cart.
#[utoipa::path(delete, path = "/api/v1/commerce/carts/{id}/items/{item_id}", tag = "commerce",
    params(("id" = String, Path, description = "Cart id"), ("item_id" = String, Path, description = "Line id")),
    responses((status = 200, body = CartView),
        (status = 409, description = "cart_completed | price_missing", content_type = "application/problem+json")))]
async fn remove_cart_item(
    api: ApiContext,
    ApiPath((cart_id, item_id)): ApiPath<(String, String)>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&api).await?;
    Ok(ApiJson(
        CartService::new(api.platform.db())
            .remove_item(&ctx, parse_id(&cart_id)?, parse_id(&item_id)?)
            .await?,
    ))
}

/// The cart's shipping option.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ShippingChoice {
    /// The id (a UUID or a ULID) of one of the cart region's shipping options (another is 422
    /// `validation_failed`, a malformed id 400 `invalid_id`); absent or `null` clears the
    /// choice.
    #[schema(schema_with = crate::schemas::shipping_option_id)]
    pub shipping_option_id: Option<String>,
}

/// Chooses the cart's shipping option (one of its region's).
#[utoipa::path(put, path = "/api/v1/commerce/carts/{id}/shipping-option", tag = "commerce",
    params(("id" = String, Path, description = "Cart id")),
    request_body = ShippingChoice,
    responses((status = 200, body = CartView),
        (status = 409, description = "cart_completed | price_missing", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: not a shipping option of the cart's region", content_type = "application/problem+json")))]
async fn set_cart_shipping(
    api: ApiContext,
    ApiPath(cart_id): ApiPath<String>,
    ApiJson(input): ApiJson<ShippingChoice>,
) -> ApiResult<ApiJson<CartView>> {
    let ctx = storefront(&api).await?;
    let option = input
        .shipping_option_id
        .as_deref()
        .map(parse_id)
        .transpose()?;
    Ok(ApiJson(
        CartService::new(api.platform.db())
            .set_shipping_option(&ctx, parse_id(&cart_id)?, option)
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
        (status = 400, description = "invalid_header: an `Idempotency-Key` that is not ASCII", content_type = "application/problem+json"),
        (status = 409, description = "out_of_stock | cart_completed | cart_empty | idempotency_key_reused | price_missing", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: no email for the order, a malformed email, an unknown payment provider, an address that is not a JSON object of at most 4 KiB, a key over 255 characters, a line whose product is no longer published, totals too large", content_type = "application/problem+json")))]
async fn checkout(
    api: ApiContext,
    headers: HeaderMap,
    ApiPath(cart_id): ApiPath<String>,
    ApiJson(mut input): ApiJson<CheckoutInput>,
) -> ApiResult<(StatusCode, ApiJson<OrderView>)> {
    let ctx = storefront(&api).await?;
    if input.idempotency_key.is_none()
        && let Some(key) = headers.get("idempotency-key")
    {
        let key = key
            .to_str()
            .map_err(|_| Error::bad_request("invalid_header", "Idempotency-Key must be ASCII"))?;
        input.idempotency_key = Some(key.to_string());
    }
    let email = account_email(&api, &ctx).await?;
    let order = CheckoutService::new(api.platform.db(), api.platform.events())
        .checkout_with_account(&ctx, parse_id(&cart_id)?, input, email)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(order)))
}
