//! The Loco application: boot, configuration, routes, tasks. Composition only; no business logic.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use axum::Router as AxumRouter;
use loco_rs::app::{AppContext, Hooks};
use loco_rs::bgworker::Queue;
use loco_rs::boot::{BootResult, StartMode, create_app};
use loco_rs::config::Config;
use loco_rs::controller::AppRoutes;
use loco_rs::controller::middleware::MiddlewareLayer;
use loco_rs::environment::Environment;
use loco_rs::task::Tasks;
use migration::Migrator;

use crate::settings::{self, RustokSettings};
use crate::state::{AppState, SharedState};
use crate::{routes, seed, tasks};

pub struct App;

/// The application state of `ctx`, built on first use and then shared by routes, tasks and the
/// seed. Built lazily (not in `after_context`) because Loco creates a throwaway context before
/// booting the server, and that one must not start pools or dispatchers of its own.
pub fn shared_state(ctx: &AppContext) -> loco_rs::Result<SharedState> {
    if let Some(state) = ctx.shared_store.get::<SharedState>() {
        return Ok(state);
    }
    let production = ctx.environment == Environment::Production;
    let settings = RustokSettings::parse(ctx.config.settings.as_ref(), production)
        .map_err(loco_rs::Error::wrap)?;
    if production && ctx.config.database.uri.starts_with("sqlite") {
        tracing::warn!(
            "production is running on SQLite (allow_sqlite_in_production); one process, no replica"
        );
    }
    // Statements are counted per request where a test or diagnostic asks (`count_statements`).
    let mut db = ctx.db.clone();
    rustok_core::count_statements_of(&mut db);
    let state: SharedState = Arc::new(AppState::build(db, settings).map_err(loco_rs::Error::wrap)?);
    ctx.shared_store.insert(state.clone());
    Ok(state)
}

/// Loads `config/<env>.yaml`, applies environment overrides, validates `settings.rustok` and
/// fills in the embedded default database. Fails fast, naming the bad setting.
pub fn load_config(
    env: &Environment,
    lookup: impl Fn(&str) -> Option<String>,
) -> loco_rs::Result<Config> {
    let folder = lookup("LOCO_CONFIG_FOLDER")
        .map(PathBuf::from)
        .unwrap_or_else(default_config_folder);
    check_config_file(env, &folder)?;
    let mut config = env.load_from_folder(&folder)?;
    settings::apply_env(&mut config, lookup).map_err(loco_rs::Error::wrap)?;
    let parsed = RustokSettings::parse(config.settings.as_ref(), *env == Environment::Production)
        .map_err(loco_rs::Error::wrap)?;
    parsed.ensure_data_dir().map_err(loco_rs::Error::wrap)?;
    if config.database.uri.trim().is_empty() {
        config.database.uri = parsed.default_database_url();
    }
    if *env == Environment::Production
        && config.database.uri.starts_with("sqlite")
        && !parsed.allow_sqlite_in_production
    {
        return Err(loco_rs::Error::string(
            "production refuses to run on SQLite: set DATABASE_URL to a PostgreSQL database, or \
             settings.rustok.allow_sqlite_in_production (RUSTOK_ALLOW_SQLITE_IN_PRODUCTION=true) \
             if one process on one file is meant",
        ));
    }
    settings::check_pool(
        &config.database.uri,
        config.database.max_connections,
        &parsed,
    )
    .map_err(loco_rs::Error::wrap)?;
    Ok(config)
}

/// `./config` when run from the workspace (the README's commands), else the workspace's own.
fn default_config_folder() -> PathBuf {
    let local = PathBuf::from("config");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config")
}

/// Names what is missing before Loco's generic "no configuration file found": the folder (the
/// binary run outside the repository) or the environment's file (`LOCO_ENV=staging`).
fn check_config_file(env: &Environment, folder: &Path) -> loco_rs::Result<()> {
    if !folder.is_dir() {
        return Err(loco_rs::Error::string(&format!(
            "no configuration folder at `{}`: run from the directory that holds `config/` (the \
             repository root) or set LOCO_CONFIG_FOLDER",
            folder.display()
        )));
    }
    let file = folder.join(format!("{env}.yaml"));
    if file.exists() || folder.join(format!("{env}.local.yaml")).exists() {
        return Ok(());
    }
    let mut known: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter_map(|name| name.strip_suffix(".yaml").map(str::to_string))
                .filter(|name| !name.ends_with(".local"))
                .collect()
        })
        .unwrap_or_default();
    known.sort();
    Err(loco_rs::Error::string(&format!(
        "no configuration for environment `{env}`: `{}` does not exist (LOCO_ENV names the \
         environment; configured: {})",
        file.display(),
        known.join(", ")
    )))
}

/// For a start that failed on the database: connects once more, directly, so the message names
/// the (password-less) address and the real cause instead of the pool's bare "pool timed out".
/// `None` when the error is not about reaching the database.
pub async fn explain_database_error(env: &Environment, err: &loco_rs::Error) -> Option<String> {
    let text = err.to_string();
    let about_connecting = matches!(err, loco_rs::Error::DB(_))
        || text.contains("pool timed out")
        || text.contains("error communicating with database");
    if !about_connecting {
        return None;
    }
    let config = load_config(env, |name| std::env::var(name).ok()).ok()?;
    let cause = match check_database(&config).await {
        Err(cause) => cause,
        Ok(()) => text,
    };
    Some(format!(
        "cannot connect to the database `{}` (DATABASE_URL or database.uri): {cause}",
        redact_password(&config.database.uri)
    ))
}

/// The SQLite pool as `database` sizes it, each connection opened by
/// [`rustok_core::db::sqlite_connection`].
async fn connect_sqlite(
    database: &loco_rs::config::Database,
) -> loco_rs::Result<sea_orm::DatabaseConnection> {
    use std::time::Duration;
    let mut options = sea_orm::ConnectOptions::new(&database.uri);
    options
        .max_connections(database.max_connections)
        .min_connections(database.min_connections)
        .connect_timeout(Duration::from_millis(database.connect_timeout))
        .idle_timeout(Duration::from_millis(database.idle_timeout))
        .sqlx_logging(database.enable_logging)
        .map_sqlx_sqlite_opts(rustok_core::db::sqlite_connection);
    if let Some(timeout) = database.acquire_timeout {
        options.acquire_timeout(Duration::from_millis(timeout));
    }
    Ok(sea_orm::Database::connect(options).await?)
}

/// One direct connection (no pool, so the driver's own error comes through: refused, unknown
/// host, authentication failed, no such database).
async fn check_database(config: &Config) -> Result<(), String> {
    use sea_orm::sqlx::Connection;
    let uri = &config.database.uri;
    let timeout = std::time::Duration::from_millis(config.database.connect_timeout.max(1000));
    let attempt = async {
        if uri.starts_with("postgres") {
            let conn = sea_orm::sqlx::PgConnection::connect(uri).await?;
            conn.close().await
        } else {
            let conn = sea_orm::sqlx::SqliteConnection::connect(uri).await?;
            conn.close().await
        }
    };
    match tokio::time::timeout(timeout, attempt).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err(format!("no answer within {} ms", timeout.as_millis())),
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_password(uri: &str) -> String {
    let Some((scheme, rest)) = uri.split_once("://") else {
        return uri.to_string();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return uri.to_string();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => uri.to_string(),
    }
}

/// Whether `env`'s configuration writes JSON log lines (read before Loco boots, for the banner).
pub fn logs_are_json(env: &Environment) -> bool {
    let folder = std::env::var("LOCO_CONFIG_FOLDER")
        .map(PathBuf::from)
        .unwrap_or_else(|_| default_config_folder());
    env.load_from_folder(&folder)
        .is_ok_and(|config| crate::logging::is_json(&config.logger))
}

#[async_trait]
impl Hooks for App {
    fn app_name() -> &'static str {
        "rustok-server"
    }

    fn app_version() -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }

    async fn boot(
        mode: StartMode,
        environment: &Environment,
        config: Config,
    ) -> loco_rs::Result<BootResult> {
        create_app::<Self, Migrator>(mode, environment, config).await
    }

    /// On SQLite the pool is reopened so that every connection gets the same pragmas
    /// ([`rustok_core::db::sqlite_connection`]); Loco's own pool runs its pragmas on the first
    /// connection only, leaving the others at SQLite's defaults (`synchronous = FULL`, no
    /// busy timeout of its own choosing).
    async fn after_context(mut ctx: AppContext) -> loco_rs::Result<AppContext> {
        if ctx.db.get_database_backend() == sea_orm::DbBackend::Sqlite {
            ctx.db = connect_sqlite(&ctx.config.database).await?;
        }
        Ok(ctx)
    }

    async fn load_config(env: &Environment) -> loco_rs::Result<Config> {
        load_config(env, |name| std::env::var(name).ok())
    }

    /// Our own subscriber: every workspace crate at the configured level, colour only on a
    /// terminal (see `logging.rs`).
    fn init_logger(ctx: &AppContext) -> loco_rs::Result<bool> {
        crate::logging::init(&ctx.config.logger)
    }

    fn routes(_ctx: &AppContext) -> AppRoutes {
        AppRoutes::empty()
    }

    /// RusToK mounts its own middleware stack (see `routes.rs`), so Loco's is not used.
    fn middlewares(_ctx: &AppContext) -> Vec<Box<dyn MiddlewareLayer>> {
        Vec::new()
    }

    /// Runs after migrations, before the server listens: seed, then start the outbox relay and
    /// housekeeping.
    async fn before_run(ctx: &AppContext) -> loco_rs::Result<()> {
        let state = shared_state(ctx)?;
        seed::seed_demo_tenant(&state)
            .await
            .map_err(|err| loco_rs::Error::string(&format!("demo seed failed: {err}")))?;
        if state.start_relay() {
            tracing::info!("outbox relay started");
        }
        state.start_maintenance();
        Ok(())
    }

    async fn after_routes(router: AxumRouter, ctx: &AppContext) -> loco_rs::Result<AxumRouter> {
        Ok(router.merge(routes::router(shared_state(ctx)?)))
    }

    async fn connect_workers(_ctx: &AppContext, _queue: &Queue) -> loco_rs::Result<()> {
        Ok(())
    }

    fn register_tasks(tasks: &mut Tasks) {
        tasks.register(tasks::create_tenant::CreateTenant);
        tasks.register(tasks::create_super_admin::CreateSuperAdmin);
        tasks.register(tasks::seed_catalog::SeedCatalog);
        tasks.register(tasks::reindex::Reindex);
    }

    async fn truncate(_ctx: &AppContext) -> loco_rs::Result<()> {
        Ok(())
    }

    async fn seed(_ctx: &AppContext, _path: &Path) -> loco_rs::Result<()> {
        Ok(())
    }
}
