//! The index's services: the product rows ([`ProductIndex`]), the content rows
//! ([`ContentIndex`]) and their rebuild.

mod content;
mod products;
mod rebuild;
pub mod search;

pub use content::{CONTENT, ContentIndex};
pub use products::{PRODUCTS, ProductIndex};
pub use rebuild::{BuildStatus, PAGE, Rebuilt};
