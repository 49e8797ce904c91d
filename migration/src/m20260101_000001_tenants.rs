use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Tenants {
    Table,
    Id,
    Name,
    Slug,
    Settings,
    IsActive,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum TenantDomains {
    Table,
    Id,
    TenantId,
    Host,
    IsPrimary,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TenantModules {
    Table,
    Id,
    TenantId,
    ModuleSlug,
    Enabled,
    Settings,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tenants::Table)
                    .if_not_exists()
                    .col(pk_uuid(Tenants::Id))
                    .col(string_len(Tenants::Name, 255))
                    .col(string_len_uniq(Tenants::Slug, 64))
                    .col(json_binary(Tenants::Settings))
                    .col(boolean(Tenants::IsActive).default(true))
                    .col(timestamp_with_time_zone(Tenants::CreatedAt))
                    .col(timestamp_with_time_zone(Tenants::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        // A hostname routes to exactly one tenant, so `host` is unique platform-wide.
        manager
            .create_table(
                Table::create()
                    .table(TenantDomains::Table)
                    .if_not_exists()
                    .col(pk_uuid(TenantDomains::Id))
                    .col(uuid(TenantDomains::TenantId))
                    .col(string_len_uniq(TenantDomains::Host, 253))
                    .col(boolean(TenantDomains::IsPrimary).default(false))
                    .col(timestamp_with_time_zone(TenantDomains::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TenantDomains::Table, TenantDomains::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tenant_domains_tenant")
                    .table(TenantDomains::Table)
                    .col(TenantDomains::TenantId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TenantModules::Table)
                    .if_not_exists()
                    .col(pk_uuid(TenantModules::Id))
                    .col(uuid(TenantModules::TenantId))
                    .col(string_len(TenantModules::ModuleSlug, 64))
                    .col(boolean(TenantModules::Enabled).default(true))
                    .col(json_binary(TenantModules::Settings))
                    .col(timestamp_with_time_zone(TenantModules::CreatedAt))
                    .col(timestamp_with_time_zone(TenantModules::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TenantModules::Table, TenantModules::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_tenant_modules_tenant_slug")
                    .table(TenantModules::Table)
                    .col(TenantModules::TenantId)
                    .col(TenantModules::ModuleSlug)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TenantModules::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TenantDomains::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Tenants::Table).to_owned())
            .await
    }
}
