//! SQLite: the word tables of products and content with FTS5 prefix indexes for the prefixes of
//! 2, 3 and 4 characters (`prefix = '2 3 4'`). A word's start (`pr`, `prod`) was merged from
//! the document list of every word it starts at each query: ~23 ms for `prod` at 100,000
//! products, where every title has `product`; with the prefix index it is one list read (about
//! 10× less in the `sqlite3` shell on that shape). The word table grows (each word of 4 or more
//! characters is also stored as its 2-, 3- and 4-character starts), and so does each write. The
//! tables are made again and filled from the rows. PostgreSQL has nothing to do (its GIN index
//! answers `'w':*` from the sorted lexemes).

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

use super::m20261202_000001_index_search::{CONTENT, PRODUCTS, sqlite_remake_fts};
use super::m20261202_000004_index_search_scope::SCOPED;
use super::m20261203_000001_index_content_search::run;

const NAME: &str = "m20261203_000002_index_search_prefixes";

/// The FTS5 option this migration adds.
const PREFIXES: &str = ", prefix = '2 3 4'";

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    Box::new(SearchPrefixes)
}

struct SearchPrefixes;

impl MigrationName for SearchPrefixes {
    fn name(&self) -> &str {
        NAME
    }
}

#[async_trait::async_trait]
impl MigrationTrait for SearchPrefixes {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        remake(manager, PREFIXES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        remake(manager, "").await
    }
}

async fn remake(manager: &SchemaManager<'_>, options: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() == DbBackend::Postgres {
        return Ok(());
    }
    let mut statements = sqlite_remake_fts(&PRODUCTS, &SCOPED, options);
    statements.extend(sqlite_remake_fts(&CONTENT, &SCOPED, options));
    run(manager, &statements).await
}
