//! REST routes under `/api/v1/commerce`, mounted by the server with the platform as state.
//! Storefront routes (catalogue reads, regions, carts, checkout) need no auth; staff routes need
//! `products:*`, `inventory:*` or `orders:*`; `/me/orders` needs a signed-in customer.
//! Every amount is an integer of minor units next to its ISO 4217 currency.
//!
//! One file per aggregate: [`products`] (products, options, variants, prices, stock),
//! [`catalog`] (regions, shipping options, price lists, collections, categories), [`carts`]
//! (carts and checkout), [`orders`], [`search`] (the storefront search).

mod carts;
mod catalog;
mod orders;
mod products;
mod search;

use rustok_api::PlatformState;
use utoipa_axum::router::OpenApiRouter;

pub use carts::{QuantityInput, ShippingChoice};
pub use orders::{OrderQuery, OrderTransitionInput};
pub use products::{ProductQuery, ProductReadQuery, StockInput};
pub use search::SearchQuery;

pub fn routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .merge(products::routes())
        .merge(catalog::routes())
        .merge(carts::routes())
        .merge(orders::routes())
        .merge(search::routes())
}
