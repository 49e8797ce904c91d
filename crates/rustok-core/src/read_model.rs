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

/// One content node (post, page, topic, reply, forum, comment, …) as visitors see it in one
/// tenant locale, with the columns listings filter and sort on.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentDocument {
    pub node_id: Uuid,
    /// The tenant locale this row answers for (its texts follow the tenant's fallbacks).
    pub locale: String,
    pub kind: String,
    pub parent_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    /// The slug of the texts in `document`.
    pub slug: String,
    /// Every translation of the node as `(locale, slug)`: a lookup by slug matches any of them,
    /// and `translated_into` filters on their locales.
    pub translations: Vec<(String, String)>,
    /// Tag slugs.
    pub tags: Vec<String>,
    pub pinned: bool,
    pub position: i32,
    pub published_at: Option<DateTime<Utc>>,
    pub last_activity_at: DateTime<Utc>,
    pub title: String,
    /// What the node is found by in search: title, excerpt, body text.
    pub search_text: String,
    /// The response visitors get.
    pub document: serde_json::Value,
}

/// Implemented by the module that owns content nodes (content), used by the index. Reads go
/// through the index's transaction (`txn`), as with [`ProductCatalog`].
#[async_trait]
pub trait ContentCatalog: Send + Sync {
    /// Documents of the **published** nodes among `ids`, one per locale of `locales`. Ids that
    /// are unknown or not published give none: the index drops their rows.
    async fn storefront_documents(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        locales: &LocalePolicy,
        ids: &[Uuid],
    ) -> Result<Vec<ContentDocument>, Error>;

    /// The parents of the nodes among `ids` that have one, whatever their status: a child
    /// written, published or deleted changes its parent's counters (`reply_count`, latest
    /// activity).
    async fn parent_ids(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        ids: &[Uuid],
    ) -> Result<Vec<Uuid>, Error>;

    /// Ids of the tenant's nodes after `after`, in id order, at most `limit`: what a rebuild
    /// walks (drafts included; `storefront_documents` leaves them out).
    async fn node_ids(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<Uuid>, Error>;
}

/// The order of a content listing. Ties are broken by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContentSort {
    /// Id descending (ids are time-ordered: newest created first).
    #[default]
    Newest,
    /// Id ascending.
    Oldest,
    /// `published_at` descending, then id descending.
    PublishedAt,
    /// `last_activity_at` descending, then id descending.
    LastActivity,
    /// `position` ascending, then id ascending.
    Position,
}

/// The sort value of a listing's cursor (what `ContentSort` orders by besides the id).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ContentSortKey {
    None,
    Time(DateTime<chrono::FixedOffset>),
    Position(i32),
}

/// Where the previous page of a listing ended. The owner encodes it for its callers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContentCursor {
    /// The pinned flag of the last node, in listings with pinned nodes first.
    pub pinned: Option<bool>,
    pub key: ContentSortKey,
    pub id: Uuid,
}

/// What a visitor's content listing asks for (published nodes only).
#[derive(Debug, Clone, Default)]
pub struct ContentListing {
    pub kind: Option<String>,
    pub parent_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    /// Tag slug.
    pub tag: Option<String>,
    /// Only nodes with a translation in exactly this locale.
    pub translated_into: Option<String>,
    pub sort: ContentSort,
    pub pinned_first: bool,
    pub after: Option<ContentCursor>,
    /// 1..=100.
    pub limit: u64,
}

/// A stored content document with the sort columns of its row (what a cursor is made of).
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedNode {
    pub id: Uuid,
    pub document: serde_json::Value,
    pub pinned: bool,
    pub position: i32,
    pub published_at: Option<DateTime<chrono::FixedOffset>>,
    pub last_activity_at: DateTime<chrono::FixedOffset>,
}

/// A page of content documents; `more` says whether another page follows the last item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NodeDocumentPage {
    pub items: Vec<IndexedNode>,
    pub more: bool,
}

/// Implemented by the index, used by the content modules' visitor APIs.
#[async_trait]
pub trait ContentReads: Send + Sync {
    /// Whether the tenant's content is all in the index. Until a first build finishes,
    /// callers read the write model instead.
    async fn ready(&self, tenant: TenantId) -> Result<bool, Error>;

    /// The published node `id` in `locale` (a tenant locale), or None.
    async fn node(
        &self,
        tenant: TenantId,
        locale: &str,
        id: Uuid,
    ) -> Result<Option<IndexedNode>, Error>;

    /// The published nodes among `ids` in `locale` (missing ones left out, in no set order).
    async fn nodes(
        &self,
        tenant: TenantId,
        locale: &str,
        ids: &[Uuid],
    ) -> Result<Vec<IndexedNode>, Error>;

    /// The published node of `kind` with a translation whose slug is `slug`, in `locale`. When
    /// several match, a slug in one of `preferred` locales wins (in their order), then the
    /// lowest locale.
    async fn node_by_slug(
        &self,
        tenant: TenantId,
        locale: &str,
        kind: &str,
        slug: &str,
        preferred: &[String],
    ) -> Result<Option<IndexedNode>, Error>;

    /// A page of published nodes in `locale`.
    async fn list(
        &self,
        tenant: TenantId,
        locale: &str,
        listing: &ContentListing,
    ) -> Result<NodeDocumentPage, Error>;
}
