//! Cache contract. The in-memory backend is moka; a Redis backend implements the same trait.
//!
//! Keys of tenant data go through [`TenantScopedCache`], which prefixes them with the tenant id so
//! one tenant can never read or evict another's entries.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use moka::Expiry;
use moka::future::Cache;
use serde::Serialize;

use crate::id::TenantId;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    pub entries: u64,
}

#[async_trait]
pub trait CacheBackend: Send + Sync {
    async fn get(&self, key: &str) -> Option<Arc<[u8]>>;
    /// `ttl = None` keeps the entry until evicted by size or deleted.
    async fn set(&self, key: &str, value: Vec<u8>, ttl: Option<Duration>);
    async fn delete(&self, key: &str);
    /// Removes every key starting with `prefix`.
    async fn delete_prefix(&self, prefix: &str);
    fn stats(&self) -> CacheStats;
}

#[derive(Clone)]
struct Entry {
    value: Arc<[u8]>,
    ttl: Option<Duration>,
}

struct EntryTtl;

impl Expiry<String, Entry> for EntryTtl {
    fn expire_after_create(&self, _key: &String, entry: &Entry, _now: Instant) -> Option<Duration> {
        entry.ttl
    }
}

/// In-process cache bounded by entry count.
#[derive(Clone)]
pub struct MemoryCache {
    entries: Cache<String, Entry>,
    hits: Arc<AtomicU64>,
    misses: Arc<AtomicU64>,
}

impl MemoryCache {
    pub fn new(max_entries: u64) -> Self {
        Self {
            entries: Cache::builder()
                .max_capacity(max_entries)
                .expire_after(EntryTtl)
                .support_invalidation_closures()
                .build(),
            hits: Arc::default(),
            misses: Arc::default(),
        }
    }
}

#[async_trait]
impl CacheBackend for MemoryCache {
    async fn get(&self, key: &str) -> Option<Arc<[u8]>> {
        let found = self.entries.get(key).await.map(|entry| entry.value);
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    async fn set(&self, key: &str, value: Vec<u8>, ttl: Option<Duration>) {
        let entry = Entry {
            value: value.into(),
            ttl,
        };
        self.entries.insert(key.to_string(), entry).await;
    }

    async fn delete(&self, key: &str) {
        self.entries.invalidate(key).await;
    }

    async fn delete_prefix(&self, prefix: &str) {
        let prefix = prefix.to_string();
        // Only fails when invalidation closures are not enabled, which `new` always does.
        if let Err(err) = self
            .entries
            .invalidate_entries_if(move |key, _| key.starts_with(&prefix))
        {
            tracing::error!(error = %err, "cache prefix invalidation failed");
        }
    }

    fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries: self.entries.entry_count(),
        }
    }
}

/// A view of a cache confined to one tenant's key space.
#[derive(Clone)]
pub struct TenantScopedCache {
    tenant_id: TenantId,
    backend: Arc<dyn CacheBackend>,
}

impl TenantScopedCache {
    pub fn new(tenant_id: TenantId, backend: Arc<dyn CacheBackend>) -> Self {
        Self { tenant_id, backend }
    }

    fn key(&self, key: &str) -> String {
        format!("t:{}:{key}", self.tenant_id)
    }

    pub async fn get(&self, key: &str) -> Option<Arc<[u8]>> {
        self.backend.get(&self.key(key)).await
    }

    pub async fn set(&self, key: &str, value: Vec<u8>, ttl: Option<Duration>) {
        self.backend.set(&self.key(key), value, ttl).await;
    }

    pub async fn delete(&self, key: &str) {
        self.backend.delete(&self.key(key)).await;
    }

    /// Drops every entry of this tenant.
    pub async fn clear(&self) {
        self.backend.delete_prefix(&self.key("")).await;
    }
}

/// A version number per tenant of what its cached responses were built from. A reader takes
/// the tenant's generation *before* it reads, and caches under it; a writer bumps it *after* its
/// change commits. An entry cached from data read before a commit is then stored under the old
/// generation and never served again, however the reader and the writer interleave.
#[derive(Debug, Default)]
pub struct Generations {
    by_tenant: std::sync::RwLock<std::collections::HashMap<TenantId, u64>>,
}

impl Generations {
    pub fn current(&self, tenant: TenantId) -> u64 {
        self.by_tenant
            .read()
            .map(|map| map.get(&tenant).copied().unwrap_or(0))
            .unwrap_or(0)
    }

    /// Makes every entry cached for `tenant` so far stale.
    pub fn bump(&self, tenant: TenantId) {
        if let Ok(mut map) = self.by_tenant.write() {
            *map.entry(tenant).or_insert(0) += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bump_moves_only_its_tenants_generation() {
        let generations = Generations::default();
        let (a, b) = (TenantId::new(), TenantId::new());
        assert_eq!(generations.current(a), 0);
        generations.bump(a);
        generations.bump(a);
        assert_eq!((generations.current(a), generations.current(b)), (2, 0));
    }

    #[tokio::test]
    async fn counts_hits_and_misses() {
        let cache = MemoryCache::new(100);
        assert!(cache.get("a").await.is_none());
        cache.set("a", b"1".to_vec(), None).await;
        assert_eq!(cache.get("a").await.as_deref(), Some(&b"1"[..]));
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses), (1, 1));
    }

    #[tokio::test]
    async fn entries_expire_after_their_ttl() {
        let cache = MemoryCache::new(100);
        cache
            .set("short", b"x".to_vec(), Some(Duration::from_millis(30)))
            .await;
        cache.set("long", b"y".to_vec(), None).await;
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert!(cache.get("short").await.is_none());
        assert!(cache.get("long").await.is_some());
    }

    #[tokio::test]
    async fn tenants_never_see_each_others_entries() {
        let backend: Arc<dyn CacheBackend> = Arc::new(MemoryCache::new(100));
        let a = TenantScopedCache::new(TenantId::new(), backend.clone());
        let b = TenantScopedCache::new(TenantId::new(), backend.clone());
        a.set("page:home", b"tenant a".to_vec(), None).await;
        assert!(b.get("page:home").await.is_none());
        b.set("page:home", b"tenant b".to_vec(), None).await;
        b.clear().await;
        assert_eq!(a.get("page:home").await.as_deref(), Some(&b"tenant a"[..]));
        assert!(b.get("page:home").await.is_none());
    }
}
