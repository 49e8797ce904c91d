//! Carts (anonymous or a customer's) and their line items; prices are computed on read.

use rustok_core::schema::{
    TableShapes, cascade_to, create_index, create_unique_index, drop_all, tenant_child_table,
    tenant_table,
};
use sea_orm_migration::{prelude::*, schema::*};

use super::m20260110_000001_commerce_catalog::CommerceVariants;
use super::m20260110_000002_commerce_pricing::CommerceRegions;

#[derive(DeriveIden)]
enum CommerceCarts {
    Table,
    Id,
    TenantId,
    CustomerId,
    RegionId,
    CurrencyCode,
    Email,
    Status,
    ShippingOptionId,
    ShippingAddress,
    OrderId,
}

#[derive(DeriveIden)]
enum CommerceCartItems {
    Table,
    CartId,
    VariantId,
    Quantity,
    CreatedAt,
}

pub(super) struct CreateCarts;

impl MigrationName for CreateCarts {
    fn name(&self) -> &str {
        "m20260110_000004_commerce_carts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateCarts {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_carts(manager).await?;
        create_cart_items(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
                CommerceCartItems::Table.into_iden(),
                CommerceCarts::Table.into_iden(),
            ],
        )
        .await
    }
}

async fn create_carts(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(CommerceCarts::Table)
                .col(uuid_null(CommerceCarts::CustomerId))
                .col(uuid(CommerceCarts::RegionId))
                .col(string_len(CommerceCarts::CurrencyCode, 3))
                .col(string_len_null(CommerceCarts::Email, 255))
                .col(string_len(CommerceCarts::Status, 32).default("open"))
                .col(uuid_null(CommerceCarts::ShippingOptionId))
                .col(json_binary_null(CommerceCarts::ShippingAddress))
                .col(uuid_null(CommerceCarts::OrderId))
                .timestamps()
                .foreign_key(&mut cascade_to(
                    (CommerceCarts::Table, CommerceCarts::RegionId),
                    (CommerceRegions::Table, CommerceRegions::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_index(
        manager,
        "idx_commerce_carts_customer",
        CommerceCarts::Table,
        [CommerceCarts::TenantId, CommerceCarts::CustomerId],
    )
    .await
}

async fn create_cart_items(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceCartItems::Table)
                .col(uuid(CommerceCartItems::CartId))
                .col(uuid(CommerceCartItems::VariantId))
                .col(big_integer(CommerceCartItems::Quantity))
                .col(timestamp_with_time_zone(CommerceCartItems::CreatedAt))
                .foreign_key(&mut cascade_to(
                    (CommerceCartItems::Table, CommerceCartItems::CartId),
                    (CommerceCarts::Table, CommerceCarts::Id),
                ))
                .foreign_key(&mut cascade_to(
                    (CommerceCartItems::Table, CommerceCartItems::VariantId),
                    (CommerceVariants::Table, CommerceVariants::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_commerce_cart_items_variant",
        CommerceCartItems::Table,
        [CommerceCartItems::CartId, CommerceCartItems::VariantId],
    )
    .await
}
