//! A tree of categories per tenant, translated like nodes.

use rustok_core::schema::{
    TableShapes, cascade_to, create_index, create_unique_index, drop_all, tenant_id, tenant_table,
};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    TenantId,
    ParentId,
    Position,
}

#[derive(DeriveIden)]
enum CategoryTranslations {
    Table,
    Id,
    CategoryId,
    TenantId,
    Locale,
    Name,
    Slug,
    Description,
}

pub(super) struct CreateCategories;

impl MigrationName for CreateCategories {
    fn name(&self) -> &str {
        "m20260103_000003_content_categories"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateCategories {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_categories(manager).await?;
        create_category_translations(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
                CategoryTranslations::Table.into_iden(),
                Categories::Table.into_iden(),
            ],
        )
        .await
    }
}

async fn create_categories(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(Categories::Table)
                .col(uuid_null(Categories::ParentId))
                .col(integer(Categories::Position).default(0))
                .timestamps()
                .foreign_key(&mut cascade_to(
                    (Categories::Table, Categories::ParentId),
                    (Categories::Table, Categories::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_index(
        manager,
        "idx_categories_tenant",
        Categories::Table,
        [Categories::TenantId, Categories::ParentId],
    )
    .await
}

async fn create_category_translations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(CategoryTranslations::Table)
                .if_not_exists()
                .col(pk_uuid(CategoryTranslations::Id))
                .col(uuid(CategoryTranslations::CategoryId))
                .col(tenant_id())
                .col(string_len(CategoryTranslations::Locale, 35))
                .col(string_len(CategoryTranslations::Name, 255))
                .col(string_len(CategoryTranslations::Slug, 200))
                .col(text_null(CategoryTranslations::Description))
                .foreign_key(&mut cascade_to(
                    (
                        CategoryTranslations::Table,
                        CategoryTranslations::CategoryId,
                    ),
                    (Categories::Table, Categories::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_category_translations_locale",
        CategoryTranslations::Table,
        [
            CategoryTranslations::CategoryId,
            CategoryTranslations::Locale,
        ],
    )
    .await?;
    create_unique_index(
        manager,
        "uq_category_translations_slug",
        CategoryTranslations::Table,
        [
            CategoryTranslations::TenantId,
            CategoryTranslations::Locale,
            CategoryTranslations::Slug,
        ],
    )
    .await
}
