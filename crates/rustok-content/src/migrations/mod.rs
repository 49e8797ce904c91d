//! The content tables, run by the `migration` crate after the platform's and the outbox's. One
//! file per migration, named as it is recorded in `seaql_migrations`.

use sea_orm_migration::MigrationTrait;

mod m20260103_000001_content;
mod m20260103_000002_content_tags;
mod m20260103_000003_content_categories;
mod m20260103_000004_content_node_flags;
mod m20260103_000005_content_slug_lookup;
mod m20261201_000006_content_listing_indexes;

/// The content tables, in the order they apply.
pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        m20260103_000001_content::migration(),
        m20260103_000002_content_tags::migration(),
        m20260103_000003_content_categories::migration(),
        Box::new(m20260103_000004_content_node_flags::Migration),
        Box::new(m20260103_000005_content_slug_lookup::Migration),
        m20261201_000006_content_listing_indexes::migration(),
    ]
}
