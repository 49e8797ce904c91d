//! Regions (countries + currency + tax), flat-rate shipping options, price lists and prices.

use rustok_core::schema::{TableShapes, create_tables, index, tenant_child_table, tenant_table};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260110_000002_commerce_pricing", || {
        vec![
            tenant_table("commerce_regions")
                .col(string_len("name", 255))
                .col(string_len("currency_code", 3))
                .col(json_binary("countries"))
                .col(integer("tax_rate_bp").default(0))
                .col(boolean("tax_inclusive").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .indexed([index("idx_commerce_regions_tenant", ["tenant_id"])]),
            tenant_child_table("commerce_shipping_options")
                .col(uuid("region_id"))
                .col(string_len("name", 255))
                .col(big_integer("amount"))
                .belongs_to("region_id", "commerce_regions")
                .indexed([index(
                    "idx_commerce_shipping_options_region",
                    ["tenant_id", "region_id"],
                )]),
            tenant_table("commerce_price_lists")
                .col(string_len("title", 255))
                .col(timestamp_with_time_zone_null("starts_at"))
                .col(timestamp_with_time_zone_null("ends_at"))
                .col(timestamp_with_time_zone("created_at"))
                .indexed([]),
            // Uniqueness of (variant, currency, list, min_quantity): `uq_commerce_prices_key`
            // (m20261202_000006_commerce_unique_prices) replaces this index.
            tenant_child_table("commerce_prices")
                .col(uuid("variant_id"))
                .col(string_len("currency_code", 3))
                .col(big_integer("amount"))
                .col(uuid_null("price_list_id"))
                .col(integer("min_quantity").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .belongs_to("variant_id", "commerce_variants")
                .belongs_to("price_list_id", "commerce_price_lists")
                .indexed([index(
                    "idx_commerce_prices_variant",
                    ["variant_id", "currency_code"],
                )]),
        ]
    })
}
