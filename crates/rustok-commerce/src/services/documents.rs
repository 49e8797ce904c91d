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
use serde_json::value::RawValue;
use uuid::Uuid;

use super::product_views::product_views;
use super::scoped::{by_id, in_tenant};
use super::{CommerceContext, PriceMode};
use crate::CommerceError;
use crate::dto::{PriceView, ProductStatus, ProductView};
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
        variant.calculated_price = unit_price(&variant.prices, &pricing, currency, now);
        variant.currency = Some(currency.code().to_string());
        variant.prices = Vec::new();
    }
    Ok(view)
}

/// [`visitor_view`] priced for `currency`, as JSON text, without building the view: the stored
/// fields are copied as they are and only each variant's `prices` (emptied), `calculated_price`
/// and `currency` are written, so a priced listing costs little more than an unpriced one.
/// Equal, as JSON, to serialising `visitor_view` (a test holds them so).
pub fn priced_document(
    stored: &IndexedDocument,
    currency: Currency,
    now: DateTime<Utc>,
) -> Result<String, CommerceError> {
    let pricing: Pricing = serde_json::from_str(&stored.pricing)?;
    let product: RawFields = serde_json::from_str(&stored.document)?;
    let code = serde_json::to_string(currency.code())?;
    let mut out = String::with_capacity(stored.document.len());
    write_object(&mut out, &product, |out, key, value| {
        if key != "variants" {
            return Ok(false);
        }
        let variants: Vec<RawFields> = serde_json::from_str(value.get())?;
        out.push('[');
        for (n, variant) in variants.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            let prices: Vec<PriceView> = match variant.get("prices") {
                Some(raw) => serde_json::from_str(raw.get())?,
                None => Vec::new(),
            };
            let price = serde_json::to_string(&unit_price(&prices, &pricing, currency, now))?;
            write_object(out, variant, |out, key, _| {
                match key {
                    "prices" => out.push_str("[]"),
                    "calculated_price" => out.push_str(&price),
                    "currency" => out.push_str(&code),
                    _ => return Ok(false),
                }
                Ok(true)
            })?;
        }
        out.push(']');
        Ok(true)
    })?;
    Ok(out)
}

/// The price of one unit now among `prices` in `currency`; a price of a list that is gone is no
/// candidate (as on the write model).
fn unit_price(
    prices: &[PriceView],
    pricing: &Pricing,
    currency: Currency,
    now: DateTime<Utc>,
) -> Option<i64> {
    let candidates: Vec<PriceCandidate> = prices
        .iter()
        .filter(|p| p.currency == currency.code())
        .filter_map(|p| {
            let window = match p.price_list_id {
                None => Window {
                    starts_at: None,
                    ends_at: None,
                },
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
    select_price(&candidates, 1, now)
}

/// A JSON object's fields in their stored order, values unparsed.
struct RawFields<'a>(Vec<(&'a str, &'a RawValue)>);

impl RawFields<'_> {
    fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawFields<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Fields<'a> {
            type Value = RawFields<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry::<&'de str, &'de RawValue>()? {
                    fields.push(field);
                }
                Ok(RawFields(fields))
            }
        }
        deserializer.deserialize_map(Fields(std::marker::PhantomData))
    }
}

/// Writes `fields` as an object; `replace` writes a field's value itself and returns true, or
/// returns false to have the stored value copied. (Keys were read unescaped, so they are copied
/// as they are.)
fn write_object(
    out: &mut String,
    fields: &RawFields,
    mut replace: impl FnMut(&mut String, &str, &RawValue) -> Result<bool, CommerceError>,
) -> Result<(), CommerceError> {
    out.push('{');
    for (n, (key, value)) in fields.0.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        if !replace(out, key, value)? {
            out.push_str(value.get());
        }
    }
    out.push('}');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    const SALE: &str = "01938f4e-0000-7000-8000-00000000aa01";
    const GONE: &str = "01938f4e-0000-7000-8000-00000000aa02";

    fn price(n: u8, currency: &str, amount: i64, min: i32, list: Option<&str>) -> Value {
        json!({"id": format!("01938f4e-0000-7000-8000-0000000000{n:02}"), "currency": currency,
            "amount": amount, "min_quantity": min, "price_list_id": list})
    }

    fn variant(n: u8, prices: Vec<Value>) -> Value {
        json!({"id": format!("01938f4e-0000-7000-8000-0000000001{n:02}"),
            "product_id": "01938f4e-0000-7000-8000-000000000200", "title": format!("V\"{n}\""),
            "sku": null, "barcode": null, "manage_inventory": true, "allow_backorder": false,
            "weight": null, "length": null, "height": null, "width": null, "position": n,
            "options": [{"option": "Size", "value": "M"}], "prices": prices,
            "calculated_price": null, "currency": null, "in_stock": n.is_multiple_of(2)})
    }

    fn stored(document: String) -> IndexedDocument {
        let pricing = json!({"price_lists": {
            SALE: {"starts_at": "2026-01-01T00:00:00Z", "ends_at": null}
        }});
        IndexedDocument {
            id: Uuid::nil(),
            document,
            pricing: pricing.to_string(),
        }
    }

    fn product() -> Value {
        json!({"id": "01938f4e-0000-7000-8000-000000000200", "handle": "tee", "status": "published",
            "discountable": true, "collection_id": null, "locale": "en", "title": "Tee {\"x\"}",
            "subtitle": null, "description": "Ünïcode, \\ and \"quotes\"",
            "options": [{"id": "01938f4e-0000-7000-8000-000000000300", "title": "Size", "values": ["M"]}],
            "variants": [
                variant(1, vec![price(1, "EUR", 2500, 1, None), price(2, "EUR", 1900, 1, Some(SALE)),
                    price(3, "USD", 2700, 1, None), price(4, "EUR", 100, 1, Some(GONE))]),
                variant(2, vec![price(5, "USD", 3000, 1, None), price(6, "EUR", 2000, 5, None)]),
                variant(3, vec![]),
            ],
            "images": [], "tags": ["a"], "category_ids": [], "metadata": {"k": [1, {"x": null}]},
            "published_at": "2026-02-01T00:00:00Z", "created_at": "2026-02-01T00:00:00Z",
            "updated_at": "2026-02-01T00:00:00Z"})
    }

    #[test]
    fn a_priced_document_equals_the_priced_view() {
        let now = "2026-06-01T00:00:00Z".parse().unwrap();
        // As SQLite stores it (compact, in the view's order) and as PostgreSQL's jsonb gives it
        // back (its own key order, spaces after separators).
        let compact =
            serde_json::to_string(&serde_json::from_value::<ProductView>(product()).unwrap())
                .unwrap();
        let spaced = serde_json::to_string_pretty(&product()).unwrap();
        for document in [compact, spaced] {
            for code in ["EUR", "USD", "GBP"] {
                let currency: Currency = code.parse().unwrap();
                let text = priced_document(&stored(document.clone()), currency, now).unwrap();
                let view = visitor_view(stored(document.clone()), Some(currency), now).unwrap();
                let priced: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(priced, serde_json::to_value(&view).unwrap(), "{code}");
            }
        }
        let eur =
            priced_document(&stored(product().to_string()), "EUR".parse().unwrap(), now).unwrap();
        let eur: Value = serde_json::from_str(&eur).unwrap();
        // The sale price is open; the price of a list that is gone is no candidate; a price for
        // five units is not the price of one.
        let prices: Vec<&Value> = eur["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| &v["calculated_price"])
            .collect();
        assert_eq!(prices, [&json!(1900), &json!(null), &json!(null)]);
        assert_eq!(eur["variants"][0]["prices"], json!([]));
        assert_eq!(eur["variants"][0]["currency"], "EUR");
        assert_eq!(eur["title"], "Tee {\"x\"}");
    }

    #[test]
    fn a_document_that_is_not_an_object_is_an_error_not_a_panic() {
        let now = Utc::now();
        for document in ["[]", "{\"variants\": 3}", "{", "{\"variants\": [1]}"] {
            assert!(
                priced_document(&stored(document.into()), "EUR".parse().unwrap(), now).is_err()
            );
        }
    }
}
