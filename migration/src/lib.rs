//! RusToK schema. Platform tables first, then the outbox's, then every built-in module's own migrations
//! (see [`modules::migrations`]), so `rustok-server db migrate` and first start build everything.
//!
//! Migrations use SeaORM's schema builder only, so each one runs on SQLite and PostgreSQL alike.

pub use sea_orm_migration::prelude::*;

mod m20260101_000001_tenants;
mod m20260101_000002_users;
mod m20260101_000003_auth_tokens;
mod m20260101_000004_role_permissions;
mod m20260101_000005_audit_log;
mod m20260101_000006_one_primary_domain;
mod m20261201_000007_refresh_token_expiry;
mod m20261202_000008_audit_log_by_event;
mod modules;

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        let mut all = platform_migrations();
        all.extend(rustok_outbox::migrations());
        all.extend(modules::migrations());
        all
    }
}

/// Tables owned by the platform itself (tenants, users, auth, RBAC overrides, audit log).
pub fn platform_migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        m20260101_000001_tenants::migration(),
        m20260101_000002_users::migration(),
        m20260101_000003_auth_tokens::migration(),
        m20260101_000004_role_permissions::migration(),
        m20260101_000005_audit_log::migration(),
        Box::new(m20260101_000006_one_primary_domain::Migration),
        m20261201_000007_refresh_token_expiry::migration(),
        m20261202_000008_audit_log_by_event::migration(),
    ]
}
