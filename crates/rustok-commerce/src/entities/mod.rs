//! SeaORM entities of the tables this module owns (all prefixed `commerce_`).

pub mod cart_items;
pub mod carts;
pub mod categories;
pub mod collections;
pub mod inventory_levels;
pub mod order_counters;
pub mod order_items;
pub mod order_notes;
pub mod orders;
pub mod payments;
pub mod price_lists;
pub mod prices;
pub mod product_categories;
pub mod product_images;
pub mod product_options;
pub mod product_tags;
pub mod product_translations;
pub mod products;
pub mod regions;
pub mod reservations;
pub mod shipping_options;
pub mod variant_translations;
pub mod variants;
