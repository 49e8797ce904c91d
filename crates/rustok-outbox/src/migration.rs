use rustok_core::schema::{create_index, drop_all};
use sea_orm_migration::{prelude::*, schema::*};

/// The outbox tables; the `migration` crate runs these right after the platform's.
pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![Box::new(CreateOutbox)]
}

#[derive(DeriveIden)]
enum SysEvents {
    Table,
    Id,
    TenantId,
    EventType,
    SchemaVersion,
    Payload,
    ActorId,
    CorrelationId,
    CausationId,
    TraceId,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    DispatchedAt,
}

#[derive(DeriveIden)]
enum SysEventConsumptions {
    Table,
    Consumer,
    EventId,
    ProcessedAt,
}

#[derive(DeriveIden)]
enum SysRelayLeases {
    Table,
    Name,
    Holder,
    ExpiresAt,
}

struct CreateOutbox;

impl MigrationName for CreateOutbox {
    fn name(&self) -> &str {
        "m20260102_000001_outbox"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateOutbox {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SysEvents::Table)
                    .if_not_exists()
                    .col(pk_uuid(SysEvents::Id))
                    .col(uuid(SysEvents::TenantId))
                    .col(string_len(SysEvents::EventType, 128))
                    .col(integer(SysEvents::SchemaVersion))
                    .col(json_binary(SysEvents::Payload))
                    .col(uuid_null(SysEvents::ActorId))
                    .col(uuid(SysEvents::CorrelationId))
                    .col(uuid_null(SysEvents::CausationId))
                    .col(string_len_null(SysEvents::TraceId, 128))
                    .col(string_len(SysEvents::Status, 16))
                    .col(integer(SysEvents::Attempts).default(0))
                    .col(timestamp_with_time_zone(SysEvents::NextAttemptAt))
                    .col(text_null(SysEvents::LastError))
                    .col(timestamp_with_time_zone(SysEvents::CreatedAt))
                    .col(timestamp_with_time_zone_null(SysEvents::DispatchedAt))
                    .to_owned(),
            )
            .await?;
        // The relay's query: due rows by status and time.
        create_index(
            manager,
            "idx_sys_events_due",
            SysEvents::Table,
            [SysEvents::Status, SysEvents::NextAttemptAt],
        )
        .await?;
        // Replays and per-tenant listings.
        create_index(
            manager,
            "idx_sys_events_tenant_created",
            SysEvents::Table,
            [SysEvents::TenantId, SysEvents::CreatedAt],
        )
        .await?;
        create_index(
            manager,
            "idx_sys_events_created",
            SysEvents::Table,
            [SysEvents::CreatedAt],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(SysEventConsumptions::Table)
                    .if_not_exists()
                    .col(string_len(SysEventConsumptions::Consumer, 64))
                    .col(uuid(SysEventConsumptions::EventId))
                    .col(timestamp_with_time_zone(SysEventConsumptions::ProcessedAt))
                    .primary_key(
                        Index::create()
                            .col(SysEventConsumptions::Consumer)
                            .col(SysEventConsumptions::EventId),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SysRelayLeases::Table)
                    .if_not_exists()
                    .col(string_len(SysRelayLeases::Name, 64).primary_key())
                    .col(string_len(SysRelayLeases::Holder, 128))
                    .col(timestamp_with_time_zone(SysRelayLeases::ExpiresAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
                SysRelayLeases::Table.into_iden(),
                SysEventConsumptions::Table.into_iden(),
                SysEvents::Table.into_iden(),
            ],
        )
        .await
    }
}
