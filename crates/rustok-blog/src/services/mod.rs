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
}
