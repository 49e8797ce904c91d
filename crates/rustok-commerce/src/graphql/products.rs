//! Products, their options, variants, prices and stock. Visitors see published products;
//! staff with `products:read` see every status; changes need `products:*` or `inventory:*`.

use async_graphql::{Context, ID, Object};
use rustok_api::{MAX_PAGE_SIZE, optional_id, page_limit, requested_locale, resolve};
use rustok_core::{ProductKey, parse_id};

use crate::access::{catalog, sees_all_products, staff, storefront};
use crate::dto::{
    NewProduct, NewProductOption, NewVariant, PriceInput, PriceView, ProductFilter,
    ProductOptionPatch, ProductPage, ProductPatch, ProductStatus, ProductView, StockView,
    VariantPatch, VariantView,
};
use crate::storefront::Reader;
use crate::{CommerceError, InventoryService};

type GqlResult<T> = async_graphql::Result<T>;

#[derive(Default)]
pub struct ProductsQuery;

#[Object]
impl ProductsQuery {
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
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            let staff = sees_all_products(&api).await;
            let filter = ProductFilter {
                status: status.filter(|_| staff),
                collection_id: optional_id(collection_id.as_ref())?,
                category_id: optional_id(category_id.as_ref())?,
                tag,
                min_price,
                max_price,
                in_stock,
                after: optional_id(after.as_ref())?,
                limit: page_limit(first, 20, MAX_PAGE_SIZE)?,
            };
            let locale = requested_locale(locale.as_deref())?;
            let region = optional_id(region_id.as_ref())?;
            let reader = Reader {
                api: &api,
                ctx: &commerce,
                staff,
            };
            Ok(reader
                .products(filter, locale.as_ref(), region)
                .await?
                .into_page()?)
        })
        .await
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
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            let reader = Reader {
                api: &api,
                ctx: &commerce,
                staff: sees_all_products(&api).await,
            };
            let locale = requested_locale(locale.as_deref())?;
            let region = optional_id(region_id.as_ref())?;
            let key = match (&id, &handle) {
                (Some(id), _) => ProductKey::Id(parse_id(id)?),
                (None, Some(handle)) => ProductKey::Handle(handle),
                (None, None) => {
                    return Err(rustok_core::Error::invalid_field(
                        "id",
                        "give `id` or `handle`",
                    ));
                }
            };
            match reader.product(key, locale.as_ref(), region).await {
                Ok(product) => Ok(Some(product.into_view()?)),
                Err(CommerceError::NotFound(_)) => Ok(None),
                Err(err) => Err(err.into()),
            }
        })
        .await
    }
}

#[derive(Default)]
pub struct StockQuery;

#[Object]
impl StockQuery {
    /// Stock of a variant (`inventory:read`).
    async fn variant_stock(&self, ctx: &Context<'_>, variant_id: ID) -> GqlResult<StockView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "inventory:read").await?;
            Ok(
                InventoryService::new(api.platform.db(), api.platform.events())
                    .get(&commerce, parse_id(&variant_id)?)
                    .await?,
            )
        })
        .await
    }
}

#[derive(Default)]
pub struct ProductsMutation;

#[Object]
impl ProductsMutation {
    async fn create_product(&self, ctx: &Context<'_>, input: NewProduct) -> GqlResult<ProductView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:create").await?;
            Ok(catalog(&api.platform)
                .create_product(&commerce, input)
                .await?)
        })
        .await
    }

    async fn update_product(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProductPatch,
    ) -> GqlResult<ProductView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .update_product(&commerce, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    async fn delete_product(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:delete").await?;
            catalog(&api.platform)
                .delete_product(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    async fn add_variant(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        input: NewVariant,
    ) -> GqlResult<VariantView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .add_variant(&commerce, parse_id(&product_id)?, input)
                .await?)
        })
        .await
    }

    /// Adds an option; existing variants take `valuesByVariant`, else `valueForVariants`.
    async fn add_product_option(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        input: NewProductOption,
    ) -> GqlResult<ProductView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .add_option(&commerce, parse_id(&product_id)?, input)
                .await?)
        })
        .await
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
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .update_option(
                    &commerce,
                    parse_id(&product_id)?,
                    parse_id(&option_id)?,
                    input,
                )
                .await?)
        })
        .await
    }

    /// Removes an option and its value from every variant; `option_in_use` when two variants
    /// differ in this option only.
    async fn delete_product_option(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        option_id: ID,
    ) -> GqlResult<ProductView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .delete_option(&commerce, parse_id(&product_id)?, parse_id(&option_id)?)
                .await?)
        })
        .await
    }

    async fn update_variant(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: VariantPatch,
    ) -> GqlResult<VariantView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .update_variant(&commerce, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    async fn delete_variant(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:delete").await?;
            catalog(&api.platform)
                .delete_variant(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    async fn set_variant_price(
        &self,
        ctx: &Context<'_>,
        variant_id: ID,
        input: PriceInput,
    ) -> GqlResult<PriceView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .set_price(&commerce, parse_id(&variant_id)?, input)
                .await?)
        })
        .await
    }

    /// Sets the count on hand.
    async fn set_variant_stock(
        &self,
        ctx: &Context<'_>,
        variant_id: ID,
        on_hand: i64,
    ) -> GqlResult<StockView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "inventory:update").await?;
            Ok(
                InventoryService::new(api.platform.db(), api.platform.events())
                    .set_on_hand(&commerce, parse_id(&variant_id)?, on_hand)
                    .await?,
            )
        })
        .await
    }

    /// Adds `delta` to the count on hand (negative for shrinkage).
    async fn adjust_variant_stock(
        &self,
        ctx: &Context<'_>,
        variant_id: ID,
        delta: i64,
    ) -> GqlResult<StockView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "inventory:update").await?;
            Ok(
                InventoryService::new(api.platform.db(), api.platform.events())
                    .adjust(&commerce, parse_id(&variant_id)?, delta)
                    .await?,
            )
        })
        .await
    }
}
