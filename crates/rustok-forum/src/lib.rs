//! `rustok-forum`: forum categories, topics and replies, with lock and pin moderation.
//!
//! A thin module over [`rustok_content::NodeService`]: a forum category is a node of kind
//! `forum`, a topic a `topic` child of a forum, a reply a `reply` child of a topic. Content
//! keeps reply counts and last activity, refuses replies to locked topics and writes the
//! `content.node_*` events through the outbox; this crate adds the forum rules (kinds, who may
//! post, edit and moderate, orderings) and the REST and GraphQL APIs.
//!
//! Tables owned: none.

pub mod access;
pub mod dto;
mod error;
pub mod events;
pub mod graphql;
mod module;
pub mod rest;
mod seed;
mod services;

pub use error::ForumError;
pub use module::ForumModule;
pub use seed::seed_demo;
pub use services::{FORUM_KIND, ForumService, MAX_PAGE_SIZE, MAX_POST_LEN, REPLY_KIND, TOPIC_KIND};
