//! Stock per variant and location, and the reservations checkout makes.

use rustok_core::schema::{TableShapes, create_tables, index, tenant_child_table, unique};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260110_000003_commerce_inventory", || {
        vec![
            tenant_child_table("commerce_inventory_levels")
                .col(uuid("variant_id"))
                .col(string_len("location", 64).default("default"))
                .col(big_integer("on_hand").default(0))
                .col(big_integer("reserved").default(0))
                .col(timestamp_with_time_zone("updated_at"))
                .belongs_to("variant_id", "commerce_variants")
                .indexed([unique(
                    "uq_commerce_inventory_levels_location",
                    ["variant_id", "location"],
                )]),
            tenant_child_table("commerce_reservations")
                .col(uuid("order_id"))
                .col(uuid("variant_id"))
                .col(string_len("location", 64))
                .col(big_integer("quantity"))
                .col(timestamp_with_time_zone("created_at"))
                .belongs_to("variant_id", "commerce_variants")
                .indexed([index(
                    "idx_commerce_reservations_order",
                    ["tenant_id", "order_id"],
                )]),
        ]
    })
}
