//! Products as visitors read them: one row per tenant × product × locale with the ready
//! document, the multi-valued filters (categories, tags, base prices) beside it, and the state
//! of each tenant's rebuild.
//!
//! No foreign key reaches into commerce's tables (the module boundary): rows follow their
//! products through events. They do cascade from `tenants`.

use rustok_core::schema::{TableShapes, create_tables, index, table, tenant_id, unique};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20261201_000001_index_products", || {
        vec![
            table("index_products")
                .col(tenant_id())
                .col(uuid("product_id"))
                .col(string_len("locale", 35))
                .col(string_len("handle", 255))
                .col(uuid_null("collection_id"))
                .col(boolean("in_stock"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(string_len("title", 255))
                .col(text("search_text"))
                .col(json_binary("document"))
                .col(json_binary("pricing"))
                .col(timestamp_with_time_zone("indexed_at"))
                .composite_key(["tenant_id", "locale", "product_id"])
                .belongs_to("tenant_id", "tenants")
                .indexed([
                    unique(
                        "uq_index_products_handle",
                        ["tenant_id", "locale", "handle"],
                    ),
                    index("idx_index_products_id", ["tenant_id", "product_id"]),
                    index(
                        "idx_index_products_collection",
                        ["tenant_id", "locale", "collection_id", "product_id"],
                    ),
                ]),
            // `facet` is `category` (term: the category id) or `tag` (term: the tag).
            table("index_product_terms")
                .col(tenant_id())
                .col(uuid("product_id"))
                .col(string_len("facet", 16))
                .col(string_len("term", 255))
                .composite_key(["tenant_id", "product_id", "facet", "term"])
                .belongs_to("tenant_id", "tenants")
                .indexed([index(
                    "idx_index_product_terms_term",
                    ["tenant_id", "facet", "term", "product_id"],
                )]),
            table("index_product_prices")
                .col(tenant_id())
                .col(uuid("product_id"))
                .col(string_len("currency", 3))
                .col(big_integer("amount"))
                .composite_key(["tenant_id", "product_id", "currency", "amount"])
                .belongs_to("tenant_id", "tenants")
                .indexed([index(
                    "idx_index_product_prices_amount",
                    ["tenant_id", "currency", "amount", "product_id"],
                )]),
            // One row per tenant and kind (`products`): `building` with the last id done (a
            // rebuild resumes after it), or `ready` once every row is in.
            table("index_builds")
                .col(tenant_id())
                .col(string_len("kind", 16))
                .col(string_len("status", 16))
                .col(uuid_null("cursor"))
                .col(big_integer("done").default(0))
                .col(big_integer("errors").default(0))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .composite_key(["tenant_id", "kind"])
                .belongs_to("tenant_id", "tenants")
                .indexed([]),
        ]
    })
}
