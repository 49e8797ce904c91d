//! Catalogue setup: regions and shipping options, prices and price lists, collections and the
//! category tree. Listings are public; changes need `products:*`.

use async_graphql::{Context, ID, MaybeUndefined, Object};
use rustok_api::resolve;
use rustok_core::parse_id;

use crate::RegionService;
use crate::access::{catalog, staff, storefront};
use crate::dto::{
    NewPriceList, NewProductCategory, NewProductCollection, NewRegion, NewShippingOption,
    PriceListView, ProductCategoryPatch, ProductCategoryView, ProductCollectionPatch,
    ProductCollectionView, RegionPatch, RegionView, ShippingOptionView,
};

type GqlResult<T> = async_graphql::Result<T>;

#[derive(Default)]
pub struct CatalogQuery;

#[Object]
impl CatalogQuery {
    /// The shop's regions, by name, with their currencies, taxes and shipping options.
    async fn regions(&self, ctx: &Context<'_>) -> GqlResult<Vec<RegionView>> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(RegionService::new(api.platform.db(), api.platform.events())
                .list(&commerce)
                .await?)
        })
        .await
    }

    /// Every product collection of the shop, by handle.
    async fn product_collections(
        &self,
        ctx: &Context<'_>,
    ) -> GqlResult<Vec<ProductCollectionView>> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(catalog(&api.platform).list_collections(&commerce).await?)
        })
        .await
    }

    /// The product category tree, flat (nest by `parentId`), by position then handle.
    async fn product_categories(&self, ctx: &Context<'_>) -> GqlResult<Vec<ProductCategoryView>> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(catalog(&api.platform).list_categories(&commerce).await?)
        })
        .await
    }
}

#[derive(Default)]
pub struct CatalogMutation;

#[Object]
impl CatalogMutation {
    /// Creates a region: currency, countries, tax (`products:update`).
    async fn create_region(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new region.")] input: NewRegion,
    ) -> GqlResult<RegionView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(RegionService::new(api.platform.db(), api.platform.events())
                .create(&commerce, input)
                .await?)
        })
        .await
    }

    /// Renames a region or changes its countries or tax; the currency is fixed
    /// (`products:update`).
    async fn update_region(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The region's id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: RegionPatch,
    ) -> GqlResult<RegionView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(RegionService::new(api.platform.db(), api.platform.events())
                .update(&commerce, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    /// Deletes a shipping option (`products:update`); carts that chose it ship for free until
    /// they choose again. `true` once deleted.
    async fn delete_shipping_option(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The shipping option's id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            RegionService::new(api.platform.db(), api.platform.events())
                .delete_shipping_option(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Removes one price of a variant: a tier, a sale price or a base price
    /// (`products:update`). `true` once deleted.
    async fn delete_price(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The price's id (`prices[].id` of the variant).")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            catalog(&api.platform)
                .delete_price(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Adds a flat-rate shipping option to a region (`products:update`).
    async fn add_shipping_option(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The region's id.")] region_id: ID,
        #[graphql(desc = "The new shipping option.")] input: NewShippingOption,
    ) -> GqlResult<ShippingOptionView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(RegionService::new(api.platform.db(), api.platform.events())
                .add_shipping_option(&commerce, parse_id(&region_id)?, input)
                .await?)
        })
        .await
    }

    /// Creates a price list, optionally valid only between `startsAt` and `endsAt`
    /// (`products:update`).
    async fn create_price_list(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new price list.")] input: NewPriceList,
    ) -> GqlResult<PriceListView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .create_price_list(&commerce, input)
                .await?)
        })
        .await
    }

    /// Creates a product collection (`products:create`); a taken handle is `already_taken`.
    async fn create_product_collection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new collection.")] input: NewProductCollection,
    ) -> GqlResult<ProductCollectionView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:create").await?;
            Ok(catalog(&api.platform)
                .create_collection(&commerce, input)
                .await?)
        })
        .await
    }

    /// Creates a product category, optionally under a parent (`products:create`); a taken
    /// handle is `already_taken`.
    async fn create_product_category(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new category.")] input: NewProductCategory,
    ) -> GqlResult<ProductCategoryView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:create").await?;
            Ok(catalog(&api.platform)
                .create_category(&commerce, input)
                .await?)
        })
        .await
    }

    /// Renames a collection or changes its handle (`products:update`); a taken handle is
    /// `already_taken`.
    async fn update_product_collection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The collection's id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")]
        input: ProductCollectionPatch,
    ) -> GqlResult<ProductCollectionView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .update_collection(&commerce, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    /// Renames, re-orders or moves a category (`products:update`). `parentId`: absent keeps
    /// the parent, `null` makes it a root, an id moves it there (never into its own subtree).
    async fn update_product_category(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The category's id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")]
        input: ProductCategoryPatch,
        #[graphql(
            default,
            desc = "The new parent, a category of the shop outside this one's subtree (else \
                    `validation_failed`); `null`: a root; absent: unchanged."
        )]
        parent_id: MaybeUndefined<ID>,
    ) -> GqlResult<ProductCategoryView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            let mut input = input;
            input.parent_id = match parent_id {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(parent) => Some(Some(parse_id(&parent)?)),
            };
            Ok(catalog(&api.platform)
                .update_category(&commerce, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    /// Deletes a collection (`products:delete`); its products stay, without a collection.
    /// `true` once deleted.
    async fn delete_product_collection(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The collection's id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:delete").await?;
            catalog(&api.platform)
                .delete_collection(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Deletes a category with its subtree (`products:delete`); products lose those
    /// categories. `true` once deleted.
    async fn delete_product_category(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The category's id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:delete").await?;
            catalog(&api.platform)
                .delete_category(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }
}
