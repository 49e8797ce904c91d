//! `index_content` and the tables beside it: written from the content catalogue's documents
//! ([`ContentIndex::refresh`]), read by visitors ([`rustok_core::ContentReads`]).
//!
//! As with products, a refresh replaces every row of the named nodes with what the catalogue
//! says now (idempotent, order-free). A child's event refreshes its parent too: the parent's
//! document carries the child's counters (`reply_count`, `last_activity_at`).

use std::collections::HashSet;
use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use chrono::Utc;
use rustok_core::{
    ContentCatalog, ContentDocument, ContentListing, ContentReads, ContentSort, ContentSortKey,
    Error, Generations, IndexedNode, NodeDocumentPage, TenantId, begin_write,
};
use rustok_tenant::TenantService;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Set, Value,
};
use uuid::Uuid;

use super::products::{BUILDING, READY, tenant_locales};
use super::rebuild::{BuildStatus, PAGE, Rebuilt};
use crate::IndexError;
use crate::entities::{index_builds, index_content, index_content_slugs, index_content_terms};

/// The `kind` of content rows in `index_builds`.
pub const CONTENT: &str = "content";
const TAG: &str = "tag";
const LOCALE: &str = "locale";
/// Rows per insert statement (well below SQLite's bound-parameter limit).
const INSERT_CHUNK: usize = 50;

/// The content read model of every tenant.
#[derive(Clone)]
pub struct ContentIndex {
    pub(crate) db: DatabaseConnection,
    catalog: Arc<dyn ContentCatalog>,
    ready: Arc<RwLock<HashSet<TenantId>>>,
    generations: Arc<Generations>,
}

impl ContentIndex {
    /// `generations` is shared with the product index, so one per-tenant version covers every
    /// visitor read (the hot cache keys on it).
    pub fn new(
        db: DatabaseConnection,
        catalog: Arc<dyn ContentCatalog>,
        generations: Arc<Generations>,
    ) -> Self {
        Self {
            db,
            catalog,
            ready: Arc::default(),
            generations,
        }
    }

    pub fn generations(&self) -> &Arc<Generations> {
        &self.generations
    }

    /// Rewrites the rows of `ids` from the catalogue through `conn` (the caller's
    /// transaction). Nodes that are gone or not published lose their rows. Returns the number
    /// of rows written.
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
        insert(conn, tenant, &documents).await?;
        Ok(documents.len())
    }

    /// Like [`Self::refresh`], and the parents of `ids` as well (the catalogue's, and those the
    /// index still records for nodes that are gone): what an event about a node does.
    pub async fn refresh_with_parents(
        &self,
        conn: &DatabaseTransaction,
        tenant: TenantId,
        ids: &[Uuid],
    ) -> Result<usize, IndexError> {
        let mut parents: HashSet<Uuid> = self
            .catalog
            .parent_ids(conn, tenant, ids)
            .await?
            .into_iter()
            .collect();
        let recorded: Vec<Option<Uuid>> = index_content::Entity::find()
            .filter(index_content::Column::TenantId.eq(tenant.as_uuid()))
            .filter(index_content::Column::NodeId.is_in(ids.iter().copied()))
            .select_only()
            .column(index_content::Column::ParentId)
            .distinct()
            .into_tuple()
            .all(conn)
            .await?;
        parents.extend(recorded.into_iter().flatten());
        for id in ids {
            parents.remove(id);
        }
        let mut all: Vec<Uuid> = ids.to_vec();
        all.extend(parents);
        self.refresh(conn, tenant, &all).await
    }

    /// Marks the tenant's content as all indexed (a tenant that starts empty).
    pub async fn mark_ready(
        &self,
        conn: &impl ConnectionTrait,
        tenant: TenantId,
    ) -> Result<(), IndexError> {
        index_builds::Entity::insert(new_build(tenant, READY))
            .on_conflict(
                OnConflict::columns([index_builds::Column::TenantId, index_builds::Column::Kind])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
        Ok(())
    }

    fn set_ready(&self, tenant: TenantId, ready: bool) {
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
        let ready = self
            .build_state(tenant)
            .await?
            .is_some_and(|s| s.status == READY);
        if ready {
            self.set_ready(tenant, true);
        }
        Ok(ready)
    }

    async fn build_state(
        &self,
        tenant: TenantId,
    ) -> Result<Option<index_builds::Model>, IndexError> {
        Ok(
            index_builds::Entity::find_by_id((tenant.as_uuid(), CONTENT.to_string()))
                .one(&self.db)
                .await?,
        )
    }

    fn rows(&self, tenant: TenantId, locale: &str) -> sea_orm::Select<index_content::Entity> {
        index_content::Entity::find()
            .filter(index_content::Column::TenantId.eq(tenant.as_uuid()))
            .filter(index_content::Column::Locale.eq(locale))
    }

    async fn find(
        &self,
        tenant: TenantId,
        locale: &str,
        id: Uuid,
    ) -> Result<Option<IndexedNode>, IndexError> {
        let row = self
            .rows(tenant, locale)
            .filter(index_content::Column::NodeId.eq(id))
            .one(&self.db)
            .await?;
        Ok(row.map(stored))
    }

    async fn find_many(
        &self,
        tenant: TenantId,
        locale: &str,
        ids: &[Uuid],
    ) -> Result<Vec<IndexedNode>, IndexError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = self
            .rows(tenant, locale)
            .filter(index_content::Column::NodeId.is_in(ids.iter().copied()))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(stored).collect())
    }

    /// One statement: the row whose node owns the best-matching slug (`node_id IN (SELECT …
    /// ORDER BY preference LIMIT 1)`).
    async fn find_by_slug(
        &self,
        tenant: TenantId,
        locale: &str,
        kind: &str,
        slug: &str,
        preferred: &[String],
    ) -> Result<Option<IndexedNode>, IndexError> {
        use index_content_slugs::Column as S;
        let mut best = Query::select();
        best.column(S::NodeId)
            .from(index_content_slugs::Entity)
            .and_where(S::TenantId.eq(tenant.as_uuid()))
            .and_where(S::Kind.eq(kind))
            .and_where(S::Slug.eq(slug));
        if !preferred.is_empty() {
            let mut rank = Expr::case(S::Locale.eq(preferred[0].as_str()), 0);
            for (i, locale) in preferred.iter().enumerate().skip(1) {
                rank = rank.case(S::Locale.eq(locale.as_str()), i as i32);
            }
            best.order_by_expr(rank.finally(preferred.len() as i32).into(), Order::Asc);
        }
        best.order_by(S::Locale, Order::Asc).limit(1);
        let row = self
            .rows(tenant, locale)
            .filter(index_content::Column::Kind.eq(kind))
            .filter(index_content::Column::NodeId.in_subquery(best.to_owned()))
            .one(&self.db)
            .await?;
        Ok(row.map(stored))
    }

    async fn list(
        &self,
        tenant: TenantId,
        locale: &str,
        listing: &ContentListing,
    ) -> Result<NodeDocumentPage, IndexError> {
        let tenant_id = tenant.as_uuid();
        let limit = listing.limit.clamp(1, 100);
        let mut query = self.rows(tenant, locale);
        if let Some(kind) = &listing.kind {
            query = query.filter(index_content::Column::Kind.eq(kind.as_str()));
        }
        if let Some(parent) = listing.parent_id {
            query = query.filter(index_content::Column::ParentId.eq(parent));
        }
        if let Some(category) = listing.category_id {
            query = query.filter(index_content::Column::CategoryId.eq(category));
        }
        if let Some(author) = listing.author_id {
            query = query.filter(index_content::Column::AuthorId.eq(author));
        }
        if let Some(tag) = &listing.tag {
            query = query.filter(with_term(tenant_id, TAG, tag));
        }
        if let Some(translated) = &listing.translated_into {
            query = query.filter(with_term(tenant_id, LOCALE, translated));
        }
        if listing.sort == ContentSort::PublishedAt {
            query = query.filter(index_content::Column::PublishedAt.is_not_null());
        }
        let columns = sort_columns(listing.sort, listing.pinned_first);
        if let Some(cursor) = &listing.after {
            let values: Vec<Value> = columns
                .iter()
                .map(|(column, _)| match column {
                    index_content::Column::Pinned => Value::from(cursor.pinned.unwrap_or(false)),
                    index_content::Column::NodeId => Value::from(cursor.id),
                    _ => match cursor.key {
                        ContentSortKey::Time(at) => Value::from(at),
                        ContentSortKey::Position(position) => Value::from(position),
                        ContentSortKey::None => Value::from(cursor.id),
                    },
                })
                .collect();
            // (c1 > v1) OR (c1 = v1 AND c2 > v2) OR … with `<` for descending columns.
            let mut after = Condition::any();
            for (i, (column, order)) in columns.iter().enumerate() {
                let mut step = Condition::all();
                for (j, (equal, _)) in columns.iter().take(i).enumerate() {
                    step = step.add(equal.eq(values[j].clone()));
                }
                step = step.add(match order {
                    Order::Desc => column.lt(values[i].clone()),
                    _ => column.gt(values[i].clone()),
                });
                after = after.add(step);
            }
            query = query.filter(after);
        }
        for (column, order) in columns {
            query = query.order_by(column, order);
        }
        let mut rows = query.limit(limit + 1).all(&self.db).await?;
        let more = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        Ok(NodeDocumentPage {
            items: rows.into_iter().map(stored).collect(),
            more,
        })
    }
}

/// The columns a listing is ordered by, most significant first (the write model's order).
fn sort_columns(sort: ContentSort, pinned_first: bool) -> Vec<(index_content::Column, Order)> {
    use index_content::Column as C;
    let mut columns = Vec::with_capacity(3);
    if pinned_first {
        columns.push((C::Pinned, Order::Desc));
    }
    match sort {
        ContentSort::Newest => columns.push((C::NodeId, Order::Desc)),
        ContentSort::Oldest => columns.push((C::NodeId, Order::Asc)),
        ContentSort::PublishedAt => {
            columns.push((C::PublishedAt, Order::Desc));
            columns.push((C::NodeId, Order::Desc));
        }
        ContentSort::LastActivity => {
            columns.push((C::LastActivityAt, Order::Desc));
            columns.push((C::NodeId, Order::Desc));
        }
        ContentSort::Position => {
            columns.push((C::Position, Order::Asc));
            columns.push((C::NodeId, Order::Asc));
        }
    }
    columns
}

fn stored(row: index_content::Model) -> IndexedNode {
    IndexedNode {
        id: row.node_id,
        document: row.document,
        pinned: row.pinned,
        position: row.position,
        published_at: row.published_at,
        last_activity_at: row.last_activity_at,
    }
}

/// Nodes with this term (`node_id IN (SELECT … FROM index_content_terms …)`).
fn with_term(tenant: Uuid, facet: &str, term: &str) -> Condition {
    let terms = Query::select()
        .column(index_content_terms::Column::NodeId)
        .from(index_content_terms::Entity)
        .and_where(index_content_terms::Column::TenantId.eq(tenant))
        .and_where(index_content_terms::Column::Facet.eq(facet))
        .and_where(index_content_terms::Column::Term.eq(term))
        .to_owned();
    Condition::all().add(index_content::Column::NodeId.in_subquery(terms))
}

/// The state row of a content build starting now with `status`.
fn new_build(tenant: TenantId, status: &str) -> index_builds::ActiveModel {
    let now = Utc::now().fixed_offset();
    index_builds::ActiveModel {
        tenant_id: Set(tenant.as_uuid()),
        kind: Set(CONTENT.to_string()),
        status: Set(status.to_string()),
        cursor: Set(None),
        done: Set(0),
        errors: Set(0),
        last_error: Set(None),
        started_at: Set(now),
        updated_at: Set(now),
    }
}

/// Deletes every row of `ids`.
async fn remove(
    conn: &impl ConnectionTrait,
    tenant: TenantId,
    ids: &[Uuid],
) -> Result<(), IndexError> {
    let tenant = tenant.as_uuid();
    let ids = || ids.iter().copied();
    index_content::Entity::delete_many()
        .filter(index_content::Column::TenantId.eq(tenant))
        .filter(index_content::Column::NodeId.is_in(ids()))
        .exec(conn)
        .await?;
    index_content_terms::Entity::delete_many()
        .filter(index_content_terms::Column::TenantId.eq(tenant))
        .filter(index_content_terms::Column::NodeId.is_in(ids()))
        .exec(conn)
        .await?;
    index_content_slugs::Entity::delete_many()
        .filter(index_content_slugs::Column::TenantId.eq(tenant))
        .filter(index_content_slugs::Column::NodeId.is_in(ids()))
        .exec(conn)
        .await?;
    Ok(())
}

async fn insert(
    conn: &impl ConnectionTrait,
    tenant: TenantId,
    documents: &[ContentDocument],
) -> Result<(), IndexError> {
    let tenant = tenant.as_uuid();
    let now = Utc::now().fixed_offset();
    let rows: Vec<index_content::ActiveModel> = documents
        .iter()
        .map(|doc| index_content::ActiveModel {
            tenant_id: Set(tenant),
            locale: Set(doc.locale.clone()),
            node_id: Set(doc.node_id),
            kind: Set(doc.kind.clone()),
            parent_id: Set(doc.parent_id),
            author_id: Set(doc.author_id),
            category_id: Set(doc.category_id),
            slug: Set(doc.slug.clone()),
            pinned: Set(doc.pinned),
            position: Set(doc.position),
            published_at: Set(doc.published_at.map(|t| t.fixed_offset())),
            last_activity_at: Set(doc.last_activity_at.fixed_offset()),
            title: Set(doc.title.clone()),
            search_text: Set(doc.search_text.clone()),
            document: Set(doc.document.clone()),
            indexed_at: Set(now),
        })
        .collect();
    // Terms and slugs are per node, not per locale: the first document of each says them.
    let mut seen = HashSet::new();
    let mut terms = Vec::new();
    let mut slugs = Vec::new();
    for doc in documents.iter().filter(|d| seen.insert(d.node_id)) {
        let tags = doc.tags.iter().map(|t| (TAG, t.clone()));
        let locales = doc.translations.iter().map(|(l, _)| (LOCALE, l.clone()));
        let mut distinct = HashSet::new();
        for (facet, term) in tags.chain(locales) {
            if distinct.insert((facet, term.clone())) {
                terms.push(index_content_terms::ActiveModel {
                    tenant_id: Set(tenant),
                    node_id: Set(doc.node_id),
                    facet: Set(facet.to_string()),
                    term: Set(term),
                });
            }
        }
        let mut distinct = HashSet::new();
        for (locale, slug) in &doc.translations {
            if distinct.insert(locale) {
                slugs.push(index_content_slugs::ActiveModel {
                    tenant_id: Set(tenant),
                    node_id: Set(doc.node_id),
                    kind: Set(doc.kind.clone()),
                    locale: Set(locale.clone()),
                    slug: Set(slug.clone()),
                });
            }
        }
    }
    // Upserts: a concurrent refresh of the same node that committed first is overwritten with
    // the same current state instead of failing.
    use index_content::Column as C;
    let key = [C::TenantId, C::Locale, C::NodeId];
    let rest = [
        C::Kind,
        C::ParentId,
        C::AuthorId,
        C::CategoryId,
        C::Slug,
        C::Pinned,
        C::Position,
        C::PublishedAt,
        C::LastActivityAt,
        C::Title,
        C::SearchText,
        C::Document,
        C::IndexedAt,
    ];
    let upsert = OnConflict::columns(key).update_columns(rest).to_owned();
    insert_chunks::<index_content::Entity>(conn, rows, upsert).await?;
    use index_content_terms::Column as T;
    let keep = OnConflict::columns([T::TenantId, T::NodeId, T::Facet, T::Term])
        .do_nothing()
        .to_owned();
    insert_chunks::<index_content_terms::Entity>(conn, terms, keep).await?;
    use index_content_slugs::Column as S;
    let upsert = OnConflict::columns([S::TenantId, S::NodeId, S::Locale])
        .update_columns([S::Kind, S::Slug])
        .to_owned();
    insert_chunks::<index_content_slugs::Entity>(conn, slugs, upsert).await?;
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

/// Rebuilding, status and the boot-time fill: the same walk as products, over the content
/// catalogue's node ids.
impl ContentIndex {
    /// Rebuilds the tenant's content rows. `restart` drops them first; otherwise an unfinished
    /// build resumes after its last page and a finished one is left alone. Visitors read the
    /// write model until it is done. `progress` hears the nodes done so far after every page.
    pub async fn rebuild(
        &self,
        tenant: TenantId,
        restart: bool,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<Rebuilt, IndexError> {
        let (mut cursor, mut done) = match self.build_state(tenant).await? {
            Some(state) if !restart && state.status == READY => return Ok(Rebuilt::default()),
            Some(state) if !restart => (state.cursor, state.done as u64),
            _ => {
                self.start(tenant).await?;
                (None, 0)
            }
        };
        let mut rebuilt = Rebuilt::default();
        loop {
            let txn = begin_write(&self.db).await?;
            let ids = self.catalog.node_ids(&txn, tenant, cursor, PAGE).await?;
            let Some(last) = ids.last().copied() else {
                txn.rollback().await?;
                break;
            };
            rebuilt.rows += self.refresh(&txn, tenant, &ids).await? as u64;
            done += ids.len() as u64;
            save(&txn, tenant, BUILDING, Some(last), done).await?;
            txn.commit().await?;
            rebuilt.products += ids.len() as u64;
            cursor = Some(last);
            progress(done);
            rustok_core::db::yield_to_writers(&self.db).await;
        }
        save(&self.db, tenant, READY, None, done).await?;
        self.set_ready(tenant, true);
        self.generations.bump(tenant);
        rustok_core::db::refresh_statistics(
            &self.db,
            &[
                "index_content",
                "index_content_terms",
                "index_content_slugs",
            ],
        )
        .await?;
        Ok(rebuilt)
    }

    /// Where the tenant's content index stands.
    pub async fn status(&self, tenant: TenantId) -> Result<BuildStatus, IndexError> {
        use sea_orm::PaginatorTrait;
        let rows = index_content::Entity::find()
            .filter(index_content::Column::TenantId.eq(tenant.as_uuid()))
            .count(&self.db)
            .await?;
        Ok(match self.build_state(tenant).await? {
            Some(state) => BuildStatus {
                status: state.status,
                done: state.done as u64,
                errors: state.errors as u64,
                last_error: state.last_error,
                rows,
                started_at: Some(state.started_at),
                updated_at: Some(state.updated_at),
            },
            None => BuildStatus {
                status: "missing".to_string(),
                done: 0,
                errors: 0,
                last_error: None,
                rows,
                started_at: None,
                updated_at: None,
            },
        })
    }

    /// Records that a build of the tenant failed (it stays `building`: the next one resumes).
    pub async fn record_failure(&self, tenant: TenantId, error: &str) -> Result<(), IndexError> {
        use sea_orm::sea_query::ExprTrait;
        index_builds::Entity::update_many()
            .col_expr(
                index_builds::Column::Errors,
                Expr::col(index_builds::Column::Errors).add(1),
            )
            .col_expr(
                index_builds::Column::LastError,
                Expr::value(error.to_string()),
            )
            .col_expr(
                index_builds::Column::UpdatedAt,
                Expr::value(Utc::now().fixed_offset()),
            )
            .filter(index_builds::Column::TenantId.eq(tenant.as_uuid()))
            .filter(index_builds::Column::Kind.eq(CONTENT))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Drops the tenant's rows and records a build from the start; `rebuild(tenant, false, …)`
    /// then fills them.
    pub async fn begin_rebuild(&self, tenant: TenantId) -> Result<(), IndexError> {
        self.start(tenant).await
    }

    async fn start(&self, tenant: TenantId) -> Result<(), IndexError> {
        self.set_ready(tenant, false);
        let txn = begin_write(&self.db).await?;
        let id = tenant.as_uuid();
        index_content::Entity::delete_many()
            .filter(index_content::Column::TenantId.eq(id))
            .exec(&txn)
            .await?;
        index_content_terms::Entity::delete_many()
            .filter(index_content_terms::Column::TenantId.eq(id))
            .exec(&txn)
            .await?;
        index_content_slugs::Entity::delete_many()
            .filter(index_content_slugs::Column::TenantId.eq(id))
            .exec(&txn)
            .await?;
        index_builds::Entity::delete_by_id((id, CONTENT.to_string()))
            .exec(&txn)
            .await?;
        new_build(tenant, BUILDING).insert(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every node of the tenant refreshed through `conn`, page by page (after a change that
    /// touches them all: the tenant's languages, a deleted category).
    pub async fn refresh_all(
        &self,
        conn: &DatabaseTransaction,
        tenant: TenantId,
    ) -> Result<u64, IndexError> {
        let mut cursor = None;
        let mut nodes = 0;
        loop {
            let ids = self.catalog.node_ids(conn, tenant, cursor, PAGE).await?;
            let Some(last) = ids.last().copied() else {
                return Ok(nodes);
            };
            self.refresh(conn, tenant, &ids).await?;
            nodes += ids.len() as u64;
            cursor = Some(last);
        }
    }

    /// Builds (or finishes building) every tenant without a finished content build: what boot
    /// runs in the background. Returns the tenants built.
    pub async fn fill_missing(&self) -> Result<u64, IndexError> {
        let mut after = None;
        let mut built = 0;
        let mut failed = 0;
        loop {
            let tenants = TenantService::list(&self.db, after, 100)
                .await
                .map_err(|err| IndexError::Core(Error::Internal(err.to_string())))?;
            let Some(last) = tenants.last().map(|t| t.id) else {
                return match failed {
                    0 => Ok(built),
                    failed => Err(IndexError::BuildsFailed(failed)),
                };
            };
            for tenant in tenants {
                let id = TenantId::from_uuid(tenant.id);
                if self
                    .build_state(id)
                    .await?
                    .is_some_and(|s| s.status == READY)
                {
                    continue;
                }
                match self.rebuild(id, false, &|_| {}).await {
                    Ok(rebuilt) => {
                        tracing::info!(tenant = %tenant.slug, nodes = rebuilt.products, "content index built");
                        built += 1;
                    }
                    Err(err) => {
                        tracing::warn!(tenant = %tenant.slug, error = %err, "content index build failed");
                        self.record_failure(id, &err.to_string()).await?;
                        failed += 1;
                    }
                }
            }
            after = Some(last);
        }
    }
}

/// Records where the tenant's content build stands.
async fn save(
    conn: &impl ConnectionTrait,
    tenant: TenantId,
    status: &str,
    cursor: Option<Uuid>,
    done: u64,
) -> Result<(), IndexError> {
    let mut row = index_builds::ActiveModel {
        tenant_id: Set(tenant.as_uuid()),
        kind: Set(CONTENT.to_string()),
        status: Set(status.to_string()),
        cursor: Set(cursor),
        done: Set(done as i64),
        updated_at: Set(Utc::now().fixed_offset()),
        ..Default::default()
    };
    if status == READY {
        row.errors = Set(0);
        row.last_error = Set(None);
    }
    row.update(conn).await?;
    Ok(())
}

#[async_trait]
impl ContentReads for ContentIndex {
    async fn ready(&self, tenant: TenantId) -> Result<bool, Error> {
        Ok(self.is_ready(tenant).await?)
    }

    async fn node(
        &self,
        tenant: TenantId,
        locale: &str,
        id: Uuid,
    ) -> Result<Option<IndexedNode>, Error> {
        Ok(self.find(tenant, locale, id).await?)
    }

    async fn nodes(
        &self,
        tenant: TenantId,
        locale: &str,
        ids: &[Uuid],
    ) -> Result<Vec<IndexedNode>, Error> {
        Ok(self.find_many(tenant, locale, ids).await?)
    }

    async fn node_by_slug(
        &self,
        tenant: TenantId,
        locale: &str,
        kind: &str,
        slug: &str,
        preferred: &[String],
    ) -> Result<Option<IndexedNode>, Error> {
        Ok(self
            .find_by_slug(tenant, locale, kind, slug, preferred)
            .await?)
    }

    async fn list(
        &self,
        tenant: TenantId,
        locale: &str,
        listing: &ContentListing,
    ) -> Result<NodeDocumentPage, Error> {
        Ok(ContentIndex::list(self, tenant, locale, listing).await?)
    }
}
