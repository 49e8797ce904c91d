//! Stock per variant and location, and the reservations checkout makes.

use rustok_core::schema::{
    cascade_to, create_index, create_unique_index, drop_all, tenant_child_table,
};
use sea_orm_migration::{prelude::*, schema::*};

use super::m20260110_000001_commerce_catalog::CommerceVariants;

#[derive(DeriveIden)]
enum CommerceInventoryLevels {
    Table,
    VariantId,
    Location,
    OnHand,
    Reserved,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CommerceReservations {
    Table,
    TenantId,
    OrderId,
    VariantId,
    Location,
    Quantity,
    CreatedAt,
}

pub(super) struct CreateInventory;

impl MigrationName for CreateInventory {
    fn name(&self) -> &str {
        "m20260110_000003_commerce_inventory"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateInventory {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_inventory_levels(manager).await?;
        create_reservations(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
                CommerceReservations::Table.into_iden(),
                CommerceInventoryLevels::Table.into_iden(),
            ],
        )
        .await
    }
}

async fn create_inventory_levels(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceInventoryLevels::Table)
                .col(uuid(CommerceInventoryLevels::VariantId))
                .col(string_len(CommerceInventoryLevels::Location, 64).default("default"))
                .col(big_integer(CommerceInventoryLevels::OnHand).default(0))
                .col(big_integer(CommerceInventoryLevels::Reserved).default(0))
                .col(timestamp_with_time_zone(CommerceInventoryLevels::UpdatedAt))
                .foreign_key(&mut cascade_to(
                    (
                        CommerceInventoryLevels::Table,
                        CommerceInventoryLevels::VariantId,
                    ),
                    (CommerceVariants::Table, CommerceVariants::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_commerce_inventory_levels_location",
        CommerceInventoryLevels::Table,
        [
            CommerceInventoryLevels::VariantId,
            CommerceInventoryLevels::Location,
        ],
    )
    .await
}

async fn create_reservations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceReservations::Table)
                .col(uuid(CommerceReservations::OrderId))
                .col(uuid(CommerceReservations::VariantId))
                .col(string_len(CommerceReservations::Location, 64))
                .col(big_integer(CommerceReservations::Quantity))
                .col(timestamp_with_time_zone(CommerceReservations::CreatedAt))
                .foreign_key(&mut cascade_to(
                    (CommerceReservations::Table, CommerceReservations::VariantId),
                    (CommerceVariants::Table, CommerceVariants::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_index(
        manager,
        "idx_commerce_reservations_order",
        CommerceReservations::Table,
        [
            CommerceReservations::TenantId,
            CommerceReservations::OrderId,
        ],
    )
    .await
}
