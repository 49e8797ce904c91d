//! `index_products` and its filter tables: written from the catalogue's documents
//! ([`ProductIndex::refresh`]), read by visitors ([`rustok_core::ProductReads`]).
//!
//! A refresh replaces every row of the named products with what the catalogue says now, so it
//! is idempotent and order-free: a repeated or late event rewrites the same current state.

use std::collections::HashSet;
use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use chrono::Utc;
use rustok_core::{
    DocumentPage, Error, Generations, IndexedDocument, LocalePolicy, ProductCatalog,
    ProductDocument, ProductKey, ProductListing, ProductReads, TenantId,
};
use rustok_tenant::TenantService;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, SelectGetableTuple, Selector, Set,
};
use uuid::Uuid;

use crate::IndexError;
use crate::entities::{index_builds, index_product_prices, index_product_terms, index_products};

/// The `kind` of product rows in `index_builds`.
pub const PRODUCTS: &str = "products";
pub(crate) const READY: &str = "ready";
pub(crate) const BUILDING: &str = "building";
const CATEGORY: &str = "category";
const TAG: &str = "tag";
/// Rows per insert statement (well below SQLite's bound-parameter limit).
const INSERT_CHUNK: usize = 50;

/// The product read model of every tenant.
#[derive(Clone)]
pub struct ProductIndex {
    pub(crate) db: DatabaseConnection,
    pub(crate) catalog: Arc<dyn ProductCatalog>,
    /// Tenants whose products are all in: their reads never ask `index_builds` again.
    ready: Arc<RwLock<HashSet<TenantId>>>,
    /// Bumped after every committed change of a tenant's rows (response caches key on it).
    generations: Arc<Generations>,
}

impl ProductIndex {
    pub fn new(db: DatabaseConnection, catalog: Arc<dyn ProductCatalog>) -> Self {
        Self {
            db,
            catalog,
            ready: Arc::default(),
            generations: Arc::default(),
        }
    }

    /// The per-tenant version of the rows, for caches of what is read from them.
    pub fn generations(&self) -> &Arc<Generations> {
        &self.generations
    }

    /// Rewrites the rows of `ids` from the catalogue, reading and writing through `conn` (the
    /// caller's transaction). Products that are gone or not published lose their rows.
    /// Returns the number of rows written.
    pub async fn refresh(
        &self,
        conn: &DatabaseTransaction,
        tenant: TenantId,
        ids: &[Uuid],
    ) -> Result<usize, IndexError> {
        if ids.is_empty() {
            return Ok(0);
        }
        let locales = match tenant_locales(conn, tenant).await {
            Ok(locales) => locales,
            // A deleted tenant's rows went with it (cascade): nothing to do.
            Err(IndexError::TenantNotFound(_)) => return Ok(0),
            Err(err) => return Err(err),
        };
        let documents = self
            .catalog
            .storefront_documents(conn, tenant, &locales, ids)
            .await?;
        remove(conn, tenant, ids).await?;
        drop_stale_handles(conn, tenant, ids, &documents).await?;
        insert(conn, tenant, &documents).await?;
        Ok(documents.len())
    }

    /// Marks the tenant's products as all indexed (a tenant that starts empty, or a finished
    /// rebuild).
    pub async fn mark_ready(
        &self,
        conn: &impl ConnectionTrait,
        tenant: TenantId,
    ) -> Result<(), IndexError> {
        index_builds::Entity::insert(new_build(tenant, READY))
            .on_conflict(
                sea_orm::sea_query::OnConflict::columns([
                    index_builds::Column::TenantId,
                    index_builds::Column::Kind,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
        Ok(())
    }

    pub(crate) fn set_ready(&self, tenant: TenantId, ready: bool) {
        if let Ok(mut set) = self.ready.write() {
            if ready {
                set.insert(tenant);
            } else {
                set.remove(&tenant);
            }
        }
    }

    async fn is_ready(&self, tenant: TenantId) -> Result<bool, IndexError> {
        if self.ready.read().is_ok_and(|set| set.contains(&tenant)) {
            return Ok(true);
        }
        let row = index_builds::Entity::find_by_id((tenant.as_uuid(), PRODUCTS.to_string()))
            .one(&self.db)
            .await?;
        let ready = row.is_some_and(|row| row.status == READY);
        if ready {
            self.set_ready(tenant, true);
        }
        Ok(ready)
    }

    async fn find(
        &self,
        tenant: TenantId,
        locale: &str,
        key: ProductKey<'_>,
    ) -> Result<Option<IndexedDocument>, IndexError> {
        let query = index_products::Entity::find()
            .filter(index_products::Column::TenantId.eq(tenant.as_uuid()))
            .filter(index_products::Column::Locale.eq(locale));
        let query = match key {
            ProductKey::Id(id) => query.filter(index_products::Column::ProductId.eq(id)),
            ProductKey::Handle(handle) => query.filter(index_products::Column::Handle.eq(handle)),
        };
        Ok(as_text(query).one(&self.db).await?.map(stored))
    }

    async fn list(
        &self,
        tenant: TenantId,
        locale: &str,
        listing: &ProductListing,
    ) -> Result<DocumentPage, IndexError> {
        let tenant_id = tenant.as_uuid();
        let limit = listing.limit.clamp(1, 100);
        let mut query = index_products::Entity::find()
            .filter(index_products::Column::TenantId.eq(tenant_id))
            .filter(index_products::Column::Locale.eq(locale));
        if let Some(after) = listing.after {
            query = query.filter(index_products::Column::ProductId.lt(after));
        }
        if let Some(collection) = listing.collection_id {
            query = query.filter(index_products::Column::CollectionId.eq(collection));
        }
        if listing.in_stock {
            query = query.filter(index_products::Column::InStock.eq(true));
        }
        if let Some(category) = listing.category_id {
            query = query.filter(with_term(tenant_id, CATEGORY, &category.to_string()));
        }
        if let Some(tag) = &listing.tag {
            query = query.filter(with_term(tenant_id, TAG, tag));
        }
        if let Some((currency, min, max)) = &listing.price {
            query = query.filter(priced_between(tenant_id, currency, *min, *max));
        }
        let query = query
            .order_by_desc(index_products::Column::ProductId)
            .limit(limit + 1);
        let mut rows = as_text(query).all(&self.db).await?;
        let next = if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|row| row.0)
        } else {
            None
        };
        Ok(DocumentPage {
            items: rows.into_iter().map(stored).collect(),
            next,
        })
    }
}

/// The languages a tenant's rows are kept in (shared by every kind of row).
pub(crate) async fn tenant_locales(
    conn: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<LocalePolicy, IndexError> {
    match TenantService::get(conn, tenant).await {
        Ok(model) => Ok(rustok_tenant::locale_policy(&model.settings)),
        Err(rustok_tenant::TenantError::NotFound) => {
            Err(IndexError::TenantNotFound(tenant.as_uuid()))
        }
        Err(err) => Err(IndexError::Core(Error::Internal(err.to_string()))),
    }
}

/// The state row of a product build starting now with `status`.
pub(crate) fn new_build(tenant: TenantId, status: &str) -> index_builds::ActiveModel {
    let now = Utc::now().fixed_offset();
    index_builds::ActiveModel {
        tenant_id: Set(tenant.as_uuid()),
        kind: Set(PRODUCTS.to_string()),
        status: Set(status.to_string()),
        cursor: Set(None),
        done: Set(0),
        errors: Set(0),
        last_error: Set(None),
        started_at: Set(now),
        updated_at: Set(now),
    }
}

/// A stored row as the text of its document and pricing (`CAST(… AS TEXT)`: served as it is,
/// never parsed on the way).
type StoredRow = (Uuid, String, String);

fn as_text(
    query: sea_orm::Select<index_products::Entity>,
) -> Selector<SelectGetableTuple<StoredRow>> {
    let text = || Alias::new("text");
    query
        .select_only()
        .column(index_products::Column::ProductId)
        .expr(Expr::col(index_products::Column::Document).cast_as(text()))
        .expr(Expr::col(index_products::Column::Pricing).cast_as(text()))
        .into_tuple()
}

fn stored((id, document, pricing): StoredRow) -> IndexedDocument {
    IndexedDocument {
        id,
        document,
        pricing,
    }
}

/// Products with this term (`product_id IN (SELECT … FROM index_product_terms …)`).
fn with_term(tenant: Uuid, facet: &str, term: &str) -> Condition {
    let terms = Query::select()
        .column(index_product_terms::Column::ProductId)
        .from(index_product_terms::Entity)
        .and_where(index_product_terms::Column::TenantId.eq(tenant))
        .and_where(index_product_terms::Column::Facet.eq(facet))
        .and_where(index_product_terms::Column::Term.eq(term))
        .to_owned();
    Condition::all().add(index_products::Column::ProductId.in_subquery(terms))
}

/// Products with a base price in `currency` within `[min, max]`.
fn priced_between(tenant: Uuid, currency: &str, min: Option<i64>, max: Option<i64>) -> Condition {
    let mut prices = Query::select()
        .column(index_product_prices::Column::ProductId)
        .from(index_product_prices::Entity)
        .and_where(index_product_prices::Column::TenantId.eq(tenant))
        .and_where(index_product_prices::Column::Currency.eq(currency))
        .to_owned();
    if let Some(min) = min {
        prices.and_where(index_product_prices::Column::Amount.gte(min));
    }
    if let Some(max) = max {
        prices.and_where(index_product_prices::Column::Amount.lte(max));
    }
    Condition::all().add(index_products::Column::ProductId.in_subquery(prices))
}

/// Deletes every row of `ids`.
pub(crate) async fn remove(
    conn: &impl ConnectionTrait,
    tenant: TenantId,
    ids: &[Uuid],
) -> Result<(), IndexError> {
    let tenant = tenant.as_uuid();
    let ids = || ids.iter().copied();
    index_products::Entity::delete_many()
        .filter(index_products::Column::TenantId.eq(tenant))
        .filter(index_products::Column::ProductId.is_in(ids()))
        .exec(conn)
        .await?;
    index_product_terms::Entity::delete_many()
        .filter(index_product_terms::Column::TenantId.eq(tenant))
        .filter(index_product_terms::Column::ProductId.is_in(ids()))
        .exec(conn)
        .await?;
    index_product_prices::Entity::delete_many()
        .filter(index_product_prices::Column::TenantId.eq(tenant))
        .filter(index_product_prices::Column::ProductId.is_in(ids()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Rows of other products still holding a handle one of `documents` has now (the handle moved
/// and that product's own event has not been applied yet): the catalogue keeps handles unique
/// per tenant, so those rows are stale; their product's event writes them again.
async fn drop_stale_handles(
    conn: &impl ConnectionTrait,
    tenant: TenantId,
    ids: &[Uuid],
    documents: &[ProductDocument],
) -> Result<(), IndexError> {
    let handles: HashSet<&str> = documents.iter().map(|d| d.handle.as_str()).collect();
    if handles.is_empty() {
        return Ok(());
    }
    // The locales too, so the lookup runs on the (tenant, locale, handle) index.
    let locales: HashSet<&str> = documents.iter().map(|d| d.locale.as_str()).collect();
    let stale: Vec<Uuid> = index_products::Entity::find()
        .filter(index_products::Column::TenantId.eq(tenant.as_uuid()))
        .filter(index_products::Column::Locale.is_in(locales))
        .filter(index_products::Column::Handle.is_in(handles))
        .filter(index_products::Column::ProductId.is_not_in(ids.iter().copied()))
        .select_only()
        .column(index_products::Column::ProductId)
        .distinct()
        .into_tuple()
        .all(conn)
        .await?;
    if !stale.is_empty() {
        remove(conn, tenant, &stale).await?;
    }
    Ok(())
}

async fn insert(
    conn: &impl ConnectionTrait,
    tenant: TenantId,
    documents: &[ProductDocument],
) -> Result<(), IndexError> {
    let tenant = tenant.as_uuid();
    let now = Utc::now().fixed_offset();
    let rows: Vec<index_products::ActiveModel> = documents
        .iter()
        .map(|doc| index_products::ActiveModel {
            tenant_id: Set(tenant),
            locale: Set(doc.locale.clone()),
            product_id: Set(doc.product_id),
            handle: Set(doc.handle.clone()),
            collection_id: Set(doc.collection_id),
            in_stock: Set(doc.in_stock),
            published_at: Set(doc.published_at.map(|t| t.fixed_offset())),
            title: Set(doc.title.clone()),
            search_text: Set(doc.search_text.clone()),
            document: Set(doc.document.clone()),
            pricing: Set(doc.pricing.clone()),
            indexed_at: Set(now),
        })
        .collect();
    // Terms and prices are per product, not per locale: the first document of each says them.
    let mut seen = HashSet::new();
    let mut terms = Vec::new();
    let mut prices = Vec::new();
    for doc in documents.iter().filter(|d| seen.insert(d.product_id)) {
        let categories = doc.category_ids.iter().map(|c| (CATEGORY, c.to_string()));
        let tags = doc.tags.iter().map(|t| (TAG, t.clone()));
        let mut distinct = HashSet::new();
        for (facet, term) in categories.chain(tags) {
            if distinct.insert((facet, term.clone())) {
                terms.push(index_product_terms::ActiveModel {
                    tenant_id: Set(tenant),
                    product_id: Set(doc.product_id),
                    facet: Set(facet.to_string()),
                    term: Set(term),
                });
            }
        }
        let mut distinct = HashSet::new();
        for (currency, amount) in &doc.base_prices {
            if distinct.insert((currency, amount)) {
                prices.push(index_product_prices::ActiveModel {
                    tenant_id: Set(tenant),
                    product_id: Set(doc.product_id),
                    currency: Set(currency.clone()),
                    amount: Set(*amount),
                });
            }
        }
    }
    // Upserts: a concurrent refresh of the same product (another relay, a rebuild) that
    // committed first is overwritten with the same current state instead of failing.
    use index_products::Column as P;
    let key = [P::TenantId, P::Locale, P::ProductId];
    let rest = [
        P::Handle,
        P::CollectionId,
        P::InStock,
        P::PublishedAt,
        P::Title,
        P::SearchText,
        P::Document,
        P::Pricing,
        P::IndexedAt,
    ];
    let upsert = OnConflict::columns(key).update_columns(rest).to_owned();
    insert_chunks::<index_products::Entity>(conn, rows, upsert).await?;
    use index_product_terms::Column as T;
    let terms_key = [T::TenantId, T::ProductId, T::Facet, T::Term];
    let keep = OnConflict::columns(terms_key).do_nothing().to_owned();
    insert_chunks::<index_product_terms::Entity>(conn, terms, keep).await?;
    use index_product_prices::Column as R;
    let prices_key = [R::TenantId, R::ProductId, R::Currency, R::Amount];
    let keep = OnConflict::columns(prices_key).do_nothing().to_owned();
    insert_chunks::<index_product_prices::Entity>(conn, prices, keep).await?;
    Ok(())
}

async fn insert_chunks<E: EntityTrait>(
    conn: &impl ConnectionTrait,
    rows: Vec<E::ActiveModel>,
    on_conflict: OnConflict,
) -> Result<(), IndexError>
where
    E::ActiveModel: sea_orm::ActiveModelTrait<Entity = E> + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<E::ActiveModel> = rows.by_ref().take(INSERT_CHUNK).collect();
        E::insert_many(chunk)
            .on_conflict(on_conflict.clone())
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

#[async_trait]
impl ProductReads for ProductIndex {
    async fn ready(&self, tenant: TenantId) -> Result<bool, Error> {
        Ok(self.is_ready(tenant).await?)
    }

    async fn product(
        &self,
        tenant: TenantId,
        locale: &str,
        key: ProductKey<'_>,
    ) -> Result<Option<IndexedDocument>, Error> {
        Ok(self.find(tenant, locale, key).await?)
    }

    async fn products(
        &self,
        tenant: TenantId,
        locale: &str,
        listing: &ProductListing,
    ) -> Result<DocumentPage, Error> {
        Ok(self.list(tenant, locale, listing).await?)
    }
}
