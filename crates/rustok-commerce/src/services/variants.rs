//! Variants (what is bought: SKU, stock, dimensions, option values) and their prices: base
//! prices per currency, quantity tiers and the prices of price lists (sales).

use std::sync::LazyLock;

use moka::future::Cache;
use rustok_core::{DomainEvent, TenantId, begin_write};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

use super::options::{OptionRules, lock_product};
use super::product_views::price_view;
use super::products::{CatalogService, writable_locale};
use super::scoped::{delete_owned, find_owned, find_referenced, in_tenant, write_to};
use super::{
    CommerceContext, DEFAULT_LOCATION, MAX_AMOUNT, MAX_QUANTITY, catalog_changed, check_at_most,
    commit_with, now, optional_text, required_text, taken, validate_amount,
};
use crate::dto::{
    NewPriceList, NewVariant, PriceInput, PriceListView, PriceView, VariantPatch,
    VariantTranslationInput, VariantView,
};
use crate::entities::{
    inventory_levels, price_lists, prices, products, regions, variant_translations, variants,
};
use crate::{CommerceError, Currency};

/// The currency of each region read so far, by tenant and region. A region's currency never
/// changes (a region patch has none) and a region goes only with its tenant, so an entry stays
/// true for the life of the process, in every process; only regions found are kept, keyed by
/// their tenant, so another tenant's id is never answered from here.
static REGION_CURRENCIES: LazyLock<Cache<(TenantId, Uuid), Currency>> =
    LazyLock::new(|| Cache::new(10_000));

/// The most variants a product has.
pub(crate) const MAX_VARIANTS: usize = 100;

impl CatalogService<'_> {
    /// Adds a variant (with prices and initial stock) to a product (`VariantUpdated`).
    pub async fn add_variant(
        &self,
        ctx: &CommerceContext,
        product_id: Uuid,
        input: NewVariant,
    ) -> Result<VariantView, CommerceError> {
        let (txn, product) = lock_product(self.db, ctx, product_id).await?;
        let mut rules = OptionRules::load(&txn, ctx, product.id).await?;
        let count = in_tenant::<variants::Entity>(ctx)
            .filter(variants::Column::ProductId.eq(product.id))
            .count(&txn)
            .await?;
        check_at_most("variants", count as usize + 1, MAX_VARIANTS)?;
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
        commit_with(self.events, txn, ctx, events).await?;
        self.variant(ctx, variant).await
    }

    /// Edits a variant (`VariantUpdated`).
    pub async fn update_variant(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
        patch: VariantPatch,
    ) -> Result<VariantView, CommerceError> {
        let (txn, variant) = write_to::<variants::Entity>(self.db, ctx, variant_id).await?;
        let mut active: variants::ActiveModel = variant.into();
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
        let dimensions = [patch.weight, patch.length, patch.height, patch.width];
        check_dimensions("dimensions", dimensions)?;
        for (value, column) in dimensions.into_iter().zip([
            &mut active.weight,
            &mut active.length,
            &mut active.height,
            &mut active.width,
        ]) {
            if let Some(value) = value {
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
        let updated = variant_updated(&variant);
        commit_with(self.events, txn, ctx, vec![updated]).await?;
        self.variant(ctx, variant).await
    }

    /// Deletes a variant with its prices and stock (`ProductUpdated` of its product). Carts
    /// lose the line; orders keep theirs (they are copies).
    pub async fn delete_variant(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
    ) -> Result<(), CommerceError> {
        let (txn, variant) = write_to::<variants::Entity>(self.db, ctx, variant_id).await?;
        delete_owned::<variants::Entity>(&txn, ctx, variant.id).await?;
        let updated = DomainEvent::ProductUpdated {
            product_id: variant.product_id,
        };
        commit_with(self.events, txn, ctx, vec![updated]).await
    }

    /// Sets (adds or replaces) one price of a variant (`PriceUpdated`).
    pub async fn set_price(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
        input: PriceInput,
    ) -> Result<PriceView, CommerceError> {
        let (txn, variant) = write_to::<variants::Entity>(self.db, ctx, variant_id).await?;
        let (price, event) = upsert_price(&txn, ctx, variant.id, input).await?;
        commit_with(self.events, txn, ctx, vec![event]).await?;
        Ok(price_view(price))
    }

    /// Removes one price (a tier, a sale price or a base price); `VariantUpdated`.
    pub async fn delete_price(
        &self,
        ctx: &CommerceContext,
        price_id: Uuid,
    ) -> Result<(), CommerceError> {
        let (txn, price) = write_to::<prices::Entity>(self.db, ctx, price_id).await?;
        let variant = find_owned::<variants::Entity>(&txn, ctx, price.variant_id).await?;
        delete_owned::<prices::Entity>(&txn, ctx, price.id).await?;
        commit_with(self.events, txn, ctx, vec![variant_updated(&variant)]).await
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
        let created = catalog_changed("price_list", model.id, "created");
        commit_with(self.events, txn, ctx, vec![created]).await?;
        Ok(PriceListView {
            id: model.id,
            title: model.title,
            starts_at: model.starts_at,
            ends_at: model.ends_at,
        })
    }

    /// The currency of a region of this tenant, for storefront reads.
    ///
    /// Kept per process once read ([`REGION_CURRENCIES`]): a priced storefront read then costs
    /// no query for its region.
    pub async fn region_currency(
        &self,
        ctx: &CommerceContext,
        region_id: Uuid,
    ) -> Result<Currency, CommerceError> {
        let key = (ctx.tenant, region_id);
        if let Some(currency) = REGION_CURRENCIES.get(&key).await {
            return Ok(currency);
        }
        let currency: Currency = find_owned::<regions::Entity>(self.db, ctx, region_id)
            .await?
            .currency_code
            .parse()?;
        REGION_CURRENCIES.insert(key, currency).await;
        Ok(currency)
    }

    /// The variant as staff see it after a write.
    async fn variant(
        &self,
        ctx: &CommerceContext,
        variant: variants::Model,
    ) -> Result<VariantView, CommerceError> {
        let product = self.staff_view(ctx, variant.product_id).await?;
        product
            .variants
            .into_iter()
            .find(|v| v.id == variant.id)
            .ok_or(CommerceError::NotFound("variant"))
    }
}

fn variant_updated(variant: &variants::Model) -> DomainEvent {
    DomainEvent::VariantUpdated {
        product_id: variant.product_id,
        variant_id: variant.id,
    }
}

/// Weight and sizes are never negative.
fn check_dimensions(field: &'static str, values: [Option<i32>; 4]) -> Result<(), CommerceError> {
    if values.into_iter().flatten().any(|value| value < 0) {
        return Err(CommerceError::invalid(field, "must not be negative"));
    }
    Ok(())
}

/// Inserts a variant with its translations, prices and stock row, pushing its events.
pub(super) async fn insert_variant(
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
    let dimensions = [input.weight, input.length, input.height, input.width];
    check_dimensions("variants.dimensions", dimensions)?;
    let stock = input.stock.unwrap_or(0);
    if !(0..=MAX_AMOUNT).contains(&stock) {
        return Err(CommerceError::invalid(
            "variants.stock",
            format!("must be between 0 and {MAX_AMOUNT}"),
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
    events.push(variant_updated(&variant));
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

/// Adds or replaces the variant's price of one currency, price list and minimum quantity.
async fn upsert_price(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    variant_id: Uuid,
    input: PriceInput,
) -> Result<(prices::Model, DomainEvent), CommerceError> {
    let currency: Currency = input.currency.parse()?;
    let amount = validate_amount("amount", input.amount)?;
    let min_quantity = input.min_quantity.unwrap_or(1);
    if !(1..=MAX_QUANTITY as i32).contains(&min_quantity) {
        return Err(CommerceError::invalid(
            "min_quantity",
            format!("must be between 1 and {MAX_QUANTITY}"),
        ));
    }
    if let Some(list_id) = input.price_list_id {
        let field = "price_list_id";
        find_referenced::<price_lists::Entity>(txn, ctx, list_id, field, "no such price list")
            .await?;
    }
    let mut existing = in_tenant::<prices::Entity>(ctx)
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
            .await
            // A concurrent write inserted the same price first (`uq_commerce_prices_key`).
            .map_err(|e| taken(e, "price", currency.code()))?
        }
    };
    let event = DomainEvent::PriceUpdated {
        variant_id,
        currency: currency.code().to_string(),
        amount,
    };
    Ok((price, event))
}

/// Adds or replaces the variant's title in one locale.
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
