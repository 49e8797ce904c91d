use rustok_core::schema::{TableShapes, create_unique_index, drop_all, tenant_table};
use sea_orm_migration::{prelude::*, schema::*};

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
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table(Users::Table)
                    .col(string_len(Users::Email, 255))
                    .col(string_len(Users::PasswordHash, 255))
                    .col(string_len_null(Users::Name, 255))
                    .col(string_len(Users::Role, 32).default("customer"))
                    .col(string_len(Users::Status, 32).default("active"))
                    .col(json_binary(Users::Metadata))
                    .timestamps()
                    .to_owned(),
            )
            .await?;
        // Emails are stored lower-cased, so this is a case-insensitive uniqueness per tenant.
        create_unique_index(
            manager,
            "uq_users_tenant_email",
            Users::Table,
            [Users::TenantId, Users::Email],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(manager, [Users::Table.into_iden()]).await
    }
}
