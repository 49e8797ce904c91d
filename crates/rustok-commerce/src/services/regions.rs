//! Regions (countries + currency + tax) and their flat-rate shipping options.

use rustok_core::{EventBus, begin_write};
use sea_orm::{ActiveModelTrait, DatabaseConnection, QueryOrder, Set};
use uuid::Uuid;

use super::scoped::{children_of, delete_announced, find_owned, in_tenant, write_to};
use super::{CommerceContext, catalog_changed, commit_with, now, required_text, validate_amount};
use crate::dto::{NewRegion, NewShippingOption, RegionPatch, RegionView, ShippingOptionView};
use crate::entities::{regions, shipping_options};
use crate::totals::TaxRule;
use crate::{CommerceError, Currency};

/// At most 100 %: a rate above that is a typo.
pub(crate) const MAX_TAX_RATE_BP: i32 = 10_000;

pub struct RegionService<'a> {
    db: &'a DatabaseConnection,
    events: &'a EventBus,
}

impl<'a> RegionService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self { db, events }
    }

    pub async fn create(
        &self,
        ctx: &CommerceContext,
        input: NewRegion,
    ) -> Result<RegionView, CommerceError> {
        let name = required_text("name", &input.name, 255)?;
        let currency: Currency = input.currency.parse()?;
        let tax_rate_bp = tax_rate(input.tax_rate_bp.unwrap_or(0))?;
        let countries = countries(&input.countries)?;
        let txn = begin_write(self.db).await?;
        let region = regions::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            name: Set(name),
            currency_code: Set(currency.code().to_string()),
            countries: Set(serde_json::json!(countries)),
            tax_rate_bp: Set(tax_rate_bp),
            tax_inclusive: Set(input.tax_inclusive.unwrap_or(false)),
            created_at: Set(now()),
        }
        .insert(&txn)
        .await?;
        let created = catalog_changed("region", region.id, "created");
        commit_with(self.events, txn, ctx, vec![created]).await?;
        Ok(region_view(region, Vec::new()))
    }

    /// Renames a region or changes its countries or tax (orders keep the tax they were placed
    /// with; carts are priced with the new rule on their next read).
    pub async fn update(
        &self,
        ctx: &CommerceContext,
        region_id: Uuid,
        patch: RegionPatch,
    ) -> Result<RegionView, CommerceError> {
        let (txn, region) = write_to::<regions::Entity>(self.db, ctx, region_id).await?;
        let mut active: regions::ActiveModel = region.into();
        if let Some(name) = &patch.name {
            active.name = Set(required_text("name", name, 255)?);
        }
        if let Some(list) = &patch.countries {
            active.countries = Set(serde_json::json!(countries(list)?));
        }
        if let Some(rate) = patch.tax_rate_bp {
            active.tax_rate_bp = Set(tax_rate(rate)?);
        }
        if let Some(inclusive) = patch.tax_inclusive {
            active.tax_inclusive = Set(inclusive);
        }
        active.update(&txn).await?;
        let updated = catalog_changed("region", region_id, "updated");
        commit_with(self.events, txn, ctx, vec![updated]).await?;
        self.get(ctx, region_id).await
    }

    /// Removes a shipping option; carts that chose it ship for free until they choose again.
    pub async fn delete_shipping_option(
        &self,
        ctx: &CommerceContext,
        option_id: Uuid,
    ) -> Result<(), CommerceError> {
        let deleted = catalog_changed("shipping_option", option_id, "deleted");
        let services = (self.db, self.events);
        delete_announced::<shipping_options::Entity>(services, ctx, option_id, deleted).await
    }

    pub async fn add_shipping_option(
        &self,
        ctx: &CommerceContext,
        region_id: Uuid,
        input: NewShippingOption,
    ) -> Result<ShippingOptionView, CommerceError> {
        let (txn, region) = write_to::<regions::Entity>(self.db, ctx, region_id).await?;
        let option = shipping_options::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            region_id: Set(region.id),
            name: Set(required_text("name", &input.name, 255)?),
            amount: Set(validate_amount("amount", input.amount)?),
        }
        .insert(&txn)
        .await?;
        let created = catalog_changed("shipping_option", option.id, "created");
        commit_with(self.events, txn, ctx, vec![created]).await?;
        Ok(shipping_view(option, &region.currency_code))
    }

    pub async fn get(
        &self,
        ctx: &CommerceContext,
        region_id: Uuid,
    ) -> Result<RegionView, CommerceError> {
        let region = find_owned::<regions::Entity>(self.db, ctx, region_id).await?;
        let mut views = self.views(ctx, vec![region]).await?;
        views.pop().ok_or(CommerceError::NotFound("region"))
    }

    pub async fn list(&self, ctx: &CommerceContext) -> Result<Vec<RegionView>, CommerceError> {
        let regions = in_tenant::<regions::Entity>(ctx)
            .order_by_asc(regions::Column::Name)
            .all(self.db)
            .await?;
        self.views(ctx, regions).await
    }

    /// Views of `regions` with their shipping options, cheapest first.
    async fn views(
        &self,
        ctx: &CommerceContext,
        regions: Vec<regions::Model>,
    ) -> Result<Vec<RegionView>, CommerceError> {
        let ids: Vec<Uuid> = regions.iter().map(|r| r.id).collect();
        let cheapest_first = [shipping_options::Column::Amount];
        let by_region = shipping_options::Column::RegionId;
        let mut options = children_of(self.db, ctx, by_region, &ids, &cheapest_first).await?;
        Ok(regions
            .into_iter()
            .map(|region| {
                let own = options.remove(&region.id).unwrap_or_default();
                region_view(region, own)
            })
            .collect())
    }
}

fn countries(codes: &[String]) -> Result<Vec<String>, CommerceError> {
    codes
        .iter()
        .map(|c| {
            let c = c.trim().to_ascii_uppercase();
            if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
                Ok(c)
            } else {
                Err(CommerceError::invalid(
                    "countries",
                    "use ISO 3166-1 alpha-2 codes",
                ))
            }
        })
        .collect()
}

fn tax_rate(rate: i32) -> Result<i32, CommerceError> {
    if (0..=MAX_TAX_RATE_BP).contains(&rate) {
        Ok(rate)
    } else {
        Err(CommerceError::invalid(
            "tax_rate_bp",
            "must be between 0 and 10000 basis points",
        ))
    }
}

pub(crate) fn tax_rule(region: &regions::Model) -> TaxRule {
    TaxRule {
        rate_bp: region.tax_rate_bp,
        inclusive: region.tax_inclusive,
    }
}

fn shipping_view(option: shipping_options::Model, currency: &str) -> ShippingOptionView {
    ShippingOptionView {
        id: option.id,
        region_id: option.region_id,
        name: option.name,
        amount: option.amount,
        currency: currency.to_string(),
    }
}

fn region_view(region: regions::Model, options: Vec<shipping_options::Model>) -> RegionView {
    RegionView {
        id: region.id,
        countries: serde_json::from_value(region.countries.clone()).unwrap_or_default(),
        shipping_options: options
            .into_iter()
            .map(|o| shipping_view(o, &region.currency_code))
            .collect(),
        name: region.name,
        currency: region.currency_code,
        tax_rate_bp: region.tax_rate_bp,
        tax_inclusive: region.tax_inclusive,
    }
}
