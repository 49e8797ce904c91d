//! Loads the price candidates of variants in one currency; [`crate::totals::select_price`]
//! chooses among them.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};
use uuid::Uuid;

use super::CommerceContext;
use super::scoped::{by_id, in_tenant};
use crate::CommerceError;
use crate::entities::{price_lists, prices};
use crate::totals::PriceCandidate;

/// Every price (base and price-list) of `variant_ids` in `currency`, by variant.
pub(crate) async fn candidates(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    variant_ids: &[Uuid],
    currency: &str,
) -> Result<HashMap<Uuid, Vec<PriceCandidate>>, CommerceError> {
    if variant_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = in_tenant::<prices::Entity>(ctx)
        .filter(prices::Column::VariantId.is_in(variant_ids.iter().copied()))
        .filter(prices::Column::CurrencyCode.eq(currency))
        .all(conn)
        .await?;
    let list_ids: Vec<Uuid> = rows.iter().filter_map(|p| p.price_list_id).collect();
    let lists = by_id::<price_lists::Entity>(conn, ctx, &list_ids).await?;
    let mut out: HashMap<Uuid, Vec<PriceCandidate>> = HashMap::new();
    for row in rows {
        let (starts_at, ends_at) = match row.price_list_id {
            None => (None, None),
            Some(list_id) => match lists.get(&list_id) {
                Some(list) => (
                    list.starts_at.map(|t| t.to_utc()),
                    list.ends_at.map(|t| t.to_utc()),
                ),
                None => continue,
            },
        };
        out.entry(row.variant_id).or_default().push(PriceCandidate {
            amount: row.amount,
            min_quantity: row.min_quantity,
            starts_at,
            ends_at,
        });
    }
    Ok(out)
}
