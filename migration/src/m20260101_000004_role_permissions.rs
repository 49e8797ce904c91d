use rustok_core::schema::{TableShapes, create_tables, tenant_table, unique};
use sea_orm_migration::{prelude::*, schema::*};

/// A tenant's replacement for the default permission set of one role (absent row = default).
pub(crate) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260101_000004_role_permissions", || {
        vec![
            tenant_table("role_permissions")
                .col(string_len("role", 32))
                .col(json_binary("permissions"))
                .col(timestamp_with_time_zone("updated_at"))
                .indexed([unique(
                    "uq_role_permissions_tenant_role",
                    ["tenant_id", "role"],
                )]),
        ]
    })
}
