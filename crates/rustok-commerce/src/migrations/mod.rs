//! The commerce tables, run by the `migration` crate after the platform's. Portable schema
//! builder only: the same migrations run on SQLite and PostgreSQL. Money columns are `BIGINT`
//! minor units next to a `CHAR(3)`-sized currency code.

use sea_orm_migration::{prelude::*, schema::*};

pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        Box::new(CreateCatalog),
        Box::new(CreatePricing),
        Box::new(CreateInventory),
        Box::new(CreateCarts),
        Box::new(CreateOrders),
    ]
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

fn cascade_to(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn tenant_fk(table: impl IntoIden) -> ForeignKeyCreateStatement {
    cascade_to(
        (table, Alias::new("tenant_id")),
        (Tenants::Table, Tenants::Id),
    )
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(Alias::new(*column));
    }
    if unique {
        index.unique();
    }
    manager.create_index(index.to_owned()).await
}

async fn drop_all(manager: &SchemaManager<'_>, tables: &[DynIden]) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(table.clone()).if_exists().to_owned())
            .await?;
    }
    Ok(())
}

#[derive(DeriveIden)]
enum CommerceProducts {
    Table,
    Id,
    TenantId,
    Handle,
    Status,
    Discountable,
    CollectionId,
    Metadata,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CommerceProductTranslations {
    Table,
    Id,
    TenantId,
    ProductId,
    Locale,
    Title,
    Subtitle,
    Description,
}

#[derive(DeriveIden)]
enum CommerceProductOptions {
    Table,
    Id,
    TenantId,
    ProductId,
    Title,
    Values,
    Position,
}

#[derive(DeriveIden)]
enum CommerceVariants {
    Table,
    Id,
    TenantId,
    ProductId,
    Title,
    Sku,
    Barcode,
    ManageInventory,
    AllowBackorder,
    Weight,
    Length,
    Height,
    Width,
    Position,
    Options,
    Metadata,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CommerceVariantTranslations {
    Table,
    Id,
    TenantId,
    VariantId,
    Locale,
    Title,
}

#[derive(DeriveIden)]
enum CommerceProductImages {
    Table,
    Id,
    TenantId,
    ProductId,
    Url,
    Alt,
    Position,
}

#[derive(DeriveIden)]
enum CommerceCollections {
    Table,
    Id,
    TenantId,
    Handle,
    Title,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommerceCategories {
    Table,
    Id,
    TenantId,
    ParentId,
    Handle,
    Name,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommerceProductCategories {
    Table,
    ProductId,
    CategoryId,
    TenantId,
}

#[derive(DeriveIden)]
enum CommerceProductTags {
    Table,
    ProductId,
    Tag,
    TenantId,
}

/// Products, their translations, options, variants, images, collections, categories and tags.
struct CreateCatalog;

impl MigrationName for CreateCatalog {
    fn name(&self) -> &str {
        "m20260110_000001_commerce_catalog"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateCatalog {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommerceCollections::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceCollections::Id))
                    .col(uuid(CommerceCollections::TenantId))
                    .col(string_len(CommerceCollections::Handle, 255))
                    .col(string_len(CommerceCollections::Title, 255))
                    .col(timestamp_with_time_zone(CommerceCollections::CreatedAt))
                    .foreign_key(&mut tenant_fk(CommerceCollections::Table))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_commerce_collections_handle",
            CommerceCollections::Table,
            &["tenant_id", "handle"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceCategories::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceCategories::Id))
                    .col(uuid(CommerceCategories::TenantId))
                    .col(uuid_null(CommerceCategories::ParentId))
                    .col(string_len(CommerceCategories::Handle, 255))
                    .col(string_len(CommerceCategories::Name, 255))
                    .col(integer(CommerceCategories::Position).default(0))
                    .col(timestamp_with_time_zone(CommerceCategories::CreatedAt))
                    .foreign_key(&mut tenant_fk(CommerceCategories::Table))
                    .foreign_key(&mut cascade_to(
                        (CommerceCategories::Table, CommerceCategories::ParentId),
                        (CommerceCategories::Table, CommerceCategories::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_commerce_categories_handle",
            CommerceCategories::Table,
            &["tenant_id", "handle"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceProducts::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceProducts::Id))
                    .col(uuid(CommerceProducts::TenantId))
                    .col(string_len(CommerceProducts::Handle, 255))
                    .col(string_len(CommerceProducts::Status, 32).default("draft"))
                    .col(boolean(CommerceProducts::Discountable).default(true))
                    .col(uuid_null(CommerceProducts::CollectionId))
                    .col(json_binary(CommerceProducts::Metadata))
                    .col(timestamp_with_time_zone_null(CommerceProducts::PublishedAt))
                    .col(timestamp_with_time_zone(CommerceProducts::CreatedAt))
                    .col(timestamp_with_time_zone(CommerceProducts::UpdatedAt))
                    .foreign_key(&mut tenant_fk(CommerceProducts::Table))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommerceProducts::Table, CommerceProducts::CollectionId)
                            .to(CommerceCollections::Table, CommerceCollections::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_commerce_products_handle",
            CommerceProducts::Table,
            &["tenant_id", "handle"],
            true,
        )
        .await?;
        index(
            manager,
            "idx_commerce_products_status",
            CommerceProducts::Table,
            &["tenant_id", "status", "id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceProductTranslations::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceProductTranslations::Id))
                    .col(uuid(CommerceProductTranslations::TenantId))
                    .col(uuid(CommerceProductTranslations::ProductId))
                    .col(string_len(CommerceProductTranslations::Locale, 35))
                    .col(string_len(CommerceProductTranslations::Title, 255))
                    .col(string_len_null(CommerceProductTranslations::Subtitle, 255))
                    .col(text_null(CommerceProductTranslations::Description))
                    .foreign_key(&mut cascade_to(
                        (
                            CommerceProductTranslations::Table,
                            CommerceProductTranslations::ProductId,
                        ),
                        (CommerceProducts::Table, CommerceProducts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_commerce_product_translations_locale",
            CommerceProductTranslations::Table,
            &["product_id", "locale"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceProductOptions::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceProductOptions::Id))
                    .col(uuid(CommerceProductOptions::TenantId))
                    .col(uuid(CommerceProductOptions::ProductId))
                    .col(string_len(CommerceProductOptions::Title, 255))
                    .col(json_binary(CommerceProductOptions::Values))
                    .col(integer(CommerceProductOptions::Position).default(0))
                    .foreign_key(&mut cascade_to(
                        (
                            CommerceProductOptions::Table,
                            CommerceProductOptions::ProductId,
                        ),
                        (CommerceProducts::Table, CommerceProducts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_commerce_product_options_product",
            CommerceProductOptions::Table,
            &["product_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceVariants::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceVariants::Id))
                    .col(uuid(CommerceVariants::TenantId))
                    .col(uuid(CommerceVariants::ProductId))
                    .col(string_len(CommerceVariants::Title, 255))
                    .col(string_len_null(CommerceVariants::Sku, 64))
                    .col(string_len_null(CommerceVariants::Barcode, 64))
                    .col(boolean(CommerceVariants::ManageInventory).default(true))
                    .col(boolean(CommerceVariants::AllowBackorder).default(false))
                    .col(integer_null(CommerceVariants::Weight))
                    .col(integer_null(CommerceVariants::Length))
                    .col(integer_null(CommerceVariants::Height))
                    .col(integer_null(CommerceVariants::Width))
                    .col(integer(CommerceVariants::Position).default(0))
                    .col(json_binary(CommerceVariants::Options))
                    .col(json_binary(CommerceVariants::Metadata))
                    .col(timestamp_with_time_zone(CommerceVariants::CreatedAt))
                    .col(timestamp_with_time_zone(CommerceVariants::UpdatedAt))
                    .foreign_key(&mut cascade_to(
                        (CommerceVariants::Table, CommerceVariants::ProductId),
                        (CommerceProducts::Table, CommerceProducts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_commerce_variants_sku",
            CommerceVariants::Table,
            &["tenant_id", "sku"],
            true,
        )
        .await?;
        index(
            manager,
            "idx_commerce_variants_product",
            CommerceVariants::Table,
            &["product_id", "position"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceVariantTranslations::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceVariantTranslations::Id))
                    .col(uuid(CommerceVariantTranslations::TenantId))
                    .col(uuid(CommerceVariantTranslations::VariantId))
                    .col(string_len(CommerceVariantTranslations::Locale, 35))
                    .col(string_len(CommerceVariantTranslations::Title, 255))
                    .foreign_key(&mut cascade_to(
                        (
                            CommerceVariantTranslations::Table,
                            CommerceVariantTranslations::VariantId,
                        ),
                        (CommerceVariants::Table, CommerceVariants::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_commerce_variant_translations_locale",
            CommerceVariantTranslations::Table,
            &["variant_id", "locale"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceProductImages::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceProductImages::Id))
                    .col(uuid(CommerceProductImages::TenantId))
                    .col(uuid(CommerceProductImages::ProductId))
                    .col(string_len(CommerceProductImages::Url, 2048))
                    .col(string_len_null(CommerceProductImages::Alt, 255))
                    .col(integer(CommerceProductImages::Position).default(0))
                    .foreign_key(&mut cascade_to(
                        (
                            CommerceProductImages::Table,
                            CommerceProductImages::ProductId,
                        ),
                        (CommerceProducts::Table, CommerceProducts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_commerce_product_images_product",
            CommerceProductImages::Table,
            &["product_id", "position"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceProductCategories::Table)
                    .if_not_exists()
                    .col(uuid(CommerceProductCategories::ProductId))
                    .col(uuid(CommerceProductCategories::CategoryId))
                    .col(uuid(CommerceProductCategories::TenantId))
                    .primary_key(
                        Index::create()
                            .col(CommerceProductCategories::ProductId)
                            .col(CommerceProductCategories::CategoryId),
                    )
                    .foreign_key(&mut cascade_to(
                        (
                            CommerceProductCategories::Table,
                            CommerceProductCategories::ProductId,
                        ),
                        (CommerceProducts::Table, CommerceProducts::Id),
                    ))
                    .foreign_key(&mut cascade_to(
                        (
                            CommerceProductCategories::Table,
                            CommerceProductCategories::CategoryId,
                        ),
                        (CommerceCategories::Table, CommerceCategories::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_commerce_product_categories_category",
            CommerceProductCategories::Table,
            &["tenant_id", "category_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceProductTags::Table)
                    .if_not_exists()
                    .col(uuid(CommerceProductTags::ProductId))
                    .col(string_len(CommerceProductTags::Tag, 100))
                    .col(uuid(CommerceProductTags::TenantId))
                    .primary_key(
                        Index::create()
                            .col(CommerceProductTags::ProductId)
                            .col(CommerceProductTags::Tag),
                    )
                    .foreign_key(&mut cascade_to(
                        (CommerceProductTags::Table, CommerceProductTags::ProductId),
                        (CommerceProducts::Table, CommerceProducts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_commerce_product_tags_tag",
            CommerceProductTags::Table,
            &["tenant_id", "tag"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            &[
                CommerceProductTags::Table.into_iden(),
                CommerceProductCategories::Table.into_iden(),
                CommerceProductImages::Table.into_iden(),
                CommerceVariantTranslations::Table.into_iden(),
                CommerceVariants::Table.into_iden(),
                CommerceProductOptions::Table.into_iden(),
                CommerceProductTranslations::Table.into_iden(),
                CommerceProducts::Table.into_iden(),
                CommerceCategories::Table.into_iden(),
                CommerceCollections::Table.into_iden(),
            ],
        )
        .await
    }
}

#[derive(DeriveIden)]
enum CommerceRegions {
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
    Id,
    TenantId,
    RegionId,
    Name,
    Amount,
}

#[derive(DeriveIden)]
enum CommercePriceLists {
    Table,
    Id,
    TenantId,
    Title,
    StartsAt,
    EndsAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommercePrices {
    Table,
    Id,
    TenantId,
    VariantId,
    CurrencyCode,
    Amount,
    PriceListId,
    MinQuantity,
    CreatedAt,
}

/// Regions (countries + currency + tax), flat-rate shipping options, price lists and prices.
struct CreatePricing;

impl MigrationName for CreatePricing {
    fn name(&self) -> &str {
        "m20260110_000002_commerce_pricing"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreatePricing {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommerceRegions::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceRegions::Id))
                    .col(uuid(CommerceRegions::TenantId))
                    .col(string_len(CommerceRegions::Name, 255))
                    .col(string_len(CommerceRegions::CurrencyCode, 3))
                    .col(json_binary(CommerceRegions::Countries))
                    .col(integer(CommerceRegions::TaxRateBp).default(0))
                    .col(boolean(CommerceRegions::TaxInclusive).default(false))
                    .col(timestamp_with_time_zone(CommerceRegions::CreatedAt))
                    .foreign_key(&mut tenant_fk(CommerceRegions::Table))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_commerce_regions_tenant",
            CommerceRegions::Table,
            &["tenant_id"],
            false,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommerceShippingOptions::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceShippingOptions::Id))
                    .col(uuid(CommerceShippingOptions::TenantId))
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
        index(
            manager,
            "idx_commerce_shipping_options_region",
            CommerceShippingOptions::Table,
            &["tenant_id", "region_id"],
            false,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommercePriceLists::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommercePriceLists::Id))
                    .col(uuid(CommercePriceLists::TenantId))
                    .col(string_len(CommercePriceLists::Title, 255))
                    .col(timestamp_with_time_zone_null(CommercePriceLists::StartsAt))
                    .col(timestamp_with_time_zone_null(CommercePriceLists::EndsAt))
                    .col(timestamp_with_time_zone(CommercePriceLists::CreatedAt))
                    .foreign_key(&mut tenant_fk(CommercePriceLists::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommercePrices::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommercePrices::Id))
                    .col(uuid(CommercePrices::TenantId))
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
        index(
            manager,
            "idx_commerce_prices_variant",
            CommercePrices::Table,
            &["variant_id", "currency_code"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            &[
                CommercePrices::Table.into_iden(),
                CommercePriceLists::Table.into_iden(),
                CommerceShippingOptions::Table.into_iden(),
                CommerceRegions::Table.into_iden(),
            ],
        )
        .await
    }
}

#[derive(DeriveIden)]
enum CommerceInventoryLevels {
    Table,
    Id,
    TenantId,
    VariantId,
    Location,
    OnHand,
    Reserved,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CommerceReservations {
    Table,
    Id,
    TenantId,
    OrderId,
    VariantId,
    Location,
    Quantity,
    CreatedAt,
}

/// Stock per variant and location, and the reservations checkout makes.
struct CreateInventory;

impl MigrationName for CreateInventory {
    fn name(&self) -> &str {
        "m20260110_000003_commerce_inventory"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateInventory {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommerceInventoryLevels::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceInventoryLevels::Id))
                    .col(uuid(CommerceInventoryLevels::TenantId))
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
        index(
            manager,
            "uq_commerce_inventory_levels_location",
            CommerceInventoryLevels::Table,
            &["variant_id", "location"],
            true,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommerceReservations::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceReservations::Id))
                    .col(uuid(CommerceReservations::TenantId))
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
        index(
            manager,
            "idx_commerce_reservations_order",
            CommerceReservations::Table,
            &["tenant_id", "order_id"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            &[
                CommerceReservations::Table.into_iden(),
                CommerceInventoryLevels::Table.into_iden(),
            ],
        )
        .await
    }
}

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
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CommerceCartItems {
    Table,
    Id,
    TenantId,
    CartId,
    VariantId,
    Quantity,
    CreatedAt,
}

/// Carts (anonymous or a customer's) and their line items; prices are computed on read.
struct CreateCarts;

impl MigrationName for CreateCarts {
    fn name(&self) -> &str {
        "m20260110_000004_commerce_carts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateCarts {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommerceCarts::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceCarts::Id))
                    .col(uuid(CommerceCarts::TenantId))
                    .col(uuid_null(CommerceCarts::CustomerId))
                    .col(uuid(CommerceCarts::RegionId))
                    .col(string_len(CommerceCarts::CurrencyCode, 3))
                    .col(string_len_null(CommerceCarts::Email, 255))
                    .col(string_len(CommerceCarts::Status, 32).default("open"))
                    .col(uuid_null(CommerceCarts::ShippingOptionId))
                    .col(json_binary_null(CommerceCarts::ShippingAddress))
                    .col(uuid_null(CommerceCarts::OrderId))
                    .col(timestamp_with_time_zone(CommerceCarts::CreatedAt))
                    .col(timestamp_with_time_zone(CommerceCarts::UpdatedAt))
                    .foreign_key(&mut tenant_fk(CommerceCarts::Table))
                    .foreign_key(&mut cascade_to(
                        (CommerceCarts::Table, CommerceCarts::RegionId),
                        (CommerceRegions::Table, CommerceRegions::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_commerce_carts_customer",
            CommerceCarts::Table,
            &["tenant_id", "customer_id"],
            false,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommerceCartItems::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceCartItems::Id))
                    .col(uuid(CommerceCartItems::TenantId))
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
        index(
            manager,
            "uq_commerce_cart_items_variant",
            CommerceCartItems::Table,
            &["cart_id", "variant_id"],
            true,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            &[
                CommerceCartItems::Table.into_iden(),
                CommerceCarts::Table.into_iden(),
            ],
        )
        .await
    }
}

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
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CommerceOrderItems {
    Table,
    Id,
    TenantId,
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
    Id,
    TenantId,
    OrderId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommercePayments {
    Table,
    Id,
    TenantId,
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

/// Orders with frozen totals, their lines, staff notes, payment records and the per-tenant
/// order-number counter.
struct CreateOrders;

impl MigrationName for CreateOrders {
    fn name(&self) -> &str {
        "m20260110_000005_commerce_orders"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateOrders {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommerceOrders::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceOrders::Id))
                    .col(uuid(CommerceOrders::TenantId))
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
                    .col(timestamp_with_time_zone(CommerceOrders::CreatedAt))
                    .col(timestamp_with_time_zone(CommerceOrders::UpdatedAt))
                    .foreign_key(&mut tenant_fk(CommerceOrders::Table))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_commerce_orders_display_id",
            CommerceOrders::Table,
            &["tenant_id", "display_id"],
            true,
        )
        .await?;
        index(
            manager,
            "uq_commerce_orders_idempotency_key",
            CommerceOrders::Table,
            &["tenant_id", "idempotency_key"],
            true,
        )
        .await?;
        index(
            manager,
            "uq_commerce_orders_cart",
            CommerceOrders::Table,
            &["tenant_id", "cart_id"],
            true,
        )
        .await?;
        index(
            manager,
            "idx_commerce_orders_customer",
            CommerceOrders::Table,
            &["tenant_id", "customer_id", "id"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_commerce_orders_status",
            CommerceOrders::Table,
            &["tenant_id", "status", "id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceOrderItems::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceOrderItems::Id))
                    .col(uuid(CommerceOrderItems::TenantId))
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
        index(
            manager,
            "idx_commerce_order_items_order",
            CommerceOrderItems::Table,
            &["order_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommerceOrderNotes::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommerceOrderNotes::Id))
                    .col(uuid(CommerceOrderNotes::TenantId))
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
        index(
            manager,
            "idx_commerce_order_notes_order",
            CommerceOrderNotes::Table,
            &["order_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommercePayments::Table)
                    .if_not_exists()
                    .col(pk_uuid(CommercePayments::Id))
                    .col(uuid(CommercePayments::TenantId))
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
        index(
            manager,
            "idx_commerce_payments_order",
            CommercePayments::Table,
            &["order_id"],
            false,
        )
        .await?;

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

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            &[
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
