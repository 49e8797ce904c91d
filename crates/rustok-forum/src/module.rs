use async_trait::async_trait;
use rustok_core::{ModuleKind, RusToKModule};

use crate::access::MODULE;

/// The forum as a module: no tables of its own (everything is a content node), so no migrations.
pub struct ForumModule;

#[async_trait]
impl RusToKModule for ForumModule {
    fn slug(&self) -> &'static str {
        MODULE
    }
    fn name(&self) -> &'static str {
        "Forum"
    }
    fn description(&self) -> &'static str {
        "Forum categories, topics and replies with lock and pin moderation"
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
        &["forum:post", "forum:moderate"]
    }
}
