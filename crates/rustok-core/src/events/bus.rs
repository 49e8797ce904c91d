use std::sync::Arc;

use sea_orm::DatabaseTransaction;
use uuid::Uuid;

use super::{DomainEvent, EventEnvelope, EventError, EventTransport, ReliabilityLevel};
use crate::id::TenantId;

/// What services publish through: validates, then hands the envelope to the configured transport.
#[derive(Clone)]
pub struct EventBus {
    transport: Arc<dyn EventTransport>,
}

impl EventBus {
    pub fn new(transport: Arc<dyn EventTransport>) -> Self {
        Self { transport }
    }

    pub async fn publish(&self, envelope: EventEnvelope) -> Result<(), EventError> {
        envelope.validate()?;
        self.transport.publish(envelope).await
    }

    /// Validates, then writes `envelope` inside `txn` (see [`EventTransport::publish_in_tx`]).
    pub async fn publish_in_tx(
        &self,
        txn: &DatabaseTransaction,
        envelope: EventEnvelope,
    ) -> Result<(), EventError> {
        envelope.validate()?;
        self.transport.publish_in_tx(txn, envelope).await
    }

    /// Wraps `event` in a fresh envelope and publishes it inside `txn`; returns the event id.
    pub async fn emit_in_tx(
        &self,
        txn: &DatabaseTransaction,
        tenant_id: TenantId,
        actor_id: Option<Uuid>,
        event: DomainEvent,
    ) -> Result<Uuid, EventError> {
        let envelope = EventEnvelope::new(tenant_id, actor_id, event);
        let id = envelope.id;
        self.publish_in_tx(txn, envelope).await?;
        Ok(id)
    }

    pub async fn publish_batch(&self, envelopes: Vec<EventEnvelope>) -> Result<(), EventError> {
        envelopes.iter().try_for_each(EventEnvelope::validate)?;
        self.transport.publish_batch(envelopes).await
    }

    /// Wraps `event` in a fresh envelope and publishes it; returns the event id.
    pub async fn emit(
        &self,
        tenant_id: TenantId,
        actor_id: Option<Uuid>,
        event: DomainEvent,
    ) -> Result<Uuid, EventError> {
        let envelope = EventEnvelope::new(tenant_id, actor_id, event);
        let id = envelope.id;
        self.publish(envelope).await?;
        Ok(id)
    }

    pub fn reliability_level(&self) -> ReliabilityLevel {
        self.transport.reliability_level()
    }
}
