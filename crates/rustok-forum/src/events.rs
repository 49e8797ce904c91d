//! Events: the forum emits none of its own and consumes none. Every write goes through
//! content's `NodeService`, which writes content's events (`rustok_core::DomainEvent`) through
//! the outbox in the transaction of the change, so this module has no event constructors:
//!
//! | forum action | event written by content |
//! |---|---|
//! | create a forum, open a topic, reply | `content.node_created` then `content.node_published` (kind `forum`, `topic` or `reply`) |
//! | edit a forum, topic or reply | `content.node_updated`, then `content.node_translation_updated` per locale sent |
//! | lock or pin a topic | `content.node_updated` |
//! | delete a forum, topic or reply | `content.node_deleted`, one per node (replies included) |
//!
//! Payloads: `docs/events.md`.
