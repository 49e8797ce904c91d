//! Carts and checkout: storefront operations for anyone (guest checkout included).

use async_graphql::{Context, ID, Object};
use rustok_api::{ApiContext, graphql_error, parse_gql_id};

use crate::access::{account_email, storefront};
use crate::dto::{CartItemInput, CartView, CheckoutInput, NewCart, OrderView};
use crate::{CartService, CheckoutService};

type GqlResult<T> = async_graphql::Result<T>;

#[derive(Default)]
pub struct CartsQuery;

#[Object]
impl CartsQuery {
    /// A cart by id, with current prices and totals.
    async fn cart(&self, ctx: &Context<'_>, id: ID) -> GqlResult<CartView> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        CartService::new(api.platform.db())
            .get(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)
    }
}

#[derive(Default)]
pub struct CartsMutation;

#[Object]
impl CartsMutation {
    /// A new cart; keep its id (anonymous carts are reached by id only).
    async fn create_cart(&self, ctx: &Context<'_>, input: NewCart) -> GqlResult<CartView> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        CartService::new(api.platform.db())
            .create(&commerce, input)
            .await
            .map_err(graphql_error)
    }

    async fn add_cart_item(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        input: CartItemInput,
    ) -> GqlResult<CartView> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        CartService::new(api.platform.db())
            .add_item(&commerce, parse_gql_id(&cart_id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// Sets a line's quantity; 0 removes it.
    async fn update_cart_item(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        item_id: ID,
        quantity: i64,
    ) -> GqlResult<CartView> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        CartService::new(api.platform.db())
            .update_item(
                &commerce,
                parse_gql_id(&cart_id)?,
                parse_gql_id(&item_id)?,
                quantity,
            )
            .await
            .map_err(graphql_error)
    }

    async fn remove_cart_item(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        item_id: ID,
    ) -> GqlResult<CartView> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        CartService::new(api.platform.db())
            .remove_item(&commerce, parse_gql_id(&cart_id)?, parse_gql_id(&item_id)?)
            .await
            .map_err(graphql_error)
    }

    async fn set_cart_shipping_option(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        shipping_option_id: Option<ID>,
    ) -> GqlResult<CartView> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        let option = shipping_option_id.as_ref().map(parse_gql_id).transpose()?;
        CartService::new(api.platform.db())
            .set_shipping_option(&commerce, parse_gql_id(&cart_id)?, option)
            .await
            .map_err(graphql_error)
    }

    async fn set_cart_email(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        email: String,
    ) -> GqlResult<CartView> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        CartService::new(api.platform.db())
            .set_email(&commerce, parse_gql_id(&cart_id)?, &email)
            .await
            .map_err(graphql_error)
    }

    /// Places the order (guest checkout allowed). The same `idempotencyKey` returns the same
    /// order on retry; the last unit goes to exactly one buyer (`out_of_stock` for the rest).
    async fn checkout(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        input: CheckoutInput,
    ) -> GqlResult<OrderView> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        let email = account_email(&api, &commerce)
            .await
            .map_err(graphql_error)?;
        CheckoutService::new(api.platform.db(), api.platform.events())
            .checkout_with_account(&commerce, parse_gql_id(&cart_id)?, input, email)
            .await
            .map_err(graphql_error)
    }
}
