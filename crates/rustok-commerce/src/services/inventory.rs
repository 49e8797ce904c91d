//! Stock levels and reservations. The no-oversell rule lives in [`reserve`]: one conditional
//! `UPDATE` whose `WHERE` re-checks availability, so concurrent checkouts on PostgreSQL (row
//! lock, re-evaluated predicate) and SQLite (one writer) can never take the same last unit.

use rustok_core::{DomainEvent, EventBus};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, UpdateMany,
};
use uuid::Uuid;

use super::scoped::{find_owned, in_tenant, write_to};
use super::{CommerceContext, DEFAULT_LOCATION, MAX_AMOUNT, commit_with, now};
use crate::CommerceError;
use crate::dto::StockView;
use crate::entities::{inventory_levels, reservations, variants};

use inventory_levels::Column::{OnHand, Reserved};

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
        let variant = find_owned::<variants::Entity>(self.db, ctx, variant_id);
        level(self.db, ctx, variant.await?.id).await
    }

    /// Sets the stock on hand (a count); `StockChanged` with the difference.
    pub async fn set_on_hand(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
        on_hand: i64,
    ) -> Result<StockView, CommerceError> {
        if !(0..=MAX_AMOUNT).contains(&on_hand) {
            return Err(CommerceError::invalid(
                "on_hand",
                format!("must be between 0 and {MAX_AMOUNT}"),
            ));
        }
        let (txn, variant) = write_to::<variants::Entity>(self.db, ctx, variant_id).await?;
        let before = level(&txn, ctx, variant.id).await?;
        level_update(ctx, variant.id, DEFAULT_LOCATION)
            .col_expr(OnHand, Expr::value(on_hand))
            .exec(&txn)
            .await?;
        self.changed(txn, ctx, variant.id, on_hand - before.on_hand)
            .await
    }

    /// Adds `delta` (may be negative: shrinkage) to the stock on hand; never below zero.
    pub async fn adjust(
        &self,
        ctx: &CommerceContext,
        variant_id: Uuid,
        delta: i64,
    ) -> Result<StockView, CommerceError> {
        // A range, not `delta.abs()`: `i64::MIN.abs()` overflows.
        if !(-MAX_AMOUNT..=MAX_AMOUNT).contains(&delta) {
            return Err(CommerceError::invalid(
                "delta",
                format!("must be between -{MAX_AMOUNT} and {MAX_AMOUNT}"),
            ));
        }
        let (txn, variant) = write_to::<variants::Entity>(self.db, ctx, variant_id).await?;
        let updated = level_update(ctx, variant.id, DEFAULT_LOCATION)
            .col_expr(OnHand, Expr::col(OnHand).add(delta))
            .filter(Expr::col(OnHand).add(delta).gte(0))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(CommerceError::invalid(
                "delta",
                "would make the stock on hand negative",
            ));
        }
        self.changed(txn, ctx, variant.id, delta).await
    }

    /// Announces a change of the stock on hand by `delta`, commits and reads the level back.
    async fn changed(
        &self,
        txn: DatabaseTransaction,
        ctx: &CommerceContext,
        variant_id: Uuid,
        delta: i64,
    ) -> Result<StockView, CommerceError> {
        let after = level(&txn, ctx, variant_id).await?;
        let event = stock_changed(&after, delta);
        commit_with(self.events, txn, ctx, vec![event]).await?;
        Ok(after)
    }
}

pub(crate) async fn level(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    variant_id: Uuid,
) -> Result<StockView, CommerceError> {
    let row = in_tenant::<inventory_levels::Entity>(ctx)
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

/// `StockChanged` of a variant now at `level`, after a change of `delta` units.
fn stock_changed(level: &StockView, delta: i64) -> DomainEvent {
    DomainEvent::StockChanged {
        variant_id: level.variant_id,
        available: level.available,
        delta,
    }
}

/// `StockChanged` of a variant whose availability changed by `delta` in this transaction.
pub(crate) async fn stock_event(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    variant_id: Uuid,
    delta: i64,
) -> Result<DomainEvent, CommerceError> {
    Ok(stock_changed(&level(conn, ctx, variant_id).await?, delta))
}

/// An update of one stock row (variant and location) of this tenant, stamping `updated_at`.
fn level_update(
    ctx: &CommerceContext,
    variant_id: Uuid,
    location: &str,
) -> UpdateMany<inventory_levels::Entity> {
    inventory_levels::Entity::update_many()
        .col_expr(inventory_levels::Column::UpdatedAt, Expr::value(now()))
        .filter(inventory_levels::Column::TenantId.eq(ctx.tenant_id()))
        .filter(inventory_levels::Column::VariantId.eq(variant_id))
        .filter(inventory_levels::Column::Location.eq(location))
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
    let mut update = level_update(ctx, variant.id, DEFAULT_LOCATION)
        .col_expr(Reserved, Expr::col(Reserved).add(quantity));
    if !variant.allow_backorder {
        let available = Expr::col(OnHand).sub(Expr::col(Reserved));
        update = update.filter(available.gte(quantity));
    }
    Ok(update.exec(txn).await?.rows_affected == 1)
}

/// How a reservation ends.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ReservationEnd {
    /// Fulfilled: the units leave the shelf.
    Shipped,
    /// Canceled or refunded before shipping: the units are for sale again.
    BackOnSale,
}

/// Ends a reservation: it no longer holds its units, which are shipped or back on sale.
pub(crate) async fn end_reservation(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    reservation: &reservations::Model,
    end: ReservationEnd,
) -> Result<(), CommerceError> {
    let quantity = reservation.quantity;
    let mut update = level_update(ctx, reservation.variant_id, &reservation.location)
        .col_expr(Reserved, Expr::col(Reserved).sub(quantity));
    if let ReservationEnd::Shipped = end {
        update = update.col_expr(OnHand, Expr::col(OnHand).sub(quantity));
    }
    update.exec(txn).await?;
    Ok(())
}
