//! The index's own tables. Entities never leave the crate.

pub mod index_builds;
pub mod index_content;
pub mod index_content_slugs;
pub mod index_content_terms;
pub mod index_product_prices;
pub mod index_product_terms;
pub mod index_products;
