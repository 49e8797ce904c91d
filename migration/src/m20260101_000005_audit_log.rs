use rustok_core::schema::{TableShapes, create_tables, index, tenant_table};
use sea_orm_migration::{prelude::*, schema::*};

/// Every domain event of a tenant, as the `audit_log` consumer recorded it (one row per event).
pub(crate) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260101_000005_audit_log", || {
        vec![
            tenant_table("audit_log")
                .col(uuid_uniq("event_id"))
                .col(string_len("event_type", 128))
                .col(uuid_null("actor_id"))
                .col(json_binary("payload"))
                .col(timestamp_with_time_zone("occurred_at"))
                .col(timestamp_with_time_zone("recorded_at"))
                .indexed([index(
                    "idx_audit_log_tenant_occurred",
                    ["tenant_id", "occurred_at"],
                )]),
        ]
    })
}
