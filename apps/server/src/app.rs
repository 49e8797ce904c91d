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
        tracing::warn!("production is running on the embedded SQLite database; set DATABASE_URL");
    }
    let state: SharedState =
        Arc::new(AppState::build(ctx.db.clone(), settings).map_err(loco_rs::Error::wrap)?);
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
    let mut config = env.load_from_folder(&folder)?;
    settings::apply_env(&mut config, lookup).map_err(loco_rs::Error::wrap)?;
    let parsed = RustokSettings::parse(config.settings.as_ref(), *env == Environment::Production)
        .map_err(loco_rs::Error::wrap)?;
    parsed.ensure_data_dir().map_err(loco_rs::Error::wrap)?;
    if config.database.uri.trim().is_empty() {
        config.database.uri = parsed.default_database_url();
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

    async fn load_config(env: &Environment) -> loco_rs::Result<Config> {
        load_config(env, |name| std::env::var(name).ok())
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
        tasks.register(tasks::seed_catalog::SeedCatalog);
    }

    async fn truncate(_ctx: &AppContext) -> loco_rs::Result<()> {
        Ok(())
    }

    async fn seed(_ctx: &AppContext, _path: &Path) -> loco_rs::Result<()> {
        Ok(())
    }
}
