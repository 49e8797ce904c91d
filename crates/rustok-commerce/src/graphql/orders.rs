//! Orders: a signed-in customer's own, and the tenant's for staff (`orders:*`).

use async_graphql::{Context, ID, Object};
use rustok_api::{MAX_PAGE_SIZE, optional_id, page_limit, resolve};
use rustok_core::parse_id;

use crate::access::{orders, staff, storefront};
use crate::dto::{NewOrderNote, OrderNoteView, OrderPage, OrderView};
use crate::{OrderAction, OrderFilter, OrderStatus};

type GqlResult<T> = async_graphql::Result<T>;

#[derive(Default)]
pub struct OrdersQuery;

#[Object]
impl OrdersQuery {
    /// The signed-in customer's orders, newest first (signed out: `missing_token`).
    async fn my_orders(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1 to 100 (else `validation_failed`); default 20.")]
        first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<ID>,
    ) -> GqlResult<OrderPage> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            let customer = api.signed_in()?.user_id;
            let filter = OrderFilter {
                customer_id: Some(customer),
                after: optional_id(after.as_ref())?,
                limit: page_limit(first, 20, MAX_PAGE_SIZE)?,
                status: None,
            };
            Ok(orders(&api.platform).list(&commerce, filter, false).await?)
        })
        .await
    }

    /// Orders of the tenant, newest first (`orders:read`).
    async fn orders(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only orders in this status.")] status: Option<OrderStatus>,
        #[graphql(desc = "Page size, 1 to 100 (else `validation_failed`); default 20.")]
        first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<ID>,
    ) -> GqlResult<OrderPage> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "orders:read").await?;
            let filter = OrderFilter {
                status,
                customer_id: None,
                after: optional_id(after.as_ref())?,
                limit: page_limit(first, 20, MAX_PAGE_SIZE)?,
            };
            Ok(orders(&api.platform).list(&commerce, filter, true).await?)
        })
        .await
    }

    /// One order with payments and staff notes (`orders:read`).
    async fn order(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The order's id.")] id: ID,
    ) -> GqlResult<OrderView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "orders:read").await?;
            Ok(orders(&api.platform)
                .get(&commerce, parse_id(&id)?, true)
                .await?)
        })
        .await
    }
}

#[derive(Default)]
pub struct OrdersMutation;

#[Object]
impl OrdersMutation {
    /// Capture, fulfill, ship, complete, cancel or refund (`orders:update`); an action the
    /// order's status does not allow is `invalid_transition`.
    async fn transition_order(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The order's id.")] id: ID,
        #[graphql(desc = "What to do.")] action: OrderAction,
    ) -> GqlResult<OrderView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "orders:update").await?;
            Ok(orders(&api.platform)
                .transition(&commerce, parse_id(&id)?, action)
                .await?)
        })
        .await
    }

    /// Adds a staff note to an order (`orders:update`).
    async fn add_order_note(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The order's id.")] id: ID,
        #[graphql(desc = "The note.")] input: NewOrderNote,
    ) -> GqlResult<OrderNoteView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "orders:update").await?;
            Ok(orders(&api.platform)
                .add_note(&commerce, parse_id(&id)?, input)
                .await?)
        })
        .await
    }
}
