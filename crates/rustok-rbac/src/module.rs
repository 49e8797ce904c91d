use async_trait::async_trait;
use rustok_core::{ModuleKind, ModuleManifest, RusToKModule};

pub struct RbacModule;

const MANIFEST: ModuleManifest = ModuleManifest {
    slug: "rbac",
    name: "Roles and permissions",
    description: "Role to permission matrix per tenant and the guard every API uses",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Core,
    dependencies: &["tenant"],
    permissions: &["rbac:read", "rbac:manage"],
};

#[async_trait]
impl RusToKModule for RbacModule {
    fn manifest(&self) -> &ModuleManifest {
        &MANIFEST
    }
}
