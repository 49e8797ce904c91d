use async_trait::async_trait;
use rustok_core::{ModuleKind, ModuleManifest, RusToKModule};

use crate::access::MODULE;

/// The blog as a module: no tables of its own (posts and comments are content nodes), so no
/// migrations.
pub struct BlogModule;

const MANIFEST: ModuleManifest = ModuleManifest {
    slug: MODULE,
    name: "Blog",
    description: "Posts with categories, tags and authors; comments with moderation",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Optional,
    dependencies: &["content"],
    permissions: &["comments:create", "comments:moderate"],
};

#[async_trait]
impl RusToKModule for BlogModule {
    fn manifest(&self) -> &ModuleManifest {
        &MANIFEST
    }
}
