//! Catalogue setup: regions and shipping options, prices and price lists, collections and the
//! category tree. Listings are public; changes need `products:*`.

use super::staff_of;
use async_graphql::{Context, ID, MaybeUndefined, Object};
use rustok_api::{ApiContext, graphql_error, parse_gql_id};

use crate::RegionService;
use crate::access::{catalog, storefront};
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
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        RegionService::new(api.platform.db(), api.platform.events())
            .list(&commerce)
            .await
            .map_err(graphql_error)
    }

    async fn product_collections(
        &self,
        ctx: &Context<'_>,
    ) -> GqlResult<Vec<ProductCollectionView>> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        catalog(&api.platform)
            .list_collections(&commerce)
            .await
            .map_err(graphql_error)
    }

    /// The product category tree, flat (nest by `parentId`).
    async fn product_categories(&self, ctx: &Context<'_>) -> GqlResult<Vec<ProductCategoryView>> {
        let api = ApiContext::of(ctx)?;
        let commerce = storefront(&api).await.map_err(graphql_error)?;
        catalog(&api.platform)
            .list_categories(&commerce)
            .await
            .map_err(graphql_error)
    }
}

#[derive(Default)]
pub struct CatalogMutation;

#[Object]
impl CatalogMutation {
    async fn create_region(&self, ctx: &Context<'_>, input: NewRegion) -> GqlResult<RegionView> {
        let (api, commerce) = staff_of(ctx, "products:update").await?;
        RegionService::new(api.platform.db(), api.platform.events())
            .create(&commerce, input)
            .await
            .map_err(graphql_error)
    }

    /// Renames a region or changes its countries or tax; the currency is fixed.
    async fn update_region(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: RegionPatch,
    ) -> GqlResult<RegionView> {
        let (api, commerce) = staff_of(ctx, "products:update").await?;
        RegionService::new(api.platform.db(), api.platform.events())
            .update(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn delete_shipping_option(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (api, commerce) = staff_of(ctx, "products:update").await?;
        RegionService::new(api.platform.db(), api.platform.events())
            .delete_shipping_option(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    /// Removes one price (a tier, a sale price or a base price).
    async fn delete_price(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (api, commerce) = staff_of(ctx, "products:update").await?;
        catalog(&api.platform)
            .delete_price(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    async fn add_shipping_option(
        &self,
        ctx: &Context<'_>,
        region_id: ID,
        input: NewShippingOption,
    ) -> GqlResult<ShippingOptionView> {
        let (api, commerce) = staff_of(ctx, "products:update").await?;
        RegionService::new(api.platform.db(), api.platform.events())
            .add_shipping_option(&commerce, parse_gql_id(&region_id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn create_price_list(
        &self,
        ctx: &Context<'_>,
        input: NewPriceList,
    ) -> GqlResult<PriceListView> {
        let (api, commerce) = staff_of(ctx, "products:update").await?;
        catalog(&api.platform)
            .create_price_list(&commerce, input)
            .await
            .map_err(graphql_error)
    }

    async fn create_product_collection(
        &self,
        ctx: &Context<'_>,
        input: NewProductCollection,
    ) -> GqlResult<ProductCollectionView> {
        let (api, commerce) = staff_of(ctx, "products:create").await?;
        catalog(&api.platform)
            .create_collection(&commerce, input)
            .await
            .map_err(graphql_error)
    }

    async fn create_product_category(
        &self,
        ctx: &Context<'_>,
        input: NewProductCategory,
    ) -> GqlResult<ProductCategoryView> {
        let (api, commerce) = staff_of(ctx, "products:create").await?;
        catalog(&api.platform)
            .create_category(&commerce, input)
            .await
            .map_err(graphql_error)
    }

    async fn update_product_collection(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProductCollectionPatch,
    ) -> GqlResult<ProductCollectionView> {
        let (api, commerce) = staff_of(ctx, "products:update").await?;
        catalog(&api.platform)
            .update_collection(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
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
        let (api, commerce) = staff_of(ctx, "products:update").await?;
        let mut input = input;
        input.parent_id = match parent_id {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(parent) => Some(Some(parse_gql_id(&parent)?)),
        };
        catalog(&api.platform)
            .update_category(&commerce, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn delete_product_collection(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (api, commerce) = staff_of(ctx, "products:delete").await?;
        catalog(&api.platform)
            .delete_collection(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    /// Deletes a category with its subtree.
    async fn delete_product_category(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (api, commerce) = staff_of(ctx, "products:delete").await?;
        catalog(&api.platform)
            .delete_category(&commerce, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }
}
