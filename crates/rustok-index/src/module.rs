use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use rustok_core::{
    EventHandler, HealthStatus, ModuleContext, ModuleKind, ModuleManifest, RusToKModule,
};
use sea_orm_migration::MigrationTrait;

use crate::{IndexConsumer, IndexStats};

/// The read model as a module: its tables, its consumer and its health (degraded while the
/// recent p99 lag exceeds `lag_degraded`).
pub struct IndexModule {
    consumer: Arc<IndexConsumer>,
    stats: Arc<IndexStats>,
    lag_degraded: Duration,
}

impl IndexModule {
    pub fn new(
        consumer: Arc<IndexConsumer>,
        stats: Arc<IndexStats>,
        lag_degraded: Duration,
    ) -> Self {
        Self {
            consumer,
            stats,
            lag_degraded,
        }
    }
}

const MANIFEST: ModuleManifest = ModuleManifest {
    slug: "index",
    name: "Read model",
    description: "Denormalised storefront rows kept current by events, and their rebuild",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Core,
    dependencies: &["tenant"],
    permissions: &["index:manage"],
};

#[async_trait]
impl RusToKModule for IndexModule {
    fn manifest(&self) -> &ModuleManifest {
        &MANIFEST
    }

    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        crate::migrations()
    }

    fn event_handlers(&self) -> Vec<Arc<dyn EventHandler>> {
        vec![self.consumer.clone()]
    }

    async fn health(&self, _ctx: &ModuleContext) -> HealthStatus {
        let p99 = self.stats.p99();
        if p99 > self.lag_degraded.as_secs_f64() {
            HealthStatus::Degraded(format!(
                "index lag p99 {:.0} ms over the last events (limit {} ms)",
                p99 * 1000.0,
                self.lag_degraded.as_millis()
            ))
        } else {
            HealthStatus::Healthy
        }
    }
}
