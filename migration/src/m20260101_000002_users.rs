use sea_orm_migration::{prelude::*, schema::*};

use super::m20260101_000001_tenants::Tenants;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    TenantId,
    Email,
    PasswordHash,
    Name,
    Role,
    Status,
    Metadata,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .if_not_exists()
                    .col(pk_uuid(Users::Id))
                    .col(uuid(Users::TenantId))
                    .col(string_len(Users::Email, 255))
                    .col(string_len(Users::PasswordHash, 255))
                    .col(string_len_null(Users::Name, 255))
                    .col(string_len(Users::Role, 32).default("customer"))
                    .col(string_len(Users::Status, 32).default("active"))
                    .col(json_binary(Users::Metadata))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Emails are stored lower-cased, so this is a case-insensitive uniqueness per tenant.
        manager
            .create_index(
                Index::create()
                    .name("uq_users_tenant_email")
                    .table(Users::Table)
                    .col(Users::TenantId)
                    .col(Users::Email)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Users::Table).to_owned())
            .await
    }
}
