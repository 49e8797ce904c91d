//! The contracts between the modules that own data and the read model (`rustok-index`).
//!
//! Writes are strict and go to the owning module's tables; visitors read denormalised rows that
//! an event consumer keeps current. Neither side reads the other's tables:
//! - the owner implements [`ProductCatalog`]: it turns its products into ready storefront
//!   documents (one per locale the tenant speaks), and lists ids for a rebuild;
//! - the index implements [`ProductReads`]: the owner's visitor APIs ask it for documents by
//!   handle, by id or by listing filters.
//!
//! Documents are opaque JSON to the index: the owner writes them and reads them back.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;
use uuid::Uuid;

use crate::{Error, LocalePolicy, TenantId};

/// One product as visitors see it in one locale, with the columns listings filter on.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductDocument {
    pub product_id: Uuid,
    /// The tenant locale this row answers for (its texts follow the tenant's fallbacks).
    pub locale: String,
    pub handle: String,
    pub collection_id: Option<Uuid>,
    pub category_ids: Vec<Uuid>,
    pub tags: Vec<String>,
    /// The distinct base prices (outside price lists) as `(currency, amount)`: what a price
    /// filter matches.
    pub base_prices: Vec<(String, i64)>,
    /// Whether some variant can be bought now.
    pub in_stock: bool,
    pub published_at: Option<DateTime<Utc>>,
    pub title: String,
    /// What the document is found by in search: title, texts, SKUs.
    pub search_text: String,
    /// The response visitors get when they name no region.
    pub document: serde_json::Value,
    /// What the owner needs to price `document` for a region at read time (price list windows).
    pub pricing: serde_json::Value,
}

/// Implemented by the module that owns products (commerce), used by the index. Every read goes
/// through the index's transaction (`txn`): the index writes what it read in one go, on one
/// connection.
#[async_trait]
pub trait ProductCatalog: Send + Sync {
    /// Documents of the **published** products among `ids`, one per locale of `locales`. Ids
    /// that are unknown or not published give none: the index drops their rows.
    async fn storefront_documents(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        locales: &LocalePolicy,
        ids: &[Uuid],
    ) -> Result<Vec<ProductDocument>, Error>;

    /// The products the given variants belong to.
    async fn products_of_variants(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        variant_ids: &[Uuid],
    ) -> Result<Vec<Uuid>, Error>;

    /// Ids of the tenant's products after `after`, in id order, at most `limit`: what a rebuild
    /// walks (drafts included; `storefront_documents` leaves them out).
    async fn product_ids(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<Uuid>, Error>;
}

/// A product read: by id or by handle.
#[derive(Debug, Clone, Copy)]
pub enum ProductKey<'a> {
    Id(Uuid),
    Handle(&'a str),
}

/// What a storefront product listing asks for (published products only, newest first).
#[derive(Debug, Clone, Default)]
pub struct ProductListing {
    pub collection_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub tag: Option<String>,
    /// `(currency, min, max)` on base prices, inclusive.
    pub price: Option<(String, Option<i64>, Option<i64>)>,
    pub in_stock: bool,
    /// The previous page's last product id.
    pub after: Option<Uuid>,
    /// 1..=100.
    pub limit: u64,
}

/// A stored document and what prices it, as the JSON text the owner wrote: a read that needs
/// no pricing serves `document` as it is, without parsing it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedDocument {
    pub id: Uuid,
    pub document: String,
    pub pricing: String,
}

/// A page of documents; `next` is the cursor of the following page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentPage {
    pub items: Vec<IndexedDocument>,
    pub next: Option<Uuid>,
}

/// Implemented by the index, used by the owner's visitor APIs.
#[async_trait]
pub trait ProductReads: Send + Sync {
    /// Whether the tenant's products are all in the index. Until a first build finishes,
    /// callers read the write model instead.
    async fn ready(&self, tenant: TenantId) -> Result<bool, Error>;

    /// The published product in `locale` (a tenant locale; the owner maps other requests to
    /// the tenant default), or None.
    async fn product(
        &self,
        tenant: TenantId,
        locale: &str,
        key: ProductKey<'_>,
    ) -> Result<Option<IndexedDocument>, Error>;

    /// A page of published products in `locale`.
    async fn products(
        &self,
        tenant: TenantId,
        locale: &str,
        listing: &ProductListing,
    ) -> Result<DocumentPage, Error>;
}
