mod categories;
mod cursor;
mod documents;
mod nodes;
mod slug;
mod views;

use rustok_core::{LocalePolicy, TenantId};
use uuid::Uuid;

pub use categories::CategoryService;
pub use documents::{StorefrontContent, indexed_view};
pub use nodes::{NodeSearch, NodeService, prune_revisions};

/// Who writes, for which tenant, in which languages. Built by the API layer per request.
#[derive(Debug, Clone)]
pub struct ContentContext {
    pub tenant: TenantId,
    pub actor: Option<Uuid>,
    pub locales: LocalePolicy,
}

/// Publishes scheduled nodes when their time comes: runs [`NodeService::publish_due`] every
/// `every` until the process ends, skipping the tenants `switches` has content off for.
/// Started by the server; safe in several processes.
pub fn spawn_scheduler(
    db: sea_orm::DatabaseConnection,
    events: rustok_core::EventBus,
    switches: std::sync::Arc<dyn rustok_core::ModuleSwitches>,
    every: std::time::Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            match NodeService::new(&db, &events)
                .publish_due(switches.as_ref(), chrono::Utc::now())
                .await
            {
                Ok(0) => {}
                Ok(published) => tracing::info!(published, "published scheduled content"),
                Err(err) => tracing::warn!(error = %err, "scheduled publishing failed"),
            }
        }
    })
}
