//! Housekeeping the server runs periodically (`settings.rustok.retention`).

use chrono::{DateTime, FixedOffset};
use rustok_core::begin_write;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::carts::COMPLETED;
use crate::CommerceError;
use crate::entities::{cart_items, carts};

/// Deletes the anonymous carts (no customer) that were never checked out and have not changed
/// since `before`, with their lines, in every tenant; returns how many carts went. A
/// customer's cart and a checked-out cart (its order refers to it) are kept.
pub async fn purge_abandoned_carts(
    db: &DatabaseConnection,
    before: DateTime<FixedOffset>,
) -> Result<u64, CommerceError> {
    let abandoned = || {
        Query::select()
            .column(carts::Column::Id)
            .from(carts::Entity)
            .and_where(carts::Column::CustomerId.is_null())
            .and_where(carts::Column::Status.ne(COMPLETED))
            .and_where(carts::Column::UpdatedAt.lt(before))
            .to_owned()
    };
    let txn = begin_write(db).await?;
    cart_items::Entity::delete_many()
        .filter(cart_items::Column::CartId.in_subquery(abandoned()))
        .exec(&txn)
        .await?;
    let purged = carts::Entity::delete_many()
        .filter(carts::Column::Id.in_subquery(abandoned()))
        .exec(&txn)
        .await?
        .rows_affected;
    txn.commit().await?;
    Ok(purged)
}
