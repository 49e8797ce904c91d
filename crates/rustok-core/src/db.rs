//! Database helpers shared by every crate that writes.

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

/// Begins a transaction that is going to write.
///
/// On SQLite it takes the write lock up front (`BEGIN IMMEDIATE`): a deferred transaction that
/// reads and then writes fails at once (`SQLITE_BUSY`, no waiting) when another connection
/// committed in between, which the relay and concurrent requests make common. Other databases
/// ignore the option. Use plain `begin()` only for read-only transactions.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
