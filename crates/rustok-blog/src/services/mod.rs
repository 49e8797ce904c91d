//! The blog's services: posts (`posts.rs`) and comments (`comments.rs`) as content nodes,
//! through `NodeService` only.

mod comments;
mod posts;

use rustok_content::NodeService;
use rustok_core::EventBus;
use sea_orm::DatabaseConnection;

pub use comments::{COMMENT, MAX_COMMENT_LEN};
pub use posts::POST;

pub struct BlogService<'a> {
    nodes: NodeService<'a>,
}

impl<'a> BlogService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self {
            nodes: NodeService::new(db, events),
        }
    }

    /// Reads of published posts and comments from the read model (see
    /// [`NodeService::published_from`]): what a caller who may not see drafts gets.
    pub fn published_from(
        mut self,
        reads: Option<std::sync::Arc<dyn rustok_core::ContentReads>>,
    ) -> Self {
        self.nodes = self.nodes.published_from(reads);
        self
    }
}
