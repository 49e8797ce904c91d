//! `rustok-content`: the CMS write model every content-shaped module builds on.
//!
//! Nodes of any kind (post, page, comment, topic, reply) with per-locale translations and bodies,
//! a revision per update, and an explicit publishing workflow ([`status`]). Markdown is rendered
//! to sanitised HTML on write ([`markdown`]). Every change writes its domain event through the
//! outbox in the same transaction. Wrapper modules (blog, forum, pages) use [`NodeService`]
//! and never touch the tables.
//!
//! Tables owned: `nodes`, `node_translations`, `bodies`, `node_revisions`.

pub mod access;
pub mod dto;
pub mod entities;
mod error;
pub mod graphql;
pub mod markdown;
mod migrations;
mod module;
pub mod rest;
mod services;
pub mod status;

pub use dto::{NodeFlags, NodeSort};
pub use error::ContentError;
pub use migrations::migrations;
pub use module::ContentModule;
pub use services::{
    CategoryService, ContentContext, NodeSearch, NodeService, StorefrontContent, indexed_view,
    prune_revisions, spawn_scheduler,
};
pub use status::{NodeStatus, Transition};
