use async_trait::async_trait;
use rustok_core::{ModuleKind, RusToKModule};

use crate::access::MODULE;

/// The blog as a module: no tables of its own (posts and comments are content nodes), so no
/// migrations.
pub struct BlogModule;

#[async_trait]
impl RusToKModule for BlogModule {
    fn slug(&self) -> &'static str {
        MODULE
    }
    fn name(&self) -> &'static str {
        "Blog"
    }
    fn description(&self) -> &'static str {
        "Posts with categories, tags and authors; comments with moderation"
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
        &["comments:create", "comments:moderate"]
    }
}
