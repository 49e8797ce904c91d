//! Orders: a signed-in customer's own, and the tenant's for staff (`orders:*`).

use super::staff_of;
use async_graphql::{Context, ID, Object};
use rustok_api::{ApiContext, graphql_error, parse_gql_id};

use crate::access::{orders, storefront};
use crate::dto::{NewOrderNote, OrderNoteView, OrderPage, OrderView};
use crate::{OrderAction, OrderFilter, OrderStatus};

type GqlResult<T> = async_graphql::Result<T>;

#[derive(Default)]
pub struct OrdersQuery;

#[Object]
impl OrdersQuery {
    /// The signed-in customer's orders, newest first.
    async fn my_orders(
        &self,
        ctx: &Context<'_>,
        first: Option<u64>,
        after: Option<ID>,
    ) -> GqlResult<OrderPage> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        let customer = api.signed_in().map_err(graphql_error)?.user_id;
        let filter = OrderFilter {
            customer_id: Some(customer),
            after: after.as_ref().map(parse_gql_id).transpose()?,
            limit: first.unwrap_or(20).clamp(1, 100),
            status: None,
        };
        orders(&api.platform)
            .list(&commerce, filter, false)
            .await
            .map_err(graphql_error)
    }

    /// Orders of the tenant (`orders:read`).
    async fn orders(
        &self,
        ctx: &Context<'_>,
        status: Option<OrderStatus>,
        first: Option<u64>,
        after: Option<ID>,
    ) -> GqlResult<OrderPage> {
        let (api, commerce) = staff_of(ctx, "orders:read").await?;
        let filter = OrderFilter {
            status,
            customer_id: None,
            after: after.as_ref().map(parse_gql_id).transpose()?,
            limit: first.unwrap_or(20).clamp(1, 100),
        };
        orders(&api.platform)
            .list(&commerce, filter, true)
            .await
            .map_err(graphql_error)
    }

    /// One order with payments and staff notes (`orders:read`).
    async fn order(&self, ctx: &Context<'_>, id: ID) -> GqlResult<OrderView> {
        let (api, commerce) = staff_of(ctx, "orders:read").await?;
        orders(&api.platform)
            .get(&commerce, parse_gql_id(&id)?, true)
            .await
            .map_err(graphql_error)
    }
}

#[derive(Default)]
pub struct OrdersMutation;

#[Object]
impl OrdersMutation {
    /// Capture, fulfill, ship, complete, cancel or refund (`orders:update`).
    async fn transition_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        action: OrderAction,
    ) -> GqlResult<OrderView> {
        let (api, commerce) = staff_of(ctx, "orders:update").await?;
        orders(&api.platform)
            .transition(&commerce, parse_gql_id(&id)?, action)
            .await
            .map_err(graphql_error)
    }

    async fn add_order_note(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: NewOrderNote,
    ) -> GqlResult<OrderNoteView> {
        let (api, commerce) = staff_of(ctx, "orders:update").await?;
        orders(&api.platform)
            .add_note(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }
}
