//! Everything a request handler needs, built once per process (see `app::shared_state`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustok_core::events::{MemoryTransportConfig, TransportStats};
use rustok_core::{
    EventBus, EventDispatcher, EventHandler, EventTransport, MemoryTransport, ModuleRegistry,
    RusToKModule,
};
use rustok_index::{ContentIndex, IndexConsumer, IndexModule, IndexStats, ProductIndex};
use rustok_outbox::{
    OutboxAdmin, OutboxStats, OutboxTransport, Relay, RelayConfig, claim_strategy_for,
};
use rustok_rbac::RbacService;
use rustok_telemetry::Metrics;
use rustok_tenant::TenantResolver;
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use crate::graphql::{AppSchema, schema_with};
use crate::modules::{EventsHealth, EventsModule, builtin_modules};
use crate::services::auth::AuthService;
use crate::settings::{EventTransportKind, OutboxSettings, RustokSettings, SearchBackendKind};

pub type SharedState = Arc<AppState>;

/// Buckets of `rustok_index_lag_seconds` (the budget is 50 ms at p99).
const INDEX_LAG_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0, 30.0,
];

pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<RustokSettings>,
    pub modules: ModuleRegistry,
    pub tenants: TenantResolver,
    pub rbac: RbacService,
    pub auth: AuthService,
    pub events: EventBus,
    /// Counters of the `memory` transport (None with the outbox).
    pub memory_stats: Option<Arc<TransportStats>>,
    /// Counters of the outbox (None with the `memory` transport).
    pub outbox_stats: Option<Arc<OutboxStats>>,
    pub outbox_admin: Option<OutboxAdmin>,
    /// Per-tenant module switches (see `services::modules`).
    pub module_toggles: moka::future::Cache<rustok_core::TenantId, Arc<HashMap<String, bool>>>,
    pub metrics: Metrics,
    pub graphql: AppSchema,
    pub started_at: Instant,
    /// The product read model visitors are served from.
    pub product_index: Arc<ProductIndex>,
    /// Search over that read model, the engine `settings.search.backend` picks.
    pub search: Arc<dyn rustok_core::SearchBackend>,
    /// The content read model (posts, pages, topics, …); shares the products' generations.
    pub content_index: Arc<ContentIndex>,
    /// Anonymous storefront responses (None when `cache.enabled` is off).
    pub hot_cache: Option<crate::middleware::hot_cache::HotCache>,
    /// Request rate limits; `None` when `rate_limit.enabled` is false.
    pub rate_limits: Option<Arc<crate::middleware::rate_limit::RateLimits>>,
    relay: Option<Relay>,
    relay_wake: Arc<Notify>,
}

#[derive(Debug, thiserror::Error)]
pub enum BootError {
    #[error("{0}")]
    Settings(#[from] crate::settings::SettingsError),
    #[error("module registry: {0}")]
    Modules(#[from] rustok_core::ModuleError),
    #[error("metrics: {0}")]
    Metrics(#[from] rustok_telemetry::TelemetryError),
    #[error("JWT secret file `{path}`: {message}")]
    Secret { path: String, message: String },
}

impl AppState {
    /// Builds the state. With the `memory` transport this starts its dispatcher; the outbox relay
    /// starts separately ([`AppState::start_relay`]) because only servers relay, not CLI tasks.
    pub fn build(db: DatabaseConnection, settings: RustokSettings) -> Result<Self, BootError> {
        let settings = Arc::new(settings);
        let data_dir = settings.ensure_data_dir()?.to_path_buf();
        let secret = jwt_secret(&settings, &data_dir)?;
        let metrics = Metrics::new()?;

        let product_index =
            ProductIndex::new(db.clone(), Arc::new(rustok_commerce::StorefrontCatalog));
        let search = search_backend(&db, &settings);
        let content_index = ContentIndex::new(
            db.clone(),
            Arc::new(rustok_content::StorefrontContent),
            product_index.generations().clone(),
        );
        let index_stats = Arc::new(IndexStats::with_histogram(metrics.histogram(
            "rustok_index_lag_seconds",
            "Time from an event's commit to the index rows it changes",
            INDEX_LAG_BUCKETS,
        )?));
        let stats = index_stats.clone();
        metrics.gauge_fn(
            "rustok_index_lag_p99_seconds",
            "p99 of rustok_index_lag_seconds over the last 1024 events",
            move || stats.p99(),
        );
        let index_module = IndexModule::new(
            IndexConsumer::with_stats(product_index.clone(), index_stats.clone())
                .with_content(content_index.clone())
                .shared(),
            index_stats,
            Duration::from_millis(settings.index.lag_degraded_ms),
        );
        let mut modules: Vec<Arc<dyn RusToKModule>> = builtin_modules(&db, index_module);
        let handlers: Vec<Arc<dyn EventHandler>> =
            modules.iter().flat_map(|m| m.event_handlers()).collect();

        let relay_wake = Arc::new(Notify::new());
        let mut memory_stats = None;
        let mut outbox_stats = None;
        let mut relay = None;
        let (transport, events_health): (Arc<dyn EventTransport>, EventsHealth) =
            match settings.events.transport {
                // `iggy` never gets here: settings validation refuses it until it exists.
                EventTransportKind::Memory | EventTransportKind::Iggy => {
                    let (transport, receiver) = MemoryTransport::new(MemoryTransportConfig {
                        capacity: settings.events.memory_capacity,
                        ..MemoryTransportConfig::default()
                    });
                    let stats = transport.stats();
                    register_memory_metrics(&metrics, &stats);
                    EventDispatcher::new(handlers).spawn(receiver, stats.clone());
                    memory_stats = Some(stats);
                    let transport = Arc::new(transport);
                    (transport.clone(), EventsHealth::Memory(transport))
                }
                EventTransportKind::Outbox => {
                    let stats = OutboxStats::registered(&metrics)?;
                    let outbox = &settings.events.outbox;
                    let holder = format!("{}-{}", std::process::id(), rustok_core::generate_id());
                    relay = Some(Relay::new(
                        db.clone(),
                        claim_strategy_for(&db, holder),
                        handlers,
                        relay_config(outbox),
                        stats.clone(),
                        relay_wake.clone(),
                    ));
                    outbox_stats = Some(stats.clone());
                    let transport =
                        OutboxTransport::new(db.clone(), stats.clone(), relay_wake.clone());
                    let health = EventsHealth::Outbox {
                        backlog_degraded: outbox.backlog_degraded,
                        dlq_degraded: outbox.dlq_degraded,
                    };
                    (Arc::new(transport), health)
                }
            };
        let events = EventBus::new(transport);
        modules.push(Arc::new(EventsModule::new(events_health)));
        let modules = ModuleRegistry::new(modules)?;

        let tenants = TenantResolver::new(
            db.clone(),
            settings.tenant.cache_capacity,
            Duration::from_secs(settings.tenant.cache_ttl_secs),
        );
        register_tenant_metrics(&metrics, &tenants);
        let auth = AuthService::new(
            db.clone(),
            secret.as_bytes(),
            &settings.auth,
            &settings.rate_limit,
            events.clone(),
        );

        let hot_cache = settings.cache.enabled.then(|| {
            crate::middleware::hot_cache::hot_cache(
                settings.cache.max_entries,
                Duration::from_secs(settings.cache.ttl_secs),
            )
        });
        let rate_limits =
            crate::middleware::rate_limit::RateLimits::new(&settings.rate_limit).map(Arc::new);
        Ok(Self {
            rbac: RbacService::new(db.clone()),
            graphql: schema_with(&settings.graphql),
            outbox_admin: relay.as_ref().map(|r| OutboxAdmin::new(db.clone(), r)),
            module_toggles: moka::future::Cache::builder()
                .max_capacity(settings.tenant.cache_capacity)
                .time_to_live(Duration::from_secs(settings.tenant.cache_ttl_secs))
                .build(),
            db,
            settings,
            modules,
            tenants,
            auth,
            events,
            memory_stats,
            outbox_stats,
            metrics,
            started_at: Instant::now(),
            product_index: Arc::new(product_index),
            search,
            content_index: Arc::new(content_index),
            hot_cache,
            rate_limits,
            relay,
            relay_wake,
        })
    }

    /// Starts the outbox relay in this process, if the outbox is the transport and
    /// `events.outbox.relay` is on. Returns whether it started.
    pub fn start_relay(&self) -> bool {
        match &self.relay {
            Some(relay) if self.settings.events.outbox.relay => {
                relay.clone().spawn();
                true
            }
            _ => false,
        }
    }

    /// Starts periodic housekeeping (expired refresh tokens, hourly) and the modules' schedulers
    /// (scheduled content, every 5 s). Servers only.
    pub fn start_maintenance(&self) {
        // Tenants whose index was never built (an index added to an existing shop) are filled
        // in the background; their visitors read the write model meanwhile.
        if self.settings.index.fill_on_boot {
            let index = self.product_index.clone();
            let content = self.content_index.clone();
            // A failed fill (SQLite's write lock held past the busy timeout, a lost connection)
            // resumes where it stopped, after 1 s, then 2, 4 … up to a minute.
            tokio::spawn(async move {
                let mut delay = Duration::from_secs(1);
                loop {
                    let products = index.fill_missing().await;
                    let content = content.fill_missing().await;
                    if let Err(err) = &products {
                        tracing::warn!(error = %err, retry_in_s = delay.as_secs(), "index fill failed; retrying");
                    }
                    if let Err(err) = &content {
                        tracing::warn!(error = %err, retry_in_s = delay.as_secs(), "content index fill failed; retrying");
                    }
                    if products.is_ok() && content.is_ok() {
                        break;
                    }
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(60));
                }
            });
        }
        rustok_content::spawn_scheduler(
            self.db.clone(),
            self.events.clone(),
            Arc::new(rustok_tenant::StoredModuleSwitches::new(self.db.clone())),
            Duration::from_secs(5),
        );
        let auth = self.auth.clone();
        let db = self.db.clone();
        let retention = self.settings.retention.clone();
        tokio::spawn(async move {
            // The first tick is at once: statistics are fresh from boot on.
            let mut hourly = tokio::time::interval(Duration::from_secs(3600));
            loop {
                hourly.tick().await;
                if let Err(err) = rustok_core::db::optimize_sqlite(&db).await {
                    tracing::warn!(error = %err, "SQLite optimize failed");
                }
                match auth.purge_expired_tokens().await {
                    Ok(0) => {}
                    Ok(purged) => tracing::info!(purged, "purged expired refresh tokens"),
                    Err(err) => tracing::warn!(error = %err, "refresh token purge failed"),
                }
                retain(&db, &retention).await;
            }
        });
    }

    /// The relay itself, for tools and tests that drive it step by step.
    pub fn relay(&self) -> Option<&Relay> {
        self.relay.as_ref()
    }

    /// Asks the relay to look for work now (after a retry, for example).
    pub fn wake_relay(&self) {
        self.relay_wake.notify_one();
    }
}

/// What [`retain`] deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Retained {
    pub carts: u64,
    pub revisions: u64,
    pub audit_rows: u64,
}

/// One round of housekeeping (`settings.rustok.retention`): abandoned anonymous carts, node
/// revisions beyond the kept number, old audit rows, in every tenant. Each part that fails is
/// logged and the others still run; the next round retries. Safe in several processes (each
/// deletes what is due; a second delete finds nothing).
pub async fn retain(
    db: &DatabaseConnection,
    settings: &crate::settings::RetentionSettings,
) -> Retained {
    let days_ago =
        |days: u32| (chrono::Utc::now() - chrono::Duration::days(i64::from(days))).fixed_offset();
    let mut retained = Retained::default();
    if settings.abandoned_cart_days > 0 {
        match rustok_commerce::purge_abandoned_carts(db, days_ago(settings.abandoned_cart_days))
            .await
        {
            Ok(carts) => retained.carts = carts,
            Err(err) => tracing::warn!(error = %err, "abandoned cart cleanup failed"),
        }
    }
    if settings.revisions_per_node > 0 {
        match rustok_content::prune_revisions(db, u64::from(settings.revisions_per_node)).await {
            Ok(revisions) => retained.revisions = revisions,
            Err(err) => tracing::warn!(error = %err, "revision cleanup failed"),
        }
    }
    if settings.audit_days > 0 {
        match crate::services::audit::purge_before(db, days_ago(settings.audit_days)).await {
            Ok(rows) => retained.audit_rows = rows,
            Err(err) => tracing::warn!(error = %err, "audit log cleanup failed"),
        }
    }
    if retained != Retained::default() {
        tracing::info!(
            carts = retained.carts,
            revisions = retained.revisions,
            audit_rows = retained.audit_rows,
            "retention: deleted what is past its keep"
        );
    }
    retained
}

/// `database`: the main database's own full-text search (PostgreSQL or SQLite FTS5, whichever
/// it runs on). `meilisearch` is refused by settings validation until it exists.
fn search_backend(
    db: &DatabaseConnection,
    settings: &RustokSettings,
) -> Arc<dyn rustok_core::SearchBackend> {
    match settings.search.backend {
        SearchBackendKind::Database | SearchBackendKind::Meilisearch => {
            rustok_index::database_search(
                db.clone(),
                rustok_core::SearchLimits {
                    max_total_hits: settings.search.max_total_hits,
                },
            )
        }
    }
}

fn relay_config(outbox: &OutboxSettings) -> RelayConfig {
    RelayConfig {
        batch_size: outbox.batch_size,
        interval: Duration::from_millis(outbox.relay_interval_ms),
        max_attempts: outbox.max_attempts,
        backoff_base: Duration::from_millis(outbox.backoff_base_ms),
        backoff_max: Duration::from_millis(outbox.backoff_max_ms),
        retention: (outbox.retention_days > 0)
            .then(|| Duration::from_secs(u64::from(outbox.retention_days) * 24 * 3600)),
        ..RelayConfig::default()
    }
}

fn register_tenant_metrics(metrics: &Metrics, tenants: &TenantResolver) {
    use std::sync::atomic::Ordering::Relaxed;
    let (hits, misses) = tenants.counters();
    metrics.counter_fn(
        "rustok_tenant_cache_hits_total",
        "Tenant resolutions served from the in-process cache",
        move || hits.load(Relaxed),
    );
    metrics.counter_fn(
        "rustok_tenant_cache_misses_total",
        "Tenant resolutions that queried the database",
        move || misses.load(Relaxed),
    );
}

/// Metric name, help text, and how to read it from the transport counters.
type ScrapedCounter = (&'static str, &'static str, fn(&TransportStats) -> u64);

fn register_memory_metrics(metrics: &Metrics, stats: &Arc<TransportStats>) {
    use std::sync::atomic::Ordering::Relaxed;
    let counters: [ScrapedCounter; 5] = [
        (
            "rustok_events_published_total",
            "Events accepted by the memory transport",
            |s| s.accepted.load(Relaxed),
        ),
        (
            "rustok_events_backpressure_warnings_total",
            "Events accepted above the queue warning level",
            |s| s.warned.load(Relaxed),
        ),
        (
            "rustok_events_rejected_total",
            "Events rejected because the queue was full",
            |s| s.rejected.load(Relaxed),
        ),
        (
            "rustok_events_dispatched_total",
            "Events delivered to handlers",
            |s| s.dispatched.load(Relaxed),
        ),
        (
            "rustok_events_handler_failures_total",
            "Handler invocations that failed",
            |s| s.handler_failures.load(Relaxed),
        ),
    ];
    for (name, help, read) in counters {
        let stats = stats.clone();
        metrics.counter_fn(name, help, move || read(&stats));
    }
}

/// The configured secret, or (development/test only; production refuses earlier, in settings
/// validation) one generated once into the data directory and reused on every start.
fn jwt_secret(settings: &RustokSettings, data_dir: &Path) -> Result<String, BootError> {
    if let Some(secret) = &settings.auth.jwt_secret {
        return Ok(secret.clone());
    }
    let path = data_dir.join("jwt-secret");
    let fail = |message: String| BootError::Secret {
        path: path.display().to_string(),
        message,
    };
    match std::fs::read_to_string(&path) {
        Ok(secret) if secret.trim().len() >= crate::settings::MIN_JWT_SECRET_LEN => {
            warn_generated_secret(&path, "using the JWT secret generated earlier");
            return Ok(secret.trim().to_string());
        }
        Ok(_) => return Err(fail("too short; delete it to regenerate".into())),
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            return Err(fail(err.to_string()));
        }
        Err(_) => {}
    }
    let secret = random_hex(32);
    write_private(&path, &secret).map_err(|err| fail(err.to_string()))?;
    warn_generated_secret(&path, "generated a development JWT secret");
    Ok(secret)
}

/// A generated secret is this data directory's alone: another process (another data directory)
/// generates its own and refuses this one's tokens.
fn warn_generated_secret(path: &Path, what: &str) {
    tracing::warn!(
        path = %path.display(),
        "{what}; every server process must share one secret: set RUSTOK_JWT_SECRET (see docs/operations.md)"
    );
}

pub fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    hex::encode(buffer)
}

/// Writes a file only the owner can read (secrets, generated passwords).
pub fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(content.as_bytes())?;
    file.write_all(b"\n")
}

#[async_trait::async_trait]
impl rustok_api::Platform for AppState {
    fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    fn events(&self) -> &EventBus {
        &self.events
    }

    fn rbac(&self) -> &RbacService {
        &self.rbac
    }

    async fn module_enabled(
        &self,
        tenant: rustok_core::TenantId,
        module: &str,
    ) -> Result<bool, rustok_core::Error> {
        crate::services::modules::is_enabled(self, tenant, module).await
    }

    fn product_reads(&self) -> Option<Arc<dyn rustok_core::ProductReads>> {
        Some(self.product_index.clone())
    }

    fn search(&self) -> Option<Arc<dyn rustok_core::SearchBackend>> {
        Some(self.search.clone())
    }

    fn content_reads(&self) -> Option<Arc<dyn rustok_core::ContentReads>> {
        Some(self.content_index.clone())
    }

    async fn account_email(
        &self,
        tenant: rustok_core::TenantId,
        user_id: uuid::Uuid,
    ) -> Result<Option<String>, rustok_core::Error> {
        use crate::models::users;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
        let email: Option<String> = users::Entity::find_by_id(user_id)
            .filter(users::Column::TenantId.eq(tenant.as_uuid()))
            .select_only()
            .column(users::Column::Email)
            .into_tuple()
            .one(&self.db)
            .await
            .map_err(rustok_core::Error::from)?;
        Ok(email)
    }
}

impl rustok_api::ApiState for AppState {
    fn body_limit(&self) -> usize {
        self.settings.http.body_limit_bytes
    }

    fn verify_token(
        &self,
        token: &str,
        tenant: rustok_core::TenantId,
    ) -> Result<rustok_rbac::Principal, rustok_core::Error> {
        self.auth.keys().verify(token, tenant)
    }
}
