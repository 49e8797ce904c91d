use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use moka::future::Cache;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::{tenant_domains, tenants};
use crate::{TenantContext, TenantError, TenantIdentifier};

#[derive(Debug, Clone, Hash, PartialEq, Eq)]
enum CacheKey {
    Id(Uuid),
    Slug(String),
    Host(String),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ResolverStats {
    pub hits: u64,
    pub misses: u64,
    pub entries: u64,
}

/// Maps identifiers to tenants; after the first request per identifier no query is made until
/// the entry expires or a tenant change invalidates the cache. Misses ("no such tenant") are
/// cached too, so a flood of unknown identifiers cannot turn into a flood of queries.
#[derive(Clone)]
pub struct TenantResolver {
    db: DatabaseConnection,
    cache: Cache<CacheKey, Option<TenantContext>>,
    hits: Arc<AtomicU64>,
    misses: Arc<AtomicU64>,
}

impl TenantResolver {
    pub fn new(db: DatabaseConnection, capacity: u64, ttl: Duration) -> Self {
        Self {
            db,
            cache: Cache::builder()
                .max_capacity(capacity)
                .time_to_live(ttl)
                .build(),
            hits: Arc::default(),
            misses: Arc::default(),
        }
    }

    /// Tenant named by an id or slug (inactive tenants included: the caller decides).
    pub async fn resolve(
        &self,
        identifier: &TenantIdentifier,
    ) -> Result<TenantContext, TenantError> {
        let key = match identifier {
            TenantIdentifier::Id(id) => CacheKey::Id(*id),
            TenantIdentifier::Slug(slug) => CacheKey::Slug(slug.clone()),
        };
        self.cached(key).await?.ok_or(TenantError::NotFound)
    }

    /// Tenant that owns `host` through `tenant_domains`, if any. `host` must be validated already.
    pub async fn resolve_host(&self, host: &str) -> Result<Option<TenantContext>, TenantError> {
        self.cached(CacheKey::Host(host.to_string())).await
    }

    async fn cached(&self, key: CacheKey) -> Result<Option<TenantContext>, TenantError> {
        if let Some(found) = self.cache.get(&key).await {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(found);
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let found = self.load(&key).await?;
        self.cache.insert(key, found.clone()).await;
        Ok(found)
    }

    async fn load(&self, key: &CacheKey) -> Result<Option<TenantContext>, TenantError> {
        let tenant = match key {
            CacheKey::Id(id) => tenants::Entity::find_by_id(*id).one(&self.db).await?,
            CacheKey::Slug(slug) => {
                tenants::Entity::find()
                    .filter(tenants::Column::Slug.eq(slug.as_str()))
                    .one(&self.db)
                    .await?
            }
            CacheKey::Host(host) => {
                let domain = tenant_domains::Entity::find()
                    .filter(tenant_domains::Column::Host.eq(host.as_str()))
                    .one(&self.db)
                    .await?;
                match domain {
                    Some(domain) => {
                        tenants::Entity::find_by_id(domain.tenant_id)
                            .one(&self.db)
                            .await?
                    }
                    None => None,
                }
            }
        };
        Ok(tenant.map(TenantContext::from))
    }

    /// Called after any tenant or domain change. Changes are rare, so dropping everything is
    /// simpler and safer than tracking which keys point at which tenant.
    pub fn invalidate_all(&self) {
        self.cache.invalidate_all();
    }

    pub fn stats(&self) -> ResolverStats {
        ResolverStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries: self.cache.entry_count(),
        }
    }

    /// Shared counters, for metrics that read them at scrape time.
    pub fn counters(&self) -> (Arc<AtomicU64>, Arc<AtomicU64>) {
        (self.hits.clone(), self.misses.clone())
    }
}
