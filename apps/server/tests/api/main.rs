//! Black-box API tests against the real router. Run on SQLite by default; set
//! `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` to run the same suite on
//! PostgreSQL (each test creates and drops its own database).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

mod auth;
mod blog;
mod checkout;
mod commerce;
mod config;
mod content;
mod contract;
mod crash;
mod events;
mod forum;
mod graphql_limits;
mod http_hygiene;
mod logs;
mod ops;
mod pages;
mod process;
mod rbac;
mod retention;
mod statements;
mod storefront_content;
mod storefront_index;
mod storefront_search;
mod support;
mod tenant_settings;
mod tenants;
