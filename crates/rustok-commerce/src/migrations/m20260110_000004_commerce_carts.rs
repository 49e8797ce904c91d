//! Carts (anonymous or a customer's) and their line items; prices are computed on read.

use rustok_core::schema::{
    TableShapes, create_tables, index, tenant_child_table, tenant_table, unique,
};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260110_000004_commerce_carts", || {
        vec![
            tenant_table("commerce_carts")
                .col(uuid_null("customer_id"))
                .col(uuid("region_id"))
                .col(string_len("currency_code", 3))
                .col(string_len_null("email", 255))
                .col(string_len("status", 32).default("open"))
                .col(uuid_null("shipping_option_id"))
                .col(json_binary_null("shipping_address"))
                .col(uuid_null("order_id"))
                .timestamps()
                .belongs_to("region_id", "commerce_regions")
                .indexed([index(
                    "idx_commerce_carts_customer",
                    ["tenant_id", "customer_id"],
                )]),
            tenant_child_table("commerce_cart_items")
                .col(uuid("cart_id"))
                .col(uuid("variant_id"))
                .col(big_integer("quantity"))
                .col(timestamp_with_time_zone("created_at"))
                .belongs_to("cart_id", "commerce_carts")
                .belongs_to("variant_id", "commerce_variants")
                .indexed([unique(
                    "uq_commerce_cart_items_variant",
                    ["cart_id", "variant_id"],
                )]),
        ]
    })
}
