//! GraphQL queries and mutations, merged into the server's schema. Storefront operations need
//! no auth (published products only, carts by id, guest checkout); admin operations check the
//! same `products:*`, `inventory:*` and `orders:*` permissions as REST. Errors carry the same
//! problem codes in `extensions`. Amounts are `Int` minor units with their currency.

use async_graphql::{Context, ID, MaybeUndefined, Object};
use rustok_api::{GraphqlScope, PlatformState, graphql_error, parse_gql_id};

use crate::access::{account_email, authorize, requested_locale, storefront};
use crate::dto::{
    CartItemInput, CartView, CheckoutInput, NewCart, NewOrderNote, NewPriceList, NewProduct,
    NewProductCategory, NewProductCollection, NewProductOption, NewRegion, NewShippingOption,
    NewVariant, OrderNoteView, OrderPage, OrderView, PriceInput, PriceListView, PriceView,
    ProductCategoryPatch, ProductCategoryView, ProductCollectionPatch, ProductCollectionView,
    ProductFilter, ProductOptionPatch, ProductPage, ProductPatch, ProductStatus, ProductView,
    RegionPatch, RegionView, ShippingOptionView, StockView, VariantPatch, VariantView,
};
use crate::{
    CartService, CatalogService, CheckoutService, CommerceContext, CommerceError, InventoryService,
    OrderAction, OrderFilter, OrderService, OrderStatus, PriceMode, RegionService,
};

type GqlResult<T> = async_graphql::Result<T>;

fn platform<'a>(ctx: &'a Context<'_>) -> GqlResult<&'a PlatformState> {
    ctx.data::<PlatformState>()
}

/// Anyone, module on: the caller's context (signed in or not).
async fn public<'a>(ctx: &'a Context<'_>) -> GqlResult<(CommerceContext, &'a PlatformState)> {
    let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
    let commerce = storefront(platform, &scope.tenant, scope.principal.as_ref())
        .await
        .map_err(graphql_error)?;
    Ok((commerce, platform))
}

/// A signed-in caller holding `permission`.
async fn staff<'a>(
    ctx: &'a Context<'_>,
    permission: &str,
) -> GqlResult<(CommerceContext, &'a PlatformState)> {
    let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
    let principal = scope.signed_in()?;
    let commerce = authorize(platform, &scope.tenant, principal, permission)
        .await
        .map_err(graphql_error)?;
    Ok((commerce, platform))
}

async fn prices(
    platform: &PlatformState,
    commerce: &CommerceContext,
    region_id: Option<&ID>,
) -> GqlResult<PriceMode> {
    match region_id {
        Some(region) => Ok(PriceMode::Region(
            CatalogService::new(platform.db(), platform.events())
                .region_currency(commerce, parse_gql_id(region)?)
                .await
                .map_err(graphql_error)?,
        )),
        None => Ok(PriceMode::All),
    }
}

fn gql(err: CommerceError) -> async_graphql::Error {
    graphql_error(err)
}

#[derive(Default)]
pub struct CommerceQuery;

#[Object]
impl CommerceQuery {
    /// Published products (staff: any status), newest first, with calculated prices when a
    /// region is given.
    #[allow(clippy::too_many_arguments)]
    async fn products(
        &self,
        ctx: &Context<'_>,
        region_id: Option<ID>,
        locale: Option<String>,
        status: Option<ProductStatus>,
        collection_id: Option<ID>,
        category_id: Option<ID>,
        tag: Option<String>,
        min_price: Option<i64>,
        max_price: Option<i64>,
        in_stock: Option<bool>,
        first: Option<u64>,
        after: Option<ID>,
    ) -> GqlResult<ProductPage> {
        let (commerce, platform) = public(ctx).await?;
        let scope = GraphqlScope::of(ctx)?;
        let is_staff =
            rustok_api::holds(platform.as_ref(), scope.principal.as_ref(), "products:read").await;
        let filter = ProductFilter {
            status: if is_staff {
                status
            } else {
                Some(ProductStatus::Published)
            },
            collection_id: collection_id.as_ref().map(parse_gql_id).transpose()?,
            category_id: category_id.as_ref().map(parse_gql_id).transpose()?,
            tag,
            min_price,
            max_price,
            in_stock,
            after: after.as_ref().map(parse_gql_id).transpose()?,
            limit: first.unwrap_or(20).clamp(1, 100),
        };
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let mode = prices(platform, &commerce, region_id.as_ref()).await?;
        CatalogService::new(platform.db(), platform.events())
            .list_products(&commerce, filter, locale.as_ref(), mode)
            .await
            .map_err(gql)
    }

    /// One product by id or handle; null when it does not exist or is not published (for
    /// visitors).
    async fn product(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        handle: Option<String>,
        region_id: Option<ID>,
        locale: Option<String>,
    ) -> GqlResult<Option<ProductView>> {
        let (commerce, platform) = public(ctx).await?;
        let scope = GraphqlScope::of(ctx)?;
        let published_only = match &scope.principal {
            Some(p) => platform.rbac().require(p, "products:read").await.is_err(),
            None => true,
        };
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let mode = prices(platform, &commerce, region_id.as_ref()).await?;
        let service = CatalogService::new(platform.db(), platform.events());
        let found = match (id, handle) {
            (Some(id), _) => {
                service
                    .get_product(
                        &commerce,
                        parse_gql_id(&id)?,
                        locale.as_ref(),
                        mode,
                        published_only,
                    )
                    .await
            }
            (None, Some(handle)) => {
                service
                    .get_by_handle(&commerce, &handle, locale.as_ref(), mode, published_only)
                    .await
            }
            (None, None) => {
                return Err(graphql_error(rustok_core::Error::invalid_field(
                    "id",
                    "give `id` or `handle`",
                )));
            }
        };
        match found {
            Ok(product) => Ok(Some(product)),
            Err(CommerceError::NotFound(_)) => Ok(None),
            Err(err) => Err(gql(err)),
        }
    }

    /// Regions with their currencies, taxes and shipping options.
    async fn regions(&self, ctx: &Context<'_>) -> GqlResult<Vec<RegionView>> {
        let (commerce, platform) = public(ctx).await?;
        RegionService::new(platform.db(), platform.events())
            .list(&commerce)
            .await
            .map_err(gql)
    }

    async fn product_collections(
        &self,
        ctx: &Context<'_>,
    ) -> GqlResult<Vec<ProductCollectionView>> {
        let (commerce, platform) = public(ctx).await?;
        CatalogService::new(platform.db(), platform.events())
            .list_collections(&commerce)
            .await
            .map_err(gql)
    }

    /// The product category tree, flat (nest by `parentId`).
    async fn product_categories(&self, ctx: &Context<'_>) -> GqlResult<Vec<ProductCategoryView>> {
        let (commerce, platform) = public(ctx).await?;
        CatalogService::new(platform.db(), platform.events())
            .list_categories(&commerce)
            .await
            .map_err(gql)
    }

    /// A cart by id, with current prices and totals.
    async fn cart(&self, ctx: &Context<'_>, id: ID) -> GqlResult<CartView> {
        let (commerce, platform) = public(ctx).await?;
        CartService::new(platform.db())
            .get(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(gql)
    }

    /// The signed-in customer's orders, newest first.
    async fn my_orders(
        &self,
        ctx: &Context<'_>,
        first: Option<u64>,
        after: Option<ID>,
    ) -> GqlResult<OrderPage> {
        let (commerce, platform) = public(ctx).await?;
        let customer = GraphqlScope::of(ctx)?.signed_in()?.user_id;
        let filter = OrderFilter {
            customer_id: Some(customer),
            after: after.as_ref().map(parse_gql_id).transpose()?,
            limit: first.unwrap_or(20).clamp(1, 100),
            status: None,
        };
        OrderService::new(platform.db(), platform.events())
            .list(&commerce, filter, false)
            .await
            .map_err(gql)
    }

    /// Orders of the tenant (`orders:read`).
    async fn orders(
        &self,
        ctx: &Context<'_>,
        status: Option<OrderStatus>,
        first: Option<u64>,
        after: Option<ID>,
    ) -> GqlResult<OrderPage> {
        let (commerce, platform) = staff(ctx, "orders:read").await?;
        let filter = OrderFilter {
            status,
            customer_id: None,
            after: after.as_ref().map(parse_gql_id).transpose()?,
            limit: first.unwrap_or(20).clamp(1, 100),
        };
        OrderService::new(platform.db(), platform.events())
            .list(&commerce, filter, true)
            .await
            .map_err(gql)
    }

    /// One order with payments and staff notes (`orders:read`).
    async fn order(&self, ctx: &Context<'_>, id: ID) -> GqlResult<OrderView> {
        let (commerce, platform) = staff(ctx, "orders:read").await?;
        OrderService::new(platform.db(), platform.events())
            .get(&commerce, parse_gql_id(&id)?, true)
            .await
            .map_err(gql)
    }

    /// Stock of a variant (`inventory:read`).
    async fn variant_stock(&self, ctx: &Context<'_>, variant_id: ID) -> GqlResult<StockView> {
        let (commerce, platform) = staff(ctx, "inventory:read").await?;
        InventoryService::new(platform.db(), platform.events())
            .get(&commerce, parse_gql_id(&variant_id)?)
            .await
            .map_err(gql)
    }
}

#[derive(Default)]
pub struct CommerceMutation;

#[Object]
impl CommerceMutation {
    async fn create_product(&self, ctx: &Context<'_>, input: NewProduct) -> GqlResult<ProductView> {
        let (commerce, platform) = staff(ctx, "products:create").await?;
        CatalogService::new(platform.db(), platform.events())
            .create_product(&commerce, input)
            .await
            .map_err(gql)
    }

    async fn update_product(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProductPatch,
    ) -> GqlResult<ProductView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .update_product(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(gql)
    }

    async fn delete_product(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (commerce, platform) = staff(ctx, "products:delete").await?;
        CatalogService::new(platform.db(), platform.events())
            .delete_product(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(gql)?;
        Ok(true)
    }

    async fn add_variant(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        input: NewVariant,
    ) -> GqlResult<VariantView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .add_variant(&commerce, parse_gql_id(&product_id)?, input)
            .await
            .map_err(gql)
    }

    /// Adds an option; existing variants take `valuesByVariant`, else `valueForVariants`.
    async fn add_product_option(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        input: NewProductOption,
    ) -> GqlResult<ProductView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .add_option(&commerce, parse_gql_id(&product_id)?, input)
            .await
            .map_err(gql)
    }

    /// Renames an option or its values (variants follow), sets its values, moves it; removing
    /// a value a variant has is `option_value_in_use`.
    async fn update_product_option(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        option_id: ID,
        input: ProductOptionPatch,
    ) -> GqlResult<ProductView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .update_option(
                &commerce,
                parse_gql_id(&product_id)?,
                parse_gql_id(&option_id)?,
                input,
            )
            .await
            .map_err(gql)
    }

    /// Removes an option and its value from every variant; `option_in_use` when two variants
    /// differ in this option only.
    async fn delete_product_option(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        option_id: ID,
    ) -> GqlResult<ProductView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .delete_option(
                &commerce,
                parse_gql_id(&product_id)?,
                parse_gql_id(&option_id)?,
            )
            .await
            .map_err(gql)
    }

    async fn update_variant(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: VariantPatch,
    ) -> GqlResult<VariantView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .update_variant(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(gql)
    }

    async fn delete_variant(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (commerce, platform) = staff(ctx, "products:delete").await?;
        CatalogService::new(platform.db(), platform.events())
            .delete_variant(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(gql)?;
        Ok(true)
    }

    async fn set_variant_price(
        &self,
        ctx: &Context<'_>,
        variant_id: ID,
        input: PriceInput,
    ) -> GqlResult<PriceView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .set_price(&commerce, parse_gql_id(&variant_id)?, input)
            .await
            .map_err(gql)
    }

    /// Sets the count on hand.
    async fn set_variant_stock(
        &self,
        ctx: &Context<'_>,
        variant_id: ID,
        on_hand: i64,
    ) -> GqlResult<StockView> {
        let (commerce, platform) = staff(ctx, "inventory:update").await?;
        InventoryService::new(platform.db(), platform.events())
            .set_on_hand(&commerce, parse_gql_id(&variant_id)?, on_hand)
            .await
            .map_err(gql)
    }

    /// Adds `delta` to the count on hand (negative for shrinkage).
    async fn adjust_variant_stock(
        &self,
        ctx: &Context<'_>,
        variant_id: ID,
        delta: i64,
    ) -> GqlResult<StockView> {
        let (commerce, platform) = staff(ctx, "inventory:update").await?;
        InventoryService::new(platform.db(), platform.events())
            .adjust(&commerce, parse_gql_id(&variant_id)?, delta)
            .await
            .map_err(gql)
    }

    async fn create_region(&self, ctx: &Context<'_>, input: NewRegion) -> GqlResult<RegionView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        RegionService::new(platform.db(), platform.events())
            .create(&commerce, input)
            .await
            .map_err(gql)
    }

    /// Renames a region or changes its countries or tax; the currency is fixed.
    async fn update_region(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: RegionPatch,
    ) -> GqlResult<RegionView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        RegionService::new(platform.db(), platform.events())
            .update(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(gql)
    }

    async fn delete_shipping_option(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        RegionService::new(platform.db(), platform.events())
            .delete_shipping_option(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(gql)?;
        Ok(true)
    }

    /// Removes one price (a tier, a sale price or a base price).
    async fn delete_price(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .delete_price(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(gql)?;
        Ok(true)
    }

    async fn add_shipping_option(
        &self,
        ctx: &Context<'_>,
        region_id: ID,
        input: NewShippingOption,
    ) -> GqlResult<ShippingOptionView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        RegionService::new(platform.db(), platform.events())
            .add_shipping_option(&commerce, parse_gql_id(&region_id)?, input)
            .await
            .map_err(gql)
    }

    async fn create_price_list(
        &self,
        ctx: &Context<'_>,
        input: NewPriceList,
    ) -> GqlResult<PriceListView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .create_price_list(&commerce, input)
            .await
            .map_err(gql)
    }

    async fn create_product_collection(
        &self,
        ctx: &Context<'_>,
        input: NewProductCollection,
    ) -> GqlResult<ProductCollectionView> {
        let (commerce, platform) = staff(ctx, "products:create").await?;
        CatalogService::new(platform.db(), platform.events())
            .create_collection(&commerce, input)
            .await
            .map_err(gql)
    }

    async fn create_product_category(
        &self,
        ctx: &Context<'_>,
        input: NewProductCategory,
    ) -> GqlResult<ProductCategoryView> {
        let (commerce, platform) = staff(ctx, "products:create").await?;
        CatalogService::new(platform.db(), platform.events())
            .create_category(&commerce, input)
            .await
            .map_err(gql)
    }

    async fn update_product_collection(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProductCollectionPatch,
    ) -> GqlResult<ProductCollectionView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        CatalogService::new(platform.db(), platform.events())
            .update_collection(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(gql)
    }

    /// Renames, re-orders or moves a category. `parentId`: absent keeps the parent, `null`
    /// makes it a root, an id moves it there (never into its own subtree).
    async fn update_product_category(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProductCategoryPatch,
        #[graphql(default)] parent_id: MaybeUndefined<ID>,
    ) -> GqlResult<ProductCategoryView> {
        let (commerce, platform) = staff(ctx, "products:update").await?;
        let mut input = input;
        input.parent_id = match parent_id {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(parent) => Some(Some(parse_gql_id(&parent)?)),
        };
        CatalogService::new(platform.db(), platform.events())
            .update_category(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(gql)
    }

    async fn delete_product_collection(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (commerce, platform) = staff(ctx, "products:delete").await?;
        CatalogService::new(platform.db(), platform.events())
            .delete_collection(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(gql)?;
        Ok(true)
    }

    /// Deletes a category with its subtree.
    async fn delete_product_category(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (commerce, platform) = staff(ctx, "products:delete").await?;
        CatalogService::new(platform.db(), platform.events())
            .delete_category(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(gql)?;
        Ok(true)
    }

    /// A new cart; keep its id (anonymous carts are reached by id only).
    async fn create_cart(&self, ctx: &Context<'_>, input: NewCart) -> GqlResult<CartView> {
        let (commerce, platform) = public(ctx).await?;
        CartService::new(platform.db())
            .create(&commerce, input)
            .await
            .map_err(gql)
    }

    async fn add_cart_item(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        input: CartItemInput,
    ) -> GqlResult<CartView> {
        let (commerce, platform) = public(ctx).await?;
        CartService::new(platform.db())
            .add_item(&commerce, parse_gql_id(&cart_id)?, input)
            .await
            .map_err(gql)
    }

    /// Sets a line's quantity; 0 removes it.
    async fn update_cart_item(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        item_id: ID,
        quantity: i64,
    ) -> GqlResult<CartView> {
        let (commerce, platform) = public(ctx).await?;
        CartService::new(platform.db())
            .update_item(
                &commerce,
                parse_gql_id(&cart_id)?,
                parse_gql_id(&item_id)?,
                quantity,
            )
            .await
            .map_err(gql)
    }

    async fn remove_cart_item(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        item_id: ID,
    ) -> GqlResult<CartView> {
        let (commerce, platform) = public(ctx).await?;
        CartService::new(platform.db())
            .remove_item(&commerce, parse_gql_id(&cart_id)?, parse_gql_id(&item_id)?)
            .await
            .map_err(gql)
    }

    async fn set_cart_shipping_option(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        shipping_option_id: Option<ID>,
    ) -> GqlResult<CartView> {
        let (commerce, platform) = public(ctx).await?;
        let option = shipping_option_id.as_ref().map(parse_gql_id).transpose()?;
        CartService::new(platform.db())
            .set_shipping_option(&commerce, parse_gql_id(&cart_id)?, option)
            .await
            .map_err(gql)
    }

    async fn set_cart_email(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        email: String,
    ) -> GqlResult<CartView> {
        let (commerce, platform) = public(ctx).await?;
        CartService::new(platform.db())
            .set_email(&commerce, parse_gql_id(&cart_id)?, &email)
            .await
            .map_err(gql)
    }

    /// Places the order (guest checkout allowed). The same `idempotencyKey` returns the same
    /// order on retry; the last unit goes to exactly one buyer (`out_of_stock` for the rest).
    async fn checkout(
        &self,
        ctx: &Context<'_>,
        cart_id: ID,
        input: CheckoutInput,
    ) -> GqlResult<OrderView> {
        let (commerce, platform) = public(ctx).await?;
        let email = account_email(platform, &commerce)
            .await
            .map_err(graphql_error)?;
        CheckoutService::new(platform.db(), platform.events())
            .checkout_with_account(&commerce, parse_gql_id(&cart_id)?, input, email)
            .await
            .map_err(gql)
    }

    /// Capture, fulfill, ship, complete, cancel or refund (`orders:update`).
    async fn transition_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        action: OrderAction,
    ) -> GqlResult<OrderView> {
        let (commerce, platform) = staff(ctx, "orders:update").await?;
        OrderService::new(platform.db(), platform.events())
            .transition(&commerce, parse_gql_id(&id)?, action)
            .await
            .map_err(gql)
    }

    async fn add_order_note(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: NewOrderNote,
    ) -> GqlResult<OrderNoteView> {
        let (commerce, platform) = staff(ctx, "orders:update").await?;
        OrderService::new(platform.db(), platform.events())
            .add_note(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(gql)
    }
}
