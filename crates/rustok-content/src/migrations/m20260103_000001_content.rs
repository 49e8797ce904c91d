//! Nodes, their translations, bodies and revisions.

use rustok_core::schema::{
    TableShapes, create_tables, index, table, tenant_id, tenant_table, unique,
};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260103_000001_content", || {
        vec![
            tenant_table("nodes")
                .col(string_len("kind", 32))
                .col(uuid_null("parent_id"))
                .col(uuid_null("author_id"))
                .col(uuid_null("category_id"))
                .col(string_len("status", 16))
                .col(integer("position").default(0))
                .col(integer("depth").default(0))
                .col(integer("reply_count").default(0))
                .col(json_binary("metadata"))
                .col(timestamp_with_time_zone_null("publish_at"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(timestamp_with_time_zone("last_activity_at"))
                .col(integer("version").default(1))
                .timestamps()
                .belongs_to("parent_id", "nodes")
                .indexed([
                    // Listings: a tenant's nodes of a kind by status, newest published first.
                    index(
                        "idx_nodes_listing",
                        ["tenant_id", "kind", "status", "published_at"],
                    ),
                    index("idx_nodes_parent", ["tenant_id", "parent_id"]),
                    // The scheduler's query: scheduled nodes by due time.
                    index("idx_nodes_schedule", ["status", "publish_at"]),
                ]),
            table("node_translations")
                .col(pk_uuid("id"))
                .col(uuid("node_id"))
                .col(tenant_id())
                .col(string_len("kind", 32))
                .col(string_len("locale", 35))
                .col(string_len("title", 255))
                .col(string_len("slug", 255))
                .col(text_null("excerpt"))
                .col(string_len_null("seo_title", 255))
                .col(string_len_null("seo_description", 500))
                .col(timestamp_with_time_zone("updated_at"))
                .belongs_to("node_id", "nodes")
                .indexed([
                    unique("uq_node_translations_node_locale", ["node_id", "locale"]),
                    unique(
                        "uq_node_translations_slug",
                        ["tenant_id", "kind", "locale", "slug"],
                    ),
                ]),
            table("bodies")
                .col(pk_uuid("id"))
                .col(uuid("node_id"))
                .col(tenant_id())
                .col(string_len("locale", 35))
                .col(string_len("format", 16))
                .col(text("source"))
                .col(text("html"))
                .col(json_binary_null("blocks"))
                .col(timestamp_with_time_zone("updated_at"))
                .belongs_to("node_id", "nodes")
                .indexed([unique("uq_bodies_node_locale", ["node_id", "locale"])]),
            table("node_revisions")
                .col(pk_uuid("id"))
                .col(uuid("node_id"))
                .col(tenant_id())
                .col(integer("version"))
                .col(json_binary("snapshot"))
                .col(uuid_null("author_id"))
                .col(timestamp_with_time_zone("created_at"))
                .belongs_to("node_id", "nodes")
                .indexed([unique("uq_node_revisions_version", ["node_id", "version"])]),
        ]
    })
}
