//! SQLite: the row's tenant and locale as a word of its own in `index_products_fts` (column
//! `scope`, `hex(tenant_id) || 'X' || hex(locale)`), so a search is one FTS5 match over the
//! tenant's rows: before, the match ran over every tenant's rows and each was joined to
//! `index_products` to drop the others', which cost what the whole database held. The table is
//! made again and filled from the rows; the triggers write the scope. PostgreSQL has nothing
//! to do (its scope is an indexed column beside the GIN match).

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;

use super::m20261202_000001_index_search::{FTS_COLUMNS, FtsColumns, PRODUCTS, sqlite_remake_fts};

const NAME: &str = "m20261202_000004_index_search_scope";

/// The columns this migration gives the FTS table.
pub(super) const SCOPED: FtsColumns = FtsColumns {
    names: "scope, title, body",
    values: "hex(new.tenant_id) || 'X' || hex(new.locale), new.title, new.search_text",
};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    Box::new(SearchScope)
}

struct SearchScope;

impl MigrationName for SearchScope {
    fn name(&self) -> &str {
        NAME
    }
}

#[async_trait::async_trait]
impl MigrationTrait for SearchScope {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        remake(manager, &SCOPED).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        remake(manager, &FTS_COLUMNS).await
    }
}

/// The FTS table and the triggers again, with `columns`.
async fn remake(manager: &SchemaManager<'_>, columns: &FtsColumns) -> Result<(), DbErr> {
    if manager.get_database_backend() == DbBackend::Postgres {
        return Ok(());
    }
    let statements = sqlite_remake_fts(&PRODUCTS, columns, "");
    // One call, so one pooled connection runs them all: another connection's cached schema may
    // still hold the dropped triggers, and SQLite reads that cache when it parses a `CREATE`.
    manager
        .get_connection()
        .execute_unprepared(&statements.join(";\n"))
        .await?;
    Ok(())
}
