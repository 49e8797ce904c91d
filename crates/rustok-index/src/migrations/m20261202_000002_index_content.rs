//! Content as visitors read it: one row per tenant × node × locale with the ready document
//! (`index_content`), the multi-valued filters beside it (`index_content_terms`: tags and
//! translated locales) and every translation's slug (`index_content_slugs`: a lookup by slug
//! matches any locale's, as the write model does).
//!
//! No foreign key reaches into content's tables (the module boundary): rows follow their nodes
//! through events. They do cascade from `tenants`. The build state is `index_builds`, kind
//! `content`.

use rustok_core::schema::{TableShapes, create_tables, index, table, tenant_id};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20261202_000002_index_content", || {
        vec![
            table("index_content")
                .col(tenant_id())
                .col(uuid("node_id"))
                .col(string_len("locale", 35))
                .col(string_len("kind", 32))
                .col(uuid_null("parent_id"))
                .col(uuid_null("author_id"))
                .col(uuid_null("category_id"))
                .col(string_len("slug", 255))
                .col(boolean("pinned"))
                .col(integer("position"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(timestamp_with_time_zone("last_activity_at"))
                .col(string_len("title", 255))
                .col(text("search_text"))
                .col(json_binary("document"))
                .col(timestamp_with_time_zone("indexed_at"))
                .composite_key(["tenant_id", "locale", "node_id"])
                .belongs_to("tenant_id", "tenants")
                .indexed([
                    index("idx_index_content_id", ["tenant_id", "node_id"]),
                    // Blog listings: a kind, sticky first, latest published first.
                    index(
                        "idx_index_content_published",
                        [
                            "tenant_id",
                            "locale",
                            "kind",
                            "pinned",
                            "published_at",
                            "node_id",
                        ],
                    ),
                    // Children of a node (topics of a forum, replies, comments).
                    index(
                        "idx_index_content_parent",
                        ["tenant_id", "locale", "parent_id", "node_id"],
                    ),
                    index(
                        "idx_index_content_kind",
                        ["tenant_id", "locale", "kind", "node_id"],
                    ),
                ]),
            // `facet` is `tag` (term: the tag slug) or `locale` (term: a translated locale).
            table("index_content_terms")
                .col(tenant_id())
                .col(uuid("node_id"))
                .col(string_len("facet", 16))
                .col(string_len("term", 255))
                .composite_key(["tenant_id", "node_id", "facet", "term"])
                .belongs_to("tenant_id", "tenants")
                .indexed([index(
                    "idx_index_content_terms_term",
                    ["tenant_id", "facet", "term", "node_id"],
                )]),
            table("index_content_slugs")
                .col(tenant_id())
                .col(uuid("node_id"))
                .col(string_len("kind", 32))
                .col(string_len("locale", 35))
                .col(string_len("slug", 255))
                .composite_key(["tenant_id", "node_id", "locale"])
                .belongs_to("tenant_id", "tenants")
                .indexed([index(
                    "idx_index_content_slugs_slug",
                    ["tenant_id", "kind", "slug", "locale"],
                )]),
        ]
    })
}
