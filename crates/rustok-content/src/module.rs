use async_trait::async_trait;
use rustok_core::{ModuleKind, ModuleManifest, RusToKModule};
use sea_orm_migration::MigrationTrait;

pub struct ContentModule;

const MANIFEST: ModuleManifest = ModuleManifest {
    slug: "content",
    name: "Content",
    description: "Nodes, translations, bodies, revisions and the publishing workflow",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Optional,
    dependencies: &["tenant"],
    permissions: &[
        "content:read",
        "content:create",
        "content:update",
        "content:publish",
        "content:delete",
    ],
};

#[async_trait]
impl RusToKModule for ContentModule {
    fn manifest(&self) -> &ModuleManifest {
        &MANIFEST
    }

    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        crate::migrations()
    }
}
