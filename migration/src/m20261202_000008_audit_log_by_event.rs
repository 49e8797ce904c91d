//! The audit trail is read per tenant, newest event first, paged by `event_id`
//! (`services::audit::list`): an index on (tenant, event id) serves that order and its cursor
//! directly instead of sorting the tenant's rows (the unique index on `event_id` alone cannot
//! filter by tenant).

use rustok_core::schema::{create_indexes, index};
use sea_orm_migration::MigrationTrait;

pub(crate) fn migration() -> Box<dyn MigrationTrait> {
    create_indexes("m20261202_000008_audit_log_by_event", || {
        vec![(
            "audit_log",
            index("idx_audit_log_tenant_event", ["tenant_id", "event_id"]),
        )]
    })
}
