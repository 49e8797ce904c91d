//! Tags per tenant and their many-to-many link to nodes.

use rustok_core::schema::{
    TableShapes, create_tables, index, table, tenant_id, tenant_table, unique,
};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260103_000002_content_tags", || {
        vec![
            tenant_table("tags")
                .col(string_len("slug", 100))
                .col(string_len("name", 100))
                .col(timestamp_with_time_zone("created_at"))
                .indexed([unique("uq_tags_tenant_slug", ["tenant_id", "slug"])]),
            table("node_tags")
                .col(uuid("node_id"))
                .col(uuid("tag_id"))
                .col(tenant_id())
                .composite_key(["node_id", "tag_id"])
                .belongs_to("node_id", "nodes")
                .belongs_to("tag_id", "tags")
                // "Nodes with tag X" listings.
                .indexed([index("idx_node_tags_tag", ["tenant_id", "tag_id"])]),
        ]
    })
}
