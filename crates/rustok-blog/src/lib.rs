//! `rustok-blog`: posts and moderated comments, a thin module over [`rustok_content`].
//!
//! Posts are content nodes of kind `post`; comments are nodes of kind
//! `comment` whose parent is the post. Comment moderation maps onto the content workflow:
//! pending = `review`, approved = `published`, spam = `archived`. Everything goes through
//! [`rustok_content::NodeService`], so every write keeps its revision and writes its event in
//! the same transaction.
//!
//! Tables owned: none.

mod access;
pub mod dto;
mod error;
pub mod events;
pub mod graphql;
mod module;
pub mod rest;
mod seed;
mod services;

pub use error::BlogError;
pub use module::BlogModule;
pub use seed::seed_demo;
pub use services::{BlogService, COMMENT, MAX_COMMENT_LEN, POST};
