use async_trait::async_trait;
use rustok_core::{ModuleKind, RusToKModule};
use sea_orm_migration::MigrationTrait;

pub struct ContentModule;

#[async_trait]
impl RusToKModule for ContentModule {
    fn slug(&self) -> &'static str {
        "content"
    }
    fn name(&self) -> &'static str {
        "Content"
    }
    fn description(&self) -> &'static str {
        "Nodes, translations, bodies, revisions and the publishing workflow"
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
            "content:read",
            "content:create",
            "content:update",
            "content:publish",
            "content:delete",
        ]
    }
    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        crate::migrations()
    }
}
