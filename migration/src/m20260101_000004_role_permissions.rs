use sea_orm_migration::{prelude::*, schema::*};

use super::m20260101_000001_tenants::Tenants;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A tenant's replacement for the default permission set of one role (absent row = default).
#[derive(DeriveIden)]
enum RolePermissions {
    Table,
    Id,
    TenantId,
    Role,
    Permissions,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RolePermissions::Table)
                    .if_not_exists()
                    .col(pk_uuid(RolePermissions::Id))
                    .col(uuid(RolePermissions::TenantId))
                    .col(string_len(RolePermissions::Role, 32))
                    .col(json_binary(RolePermissions::Permissions))
                    .col(timestamp_with_time_zone(RolePermissions::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RolePermissions::Table, RolePermissions::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_role_permissions_tenant_role")
                    .table(RolePermissions::Table)
                    .col(RolePermissions::TenantId)
                    .col(RolePermissions::Role)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RolePermissions::Table).to_owned())
            .await
    }
}
