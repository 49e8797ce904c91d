//! Carts and checkout: storefront operations for anyone (guest checkout included).

use async_graphql::{Context, ID, Object};
use rustok_api::{optional_id, resolve};
use rustok_core::parse_id;

use crate::access::{account_email, storefront};
use crate::dto::{CartItemInput, CartView, CheckoutInput, NewCart, OrderView};
use crate::{CartService, CheckoutService};

type GqlResult<T> = async_graphql::Result<T>;

#[derive(Default)]
pub struct CartsQuery;

#[Object]
impl CartsQuery {
    /// A cart by id, with current prices and totals; another customer's cart is `not_found`.
    async fn cart(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cart's id.")] id: ID,
    ) -> GqlResult<CartView> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(CartService::new(api.platform.db())
                .get(&commerce, parse_id(&id)?)
                .await?)
        })
        .await
    }
}

#[derive(Default)]
pub struct CartsMutation;

#[Object]
impl CartsMutation {
    /// A new cart in a region; keep its id (anonymous carts are reached by id only). A
    /// signed-in caller owns it.
    async fn create_cart(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new cart.")] input: NewCart,
    ) -> GqlResult<CartView> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(CartService::new(api.platform.db())
                .create(&commerce, input)
                .await?)
        })
        .await
    }

    /// Adds a variant to an open cart (quantities of one variant add up, to at most 10,000); a
    /// checked-out cart is `cart_completed`, a variant without a price in the cart's currency
    /// `price_missing`.
    async fn add_cart_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cart's id.")] cart_id: ID,
        #[graphql(desc = "The variant and quantity.")] input: CartItemInput,
    ) -> GqlResult<CartView> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(CartService::new(api.platform.db())
                .add_item(&commerce, parse_id(&cart_id)?, input)
                .await?)
        })
        .await
    }

    /// Sets a line's quantity; 0 removes it.
    async fn update_cart_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cart's id.")] cart_id: ID,
        #[graphql(desc = "The line's id (`items[].id` of the cart).")] item_id: ID,
        #[graphql(desc = "Units, 0 to 10,000 (else `validation_failed`); 0 removes the line.")]
        quantity: i64,
    ) -> GqlResult<CartView> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(CartService::new(api.platform.db())
                .update_item(
                    &commerce,
                    parse_id(&cart_id)?,
                    parse_id(&item_id)?,
                    quantity,
                )
                .await?)
        })
        .await
    }

    /// Removes a line from an open cart.
    async fn remove_cart_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cart's id.")] cart_id: ID,
        #[graphql(desc = "The line's id (`items[].id` of the cart).")] item_id: ID,
    ) -> GqlResult<CartView> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(CartService::new(api.platform.db())
                .remove_item(&commerce, parse_id(&cart_id)?, parse_id(&item_id)?)
                .await?)
        })
        .await
    }

    /// Chooses the cart's shipping option, one of its region's.
    async fn set_cart_shipping_option(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cart's id.")] cart_id: ID,
        #[graphql(desc = "A shipping option of the cart's region (another is \
                          `validation_failed`); `null` or absent clears the choice.")]
        shipping_option_id: Option<ID>,
    ) -> GqlResult<CartView> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            let option = optional_id(shipping_option_id.as_ref())?;
            Ok(CartService::new(api.platform.db())
                .set_shipping_option(&commerce, parse_id(&cart_id)?, option)
                .await?)
        })
        .await
    }

    /// Sets the buyer's email of an open cart.
    async fn set_cart_email(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cart's id.")] cart_id: ID,
        #[graphql(
            desc = "At most 255 characters: something `@` something with a `.`, no white \
                          space (else `validation_failed`)."
        )]
        email: String,
    ) -> GqlResult<CartView> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(CartService::new(api.platform.db())
                .set_email(&commerce, parse_id(&cart_id)?, &email)
                .await?)
        })
        .await
    }

    /// Places the order (guest checkout allowed). The same `idempotencyKey` returns the same
    /// order on retry; the last unit goes to exactly one buyer (`out_of_stock` for the rest).
    async fn checkout(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cart's id.")] cart_id: ID,
        #[graphql(desc = "Email, payment provider, addresses and idempotency key.")]
        input: CheckoutInput,
    ) -> GqlResult<OrderView> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            let email = account_email(&api, &commerce).await?;
            Ok(
                CheckoutService::new(api.platform.db(), api.platform.events())
                    .checkout_with_account(&commerce, parse_id(&cart_id)?, input, email)
                    .await?,
            )
        })
        .await
    }
}
