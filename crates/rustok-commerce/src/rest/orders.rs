//! Orders: staff read and move them through their lifecycle (`orders:*`); a signed-in
//! customer reads their own.

use axum::http::StatusCode;
use rustok_api::{
    ApiJson, ApiPath, ApiQuery, ApiResult, MAX_PAGE_SIZE, PlatformState, SignedIn, page_limit,
};
use rustok_core::{Error, parse_id};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{orders, staff, storefront};
use crate::dto::{NewOrderNote, OrderNoteView, OrderPage, OrderView};
use crate::{OrderAction, OrderFilter, OrderStatus};

pub(super) fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .routes(routes!(list_orders))
        .routes(routes!(get_order))
        .routes(routes!(transition_order))
        .routes(routes!(add_order_note))
        .routes(routes!(my_orders))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    /// Only orders in this status: `pending`, `paid`, `fulfilled`, `shipped`, `completed`,
    /// `canceled` or `refunded`.
    #[param(inline, value_type = Option<crate::OrderStatus>)]
    pub status: Option<String>,
    /// Cursor: the previous page's `next_cursor`, an order id (UUID or ULID; anything else is
    /// 400 `invalid_id`).
    #[param(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}|[0-9A-Fa-f]{32}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}|[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub after: Option<String>,
    /// 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
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
        after: query.after.as_deref().map(parse_id).transpose()?,
        limit: page_limit(query.limit, 20, MAX_PAGE_SIZE)?,
    })
}

/// Orders, newest first (staff).
#[utoipa::path(get, path = "/api/v1/commerce/orders", tag = "commerce", security(("bearer" = [])),
    params(OrderQuery),
    responses((status = 200, body = OrderPage)))]
async fn list_orders(
    SignedIn(api): SignedIn,
    ApiQuery(query): ApiQuery<OrderQuery>,
) -> ApiResult<ApiJson<OrderPage>> {
    let ctx = staff(&api, "orders:read").await?;
    Ok(ApiJson(
        orders(&api.platform)
            .list(&ctx, order_filter(&query)?, true)
            .await?,
    ))
}

/// One order with its lines, payments and notes.
#[utoipa::path(get, path = "/api/v1/commerce/orders/{id}", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Order id")),
    responses((status = 200, body = OrderView)))]
async fn get_order(
    SignedIn(api): SignedIn,
    ApiPath(order_id): ApiPath<String>,
) -> ApiResult<ApiJson<OrderView>> {
    let ctx = staff(&api, "orders:read").await?;
    Ok(ApiJson(
        orders(&api.platform)
            .get(&ctx, parse_id(&order_id)?, true)
            .await?,
    ))
}

/// A move of an order through its lifecycle.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OrderTransitionInput {
    /// What to do; an action the order's status does not allow is 409 `invalid_transition`.
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
    SignedIn(api): SignedIn,
    ApiPath(order_id): ApiPath<String>,
    ApiJson(input): ApiJson<OrderTransitionInput>,
) -> ApiResult<ApiJson<OrderView>> {
    let ctx = staff(&api, "orders:update").await?;
    Ok(ApiJson(
        orders(&api.platform)
            .transition(&ctx, parse_id(&order_id)?, input.action)
            .await?,
    ))
}

/// Adds a staff note to an order.
#[utoipa::path(post, path = "/api/v1/commerce/orders/{id}/notes", tag = "commerce",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Order id")),
    request_body = NewOrderNote,
    responses((status = 201, body = OrderNoteView),
        (status = 422, description = "validation_failed: a blank body or one over 10,000 characters", content_type = "application/problem+json")))]
async fn add_order_note(
    SignedIn(api): SignedIn,
    ApiPath(order_id): ApiPath<String>,
    ApiJson(input): ApiJson<NewOrderNote>,
) -> ApiResult<(StatusCode, ApiJson<OrderNoteView>)> {
    let ctx = staff(&api, "orders:update").await?;
    let note = orders(&api.platform)
        .add_note(&ctx, parse_id(&order_id)?, input)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(note)))
}

/// The signed-in customer's orders, newest first.
#[utoipa::path(get, path = "/api/v1/commerce/me/orders", tag = "commerce", security(("bearer" = [])),
    params(OrderQuery),
    responses((status = 200, body = OrderPage)))]
async fn my_orders(
    SignedIn(api): SignedIn,
    ApiQuery(query): ApiQuery<OrderQuery>,
) -> ApiResult<ApiJson<OrderPage>> {
    let ctx = storefront(&api).await?;
    let filter = OrderFilter {
        customer_id: Some(api.signed_in()?.user_id),
        ..order_filter(&query)?
    };
    Ok(ApiJson(
        orders(&api.platform).list(&ctx, filter, false).await?,
    ))
}
