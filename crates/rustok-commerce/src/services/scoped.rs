//! Tenant-scoped row access shared by the services. Every lookup, delete and child load here
//! filters by the caller's tenant itself, so an id of another tenant is simply not found (404)
//! and no caller can forget the filter.

use std::collections::HashMap;

use rustok_core::{DomainEvent, EventBus, begin_write};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, ModelTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Value,
};
use uuid::Uuid;

use super::{CommerceContext, commit_with};
use crate::CommerceError;
use crate::entities::{
    cart_items, carts, categories, collections, inventory_levels, order_items, order_notes, orders,
    payments, price_lists, prices, product_categories, product_images, product_options,
    product_tags, product_translations, products, regions, reservations, shipping_options,
    variant_translations, variants,
};

/// A table of this module: each row belongs to the tenant in this column.
pub(crate) trait TenantOwned: EntityTrait {
    const TENANT_ID: Self::Column;
}

/// A table whose rows have an id of their own, and what they are called in `not_found` errors.
pub(crate) trait OwnedRow: TenantOwned {
    const ID: Self::Column;
    const NAME: &'static str;
}

/// The rows of `E` in the caller's tenant.
pub(crate) fn in_tenant<E: TenantOwned>(ctx: &CommerceContext) -> Select<E> {
    E::find().filter(E::TENANT_ID.eq(ctx.tenant_id()))
}

/// The row `id` of `E` in the caller's tenant; `NotFound` when there is none.
pub(crate) async fn find_owned<E: OwnedRow>(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    id: Uuid,
) -> Result<E::Model, CommerceError> {
    in_tenant::<E>(ctx)
        .filter(E::ID.eq(id))
        .one(conn)
        .await?
        .ok_or(CommerceError::NotFound(E::NAME))
}

/// A write transaction with the row `id` of `E` read in it: how a change of one row starts.
pub(crate) async fn write_to<E: OwnedRow>(
    db: &DatabaseConnection,
    ctx: &CommerceContext,
    id: Uuid,
) -> Result<(DatabaseTransaction, E::Model), CommerceError> {
    let txn = begin_write(db).await?;
    let row = find_owned::<E>(&txn, ctx, id).await?;
    Ok((txn, row))
}

/// Deletes the row `id` of `E` with `event` announcing it, in one transaction.
pub(crate) async fn delete_announced<E: OwnedRow>(
    (db, bus): (&DatabaseConnection, &EventBus),
    ctx: &CommerceContext,
    id: Uuid,
    event: DomainEvent,
) -> Result<(), CommerceError> {
    let txn = begin_write(db).await?;
    delete_owned::<E>(&txn, ctx, id).await?;
    commit_with(bus, txn, ctx, vec![event]).await
}

/// The row `id` of `E` that a request names in `field` (a parent, a collection, a price list):
/// 422 with `message` when there is none in the caller's tenant, not 404.
pub(crate) async fn find_referenced<E: OwnedRow>(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    id: Uuid,
    field: &'static str,
    message: &'static str,
) -> Result<E::Model, CommerceError> {
    match find_owned::<E>(conn, ctx, id).await {
        Err(CommerceError::NotFound(_)) => Err(CommerceError::invalid(field, message)),
        found => found,
    }
}

/// Deletes the row `id` of `E` in the caller's tenant (the database cascades to its parts);
/// `NotFound` when there was none.
pub(crate) async fn delete_owned<E: OwnedRow>(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    id: Uuid,
) -> Result<(), CommerceError> {
    let deleted = E::delete_many()
        .filter(E::ID.eq(id))
        .filter(E::TENANT_ID.eq(ctx.tenant_id()))
        .exec(conn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(CommerceError::NotFound(E::NAME));
    }
    Ok(())
}

/// Deletes the rows of `E` in the caller's tenant whose `parent` column is `parent_id` (before
/// a list of them is written anew).
pub(crate) async fn delete_children<E: TenantOwned>(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    parent: E::Column,
    parent_id: Uuid,
) -> Result<(), CommerceError> {
    E::delete_many()
        .filter(parent.eq(parent_id))
        .filter(E::TENANT_ID.eq(ctx.tenant_id()))
        .exec(conn)
        .await?;
    Ok(())
}

/// The model of the table a column `C` belongs to.
pub(crate) type RowOf<C> = <<C as ColumnTrait>::EntityName as EntityTrait>::Model;

/// The rows in the caller's tenant whose `parent` column is one of `parents`, sorted by `order`
/// and grouped by that parent: the parts of a whole page of products (or variants, or orders)
/// in one query.
pub(crate) async fn children_of<C>(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    parent: C,
    parents: &[Uuid],
    order: &[C],
) -> Result<HashMap<Uuid, Vec<RowOf<C>>>, CommerceError>
where
    C: ColumnTrait,
    C::EntityName: TenantOwned + EntityTrait<Column = C>,
{
    let mut grouped: HashMap<Uuid, Vec<RowOf<C>>> = HashMap::new();
    if parents.is_empty() {
        return Ok(grouped);
    }
    let mut query = in_tenant::<C::EntityName>(ctx).filter(parent.is_in(parents.iter().copied()));
    for column in order {
        query = query.order_by_asc(*column);
    }
    for row in query.all(conn).await? {
        if let Some(id) = uuid_of(&row, parent) {
            grouped.entry(id).or_default().push(row);
        }
    }
    Ok(grouped)
}

/// The rows `ids` of `E` in the caller's tenant, by id; ids not found are absent.
pub(crate) async fn by_id<E: OwnedRow>(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, E::Model>, CommerceError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = in_tenant::<E>(ctx)
        .filter(E::ID.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| Some((uuid_of(&row, E::ID)?, row)))
        .collect())
}

/// The id a row holds in the uuid column `column`.
fn uuid_of<M: ModelTrait>(row: &M, column: <M::Entity as EntityTrait>::Column) -> Option<Uuid> {
    match row.get(column) {
        Value::Uuid(id) => id,
        _ => None,
    }
}

/// One page of `query`, newest first (ids grow with time): at most `limit` (1..=100) rows
/// after the cursor `after`, and the cursor of the next page, absent on the last one.
pub(crate) async fn newest_first<E: OwnedRow>(
    conn: &impl ConnectionTrait,
    query: Select<E>,
    after: Option<Uuid>,
    limit: u64,
    id_of: impl Fn(&E::Model) -> Uuid,
) -> Result<(Vec<E::Model>, Option<String>), CommerceError> {
    let query = match after {
        Some(after) => query.filter(E::ID.lt(after)),
        None => query,
    };
    let limit = limit.clamp(1, 100);
    let mut rows = query
        .order_by_desc(E::ID)
        .limit(limit + 1)
        .all(conn)
        .await?;
    if rows.len() as u64 <= limit {
        return Ok((rows, None));
    }
    rows.truncate(limit as usize);
    let next_cursor = rows.last().map(|row| id_of(row).to_string());
    Ok((rows, next_cursor))
}

impl TenantOwned for products::Entity {
    const TENANT_ID: products::Column = products::Column::TenantId;
}

impl TenantOwned for variants::Entity {
    const TENANT_ID: variants::Column = variants::Column::TenantId;
}

impl TenantOwned for prices::Entity {
    const TENANT_ID: prices::Column = prices::Column::TenantId;
}

impl TenantOwned for price_lists::Entity {
    const TENANT_ID: price_lists::Column = price_lists::Column::TenantId;
}

impl TenantOwned for collections::Entity {
    const TENANT_ID: collections::Column = collections::Column::TenantId;
}

impl TenantOwned for categories::Entity {
    const TENANT_ID: categories::Column = categories::Column::TenantId;
}

impl TenantOwned for product_options::Entity {
    const TENANT_ID: product_options::Column = product_options::Column::TenantId;
}

impl TenantOwned for regions::Entity {
    const TENANT_ID: regions::Column = regions::Column::TenantId;
}

impl TenantOwned for shipping_options::Entity {
    const TENANT_ID: shipping_options::Column = shipping_options::Column::TenantId;
}

impl TenantOwned for carts::Entity {
    const TENANT_ID: carts::Column = carts::Column::TenantId;
}

impl TenantOwned for cart_items::Entity {
    const TENANT_ID: cart_items::Column = cart_items::Column::TenantId;
}

impl TenantOwned for orders::Entity {
    const TENANT_ID: orders::Column = orders::Column::TenantId;
}

impl TenantOwned for product_translations::Entity {
    const TENANT_ID: product_translations::Column = product_translations::Column::TenantId;
}

impl TenantOwned for product_images::Entity {
    const TENANT_ID: product_images::Column = product_images::Column::TenantId;
}

impl TenantOwned for product_tags::Entity {
    const TENANT_ID: product_tags::Column = product_tags::Column::TenantId;
}

impl TenantOwned for product_categories::Entity {
    const TENANT_ID: product_categories::Column = product_categories::Column::TenantId;
}

impl TenantOwned for variant_translations::Entity {
    const TENANT_ID: variant_translations::Column = variant_translations::Column::TenantId;
}

impl TenantOwned for inventory_levels::Entity {
    const TENANT_ID: inventory_levels::Column = inventory_levels::Column::TenantId;
}

impl TenantOwned for order_items::Entity {
    const TENANT_ID: order_items::Column = order_items::Column::TenantId;
}

impl TenantOwned for order_notes::Entity {
    const TENANT_ID: order_notes::Column = order_notes::Column::TenantId;
}

impl TenantOwned for payments::Entity {
    const TENANT_ID: payments::Column = payments::Column::TenantId;
}

impl TenantOwned for reservations::Entity {
    const TENANT_ID: reservations::Column = reservations::Column::TenantId;
}

impl OwnedRow for products::Entity {
    const ID: products::Column = products::Column::Id;
    const NAME: &'static str = "product";
}

impl OwnedRow for variants::Entity {
    const ID: variants::Column = variants::Column::Id;
    const NAME: &'static str = "variant";
}

impl OwnedRow for prices::Entity {
    const ID: prices::Column = prices::Column::Id;
    const NAME: &'static str = "price";
}

impl OwnedRow for price_lists::Entity {
    const ID: price_lists::Column = price_lists::Column::Id;
    const NAME: &'static str = "price list";
}

impl OwnedRow for collections::Entity {
    const ID: collections::Column = collections::Column::Id;
    const NAME: &'static str = "collection";
}

impl OwnedRow for categories::Entity {
    const ID: categories::Column = categories::Column::Id;
    const NAME: &'static str = "category";
}

impl OwnedRow for product_options::Entity {
    const ID: product_options::Column = product_options::Column::Id;
    const NAME: &'static str = "option";
}

impl OwnedRow for regions::Entity {
    const ID: regions::Column = regions::Column::Id;
    const NAME: &'static str = "region";
}

impl OwnedRow for shipping_options::Entity {
    const ID: shipping_options::Column = shipping_options::Column::Id;
    const NAME: &'static str = "shipping option";
}

impl OwnedRow for carts::Entity {
    const ID: carts::Column = carts::Column::Id;
    const NAME: &'static str = "cart";
}

impl OwnedRow for cart_items::Entity {
    const ID: cart_items::Column = cart_items::Column::Id;
    const NAME: &'static str = "cart item";
}

impl OwnedRow for orders::Entity {
    const ID: orders::Column = orders::Column::Id;
    const NAME: &'static str = "order";
}
