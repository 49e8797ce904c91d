use async_trait::async_trait;
use rustok_core::{ModuleKind, RusToKModule};

pub struct RbacModule;

#[async_trait]
impl RusToKModule for RbacModule {
    fn slug(&self) -> &'static str {
        "rbac"
    }
    fn name(&self) -> &'static str {
        "Roles and permissions"
    }
    fn description(&self) -> &'static str {
        "Role to permission matrix per tenant and the guard every API uses"
    }
    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
    fn kind(&self) -> ModuleKind {
        ModuleKind::Core
    }
    fn dependencies(&self) -> &'static [&'static str] {
        &["tenant"]
    }
    fn permissions(&self) -> &'static [&'static str] {
        &["rbac:read", "rbac:manage"]
    }
}
