use async_trait::async_trait;
use rustok_core::{ModuleKind, ModuleManifest, RusToKModule};
use sea_orm_migration::MigrationTrait;

pub struct PagesModule;

const MANIFEST: ModuleManifest = ModuleManifest {
    slug: "pages",
    name: "Pages",
    description: "Static pages with block layouts, and navigation menus",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Optional,
    dependencies: &["content"],
    permissions: &[
        "content:read",
        "content:create",
        "content:update",
        "content:publish",
        "content:delete",
        "menus:manage",
    ],
};

#[async_trait]
impl RusToKModule for PagesModule {
    fn manifest(&self) -> &ModuleManifest {
        &MANIFEST
    }

    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        crate::migrations()
    }
}
