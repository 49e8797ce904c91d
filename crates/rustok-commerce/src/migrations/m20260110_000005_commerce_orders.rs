//! Orders with frozen totals, their lines, staff notes, payment records and the per-tenant
//! order-number counter.

use rustok_core::schema::{
    TableShapes, create_tables, index, table, tenant_child_table, tenant_table, unique,
};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260110_000005_commerce_orders", || {
        vec![
            tenant_table("commerce_orders")
                .col(big_integer("display_id"))
                .col(uuid_null("customer_id"))
                .col(uuid_null("cart_id"))
                .col(uuid_null("region_id"))
                .col(string_len_null("email", 255))
                .col(string_len("status", 32).default("pending"))
                .col(string_len("currency_code", 3))
                .col(big_integer("subtotal"))
                .col(big_integer("tax_total").default(0))
                .col(big_integer("shipping_total").default(0))
                .col(big_integer("discount_total").default(0))
                .col(big_integer("total"))
                .col(integer("tax_rate_bp").default(0))
                .col(boolean("tax_inclusive").default(false))
                .col(json_binary_null("shipping_address"))
                .col(json_binary_null("billing_address"))
                .col(string_len_null("idempotency_key", 255))
                .col(json_binary("metadata"))
                .timestamps()
                .indexed([
                    unique("uq_commerce_orders_display_id", ["tenant_id", "display_id"]),
                    unique(
                        "uq_commerce_orders_idempotency_key",
                        ["tenant_id", "idempotency_key"],
                    ),
                    unique("uq_commerce_orders_cart", ["tenant_id", "cart_id"]),
                    index(
                        "idx_commerce_orders_customer",
                        ["tenant_id", "customer_id", "id"],
                    ),
                    index("idx_commerce_orders_status", ["tenant_id", "status", "id"]),
                ]),
            tenant_child_table("commerce_order_items")
                .col(uuid("order_id"))
                .col(uuid("product_id"))
                .col(uuid("variant_id"))
                .col(string_len("title", 255))
                .col(string_len_null("sku", 64))
                .col(big_integer("quantity"))
                .col(big_integer("unit_price"))
                .col(big_integer("subtotal"))
                .col(big_integer("tax_total"))
                .col(big_integer("total"))
                .belongs_to("order_id", "commerce_orders")
                .indexed([index("idx_commerce_order_items_order", ["order_id"])]),
            tenant_child_table("commerce_order_notes")
                .col(uuid("order_id"))
                .col(uuid_null("author_id"))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .belongs_to("order_id", "commerce_orders")
                .indexed([index("idx_commerce_order_notes_order", ["order_id"])]),
            tenant_child_table("commerce_payments")
                .col(uuid("order_id"))
                .col(string_len("provider", 64))
                .col(string_len("kind", 32))
                .col(big_integer("amount"))
                .col(string_len("currency_code", 3))
                .col(string_len_null("reference", 255))
                .col(timestamp_with_time_zone("created_at"))
                .belongs_to("order_id", "commerce_orders")
                .indexed([index("idx_commerce_payments_order", ["order_id"])]),
            // The last order number handed out per tenant (one row per tenant, keyed by `tenant_id`).
            table("commerce_order_counters")
                .col(pk_uuid("tenant_id"))
                .col(big_integer("last_display_id").default(0))
                .belongs_to("tenant_id", "tenants")
                .indexed([]),
        ]
    })
}
