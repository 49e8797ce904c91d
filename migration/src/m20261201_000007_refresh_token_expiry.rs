//! Expired refresh tokens are purged hourly (`AuthService::purge_expired_tokens`): an index on
//! `expires_at` keeps that a range scan instead of a scan of every token.

use rustok_core::schema::{create_indexes, index};
use sea_orm_migration::MigrationTrait;

pub(crate) fn migration() -> Box<dyn MigrationTrait> {
    create_indexes("m20261201_000007_refresh_token_expiry", || {
        vec![(
            "refresh_tokens",
            index("idx_refresh_tokens_expires", ["expires_at"]),
        )]
    })
}
