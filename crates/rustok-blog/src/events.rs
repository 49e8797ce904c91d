//! Events: the blog emits none of its own and consumes none. Every write goes through
//! content's `NodeService`, which writes content's events (`rustok_core::DomainEvent`) through
//! the outbox in the transaction of the change, so this module has no event constructors:
//!
//! | blog action | event written by content |
//! |---|---|
//! | create a post, add a comment | `content.node_created` (kind `post` or `comment`) |
//! | publish a post, approve a comment, a moderator's own comment | `content.node_published` |
//! | unpublish or archive a post, mark a comment spam | `content.node_unpublished` |
//! | edit a post, its other transitions, sticky, comments closed | `content.node_updated` |
//! | edit a post's texts | `content.node_translation_updated`, one per locale sent |
//! | a post's new tag | `content.tag_created` |
//! | delete a post (with its comments) or a comment | `content.node_deleted`, one per node |
//!
//! Payloads: `docs/events.md`.
