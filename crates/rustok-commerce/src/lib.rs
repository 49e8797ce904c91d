//! `rustok-commerce`: catalogue, prices, regions, inventory, carts, checkout and orders.
//!
//! Money is always [`Money`]: integer minor units of an ISO 4217 [`Currency`]. Prices are chosen
//! and totals computed in one pure place ([`totals`]). Checkout reserves stock with a
//! conditional update inside the order's transaction, so concurrent checkouts never oversell,
//! and an idempotency key makes a retried checkout return the first order. Every change writes
//! its domain event through the outbox in the same transaction.
//!
//! Tables owned: see the crate README (all prefixed `commerce_`).

mod access;
pub mod dto;
pub mod entities;
mod error;
pub mod graphql;
mod migrations;
mod module;
pub mod money;
pub mod payment;
pub mod rest;
mod schemas;
mod services;
mod storefront;
pub mod totals;

pub use error::CommerceError;
pub use migrations::migrations;
pub use module::CommerceModule;
pub use money::{Currency, Money};
pub use payment::{ManualProvider, PaymentProvider};
pub use services::{
    CartService, CatalogService, CheckoutService, CommerceContext, InventoryService, OrderAction,
    OrderFilter, OrderService, OrderStatus, PriceMode, RegionService, StorefrontCatalog,
    priced_document, purge_abandoned_carts, seed_catalog, seed_demo_shop, visitor_view,
};
