//! Full-text search over `index_content`, made as products' is (`m20261202_000001_index_search`
//! with the scope of `m20261202_000004_index_search_scope`, and on PostgreSQL the GIN indexes
//! without a pending list of `m20261202_000003_index_search_gin`), the slug standing for the
//! handle in the typo-tolerant text:
//!
//! - PostgreSQL: a generated `search_vector` (title weight A, search text weight B, in the
//!   locale's text-search configuration) on a GIN index, and a `pg_trgm` GIN index on title +
//!   slug.
//! - SQLite: `index_content_fts` (scope, title, body) and `index_content_trgm` sharing the row's
//!   `rowid`, written by triggers, filled from the rows already there.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;

use super::m20261202_000001_index_search::{
    CONTENT, postgres_search, sqlite_fts_fill, sqlite_fts_table, sqlite_triggers,
    sqlite_trigram_fill, sqlite_trigram_table,
};
use super::m20261202_000004_index_search_scope::SCOPED;

const NAME: &str = "m20261203_000001_index_content_search";

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    Box::new(ContentSearch)
}

struct ContentSearch;

impl MigrationName for ContentSearch {
    fn name(&self) -> &str {
        NAME
    }
}

#[async_trait::async_trait]
impl MigrationTrait for ContentSearch {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => postgres_search(&CONTENT, " WITH (fastupdate = off)"),
            _ => {
                let mut statements = vec![
                    sqlite_fts_table(&CONTENT, SCOPED.names),
                    sqlite_trigram_table(&CONTENT),
                ];
                statements.extend(sqlite_triggers(&CONTENT, &SCOPED));
                statements.extend([
                    sqlite_fts_fill(&CONTENT, &SCOPED),
                    sqlite_trigram_fill(&CONTENT),
                ]);
                statements
            }
        };
        run(manager, &statements).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements: Vec<String> = match manager.get_database_backend() {
            DbBackend::Postgres => vec![
                "DROP INDEX IF EXISTS idx_index_content_fuzzy".into(),
                "DROP INDEX IF EXISTS idx_index_content_search".into(),
                "ALTER TABLE index_content DROP COLUMN IF EXISTS search_vector".into(),
            ],
            _ => vec![
                "DROP TRIGGER IF EXISTS index_content_search_insert".into(),
                "DROP TRIGGER IF EXISTS index_content_search_update".into(),
                "DROP TRIGGER IF EXISTS index_content_search_delete".into(),
                "DROP TABLE IF EXISTS index_content_trgm".into(),
                "DROP TABLE IF EXISTS index_content_fts".into(),
            ],
        };
        run(manager, &statements).await
    }
}

/// The statements in one call, so one pooled connection runs them all (see
/// `m20261202_000004_index_search_scope`).
pub(super) async fn run(manager: &SchemaManager<'_>, statements: &[String]) -> Result<(), DbErr> {
    manager
        .get_connection()
        .execute_unprepared(&statements.join(";\n"))
        .await?;
    Ok(())
}
