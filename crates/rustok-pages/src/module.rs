use async_trait::async_trait;
use rustok_core::{ModuleKind, RusToKModule};
use sea_orm_migration::MigrationTrait;

pub struct PagesModule;

#[async_trait]
impl RusToKModule for PagesModule {
    fn slug(&self) -> &'static str {
        "pages"
    }
    fn name(&self) -> &'static str {
        "Pages"
    }
    fn description(&self) -> &'static str {
        "Static pages with block layouts, and navigation menus"
    }
    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
    fn kind(&self) -> ModuleKind {
        ModuleKind::Optional
    }
    fn dependencies(&self) -> &'static [&'static str] {
        &["content"]
    }
    fn permissions(&self) -> &'static [&'static str] {
        &[
            "content:read",
            "content:create",
            "content:update",
            "content:publish",
            "content:delete",
            "menus:manage",
        ]
    }
    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        crate::migrations()
    }
}
