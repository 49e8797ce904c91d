use rustok_core::schema::{cascade_to, create_index, drop_all, tenant_table};
use sea_orm_migration::{prelude::*, schema::*};

use super::m20260101_000002_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Rotating refresh tokens. Only a SHA-256 of the token is stored; `family_id` groups every token
/// descended from one login, so reuse of a rotated token can revoke the whole family.
#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    UserId,
    FamilyId,
    TokenHash,
    ExpiresAt,
    RevokedAt,
    ReplacedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table(RefreshTokens::Table)
                    .col(uuid(RefreshTokens::UserId))
                    .col(uuid(RefreshTokens::FamilyId))
                    .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                    .col(uuid_null(RefreshTokens::ReplacedBy))
                    .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                    .foreign_key(&mut cascade_to(
                        (RefreshTokens::Table, RefreshTokens::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_refresh_tokens_family",
            RefreshTokens::Table,
            [RefreshTokens::FamilyId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(manager, [RefreshTokens::Table.into_iden()]).await
    }
}
