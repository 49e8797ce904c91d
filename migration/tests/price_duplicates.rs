//! `m20261202_000006_commerce_unique_prices` on a database that already holds duplicate prices:
//! it keeps the newest row of each (variant, currency, price list, minimum quantity) and then
//! refuses new duplicates. SQLite always; PostgreSQL too with `TEST_DATABASE_URL`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

use migration::{Migrator, MigratorTrait};
use rustok_testkit::{ScratchDatabase, postgres_admin_url, sqlite_url};
use sea_orm_migration::sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
    TransactionTrait,
};

const UNIQUE_PRICES: &str = "m20261202_000006_commerce_unique_prices";
const VARIANT: &str = "00000000-0000-0000-0000-0000000000aa";
const TENANT: &str = "00000000-0000-0000-0000-0000000000bb";

#[tokio::test]
async fn sqlite_keeps_the_newest_of_duplicate_prices() {
    let dir = tempfile::tempdir().expect("temporary directory");
    // One connection, so that switching foreign keys off holds for every statement below.
    let options = ConnectOptions::new(sqlite_url(dir.path(), "prices"))
        .max_connections(1)
        .to_owned();
    let db = Database::connect(options).await.expect("SQLite");
    keeps_the_newest(&db).await;
}

#[tokio::test]
async fn postgres_keeps_the_newest_of_duplicate_prices() {
    let Some(admin) = postgres_admin_url() else {
        eprintln!("TEST_DATABASE_URL names no PostgreSQL database: not checked on PostgreSQL");
        return;
    };
    let scratch = ScratchDatabase::create(&admin, "prices").await;
    let db = Database::connect(scratch.url()).await.expect("scratch");
    keeps_the_newest(&db).await;
    db.close().await.expect("close scratch database");
}

/// `(id, price_list_id, min_quantity, created_at)`: three copies of the base price (the last two
/// written in the same instant), a tier and two copies of a sale price.
const ROWS: [(&str, Option<&str>, i32, &str); 6] = [
    (
        "00000000-0000-0000-0000-000000000001",
        None,
        1,
        "2026-01-01 10:00:00+00:00",
    ),
    (
        "00000000-0000-0000-0000-000000000002",
        None,
        1,
        "2026-01-02 10:00:00+00:00",
    ),
    (
        "00000000-0000-0000-0000-000000000003",
        None,
        1,
        "2026-01-02 10:00:00+00:00",
    ),
    (
        "00000000-0000-0000-0000-000000000004",
        None,
        5,
        "2026-01-01 10:00:00+00:00",
    ),
    (
        "00000000-0000-0000-0000-000000000005",
        Some(LIST),
        1,
        "2026-01-03 10:00:00+00:00",
    ),
    (
        "00000000-0000-0000-0000-000000000006",
        Some(LIST),
        1,
        "2026-01-01 10:00:00+00:00",
    ),
];
const LIST: &str = "00000000-0000-0000-0000-0000000000cc";

async fn keeps_the_newest(db: &DatabaseConnection) {
    let position = Migrator::migrations()
        .iter()
        .position(|m| m.name() == UNIQUE_PRICES)
        .expect("the migration is listed");
    Migrator::up(db, Some(position as u32)).await.unwrap();
    // The rows stand alone (no tenant, variant or list): foreign keys are not checked here.
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA foreign_keys = OFF")
            .await
            .unwrap();
    }
    let txn = db.begin().await.unwrap();
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared("SET LOCAL session_replication_role = replica")
            .await
            .unwrap();
    }
    for (id, list, min_quantity, created_at) in ROWS {
        txn.execute_unprepared(&insert(id, list, min_quantity, created_at))
            .await
            .unwrap();
    }
    txn.commit().await.unwrap();

    Migrator::up(db, None).await.unwrap();
    let kept = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(id AS TEXT) FROM commerce_prices ORDER BY id",
        ))
        .await
        .unwrap();
    let kept: Vec<String> = kept
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).unwrap())
        .collect();
    assert_eq!(
        kept,
        [ROWS[2].0, ROWS[3].0, ROWS[4].0].map(str::to_string),
        "the newest base price (ties: the higher id), the tier and the newest sale price"
    );

    let txn = db.begin().await.unwrap();
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared("SET LOCAL session_replication_role = replica")
            .await
            .unwrap();
    }
    let again = "00000000-0000-0000-0000-000000000009";
    let refused = txn
        .execute_unprepared(&insert(again, None, 1, "2026-02-01 10:00:00+00:00"))
        .await;
    assert!(refused.is_err(), "a second base price is refused");
}

fn insert(id: &str, list: Option<&str>, min_quantity: i32, created_at: &str) -> String {
    let list = list.map_or("NULL".to_string(), |list| format!("'{list}'"));
    format!(
        "INSERT INTO commerce_prices (id, tenant_id, variant_id, currency_code, amount, \
         price_list_id, min_quantity, created_at) VALUES ('{id}', '{TENANT}', '{VARIANT}', \
         'EUR', 1000, {list}, {min_quantity}, '{created_at}')"
    )
}
