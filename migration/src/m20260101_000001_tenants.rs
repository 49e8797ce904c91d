use rustok_core::schema::{TableShapes, create_index, create_unique_index, drop_all, tenant_table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
    Name,
    Slug,
    Settings,
    IsActive,
}

#[derive(DeriveIden)]
pub(crate) enum TenantDomains {
    Table,
    TenantId,
    Host,
    IsPrimary,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TenantModules {
    Table,
    TenantId,
    ModuleSlug,
    Enabled,
    Settings,
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
                    .timestamps()
                    .to_owned(),
            )
            .await?;

        // A hostname routes to exactly one tenant, so `host` is unique platform-wide.
        manager
            .create_table(
                tenant_table(TenantDomains::Table)
                    .col(string_len_uniq(TenantDomains::Host, 253))
                    .col(boolean(TenantDomains::IsPrimary).default(false))
                    .col(timestamp_with_time_zone(TenantDomains::CreatedAt))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_tenant_domains_tenant",
            TenantDomains::Table,
            [TenantDomains::TenantId],
        )
        .await?;

        manager
            .create_table(
                tenant_table(TenantModules::Table)
                    .col(string_len(TenantModules::ModuleSlug, 64))
                    .col(boolean(TenantModules::Enabled).default(true))
                    .col(json_binary(TenantModules::Settings))
                    .timestamps()
                    .to_owned(),
            )
            .await?;
        create_unique_index(
            manager,
            "uq_tenant_modules_tenant_slug",
            TenantModules::Table,
            [TenantModules::TenantId, TenantModules::ModuleSlug],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
                TenantModules::Table.into_iden(),
                TenantDomains::Table.into_iden(),
                Tenants::Table.into_iden(),
            ],
        )
        .await
    }
}
