//! The read-model tables, run by the `migration` crate after the modules whose data they hold.
//! One file per migration, named as it is recorded in `seaql_migrations`.

use sea_orm_migration::MigrationTrait;

mod m20261201_000001_index_products;
mod m20261202_000001_index_search;
mod m20261202_000002_index_content;
mod m20261202_000003_index_search_gin;
mod m20261202_000004_index_search_scope;
mod m20261203_000001_index_content_search;
mod m20261203_000002_index_search_prefixes;

/// The index module's tables, in the order they apply.
pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        m20261201_000001_index_products::migration(),
        m20261202_000001_index_search::migration(),
        m20261202_000002_index_content::migration(),
        m20261202_000003_index_search_gin::migration(),
        m20261202_000004_index_search_scope::migration(),
        m20261203_000001_index_content_search::migration(),
        m20261203_000002_index_search_prefixes::migration(),
    ]
}
