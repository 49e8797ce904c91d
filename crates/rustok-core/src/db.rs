//! Database helpers shared by every crate that writes.

use std::cell::Cell;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

/// Page cache of each pooled SQLite connection, in KiB (SQLite's `cache_size` of `-N`).
pub const SQLITE_CACHE_KIB: u32 = 2048;

/// What every connection of a SQLite pool is opened with, so all of them behave alike (a
/// pragma run after connecting reaches only the connection that ran it):
/// - WAL journal, `synchronous = NORMAL`: readers never block the writer; a commit is durable
///   across a crash of the process, and the last commits may be lost (never corrupted) only on a
///   power cut. Each commit costs no `fsync`; checkpoints do.
/// - `busy_timeout` of 5 s: concurrent writers wait for the lock instead of failing.
/// - foreign keys enforced;
/// - a page cache of [`SQLITE_CACHE_KIB`] per connection and no memory-mapped I/O, so the
///   process's memory does not grow with the database file.
pub fn sqlite_connection(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true)
        .pragma("cache_size", format!("-{SQLITE_CACHE_KIB}"))
        .pragma("mmap_size", "0")
        .pragma("journal_size_limit", "67108864")
}

/// Gathers the query planner's statistics after a bulk change (a seeded catalogue, a rebuilt
/// index). Without them both engines plan from guesses: SQLite read every variant of a
/// 100,000-product tenant to find those of 100 products (55 ms instead of 1 ms), and PostgreSQL
/// looked a product up by handle through the wrong index. SQLite samples at most 400 rows per
/// index (`analysis_limit`), so this takes milliseconds; PostgreSQL analyses `tables` (every
/// table when empty).
pub async fn refresh_statistics(db: &DatabaseConnection, tables: &[&str]) -> Result<(), DbErr> {
    use sea_orm::{ConnectionTrait, DbBackend};
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            db.execute_unprepared("PRAGMA analysis_limit = 400; ANALYZE")
                .await?;
        }
        _ if tables.is_empty() => {
            db.execute_unprepared("ANALYZE").await?;
        }
        _ => {
            db.execute_unprepared(&format!("ANALYZE {}", tables.join(", ")))
                .await?;
        }
    }
    Ok(())
}

/// What SQLite recommends a long-running process do now and then: re-analyse the tables whose
/// statistics went stale (`PRAGMA optimize`, limited to 400 rows per index). No-op elsewhere
/// (PostgreSQL's autovacuum does it).
pub async fn optimize_sqlite(db: &DatabaseConnection) -> Result<(), DbErr> {
    use sea_orm::{ConnectionTrait, DbBackend};
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002")
            .await?;
    }
    Ok(())
}

/// Begins a transaction that is going to write.
///
/// On SQLite it takes the write lock up front (`BEGIN IMMEDIATE`): a deferred transaction that
/// reads and then writes fails at once (`SQLITE_BUSY`, no waiting) when another connection
/// committed in between, which the relay and concurrent requests make common. Other databases
/// ignore the option. Use plain `begin()` only for read-only transactions.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let _waiting = (db.get_database_backend() == sea_orm::DbBackend::Sqlite).then(Waiting::enter);
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Writers of this process inside [`begin_write`] on SQLite: waiting for the write lock.
static WAITING_WRITERS: AtomicUsize = AtomicUsize::new(0);

/// Counts a writer in [`WAITING_WRITERS`] until dropped.
struct Waiting;

impl Waiting {
    fn enter() -> Self {
        WAITING_WRITERS.fetch_add(1, Ordering::SeqCst);
        Self
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        WAITING_WRITERS.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Longest a bulk writer waits in [`yield_to_writers`].
const YIELD_AT_MOST: Duration = Duration::from_millis(250);

/// For a bulk writer between two of its transactions (an index rebuild's pages): on SQLite,
/// waits until no other writer of this process waits for the write lock, at most 250 ms. The
/// lock is not fair: a writer that waits sleeps between tries (up to 100 ms), and a loop that
/// begins its next transaction at once after a commit takes the lock again first, so the relay
/// and requests waited out their busy timeout during a large rebuild. No-op elsewhere.
pub async fn yield_to_writers(db: &DatabaseConnection) {
    if db.get_database_backend() != sea_orm::DbBackend::Sqlite {
        return;
    }
    let started = std::time::Instant::now();
    while WAITING_WRITERS.load(Ordering::SeqCst) > 0 && started.elapsed() < YIELD_AT_MOST {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

tokio::task_local! {
    static STATEMENTS: Cell<u64>;
}

/// Makes `db` (and every clone and transaction made from it afterwards) count its statements
/// into the [`count_statements`] scope of the task running them; outside such a scope it does
/// nothing but a task-local lookup. The server installs it on its pool, so a test (or a
/// diagnostic) can tell how many statements one request costs: a listing whose count grows with
/// its page size queries per item (N+1).
pub fn count_statements_of(db: &mut DatabaseConnection) {
    db.set_metric_callback(|_| {
        let _ = STATEMENTS.try_with(|count| count.set(count.get() + 1));
    });
}

/// Runs `work` and returns its output with the number of statements it ran on connections
/// prepared by [`count_statements_of`], in this task (work spawned onto other tasks is not
/// counted).
pub async fn count_statements<F: Future>(work: F) -> (F::Output, u64) {
    STATEMENTS
        .scope(Cell::new(0), async move {
            let output = work.await;
            (output, STATEMENTS.with(Cell::get))
        })
        .await
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    use super::*;

    #[tokio::test]
    async fn a_bulk_writer_lets_a_waiting_writer_go_first() {
        let db = sea_orm::Database::connect("sqlite::memory:").await.unwrap();
        let waiting = Waiting::enter();
        let through = Arc::new(AtomicBool::new(false));
        let writer = tokio::spawn({
            let through = through.clone();
            async move {
                tokio::time::sleep(Duration::from_millis(30)).await;
                through.store(true, Ordering::SeqCst);
                drop(waiting);
            }
        });
        yield_to_writers(&db).await;
        assert!(through.load(Ordering::SeqCst));
        writer.await.unwrap();
    }
}
