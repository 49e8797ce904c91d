use rustok_core::schema::{create_index, drop_all, tenant_table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every domain event of a tenant, as the `audit_log` consumer recorded it (one row per event).
#[derive(DeriveIden)]
enum AuditLog {
    Table,
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
                tenant_table(AuditLog::Table)
                    .col(uuid_uniq(AuditLog::EventId))
                    .col(string_len(AuditLog::EventType, 128))
                    .col(uuid_null(AuditLog::ActorId))
                    .col(json_binary(AuditLog::Payload))
                    .col(timestamp_with_time_zone(AuditLog::OccurredAt))
                    .col(timestamp_with_time_zone(AuditLog::RecordedAt))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_audit_log_tenant_occurred",
            AuditLog::Table,
            [AuditLog::TenantId, AuditLog::OccurredAt],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(manager, [AuditLog::Table.into_iden()]).await
    }
}
