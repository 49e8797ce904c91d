//! What the index consumes: every event that changes what a visitor sees of a product or of
//! content. It emits nothing.
//!
//! Each event names the products to refresh; a refresh reads their current state from the
//! catalogue, so deliveries may repeat or arrive late. Through the outbox the rows are written in
//! the relay's transaction together with the consumption record (exactly once).

use std::sync::Arc;

use async_trait::async_trait;
use chrono::Utc;
use rustok_core::{DomainEvent, EventEnvelope, EventError, EventHandler, begin_write};
use sea_orm::DatabaseTransaction;

use crate::{ContentIndex, IndexError, IndexStats, ProductIndex};

/// The consumer's name (idempotency records, metrics, replay).
pub const CONSUMER: &str = "index";

/// Keeps `index_products` current.
pub struct IndexConsumer {
    index: ProductIndex,
    /// The content rows, when the server keeps them.
    content: Option<ContentIndex>,
    stats: Arc<IndexStats>,
}

impl IndexConsumer {
    pub fn new(index: ProductIndex) -> Self {
        Self::with_stats(index, Arc::default())
    }

    /// A consumer observing commit → rows written, in seconds, for every event it applies.
    pub fn with_stats(index: ProductIndex, stats: Arc<IndexStats>) -> Self {
        Self {
            index,
            content: None,
            stats,
        }
    }

    /// The consumer keeping `index_content` current too.
    pub fn with_content(mut self, content: ContentIndex) -> Self {
        self.content = Some(content);
        self
    }

    pub fn shared(self) -> Arc<Self> {
        Arc::new(self)
    }

    async fn apply(
        &self,
        conn: &DatabaseTransaction,
        envelope: &EventEnvelope,
    ) -> Result<(), IndexError> {
        let tenant = envelope.tenant_id;
        let index = &self.index;
        match &envelope.event {
            DomainEvent::ProductCreated { product_id, .. }
            | DomainEvent::ProductUpdated { product_id }
            | DomainEvent::ProductPublished { product_id }
            | DomainEvent::ProductDeleted { product_id }
            | DomainEvent::VariantUpdated { product_id, .. } => {
                index.refresh(conn, tenant, &[*product_id]).await?;
            }
            // In pages, as a rebuild reads them: a batch's documents need not be in memory at once.
            DomainEvent::ProductsImported { product_ids } => {
                for page in product_ids.chunks(crate::PAGE as usize) {
                    index.refresh(conn, tenant, page).await?;
                }
            }
            DomainEvent::PriceUpdated { variant_id, .. }
            | DomainEvent::StockChanged { variant_id, .. } => {
                let variants = [*variant_id];
                let ids = index
                    .catalog
                    .products_of_variants(conn, tenant, &variants)
                    .await?;
                index.refresh(conn, tenant, &ids).await?;
            }
            DomainEvent::CatalogChanged { entity, change, .. }
                if touches_products(entity, change) =>
            {
                index.refresh_all(conn, tenant).await?;
            }
            DomainEvent::TenantCreated { .. } => {
                index.mark_ready(conn, tenant).await?;
                if let Some(content) = &self.content {
                    content.mark_ready(conn, tenant).await?;
                }
            }
            // The tenant's languages may have changed.
            DomainEvent::TenantUpdated { .. } => {
                index.refresh_all(conn, tenant).await?;
                if let Some(content) = &self.content {
                    content.refresh_all(conn, tenant).await?;
                }
            }
            event => self.apply_content(conn, envelope, event).await?,
        }
        let lag = (Utc::now() - envelope.timestamp)
            .num_microseconds()
            .unwrap_or(0);
        self.stats.observe(lag.max(0) as f64 / 1e6);
        Ok(())
    }
}

impl IndexConsumer {
    /// What a content event changes: the node and its parent (its counters), or every node of
    /// the tenant when a category they may point at is deleted.
    async fn apply_content(
        &self,
        conn: &DatabaseTransaction,
        envelope: &EventEnvelope,
        event: &DomainEvent,
    ) -> Result<(), IndexError> {
        let Some(content) = &self.content else {
            return Ok(());
        };
        let tenant = envelope.tenant_id;
        match event {
            DomainEvent::NodeCreated { node_id, .. }
            | DomainEvent::NodeUpdated { node_id, .. }
            | DomainEvent::NodePublished { node_id, .. }
            | DomainEvent::NodeUnpublished { node_id, .. }
            | DomainEvent::NodeDeleted { node_id, .. }
            | DomainEvent::NodeTranslationUpdated { node_id, .. } => {
                content
                    .refresh_with_parents(conn, tenant, &[*node_id])
                    .await?;
            }
            DomainEvent::CategoryDeleted { .. } => {
                content.refresh_all(conn, tenant).await?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// Whether an event changes what visitors see of content.
fn touches_content(event: &DomainEvent) -> bool {
    matches!(
        event,
        DomainEvent::NodeCreated { .. }
            | DomainEvent::NodeUpdated { .. }
            | DomainEvent::NodePublished { .. }
            | DomainEvent::NodeUnpublished { .. }
            | DomainEvent::NodeDeleted { .. }
            | DomainEvent::NodeTranslationUpdated { .. }
            | DomainEvent::CategoryDeleted { .. }
    )
}

/// Whether a change of the shop's setup changes product documents: a price list (its window
/// prices every variant on it), or a collection or category deleted (products lose the link).
fn touches_products(entity: &str, change: &str) -> bool {
    match entity {
        "price_list" => true,
        "collection" | "category" => change == "deleted",
        _ => false,
    }
}

fn handler_error(err: IndexError) -> EventError {
    EventError::Handler {
        handler: CONSUMER.to_string(),
        message: err.to_string(),
    }
}

#[async_trait]
impl EventHandler for IndexConsumer {
    fn name(&self) -> &'static str {
        CONSUMER
    }

    fn handles(&self, event: &DomainEvent) -> bool {
        match event {
            DomainEvent::ProductCreated { .. }
            | DomainEvent::ProductUpdated { .. }
            | DomainEvent::ProductPublished { .. }
            | DomainEvent::ProductDeleted { .. }
            | DomainEvent::ProductsImported { .. }
            | DomainEvent::VariantUpdated { .. }
            | DomainEvent::PriceUpdated { .. }
            | DomainEvent::StockChanged { .. }
            | DomainEvent::TenantCreated { .. }
            | DomainEvent::TenantUpdated { .. }
            // Nothing to write, but what visitors get changes (a module switched off answers 404).
            | DomainEvent::ModuleToggled { .. } => true,
            DomainEvent::CatalogChanged { entity, change, .. } => touches_products(entity, change),
            event => self.content.is_some() && touches_content(event),
        }
    }

    async fn handle(&self, envelope: &EventEnvelope) -> Result<(), EventError> {
        let txn = begin_write(&self.index.db)
            .await
            .map_err(|err| handler_error(err.into()))?;
        self.apply(&txn, envelope).await.map_err(handler_error)?;
        txn.commit().await.map_err(|err| handler_error(err.into()))
    }

    async fn handle_in_tx(
        &self,
        txn: &DatabaseTransaction,
        envelope: &EventEnvelope,
    ) -> Result<(), EventError> {
        self.apply(txn, envelope).await.map_err(handler_error)
    }

    async fn after_commit(&self, envelope: &EventEnvelope) {
        self.index.generations().bump(envelope.tenant_id);
    }
}
