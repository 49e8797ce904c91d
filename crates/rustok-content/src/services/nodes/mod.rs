//! The node service: the only writer of the content tables. [`NodeService`] is one type whose
//! methods live with their responsibility:
//!
//! - `read.rs`: a node by id or slug, a batch of ids, the kind of a node;
//! - `list.rs`: listings (filters, sort order, cursors) and the tenant's tags;
//! - `write.rs`: create, update, pin and lock flags, delete;
//! - `workflow.rs`: status transitions, scheduling and `publish_due`;
//! - `search.rs`: search over published nodes (the read model's search backend);
//! - `revisions.rs`: the revision every update keeps, listing and restoring them;
//! - `texts.rs` and `tags.rs`: how a write stores translations, bodies and tags.

mod list;
mod read;
mod revisions;
mod search;
mod tags;
mod texts;
mod workflow;
mod write;

use std::sync::Arc;

use rustok_core::{ContentReads, DomainEvent, EventBus, Locale};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

pub use revisions::prune_revisions;
pub use search::NodeSearch;

use super::ContentContext;
use crate::ContentError;
use crate::entities::nodes;

/// Longest title, in characters.
pub(crate) const MAX_TITLE_LEN: usize = 255;
/// Longest excerpt, in characters.
pub(crate) const MAX_EXCERPT_LEN: usize = 2_000;
/// Longest body source, in bytes.
pub(crate) const MAX_BODY_LEN: usize = 512 * 1024;
/// Deepest nesting of replies under a root node.
pub(crate) const MAX_DEPTH: i32 = 32;
/// Most tags on one node.
pub(crate) const MAX_TAGS: usize = 32;
/// Longest tag name, in characters once trimmed.
pub(crate) const MAX_TAG_LEN: usize = 100;
/// Longest node kind, in characters once trimmed.
pub(crate) const MAX_KIND_LEN: usize = 32;

pub struct NodeService<'a> {
    db: &'a DatabaseConnection,
    events: &'a EventBus,
    /// The read model a visitor's published-only reads come from (`read.rs`, `list.rs`).
    reads: Option<Arc<dyn ContentReads>>,
}

impl<'a> NodeService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self {
            db,
            events,
            reads: None,
        }
    }

    /// A service for a caller who sees published nodes only: its reads (`get`, `get_many`,
    /// `get_by_slug`, published listings) come from `reads` once the tenant's index is built.
    /// A node that is not published is then simply absent. Writes are unchanged.
    pub fn published_from(mut self, reads: Option<Arc<dyn ContentReads>>) -> Self {
        self.reads = reads;
        self
    }

    /// The index, when this service may read from it for the tenant.
    async fn index(
        &self,
        ctx: &ContentContext,
    ) -> Result<Option<Arc<dyn ContentReads>>, ContentError> {
        match &self.reads {
            Some(reads) if reads.ready(ctx.tenant).await? => Ok(Some(reads.clone())),
            _ => Ok(None),
        }
    }

    /// Writes `events` in `txn`, the transaction of the change they announce, as the caller.
    async fn emit(
        &self,
        txn: &DatabaseTransaction,
        ctx: &ContentContext,
        events: impl IntoIterator<Item = DomainEvent>,
    ) -> Result<(), ContentError> {
        for event in events {
            self.events
                .emit_in_tx(txn, ctx.tenant, ctx.actor, event)
                .await?;
        }
        Ok(())
    }
}

/// The node `id` of the caller's tenant, if there is one.
async fn find_node(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    id: Uuid,
) -> Result<Option<nodes::Model>, DbErr> {
    nodes::Entity::find_by_id(id)
        .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .one(conn)
        .await
}

/// Like [`find_node`], with a missing node as `NotFound`.
async fn existing_node(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    id: Uuid,
) -> Result<nodes::Model, ContentError> {
    find_node(conn, ctx, id)
        .await?
        .ok_or(ContentError::NotFound)
}

/// A node as it is now, read again inside the transaction that just changed it.
async fn reread(txn: &DatabaseTransaction, id: Uuid) -> Result<nodes::Model, ContentError> {
    nodes::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(ContentError::NotFound)
}

/// `NodeUpdated` for the node at its current version.
fn updated(node: &nodes::Model) -> DomainEvent {
    DomainEvent::NodeUpdated {
        node_id: node.id,
        kind: node.kind.clone(),
        version: node.version,
    }
}

/// The tenant locale whose index rows answer a request for `locale` (the rows were built with
/// that locale's fallback chain).
fn row_locale(ctx: &ContentContext, locale: Option<&Locale>) -> Locale {
    ctx.locales
        .fallback_chain(locale)
        .into_iter()
        .next()
        .unwrap_or_else(|| ctx.locales.default.clone())
}

/// A locale from a request that this tenant may write in.
pub(crate) fn writable_locale(ctx: &ContentContext, text: &str) -> Result<Locale, ContentError> {
    let locale: Locale = text.parse().map_err(|err: rustok_core::LocaleError| {
        ContentError::invalid("locale", err.to_string())
    })?;
    if !ctx.locales.allows(&locale) {
        return Err(ContentError::invalid(
            "locale",
            format!("`{locale}` is not enabled for this tenant"),
        ));
    }
    Ok(locale)
}
