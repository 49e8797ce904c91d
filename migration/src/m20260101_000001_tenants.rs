use rustok_core::schema::{TableShapes, create_tables, index, table, tenant_table, unique};
use sea_orm_migration::{prelude::*, schema::*};

pub(crate) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260101_000001_tenants", || {
        vec![
            table("tenants")
                .col(pk_uuid("id"))
                .col(string_len("name", 255))
                .col(string_len_uniq("slug", 64))
                .col(json_binary("settings"))
                .col(boolean("is_active").default(true))
                .timestamps()
                .indexed([]),
            // A hostname routes to exactly one tenant, so `host` is unique platform-wide.
            tenant_table("tenant_domains")
                .col(string_len_uniq("host", 253))
                .col(boolean("is_primary").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .indexed([index("idx_tenant_domains_tenant", ["tenant_id"])]),
            tenant_table("tenant_modules")
                .col(string_len("module_slug", 64))
                .col(boolean("enabled").default(true))
                .col(json_binary("settings"))
                .timestamps()
                .indexed([unique(
                    "uq_tenant_modules_tenant_slug",
                    ["tenant_id", "module_slug"],
                )]),
        ]
    })
}
