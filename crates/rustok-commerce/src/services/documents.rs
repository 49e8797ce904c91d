//! Commerce's side of the read model ([`rustok_core::ProductCatalog`]): published products as
//! ready storefront documents, one per tenant locale, built by the same view builder as every
//! other product read; and the way back, a stored document priced for a region at read time.
//!
//! A document holds every stored price (as a read without a region shows them); its `pricing`
//! holds the windows of the price lists those prices belong to, so the price "for one unit,
//! now" is chosen when the visitor asks, and a sale that starts or ends needs no reindex.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rustok_core::{
    Error, IndexedDocument, LocalePolicy, ProductCatalog, ProductDocument, TenantId,
};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::product_views::product_views;
use super::scoped::{by_id, in_tenant};
use super::{CommerceContext, PriceMode};
use crate::CommerceError;
use crate::dto::{ProductStatus, ProductView};
use crate::entities::{price_lists, products, variants};
use crate::money::Currency;
use crate::totals::{PriceCandidate, select_price};

/// The catalogue as the index sees it (reading through the index's transaction).
#[derive(Clone, Copy, Default)]
pub struct StorefrontCatalog;

/// A price list's window, as `pricing` stores it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Window {
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
}

/// What a document needs to be priced for a region.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Pricing {
    /// By price list id.
    price_lists: BTreeMap<Uuid, Window>,
}

#[async_trait]
impl ProductCatalog for StorefrontCatalog {
    async fn storefront_documents(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        locales: &LocalePolicy,
        ids: &[Uuid],
    ) -> Result<Vec<ProductDocument>, Error> {
        Ok(documents(txn, tenant, locales, ids).await?)
    }

    async fn products_of_variants(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        variant_ids: &[Uuid],
    ) -> Result<Vec<Uuid>, Error> {
        if variant_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = variants::Entity::find()
            .filter(variants::Column::TenantId.eq(tenant.as_uuid()))
            .filter(variants::Column::Id.is_in(variant_ids.iter().copied()))
            .select_only()
            .column(variants::Column::ProductId)
            .distinct()
            .into_tuple()
            .all(txn)
            .await
            .map_err(CommerceError::from)?;
        Ok(ids)
    }

    async fn product_ids(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<Uuid>, Error> {
        let mut query = products::Entity::find()
            .filter(products::Column::TenantId.eq(tenant.as_uuid()))
            .select_only()
            .column(products::Column::Id)
            .order_by_asc(products::Column::Id)
            .limit(limit);
        if let Some(after) = after {
            query = query.filter(products::Column::Id.gt(after));
        }
        let ids: Vec<Uuid> = query
            .into_tuple()
            .all(txn)
            .await
            .map_err(CommerceError::from)?;
        Ok(ids)
    }
}

async fn documents(
    txn: &DatabaseTransaction,
    tenant: TenantId,
    locales: &LocalePolicy,
    ids: &[Uuid],
) -> Result<Vec<ProductDocument>, CommerceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ctx = CommerceContext {
        tenant,
        actor: None,
        locales: locales.clone(),
    };
    let rows = in_tenant::<products::Entity>(&ctx)
        .filter(products::Column::Id.is_in(ids.iter().copied()))
        .filter(products::Column::Status.eq(ProductStatus::Published.as_str()))
        .order_by_asc(products::Column::Id)
        .all(txn)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut documents = Vec::with_capacity(rows.len() * locales.enabled.len().max(1));
    // Prices are the same in every locale: the windows are read once, for the whole page.
    let mut windows = None;
    for locale in served_locales(locales) {
        let views = product_views(txn, &ctx, rows.clone(), Some(&locale), PriceMode::All).await?;
        let windows = match &windows {
            Some(windows) => windows,
            None => windows.insert(price_list_windows(txn, &ctx, &views).await?),
        };
        for view in views {
            let pricing = pricing(&view, windows)?;
            documents.push(document(locale.as_str(), view, pricing)?);
        }
    }
    Ok(documents)
}

/// The windows of every price list the prices of `views` belong to (one query).
async fn price_list_windows(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    views: &[ProductView],
) -> Result<HashMap<Uuid, Window>, CommerceError> {
    let list_ids: BTreeSet<Uuid> = views.iter().flat_map(price_list_ids).collect();
    let list_ids: Vec<Uuid> = list_ids.into_iter().collect();
    let lists = by_id::<price_lists::Entity>(txn, ctx, &list_ids).await?;
    Ok(lists
        .into_values()
        .map(|list| {
            let window = Window {
                starts_at: list.starts_at.map(|t| t.to_utc()),
                ends_at: list.ends_at.map(|t| t.to_utc()),
            };
            (list.id, window)
        })
        .collect())
}

fn price_list_ids(view: &ProductView) -> impl Iterator<Item = Uuid> + '_ {
    view.variants
        .iter()
        .flat_map(|v| v.prices.iter().filter_map(|p| p.price_list_id))
}

/// `view`'s `pricing`: the windows of the price lists its prices belong to.
fn pricing(
    view: &ProductView,
    windows: &HashMap<Uuid, Window>,
) -> Result<serde_json::Value, CommerceError> {
    let pricing = Pricing {
        price_lists: price_list_ids(view)
            .filter_map(|id| windows.get(&id).map(|window| (id, *window)))
            .collect(),
    };
    Ok(serde_json::to_value(pricing)?)
}

/// The tenant's locales, default first, each once.
fn served_locales(locales: &LocalePolicy) -> Vec<rustok_core::Locale> {
    let mut out = vec![locales.default.clone()];
    for locale in &locales.enabled {
        if !out.contains(locale) {
            out.push(locale.clone());
        }
    }
    out
}

fn document(
    locale: &str,
    view: ProductView,
    pricing: serde_json::Value,
) -> Result<ProductDocument, CommerceError> {
    let base_prices: BTreeSet<(String, i64)> = view
        .variants
        .iter()
        .flat_map(|v| v.prices.iter())
        .filter(|p| p.price_list_id.is_none())
        .map(|p| (p.currency.clone(), p.amount))
        .collect();
    let mut search_text = vec![view.title.clone(), view.handle.clone()];
    search_text.extend(view.subtitle.clone());
    search_text.extend(view.description.clone());
    search_text.extend(view.variants.iter().filter_map(|v| v.sku.clone()));
    Ok(ProductDocument {
        product_id: view.id,
        locale: locale.to_string(),
        handle: view.handle.clone(),
        collection_id: view.collection_id,
        category_ids: view.category_ids.clone(),
        tags: view.tags.clone(),
        base_prices: base_prices.into_iter().collect(),
        in_stock: view.variants.iter().any(|v| v.in_stock),
        published_at: view.published_at.map(|t| t.to_utc()),
        title: view.title.clone(),
        search_text: search_text.join("\n"),
        document: serde_json::to_value(&view)?,
        pricing,
    })
}

/// A stored document as a visitor gets it: every price when `region` is None, else the price of
/// one unit now in the region's currency (and no price list).
pub fn visitor_view(
    stored: IndexedDocument,
    region: Option<Currency>,
    now: DateTime<Utc>,
) -> Result<ProductView, CommerceError> {
    let mut view: ProductView = serde_json::from_str(&stored.document)?;
    let Some(currency) = region else {
        return Ok(view);
    };
    let pricing: Pricing = serde_json::from_str(&stored.pricing)?;
    for variant in &mut view.variants {
        let candidates: Vec<PriceCandidate> = variant
            .prices
            .iter()
            .filter(|p| p.currency == currency.code())
            .filter_map(|p| {
                let window = match p.price_list_id {
                    None => Window {
                        starts_at: None,
                        ends_at: None,
                    },
                    // A price of a list that is gone is no candidate (as on the write model).
                    Some(list) => *pricing.price_lists.get(&list)?,
                };
                Some(PriceCandidate {
                    amount: p.amount,
                    min_quantity: p.min_quantity,
                    starts_at: window.starts_at,
                    ends_at: window.ends_at,
                })
            })
            .collect();
        variant.calculated_price = select_price(&candidates, 1, now);
        variant.currency = Some(currency.code().to_string());
        variant.prices = Vec::new();
    }
    Ok(view)
}
