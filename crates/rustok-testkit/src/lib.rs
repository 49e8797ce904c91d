//! Test support shared by the module crates' service tests: a fresh, migrated database per test
//! (a SQLite file by default; a new PostgreSQL database, dropped afterwards, when
//! `TEST_DATABASE_URL` names a PostgreSQL admin database) with an outbox-backed [`EventBus`], as
//! the server has. Panics on setup failures: it is for tests only.

// Test support: a failed setup panics with its reason, which is what a test wants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use migration::MigratorTrait;
use rustok_core::{EventBus, Locale, LocalePolicy, TenantId};
use rustok_outbox::entities::sys_events;
use rustok_outbox::{OutboxStats, OutboxTransport};
use rustok_tenant::{NewTenant, TenantService};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter,
};
use tokio::sync::Notify;

pub mod content;
mod scratch;

pub use scratch::{ScratchDatabase, fresh_database, postgres_admin_url, sqlite_url};

/// A database of its own for one test, migrated to the current schema.
pub struct TestDb {
    pub db: DatabaseConnection,
    /// Writes events into the outbox (`sys_events`), in the caller's transaction.
    pub events: EventBus,
    _dir: tempfile::TempDir,
    _postgres: Option<ScratchDatabase>,
}

impl TestDb {
    /// A fresh database; `prefix` names it (`<prefix>.sqlite`, or `<prefix>_<ulid>` on
    /// PostgreSQL).
    pub async fn new(prefix: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let (url, postgres) = fresh_database(dir.path(), prefix).await;
        let db = Database::connect(&url).await.expect("test database");
        if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
            // As the server configures SQLite: concurrent writers wait instead of failing.
            db.execute_unprepared(
                "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;",
            )
            .await
            .expect("SQLite pragmas");
        }
        migration::Migrator::up(&db, None)
            .await
            .expect("migrations");
        let transport = OutboxTransport::new(
            db.clone(),
            Arc::new(OutboxStats::default()),
            Arc::new(Notify::new()),
        );
        Self {
            db,
            events: EventBus::new(Arc::new(transport)),
            _dir: dir,
            _postgres: postgres,
        }
    }

    /// Creates a tenant with this slug.
    pub async fn tenant(&self, slug: &str) -> TenantId {
        let tenant = TenantService::create(
            &self.db,
            NewTenant {
                name: slug.into(),
                slug: slug.into(),
                settings: None,
            },
        )
        .await
        .expect("tenant");
        TenantId::from_uuid(tenant.id)
    }

    /// How many events of this type the outbox holds (all tenants).
    pub async fn events_of(&self, event_type: &str) -> u64 {
        sys_events::Entity::find()
            .filter(sys_events::Column::EventType.eq(event_type))
            .count(&self.db)
            .await
            .expect("count events")
    }
}

/// A locale from a literal tag (panics on an invalid one).
pub fn locale(tag: &str) -> Locale {
    tag.parse().expect("valid locale tag")
}

/// English by default, German enabled: the languages most tests write in.
pub fn english_and_german() -> LocalePolicy {
    LocalePolicy {
        default: locale("en"),
        enabled: vec![locale("en"), locale("de")],
    }
}
