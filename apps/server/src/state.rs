//! Everything a request handler needs, built once at boot (see `app.rs`).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustok_core::events::{MemoryTransportConfig, TransportStats};
use rustok_core::{EventBus, EventDispatcher, MemoryTransport, ModuleRegistry, RusToKModule};
use rustok_rbac::RbacService;
use rustok_telemetry::Metrics;
use rustok_tenant::TenantResolver;
use sea_orm::DatabaseConnection;

use crate::graphql::{AppSchema, build_schema};
use crate::modules::{EventsModule, builtin_modules};
use crate::services::auth::AuthService;
use crate::settings::RustokSettings;

pub type SharedState = Arc<AppState>;

pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<RustokSettings>,
    pub modules: ModuleRegistry,
    pub tenants: TenantResolver,
    pub rbac: RbacService,
    pub auth: AuthService,
    pub events: EventBus,
    pub event_stats: Arc<TransportStats>,
    pub metrics: Metrics,
    pub graphql: AppSchema,
    pub started_at: Instant,
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
    /// Builds the state and starts the event dispatcher. Needs a Tokio runtime.
    pub fn build(db: DatabaseConnection, settings: RustokSettings) -> Result<Self, BootError> {
        let settings = Arc::new(settings);
        let data_dir = settings.ensure_data_dir()?.to_path_buf();
        let secret = jwt_secret(&settings, &data_dir)?;

        let (transport, receiver) = MemoryTransport::new(MemoryTransportConfig {
            capacity: settings.events.memory_capacity,
            ..MemoryTransportConfig::default()
        });
        let event_stats = transport.stats();
        let transport = Arc::new(transport);
        let events = EventBus::new(transport.clone());

        let mut modules: Vec<Arc<dyn RusToKModule>> = builtin_modules();
        modules.push(Arc::new(EventsModule::new(transport)));
        let modules = ModuleRegistry::new(modules)?;
        let handlers = modules
            .modules()
            .iter()
            .flat_map(|m| m.event_handlers())
            .collect();
        EventDispatcher::new(handlers).spawn(receiver, event_stats.clone());

        let tenants = TenantResolver::new(
            db.clone(),
            settings.tenant.cache_capacity,
            Duration::from_secs(settings.tenant.cache_ttl_secs),
        );
        let auth = AuthService::new(
            db.clone(),
            secret.as_bytes(),
            &settings.auth,
            &settings.rate_limit,
            events.clone(),
        );
        let metrics = Metrics::new()?;
        register_scraped_metrics(&metrics, &tenants, &event_stats);

        Ok(Self {
            rbac: RbacService::new(db.clone()),
            graphql: build_schema(),
            db,
            settings,
            modules,
            tenants,
            auth,
            events,
            event_stats,
            metrics,
            started_at: Instant::now(),
        })
    }
}

/// Metric name, help text, and how to read it from the transport counters.
type ScrapedCounter = (&'static str, &'static str, fn(&TransportStats) -> u64);

fn register_scraped_metrics(
    metrics: &Metrics,
    tenants: &TenantResolver,
    stats: &Arc<TransportStats>,
) {
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
    let counters: [ScrapedCounter; 5] = [
        (
            "rustok_events_published_total",
            "Events accepted by the transport",
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
    tracing::info!(path = %path.display(), "generated a development JWT secret");
    Ok(secret)
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
