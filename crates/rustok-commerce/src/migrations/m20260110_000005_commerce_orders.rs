//! Orders with frozen totals, their lines, staff notes, payment records and the per-tenant
//! order-number counter.

use rustok_core::schema::{
    TableShapes, cascade_to, create_index, create_unique_index, drop_all, tenant_child_table,
    tenant_fk, tenant_table,
};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveIden)]
enum CommerceOrders {
    Table,
    Id,
    TenantId,
    DisplayId,
    CustomerId,
    CartId,
    RegionId,
    Email,
    Status,
    CurrencyCode,
    Subtotal,
    TaxTotal,
    ShippingTotal,
    DiscountTotal,
    Total,
    TaxRateBp,
    TaxInclusive,
    ShippingAddress,
    BillingAddress,
    IdempotencyKey,
    Metadata,
}

#[derive(DeriveIden)]
enum CommerceOrderItems {
    Table,
    OrderId,
    ProductId,
    VariantId,
    Title,
    Sku,
    Quantity,
    UnitPrice,
    Subtotal,
    TaxTotal,
    Total,
}

#[derive(DeriveIden)]
enum CommerceOrderNotes {
    Table,
    OrderId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommercePayments {
    Table,
    OrderId,
    Provider,
    Kind,
    Amount,
    CurrencyCode,
    Reference,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommerceOrderCounters {
    Table,
    TenantId,
    LastDisplayId,
}

pub(super) struct CreateOrders;

impl MigrationName for CreateOrders {
    fn name(&self) -> &str {
        "m20260110_000005_commerce_orders"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateOrders {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_orders(manager).await?;
        create_order_items(manager).await?;
        create_order_notes(manager).await?;
        create_payments(manager).await?;
        create_order_counters(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
                CommerceOrderCounters::Table.into_iden(),
                CommercePayments::Table.into_iden(),
                CommerceOrderNotes::Table.into_iden(),
                CommerceOrderItems::Table.into_iden(),
                CommerceOrders::Table.into_iden(),
            ],
        )
        .await
    }
}

async fn create_orders(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(CommerceOrders::Table)
                .col(big_integer(CommerceOrders::DisplayId))
                .col(uuid_null(CommerceOrders::CustomerId))
                .col(uuid_null(CommerceOrders::CartId))
                .col(uuid_null(CommerceOrders::RegionId))
                .col(string_len_null(CommerceOrders::Email, 255))
                .col(string_len(CommerceOrders::Status, 32).default("pending"))
                .col(string_len(CommerceOrders::CurrencyCode, 3))
                .col(big_integer(CommerceOrders::Subtotal))
                .col(big_integer(CommerceOrders::TaxTotal).default(0))
                .col(big_integer(CommerceOrders::ShippingTotal).default(0))
                .col(big_integer(CommerceOrders::DiscountTotal).default(0))
                .col(big_integer(CommerceOrders::Total))
                .col(integer(CommerceOrders::TaxRateBp).default(0))
                .col(boolean(CommerceOrders::TaxInclusive).default(false))
                .col(json_binary_null(CommerceOrders::ShippingAddress))
                .col(json_binary_null(CommerceOrders::BillingAddress))
                .col(string_len_null(CommerceOrders::IdempotencyKey, 255))
                .col(json_binary(CommerceOrders::Metadata))
                .timestamps()
                .to_owned(),
        )
        .await?;
    for (name, column) in [
        ("uq_commerce_orders_display_id", CommerceOrders::DisplayId),
        (
            "uq_commerce_orders_idempotency_key",
            CommerceOrders::IdempotencyKey,
        ),
        ("uq_commerce_orders_cart", CommerceOrders::CartId),
    ] {
        create_unique_index(
            manager,
            name,
            CommerceOrders::Table,
            [CommerceOrders::TenantId, column],
        )
        .await?;
    }
    for (name, column) in [
        ("idx_commerce_orders_customer", CommerceOrders::CustomerId),
        ("idx_commerce_orders_status", CommerceOrders::Status),
    ] {
        create_index(
            manager,
            name,
            CommerceOrders::Table,
            [CommerceOrders::TenantId, column, CommerceOrders::Id],
        )
        .await?;
    }
    Ok(())
}

async fn create_order_items(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceOrderItems::Table)
                .col(uuid(CommerceOrderItems::OrderId))
                .col(uuid(CommerceOrderItems::ProductId))
                .col(uuid(CommerceOrderItems::VariantId))
                .col(string_len(CommerceOrderItems::Title, 255))
                .col(string_len_null(CommerceOrderItems::Sku, 64))
                .col(big_integer(CommerceOrderItems::Quantity))
                .col(big_integer(CommerceOrderItems::UnitPrice))
                .col(big_integer(CommerceOrderItems::Subtotal))
                .col(big_integer(CommerceOrderItems::TaxTotal))
                .col(big_integer(CommerceOrderItems::Total))
                .foreign_key(&mut cascade_to(
                    (CommerceOrderItems::Table, CommerceOrderItems::OrderId),
                    (CommerceOrders::Table, CommerceOrders::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_index(
        manager,
        "idx_commerce_order_items_order",
        CommerceOrderItems::Table,
        [CommerceOrderItems::OrderId],
    )
    .await
}

async fn create_order_notes(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceOrderNotes::Table)
                .col(uuid(CommerceOrderNotes::OrderId))
                .col(uuid_null(CommerceOrderNotes::AuthorId))
                .col(text(CommerceOrderNotes::Body))
                .col(timestamp_with_time_zone(CommerceOrderNotes::CreatedAt))
                .foreign_key(&mut cascade_to(
                    (CommerceOrderNotes::Table, CommerceOrderNotes::OrderId),
                    (CommerceOrders::Table, CommerceOrders::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_index(
        manager,
        "idx_commerce_order_notes_order",
        CommerceOrderNotes::Table,
        [CommerceOrderNotes::OrderId],
    )
    .await
}

async fn create_payments(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommercePayments::Table)
                .col(uuid(CommercePayments::OrderId))
                .col(string_len(CommercePayments::Provider, 64))
                .col(string_len(CommercePayments::Kind, 32))
                .col(big_integer(CommercePayments::Amount))
                .col(string_len(CommercePayments::CurrencyCode, 3))
                .col(string_len_null(CommercePayments::Reference, 255))
                .col(timestamp_with_time_zone(CommercePayments::CreatedAt))
                .foreign_key(&mut cascade_to(
                    (CommercePayments::Table, CommercePayments::OrderId),
                    (CommerceOrders::Table, CommerceOrders::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_index(
        manager,
        "idx_commerce_payments_order",
        CommercePayments::Table,
        [CommercePayments::OrderId],
    )
    .await
}

/// The last order number handed out per tenant (one row per tenant, keyed by `tenant_id`).
async fn create_order_counters(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(CommerceOrderCounters::Table)
                .if_not_exists()
                .col(pk_uuid(CommerceOrderCounters::TenantId))
                .col(big_integer(CommerceOrderCounters::LastDisplayId).default(0))
                .foreign_key(&mut tenant_fk(CommerceOrderCounters::Table))
                .to_owned(),
        )
        .await
}
