//! Products: creation with everything a product holds, edits, deletion, reads by id or handle
//! and filtered listings; their translations and images.

use rustok_core::{DomainEvent, EventBus, Locale, begin_write};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, DatabaseTransaction, QueryFilter,
    Select, Set,
};
use uuid::Uuid;

use super::options::{OptionRules, insert_option, validate_options};
use super::product_views::product_views;
use super::scoped::{
    delete_announced, delete_children, find_owned, in_tenant, newest_first, write_to,
};
use super::taxonomy::{check_collection, in_category, set_categories, set_tags, tagged};
use super::variants::{MAX_VARIANTS, insert_variant};
use super::{
    CommerceContext, check_at_most, commit_with, now, optional_text, required_text, taken,
    validate_handle, validate_metadata,
};
use crate::dto::{
    ImageInput, NewProduct, ProductFilter, ProductPage, ProductPatch, ProductStatus,
    ProductTranslationInput, ProductView,
};
use crate::entities::{
    inventory_levels, prices, product_images, product_translations, products, variants,
};
use crate::{CommerceError, Currency};

/// The most images a product has.
pub(crate) const MAX_IMAGES: usize = 50;

/// How a read presents prices: staff see every stored price; a storefront read for a region
/// sees the calculated price in the region's currency.
#[derive(Debug, Clone, Copy)]
pub enum PriceMode {
    All,
    Region(Currency),
}

/// The catalogue: products, translations, options, variants, prices, images, collections,
/// categories and tags. Its methods live by responsibility in this file, `variants.rs`,
/// `options.rs` and `taxonomy.rs`.
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
        check_at_most("variants", input.variants.len(), MAX_VARIANTS)?;
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
            insert_option(&txn, ctx, product.id, title, values, position as i32).await?;
        }
        set_images(&txn, ctx, product.id, &input.images).await?;
        set_tags(&txn, ctx, product.id, &input.tags).await?;
        set_categories(&txn, ctx, product.id, &input.category_ids).await?;
        let mut events = vec![DomainEvent::ProductCreated {
            product_id: product.id,
            handle,
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
        commit_with(self.events, txn, ctx, events).await?;
        self.staff_view(ctx, product.id).await
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
        let (txn, product) = write_to::<products::Entity>(self.db, ctx, id).await?;
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
        commit_with(self.events, txn, ctx, events).await?;
        self.staff_view(ctx, id).await
    }

    /// Deletes a product with its variants, prices and stock (`ProductDeleted`). Orders keep
    /// their lines: they are copies.
    pub async fn delete_product(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
    ) -> Result<(), CommerceError> {
        let deleted = DomainEvent::ProductDeleted { product_id: id };
        delete_announced::<products::Entity>((self.db, self.events), ctx, id, deleted).await
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
        let product = find_owned::<products::Entity>(self.db, ctx, id).await?;
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
        let product = in_tenant::<products::Entity>(ctx)
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
        let query = filtered(ctx, &filter, prices)?;
        let (rows, next_cursor) =
            newest_first(self.db, query, filter.after, filter.limit, |p| p.id).await?;
        let items = product_views(self.db, ctx, rows, locale, prices).await?;
        Ok(ProductPage { items, next_cursor })
    }

    /// The product as staff see it after a write: any status, every stored price.
    pub(super) async fn staff_view(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
    ) -> Result<ProductView, CommerceError> {
        self.get_product(ctx, id, None, PriceMode::All, false).await
    }
}

/// The tenant's products matching `filter` (its cursor and limit aside).
fn filtered(
    ctx: &CommerceContext,
    filter: &ProductFilter,
    prices: PriceMode,
) -> Result<Select<products::Entity>, CommerceError> {
    let tenant = ctx.tenant_id();
    let mut query = in_tenant::<products::Entity>(ctx);
    if let Some(status) = filter.status {
        query = query.filter(products::Column::Status.eq(status.as_str()));
    }
    if let Some(collection_id) = filter.collection_id {
        query = query.filter(products::Column::CollectionId.eq(collection_id));
    }
    if let Some(category_id) = filter.category_id {
        query = query.filter(products::Column::Id.in_subquery(in_category(tenant, category_id)));
    }
    if let Some(tag) = &filter.tag {
        query = query.filter(products::Column::Id.in_subquery(tagged(tenant, tag)));
    }
    if filter.min_price.is_some() || filter.max_price.is_some() {
        let PriceMode::Region(currency) = prices else {
            return Err(CommerceError::invalid(
                "region_id",
                "a price filter needs a region",
            ));
        };
        let priced = priced_between(tenant, currency, filter.min_price, filter.max_price);
        query = query.filter(products::Column::Id.in_subquery(priced));
    }
    if filter.in_stock == Some(true) {
        query = query.filter(products::Column::Id.in_subquery(in_stock(tenant)));
    }
    Ok(query)
}

/// Ids of products with a base price in `currency` within `[min, max]`.
fn priced_between(
    tenant: Uuid,
    currency: Currency,
    min: Option<i64>,
    max: Option<i64>,
) -> SelectStatement {
    let amount = Expr::col((prices::Entity, prices::Column::Amount));
    let mut priced = Query::select()
        .column((variants::Entity, variants::Column::ProductId))
        .from(variants::Entity)
        .inner_join(
            prices::Entity,
            Expr::col((prices::Entity, prices::Column::VariantId))
                .equals((variants::Entity, variants::Column::Id)),
        )
        .and_where(Expr::col((variants::Entity, variants::Column::TenantId)).eq(tenant))
        .and_where(Expr::col((prices::Entity, prices::Column::CurrencyCode)).eq(currency.code()))
        .and_where(Expr::col((prices::Entity, prices::Column::PriceListId)).is_null())
        .to_owned();
    if let Some(min) = min {
        priced.and_where(amount.clone().gte(min));
    }
    if let Some(max) = max {
        priced.and_where(amount.lte(max));
    }
    priced
}

/// Ids of products with a variant that can be bought now: unmanaged, back-ordered or with
/// stock on hand beyond the reservations.
fn in_stock(tenant: Uuid) -> SelectStatement {
    let level = |column| Expr::col((inventory_levels::Entity, column));
    let variant = |column| Expr::col((variants::Entity, column));
    Query::select()
        .column((variants::Entity, variants::Column::ProductId))
        .from(variants::Entity)
        .left_join(
            inventory_levels::Entity,
            level(inventory_levels::Column::VariantId)
                .equals((variants::Entity, variants::Column::Id)),
        )
        .and_where(variant(variants::Column::TenantId).eq(tenant))
        .cond_where(
            Condition::any()
                .add(variant(variants::Column::ManageInventory).eq(false))
                .add(variant(variants::Column::AllowBackorder).eq(true))
                .add(
                    level(inventory_levels::Column::OnHand)
                        .gt(level(inventory_levels::Column::Reserved)),
                ),
        )
        .to_owned()
}

/// A locale the tenant enabled, for texts being written.
pub(super) fn writable_locale(ctx: &CommerceContext, text: &str) -> Result<Locale, CommerceError> {
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
    let existing = in_tenant::<product_translations::Entity>(ctx)
        .filter(product_translations::Column::ProductId.eq(product_id))
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

/// Replaces the product's images with `images`, in their order.
async fn set_images(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    product_id: Uuid,
    images: &[ImageInput],
) -> Result<(), CommerceError> {
    let images = checked_images(images)?;
    let parent = product_images::Column::ProductId;
    delete_children::<product_images::Entity>(txn, ctx, parent, product_id).await?;
    for (position, (url, alt)) in images.into_iter().enumerate() {
        product_images::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            product_id: Set(product_id),
            url: Set(url),
            alt: Set(alt),
            position: Set(position as i32),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Each image's URL (http(s) or an absolute path) and alt text; at most [`MAX_IMAGES`].
fn checked_images(images: &[ImageInput]) -> Result<Vec<(String, Option<String>)>, CommerceError> {
    check_at_most("images", images.len(), MAX_IMAGES)?;
    let mut checked = Vec::with_capacity(images.len());
    for image in images {
        let url = required_text("images.url", &image.url, 2048)?;
        if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/')) {
            return Err(CommerceError::invalid(
                "images.url",
                "must be an http(s) URL or an absolute path",
            ));
        }
        checked.push((url, optional_text("images.alt", image.alt.as_deref(), 255)?));
    }
    Ok(checked)
}
