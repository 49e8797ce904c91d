//! Stock levels and reservations. The no-oversell rule lives in [`reserve`]: one conditional
//! `UPDATE` whose `WHERE` re-checks availability, so concurrent checkouts on PostgreSQL (row
//! lock, re-evaluated predicate) and SQLite (one writer) can never take the same last unit.

use rustok_core::{DomainEvent, EventBus, begin_write};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use super::catalog::find_variant;
use super::{CommerceContext, DEFAULT_LOCATION, MAX_AMOUNT, now};
use crate::CommerceError;
use crate::dto::StockView;
use crate::entities::{inventory_levels, variants};

pub struct InventoryService<'a> {
    db: &'a DatabaseConnection,
    events: &'a EventBus,
}

impl<'a> InventoryService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self { db, events }
    }

    pub async fn get(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
    ) -> Result<StockView, CommerceError> {
        let variant = find_variant(self.db, ctx, variant_id).await?;
        level(self.db, ctx, variant.id).await
    }

    /// Sets the stock on hand (a count); `StockChanged` with the difference.
    pub async fn set_on_hand(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
        on_hand: i64,
    ) -> Result<StockView, CommerceError> {
        if !(0..=MAX_AMOUNT).contains(&on_hand) {
            return Err(CommerceError::invalid("on_hand", "must not be negative"));
        }
        let txn = begin_write(self.db).await?;
        let variant = find_variant(&txn, ctx, variant_id).await?;
        let before = level(&txn, ctx, variant.id).await?;
        inventory_levels::Entity::update_many()
            .col_expr(inventory_levels::Column::OnHand, Expr::value(on_hand))
            .col_expr(inventory_levels::Column::UpdatedAt, Expr::value(now()))
            .filter(inventory_levels::Column::TenantId.eq(ctx.tenant_id()))
            .filter(inventory_levels::Column::VariantId.eq(variant.id))
            .filter(inventory_levels::Column::Location.eq(DEFAULT_LOCATION))
            .exec(&txn)
            .await?;
        let after = level(&txn, ctx, variant.id).await?;
        self.events
            .emit_in_tx(
                &txn,
                ctx.tenant,
                ctx.actor,
                DomainEvent::StockChanged {
                    variant_id: variant.id,
                    available: after.available,
                    delta: on_hand - before.on_hand,
                },
            )
            .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Adds `delta` (may be negative: shrinkage) to the stock on hand; never below zero.
    pub async fn adjust(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
        delta: i64,
    ) -> Result<StockView, CommerceError> {
        if delta.abs() > MAX_AMOUNT {
            return Err(CommerceError::invalid("delta", "is too large"));
        }
        let txn = begin_write(self.db).await?;
        let variant = find_variant(&txn, ctx, variant_id).await?;
        let updated = inventory_levels::Entity::update_many()
            .col_expr(
                inventory_levels::Column::OnHand,
                Expr::col(inventory_levels::Column::OnHand).add(delta),
            )
            .col_expr(inventory_levels::Column::UpdatedAt, Expr::value(now()))
            .filter(inventory_levels::Column::TenantId.eq(ctx.tenant_id()))
            .filter(inventory_levels::Column::VariantId.eq(variant.id))
            .filter(inventory_levels::Column::Location.eq(DEFAULT_LOCATION))
            .filter(
                Expr::col(inventory_levels::Column::OnHand)
                    .add(delta)
                    .gte(0),
            )
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(CommerceError::invalid(
                "delta",
                "would make the stock on hand negative",
            ));
        }
        let after = level(&txn, ctx, variant.id).await?;
        self.events
            .emit_in_tx(
                &txn,
                ctx.tenant,
                ctx.actor,
                DomainEvent::StockChanged {
                    variant_id: variant.id,
                    available: after.available,
                    delta,
                },
            )
            .await?;
        txn.commit().await?;
        Ok(after)
    }
}

pub(crate) async fn level(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    variant_id: Uuid,
) -> Result<StockView, CommerceError> {
    let row = inventory_levels::Entity::find()
        .filter(inventory_levels::Column::TenantId.eq(ctx.tenant_id()))
        .filter(inventory_levels::Column::VariantId.eq(variant_id))
        .filter(inventory_levels::Column::Location.eq(DEFAULT_LOCATION))
        .one(conn)
        .await?
        .ok_or(CommerceError::NotFound("inventory level"))?;
    Ok(StockView {
        variant_id,
        location: row.location,
        on_hand: row.on_hand,
        reserved: row.reserved,
        available: row.on_hand - row.reserved,
    })
}

/// Reserves `quantity` of a variant inside the checkout transaction; `false` when there is
/// not enough stock. Variants without managed inventory are never limited.
pub(crate) async fn reserve(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    variant: &variants::Model,
    quantity: i64,
) -> Result<bool, CommerceError> {
    if !variant.manage_inventory {
        return Ok(true);
    }
    let mut update = inventory_levels::Entity::update_many()
        .col_expr(
            inventory_levels::Column::Reserved,
            Expr::col(inventory_levels::Column::Reserved).add(quantity),
        )
        .col_expr(inventory_levels::Column::UpdatedAt, Expr::value(now()))
        .filter(inventory_levels::Column::TenantId.eq(ctx.tenant_id()))
        .filter(inventory_levels::Column::VariantId.eq(variant.id))
        .filter(inventory_levels::Column::Location.eq(DEFAULT_LOCATION));
    if !variant.allow_backorder {
        update = update.filter(
            Expr::col(inventory_levels::Column::OnHand)
                .sub(Expr::col(inventory_levels::Column::Reserved))
                .gte(quantity),
        );
    }
    Ok(update.exec(txn).await?.rows_affected == 1)
}

/// Gives back a reservation (cancel, refund before shipping).
pub(crate) async fn release(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    variant_id: Uuid,
    location: &str,
    quantity: i64,
) -> Result<(), CommerceError> {
    inventory_levels::Entity::update_many()
        .col_expr(
            inventory_levels::Column::Reserved,
            Expr::col(inventory_levels::Column::Reserved).sub(quantity),
        )
        .col_expr(inventory_levels::Column::UpdatedAt, Expr::value(now()))
        .filter(inventory_levels::Column::TenantId.eq(ctx.tenant_id()))
        .filter(inventory_levels::Column::VariantId.eq(variant_id))
        .filter(inventory_levels::Column::Location.eq(location))
        .exec(txn)
        .await?;
    Ok(())
}

/// Turns a reservation into a shipment: the units leave the shelf.
pub(crate) async fn consume(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    variant_id: Uuid,
    location: &str,
    quantity: i64,
) -> Result<(), CommerceError> {
    inventory_levels::Entity::update_many()
        .col_expr(
            inventory_levels::Column::Reserved,
            Expr::col(inventory_levels::Column::Reserved).sub(quantity),
        )
        .col_expr(
            inventory_levels::Column::OnHand,
            Expr::col(inventory_levels::Column::OnHand).sub(quantity),
        )
        .col_expr(inventory_levels::Column::UpdatedAt, Expr::value(now()))
        .filter(inventory_levels::Column::TenantId.eq(ctx.tenant_id()))
        .filter(inventory_levels::Column::VariantId.eq(variant_id))
        .filter(inventory_levels::Column::Location.eq(location))
        .exec(txn)
        .await?;
    Ok(())
}
