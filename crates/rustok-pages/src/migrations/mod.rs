use sea_orm_migration::{prelude::*, schema::*};

/// The menu tables, run by the `migration` crate after content's. Pages themselves are content
/// nodes and need no table.
pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![Box::new(CreateMenus)]
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Menus {
    Table,
    Id,
    TenantId,
    Handle,
    Name,
    CreatedAt,
    UpdatedAt,
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
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MenuItemTranslations {
    Table,
    Id,
    TenantId,
    ItemId,
    Locale,
    Label,
}

struct CreateMenus;

impl MigrationName for CreateMenus {
    fn name(&self) -> &str {
        "m20260110_000001_pages_menus"
    }
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

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(column);
    }
    if unique {
        index.unique();
    }
    manager.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for CreateMenus {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Menus::Table)
                    .if_not_exists()
                    .col(pk_uuid(Menus::Id))
                    .col(uuid(Menus::TenantId))
                    .col(string_len(Menus::Handle, 64))
                    .col(string_len(Menus::Name, 255))
                    .col(timestamp_with_time_zone(Menus::CreatedAt))
                    .col(timestamp_with_time_zone(Menus::UpdatedAt))
                    .foreign_key(&mut cascade_to(
                        (Menus::Table, Menus::TenantId),
                        (Tenants::Table, Tenants::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_menus_tenant_handle",
            Menus::Table,
            vec![Menus::TenantId.into_iden(), Menus::Handle.into_iden()],
            true,
        )
        .await?;

        // A link to a page is not a foreign key into content's tables (the module boundary):
        // readers skip items whose page is gone.
        manager
            .create_table(
                Table::create()
                    .table(MenuItems::Table)
                    .if_not_exists()
                    .col(pk_uuid(MenuItems::Id))
                    .col(uuid(MenuItems::TenantId))
                    .col(uuid(MenuItems::MenuId))
                    .col(uuid_null(MenuItems::ParentId))
                    .col(integer(MenuItems::Position).default(0))
                    .col(uuid_null(MenuItems::PageId))
                    .col(string_len_null(MenuItems::Url, 2048))
                    .col(timestamp_with_time_zone(MenuItems::CreatedAt))
                    .col(timestamp_with_time_zone(MenuItems::UpdatedAt))
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
        index(
            manager,
            "idx_menu_items_menu",
            MenuItems::Table,
            vec![
                MenuItems::TenantId.into_iden(),
                MenuItems::MenuId.into_iden(),
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(MenuItemTranslations::Table)
                    .if_not_exists()
                    .col(pk_uuid(MenuItemTranslations::Id))
                    .col(uuid(MenuItemTranslations::TenantId))
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
        index(
            manager,
            "uq_menu_item_translations_locale",
            MenuItemTranslations::Table,
            vec![
                MenuItemTranslations::ItemId.into_iden(),
                MenuItemTranslations::Locale.into_iden(),
            ],
            true,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MenuItemTranslations::Table.into_iden(),
            MenuItems::Table.into_iden(),
            Menus::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
