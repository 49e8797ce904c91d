use rustok_core::schema::{TableShapes, create_tables, index, table};
use sea_orm_migration::{prelude::*, schema::*};

/// The outbox tables; the `migration` crate runs these right after the platform's.
pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![migration()]
}

fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260102_000001_outbox", || {
        vec![
            table("sys_events")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("event_type", 128))
                .col(integer("schema_version"))
                .col(json_binary("payload"))
                .col(uuid_null("actor_id"))
                .col(uuid("correlation_id"))
                .col(uuid_null("causation_id"))
                .col(string_len_null("trace_id", 128))
                .col(string_len("status", 16))
                .col(integer("attempts").default(0))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("dispatched_at"))
                .indexed([
                    // The relay's query: due rows by status and time.
                    index("idx_sys_events_due", ["status", "next_attempt_at"]),
                    // Replays and per-tenant listings.
                    index("idx_sys_events_tenant_created", ["tenant_id", "created_at"]),
                    index("idx_sys_events_created", ["created_at"]),
                ]),
            table("sys_event_consumptions")
                .col(string_len("consumer", 64))
                .col(uuid("event_id"))
                .col(timestamp_with_time_zone("processed_at"))
                .composite_key(["consumer", "event_id"])
                .indexed([]),
            table("sys_relay_leases")
                .col(string_len("name", 64).primary_key())
                .col(string_len("holder", 128))
                .col(timestamp_with_time_zone("expires_at"))
                .indexed([]),
        ]
    })
}
