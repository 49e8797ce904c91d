//! Regions (countries + currency + tax), flat-rate shipping options, price lists and prices.

use rustok_core::schema::{cascade_to, create_index, drop_all, tenant_child_table, tenant_table};
use sea_orm_migration::{prelude::*, schema::*};

use super::m20260110_000001_commerce_catalog::CommerceVariants;

#[derive(DeriveIden)]
pub(super) enum CommerceRegions {
    Table,
    Id,
    TenantId,
    Name,
    CurrencyCode,
    Countries,
    TaxRateBp,
    TaxInclusive,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommerceShippingOptions {
    Table,
    TenantId,
    RegionId,
    Name,
    Amount,
}

#[derive(DeriveIden)]
enum CommercePriceLists {
    Table,
    Id,
    Title,
    StartsAt,
    EndsAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommercePrices {
    Table,
    VariantId,
    CurrencyCode,
    Amount,
    PriceListId,
    MinQuantity,
    CreatedAt,
}

pub(super) struct CreatePricing;

impl MigrationName for CreatePricing {
    fn name(&self) -> &str {
        "m20260110_000002_commerce_pricing"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreatePricing {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_regions(manager).await?;
        create_shipping_options(manager).await?;
        create_price_lists(manager).await?;
        create_prices(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
                CommercePrices::Table.into_iden(),
                CommercePriceLists::Table.into_iden(),
                CommerceShippingOptions::Table.into_iden(),
                CommerceRegions::Table.into_iden(),
            ],
        )
        .await
    }
}

async fn create_regions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(CommerceRegions::Table)
                .col(string_len(CommerceRegions::Name, 255))
                .col(string_len(CommerceRegions::CurrencyCode, 3))
                .col(json_binary(CommerceRegions::Countries))
                .col(integer(CommerceRegions::TaxRateBp).default(0))
                .col(boolean(CommerceRegions::TaxInclusive).default(false))
                .col(timestamp_with_time_zone(CommerceRegions::CreatedAt))
                .to_owned(),
        )
        .await?;
    create_index(
        manager,
        "idx_commerce_regions_tenant",
        CommerceRegions::Table,
        [CommerceRegions::TenantId],
    )
    .await
}

async fn create_shipping_options(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceShippingOptions::Table)
                .col(uuid(CommerceShippingOptions::RegionId))
                .col(string_len(CommerceShippingOptions::Name, 255))
                .col(big_integer(CommerceShippingOptions::Amount))
                .foreign_key(&mut cascade_to(
                    (
                        CommerceShippingOptions::Table,
                        CommerceShippingOptions::RegionId,
                    ),
                    (CommerceRegions::Table, CommerceRegions::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_index(
        manager,
        "idx_commerce_shipping_options_region",
        CommerceShippingOptions::Table,
        [
            CommerceShippingOptions::TenantId,
            CommerceShippingOptions::RegionId,
        ],
    )
    .await
}

async fn create_price_lists(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(CommercePriceLists::Table)
                .col(string_len(CommercePriceLists::Title, 255))
                .col(timestamp_with_time_zone_null(CommercePriceLists::StartsAt))
                .col(timestamp_with_time_zone_null(CommercePriceLists::EndsAt))
                .col(timestamp_with_time_zone(CommercePriceLists::CreatedAt))
                .to_owned(),
        )
        .await
}

async fn create_prices(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommercePrices::Table)
                .col(uuid(CommercePrices::VariantId))
                .col(string_len(CommercePrices::CurrencyCode, 3))
                .col(big_integer(CommercePrices::Amount))
                .col(uuid_null(CommercePrices::PriceListId))
                .col(integer(CommercePrices::MinQuantity).default(1))
                .col(timestamp_with_time_zone(CommercePrices::CreatedAt))
                .foreign_key(&mut cascade_to(
                    (CommercePrices::Table, CommercePrices::VariantId),
                    (CommerceVariants::Table, CommerceVariants::Id),
                ))
                .foreign_key(&mut cascade_to(
                    (CommercePrices::Table, CommercePrices::PriceListId),
                    (CommercePriceLists::Table, CommercePriceLists::Id),
                ))
                .to_owned(),
        )
        .await?;
    // Uniqueness of (variant, currency, list, min_quantity) is kept by the service (a NULL
    // list would defeat a unique index on PostgreSQL); this index serves the price lookup.
    create_index(
        manager,
        "idx_commerce_prices_variant",
        CommercePrices::Table,
        [CommercePrices::VariantId, CommercePrices::CurrencyCode],
    )
    .await
}
