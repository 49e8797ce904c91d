//! One price per (variant, currency, price list, minimum quantity), enforced by the database as
//! well as by the service (`upsert_price`), so two concurrent writes cannot both insert.
//!
//! A base price has no price list (`price_list_id` NULL), and both engines treat NULLs in a
//! unique index as distinct; the index therefore keys on `COALESCE(price_list_id, <nil uuid>)`,
//! an expression index the same SQL creates on PostgreSQL and SQLite (no list ever has the nil
//! id). It replaces `idx_commerce_prices_variant`, which is its prefix.
//!
//! Duplicates stored before the index existed are removed first, keeping the newest row of each
//! key (the latest write, as `upsert_price` would have left it); a deployment with such rows
//! loses only the older copies.

use rustok_core::schema::{add_index, drop_index, index};
use sea_orm_migration::prelude::*;

const UNIQUE: &str = "uq_commerce_prices_key";
const REPLACED: &str = "idx_commerce_prices_variant";

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    Box::new(Migration)
}

struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000006_commerce_unique_prices"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "DELETE FROM commerce_prices WHERE EXISTS ( \
               SELECT 1 FROM commerce_prices newer \
               WHERE newer.variant_id = commerce_prices.variant_id \
               AND newer.currency_code = commerce_prices.currency_code \
               AND newer.min_quantity = commerce_prices.min_quantity \
               AND (newer.price_list_id = commerce_prices.price_list_id \
                 OR (newer.price_list_id IS NULL AND commerce_prices.price_list_id IS NULL)) \
               AND (newer.created_at > commerce_prices.created_at \
                 OR (newer.created_at = commerce_prices.created_at \
                   AND newer.id > commerce_prices.id)))",
        )
        .await?;
        db.execute_unprepared(&format!(
            "CREATE UNIQUE INDEX {UNIQUE} ON commerce_prices (variant_id, currency_code, \
             (COALESCE(price_list_id, '00000000-0000-0000-0000-000000000000')), min_quantity)"
        ))
        .await?;
        drop_index(manager, REPLACED, "commerce_prices").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let replaced = index(REPLACED, ["variant_id", "currency_code"]);
        add_index(manager, "commerce_prices", replaced).await?;
        drop_index(manager, UNIQUE, "commerce_prices").await
    }
}
