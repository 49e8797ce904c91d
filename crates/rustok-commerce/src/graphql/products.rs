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
    /// Published products (staff with `products:read`: any status), newest first, filtered,
    /// with calculated prices when a region is given.
    #[allow(clippy::too_many_arguments)]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Prices for this region: each variant gets `calculatedPrice` in the \
                          region's currency (an unknown region is `not_found`)."
        )]
        region_id: Option<ID>,
        #[graphql(
            desc = "Preferred locale of the texts, e.g. `en`, `pt-BR`; the tenant default \
                          is the fallback (not a locale tag: `validation_failed`)."
        )]
        locale: Option<String>,
        #[graphql(
            desc = "Only products of this status; for staff with `products:read` only \
                          (others always get published products)."
        )]
        status: Option<ProductStatus>,
        #[graphql(desc = "Only products of this collection.")] collection_id: Option<ID>,
        #[graphql(desc = "Only products in this category (not in its subcategories).")]
        category_id: Option<ID>,
        #[graphql(desc = "Only products with this tag (compared trimmed and lower-cased).")]
        tag: Option<String>,
        #[graphql(
            desc = "Only products with a base price of at least this many minor units \
                          of the region's currency; needs `regionId` (else `validation_failed`)."
        )]
        min_price: Option<i64>,
        #[graphql(
            desc = "Only products with a base price of at most this many minor units \
                          of the region's currency; needs `regionId` (else `validation_failed`)."
        )]
        max_price: Option<i64>,
        #[graphql(desc = "`true`: only products with a variant that can be bought now.")]
        in_stock: Option<bool>,
        #[graphql(desc = "Page size, 1 to 100 (else `validation_failed`); default 20.")]
        first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<ID>,
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
    /// visitors). Without `id` and `handle`: `validation_failed`.
    async fn product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The product's id; wins over `handle`.")] id: Option<ID>,
        #[graphql(desc = "The product's handle, read when no `id` is given.")] handle: Option<
            String,
        >,
        #[graphql(
            desc = "Prices for this region: each variant gets `calculatedPrice` in the \
                          region's currency (an unknown region is `not_found`)."
        )]
        region_id: Option<ID>,
        #[graphql(
            desc = "Preferred locale of the texts, e.g. `en`, `pt-BR`; the tenant default \
                          is the fallback (not a locale tag: `validation_failed`)."
        )]
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
    /// Stock of a variant at the default location: on hand, reserved, available
    /// (`inventory:read`).
    async fn variant_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The variant's id.")] variant_id: ID,
    ) -> GqlResult<StockView> {
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
    /// Creates a product with translations, options, variants (prices, stock), images, tags and
    /// categories in one step (`products:create`); a taken handle or SKU is `already_taken`.
    async fn create_product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new product.")] input: NewProduct,
    ) -> GqlResult<ProductView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:create").await?;
            Ok(catalog(&api.platform)
                .create_product(&commerce, input)
                .await?)
        })
        .await
    }

    /// Changes a product's fields, texts, images, tags or categories (`products:update`); a
    /// taken handle is `already_taken`.
    async fn update_product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The product's id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: ProductPatch,
    ) -> GqlResult<ProductView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .update_product(&commerce, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    /// Deletes a product with its variants, prices and stock (`products:delete`); orders keep
    /// their copies of its lines. `true` once deleted.
    async fn delete_product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The product's id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:delete").await?;
            catalog(&api.platform)
                .delete_product(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Adds a variant (option values, SKU, prices, stock) to a product (`products:update`); a
    /// product has at most 100 variants. A taken SKU is `already_taken`, option values another
    /// variant has are `variant_options_taken`.
    async fn add_variant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The product's id.")] product_id: ID,
        #[graphql(desc = "The new variant.")] input: NewVariant,
    ) -> GqlResult<VariantView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .add_variant(&commerce, parse_id(&product_id)?, input)
                .await?)
        })
        .await
    }

    /// Adds an option to a product (`products:update`); existing variants take
    /// `valuesByVariant`, else `valueForVariants`. Answers with the product.
    async fn add_product_option(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The product's id.")] product_id: ID,
        #[graphql(desc = "The new option.")] input: NewProductOption,
    ) -> GqlResult<ProductView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .add_option(&commerce, parse_id(&product_id)?, input)
                .await?)
        })
        .await
    }

    /// Renames an option or its values (variants follow), sets its values, moves it
    /// (`products:update`); removing a value a variant has is `option_value_in_use`. Answers
    /// with the product.
    async fn update_product_option(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The product's id.")] product_id: ID,
        #[graphql(desc = "The option's id (`options[].id` of the product).")] option_id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: ProductOptionPatch,
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

    /// Removes an option and its value from every variant (`products:update`); `option_in_use`
    /// when two variants differ in this option only. Answers with the product.
    async fn delete_product_option(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The product's id.")] product_id: ID,
        #[graphql(desc = "The option's id (`options[].id` of the product).")] option_id: ID,
    ) -> GqlResult<ProductView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .delete_option(&commerce, parse_id(&product_id)?, parse_id(&option_id)?)
                .await?)
        })
        .await
    }

    /// Changes a variant's fields and translations (`products:update`); a taken SKU is
    /// `already_taken`.
    async fn update_variant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The variant's id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: VariantPatch,
    ) -> GqlResult<VariantView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .update_variant(&commerce, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    /// Deletes a variant with its prices and stock (`products:delete`); carts lose its line,
    /// orders keep theirs. `true` once deleted.
    async fn delete_variant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The variant's id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:delete").await?;
            catalog(&api.platform)
                .delete_variant(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Adds or replaces one price (currency, price list, minimum quantity) of a variant
    /// (`products:update`).
    async fn set_variant_price(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The variant's id.")] variant_id: ID,
        #[graphql(desc = "The price.")] input: PriceInput,
    ) -> GqlResult<PriceView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .set_price(&commerce, parse_id(&variant_id)?, input)
                .await?)
        })
        .await
    }

    /// Sets a variant's count on hand at the default location (`inventory:update`).
    async fn set_variant_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The variant's id.")] variant_id: ID,
        #[graphql(desc = "Units on hand, 0 to 10^15 (else `validation_failed`).")] on_hand: i64,
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

    /// Adds `delta` to a variant's count on hand at the default location (`inventory:update`).
    async fn adjust_variant_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The variant's id.")] variant_id: ID,
        #[graphql(
            desc = "Units to add, -10^15 to 10^15 (negative for shrinkage); a change \
                          that would make the count on hand negative is `validation_failed`."
        )]
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
