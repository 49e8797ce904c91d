use rustok_core::schema::{TableShapes, create_tables, tenant_table, unique};
use sea_orm_migration::{prelude::*, schema::*};

pub(crate) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260101_000002_users", || {
        vec![
            tenant_table("users")
                .col(string_len("email", 255))
                .col(string_len("password_hash", 255))
                .col(string_len_null("name", 255))
                .col(string_len("role", 32).default("customer"))
                .col(string_len("status", 32).default("active"))
                .col(json_binary("metadata"))
                .timestamps()
                // Emails are stored lower-cased, so this is a case-insensitive uniqueness per
                // tenant.
                .indexed([unique("uq_users_tenant_email", ["tenant_id", "email"])]),
        ]
    })
}
