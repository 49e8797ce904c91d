use rustok_core::schema::{create_unique_index, drop_all, tenant_table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A tenant's replacement for the default permission set of one role (absent row = default).
#[derive(DeriveIden)]
enum RolePermissions {
    Table,
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
                tenant_table(RolePermissions::Table)
                    .col(string_len(RolePermissions::Role, 32))
                    .col(json_binary(RolePermissions::Permissions))
                    .col(timestamp_with_time_zone(RolePermissions::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        create_unique_index(
            manager,
            "uq_role_permissions_tenant_role",
            RolePermissions::Table,
            [RolePermissions::TenantId, RolePermissions::Role],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(manager, [RolePermissions::Table.into_iden()]).await
    }
}
