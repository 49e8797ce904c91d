use async_trait::async_trait;
use rustok_core::{ModuleKind, RusToKModule};
use sea_orm_migration::MigrationTrait;

pub struct CommerceModule;

#[async_trait]
impl RusToKModule for CommerceModule {
    fn slug(&self) -> &'static str {
        "commerce"
    }
    fn name(&self) -> &'static str {
        "Commerce"
    }
    fn description(&self) -> &'static str {
        "Catalogue, prices, regions, inventory, carts, checkout and orders"
    }
    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
    fn kind(&self) -> ModuleKind {
        ModuleKind::Optional
    }
    fn dependencies(&self) -> &'static [&'static str] {
        &["tenant"]
    }
    fn permissions(&self) -> &'static [&'static str] {
        &[
            "products:read",
            "products:create",
            "products:update",
            "products:delete",
            "orders:read",
            "orders:update",
            "orders:read_own",
            "inventory:read",
            "inventory:update",
        ]
    }
    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        crate::migrations()
    }
}
