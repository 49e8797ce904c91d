//! Commerce services against a real database (`rustok-testkit`): SQLite by default,
//! PostgreSQL with TEST_DATABASE_URL (e.g. `postgres://postgres@127.0.0.1:5432/postgres`; a
//! fresh database is created per test and dropped after). One test binary, a file per feature.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

mod catalogue;
mod checkout;
mod options;
mod orders;
mod pricing;
mod refusals;
mod support;
mod taxonomy;
