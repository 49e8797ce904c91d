use std::time::{Duration, Instant};

use async_trait::async_trait;
use rustok_core::{HealthStatus, ModuleContext, ModuleKind, ModuleManifest, RusToKModule};

/// Registers tenancy with the module registry; its health is the database's.
pub struct TenantModule;

/// A database that answers slower than this is reported as degraded.
const SLOW_PING: Duration = Duration::from_millis(500);

const MANIFEST: ModuleManifest = ModuleManifest {
    slug: "tenant",
    name: "Tenants",
    description: "Tenant resolution, domains and per-tenant module toggles",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Core,
    dependencies: &[],
    permissions: &[
        "tenants:read",
        "tenants:create",
        "tenants:update",
        "settings:read",
        "settings:update",
        "modules:manage",
    ],
};

#[async_trait]
impl RusToKModule for TenantModule {
    fn manifest(&self) -> &ModuleManifest {
        &MANIFEST
    }

    async fn health(&self, ctx: &ModuleContext) -> HealthStatus {
        let started = Instant::now();
        match tokio::time::timeout(Duration::from_secs(2), ctx.db.ping()).await {
            Ok(Ok(())) if started.elapsed() > SLOW_PING => {
                HealthStatus::Degraded(format!("database ping took {:?}", started.elapsed()))
            }
            Ok(Ok(())) => HealthStatus::Healthy,
            Ok(Err(err)) => HealthStatus::Unhealthy(format!("database ping failed: {err}")),
            Err(_) => HealthStatus::Unhealthy("database ping timed out after 2s".into()),
        }
    }
}
