//! `rustok-index`: the read model visitors are served from.
//!
//! Writes stay strict in the modules that own the data; this crate keeps one denormalised row
//! per tenant × product × locale (`index_products`, with the ready storefront document) plus the
//! multi-valued filters beside it (`index_product_terms`, `index_product_prices`), so a
//! storefront product page or listing is one indexed query with no join to a write table. Content
//! goes the same way: one row per tenant × node × locale (`index_content`, with tags and
//! translated locales in `index_content_terms` and every translation's slug in
//! `index_content_slugs`), written from [`rustok_core::ContentCatalog`] (content implements it)
//! and read through [`rustok_core::ContentReads`] ([`ContentIndex`]).
//!
//! - It never reads the owner's tables: documents come through [`rustok_core::ProductCatalog`]
//!   (commerce implements it), and visitors' APIs read through [`rustok_core::ProductReads`]
//!   (implemented here by [`ProductIndex`]). The server wires both.
//! - [`IndexConsumer`] keeps rows current from the domain events; [`ProductIndex::rebuild`]
//!   refills a tenant from scratch, page by page, resumably; [`ProductIndex::fill_missing`] runs
//!   at boot in the background for tenants never built.
//! - Until a tenant's first build is done, [`rustok_core::ProductReads::ready`] says no and
//!   readers use the write model.
//!
//! Tables owned: `index_products`, `index_product_terms`, `index_product_prices`,
//! `index_content`, `index_content_terms`, `index_content_slugs`, `index_builds`.

pub mod entities;
mod error;
mod events;
mod migrations;
mod module;
mod services;
mod stats;

pub use error::IndexError;
pub use events::{CONSUMER, IndexConsumer};
pub use migrations::migrations;
pub use module::IndexModule;
pub use services::search::{PostgresSearch, SqliteSearch, database_search};
pub use services::{BuildStatus, CONTENT, ContentIndex, PAGE, PRODUCTS, ProductIndex, Rebuilt};
pub use stats::IndexStats;
