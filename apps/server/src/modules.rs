//! The modules built into this binary. Optional modules (content, commerce, ...) join this list,
//! each behind a cargo feature of `rustok-server`, as they are written.

use std::sync::Arc;

use async_trait::async_trait;
use rustok_core::{HealthStatus, MemoryTransport, ModuleContext, ModuleKind, RusToKModule};

pub fn builtin_modules() -> Vec<Arc<dyn RusToKModule>> {
    vec![
        Arc::new(rustok_tenant::TenantModule),
        Arc::new(rustok_rbac::RbacModule),
        Arc::new(AuthModule),
    ]
}

/// Users, passwords and tokens (tables `users`, `refresh_tokens`).
pub struct AuthModule;

#[async_trait]
impl RusToKModule for AuthModule {
    fn slug(&self) -> &'static str {
        "auth"
    }
    fn name(&self) -> &'static str {
        "Authentication"
    }
    fn description(&self) -> &'static str {
        "Users, JWT access tokens and rotating refresh tokens"
    }
    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
    fn kind(&self) -> ModuleKind {
        ModuleKind::Core
    }
    fn dependencies(&self) -> &'static [&'static str] {
        &["tenant", "rbac"]
    }
}

/// The event bus as a module, so `/health/ready` shows its backpressure state.
pub struct EventsModule {
    transport: Arc<MemoryTransport>,
}

impl EventsModule {
    pub fn new(transport: Arc<MemoryTransport>) -> Self {
        Self { transport }
    }
}

#[async_trait]
impl RusToKModule for EventsModule {
    fn slug(&self) -> &'static str {
        "events"
    }
    fn name(&self) -> &'static str {
        "Event bus"
    }
    fn description(&self) -> &'static str {
        "Domain event transport and dispatcher"
    }
    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
    fn kind(&self) -> ModuleKind {
        ModuleKind::Core
    }

    async fn health(&self, _ctx: &ModuleContext) -> HealthStatus {
        let depth = self.transport.depth();
        let capacity = self.transport.capacity();
        if depth * 10 >= capacity * 9 {
            HealthStatus::Unhealthy(format!("event queue nearly full ({depth}/{capacity})"))
        } else if depth * 10 >= capacity * 7 {
            HealthStatus::Degraded(format!("event queue backlog {depth}/{capacity}"))
        } else {
            HealthStatus::Healthy
        }
    }
}
