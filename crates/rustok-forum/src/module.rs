use async_trait::async_trait;
use rustok_core::{ModuleKind, ModuleManifest, RusToKModule};

use crate::access::MODULE;

/// The forum as a module: no tables of its own (everything is a content node), so no migrations.
pub struct ForumModule;

const MANIFEST: ModuleManifest = ModuleManifest {
    slug: MODULE,
    name: "Forum",
    description: "Forum categories, topics and replies with lock and pin moderation",
    version: env!("CARGO_PKG_VERSION"),
    kind: ModuleKind::Optional,
    dependencies: &["content"],
    permissions: &["forum:post", "forum:moderate"],
};

#[async_trait]
impl RusToKModule for ForumModule {
    fn manifest(&self) -> &ModuleManifest {
        &MANIFEST
    }
}
