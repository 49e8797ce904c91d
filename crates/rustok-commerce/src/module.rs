use async_trait::async_trait;
use rustok_core::{ModuleKind, ModuleManifest, RusToKModule};
use sea_orm_migration::MigrationTrait;

pub struct CommerceModule;

const MANIFEST: ModuleManifest = ModuleManifest {
    slug: "commerce",
    name: "Commerce",
    description: "Catalogue, prices, regions, inventory, carts, checkout and orders",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Optional,
    dependencies: &["tenant"],
    permissions: &[
        "products:read",
        "products:create",
        "products:update",
        "products:delete",
        "orders:read",
        "orders:update",
        "orders:read_own",
        "inventory:read",
        "inventory:update",
    ],
};

#[async_trait]
impl RusToKModule for CommerceModule {
    fn manifest(&self) -> &ModuleManifest {
        &MANIFEST
    }

    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        crate::migrations()
    }
}
