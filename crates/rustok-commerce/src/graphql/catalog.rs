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
    /// Regions with their currencies, taxes and shipping options.
    async fn regions(&self, ctx: &Context<'_>) -> GqlResult<Vec<RegionView>> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            Ok(RegionService::new(api.platform.db(), api.platform.events())
                .list(&commerce)
                .await?)
        })
        .await
    }

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

    /// The product category tree, flat (nest by `parentId`).
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
    async fn create_region(&self, ctx: &Context<'_>, input: NewRegion) -> GqlResult<RegionView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(RegionService::new(api.platform.db(), api.platform.events())
                .create(&commerce, input)
                .await?)
        })
        .await
    }

    /// Renames a region or changes its countries or tax; the currency is fixed.
    async fn update_region(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: RegionPatch,
    ) -> GqlResult<RegionView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(RegionService::new(api.platform.db(), api.platform.events())
                .update(&commerce, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    async fn delete_shipping_option(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            RegionService::new(api.platform.db(), api.platform.events())
                .delete_shipping_option(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Removes one price (a tier, a sale price or a base price).
    async fn delete_price(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            catalog(&api.platform)
                .delete_price(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    async fn add_shipping_option(
        &self,
        ctx: &Context<'_>,
        region_id: ID,
        input: NewShippingOption,
    ) -> GqlResult<ShippingOptionView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(RegionService::new(api.platform.db(), api.platform.events())
                .add_shipping_option(&commerce, parse_id(&region_id)?, input)
                .await?)
        })
        .await
    }

    async fn create_price_list(
        &self,
        ctx: &Context<'_>,
        input: NewPriceList,
    ) -> GqlResult<PriceListView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:update").await?;
            Ok(catalog(&api.platform)
                .create_price_list(&commerce, input)
                .await?)
        })
        .await
    }

    async fn create_product_collection(
        &self,
        ctx: &Context<'_>,
        input: NewProductCollection,
    ) -> GqlResult<ProductCollectionView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:create").await?;
            Ok(catalog(&api.platform)
                .create_collection(&commerce, input)
                .await?)
        })
        .await
    }

    async fn create_product_category(
        &self,
        ctx: &Context<'_>,
        input: NewProductCategory,
    ) -> GqlResult<ProductCategoryView> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:create").await?;
            Ok(catalog(&api.platform)
                .create_category(&commerce, input)
                .await?)
        })
        .await
    }

    async fn update_product_collection(
        &self,
        ctx: &Context<'_>,
        id: ID,
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

    /// Renames, re-orders or moves a category. `parentId`: absent keeps the parent, `null`
    /// makes it a root, an id moves it there (never into its own subtree).
    async fn update_product_category(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProductCategoryPatch,
        #[graphql(default)] parent_id: MaybeUndefined<ID>,
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

    async fn delete_product_collection(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let commerce = staff(&api, "products:delete").await?;
            catalog(&api.platform)
                .delete_collection(&commerce, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Deletes a category with its subtree.
    async fn delete_product_category(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
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
