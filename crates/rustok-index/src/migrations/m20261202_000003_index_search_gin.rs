//! PostgreSQL: the search GIN indexes of `index_products` without a pending list
//! (`fastupdate = off`). With it on, every row the index consumer writes waits in an unsorted
//! list that each search scans in full until a vacuum merges it: after a rebuild or a day of
//! edits a one-word search took ~3–6 ms instead of ~0.1 ms. Off, a write updates the index at
//! once (a little slower), and reads stay as fast as right after a `VACUUM`. The indexes are
//! cleaned of what they already hold. SQLite has nothing to do.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;

const NAME: &str = "m20261202_000003_index_search_gin";
const INDEXES: [&str; 2] = ["idx_index_products_search", "idx_index_products_fuzzy"];

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    Box::new(SearchGin)
}

struct SearchGin;

impl MigrationName for SearchGin {
    fn name(&self) -> &str {
        NAME
    }
}

#[async_trait::async_trait]
impl MigrationTrait for SearchGin {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_fastupdate(manager, false).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_fastupdate(manager, true).await
    }
}

async fn set_fastupdate(manager: &SchemaManager<'_>, on: bool) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    for index in INDEXES {
        if on {
            db.execute_unprepared(&format!("ALTER INDEX {index} RESET (fastupdate)"))
                .await?;
        } else {
            db.execute_unprepared(&format!("ALTER INDEX {index} SET (fastupdate = off)"))
                .await?;
            db.execute_unprepared(&format!(
                "SELECT gin_clean_pending_list('{index}'::regclass)"
            ))
            .await?;
        }
    }
    Ok(())
}
