use sea_orm_migration::{prelude::*, schema::*};

use super::m20260101_000001_tenants::Tenants;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every domain event of a tenant, as the `audit_log` consumer recorded it (one row per event).
#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    TenantId,
    EventId,
    EventType,
    ActorId,
    Payload,
    OccurredAt,
    RecordedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(pk_uuid(AuditLog::Id))
                    .col(uuid(AuditLog::TenantId))
                    .col(uuid_uniq(AuditLog::EventId))
                    .col(string_len(AuditLog::EventType, 128))
                    .col(uuid_null(AuditLog::ActorId))
                    .col(json_binary(AuditLog::Payload))
                    .col(timestamp_with_time_zone(AuditLog::OccurredAt))
                    .col(timestamp_with_time_zone(AuditLog::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditLog::Table, AuditLog::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_tenant_occurred")
                    .table(AuditLog::Table)
                    .col(AuditLog::TenantId)
                    .col(AuditLog::OccurredAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}
