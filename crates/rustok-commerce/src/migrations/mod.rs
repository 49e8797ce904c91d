//! The commerce tables, run by the `migration` crate after the platform's. Portable schema
//! builder only: the same migrations run on SQLite and PostgreSQL. Money columns are `BIGINT`
//! minor units next to a `CHAR(3)`-sized currency code. One file per migration, named as it is
//! recorded in `seaql_migrations`.

use sea_orm_migration::MigrationTrait;

mod m20260110_000001_commerce_catalog;
mod m20260110_000002_commerce_pricing;
mod m20260110_000003_commerce_inventory;
mod m20260110_000004_commerce_carts;
mod m20260110_000005_commerce_orders;
mod m20261202_000006_commerce_unique_prices;

/// The commerce tables, in the order they apply.
pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        m20260110_000001_commerce_catalog::migration(),
        m20260110_000002_commerce_pricing::migration(),
        m20260110_000003_commerce_inventory::migration(),
        m20260110_000004_commerce_carts::migration(),
        m20260110_000005_commerce_orders::migration(),
        m20261202_000006_commerce_unique_prices::migration(),
    ]
}
