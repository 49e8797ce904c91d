//! The modules built into this binary. Optional modules (content, commerce, ...) join this list,
//! each behind a cargo feature of `rustok-server`, as they are written.

use std::sync::Arc;

use async_trait::async_trait;
use rustok_core::{
    EventHandler, HealthStatus, MemoryTransport, ModuleContext, ModuleKind, ModuleManifest,
    RusToKModule,
};
use rustok_outbox::{count_by_status, status};
use sea_orm::DatabaseConnection;

use crate::services::audit::AuditLogHandler;

/// The modules, with the read model wired to the catalogue by the caller.
pub fn builtin_modules(
    db: &DatabaseConnection,
    index: rustok_index::IndexModule,
) -> Vec<Arc<dyn RusToKModule>> {
    vec![
        Arc::new(rustok_tenant::TenantModule),
        Arc::new(rustok_rbac::RbacModule),
        Arc::new(AuthModule),
        Arc::new(AuditModule { db: db.clone() }),
        Arc::new(rustok_content::ContentModule),
        Arc::new(rustok_blog::BlogModule),
        Arc::new(rustok_forum::ForumModule),
        Arc::new(rustok_pages::PagesModule),
        Arc::new(rustok_commerce::CommerceModule),
        Arc::new(index),
    ]
}

/// Users, passwords and tokens (tables `users`, `refresh_tokens`).
pub struct AuthModule;

const AUTH_MANIFEST: ModuleManifest = ModuleManifest {
    slug: "auth",
    name: "Authentication",
    description: "Users, JWT access tokens and rotating refresh tokens",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Core,
    dependencies: &["tenant", "rbac"],
    permissions: &[],
};

#[async_trait]
impl RusToKModule for AuthModule {
    fn manifest(&self) -> &ModuleManifest {
        &AUTH_MANIFEST
    }
}

/// The audit trail (table `audit_log`), fed by the `audit_log` event consumer.
pub struct AuditModule {
    db: DatabaseConnection,
}

const AUDIT_MANIFEST: ModuleManifest = ModuleManifest {
    slug: "audit",
    name: "Audit log",
    description: "Records every domain event of a tenant",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Core,
    dependencies: &["tenant"],
    permissions: &["audit:read"],
};

#[async_trait]
impl RusToKModule for AuditModule {
    fn manifest(&self) -> &ModuleManifest {
        &AUDIT_MANIFEST
    }

    fn event_handlers(&self) -> Vec<Arc<dyn EventHandler>> {
        vec![Arc::new(AuditLogHandler::new(self.db.clone()))]
    }
}

/// What `/health/ready` inspects of the event transport.
pub enum EventsHealth {
    Memory(Arc<MemoryTransport>),
    Outbox {
        backlog_degraded: u64,
        dlq_degraded: u64,
    },
}

/// The event pipeline as a module, so `/health/ready` shows its state.
pub struct EventsModule {
    health: EventsHealth,
}

impl EventsModule {
    pub fn new(health: EventsHealth) -> Self {
        Self { health }
    }
}

const EVENTS_MANIFEST: ModuleManifest = ModuleManifest {
    slug: "events",
    name: "Event bus",
    description: "Domain event transport, relay and dispatcher",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Core,
    dependencies: &[],
    permissions: &["events:manage"],
};

#[async_trait]
impl RusToKModule for EventsModule {
    fn manifest(&self) -> &ModuleManifest {
        &EVENTS_MANIFEST
    }

    async fn health(&self, ctx: &ModuleContext) -> HealthStatus {
        match &self.health {
            EventsHealth::Memory(transport) => {
                let depth = transport.depth();
                let capacity = transport.capacity();
                if depth * 10 >= capacity * 9 {
                    HealthStatus::Unhealthy(format!("event queue nearly full ({depth}/{capacity})"))
                } else if depth * 10 >= capacity * 7 {
                    HealthStatus::Degraded(format!("event queue backlog {depth}/{capacity}"))
                } else {
                    HealthStatus::Healthy
                }
            }
            // Counted here rather than read from the relay's samples: this process may not relay.
            EventsHealth::Outbox {
                backlog_degraded,
                dlq_degraded,
            } => {
                let counts = futures::future::try_join(
                    count_by_status(&ctx.db, &[status::PENDING, status::FAILED]),
                    count_by_status(&ctx.db, &[status::DEAD]),
                )
                .await;
                let (backlog, dead) = match counts {
                    Ok(counts) => counts,
                    Err(err) => {
                        return HealthStatus::Unhealthy(format!("outbox not readable: {err}"));
                    }
                };
                if *dlq_degraded > 0 && dead >= *dlq_degraded {
                    HealthStatus::Degraded(format!("{dead} event(s) in the dead-letter queue"))
                } else if backlog > *backlog_degraded {
                    HealthStatus::Degraded(format!("outbox backlog of {backlog} events"))
                } else {
                    HealthStatus::Healthy
                }
            }
        }
    }
}
