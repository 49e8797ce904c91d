//! Menus, their items (a tree) and the items' labels per locale.

use rustok_core::schema::{
    TableShapes, cascade_to, create_index, create_unique_index, drop_all, tenant_child_table,
    tenant_table,
};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveIden)]
enum Menus {
    Table,
    Id,
    TenantId,
    Handle,
    Name,
}

#[derive(DeriveIden)]
enum MenuItems {
    Table,
    Id,
    TenantId,
    MenuId,
    ParentId,
    Position,
    PageId,
    Url,
}

#[derive(DeriveIden)]
enum MenuItemTranslations {
    Table,
    ItemId,
    Locale,
    Label,
}

pub(super) struct CreateMenus;

impl MigrationName for CreateMenus {
    fn name(&self) -> &str {
        "m20260110_000001_pages_menus"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateMenus {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_menus(manager).await?;
        create_menu_items(manager).await?;
        create_menu_item_translations(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
                MenuItemTranslations::Table.into_iden(),
                MenuItems::Table.into_iden(),
                Menus::Table.into_iden(),
            ],
        )
        .await
    }
}

async fn create_menus(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(Menus::Table)
                .col(string_len(Menus::Handle, 64))
                .col(string_len(Menus::Name, 255))
                .timestamps()
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_menus_tenant_handle",
        Menus::Table,
        [Menus::TenantId, Menus::Handle],
    )
    .await
}

/// A link to a page is not a foreign key into content's tables (the module boundary): readers
/// skip items whose page is gone.
async fn create_menu_items(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(MenuItems::Table)
                .col(uuid(MenuItems::MenuId))
                .col(uuid_null(MenuItems::ParentId))
                .col(integer(MenuItems::Position).default(0))
                .col(uuid_null(MenuItems::PageId))
                .col(string_len_null(MenuItems::Url, 2048))
                .timestamps()
                .foreign_key(&mut cascade_to(
                    (MenuItems::Table, MenuItems::MenuId),
                    (Menus::Table, Menus::Id),
                ))
                .foreign_key(&mut cascade_to(
                    (MenuItems::Table, MenuItems::ParentId),
                    (MenuItems::Table, MenuItems::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_index(
        manager,
        "idx_menu_items_menu",
        MenuItems::Table,
        [MenuItems::TenantId, MenuItems::MenuId],
    )
    .await
}

async fn create_menu_item_translations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_child_table(MenuItemTranslations::Table)
                .col(uuid(MenuItemTranslations::ItemId))
                .col(string_len(MenuItemTranslations::Locale, 35))
                .col(string_len(MenuItemTranslations::Label, 255))
                .foreign_key(&mut cascade_to(
                    (MenuItemTranslations::Table, MenuItemTranslations::ItemId),
                    (MenuItems::Table, MenuItems::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_menu_item_translations_locale",
        MenuItemTranslations::Table,
        [MenuItemTranslations::ItemId, MenuItemTranslations::Locale],
    )
    .await
}
