//! `NodeService` and `CategoryService` against a real database: SQLite by default, PostgreSQL
//! with `TEST_DATABASE_URL`. One test binary, a file per feature.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

mod listing;
mod support;
mod taxonomy;
mod workflow;
mod writes;
