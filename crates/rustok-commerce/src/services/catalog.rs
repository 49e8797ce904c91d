//! The catalogue: products, translations, options, variants, prices, images, collections,
//! categories and tags.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use rustok_core::{DomainEvent, EventBus, Locale, begin_write};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::options::{OptionRules, lock_product, validate_options};
use super::{
    CommerceContext, DEFAULT_LOCATION, catalog_changed, now, optional_text, pricing, required_text,
    taken, validate_amount, validate_handle, validate_metadata,
};
use crate::dto::ProductView;
use crate::dto::{
    ImageInput, ImageView, NewPriceList, NewProduct, NewProductCategory, NewProductCollection,
    NewVariant, OptionValueView, OptionView, PriceInput, PriceListView, PriceView,
    ProductCategoryPatch, ProductCategoryView, ProductCollectionPatch, ProductCollectionView,
    ProductFilter, ProductPage, ProductPatch, ProductStatus, ProductTranslationInput, VariantPatch,
    VariantTranslationInput, VariantView,
};
use crate::entities::{
    categories, collections, inventory_levels, price_lists, prices, product_categories,
    product_images, product_options, product_tags, product_translations, products, regions,
    variant_translations, variants,
};
use crate::totals::select_price;
use crate::{CommerceError, Currency};

const MAX_VARIANTS: usize = 100;
const MAX_IMAGES: usize = 50;
const MAX_TAGS: usize = 32;

/// How a read presents prices: staff see every stored price; a storefront read for a region
/// sees the calculated price in the region's currency.
#[derive(Debug, Clone, Copy)]
pub enum PriceMode {
    All,
    Region(Currency),
}

pub struct CatalogService<'a> {
    pub(super) db: &'a DatabaseConnection,
    pub(super) events: &'a EventBus,
}

impl<'a> CatalogService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self { db, events }
    }

    /// Creates a product with its translations, options, variants (with prices and stock),
    /// images, tags and categories in one transaction with `ProductCreated`
    /// (and `ProductPublished` when created published).
    pub async fn create_product(
        &self,
        ctx: &CommerceContext,
        input: NewProduct,
    ) -> Result<ProductView, CommerceError> {
        let handle = validate_handle("handle", &input.handle)?;
        let metadata = validate_metadata(input.metadata)?;
        if input.translations.is_empty() {
            return Err(CommerceError::invalid(
                "translations",
                "give at least one translation",
            ));
        }
        if input.variants.len() > MAX_VARIANTS {
            return Err(CommerceError::invalid(
                "variants",
                format!("at most {MAX_VARIANTS}"),
            ));
        }
        let options = validate_options(&input.options)?;
        let status = input.status.unwrap_or(ProductStatus::Draft);
        let txn = begin_write(self.db).await?;
        check_collection(&txn, ctx, input.collection_id).await?;
        let now = now();
        let product = products::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            handle: Set(handle.clone()),
            status: Set(status.as_str().to_string()),
            discountable: Set(input.discountable.unwrap_or(true)),
            collection_id: Set(input.collection_id),
            metadata: Set(metadata),
            published_at: Set((status == ProductStatus::Published).then_some(now)),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await
        .map_err(|e| taken(e, "handle", &handle))?;
        for translation in input.translations {
            upsert_product_translation(&txn, ctx, product.id, translation).await?;
        }
        for (position, (title, values)) in options.iter().enumerate() {
            product_options::ActiveModel {
                id: Set(rustok_core::generate_id()),
                tenant_id: Set(ctx.tenant_id()),
                product_id: Set(product.id),
                title: Set(title.clone()),
                values: Set(serde_json::json!(values)),
                position: Set(position as i32),
            }
            .insert(&txn)
            .await?;
        }
        set_images(&txn, ctx, product.id, &input.images).await?;
        set_tags(&txn, ctx, product.id, &input.tags).await?;
        set_categories(&txn, ctx, product.id, &input.category_ids).await?;
        let mut events = vec![DomainEvent::ProductCreated {
            product_id: product.id,
            handle: handle.clone(),
        }];
        let mut rules = OptionRules::new(options);
        for (i, variant) in input.variants.into_iter().enumerate() {
            let position = variant.position.unwrap_or(i as i32);
            insert_variant(
                &txn,
                ctx,
                &product,
                &mut rules,
                variant,
                position,
                &mut events,
            )
            .await?;
        }
        if status == ProductStatus::Published {
            events.push(DomainEvent::ProductPublished {
                product_id: product.id,
            });
        }
        for event in events {
            self.events
                .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
                .await?;
        }
        txn.commit().await?;
        self.get_product(ctx, product.id, None, PriceMode::All, false)
            .await
    }

    /// Applies `patch`; `ProductUpdated` (and `ProductPublished` when it becomes published).
    pub async fn update_product(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
        patch: ProductPatch,
    ) -> Result<ProductView, CommerceError> {
        let handle = patch
            .handle
            .as_deref()
            .map(|h| validate_handle("handle", h))
            .transpose()?;
        let metadata = patch
            .metadata
            .map(|m| validate_metadata(Some(m)))
            .transpose()?;
        let txn = begin_write(self.db).await?;
        let product = find_product(&txn, ctx, id).await?;
        let was_published = product.status == ProductStatus::Published.as_str();
        let mut active: products::ActiveModel = product.clone().into();
        if let Some(handle) = &handle {
            active.handle = Set(handle.clone());
        }
        if let Some(status) = patch.status {
            active.status = Set(status.as_str().to_string());
            if status == ProductStatus::Published && product.published_at.is_none() {
                active.published_at = Set(Some(now()));
            }
        }
        if let Some(discountable) = patch.discountable {
            active.discountable = Set(discountable);
        }
        if let Some(collection_id) = patch.collection_id {
            check_collection(&txn, ctx, Some(collection_id)).await?;
            active.collection_id = Set(Some(collection_id));
        }
        if let Some(metadata) = metadata {
            active.metadata = Set(metadata);
        }
        active.updated_at = Set(now());
        let product = active
            .update(&txn)
            .await
            .map_err(|e| taken(e, "handle", handle.as_deref().unwrap_or_default()))?;
        for translation in patch.translations.unwrap_or_default() {
            upsert_product_translation(&txn, ctx, product.id, translation).await?;
        }
        if let Some(images) = &patch.images {
            set_images(&txn, ctx, product.id, images).await?;
        }
        if let Some(tags) = &patch.tags {
            set_tags(&txn, ctx, product.id, tags).await?;
        }
        if let Some(category_ids) = &patch.category_ids {
            set_categories(&txn, ctx, product.id, category_ids).await?;
        }
        let mut events = vec![DomainEvent::ProductUpdated {
            product_id: product.id,
        }];
        if !was_published && product.status == ProductStatus::Published.as_str() {
            events.push(DomainEvent::ProductPublished {
                product_id: product.id,
            });
        }
        for event in events {
            self.events
                .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
                .await?;
        }
        txn.commit().await?;
        self.get_product(ctx, id, None, PriceMode::All, false).await
    }

    /// Deletes a product with its variants, prices and stock (`ProductDeleted`). Orders keep
    /// their lines: they are copies.
    pub async fn delete_product(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
    ) -> Result<(), CommerceError> {
        let txn = begin_write(self.db).await?;
        let product = find_product(&txn, ctx, id).await?;
        products::Entity::delete_many()
            .filter(products::Column::Id.eq(product.id))
            .filter(products::Column::TenantId.eq(ctx.tenant_id()))
            .exec(&txn)
            .await?;
        self.events
            .emit_in_tx(
                &txn,
                ctx.tenant,
                ctx.actor,
                DomainEvent::ProductDeleted { product_id: id },
            )
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Adds a variant (with prices and initial stock) to a product (`VariantUpdated`).
    pub async fn add_variant(
        &self,
        ctx: &CommerceContext,
        product_id: Uuid,
        input: NewVariant,
    ) -> Result<VariantView, CommerceError> {
        let txn = begin_write(self.db).await?;
        let product = lock_product(&txn, ctx, product_id).await?;
        let mut rules = OptionRules::load(&txn, ctx, product.id).await?;
        let count = variants::Entity::find()
            .filter(variants::Column::ProductId.eq(product.id))
            .filter(variants::Column::TenantId.eq(ctx.tenant_id()))
            .count(&txn)
            .await?;
        if count >= MAX_VARIANTS as u64 {
            return Err(CommerceError::invalid(
                "variants",
                format!("at most {MAX_VARIANTS}"),
            ));
        }
        let position = input.position.unwrap_or(count as i32);
        let mut events = Vec::new();
        let variant = insert_variant(
            &txn,
            ctx,
            &product,
            &mut rules,
            input,
            position,
            &mut events,
        )
        .await?;
        for event in events {
            self.events
                .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
                .await?;
        }
        txn.commit().await?;
        self.variant(ctx, variant).await
    }

    /// Edits a variant (`VariantUpdated`).
    pub async fn update_variant(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
        patch: VariantPatch,
    ) -> Result<VariantView, CommerceError> {
        let txn = begin_write(self.db).await?;
        let variant = find_variant(&txn, ctx, variant_id).await?;
        let mut active: variants::ActiveModel = variant.clone().into();
        if let Some(title) = &patch.title {
            active.title = Set(required_text("title", title, 255)?);
        }
        let sku = optional_text("sku", patch.sku.as_deref(), 64)?;
        if let Some(sku) = &sku {
            active.sku = Set(Some(sku.clone()));
        }
        if let Some(barcode) = optional_text("barcode", patch.barcode.as_deref(), 64)? {
            active.barcode = Set(Some(barcode));
        }
        if let Some(manage) = patch.manage_inventory {
            active.manage_inventory = Set(manage);
        }
        if let Some(backorder) = patch.allow_backorder {
            active.allow_backorder = Set(backorder);
        }
        if let Some(position) = patch.position {
            active.position = Set(position);
        }
        for (value, column) in [
            (patch.weight, &mut active.weight),
            (patch.length, &mut active.length),
            (patch.height, &mut active.height),
            (patch.width, &mut active.width),
        ] {
            if let Some(value) = value {
                if value < 0 {
                    return Err(CommerceError::invalid("dimensions", "must not be negative"));
                }
                *column = Set(Some(value));
            }
        }
        active.updated_at = Set(now());
        let variant = active
            .update(&txn)
            .await
            .map_err(|e| taken(e, "sku", sku.as_deref().unwrap_or_default()))?;
        for translation in patch.translations.unwrap_or_default() {
            upsert_variant_translation(&txn, ctx, variant.id, translation).await?;
        }
        self.events
            .emit_in_tx(
                &txn,
                ctx.tenant,
                ctx.actor,
                DomainEvent::VariantUpdated {
                    product_id: variant.product_id,
                    variant_id: variant.id,
                },
            )
            .await?;
        txn.commit().await?;
        self.variant(ctx, variant).await
    }

    /// Deletes a variant with its prices and stock (`ProductUpdated` of its product). Carts
    /// lose the line; orders keep theirs (they are copies).
    pub async fn delete_variant(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
    ) -> Result<(), CommerceError> {
        let txn = begin_write(self.db).await?;
        let variant = find_variant(&txn, ctx, variant_id).await?;
        variants::Entity::delete_many()
            .filter(variants::Column::Id.eq(variant.id))
            .filter(variants::Column::TenantId.eq(ctx.tenant_id()))
            .exec(&txn)
            .await?;
        self.events
            .emit_in_tx(
                &txn,
                ctx.tenant,
                ctx.actor,
                DomainEvent::ProductUpdated {
                    product_id: variant.product_id,
                },
            )
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sets (adds or replaces) one price of a variant (`PriceUpdated`).
    pub async fn set_price(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
        input: PriceInput,
    ) -> Result<PriceView, CommerceError> {
        let txn = begin_write(self.db).await?;
        let variant = find_variant(&txn, ctx, variant_id).await?;
        let (price, event) = upsert_price(&txn, ctx, variant.id, input).await?;
        self.events
            .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
            .await?;
        txn.commit().await?;
        Ok(price_view(price))
    }

    /// Removes one price (a tier, a sale price or a base price); `VariantUpdated`.
    pub async fn delete_price(
        &self,
        ctx: &CommerceContext,
        price_id: Uuid,
    ) -> Result<(), CommerceError> {
        let txn = begin_write(self.db).await?;
        let price = prices::Entity::find_by_id(price_id)
            .filter(prices::Column::TenantId.eq(ctx.tenant_id()))
            .one(&txn)
            .await?
            .ok_or(CommerceError::NotFound("price"))?;
        let variant = find_variant(&txn, ctx, price.variant_id).await?;
        prices::Entity::delete_many()
            .filter(prices::Column::Id.eq(price.id))
            .filter(prices::Column::TenantId.eq(ctx.tenant_id()))
            .exec(&txn)
            .await?;
        self.events
            .emit_in_tx(
                &txn,
                ctx.tenant,
                ctx.actor,
                DomainEvent::VariantUpdated {
                    product_id: variant.product_id,
                    variant_id: variant.id,
                },
            )
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// One product; `published_only` makes drafts and archived products invisible (404).
    pub async fn get_product(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
        locale: Option<&Locale>,
        prices: PriceMode,
        published_only: bool,
    ) -> Result<ProductView, CommerceError> {
        let product = find_product(self.db, ctx, id).await?;
        if published_only && product.status != ProductStatus::Published.as_str() {
            return Err(CommerceError::NotFound("product"));
        }
        let mut views = product_views(self.db, ctx, vec![product], locale, prices).await?;
        views.pop().ok_or(CommerceError::NotFound("product"))
    }

    pub async fn get_by_handle(
        &self,
        ctx: &CommerceContext,
        handle: &str,
        locale: Option<&Locale>,
        prices: PriceMode,
        published_only: bool,
    ) -> Result<ProductView, CommerceError> {
        let product = products::Entity::find()
            .filter(products::Column::TenantId.eq(ctx.tenant_id()))
            .filter(products::Column::Handle.eq(handle))
            .one(self.db)
            .await?
            .ok_or(CommerceError::NotFound("product"))?;
        self.get_product(ctx, product.id, locale, prices, published_only)
            .await
    }

    /// Products, newest first, filtered; the cursor is the last product's id.
    pub async fn list_products(
        &self,
        ctx: &CommerceContext,
        filter: ProductFilter,
        locale: Option<&Locale>,
        prices: PriceMode,
    ) -> Result<ProductPage, CommerceError> {
        let tenant = ctx.tenant_id();
        let mut query = products::Entity::find().filter(products::Column::TenantId.eq(tenant));
        if let Some(status) = filter.status {
            query = query.filter(products::Column::Status.eq(status.as_str()));
        }
        if let Some(collection_id) = filter.collection_id {
            query = query.filter(products::Column::CollectionId.eq(collection_id));
        }
        if let Some(category_id) = filter.category_id {
            query = query.filter(
                products::Column::Id.in_subquery(
                    Query::select()
                        .column(product_categories::Column::ProductId)
                        .from(product_categories::Entity)
                        .and_where(product_categories::Column::TenantId.eq(tenant))
                        .and_where(product_categories::Column::CategoryId.eq(category_id))
                        .to_owned(),
                ),
            );
        }
        if let Some(tag) = &filter.tag {
            query = query.filter(
                products::Column::Id.in_subquery(
                    Query::select()
                        .column(product_tags::Column::ProductId)
                        .from(product_tags::Entity)
                        .and_where(product_tags::Column::TenantId.eq(tenant))
                        .and_where(product_tags::Column::Tag.eq(tag.trim().to_lowercase()))
                        .to_owned(),
                ),
            );
        }
        if filter.min_price.is_some() || filter.max_price.is_some() {
            let PriceMode::Region(currency) = prices else {
                return Err(CommerceError::invalid(
                    "region_id",
                    "a price filter needs a region",
                ));
            };
            let mut priced = Query::select()
                .column((variants::Entity, variants::Column::ProductId))
                .from(variants::Entity)
                .inner_join(
                    prices::Entity,
                    Expr::col((prices::Entity, prices::Column::VariantId))
                        .equals((variants::Entity, variants::Column::Id)),
                )
                .and_where(Expr::col((variants::Entity, variants::Column::TenantId)).eq(tenant))
                .and_where(
                    Expr::col((prices::Entity, prices::Column::CurrencyCode)).eq(currency.code()),
                )
                .and_where(Expr::col((prices::Entity, prices::Column::PriceListId)).is_null())
                .to_owned();
            if let Some(min) = filter.min_price {
                priced.and_where(Expr::col((prices::Entity, prices::Column::Amount)).gte(min));
            }
            if let Some(max) = filter.max_price {
                priced.and_where(Expr::col((prices::Entity, prices::Column::Amount)).lte(max));
            }
            query = query.filter(products::Column::Id.in_subquery(priced));
        }
        if filter.in_stock == Some(true) {
            let stocked = Query::select()
                .column((variants::Entity, variants::Column::ProductId))
                .from(variants::Entity)
                .left_join(
                    inventory_levels::Entity,
                    Expr::col((
                        inventory_levels::Entity,
                        inventory_levels::Column::VariantId,
                    ))
                    .equals((variants::Entity, variants::Column::Id)),
                )
                .and_where(Expr::col((variants::Entity, variants::Column::TenantId)).eq(tenant))
                .cond_where(
                    sea_orm::Condition::any()
                        .add(
                            Expr::col((variants::Entity, variants::Column::ManageInventory))
                                .eq(false),
                        )
                        .add(
                            Expr::col((variants::Entity, variants::Column::AllowBackorder))
                                .eq(true),
                        )
                        .add(
                            Expr::col((inventory_levels::Entity, inventory_levels::Column::OnHand))
                                .gt(Expr::col((
                                    inventory_levels::Entity,
                                    inventory_levels::Column::Reserved,
                                ))),
                        ),
                )
                .to_owned();
            query = query.filter(products::Column::Id.in_subquery(stocked));
        }
        if let Some(after) = filter.after {
            query = query.filter(products::Column::Id.lt(after));
        }
        let limit = filter.limit.clamp(1, 100);
        let mut rows = query
            .order_by_desc(products::Column::Id)
            .limit(limit + 1)
            .all(self.db)
            .await?;
        let next_cursor = if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|p| p.id.to_string())
        } else {
            None
        };
        let items = product_views(self.db, ctx, rows, locale, prices).await?;
        Ok(ProductPage { items, next_cursor })
    }

    pub async fn create_collection(
        &self,
        ctx: &CommerceContext,
        input: NewProductCollection,
    ) -> Result<ProductCollectionView, CommerceError> {
        let handle = validate_handle("handle", &input.handle)?;
        let title = required_text("title", &input.title, 255)?;
        let txn = begin_write(self.db).await?;
        let model = collections::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            handle: Set(handle.clone()),
            title: Set(title),
            created_at: Set(now()),
        }
        .insert(&txn)
        .await
        .map_err(|e| taken(e, "handle", &handle))?;
        catalog_changed(self.events, &txn, ctx, "collection", model.id, "created").await?;
        txn.commit().await?;
        Ok(ProductCollectionView {
            id: model.id,
            handle: model.handle,
            title: model.title,
        })
    }

    /// Renames a collection or changes its handle.
    pub async fn update_collection(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
        patch: ProductCollectionPatch,
    ) -> Result<ProductCollectionView, CommerceError> {
        let txn = begin_write(self.db).await?;
        let current = collections::Entity::find_by_id(id)
            .filter(collections::Column::TenantId.eq(ctx.tenant_id()))
            .one(&txn)
            .await?
            .ok_or(CommerceError::NotFound("collection"))?;
        let mut active: collections::ActiveModel = current.into();
        let mut handle = None;
        if let Some(new) = &patch.handle {
            let new = validate_handle("handle", new)?;
            active.handle = Set(new.clone());
            handle = Some(new);
        }
        if let Some(title) = &patch.title {
            active.title = Set(required_text("title", title, 255)?);
        }
        let model = active
            .update(&txn)
            .await
            .map_err(|e| taken(e, "handle", handle.as_deref().unwrap_or_default()))?;
        catalog_changed(self.events, &txn, ctx, "collection", id, "updated").await?;
        txn.commit().await?;
        Ok(ProductCollectionView {
            id: model.id,
            handle: model.handle,
            title: model.title,
        })
    }

    /// Renames, re-orders or moves a category (never under itself or its own subtree).
    pub async fn update_category(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
        patch: ProductCategoryPatch,
    ) -> Result<ProductCategoryView, CommerceError> {
        let txn = begin_write(self.db).await?;
        let current = categories::Entity::find_by_id(id)
            .filter(categories::Column::TenantId.eq(ctx.tenant_id()))
            .one(&txn)
            .await?
            .ok_or(CommerceError::NotFound("category"))?;
        let mut active: categories::ActiveModel = current.into();
        let mut handle = None;
        if let Some(new) = &patch.handle {
            let new = validate_handle("handle", new)?;
            active.handle = Set(new.clone());
            handle = Some(new);
        }
        if let Some(name) = &patch.name {
            active.name = Set(required_text("name", name, 255)?);
        }
        if let Some(position) = patch.position {
            active.position = Set(position);
        }
        if let Some(parent) = patch.parent_id {
            if let Some(parent_id) = parent {
                // Walk up from the new parent: meeting the category itself means a cycle.
                let mut cursor = Some(parent_id);
                let mut steps = 0;
                while let Some(at) = cursor {
                    if at == id {
                        return Err(CommerceError::invalid(
                            "parent_id",
                            "a category cannot move under itself or its own subtree",
                        ));
                    }
                    let node = categories::Entity::find_by_id(at)
                        .filter(categories::Column::TenantId.eq(ctx.tenant_id()))
                        .one(&txn)
                        .await?
                        .ok_or_else(|| CommerceError::invalid("parent_id", "no such category"))?;
                    cursor = node.parent_id;
                    steps += 1;
                    if steps > 64 {
                        return Err(CommerceError::invalid("parent_id", "the tree is too deep"));
                    }
                }
            }
            active.parent_id = Set(parent);
        }
        let model = active
            .update(&txn)
            .await
            .map_err(|e| taken(e, "handle", handle.as_deref().unwrap_or_default()))?;
        catalog_changed(self.events, &txn, ctx, "category", id, "updated").await?;
        txn.commit().await?;
        Ok(category_view(model))
    }

    /// Deletes a collection; its products stay, without a collection.
    pub async fn delete_collection(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
    ) -> Result<(), CommerceError> {
        let txn = begin_write(self.db).await?;
        let deleted = collections::Entity::delete_many()
            .filter(collections::Column::Id.eq(id))
            .filter(collections::Column::TenantId.eq(ctx.tenant_id()))
            .exec(&txn)
            .await?;
        if deleted.rows_affected == 0 {
            return Err(CommerceError::NotFound("collection"));
        }
        catalog_changed(self.events, &txn, ctx, "collection", id, "deleted").await?;
        txn.commit().await?;
        Ok(())
    }

    /// Deletes a category and its subtree; products lose those categories.
    pub async fn delete_category(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
    ) -> Result<(), CommerceError> {
        let txn = begin_write(self.db).await?;
        let deleted = categories::Entity::delete_many()
            .filter(categories::Column::Id.eq(id))
            .filter(categories::Column::TenantId.eq(ctx.tenant_id()))
            .exec(&txn)
            .await?;
        if deleted.rows_affected == 0 {
            return Err(CommerceError::NotFound("category"));
        }
        catalog_changed(self.events, &txn, ctx, "category", id, "deleted").await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn list_collections(
        &self,
        ctx: &CommerceContext,
    ) -> Result<Vec<ProductCollectionView>, CommerceError> {
        Ok(collections::Entity::find()
            .filter(collections::Column::TenantId.eq(ctx.tenant_id()))
            .order_by_asc(collections::Column::Handle)
            .all(self.db)
            .await?
            .into_iter()
            .map(|c| ProductCollectionView {
                id: c.id,
                handle: c.handle,
                title: c.title,
            })
            .collect())
    }

    pub async fn create_category(
        &self,
        ctx: &CommerceContext,
        input: NewProductCategory,
    ) -> Result<ProductCategoryView, CommerceError> {
        let handle = validate_handle("handle", &input.handle)?;
        let name = required_text("name", &input.name, 255)?;
        let txn = begin_write(self.db).await?;
        if let Some(parent_id) = input.parent_id {
            categories::Entity::find_by_id(parent_id)
                .filter(categories::Column::TenantId.eq(ctx.tenant_id()))
                .one(&txn)
                .await?
                .ok_or_else(|| CommerceError::invalid("parent_id", "no such category"))?;
        }
        let model = categories::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            parent_id: Set(input.parent_id),
            handle: Set(handle.clone()),
            name: Set(name),
            position: Set(input.position.unwrap_or(0)),
            created_at: Set(now()),
        }
        .insert(&txn)
        .await
        .map_err(|e| taken(e, "handle", &handle))?;
        catalog_changed(self.events, &txn, ctx, "category", model.id, "created").await?;
        txn.commit().await?;
        Ok(category_view(model))
    }

    /// The category tree, flat (nest by `parent_id`).
    pub async fn list_categories(
        &self,
        ctx: &CommerceContext,
    ) -> Result<Vec<ProductCategoryView>, CommerceError> {
        Ok(categories::Entity::find()
            .filter(categories::Column::TenantId.eq(ctx.tenant_id()))
            .order_by_asc(categories::Column::Position)
            .order_by_asc(categories::Column::Handle)
            .all(self.db)
            .await?
            .into_iter()
            .map(category_view)
            .collect())
    }

    pub async fn create_price_list(
        &self,
        ctx: &CommerceContext,
        input: NewPriceList,
    ) -> Result<PriceListView, CommerceError> {
        let title = required_text("title", &input.title, 255)?;
        if let (Some(start), Some(end)) = (input.starts_at, input.ends_at)
            && end <= start
        {
            return Err(CommerceError::invalid("ends_at", "must be after starts_at"));
        }
        let txn = begin_write(self.db).await?;
        let model = price_lists::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            title: Set(title),
            starts_at: Set(input.starts_at.map(|t| t.fixed_offset())),
            ends_at: Set(input.ends_at.map(|t| t.fixed_offset())),
            created_at: Set(now()),
        }
        .insert(&txn)
        .await?;
        catalog_changed(self.events, &txn, ctx, "price_list", model.id, "created").await?;
        txn.commit().await?;
        Ok(PriceListView {
            id: model.id,
            title: model.title,
            starts_at: model.starts_at,
            ends_at: model.ends_at,
        })
    }

    /// The currency of a region of this tenant, for storefront reads.
    pub async fn region_currency(
        &self,
        ctx: &CommerceContext,
        region_id: Uuid,
    ) -> Result<Currency, CommerceError> {
        let region = regions::Entity::find_by_id(region_id)
            .filter(regions::Column::TenantId.eq(ctx.tenant_id()))
            .one(self.db)
            .await?
            .ok_or(CommerceError::NotFound("region"))?;
        region.currency_code.parse()
    }

    async fn variant(
        &self,
        ctx: &CommerceContext,
        variant: variants::Model,
    ) -> Result<VariantView, CommerceError> {
        let product = self
            .get_product(ctx, variant.product_id, None, PriceMode::All, false)
            .await?;
        product
            .variants
            .into_iter()
            .find(|v| v.id == variant.id)
            .ok_or(CommerceError::NotFound("variant"))
    }
}

fn category_view(model: categories::Model) -> ProductCategoryView {
    ProductCategoryView {
        id: model.id,
        parent_id: model.parent_id,
        handle: model.handle,
        name: model.name,
        position: model.position,
    }
}

fn price_view(price: prices::Model) -> PriceView {
    PriceView {
        id: price.id,
        currency: price.currency_code,
        amount: price.amount,
        min_quantity: price.min_quantity,
        price_list_id: price.price_list_id,
    }
}

pub(crate) async fn find_product(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    id: Uuid,
) -> Result<products::Model, CommerceError> {
    products::Entity::find_by_id(id)
        .filter(products::Column::TenantId.eq(ctx.tenant_id()))
        .one(conn)
        .await?
        .ok_or(CommerceError::NotFound("product"))
}

pub(crate) async fn find_variant(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    id: Uuid,
) -> Result<variants::Model, CommerceError> {
    variants::Entity::find_by_id(id)
        .filter(variants::Column::TenantId.eq(ctx.tenant_id()))
        .one(conn)
        .await?
        .ok_or(CommerceError::NotFound("variant"))
}

async fn check_collection(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    collection_id: Option<Uuid>,
) -> Result<(), CommerceError> {
    if let Some(id) = collection_id {
        collections::Entity::find_by_id(id)
            .filter(collections::Column::TenantId.eq(ctx.tenant_id()))
            .one(conn)
            .await?
            .ok_or_else(|| CommerceError::invalid("collection_id", "no such collection"))?;
    }
    Ok(())
}

fn writable_locale(ctx: &CommerceContext, text: &str) -> Result<Locale, CommerceError> {
    let locale: Locale = text.parse()?;
    ctx.locales.check(&locale)?;
    Ok(locale)
}

async fn upsert_product_translation(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    product_id: Uuid,
    input: ProductTranslationInput,
) -> Result<(), CommerceError> {
    let locale = writable_locale(ctx, &input.locale)?;
    let title = required_text("title", &input.title, 255)?;
    let subtitle = optional_text("subtitle", input.subtitle.as_deref(), 255)?;
    let description = optional_text("description", input.description.as_deref(), 64 * 1024)?;
    let existing = product_translations::Entity::find()
        .filter(product_translations::Column::ProductId.eq(product_id))
        .filter(product_translations::Column::TenantId.eq(ctx.tenant_id()))
        .filter(product_translations::Column::Locale.eq(locale.as_str()))
        .one(txn)
        .await?;
    match existing {
        Some(row) => {
            let mut active: product_translations::ActiveModel = row.into();
            active.title = Set(title);
            active.subtitle = Set(subtitle);
            active.description = Set(description);
            active.update(txn).await?;
        }
        None => {
            product_translations::ActiveModel {
                id: Set(rustok_core::generate_id()),
                tenant_id: Set(ctx.tenant_id()),
                product_id: Set(product_id),
                locale: Set(locale.to_string()),
                title: Set(title),
                subtitle: Set(subtitle),
                description: Set(description),
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

async fn upsert_variant_translation(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    variant_id: Uuid,
    input: VariantTranslationInput,
) -> Result<(), CommerceError> {
    let locale = writable_locale(ctx, &input.locale)?;
    let title = required_text("title", &input.title, 255)?;
    variant_translations::Entity::delete_many()
        .filter(variant_translations::Column::VariantId.eq(variant_id))
        .filter(variant_translations::Column::TenantId.eq(ctx.tenant_id()))
        .filter(variant_translations::Column::Locale.eq(locale.as_str()))
        .exec(txn)
        .await?;
    variant_translations::ActiveModel {
        id: Set(rustok_core::generate_id()),
        tenant_id: Set(ctx.tenant_id()),
        variant_id: Set(variant_id),
        locale: Set(locale.to_string()),
        title: Set(title),
    }
    .insert(txn)
    .await?;
    Ok(())
}

async fn set_images(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    product_id: Uuid,
    images: &[ImageInput],
) -> Result<(), CommerceError> {
    if images.len() > MAX_IMAGES {
        return Err(CommerceError::invalid(
            "images",
            format!("at most {MAX_IMAGES}"),
        ));
    }
    product_images::Entity::delete_many()
        .filter(product_images::Column::ProductId.eq(product_id))
        .filter(product_images::Column::TenantId.eq(ctx.tenant_id()))
        .exec(txn)
        .await?;
    for (position, image) in images.iter().enumerate() {
        let url = required_text("images.url", &image.url, 2048)?;
        if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/')) {
            return Err(CommerceError::invalid(
                "images.url",
                "must be an http(s) URL or an absolute path",
            ));
        }
        product_images::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            product_id: Set(product_id),
            url: Set(url),
            alt: Set(optional_text("images.alt", image.alt.as_deref(), 255)?),
            position: Set(position as i32),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

async fn set_tags(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    product_id: Uuid,
    tags: &[String],
) -> Result<(), CommerceError> {
    if tags.len() > MAX_TAGS {
        return Err(CommerceError::invalid(
            "tags",
            format!("at most {MAX_TAGS}"),
        ));
    }
    product_tags::Entity::delete_many()
        .filter(product_tags::Column::ProductId.eq(product_id))
        .filter(product_tags::Column::TenantId.eq(ctx.tenant_id()))
        .exec(txn)
        .await?;
    let mut seen = HashSet::new();
    for tag in tags {
        let tag = required_text("tags", tag, 100)?.to_lowercase();
        if !seen.insert(tag.clone()) {
            continue;
        }
        product_tags::ActiveModel {
            product_id: Set(product_id),
            tag: Set(tag),
            tenant_id: Set(ctx.tenant_id()),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

async fn set_categories(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    product_id: Uuid,
    category_ids: &[Uuid],
) -> Result<(), CommerceError> {
    product_categories::Entity::delete_many()
        .filter(product_categories::Column::ProductId.eq(product_id))
        .filter(product_categories::Column::TenantId.eq(ctx.tenant_id()))
        .exec(txn)
        .await?;
    let unique: HashSet<Uuid> = category_ids.iter().copied().collect();
    if unique.is_empty() {
        return Ok(());
    }
    let found = categories::Entity::find()
        .filter(categories::Column::TenantId.eq(ctx.tenant_id()))
        .filter(categories::Column::Id.is_in(unique.iter().copied()))
        .count(txn)
        .await?;
    if found != unique.len() as u64 {
        return Err(CommerceError::invalid("category_ids", "no such category"));
    }
    for category_id in unique {
        product_categories::ActiveModel {
            product_id: Set(product_id),
            category_id: Set(category_id),
            tenant_id: Set(ctx.tenant_id()),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Inserts a variant with its translations, prices and stock row, pushing its events.
async fn insert_variant(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    product: &products::Model,
    rules: &mut OptionRules,
    input: NewVariant,
    position: i32,
    events: &mut Vec<DomainEvent>,
) -> Result<variants::Model, CommerceError> {
    let title = required_text("variants.title", &input.title, 255)?;
    let sku = optional_text("variants.sku", input.sku.as_deref(), 64)?;
    let barcode = optional_text("variants.barcode", input.barcode.as_deref(), 64)?;
    let chosen = rules.claim(&input.options)?;
    for dimension in [input.weight, input.length, input.height, input.width]
        .into_iter()
        .flatten()
    {
        if dimension < 0 {
            return Err(CommerceError::invalid(
                "variants.dimensions",
                "must not be negative",
            ));
        }
    }
    let stock = input.stock.unwrap_or(0);
    if !(0..=super::MAX_AMOUNT).contains(&stock) {
        return Err(CommerceError::invalid(
            "variants.stock",
            "must not be negative",
        ));
    }
    let now = now();
    let variant = variants::ActiveModel {
        id: Set(rustok_core::generate_id()),
        tenant_id: Set(ctx.tenant_id()),
        product_id: Set(product.id),
        title: Set(title),
        sku: Set(sku.clone()),
        barcode: Set(barcode),
        manage_inventory: Set(input.manage_inventory.unwrap_or(true)),
        allow_backorder: Set(input.allow_backorder.unwrap_or(false)),
        weight: Set(input.weight),
        length: Set(input.length),
        height: Set(input.height),
        width: Set(input.width),
        position: Set(position),
        options: Set(chosen),
        metadata: Set(serde_json::json!({})),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await
    .map_err(|e| taken(e, "sku", sku.as_deref().unwrap_or_default()))?;
    for translation in input.translations {
        upsert_variant_translation(txn, ctx, variant.id, translation).await?;
    }
    inventory_levels::ActiveModel {
        id: Set(rustok_core::generate_id()),
        tenant_id: Set(ctx.tenant_id()),
        variant_id: Set(variant.id),
        location: Set(DEFAULT_LOCATION.to_string()),
        on_hand: Set(stock),
        reserved: Set(0),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?;
    events.push(DomainEvent::VariantUpdated {
        product_id: product.id,
        variant_id: variant.id,
    });
    if stock != 0 {
        events.push(DomainEvent::StockChanged {
            variant_id: variant.id,
            available: stock,
            delta: stock,
        });
    }
    for price in input.prices {
        let (_, event) = upsert_price(txn, ctx, variant.id, price).await?;
        events.push(event);
    }
    Ok(variant)
}

async fn upsert_price(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    variant_id: Uuid,
    input: PriceInput,
) -> Result<(prices::Model, DomainEvent), CommerceError> {
    let currency: Currency = input.currency.parse()?;
    let amount = validate_amount("amount", input.amount)?;
    let min_quantity = input.min_quantity.unwrap_or(1);
    if !(1..=super::MAX_QUANTITY as i32).contains(&min_quantity) {
        return Err(CommerceError::invalid(
            "min_quantity",
            format!("must be between 1 and {}", super::MAX_QUANTITY),
        ));
    }
    if let Some(list_id) = input.price_list_id {
        price_lists::Entity::find_by_id(list_id)
            .filter(price_lists::Column::TenantId.eq(ctx.tenant_id()))
            .one(txn)
            .await?
            .ok_or_else(|| CommerceError::invalid("price_list_id", "no such price list"))?;
    }
    let mut existing = prices::Entity::find()
        .filter(prices::Column::TenantId.eq(ctx.tenant_id()))
        .filter(prices::Column::VariantId.eq(variant_id))
        .filter(prices::Column::CurrencyCode.eq(currency.code()))
        .filter(prices::Column::MinQuantity.eq(min_quantity));
    existing = match input.price_list_id {
        Some(list_id) => existing.filter(prices::Column::PriceListId.eq(list_id)),
        None => existing.filter(prices::Column::PriceListId.is_null()),
    };
    let price = match existing.one(txn).await? {
        Some(row) => {
            let mut active: prices::ActiveModel = row.into();
            active.amount = Set(amount);
            active.update(txn).await?
        }
        None => {
            prices::ActiveModel {
                id: Set(rustok_core::generate_id()),
                tenant_id: Set(ctx.tenant_id()),
                variant_id: Set(variant_id),
                currency_code: Set(currency.code().to_string()),
                amount: Set(amount),
                price_list_id: Set(input.price_list_id),
                min_quantity: Set(min_quantity),
                created_at: Set(now()),
            }
            .insert(txn)
            .await?
        }
    };
    let event = DomainEvent::PriceUpdated {
        variant_id,
        currency: currency.code().to_string(),
        amount,
    };
    Ok((price, event))
}

/// Views of `rows` in one locale, loading their parts in one query per table (no N+1).
async fn product_views(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    rows: Vec<products::Model>,
    locale: Option<&Locale>,
    price_mode: PriceMode,
) -> Result<Vec<ProductView>, CommerceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let tenant = ctx.tenant_id();
    let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
    let chain = ctx.locales.fallback_chain(locale);
    let translations = product_translations::Entity::find()
        .filter(product_translations::Column::TenantId.eq(tenant))
        .filter(product_translations::Column::ProductId.is_in(ids.clone()))
        .all(conn)
        .await?;
    let options = product_options::Entity::find()
        .filter(product_options::Column::TenantId.eq(tenant))
        .filter(product_options::Column::ProductId.is_in(ids.clone()))
        .order_by_asc(product_options::Column::Position)
        .order_by_asc(product_options::Column::Id)
        .all(conn)
        .await?;
    let variant_rows = variants::Entity::find()
        .filter(variants::Column::TenantId.eq(tenant))
        .filter(variants::Column::ProductId.is_in(ids.clone()))
        .order_by_asc(variants::Column::Position)
        .order_by_asc(variants::Column::Id)
        .all(conn)
        .await?;
    let variant_ids: Vec<Uuid> = variant_rows.iter().map(|v| v.id).collect();
    let variant_titles = if variant_ids.is_empty() {
        Vec::new()
    } else {
        variant_translations::Entity::find()
            .filter(variant_translations::Column::TenantId.eq(tenant))
            .filter(variant_translations::Column::VariantId.is_in(variant_ids.clone()))
            .all(conn)
            .await?
    };
    let levels: HashMap<Uuid, (i64, i64)> = if variant_ids.is_empty() {
        HashMap::new()
    } else {
        inventory_levels::Entity::find()
            .filter(inventory_levels::Column::TenantId.eq(tenant))
            .filter(inventory_levels::Column::VariantId.is_in(variant_ids.clone()))
            .all(conn)
            .await?
            .into_iter()
            .fold(HashMap::new(), |mut acc, level| {
                let entry = acc.entry(level.variant_id).or_insert((0, 0));
                entry.0 += level.on_hand;
                entry.1 += level.reserved;
                acc
            })
    };
    let (all_prices, calculated): (Vec<prices::Model>, HashMap<Uuid, i64>) = match price_mode {
        PriceMode::All => (
            if variant_ids.is_empty() {
                Vec::new()
            } else {
                prices::Entity::find()
                    .filter(prices::Column::TenantId.eq(tenant))
                    .filter(prices::Column::VariantId.is_in(variant_ids.clone()))
                    .order_by_asc(prices::Column::CurrencyCode)
                    .order_by_asc(prices::Column::MinQuantity)
                    .all(conn)
                    .await?
            },
            HashMap::new(),
        ),
        PriceMode::Region(currency) => {
            let now = Utc::now();
            let candidates = pricing::candidates(conn, ctx, &variant_ids, currency.code()).await?;
            let calculated = candidates
                .iter()
                .filter_map(|(id, c)| select_price(c, 1, now).map(|p| (*id, p)))
                .collect();
            (Vec::new(), calculated)
        }
    };
    let images = product_images::Entity::find()
        .filter(product_images::Column::TenantId.eq(tenant))
        .filter(product_images::Column::ProductId.is_in(ids.clone()))
        .order_by_asc(product_images::Column::Position)
        .all(conn)
        .await?;
    let tags = product_tags::Entity::find()
        .filter(product_tags::Column::TenantId.eq(tenant))
        .filter(product_tags::Column::ProductId.is_in(ids.clone()))
        .order_by_asc(product_tags::Column::Tag)
        .all(conn)
        .await?;
    let category_links = product_categories::Entity::find()
        .filter(product_categories::Column::TenantId.eq(tenant))
        .filter(product_categories::Column::ProductId.is_in(ids.clone()))
        .all(conn)
        .await?;

    let mut out = Vec::with_capacity(rows.len());
    for product in rows {
        let mut own: Vec<&product_translations::Model> = translations
            .iter()
            .filter(|t| t.product_id == product.id)
            .collect();
        own.sort_by_key(|t| {
            chain
                .iter()
                .position(|l| l.as_str() == t.locale)
                .unwrap_or(usize::MAX)
        });
        let text = own.first();
        let (product_locale, title, subtitle, description) = match text {
            Some(t) => (
                t.locale.clone(),
                t.title.clone(),
                t.subtitle.clone(),
                t.description.clone(),
            ),
            None => (
                ctx.locales.default.to_string(),
                product.handle.clone(),
                None,
                None,
            ),
        };
        let own_options: Vec<OptionView> = options
            .iter()
            .filter(|o| o.product_id == product.id)
            .map(|o| OptionView {
                id: o.id,
                title: o.title.clone(),
                values: serde_json::from_value(o.values.clone()).unwrap_or_default(),
            })
            .collect();
        let variants = variant_rows
            .iter()
            .filter(|v| v.product_id == product.id)
            .map(|v| {
                let title = variant_titles
                    .iter()
                    .filter(|t| t.variant_id == v.id)
                    .min_by_key(|t| {
                        chain
                            .iter()
                            .position(|l| l.as_str() == t.locale)
                            .unwrap_or(usize::MAX)
                    })
                    .filter(|t| chain.iter().any(|l| l.as_str() == t.locale))
                    .map(|t| t.title.clone())
                    .unwrap_or_else(|| v.title.clone());
                let (on_hand, reserved) = levels.get(&v.id).copied().unwrap_or((0, 0));
                let mut option_values: Vec<OptionValueView> = v
                    .options
                    .as_object()
                    .map(|map| {
                        map.iter()
                            .map(|(option, value)| OptionValueView {
                                option: option.clone(),
                                value: value.as_str().unwrap_or_default().to_string(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                // In the order of the product's options.
                option_values.sort_by_key(|value| {
                    own_options
                        .iter()
                        .position(|o| o.title == value.option)
                        .unwrap_or(usize::MAX)
                });
                VariantView {
                    id: v.id,
                    product_id: v.product_id,
                    title,
                    sku: v.sku.clone(),
                    barcode: v.barcode.clone(),
                    manage_inventory: v.manage_inventory,
                    allow_backorder: v.allow_backorder,
                    weight: v.weight,
                    length: v.length,
                    height: v.height,
                    width: v.width,
                    position: v.position,
                    options: option_values,
                    prices: all_prices
                        .iter()
                        .filter(|p| p.variant_id == v.id)
                        .cloned()
                        .map(price_view)
                        .collect(),
                    calculated_price: calculated.get(&v.id).copied(),
                    currency: match price_mode {
                        PriceMode::Region(c) => Some(c.code().to_string()),
                        PriceMode::All => None,
                    },
                    in_stock: !v.manage_inventory || v.allow_backorder || on_hand - reserved > 0,
                }
            })
            .collect();
        out.push(ProductView {
            id: product.id,
            handle: product.handle.clone(),
            status: product.status.clone(),
            discountable: product.discountable,
            collection_id: product.collection_id,
            locale: product_locale,
            title,
            subtitle,
            description,
            options: own_options,
            variants,
            images: images
                .iter()
                .filter(|i| i.product_id == product.id)
                .map(|i| ImageView {
                    url: i.url.clone(),
                    alt: i.alt.clone(),
                    position: i.position,
                })
                .collect(),
            tags: tags
                .iter()
                .filter(|t| t.product_id == product.id)
                .map(|t| t.tag.clone())
                .collect(),
            category_ids: category_links
                .iter()
                .filter(|l| l.product_id == product.id)
                .map(|l| l.category_id)
                .collect(),
            metadata: product.metadata.clone(),
            published_at: product.published_at,
            created_at: product.created_at,
            updated_at: product.updated_at,
        });
    }
    Ok(out)
}
