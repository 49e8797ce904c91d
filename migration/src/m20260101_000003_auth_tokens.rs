use rustok_core::schema::{TableShapes, create_tables, index, tenant_table};
use sea_orm_migration::{prelude::*, schema::*};

/// Rotating refresh tokens. Only a SHA-256 of the token is stored; `family_id` groups every token
/// descended from one login, so reuse of a rotated token can revoke the whole family.
pub(crate) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260101_000003_auth_tokens", || {
        vec![
            tenant_table("refresh_tokens")
                .col(uuid("user_id"))
                .col(uuid("family_id"))
                .col(string_len_uniq("token_hash", 64))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(uuid_null("replaced_by"))
                .col(timestamp_with_time_zone("created_at"))
                .belongs_to("user_id", "users")
                .indexed([index("idx_refresh_tokens_family", ["family_id"])]),
        ]
    })
}
