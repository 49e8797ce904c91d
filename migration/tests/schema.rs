//! The schema a fresh database gets, compared with committed snapshots, so a refactoring of the
//! migrations cannot change it unnoticed.
//!
//! SQLite always; PostgreSQL too when `TEST_DATABASE_URL` names a PostgreSQL admin database (a
//! database of its own is created and dropped). The description is canonical and sorted: SQLite's
//! `sqlite_schema` statements, PostgreSQL's catalogs (columns with types, defaults and
//! nullability, `pg_indexes.indexdef`, `pg_get_constraintdef`), so it does not depend on a
//! `pg_dump` version. `UPDATE_SCHEMA_SNAPSHOT=1` rewrites the snapshots after a deliberate change.
//! Every migration supports `down`: rolling all of them back leaves only the migration table, and
//! migrating again gives the same schema.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

use std::path::PathBuf;

use migration::{Migrator, MigratorTrait};
use rustok_testkit::{ScratchDatabase, postgres_admin_url, sqlite_url};
use sea_orm_migration::sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};

/// The table in which sea-orm-migration records applied migrations; the only one `down` keeps.
const MIGRATIONS_TABLE: &str = "seaql_migrations";

#[tokio::test]
async fn sqlite_schema_matches_snapshot_and_migrations_roll_back() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = Database::connect(&sqlite_url(dir.path(), "schema"))
        .await
        .expect("SQLite");
    db.execute_unprepared("PRAGMA foreign_keys = ON;")
        .await
        .expect("SQLite pragmas");
    check_schema_and_round_trip(&db).await;
}

#[tokio::test]
async fn postgres_schema_matches_snapshot_and_migrations_roll_back() {
    let Some(admin) = postgres_admin_url() else {
        eprintln!("TEST_DATABASE_URL names no PostgreSQL database: PostgreSQL schema not checked");
        return;
    };
    let scratch = ScratchDatabase::create(&admin, "schema").await;
    let db = Database::connect(scratch.url())
        .await
        .expect("scratch database");
    check_schema_and_round_trip(&db).await;
    db.close().await.expect("close scratch database");
}

/// Migrates up and compares the schema with its snapshot, rolls every migration back (only
/// the migration table may remain), and migrates up again to the same schema.
async fn check_schema_and_round_trip(db: &DatabaseConnection) {
    let sqlite = db.get_database_backend() == DbBackend::Sqlite;
    let schema = async || {
        if sqlite {
            sqlite_schema(db).await
        } else {
            postgres_schema(db).await
        }
    };
    Migrator::up(db, None).await.expect("migrate up");
    let fresh = schema().await;
    let snapshot = if sqlite {
        "schema.sqlite.sql"
    } else {
        "schema.postgres.sql"
    };
    check_snapshot(snapshot, &fresh);

    Migrator::down(db, None).await.expect("migrate down");
    if sqlite {
        assert_eq!(
            sqlite_schema(db).await,
            sqlite_migrations_table_only(db).await,
            "after `down` only {MIGRATIONS_TABLE} remains"
        );
    } else {
        assert_eq!(
            postgres_tables(db).await,
            vec![MIGRATIONS_TABLE.to_string()],
            "after `down` only {MIGRATIONS_TABLE} remains"
        );
    }
    Migrator::up(db, None).await.expect("migrate up again");
    assert_eq!(schema().await, fresh, "down then up again");
}

/// Every schema object but SQLite's own (`sqlite_*`: auto-indexes, statistics), table first,
/// then its indexes by name.
async fn sqlite_schema(db: &DatabaseConnection) -> String {
    let rows = lines(
        db,
        "SELECT '-- ' || type || ' ' || name || ' on ' || tbl_name || char(10) || sql || ';' \
         FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' \
         ORDER BY tbl_name, CASE type WHEN 'table' THEN 0 ELSE 1 END, type, name",
    )
    .await;
    rows.join("\n\n") + "\n"
}

async fn sqlite_migrations_table_only(db: &DatabaseConnection) -> String {
    let rows = lines(
        db,
        &format!(
            "SELECT '-- ' || type || ' ' || name || ' on ' || tbl_name || char(10) || sql || ';' \
             FROM sqlite_schema WHERE tbl_name = '{MIGRATIONS_TABLE}' \
             AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ),
    )
    .await;
    rows.join("\n\n") + "\n"
}

/// Columns (in table order), indexes and constraints of the current schema, from the catalogs.
/// NOT NULL is read from the column (PostgreSQL 18 also lists it as a constraint).
async fn postgres_schema(db: &DatabaseConnection) -> String {
    let columns = lines(
        db,
        "SELECT format('column %s.%s %s%s%s', c.relname, a.attname, \
                format_type(a.atttypid, a.atttypmod), \
                CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END, \
                COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')) \
         FROM pg_attribute a \
         JOIN pg_class c ON c.oid = a.attrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
         WHERE n.nspname = current_schema() AND c.relkind = 'r' \
           AND a.attnum > 0 AND NOT a.attisdropped \
         ORDER BY c.relname COLLATE \"C\", a.attnum",
    )
    .await;
    let indexes = lines(
        db,
        "SELECT format('index %s %s: %s', tablename, indexname, indexdef) FROM pg_indexes \
         WHERE schemaname = current_schema() \
         ORDER BY tablename COLLATE \"C\", indexname COLLATE \"C\"",
    )
    .await;
    let constraints = lines(
        db,
        "SELECT format('constraint %s %s: %s', c.relname, k.conname, pg_get_constraintdef(k.oid)) \
         FROM pg_constraint k \
         JOIN pg_class c ON c.oid = k.conrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND k.contype IN ('p', 'u', 'f', 'c', 'x') \
         ORDER BY c.relname COLLATE \"C\", k.conname COLLATE \"C\"",
    )
    .await;
    [columns, indexes, constraints]
        .into_iter()
        .map(|section| section.join("\n") + "\n")
        .collect::<Vec<_>>()
        .join("\n")
}

async fn postgres_tables(db: &DatabaseConnection) -> Vec<String> {
    lines(
        db,
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
         ORDER BY tablename COLLATE \"C\"",
    )
    .await
}

/// The first (text) column of every row.
async fn lines(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    let backend: DbBackend = db.get_database_backend();
    db.query_all_raw(Statement::from_string(backend, sql))
        .await
        .expect("schema query")
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).expect("text column"))
        .collect()
}

/// Compares with `tests/snapshots/<name>`, or rewrites it when `UPDATE_SCHEMA_SNAPSHOT=1`.
fn check_snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var("UPDATE_SCHEMA_SNAPSHOT").as_deref() == Ok("1") {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_SCHEMA_SNAPSHOT=1 to create it",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let (line, want, got) = expected
        .lines()
        .map(Some)
        .chain(std::iter::repeat(None))
        .zip(actual.lines().map(Some).chain(std::iter::repeat(None)))
        .enumerate()
        .find(|(_, (want, got))| want != got)
        .map(|(i, (want, got))| (i + 1, want.unwrap_or("<end>"), got.unwrap_or("<end>")))
        .unwrap_or((0, "", ""));
    panic!(
        "the schema differs from {} at line {line}:\n  snapshot: {want}\n  migrated: {got}\n\
         A deliberate change? Run with UPDATE_SCHEMA_SNAPSHOT=1 and commit the snapshot.",
        path.display()
    );
}
