//! Indexes the listings found missing in review: a tenant's nodes of a kind in id order (the
//! `newest`/`oldest` listings and their cursors), and the author and category filters.

use rustok_core::schema::{create_indexes, index};
use sea_orm_migration::MigrationTrait;

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_indexes("m20261201_000006_content_listing_indexes", || {
        vec![
            (
                "nodes",
                index("idx_nodes_kind_id", ["tenant_id", "kind", "id"]),
            ),
            (
                "nodes",
                index("idx_nodes_author", ["tenant_id", "author_id"]),
            ),
            (
                "nodes",
                index("idx_nodes_category", ["tenant_id", "category_id"]),
            ),
        ]
    })
}
