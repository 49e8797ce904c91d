//! Products, their translations, options, variants, images, collections, categories and tags.

use rustok_core::schema::{
    TableShapes, cascade_to, create_index, create_unique_index, drop_all, tenant_child_table,
    tenant_id, tenant_table,
};
use sea_orm_migration::{prelude::*, schema::*};

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
}

#[derive(DeriveIden)]
enum CommerceProductTranslations {
    Table,
    ProductId,
    Locale,
    Title,
    Subtitle,
    Description,
}

#[derive(DeriveIden)]
enum CommerceProductOptions {
    Table,
    ProductId,
    Title,
    Values,
    Position,
}

#[derive(DeriveIden)]
pub(super) enum CommerceVariants {
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
}

#[derive(DeriveIden)]
enum CommerceVariantTranslations {
    Table,
    VariantId,
    Locale,
    Title,
}

#[derive(DeriveIden)]
enum CommerceProductImages {
    Table,
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

pub(super) struct CreateCatalog;

impl MigrationName for CreateCatalog {
    fn name(&self) -> &str {
        "m20260110_000001_commerce_catalog"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateCatalog {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_collections(manager).await?;
        create_categories(manager).await?;
        create_products(manager).await?;
        create_product_translations(manager).await?;
        create_product_options(manager).await?;
        create_variants(manager).await?;
        create_variant_translations(manager).await?;
        create_product_images(manager).await?;
        create_product_categories(manager).await?;
        create_product_tags(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
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

async fn create_collections(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(CommerceCollections::Table)
                .col(string_len(CommerceCollections::Handle, 255))
                .col(string_len(CommerceCollections::Title, 255))
                .col(timestamp_with_time_zone(CommerceCollections::CreatedAt))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_commerce_collections_handle",
        CommerceCollections::Table,
        [CommerceCollections::TenantId, CommerceCollections::Handle],
    )
    .await
}

async fn create_categories(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(CommerceCategories::Table)
                .col(uuid_null(CommerceCategories::ParentId))
                .col(string_len(CommerceCategories::Handle, 255))
                .col(string_len(CommerceCategories::Name, 255))
                .col(integer(CommerceCategories::Position).default(0))
                .col(timestamp_with_time_zone(CommerceCategories::CreatedAt))
                .foreign_key(&mut cascade_to(
                    (CommerceCategories::Table, CommerceCategories::ParentId),
                    (CommerceCategories::Table, CommerceCategories::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_commerce_categories_handle",
        CommerceCategories::Table,
        [CommerceCategories::TenantId, CommerceCategories::Handle],
    )
    .await
}

async fn create_products(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(CommerceProducts::Table)
                .col(string_len(CommerceProducts::Handle, 255))
                .col(string_len(CommerceProducts::Status, 32).default("draft"))
                .col(boolean(CommerceProducts::Discountable).default(true))
                .col(uuid_null(CommerceProducts::CollectionId))
                .col(json_binary(CommerceProducts::Metadata))
                .col(timestamp_with_time_zone_null(CommerceProducts::PublishedAt))
                .timestamps()
                .foreign_key(
                    ForeignKey::create()
                        .from(CommerceProducts::Table, CommerceProducts::CollectionId)
                        .to(CommerceCollections::Table, CommerceCollections::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_commerce_products_handle",
        CommerceProducts::Table,
        [CommerceProducts::TenantId, CommerceProducts::Handle],
    )
    .await?;
    create_index(
        manager,
        "idx_commerce_products_status",
        CommerceProducts::Table,
        [
            CommerceProducts::TenantId,
            CommerceProducts::Status,
            CommerceProducts::Id,
        ],
    )
    .await
}

async fn create_product_translations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceProductTranslations::Table)
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
    create_unique_index(
        manager,
        "uq_commerce_product_translations_locale",
        CommerceProductTranslations::Table,
        [
            CommerceProductTranslations::ProductId,
            CommerceProductTranslations::Locale,
        ],
    )
    .await
}

async fn create_product_options(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceProductOptions::Table)
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
    create_index(
        manager,
        "idx_commerce_product_options_product",
        CommerceProductOptions::Table,
        [CommerceProductOptions::ProductId],
    )
    .await
}

async fn create_variants(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceVariants::Table)
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
                .timestamps()
                .foreign_key(&mut cascade_to(
                    (CommerceVariants::Table, CommerceVariants::ProductId),
                    (CommerceProducts::Table, CommerceProducts::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_commerce_variants_sku",
        CommerceVariants::Table,
        [CommerceVariants::TenantId, CommerceVariants::Sku],
    )
    .await?;
    create_index(
        manager,
        "idx_commerce_variants_product",
        CommerceVariants::Table,
        [CommerceVariants::ProductId, CommerceVariants::Position],
    )
    .await
}

async fn create_variant_translations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceVariantTranslations::Table)
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
    create_unique_index(
        manager,
        "uq_commerce_variant_translations_locale",
        CommerceVariantTranslations::Table,
        [
            CommerceVariantTranslations::VariantId,
            CommerceVariantTranslations::Locale,
        ],
    )
    .await
}

async fn create_product_images(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(CommerceProductImages::Table)
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
    create_index(
        manager,
        "idx_commerce_product_images_product",
        CommerceProductImages::Table,
        [
            CommerceProductImages::ProductId,
            CommerceProductImages::Position,
        ],
    )
    .await
}

async fn create_product_categories(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(CommerceProductCategories::Table)
                .if_not_exists()
                .col(uuid(CommerceProductCategories::ProductId))
                .col(uuid(CommerceProductCategories::CategoryId))
                .col(tenant_id())
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
    create_index(
        manager,
        "idx_commerce_product_categories_category",
        CommerceProductCategories::Table,
        [
            CommerceProductCategories::TenantId,
            CommerceProductCategories::CategoryId,
        ],
    )
    .await
}

async fn create_product_tags(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(CommerceProductTags::Table)
                .if_not_exists()
                .col(uuid(CommerceProductTags::ProductId))
                .col(string_len(CommerceProductTags::Tag, 100))
                .col(tenant_id())
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
    create_index(
        manager,
        "idx_commerce_product_tags_tag",
        CommerceProductTags::Table,
        [CommerceProductTags::TenantId, CommerceProductTags::Tag],
    )
    .await
}
