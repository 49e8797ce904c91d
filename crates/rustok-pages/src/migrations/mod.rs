//! The menu tables, run by the `migration` crate after content's. Pages themselves are content
//! nodes and need no table. One file per migration, named as it is recorded in `seaql_migrations`.

use sea_orm_migration::MigrationTrait;

mod m20260110_000001_pages_menus;

/// The pages module's tables, in the order they apply.
pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![m20260110_000001_pages_menus::migration()]
}
