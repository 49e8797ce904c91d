//! The index's services: the product rows ([`ProductIndex`]) and their rebuild.

mod products;
mod rebuild;
pub mod search;

pub use products::{PRODUCTS, ProductIndex};
pub use rebuild::{BuildStatus, PAGE, Rebuilt};
