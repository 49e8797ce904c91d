//! GraphQL queries and mutations, merged into the server's schema. Storefront operations need
//! no auth (published products only, carts by id, guest checkout); admin operations check the
//! same `products:*`, `inventory:*` and `orders:*` permissions as REST. Errors carry the same
//! problem codes in `extensions`. Amounts are `Int` minor units with their currency.
//!
//! One file per aggregate, as in `rest/`; the roots below merge them in schema order.

mod carts;
mod catalog;
mod orders;
mod products;
mod search;

use async_graphql::MergedObject;

use carts::{CartsMutation, CartsQuery};
use catalog::{CatalogMutation, CatalogQuery};
use orders::{OrdersMutation, OrdersQuery};
use products::{ProductsMutation, ProductsQuery, StockQuery};
use search::SearchQuery;

#[derive(MergedObject, Default)]
pub struct CommerceQuery(
    ProductsQuery,
    CatalogQuery,
    CartsQuery,
    OrdersQuery,
    StockQuery,
    SearchQuery,
);

#[derive(MergedObject, Default)]
pub struct CommerceMutation(
    ProductsMutation,
    CatalogMutation,
    CartsMutation,
    OrdersMutation,
);
