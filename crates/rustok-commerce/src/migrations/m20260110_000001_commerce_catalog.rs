//! Products, their translations, options, variants, images, collections, categories and tags.

use rustok_core::schema::{
    TableShapes, create_tables, index, table, tenant_child_table, tenant_id, tenant_table, unique,
};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260110_000001_commerce_catalog", || {
        vec![
            tenant_table("commerce_collections")
                .col(string_len("handle", 255))
                .col(string_len("title", 255))
                .col(timestamp_with_time_zone("created_at"))
                .indexed([unique(
                    "uq_commerce_collections_handle",
                    ["tenant_id", "handle"],
                )]),
            tenant_table("commerce_categories")
                .col(uuid_null("parent_id"))
                .col(string_len("handle", 255))
                .col(string_len("name", 255))
                .col(integer("position").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .belongs_to("parent_id", "commerce_categories")
                .indexed([unique(
                    "uq_commerce_categories_handle",
                    ["tenant_id", "handle"],
                )]),
            tenant_table("commerce_products")
                .col(string_len("handle", 255))
                .col(string_len("status", 32).default("draft"))
                .col(boolean("discountable").default(true))
                .col(uuid_null("collection_id"))
                .col(json_binary("metadata"))
                .col(timestamp_with_time_zone_null("published_at"))
                .timestamps()
                .refers_to("collection_id", "commerce_collections")
                .indexed([
                    unique("uq_commerce_products_handle", ["tenant_id", "handle"]),
                    index(
                        "idx_commerce_products_status",
                        ["tenant_id", "status", "id"],
                    ),
                ]),
            tenant_child_table("commerce_product_translations")
                .col(uuid("product_id"))
                .col(string_len("locale", 35))
                .col(string_len("title", 255))
                .col(string_len_null("subtitle", 255))
                .col(text_null("description"))
                .belongs_to("product_id", "commerce_products")
                .indexed([unique(
                    "uq_commerce_product_translations_locale",
                    ["product_id", "locale"],
                )]),
            tenant_child_table("commerce_product_options")
                .col(uuid("product_id"))
                .col(string_len("title", 255))
                .col(json_binary("values"))
                .col(integer("position").default(0))
                .belongs_to("product_id", "commerce_products")
                .indexed([index(
                    "idx_commerce_product_options_product",
                    ["product_id"],
                )]),
            tenant_child_table("commerce_variants")
                .col(uuid("product_id"))
                .col(string_len("title", 255))
                .col(string_len_null("sku", 64))
                .col(string_len_null("barcode", 64))
                .col(boolean("manage_inventory").default(true))
                .col(boolean("allow_backorder").default(false))
                .col(integer_null("weight"))
                .col(integer_null("length"))
                .col(integer_null("height"))
                .col(integer_null("width"))
                .col(integer("position").default(0))
                .col(json_binary("options"))
                .col(json_binary("metadata"))
                .timestamps()
                .belongs_to("product_id", "commerce_products")
                .indexed([
                    unique("uq_commerce_variants_sku", ["tenant_id", "sku"]),
                    index("idx_commerce_variants_product", ["product_id", "position"]),
                ]),
            tenant_child_table("commerce_variant_translations")
                .col(uuid("variant_id"))
                .col(string_len("locale", 35))
                .col(string_len("title", 255))
                .belongs_to("variant_id", "commerce_variants")
                .indexed([unique(
                    "uq_commerce_variant_translations_locale",
                    ["variant_id", "locale"],
                )]),
            tenant_child_table("commerce_product_images")
                .col(uuid("product_id"))
                .col(string_len("url", 2048))
                .col(string_len_null("alt", 255))
                .col(integer("position").default(0))
                .belongs_to("product_id", "commerce_products")
                .indexed([index(
                    "idx_commerce_product_images_product",
                    ["product_id", "position"],
                )]),
            table("commerce_product_categories")
                .col(uuid("product_id"))
                .col(uuid("category_id"))
                .col(tenant_id())
                .composite_key(["product_id", "category_id"])
                .belongs_to("product_id", "commerce_products")
                .belongs_to("category_id", "commerce_categories")
                .indexed([index(
                    "idx_commerce_product_categories_category",
                    ["tenant_id", "category_id"],
                )]),
            table("commerce_product_tags")
                .col(uuid("product_id"))
                .col(string_len("tag", 100))
                .col(tenant_id())
                .composite_key(["product_id", "tag"])
                .belongs_to("product_id", "commerce_products")
                .indexed([index("idx_commerce_product_tags_tag", ["tenant_id", "tag"])]),
        ]
    })
}
