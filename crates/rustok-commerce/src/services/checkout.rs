//! Checkout: a cart becomes an order in one transaction — stock reserved, totals frozen, the
//! order number taken, the payment authorized and recorded, `CartCheckedOut`/`OrderPlaced`
//! written to the outbox — or nothing happens at all.

use rustok_core::{DomainEvent, EventBus, begin_write};
use sea_orm::prelude::DateTimeWithTimeZone;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Set, SqlErr,
};
use uuid::Uuid;

use std::collections::HashSet;

use super::carts::{COMPLETED, OPEN, PricedCart, PricedLine, find_cart, price_cart};
use super::inventory::{reserve, stock_event};
use super::orders::{OrderStatus, order_view};
use super::scoped::{find_owned, in_tenant};
use super::{CommerceContext, DEFAULT_LOCATION, commit_with, now, optional_text, validate_email};
use crate::dto::{CheckoutInput, OrderView, ProductStatus};
use crate::entities::{
    carts, order_counters, order_items, orders, payments, products, reservations,
};
use crate::payment::provider;
use crate::{CommerceError, Currency, Money};

pub struct CheckoutService<'a> {
    db: &'a DatabaseConnection,
    events: &'a EventBus,
}

impl<'a> CheckoutService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self { db, events }
    }

    /// Turns the cart into an order. With an `idempotency_key`, a retry (even a concurrent
    /// one) returns the order the first attempt created instead of a second order.
    pub async fn checkout(
        &self,
        ctx: &CommerceContext,
        cart_id: Uuid,
        input: CheckoutInput,
    ) -> Result<OrderView, CommerceError> {
        self.checkout_with_account(ctx, cart_id, input, None).await
    }

    /// [`checkout`](Self::checkout) by a signed-in customer: the order's email is the one sent,
    /// else the cart's, else `account_email` (the customer's own).
    pub async fn checkout_with_account(
        &self,
        ctx: &CommerceContext,
        cart_id: Uuid,
        input: CheckoutInput,
        account_email: Option<String>,
    ) -> Result<OrderView, CommerceError> {
        let key = optional_text("idempotency_key", input.idempotency_key.as_deref(), 255)?;
        if let Some(order) = self.replay(ctx, cart_id, key.as_deref()).await? {
            return Ok(order);
        }
        let email = validate_email(input.email.as_deref())?;
        let provider = provider(input.payment_provider.as_deref().unwrap_or("manual"))?;
        check_addresses(&input)?;

        let txn = begin_write(self.db).await?;
        let cart = find_cart(&txn, ctx, cart_id).await?;
        if cart.status != OPEN {
            drop(txn);
            return self.completed(ctx, cart_id, key.as_deref()).await;
        }
        let priced = price_cart(&txn, ctx, cart).await?;
        if priced.lines.is_empty() {
            return Err(CommerceError::CartEmpty);
        }
        let email = email
            .or_else(|| priced.cart.email.clone())
            .or(account_email);
        if email.is_none() {
            return Err(CommerceError::invalid(
                "email",
                "an email is needed to check out",
            ));
        }
        check_still_published(&txn, ctx, &priced.lines).await?;
        let currency: Currency = priced.cart.currency_code.parse()?;
        let order_id = rustok_core::generate_id();
        let mut events = reserve_lines(&txn, ctx, order_id, &priced.lines).await?;
        if !close_cart(&txn, ctx, priced.cart.id, order_id).await? {
            drop(txn);
            return self.completed(ctx, cart_id, key.as_deref()).await;
        }

        let display_id = next_display_id(&txn, ctx).await?;
        let now = now();
        let order = Placed {
            id: order_id,
            display_id,
            email,
            currency,
            key: key.clone(),
            now,
        };
        let inserted = order.row(ctx, &priced, input).insert(&txn).await;
        if let Err(err) = inserted {
            let duplicate = matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)));
            drop(txn);
            // A concurrent attempt with the same key won the race: answer with its order.
            if duplicate && let Some(order) = self.replay(ctx, cart_id, key.as_deref()).await? {
                return Ok(order);
            }
            return Err(err.into());
        }
        insert_lines(&txn, ctx, order_id, &priced).await?;
        let totals = &priced.totals;
        let amount = Money::new(totals.total, currency);
        let receipt = provider.authorize(order_id, amount).await?;
        payments::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            order_id: Set(order_id),
            provider: Set(provider.id().to_string()),
            kind: Set("authorize".to_string()),
            amount: Set(amount.amount),
            currency_code: Set(currency.code().to_string()),
            reference: Set(receipt.reference),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        events.push(DomainEvent::CartCheckedOut {
            cart_id: priced.cart.id,
            order_id,
        });
        events.push(DomainEvent::OrderPlaced {
            order_id,
            display_id,
            currency: currency.code().to_string(),
            total: totals.total,
        });
        commit_with(self.events, txn, ctx, events).await?;
        let order = find_owned::<orders::Entity>(self.db, ctx, order_id).await?;
        order_view(self.db, ctx, order, false).await
    }

    /// The answer for a cart already checked out: a retry with the key of the checkout that
    /// completed it (possibly a concurrent one that just committed) gets that order.
    async fn completed(
        &self,
        ctx: &CommerceContext,
        cart_id: Uuid,
        key: Option<&str>,
    ) -> Result<OrderView, CommerceError> {
        self.replay(ctx, cart_id, key)
            .await?
            .ok_or(CommerceError::CartCompleted)
    }

    /// The order an earlier checkout of this cart with `key` created, if any. A key already
    /// used for another cart is refused: answering with that order would hand it to whoever
    /// guessed the key.
    async fn replay(
        &self,
        ctx: &CommerceContext,
        cart_id: Uuid,
        key: Option<&str>,
    ) -> Result<Option<OrderView>, CommerceError> {
        let Some(key) = key else {
            return Ok(None);
        };
        let found = in_tenant::<orders::Entity>(ctx)
            .filter(orders::Column::IdempotencyKey.eq(key))
            .one(self.db)
            .await?;
        match found {
            Some(order) if order.cart_id == Some(cart_id) => {
                Ok(Some(order_view(self.db, ctx, order, false).await?))
            }
            Some(_) => Err(CommerceError::IdempotencyKeyReused),
            None => Ok(None),
        }
    }
}

/// Shipping and billing addresses, when given, are small JSON objects.
fn check_addresses(input: &CheckoutInput) -> Result<(), CommerceError> {
    for address in [&input.shipping_address, &input.billing_address]
        .into_iter()
        .flatten()
    {
        if !address.is_object() || address.to_string().len() > 4096 {
            return Err(CommerceError::invalid(
                "address",
                "must be a JSON object of at most 4 KiB",
            ));
        }
    }
    Ok(())
}

/// Reserves the stock of every line for the order (`out_of_stock` when one cannot be had), in
/// variant order so concurrent checkouts lock rows in the same order; the `StockChanged` events.
async fn reserve_lines(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    order_id: Uuid,
    lines: &[PricedLine],
) -> Result<Vec<DomainEvent>, CommerceError> {
    let mut by_variant: Vec<_> = lines.iter().collect();
    by_variant.sort_by_key(|l| l.variant.id);
    let mut events = Vec::new();
    for line in by_variant {
        if !reserve(txn, ctx, &line.variant, line.item.quantity).await? {
            return Err(CommerceError::OutOfStock {
                variant_id: line.variant.id,
            });
        }
        if line.variant.manage_inventory {
            reservations::ActiveModel {
                id: Set(rustok_core::generate_id()),
                tenant_id: Set(ctx.tenant_id()),
                order_id: Set(order_id),
                variant_id: Set(line.variant.id),
                location: Set(DEFAULT_LOCATION.to_string()),
                quantity: Set(line.item.quantity),
                created_at: Set(now()),
            }
            .insert(txn)
            .await?;
            events.push(stock_event(txn, ctx, line.variant.id, -line.item.quantity).await?);
        }
    }
    Ok(events)
}

/// Closes the open cart for `order_id`; `false` when a concurrent checkout closed it first.
async fn close_cart(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    cart_id: Uuid,
    order_id: Uuid,
) -> Result<bool, CommerceError> {
    let closed = carts::Entity::update_many()
        .col_expr(carts::Column::Status, Expr::value(COMPLETED))
        .col_expr(carts::Column::OrderId, Expr::value(order_id))
        .col_expr(carts::Column::UpdatedAt, Expr::value(now()))
        .filter(carts::Column::Id.eq(cart_id))
        .filter(carts::Column::TenantId.eq(ctx.tenant_id()))
        .filter(carts::Column::Status.eq(OPEN))
        .exec(txn)
        .await?;
    Ok(closed.rows_affected == 1)
}

/// What checkout decided about the new order before it is stored.
struct Placed {
    id: Uuid,
    display_id: i64,
    email: Option<String>,
    currency: Currency,
    key: Option<String>,
    now: DateTimeWithTimeZone,
}

impl Placed {
    /// The order row: the cart's totals and the region's tax, frozen.
    fn row(
        self,
        ctx: &CommerceContext,
        priced: &PricedCart,
        input: CheckoutInput,
    ) -> orders::ActiveModel {
        let totals = &priced.totals;
        orders::ActiveModel {
            id: Set(self.id),
            tenant_id: Set(ctx.tenant_id()),
            display_id: Set(self.display_id),
            customer_id: Set(priced.cart.customer_id.or(ctx.actor)),
            cart_id: Set(Some(priced.cart.id)),
            region_id: Set(Some(priced.region.id)),
            email: Set(self.email),
            status: Set(OrderStatus::Pending.as_str().to_string()),
            currency_code: Set(self.currency.code().to_string()),
            subtotal: Set(totals.subtotal),
            tax_total: Set(totals.tax_total),
            shipping_total: Set(totals.shipping_total),
            discount_total: Set(totals.discount_total),
            total: Set(totals.total),
            tax_rate_bp: Set(priced.region.tax_rate_bp),
            tax_inclusive: Set(priced.region.tax_inclusive),
            shipping_address: Set(input.shipping_address),
            billing_address: Set(input.billing_address),
            idempotency_key: Set(self.key),
            metadata: Set(serde_json::json!({})),
            created_at: Set(self.now),
            updated_at: Set(self.now),
        }
    }
}

/// The order's lines: copies of the cart's, with their prices and totals.
async fn insert_lines(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    order_id: Uuid,
    priced: &PricedCart,
) -> Result<(), CommerceError> {
    for (line, t) in priced.lines.iter().zip(priced.totals.lines.iter()) {
        order_items::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            order_id: Set(order_id),
            product_id: Set(line.variant.product_id),
            variant_id: Set(line.variant.id),
            title: Set(line.title.chars().take(255).collect()),
            sku: Set(line.variant.sku.clone()),
            quantity: Set(line.item.quantity),
            unit_price: Set(line.unit_price),
            subtotal: Set(t.subtotal),
            tax_total: Set(t.tax),
            total: Set(t.total),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// A product unpublished (or archived) after it was put in the cart can no longer be bought.
async fn check_still_published(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    lines: &[PricedLine],
) -> Result<(), CommerceError> {
    let product_ids: HashSet<Uuid> = lines.iter().map(|l| l.variant.product_id).collect();
    let published: HashSet<Uuid> = in_tenant::<products::Entity>(ctx)
        .filter(products::Column::Id.is_in(product_ids.iter().copied()))
        .filter(products::Column::Status.eq(ProductStatus::Published.as_str()))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    match lines
        .iter()
        .find(|l| !published.contains(&l.variant.product_id))
    {
        Some(line) => Err(CommerceError::invalid(
            "items",
            format!(
                "variant {} is no longer for sale; remove it from the cart",
                line.variant.id
            ),
        )),
        None => Ok(()),
    }
}

/// The tenant's next order number, from a counter row updated in the checkout transaction
/// (the row lock serialises concurrent checkouts of one tenant on PostgreSQL).
async fn next_display_id(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
) -> Result<i64, CommerceError> {
    order_counters::Entity::insert(order_counters::ActiveModel {
        tenant_id: Set(ctx.tenant_id()),
        last_display_id: Set(0),
    })
    .on_conflict(
        OnConflict::column(order_counters::Column::TenantId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    order_counters::Entity::update_many()
        .col_expr(
            order_counters::Column::LastDisplayId,
            Expr::col(order_counters::Column::LastDisplayId).add(1),
        )
        .filter(order_counters::Column::TenantId.eq(ctx.tenant_id()))
        .exec(txn)
        .await?;
    let counter = order_counters::Entity::find_by_id(ctx.tenant_id())
        .one(txn)
        .await?
        .ok_or(CommerceError::NotFound("order counter"))?;
    Ok(counter.last_display_id)
}
