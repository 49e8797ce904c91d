//! Filling the index from the catalogue: a whole tenant, page by page, in constant memory (one
//! page of documents at a time), resumable (the last id done is stored with each page).

use chrono::Utc;
use rustok_core::{TenantId, begin_write};
use rustok_tenant::TenantService;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::products::{BUILDING, PRODUCTS, ProductIndex, READY, new_build};
use crate::IndexError;
use crate::entities::{index_builds, index_product_prices, index_product_terms, index_products};

/// Products per page of a rebuild.
pub const PAGE: u64 = 100;

/// Where a tenant's index of one kind stands, for operators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildStatus {
    /// `ready`, `building` (a build runs or was interrupted: it resumes) or `missing` (never
    /// built: visitors read the write model).
    pub status: String,
    /// Products looked at by the current or last build.
    pub done: u64,
    /// Failed builds since the last successful one, and the latest failure.
    pub errors: u64,
    pub last_error: Option<String>,
    /// Rows in the index now.
    pub rows: u64,
    pub started_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub updated_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// How a tenant's rebuild went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rebuilt {
    /// Products (or, for content, nodes) looked at, published or not.
    pub products: u64,
    /// Rows written (published products × locales).
    pub rows: u64,
}

impl ProductIndex {
    /// Rebuilds the tenant's product rows. `restart` drops them first and starts from the
    /// beginning; otherwise an unfinished build resumes after its last page and a finished one
    /// is left alone. Visitors read the write model until it is done. `progress` hears the
    /// products done so far after every page.
    pub async fn rebuild(
        &self,
        tenant: TenantId,
        restart: bool,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<Rebuilt, IndexError> {
        let state = index_builds::Entity::find_by_id((tenant.as_uuid(), PRODUCTS.to_string()))
            .one(&self.db)
            .await?;
        let (mut cursor, mut done) = match state {
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
            let ids = self.catalog.product_ids(&txn, tenant, cursor, PAGE).await?;
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
        self.generations().bump(tenant);
        self.analyze().await?;
        Ok(rebuilt)
    }

    /// Refreshes the planner's statistics after a bulk load: without them PostgreSQL may pick the
    /// collection index for a lookup by handle and filter every row of the tenant (seen: ~10×
    /// slower) until autovacuum analyses the table; SQLite has no autovacuum to do it.
    async fn analyze(&self) -> Result<(), IndexError> {
        rustok_core::db::refresh_statistics(
            &self.db,
            &[
                "index_products",
                "index_product_terms",
                "index_product_prices",
            ],
        )
        .await?;
        Ok(())
    }

    /// Where the tenant's product index stands.
    pub async fn status(&self, tenant: TenantId) -> Result<BuildStatus, IndexError> {
        use sea_orm::PaginatorTrait;
        let rows = index_products::Entity::find()
            .filter(index_products::Column::TenantId.eq(tenant.as_uuid()))
            .count(&self.db)
            .await?;
        let state = index_builds::Entity::find_by_id((tenant.as_uuid(), PRODUCTS.to_string()))
            .one(&self.db)
            .await?;
        Ok(match state {
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
        use sea_orm::sea_query::{Expr, ExprTrait};
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
            .filter(index_builds::Column::Kind.eq(PRODUCTS))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Drops the tenant's rows and records a build from the start; `rebuild(tenant, false, …)`
    /// then fills them (what a background rebuild does, so callers see `building` at once).
    pub async fn begin_rebuild(&self, tenant: TenantId) -> Result<(), IndexError> {
        self.start(tenant).await
    }

    /// Drops the tenant's rows and records a build from the start.
    async fn start(&self, tenant: TenantId) -> Result<(), IndexError> {
        self.set_ready(tenant, false);
        let txn = begin_write(&self.db).await?;
        let id = tenant.as_uuid();
        index_products::Entity::delete_many()
            .filter(index_products::Column::TenantId.eq(id))
            .exec(&txn)
            .await?;
        index_product_terms::Entity::delete_many()
            .filter(index_product_terms::Column::TenantId.eq(id))
            .exec(&txn)
            .await?;
        index_product_prices::Entity::delete_many()
            .filter(index_product_prices::Column::TenantId.eq(id))
            .exec(&txn)
            .await?;
        index_builds::Entity::delete_by_id((id, PRODUCTS.to_string()))
            .exec(&txn)
            .await?;
        new_build(tenant, BUILDING).insert(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every product of the tenant refreshed through `conn`, page by page (after a change that
    /// touches them all: the tenant's languages, a price list, a deleted collection).
    pub async fn refresh_all(
        &self,
        conn: &sea_orm::DatabaseTransaction,
        tenant: TenantId,
    ) -> Result<u64, IndexError> {
        let mut cursor = None;
        let mut products = 0;
        loop {
            let ids = self.catalog.product_ids(conn, tenant, cursor, PAGE).await?;
            let Some(last) = ids.last().copied() else {
                return Ok(products);
            };
            self.refresh(conn, tenant, &ids).await?;
            products += ids.len() as u64;
            cursor = Some(last);
        }
    }

    /// Builds (or finishes building) every tenant that has no finished build: what boot runs in
    /// the background, so an index added to an existing shop fills itself. Returns the tenants
    /// built, or `BuildsFailed` when some failed (each recorded; the others are built).
    pub async fn fill_missing(&self) -> Result<u64, IndexError> {
        let mut after = None;
        let mut built = 0;
        let mut failed = 0;
        loop {
            let tenants = TenantService::list(&self.db, after, 100)
                .await
                .map_err(|err| IndexError::Core(rustok_core::Error::Internal(err.to_string())))?;
            let Some(last) = tenants.last().map(|t| t.id) else {
                return match failed {
                    0 => Ok(built),
                    failed => Err(IndexError::BuildsFailed(failed)),
                };
            };
            for tenant in tenants {
                let id = TenantId::from_uuid(tenant.id);
                let state = index_builds::Entity::find_by_id((tenant.id, PRODUCTS.to_string()))
                    .one(&self.db)
                    .await?;
                if state.is_some_and(|s| s.status == READY) {
                    continue;
                }
                match self.rebuild(id, false, &|_| {}).await {
                    Ok(rebuilt) => {
                        tracing::info!(tenant = %tenant.slug, products = rebuilt.products, "index built");
                        built += 1;
                    }
                    Err(err) => {
                        tracing::warn!(tenant = %tenant.slug, error = %err, "index build failed");
                        self.record_failure(id, &err.to_string()).await?;
                        failed += 1;
                    }
                }
            }
            after = Some(last);
        }
    }
}

/// Records where the tenant's build stands.
async fn save(
    conn: &impl sea_orm::ConnectionTrait,
    tenant: TenantId,
    status: &str,
    cursor: Option<Uuid>,
    done: u64,
) -> Result<(), IndexError> {
    let mut row = index_builds::ActiveModel {
        tenant_id: Set(tenant.as_uuid()),
        kind: Set(PRODUCTS.to_string()),
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
