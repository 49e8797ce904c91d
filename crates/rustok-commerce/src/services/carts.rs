//! Carts: anonymous (the id is the storefront's key) or a customer's. Lines store only the
//! variant and quantity; prices and totals are computed on every read by [`crate::totals`],
//! so a cart always shows what checkout would charge now.

use std::collections::HashMap;

use chrono::Utc;
use rustok_core::begin_write;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::regions::tax_rule;
use super::scoped::{by_id, delete_owned, find_owned, in_tenant};
use super::{CommerceContext, now, pricing, validate_email, validate_quantity};
use crate::CommerceError;
use crate::dto::{CartItemInput, CartLineView, CartView, NewCart, ProductStatus};
use crate::entities::{
    cart_items, carts, product_translations, products, regions, shipping_options, variants,
};
use crate::totals::{LineInput, Totals, compute_totals, select_price};

pub(crate) const OPEN: &str = "open";
pub(crate) const COMPLETED: &str = "completed";
const MAX_LINES: usize = 100;

pub struct CartService<'a> {
    db: &'a DatabaseConnection,
}

/// A cart line with everything checkout needs to copy it into an order.
pub(crate) struct PricedLine {
    pub item: cart_items::Model,
    pub variant: variants::Model,
    pub title: String,
    pub unit_price: i64,
}

pub(crate) struct PricedCart {
    pub cart: carts::Model,
    pub region: regions::Model,
    pub lines: Vec<PricedLine>,
    pub totals: Totals,
}

impl<'a> CartService<'a> {
    pub fn new(db: &'a DatabaseConnection) -> Self {
        Self { db }
    }

    /// A new cart in a region; a signed-in caller owns it (only they can read it).
    pub async fn create(
        &self,
        ctx: &CommerceContext,
        input: NewCart,
    ) -> Result<CartView, CommerceError> {
        let email = validate_email(input.email.as_deref())?;
        let region = find_owned::<regions::Entity>(self.db, ctx, input.region_id).await?;
        let now = now();
        let cart = carts::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant_id()),
            customer_id: Set(ctx.actor),
            region_id: Set(region.id),
            currency_code: Set(region.currency_code.clone()),
            email: Set(email),
            status: Set(OPEN.to_string()),
            shipping_option_id: Set(None),
            shipping_address: Set(None),
            order_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(self.db)
        .await?;
        self.view(ctx, cart).await
    }

    pub async fn get(&self, ctx: &CommerceContext, id: Uuid) -> Result<CartView, CommerceError> {
        let cart = find_cart(self.db, ctx, id).await?;
        self.view(ctx, cart).await
    }

    /// Adds a variant of a published product; adding one already in the cart adds up.
    pub async fn add_item(
        &self,
        ctx: &CommerceContext,
        cart_id: Uuid,
        input: CartItemInput,
    ) -> Result<CartView, CommerceError> {
        let quantity = validate_quantity(input.quantity)?;
        let (txn, cart) = open_cart(self.db, ctx, cart_id).await?;
        let variant = purchasable_variant(&txn, ctx, input.variant_id).await?;
        let prices = pricing::candidates(&txn, ctx, &[variant.id], &cart.currency_code).await?;
        if prices.get(&variant.id).is_none_or(Vec::is_empty) {
            return Err(CommerceError::PriceMissing {
                variant_id: variant.id,
                currency: cart.currency_code.clone(),
            });
        }
        let existing = in_tenant::<cart_items::Entity>(ctx)
            .filter(cart_items::Column::CartId.eq(cart.id))
            .filter(cart_items::Column::VariantId.eq(variant.id))
            .one(&txn)
            .await?;
        match existing {
            Some(item) => {
                let total = validate_quantity(item.quantity.saturating_add(quantity))?;
                let mut active: cart_items::ActiveModel = item.into();
                active.quantity = Set(total);
                active.update(&txn).await?;
            }
            None => {
                let lines = in_tenant::<cart_items::Entity>(ctx)
                    .filter(cart_items::Column::CartId.eq(cart.id))
                    .count(&txn)
                    .await?;
                if lines >= MAX_LINES as u64 {
                    return Err(CommerceError::invalid(
                        "items",
                        format!("a cart holds at most {MAX_LINES} lines"),
                    ));
                }
                cart_items::ActiveModel {
                    id: Set(rustok_core::generate_id()),
                    tenant_id: Set(ctx.tenant_id()),
                    cart_id: Set(cart.id),
                    variant_id: Set(variant.id),
                    quantity: Set(quantity),
                    created_at: Set(now()),
                }
                .insert(&txn)
                .await?;
            }
        }
        // Refuse a change whose totals cannot be computed (overflow) before it is stored.
        price_cart(&txn, ctx, cart.clone()).await?;
        self.saved(txn, ctx, cart.into()).await
    }

    /// Sets a line's quantity (0 removes it).
    pub async fn update_item(
        &self,
        ctx: &CommerceContext,
        cart_id: Uuid,
        item_id: Uuid,
        quantity: i64,
    ) -> Result<CartView, CommerceError> {
        if quantity == 0 {
            return self.remove_item(ctx, cart_id, item_id).await;
        }
        let quantity = validate_quantity(quantity)?;
        let (txn, cart) = open_cart(self.db, ctx, cart_id).await?;
        let item = find_item(&txn, ctx, cart.id, item_id).await?;
        let mut active: cart_items::ActiveModel = item.into();
        active.quantity = Set(quantity);
        active.update(&txn).await?;
        price_cart(&txn, ctx, cart.clone()).await?;
        self.saved(txn, ctx, cart.into()).await
    }

    pub async fn remove_item(
        &self,
        ctx: &CommerceContext,
        cart_id: Uuid,
        item_id: Uuid,
    ) -> Result<CartView, CommerceError> {
        let (txn, cart) = open_cart(self.db, ctx, cart_id).await?;
        let item = find_item(&txn, ctx, cart.id, item_id).await?;
        delete_owned::<cart_items::Entity>(&txn, ctx, item.id).await?;
        self.saved(txn, ctx, cart.into()).await
    }

    /// Chooses one of the region's shipping options (`None` clears the choice).
    pub async fn set_shipping_option(
        &self,
        ctx: &CommerceContext,
        cart_id: Uuid,
        option_id: Option<Uuid>,
    ) -> Result<CartView, CommerceError> {
        let (txn, cart) = open_cart(self.db, ctx, cart_id).await?;
        if let Some(option_id) = option_id {
            in_tenant::<shipping_options::Entity>(ctx)
                .filter(shipping_options::Column::Id.eq(option_id))
                .filter(shipping_options::Column::RegionId.eq(cart.region_id))
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    CommerceError::invalid(
                        "shipping_option_id",
                        "not an option of the cart's region",
                    )
                })?;
        }
        let mut active: carts::ActiveModel = cart.into();
        active.shipping_option_id = Set(option_id);
        self.saved(txn, ctx, active).await
    }

    pub async fn set_email(
        &self,
        ctx: &CommerceContext,
        cart_id: Uuid,
        email: &str,
    ) -> Result<CartView, CommerceError> {
        let email = validate_email(Some(email))?
            .ok_or_else(|| CommerceError::invalid("email", "must not be empty"))?;
        let (txn, cart) = open_cart(self.db, ctx, cart_id).await?;
        let mut active: carts::ActiveModel = cart.into();
        active.email = Set(Some(email));
        self.saved(txn, ctx, active).await
    }

    /// Stores the changed cart with a fresh `updated_at`, commits and reads it back.
    async fn saved(
        &self,
        txn: DatabaseTransaction,
        ctx: &CommerceContext,
        mut cart: carts::ActiveModel,
    ) -> Result<CartView, CommerceError> {
        cart.updated_at = Set(now());
        let cart = cart.update(&txn).await?;
        txn.commit().await?;
        self.get(ctx, cart.id).await
    }

    async fn view(
        &self,
        ctx: &CommerceContext,
        cart: carts::Model,
    ) -> Result<CartView, CommerceError> {
        let priced = price_cart(self.db, ctx, cart).await?;
        Ok(cart_view(priced))
    }
}

fn cart_view(priced: PricedCart) -> CartView {
    let PricedCart {
        cart,
        region,
        lines,
        totals,
    } = priced;
    CartView {
        id: cart.id,
        region_id: cart.region_id,
        customer_id: cart.customer_id,
        email: cart.email,
        status: cart.status,
        currency: cart.currency_code,
        shipping_option_id: cart.shipping_option_id,
        items: lines
            .into_iter()
            .zip(totals.lines.iter())
            .map(|(line, t)| CartLineView {
                id: line.item.id,
                variant_id: line.variant.id,
                product_id: line.variant.product_id,
                title: line.title,
                sku: line.variant.sku,
                quantity: line.item.quantity,
                unit_price: line.unit_price,
                subtotal: t.subtotal,
                tax_total: t.tax,
                total: t.total,
            })
            .collect(),
        subtotal: totals.subtotal,
        tax_total: totals.tax_total,
        shipping_total: totals.shipping_total,
        discount_total: totals.discount_total,
        total: totals.total,
        tax_inclusive: region.tax_inclusive,
        order_id: cart.order_id,
    }
}

/// The cart with current prices and totals: what the storefront shows and checkout freezes.
pub(crate) async fn price_cart(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    cart: carts::Model,
) -> Result<PricedCart, CommerceError> {
    let region = find_owned::<regions::Entity>(conn, ctx, cart.region_id).await?;
    let items = in_tenant::<cart_items::Entity>(ctx)
        .filter(cart_items::Column::CartId.eq(cart.id))
        .order_by_asc(cart_items::Column::Id)
        .all(conn)
        .await?;
    let variant_ids: Vec<Uuid> = items.iter().map(|i| i.variant_id).collect();
    let variant_rows = by_id::<variants::Entity>(conn, ctx, &variant_ids).await?;
    let product_ids: Vec<Uuid> = variant_rows.values().map(|v| v.product_id).collect();
    let titles: HashMap<Uuid, String> = product_titles(conn, ctx, &product_ids).await?;
    let candidates = pricing::candidates(conn, ctx, &variant_ids, &cart.currency_code).await?;
    let now = Utc::now();
    let mut lines = Vec::with_capacity(items.len());
    for item in items {
        let Some(variant) = variant_rows.get(&item.variant_id).cloned() else {
            continue;
        };
        let unit_price = candidates
            .get(&variant.id)
            .and_then(|c| select_price(c, item.quantity, now))
            .ok_or_else(|| CommerceError::PriceMissing {
                variant_id: variant.id,
                currency: cart.currency_code.clone(),
            })?;
        let product_title = titles.get(&variant.product_id).cloned().unwrap_or_default();
        lines.push(PricedLine {
            title: format!("{product_title} - {}", variant.title),
            item,
            variant,
            unit_price,
        });
    }
    let shipping = match cart.shipping_option_id {
        Some(option_id) => in_tenant::<shipping_options::Entity>(ctx)
            .filter(shipping_options::Column::Id.eq(option_id))
            .one(conn)
            .await?
            .map_or(0, |o| o.amount),
        None => 0,
    };
    let inputs: Vec<LineInput> = lines
        .iter()
        .map(|l| LineInput {
            unit_price: l.unit_price,
            quantity: l.item.quantity,
        })
        .collect();
    let totals = compute_totals(&inputs, tax_rule(&region), shipping, 0)?;
    Ok(PricedCart {
        cart,
        region,
        lines,
        totals,
    })
}

/// Product titles in the tenant default locale (order lines are copies for staff).
async fn product_titles(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    product_ids: &[Uuid],
) -> Result<HashMap<Uuid, String>, CommerceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = in_tenant::<product_translations::Entity>(ctx)
        .filter(product_translations::Column::ProductId.is_in(product_ids.iter().copied()))
        .all(conn)
        .await?;
    let default = ctx.locales.default.as_str();
    let mut out: HashMap<Uuid, String> = HashMap::new();
    for row in rows {
        if row.locale == default || !out.contains_key(&row.product_id) {
            out.insert(row.product_id, row.title);
        }
    }
    Ok(out)
}

/// The cart if it belongs to this tenant and caller: a customer's cart is invisible to others.
pub(crate) async fn find_cart(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    id: Uuid,
) -> Result<carts::Model, CommerceError> {
    let cart = find_owned::<carts::Entity>(conn, ctx, id).await?;
    match cart.customer_id {
        Some(owner) if Some(owner) != ctx.actor => Err(CommerceError::NotFound("cart")),
        _ => Ok(cart),
    }
}

/// A write transaction with the cart read in it, if it is still open (checked-out carts do not
/// change).
async fn open_cart(
    db: &DatabaseConnection,
    ctx: &CommerceContext,
    id: Uuid,
) -> Result<(DatabaseTransaction, carts::Model), CommerceError> {
    let txn = begin_write(db).await?;
    let cart = find_cart(&txn, ctx, id).await?;
    if cart.status != OPEN {
        return Err(CommerceError::CartCompleted);
    }
    Ok((txn, cart))
}

async fn find_item(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    cart_id: Uuid,
    item_id: Uuid,
) -> Result<cart_items::Model, CommerceError> {
    let item = find_owned::<cart_items::Entity>(conn, ctx, item_id).await?;
    if item.cart_id != cart_id {
        return Err(CommerceError::NotFound("cart item"));
    }
    Ok(item)
}

/// A variant of a published product of this tenant.
async fn purchasable_variant(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    variant_id: Uuid,
) -> Result<variants::Model, CommerceError> {
    let variant = find_owned::<variants::Entity>(conn, ctx, variant_id).await?;
    let published = in_tenant::<products::Entity>(ctx)
        .filter(products::Column::Id.eq(variant.product_id))
        .filter(products::Column::Status.eq(ProductStatus::Published.as_str()))
        .one(conn)
        .await?
        .is_some();
    if published {
        Ok(variant)
    } else {
        Err(CommerceError::NotFound("variant"))
    }
}
