//! `settings.rustok` from `config/<env>.yaml`, with environment overrides, parsed into typed and
//! validated settings at boot. Any invalid value stops the process with a message naming the
//! setting (and the environment variable that set it) and the allowed values.
//!
//! Every environment variable the server reads is listed in [`ENV_OVERRIDES`] plus `DATABASE_URL`
//! and `PORT` (see [`apply_env`]); README.md's configuration table mirrors this file.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("invalid setting `{path}`{source_hint}: {message}")]
    Invalid {
        path: String,
        source_hint: String,
        message: String,
    },
    #[error("cannot prepare data directory `{dir}`: {message}")]
    DataDir { dir: String, message: String },
}

/// Environment variable → settings path (dot separated, under `settings.rustok`).
pub const ENV_OVERRIDES: &[(&str, &str)] = &[
    ("RUSTOK_DATA_DIR", "data_dir"),
    (
        "RUSTOK_ALLOW_SQLITE_IN_PRODUCTION",
        "allow_sqlite_in_production",
    ),
    ("RUSTOK_EVENT_TRANSPORT", "events.transport"),
    ("RUSTOK_DEFAULT_TENANT", "tenant.default_slug"),
    ("RUSTOK_TENANT_HEADER", "tenant.header"),
    ("RUSTOK_JWT_SECRET", "auth.jwt_secret"),
    ("RUSTOK_ADMIN_EMAIL", "seed.admin_email"),
    ("RUSTOK_ADMIN_PASSWORD", "seed.admin_password"),
    ("RUSTOK_SEED_DEMO", "seed.demo_tenant"),
    ("RUSTOK_SEED_DEMO_SHOP", "seed.demo_shop"),
    ("RUSTOK_BODY_LIMIT_BYTES", "http.body_limit_bytes"),
    ("RUSTOK_REQUEST_TIMEOUT_SECS", "http.request_timeout_secs"),
    ("RUSTOK_HSTS_MAX_AGE_SECS", "http.hsts_max_age_secs"),
    ("RUSTOK_SEARCH_BACKEND", "search.backend"),
    ("RUSTOK_SEARCH_MAX_TOTAL_HITS", "search.max_total_hits"),
    ("RUSTOK_FEATURE_REGISTRATION", "features.registration"),
    ("RUSTOK_GRAPHQL_INTROSPECTION", "graphql.introspection"),
    ("RUSTOK_RATE_LIMIT_ENABLED", "rate_limit.enabled"),
    ("RUSTOK_OUTBOX_RELAY", "events.outbox.relay"),
    ("RUSTOK_OUTBOX_MAX_ATTEMPTS", "events.outbox.max_attempts"),
    ("RUSTOK_INDEX_LAG_DEGRADED_MS", "index.lag_degraded_ms"),
    ("RUSTOK_INDEX_FILL_ON_BOOT", "index.fill_on_boot"),
    ("RUSTOK_CACHE_ENABLED", "cache.enabled"),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RustokSettings {
    /// Where the embedded database, the generated JWT secret and the admin password file live.
    #[serde(default = "default_data_dir")]
    pub data_dir: PathBuf,
    /// Production refuses to start on SQLite (one file, one process, no replica) unless this
    /// says it is meant.
    #[serde(default)]
    pub allow_sqlite_in_production: bool,
    #[serde(default)]
    pub tenant: TenantSettings,
    #[serde(default)]
    pub search: SearchSettings,
    #[serde(default)]
    pub features: FeatureSettings,
    #[serde(default)]
    pub rate_limit: RateLimitSettings,
    #[serde(default)]
    pub graphql: GraphqlSettings,
    #[serde(default)]
    pub retention: RetentionSettings,
    #[serde(default)]
    pub events: EventSettings,
    #[serde(default)]
    pub index: IndexSettings,
    #[serde(default)]
    pub cache: CacheSettings,
    #[serde(default)]
    pub auth: AuthSettings,
    #[serde(default)]
    pub http: HttpSettings,
    #[serde(default)]
    pub seed: SeedSettings,
}

fn default_data_dir() -> PathBuf {
    PathBuf::from("data")
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TenantSettings {
    /// Tenant used when neither the header nor the hostname names one.
    pub default_slug: String,
    /// Request header naming the tenant by slug or id.
    pub header: String,
    /// Look hostnames up in `tenant_domains`.
    pub resolve_by_host: bool,
    pub cache_capacity: u64,
    pub cache_ttl_secs: u64,
}

impl Default for TenantSettings {
    fn default() -> Self {
        Self {
            default_slug: "demo".into(),
            header: "X-Tenant-ID".into(),
            resolve_by_host: true,
            cache_capacity: 10_000,
            cache_ttl_secs: 60,
        }
    }
}

/// The hot cache of storefront responses (serialized bytes per tenant, in process).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CacheSettings {
    pub enabled: bool,
    /// Responses kept at most (least recently used go first).
    pub max_entries: u64,
    /// A response is dropped after this even if nothing changed.
    pub ttl_secs: u64,
}

impl Default for CacheSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            max_entries: 10_000,
            ttl_secs: 300,
        }
    }
}

/// The storefront read model (`rustok-index`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndexSettings {
    /// `/health/ready` reports the index degraded while the p99 of commit → indexed over the
    /// last events exceeds this.
    pub lag_degraded_ms: u64,
    /// Servers fill, in the background, the index of every tenant that has none finished (an
    /// index added to an existing shop). Turn it off on replicas that leave it to one process.
    pub fill_on_boot: bool,
}

impl Default for IndexSettings {
    fn default() -> Self {
        Self {
            lag_degraded_ms: 1_000,
            fill_on_boot: true,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchBackendKind {
    /// PostgreSQL full-text search / SQLite FTS5, inside the main database.
    #[default]
    Database,
    Meilisearch,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchSettings {
    pub backend: SearchBackendKind,
    pub meilisearch_url: Option<String>,
    /// Matches a search ranks, counts and pages at most (`rustok_core::SearchLimits`).
    pub max_total_hits: u64,
}

impl Default for SearchSettings {
    fn default() -> Self {
        Self {
            backend: SearchBackendKind::default(),
            meilisearch_url: None,
            max_total_hits: rustok_core::search::DEFAULT_MAX_TOTAL_HITS,
        }
    }
}

/// The largest `search.max_total_hits` accepted.
pub const MAX_TOTAL_HITS_LIMIT: u64 = 100_000;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeatureSettings {
    /// Open self-registration (storefront customers) through `POST /api/v1/auth/register`.
    pub registration: bool,
    /// Serve the GraphQL explorer on `GET /api/graphql`.
    pub graphql_explorer: bool,
}

impl Default for FeatureSettings {
    fn default() -> Self {
        Self {
            registration: true,
            graphql_explorer: true,
        }
    }
}

/// Housekeeping of data nobody needs forever, run hourly by each server; `0` keeps forever.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionSettings {
    /// Anonymous carts never checked out and untouched this many days are deleted.
    pub abandoned_cart_days: u32,
    /// Revisions kept per content node (the newest); older ones are deleted.
    pub revisions_per_node: u32,
    /// Audit log rows recorded longer ago than this many days are deleted.
    pub audit_days: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        Self {
            abandoned_cart_days: 30,
            revisions_per_node: 50,
            audit_days: 365,
        }
    }
}

/// What one GraphQL request may ask for (`rustok_api::graphql_limits`; docs/security.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GraphqlSettings {
    /// Answer introspection (`__schema`, `__type`): on by default, off in production unless set.
    pub introspection: bool,
    pub max_depth: usize,
    /// Rows and fields a request may ask for, as `rustok_api::graphql_limits` counts them.
    pub max_cost: u64,
    pub max_aliases: usize,
    pub max_root_fields: usize,
    /// Root fields of one request resolved at once.
    pub root_concurrency: usize,
}

impl Default for GraphqlSettings {
    fn default() -> Self {
        let limits = rustok_api::graphql_limits::GraphqlLimits::default();
        Self {
            introspection: true,
            max_depth: limits.max_depth,
            max_cost: limits.max_cost,
            max_aliases: limits.max_aliases,
            max_root_fields: limits.max_root_fields,
            root_concurrency: limits.root_concurrency,
        }
    }
}

impl GraphqlSettings {
    pub fn limits(&self) -> rustok_api::graphql_limits::GraphqlLimits {
        rustok_api::graphql_limits::GraphqlLimits {
            max_depth: self.max_depth,
            max_cost: self.max_cost,
            max_aliases: self.max_aliases,
            max_root_fields: self.max_root_fields,
            root_concurrency: self.root_concurrency,
        }
    }

    fn validate(&self) -> Result<(), SettingsError> {
        let positive = [
            ("graphql.max_depth", self.max_depth as u64),
            ("graphql.max_cost", self.max_cost),
            ("graphql.max_aliases", self.max_aliases as u64),
            ("graphql.max_root_fields", self.max_root_fields as u64),
            ("graphql.root_concurrency", self.root_concurrency as u64),
        ];
        match positive.iter().find(|(_, value)| *value == 0) {
            Some((path, _)) => Err(invalid(path, "must be at least 1")),
            None => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitSettings {
    /// Request rate limits (`middleware::rate_limit`); the login limit below holds regardless.
    pub enabled: bool,
    /// Every `/api/` request, per client IP.
    pub client: RateQuota,
    /// Sign-in, registration and token refresh, per client IP (on top of `client`).
    pub auth: RateQuota,
    /// Checking a cart out, per client IP (on top of `client`).
    pub checkout: RateQuota,
    /// Every request of one tenant, whoever sends it.
    pub tenant: RateQuota,
    /// Every request of one signed-in user.
    pub caller: RateQuota,
    /// Peers whose `X-Forwarded-For` is believed (load balancers, reverse proxies).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Failed logins allowed per tenant + email within the window.
    pub login_max_failures: u32,
    pub login_window_secs: u64,
}

/// A steady rate and the burst that may be spent at once.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateQuota {
    pub requests_per_minute: u32,
    pub burst: u32,
}

const fn quota(requests_per_minute: u32, burst: u32) -> RateQuota {
    RateQuota {
        requests_per_minute,
        burst,
    }
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            client: quota(600, 100),
            auth: quota(20, 10),
            checkout: quota(20, 5),
            tenant: quota(60_000, 2_000),
            caller: quota(6_000, 1_000),
            trusted_proxies: Vec::new(),
            login_max_failures: 5,
            login_window_secs: 300,
        }
    }
}

impl RateLimitSettings {
    fn validate(&self) -> Result<(), SettingsError> {
        let quotas = [
            ("client", self.client),
            ("auth", self.auth),
            ("checkout", self.checkout),
            ("tenant", self.tenant),
            ("caller", self.caller),
        ];
        for (name, quota) in quotas {
            if quota.requests_per_minute == 0 || quota.burst == 0 {
                return Err(invalid(
                    &format!("rate_limit.{name}"),
                    "requests_per_minute and burst must be at least 1",
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventTransportKind {
    /// L0: in-process bounded queue (development; loses queued events on crash).
    Memory,
    /// L1: transactional outbox + relay.
    #[default]
    Outbox,
    /// L2: Apache Iggy.
    Iggy,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EventSettings {
    pub transport: EventTransportKind,
    /// Queue size of the `memory` transport.
    pub memory_capacity: usize,
    pub outbox: OutboxSettings,
}

impl Default for EventSettings {
    fn default() -> Self {
        Self {
            transport: EventTransportKind::Outbox,
            memory_capacity: 10_000,
            outbox: OutboxSettings::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutboxSettings {
    /// Run the relay in this process (turn off for API-only processes when others relay).
    pub relay: bool,
    /// Idle poll interval; PostgreSQL also wakes the relay on commit (LISTEN/NOTIFY).
    pub relay_interval_ms: u64,
    pub batch_size: u64,
    /// Delivery attempts before an event is parked in the dead-letter queue.
    pub max_attempts: u32,
    pub backoff_base_ms: u64,
    pub backoff_max_ms: u64,
    /// `/health/ready` reports degraded above this many due events.
    pub backlog_degraded: u64,
    /// `/health/ready` reports degraded from this many dead events (0: never).
    pub dlq_degraded: u64,
    /// Dispatched events are deleted after this many days (0: kept forever). Replays reach back
    /// only this far; dead events are never deleted automatically.
    pub retention_days: u32,
}

impl Default for OutboxSettings {
    fn default() -> Self {
        Self {
            relay: true,
            relay_interval_ms: 20,
            batch_size: 100,
            max_attempts: 8,
            backoff_base_ms: 500,
            backoff_max_ms: 300_000,
            backlog_degraded: 10_000,
            dlq_degraded: 1,
            retention_days: 7,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthSettings {
    /// HS256 secret (≥ 32 bytes). Unset: development and test generate one into the data dir;
    /// production refuses to start.
    pub jwt_secret: Option<String>,
    pub access_ttl_secs: u64,
    pub refresh_ttl_secs: u64,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            jwt_secret: None,
            access_ttl_secs: 900,
            refresh_ttl_secs: 30 * 24 * 3600,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpSettings {
    /// Larger request bodies are refused with 413.
    pub body_limit_bytes: usize,
    /// A request not answered within this is answered 503 `unavailable` (its work is dropped:
    /// an open transaction rolls back).
    pub request_timeout_secs: u64,
    /// `Strict-Transport-Security: max-age=…` on every answer; 0 sends none. Set it when the
    /// server is reached over TLS only (behind a TLS-terminating proxy).
    pub hsts_max_age_secs: u64,
    /// Origins (`https://shop.example.com`) whose browser scripts may call the API, besides
    /// the tenants' own domains; `*` allows any.
    pub cors_origins: Vec<String>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            body_limit_bytes: 2 * 1024 * 1024,
            request_timeout_secs: 30,
            hsts_max_age_secs: 0,
            cors_origins: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SeedSettings {
    /// Create the demo tenant and its admin on first start.
    pub demo_tenant: bool,
    /// Give a newly seeded demo tenant a small demo shop (region, shipping, a dozen products).
    pub demo_shop: bool,
    pub admin_email: Option<String>,
    pub admin_password: Option<String>,
}

impl Default for SeedSettings {
    fn default() -> Self {
        Self {
            demo_tenant: true,
            demo_shop: true,
            admin_email: None,
            admin_password: None,
        }
    }
}

pub const MIN_JWT_SECRET_LEN: usize = 32;
/// A production JWT secret has at least this many different characters (64 random hex
/// digits have about 16; `aaaa…` or `secretsecret…` fewer).
pub const MIN_SECRET_DISTINCT: usize = 10;
/// A seeded admin's password in production is at least this long.
pub const MIN_PRODUCTION_ADMIN_PASSWORD_LEN: usize = 12;

fn looks_random(secret: &str) -> bool {
    let distinct: std::collections::BTreeSet<char> = secret.chars().collect();
    distinct.len() >= MIN_SECRET_DISTINCT
}

impl SeedSettings {
    /// The seeded admin's credentials obey the same rules as sign-up, checked before any
    /// migration runs rather than when the seed reaches them.
    fn validate(&self) -> Result<(), SettingsError> {
        use crate::services::auth::{MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};
        if let Some(password) = &self.admin_password {
            let len = password.chars().count();
            if !(MIN_PASSWORD_LEN..=MAX_PASSWORD_LEN).contains(&len) {
                return Err(invalid(
                    "seed.admin_password",
                    &format!(
                        "must be {MIN_PASSWORD_LEN}..={MAX_PASSWORD_LEN} characters (got {len})"
                    ),
                ));
            }
        }
        if let Some(email) = &self.admin_email
            && (email.len() > 254 || !email.trim().contains('@'))
        {
            return Err(invalid("seed.admin_email", "must be an email address"));
        }
        Ok(())
    }
}

impl RustokSettings {
    /// Parses `settings` (the whole Loco `settings:` value) after env overrides were applied.
    pub fn parse(settings: Option<&Value>, production: bool) -> Result<Self, SettingsError> {
        let rustok = settings
            .and_then(|s| s.get("rustok"))
            .cloned()
            .unwrap_or_else(|| json!({}));
        let unset = |pointer: &str| rustok.pointer(pointer).is_none();
        // Production seeds nothing, keeps self-registration closed and answers no GraphQL
        // introspection unless the config or the environment (`RUSTOK_SEED_DEMO`,
        // `RUSTOK_FEATURE_REGISTRATION`, `RUSTOK_GRAPHQL_INTROSPECTION`) says otherwise.
        let closed_by_default = production.then(|| {
            (
                unset("/seed/demo_tenant"),
                unset("/features/registration"),
                unset("/graphql/introspection"),
            )
        });
        let mut parsed: Self = serde_path_to_error::deserialize(rustok).map_err(|err| {
            let path = err.path().to_string();
            SettingsError::Invalid {
                source_hint: env_hint(&path),
                path: format!("settings.rustok.{path}"),
                message: err.into_inner().to_string(),
            }
        })?;
        if let Some((seed_unset, registration_unset, introspection_unset)) = closed_by_default {
            parsed.seed.demo_tenant &= !seed_unset;
            parsed.features.registration &= !registration_unset;
            parsed.graphql.introspection &= !introspection_unset;
        }
        parsed.validate(production)?;
        Ok(parsed)
    }

    fn validate(&self, production: bool) -> Result<(), SettingsError> {
        if self.events.transport == EventTransportKind::Iggy {
            return Err(invalid(
                "events.transport",
                "the iggy transport is not available in this build yet; allowed values: outbox, memory",
            ));
        }
        let outbox = &self.events.outbox;
        if outbox.batch_size == 0 || outbox.batch_size > 10_000 {
            return Err(invalid("events.outbox.batch_size", "must be 1..=10000"));
        }
        if outbox.max_attempts == 0 {
            return Err(invalid("events.outbox.max_attempts", "must be at least 1"));
        }
        if outbox.backoff_base_ms == 0 || outbox.backoff_max_ms < outbox.backoff_base_ms {
            return Err(invalid(
                "events.outbox.backoff_base_ms",
                "must be at least 1 and not above events.outbox.backoff_max_ms",
            ));
        }
        if outbox.relay_interval_ms == 0 {
            return Err(invalid(
                "events.outbox.relay_interval_ms",
                "must be at least 1",
            ));
        }
        if self.events.memory_capacity == 0 {
            return Err(invalid("events.memory_capacity", "must be at least 1"));
        }
        if !(1..=MAX_TOTAL_HITS_LIMIT).contains(&self.search.max_total_hits) {
            return Err(invalid(
                "search.max_total_hits",
                &format!("must be 1..={MAX_TOTAL_HITS_LIMIT}"),
            ));
        }
        if self.search.backend == SearchBackendKind::Meilisearch {
            return Err(invalid(
                "search.backend",
                "this build has no Meilisearch backend yet; allowed values: database",
            ));
        }
        if self.tenant.header.is_empty()
            || !self
                .tenant
                .header
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(invalid(
                "tenant.header",
                "must be a header name ([A-Za-z0-9-]+)",
            ));
        }
        if let Err(err) = rustok_tenant::validation::validate_slug(&self.tenant.default_slug) {
            return Err(invalid("tenant.default_slug", &err.to_string()));
        }
        if self.cache.enabled && (self.cache.max_entries == 0 || self.cache.ttl_secs == 0) {
            let path = if self.cache.max_entries == 0 {
                "cache.max_entries"
            } else {
                "cache.ttl_secs"
            };
            return Err(invalid(path, "must be positive while the cache is enabled"));
        }
        if self.index.lag_degraded_ms == 0 {
            return Err(invalid("index.lag_degraded_ms", "must be at least 1"));
        }
        if self.http.body_limit_bytes < 1024 {
            return Err(invalid("http.body_limit_bytes", "must be at least 1024"));
        }
        if self.http.request_timeout_secs == 0 {
            return Err(invalid("http.request_timeout_secs", "must be at least 1"));
        }
        if let Some(origin) = self
            .http
            .cors_origins
            .iter()
            .find(|origin| *origin != "*" && !is_origin(origin))
        {
            return Err(invalid(
                "http.cors_origins",
                &format!("`{origin}` is not an origin (`https://host[:port]` or `*`)"),
            ));
        }
        if self.auth.access_ttl_secs == 0 {
            return Err(invalid("auth.access_ttl_secs", "must be positive"));
        }
        if self.auth.refresh_ttl_secs == 0 {
            return Err(invalid("auth.refresh_ttl_secs", "must be positive"));
        }
        if self.rate_limit.login_max_failures == 0 || self.rate_limit.login_window_secs == 0 {
            let path = if self.rate_limit.login_max_failures == 0 {
                "rate_limit.login_max_failures"
            } else {
                "rate_limit.login_window_secs"
            };
            return Err(invalid(path, "must be positive"));
        }
        match &self.auth.jwt_secret {
            Some(secret) if secret.len() < MIN_JWT_SECRET_LEN => {
                return Err(invalid(
                    "auth.jwt_secret",
                    &format!("must be at least {MIN_JWT_SECRET_LEN} bytes"),
                ));
            }
            Some(secret) if production && !looks_random(secret) => {
                return Err(invalid(
                    "auth.jwt_secret",
                    &format!(
                        "looks like a placeholder (fewer than {MIN_SECRET_DISTINCT} different characters); \
                         use a random one, e.g. `openssl rand -hex 32`"
                    ),
                ));
            }
            None if production => {
                return Err(invalid(
                    "auth.jwt_secret",
                    "production needs a real secret: set RUSTOK_JWT_SECRET (at least 32 bytes)",
                ));
            }
            _ => {}
        }
        self.graphql.validate()?;
        self.rate_limit.validate()?;
        if production
            && let Some(password) = &self.seed.admin_password
            && password.chars().count() < MIN_PRODUCTION_ADMIN_PASSWORD_LEN
        {
            return Err(invalid(
                "seed.admin_password",
                &format!(
                    "production needs at least {MIN_PRODUCTION_ADMIN_PASSWORD_LEN} characters \
                     (a demo-grade password is refused); unset it to have one generated"
                ),
            ));
        }
        self.seed.validate()
    }

    /// Creates the data directory if needed (the embedded database and generated secrets live there).
    pub fn ensure_data_dir(&self) -> Result<&Path, SettingsError> {
        std::fs::create_dir_all(&self.data_dir).map_err(|err| SettingsError::DataDir {
            dir: self.data_dir.display().to_string(),
            message: err.to_string(),
        })?;
        Ok(&self.data_dir)
    }

    /// The embedded default database: a SQLite file in the data directory.
    pub fn default_database_url(&self) -> String {
        format!(
            "sqlite://{}?mode=rwc",
            self.data_dir.join("rustok.sqlite").display()
        )
    }
}

/// `scheme://host[:port]` with an `http` or `https` scheme and nothing after the host.
fn is_origin(origin: &str) -> bool {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    rest.is_some_and(|host| {
        !host.is_empty()
            && !host.contains(['/', '?', '#', ' ', '@'])
            && axum::http::HeaderValue::from_str(origin).is_ok()
    })
}

fn invalid(path: &str, message: &str) -> SettingsError {
    SettingsError::Invalid {
        path: format!("settings.rustok.{path}"),
        source_hint: env_hint(path),
        message: message.to_string(),
    }
}

fn env_hint(path: &str) -> String {
    ENV_OVERRIDES
        .iter()
        .find(|(_, p)| *p == path)
        .filter(|(var, _)| std::env::var_os(var).is_some())
        .map(|(var, _)| format!(" (set by {var})"))
        .unwrap_or_default()
}

/// Connections one outbox relay holds at once on PostgreSQL: the LISTEN connection, the claim
/// transaction and a consumer transaction.
pub const RELAY_CONNECTIONS: u32 = 3;

/// A PostgreSQL pool must leave room for requests next to a relay.
pub fn check_pool(
    database_uri: &str,
    max_connections: u32,
    settings: &RustokSettings,
) -> Result<(), SettingsError> {
    let relays =
        settings.events.transport == EventTransportKind::Outbox && settings.events.outbox.relay;
    if relays && database_uri.starts_with("postgres") && max_connections <= RELAY_CONNECTIONS {
        return Err(SettingsError::Invalid {
            path: "database.max_connections".into(),
            source_hint: String::new(),
            message: format!(
                "{max_connections} is too few: the outbox relay holds {RELAY_CONNECTIONS} connections \
                 on PostgreSQL, so allow at least {} (or run the relay elsewhere with \
                 RUSTOK_OUTBOX_RELAY=false)",
                RELAY_CONNECTIONS + 1
            ),
        });
    }
    Ok(())
}

/// Applies environment overrides to a loaded Loco config. `lookup` is `std::env::var` in the
/// binary and a map in tests, so tests never touch the process environment.
pub fn apply_env(
    config: &mut loco_rs::config::Config,
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<(), SettingsError> {
    let settings = config.settings.get_or_insert_with(|| json!({}));
    if !settings.is_object() {
        *settings = json!({});
    }
    // An empty variable counts as unset (compose files often pass `VAR=` through).
    let lookup = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
    for (var, path) in ENV_OVERRIDES {
        if let Some(value) = lookup(var) {
            set_path(settings, &format!("rustok.{path}"), env_value(path, &value));
        }
    }
    if let Some(port) = lookup("PORT") {
        config.server.port = port.trim().parse().map_err(|_| SettingsError::Invalid {
            path: "server.port".into(),
            source_hint: " (set by PORT)".into(),
            message: format!("`{port}` is not a port number"),
        })?;
    }
    if let Some(url) = lookup("DATABASE_URL") {
        config.database.uri = url;
    }
    Ok(())
}

/// Environment values are text; numbers and booleans are converted so serde accepts them (a value
/// that does not convert stays text and fails validation with the setting's name).
fn env_value(path: &str, value: &str) -> Value {
    let value = value.trim();
    match path {
        "http.body_limit_bytes"
        | "http.request_timeout_secs"
        | "http.hsts_max_age_secs"
        | "events.outbox.max_attempts"
        | "index.lag_degraded_ms"
        | "search.max_total_hits" => value
            .parse::<u64>()
            .map_or_else(|_| json!(value), |n| json!(n)),
        "features.registration"
        | "events.outbox.relay"
        | "seed.demo_tenant"
        | "seed.demo_shop"
        | "index.fill_on_boot"
        | "graphql.introspection"
        | "rate_limit.enabled"
        | "allow_sqlite_in_production"
        | "cache.enabled" => value
            .parse::<bool>()
            .map_or_else(|_| json!(value), |b| json!(b)),
        _ => Value::String(value.to_string()),
    }
}

fn set_path(root: &mut Value, path: &str, value: Value) {
    let mut node = root;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if !node.is_object() {
            *node = json!({});
        }
        let Some(map) = node.as_object_mut() else {
            return;
        };
        if parts.peek().is_none() {
            map.insert(part.to_string(), value);
            return;
        }
        node = map.entry(part.to_string()).or_insert_with(|| json!({}));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(value: Value) -> Result<RustokSettings, SettingsError> {
        RustokSettings::parse(Some(&json!({ "rustok": value })), false)
    }

    fn parse_production(value: Value) -> Result<RustokSettings, SettingsError> {
        let secret = "3f9c1a7e5b2d4f6a8c0e1b3d5f7a9c2e";
        let mut value = value;
        set_path(&mut value, "auth.jwt_secret", json!(secret));
        RustokSettings::parse(Some(&json!({ "rustok": value })), true)
    }

    #[test]
    fn production_seeds_nothing_and_closes_registration_unless_asked() {
        let closed = parse_production(json!({})).unwrap();
        assert!(!closed.seed.demo_tenant);
        assert!(!closed.features.registration);
        let asked = parse_production(json!({
            "seed": {"demo_tenant": true},
            "features": {"registration": true}
        }))
        .unwrap();
        assert!(asked.seed.demo_tenant);
        assert!(asked.features.registration);
        let development = parse(json!({})).unwrap();
        assert!(development.seed.demo_tenant && development.features.registration);
    }

    #[test]
    fn the_seeded_admin_password_follows_the_sign_up_rules() {
        let err = parse(json!({"seed": {"admin_password": "short"}}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("settings.rustok.seed.admin_password"), "{err}");
        assert!(err.contains("8..=128"), "{err}");
        assert!(parse(json!({"seed": {"admin_password": "long-enough"}})).is_ok());
    }

    #[test]
    fn defaults_are_valid() {
        let settings = parse(json!({})).unwrap();
        assert_eq!(settings.tenant.default_slug, "demo");
        assert_eq!(settings.events.transport, EventTransportKind::Outbox);
        assert_eq!(settings.http.body_limit_bytes, 2 * 1024 * 1024);
    }

    #[test]
    fn unknown_transport_names_the_setting_and_the_allowed_values() {
        let err = parse(json!({"events": {"transport": "bogus"}}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("settings.rustok.events.transport"), "{err}");
        assert!(
            err.contains("memory") && err.contains("outbox") && err.contains("iggy"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = parse(json!({"tenant": {"defualt_slug": "x"}}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("defualt_slug"), "{err}");
    }

    #[test]
    fn production_refuses_placeholders() {
        let placeholder = "x".repeat(40);
        let settings = json!({"rustok": {"auth": {"jwt_secret": placeholder}}});
        let err = RustokSettings::parse(Some(&settings), true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("placeholder"), "{err}");
        assert!(
            parse(json!({"auth": {"jwt_secret": "x".repeat(40)}})).is_ok(),
            "development takes any secret of 32 bytes"
        );
        let err = parse_production(json!({"seed": {"admin_password": "password1"}}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("seed.admin_password"), "{err}");
        assert!(parse_production(json!({"seed": {"admin_password": "a long passphrase"}})).is_ok());
    }

    #[test]
    fn production_needs_a_secret() {
        let err = RustokSettings::parse(Some(&json!({})), true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("auth.jwt_secret"), "{err}");
        let short = parse(json!({"auth": {"jwt_secret": "short"}}))
            .unwrap_err()
            .to_string();
        assert!(short.contains("at least 32"), "{short}");
    }

    #[test]
    fn a_postgres_pool_must_leave_room_for_the_relay() {
        let settings = parse(json!({})).unwrap();
        assert!(
            check_pool("postgres://db/x", 3, &settings)
                .unwrap_err()
                .to_string()
                .contains("database.max_connections")
        );
        assert!(check_pool("postgres://db/x", 4, &settings).is_ok());
        assert!(check_pool("sqlite://x", 1, &settings).is_ok());
        let no_relay = parse(json!({"events": {"outbox": {"relay": false}}})).unwrap();
        assert!(check_pool("postgres://db/x", 2, &no_relay).is_ok());
    }

    #[test]
    fn reserved_default_tenant_is_refused() {
        assert!(parse(json!({"tenant": {"default_slug": "admin"}})).is_err());
    }

    #[test]
    fn env_overrides_land_in_settings_and_server_config() {
        let mut config: loco_rs::config::Config = serde_json::from_value(minimal_config()).unwrap();
        let env = |name: &str| match name {
            "RUSTOK_EVENT_TRANSPORT" => Some("memory".to_string()),
            "RUSTOK_OUTBOX_RELAY" => Some("false".to_string()),
            "RUSTOK_BODY_LIMIT_BYTES" => Some("4096".to_string()),
            "RUSTOK_CACHE_ENABLED" => Some("false".to_string()),
            "RUSTOK_INDEX_LAG_DEGRADED_MS" => Some("250".to_string()),
            "RUSTOK_INDEX_FILL_ON_BOOT" => Some("false".to_string()),
            "PORT" => Some("8181".to_string()),
            "DATABASE_URL" => Some("postgres://db/x".to_string()),
            _ => None,
        };
        apply_env(&mut config, env).unwrap();
        assert_eq!(config.server.port, 8181);
        assert_eq!(config.database.uri, "postgres://db/x");
        let settings = RustokSettings::parse(config.settings.as_ref(), false).unwrap();
        assert_eq!(settings.http.body_limit_bytes, 4096);
        assert_eq!(settings.events.transport, EventTransportKind::Memory);
        assert!(!settings.events.outbox.relay);
        assert!(!settings.cache.enabled);
        assert_eq!(settings.index.lag_degraded_ms, 250);
        assert!(!settings.index.fill_on_boot);

        let bad_port = |name: &str| (name == "PORT").then(|| "eighty".to_string());
        assert!(
            apply_env(&mut config, bad_port)
                .unwrap_err()
                .to_string()
                .contains("PORT")
        );
    }

    fn minimal_config() -> Value {
        json!({
            "logger": {"enable": false, "level": "info", "format": "compact"},
            "server": {"port": 5150, "host": "http://localhost", "middlewares": {}},
            "database": {
                "uri": "sqlite::memory:", "enable_logging": false, "min_connections": 1,
                "max_connections": 1, "connect_timeout": 500, "idle_timeout": 500,
                "auto_migrate": true, "dangerously_truncate": false, "dangerously_recreate": false
            },
            "workers": {"mode": "ForegroundBlocking"},
            "settings": {"rustok": {}}
        })
    }
}
