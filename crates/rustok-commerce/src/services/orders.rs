//! Orders after checkout: the state machine, payments, staff notes and listings.
//!
//! ```text
//! pending --capture--> paid --fulfill--> fulfilled --ship--> shipped --complete--> completed
//!    \--cancel--> canceled          \-------------- refund --------------/--> refunded
//! ```
//! Every transition is a conditional `UPDATE ... WHERE status = <from>`, so two staff members
//! acting at once cannot both move the order; the loser gets `invalid_transition` (409).

use std::fmt;
use std::str::FromStr;

use async_graphql::Enum;
use rustok_core::{DomainEvent, EventBus};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::inventory::ReservationEnd::{self, BackOnSale, Shipped};
use super::inventory::{self, stock_event};
use super::scoped::{children_of, find_owned, in_tenant, newest_first, write_to};
use super::{CommerceContext, commit_with, now, required_text};
use crate::dto::{NewOrderNote, OrderLineView, OrderNoteView, OrderPage, OrderView, PaymentView};
use crate::entities::{order_items, order_notes, orders, payments, reservations};
use crate::payment::provider;
use crate::{CommerceError, Currency, Money};

/// Where an order is in its lifecycle: `pending` (placed, payment authorized) -> `paid` ->
/// `fulfilled` -> `shipped` -> `completed`; `pending` may become `canceled`, and `paid`,
/// `fulfilled`, `shipped` or `completed` may become `refunded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed: stock reserved, payment authorized, not yet captured.
    Pending,
    /// The payment is captured.
    Paid,
    /// Picked and packed: the reserved units left the stock.
    Fulfilled,
    /// Handed to the carrier.
    Shipped,
    /// Delivered and done.
    Completed,
    /// Canceled before payment; its reservations were released.
    Canceled,
    /// The captured amount was refunded.
    Refunded,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Fulfilled => "fulfilled",
            Self::Shipped => "shipped",
            Self::Completed => "completed",
            Self::Canceled => "canceled",
            Self::Refunded => "refunded",
        }
    }

    /// Where `action` leads from this status, if it is allowed.
    pub fn next(self, action: OrderAction) -> Option<OrderStatus> {
        use OrderAction as A;
        use OrderStatus as S;
        match (self, action) {
            (S::Pending, A::Capture) => Some(S::Paid),
            (S::Pending, A::Cancel) => Some(S::Canceled),
            (S::Paid, A::Fulfill) => Some(S::Fulfilled),
            (S::Fulfilled, A::Ship) => Some(S::Shipped),
            (S::Shipped, A::Complete) => Some(S::Completed),
            (S::Paid | S::Fulfilled | S::Shipped | S::Completed, A::Refund) => Some(S::Refunded),
            _ => None,
        }
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OrderStatus {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        [
            Self::Pending,
            Self::Paid,
            Self::Fulfilled,
            Self::Shipped,
            Self::Completed,
            Self::Canceled,
            Self::Refunded,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
        .ok_or_else(|| {
            "use pending, paid, fulfilled, shipped, completed, canceled or refunded".to_string()
        })
    }
}

/// What staff do to an order: `capture` (pending -> paid), `fulfill` (paid -> fulfilled),
/// `ship` (fulfilled -> shipped), `complete` (shipped -> completed), `cancel` (pending ->
/// canceled) or `refund` (paid, fulfilled, shipped or completed -> refunded). Any other move is
/// 409 `invalid_transition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum OrderAction {
    /// Take the authorized payment (pending -> paid).
    Capture,
    /// Pick and pack: reserved units leave the stock (paid -> fulfilled).
    Fulfill,
    /// Hand to the carrier (fulfilled -> shipped).
    Ship,
    /// Close a delivered order (shipped -> completed).
    Complete,
    /// Cancel an unpaid order; its reservations are released (pending -> canceled).
    Cancel,
    /// Refund the captured amount; reservations not yet fulfilled are released (-> refunded).
    Refund,
}

impl OrderAction {
    fn as_str(self) -> &'static str {
        match self {
            Self::Capture => "capture",
            Self::Fulfill => "fulfill",
            Self::Ship => "ship",
            Self::Complete => "complete",
            Self::Cancel => "cancel",
            Self::Refund => "refund",
        }
    }
}

/// Which orders a listing returns.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    pub customer_id: Option<Uuid>,
    pub after: Option<Uuid>,
    pub limit: u64,
}

pub struct OrderService<'a> {
    db: &'a DatabaseConnection,
    events: &'a EventBus,
}

impl<'a> OrderService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self { db, events }
    }

    /// One order with lines, payments and (`with_notes`) staff notes.
    pub async fn get(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
        with_notes: bool,
    ) -> Result<OrderView, CommerceError> {
        let order = find_owned::<orders::Entity>(self.db, ctx, id).await?;
        order_view(self.db, ctx, order, with_notes).await
    }

    /// A customer's own order (404 for anyone else's).
    pub async fn get_own(
        &self,
        ctx: &CommerceContext,
        customer_id: Uuid,
        id: Uuid,
    ) -> Result<OrderView, CommerceError> {
        let order = find_owned::<orders::Entity>(self.db, ctx, id).await?;
        if order.customer_id != Some(customer_id) {
            return Err(CommerceError::NotFound("order"));
        }
        order_view(self.db, ctx, order, false).await
    }

    /// Orders, newest first.
    pub async fn list(
        &self,
        ctx: &CommerceContext,
        filter: OrderFilter,
        with_notes: bool,
    ) -> Result<OrderPage, CommerceError> {
        let mut query = in_tenant::<orders::Entity>(ctx);
        if let Some(status) = filter.status {
            query = query.filter(orders::Column::Status.eq(status.as_str()));
        }
        if let Some(customer_id) = filter.customer_id {
            query = query.filter(orders::Column::CustomerId.eq(customer_id));
        }
        let (rows, next_cursor) =
            newest_first(self.db, query, filter.after, filter.limit, |o| o.id).await?;
        let items = order_views(self.db, ctx, rows, with_notes).await?;
        Ok(OrderPage { items, next_cursor })
    }

    /// Moves the order through the state machine, with its side effects (payment rows, stock)
    /// and events in one transaction. An invalid move is `invalid_transition` (409).
    pub async fn transition(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
        action: OrderAction,
    ) -> Result<OrderView, CommerceError> {
        let (txn, order) = write_to::<orders::Entity>(self.db, ctx, id).await?;
        let from: OrderStatus = order
            .status
            .parse()
            .map_err(|e: String| CommerceError::Core(rustok_core::Error::internal(e)))?;
        let invalid = || CommerceError::InvalidTransition {
            from: from.to_string(),
            action: action.as_str().to_string(),
        };
        let to = from.next(action).ok_or_else(invalid)?;
        let moved = orders::Entity::update_many()
            .col_expr(orders::Column::Status, Expr::value(to.as_str()))
            .col_expr(orders::Column::UpdatedAt, Expr::value(now()))
            .filter(orders::Column::Id.eq(order.id))
            .filter(orders::Column::TenantId.eq(ctx.tenant_id()))
            .filter(orders::Column::Status.eq(from.as_str()))
            .exec(&txn)
            .await?;
        if moved.rows_affected != 1 {
            return Err(invalid());
        }
        let currency: Currency = order.currency_code.parse()?;
        let amount = Money::new(order.total, currency);
        let mut events = Vec::new();
        match action {
            OrderAction::Capture => {
                let payment = record_payment(&txn, ctx, &order, "capture", amount).await?;
                events.push(DomainEvent::PaymentCaptured {
                    order_id: order.id,
                    payment_id: payment.id,
                    currency: currency.code().to_string(),
                    amount: order.total,
                });
            }
            OrderAction::Fulfill => {
                events.extend(end_reservations(&txn, ctx, order.id, Shipped).await?);
            }
            OrderAction::Cancel => {
                events.extend(end_reservations(&txn, ctx, order.id, BackOnSale).await?);
            }
            OrderAction::Refund => {
                // Units not yet fulfilled go back on sale; shipped ones come back by a return.
                events.extend(end_reservations(&txn, ctx, order.id, BackOnSale).await?);
                let payment = record_payment(&txn, ctx, &order, "refund", amount).await?;
                events.push(DomainEvent::OrderRefunded {
                    order_id: order.id,
                    payment_id: payment.id,
                    currency: currency.code().to_string(),
                    amount: order.total,
                });
            }
            OrderAction::Ship | OrderAction::Complete => {}
        }
        events.push(DomainEvent::OrderStatusChanged {
            order_id: order.id,
            from: from.to_string(),
            to: to.to_string(),
        });
        commit_with(self.events, txn, ctx, events).await?;
        self.get(ctx, id, true).await
    }

    pub async fn add_note(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
        input: NewOrderNote,
    ) -> Result<OrderNoteView, CommerceError> {
        let body = required_text("body", &input.body, 10_000)?;
        let order = find_owned::<orders::Entity>(self.db, ctx, id).await?;
        let note = order_notes::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            order_id: Set(order.id),
            body: Set(body),
            author_id: Set(ctx.actor),
            created_at: Set(now()),
        }
        .insert(self.db)
        .await?;
        Ok(note_view(note))
    }
}

async fn record_payment(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    order: &orders::Model,
    kind: &str,
    amount: Money,
) -> Result<payments::Model, CommerceError> {
    let authorized = payments::Entity::find()
        .filter(payments::Column::TenantId.eq(ctx.tenant_id()))
        .filter(payments::Column::OrderId.eq(order.id))
        .filter(payments::Column::Kind.eq("authorize"))
        .one(txn)
        .await?;
    let provider_id = authorized.map_or_else(|| "manual".to_string(), |p| p.provider);
    let provider = provider(&provider_id)?;
    let receipt = match kind {
        "refund" => provider.refund(order.id, amount).await?,
        _ => provider.capture(order.id, amount).await?,
    };
    Ok(payments::ActiveModel {
        id: Set(rustok_core::generate_id()),
        tenant_id: Set(ctx.tenant_id()),
        order_id: Set(order.id),
        provider: Set(provider.id().to_string()),
        kind: Set(kind.to_string()),
        amount: Set(amount.amount),
        currency_code: Set(amount.currency.code().to_string()),
        reference: Set(receipt.reference),
        created_at: Set(now()),
    }
    .insert(txn)
    .await?)
}

/// Ends the order's reservations (each is used up exactly once): their units are shipped or go
/// back on sale. The `StockChanged` events.
async fn end_reservations(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    order_id: Uuid,
    end: ReservationEnd,
) -> Result<Vec<DomainEvent>, CommerceError> {
    let mut events = Vec::new();
    for reservation in take_reservations(txn, ctx, order_id).await? {
        inventory::end_reservation(txn, ctx, &reservation, end).await?;
        // Shipped units leave the shelf and the reservation alike: `available` stays.
        let delta = match end {
            Shipped => 0,
            BackOnSale => reservation.quantity,
        };
        events.push(stock_event(txn, ctx, reservation.variant_id, delta).await?);
    }
    Ok(events)
}

/// Removes and returns the order's reservations.
async fn take_reservations(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    order_id: Uuid,
) -> Result<Vec<reservations::Model>, CommerceError> {
    let rows = reservations::Entity::find()
        .filter(reservations::Column::TenantId.eq(ctx.tenant_id()))
        .filter(reservations::Column::OrderId.eq(order_id))
        .order_by_asc(reservations::Column::VariantId)
        .all(txn)
        .await?;
    reservations::Entity::delete_many()
        .filter(reservations::Column::TenantId.eq(ctx.tenant_id()))
        .filter(reservations::Column::OrderId.eq(order_id))
        .exec(txn)
        .await?;
    Ok(rows)
}

fn note_view(note: order_notes::Model) -> OrderNoteView {
    OrderNoteView {
        id: note.id,
        author_id: note.author_id,
        body: note.body,
        created_at: note.created_at,
    }
}

pub(crate) async fn order_view(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    order: orders::Model,
    with_notes: bool,
) -> Result<OrderView, CommerceError> {
    let mut views = order_views(conn, ctx, vec![order], with_notes).await?;
    views.pop().ok_or(CommerceError::NotFound("order"))
}

/// Views of `orders` with their lines, payments and (`with_notes`) notes: one query per table
/// for the whole page, not per order.
async fn order_views(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    orders: Vec<orders::Model>,
    with_notes: bool,
) -> Result<Vec<OrderView>, CommerceError> {
    let ids: Vec<Uuid> = orders.iter().map(|o| o.id).collect();
    let note_ids = if with_notes { ids.as_slice() } else { &[] };
    use order_items::Column as Item;
    use order_notes::Column as Note;
    use payments::Column as Payment;
    let items = children_of(conn, ctx, Item::OrderId, &ids, &[Item::Id]);
    let payments = children_of(conn, ctx, Payment::OrderId, &ids, &[Payment::Id]);
    let notes = children_of(conn, ctx, Note::OrderId, note_ids, &[Note::Id]);
    let (mut items, mut payments, mut notes) = (items.await?, payments.await?, notes.await?);
    Ok(orders
        .into_iter()
        .map(|order| {
            let items = items.remove(&order.id).unwrap_or_default();
            let payments = payments.remove(&order.id).unwrap_or_default();
            let notes = notes.remove(&order.id).unwrap_or_default();
            build_view(order, items, payments, notes)
        })
        .collect())
}

fn build_view(
    order: orders::Model,
    items: Vec<order_items::Model>,
    payments: Vec<payments::Model>,
    notes: Vec<order_notes::Model>,
) -> OrderView {
    OrderView {
        id: order.id,
        display_id: order.display_id,
        status: order.status,
        customer_id: order.customer_id,
        cart_id: order.cart_id,
        email: order.email,
        currency: order.currency_code,
        subtotal: order.subtotal,
        tax_total: order.tax_total,
        shipping_total: order.shipping_total,
        discount_total: order.discount_total,
        total: order.total,
        tax_inclusive: order.tax_inclusive,
        items: items
            .into_iter()
            .map(|i| OrderLineView {
                id: i.id,
                product_id: i.product_id,
                variant_id: i.variant_id,
                title: i.title,
                sku: i.sku,
                quantity: i.quantity,
                unit_price: i.unit_price,
                subtotal: i.subtotal,
                tax_total: i.tax_total,
                total: i.total,
            })
            .collect(),
        payments: payments
            .into_iter()
            .map(|p| PaymentView {
                id: p.id,
                provider: p.provider,
                kind: p.kind,
                amount: p.amount,
                currency: p.currency_code,
                reference: p.reference,
                created_at: p.created_at,
            })
            .collect(),
        notes: notes.into_iter().map(note_view).collect(),
        shipping_address: order.shipping_address,
        created_at: order.created_at,
        updated_at: order.updated_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_machine_allows_only_the_documented_moves() {
        use OrderAction as A;
        use OrderStatus as S;
        assert_eq!(S::Pending.next(A::Capture), Some(S::Paid));
        assert_eq!(S::Paid.next(A::Fulfill), Some(S::Fulfilled));
        assert_eq!(S::Fulfilled.next(A::Ship), Some(S::Shipped));
        assert_eq!(S::Shipped.next(A::Complete), Some(S::Completed));
        assert_eq!(S::Pending.next(A::Cancel), Some(S::Canceled));
        assert_eq!(S::Shipped.next(A::Refund), Some(S::Refunded));
        assert_eq!(S::Pending.next(A::Ship), None);
        assert_eq!(S::Pending.next(A::Refund), None);
        assert_eq!(S::Paid.next(A::Cancel), None);
        assert_eq!(S::Canceled.next(A::Capture), None);
        assert_eq!(S::Refunded.next(A::Refund), None);
        assert_eq!("shipped".parse::<OrderStatus>(), Ok(S::Shipped));
    }
}
