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

    /// Wraps each of `events` in a fresh envelope and publishes them all inside `txn`, in order
    /// (validated first: one invalid event publishes none); returns their ids.
    pub async fn emit_all_in_tx(
        &self,
        txn: &DatabaseTransaction,
        tenant_id: TenantId,
        actor_id: Option<Uuid>,
        events: Vec<DomainEvent>,
    ) -> Result<Vec<Uuid>, EventError> {
        let envelopes: Vec<EventEnvelope> = events
            .into_iter()
            .map(|event| EventEnvelope::new(tenant_id, actor_id, event))
            .collect();
        envelopes.iter().try_for_each(EventEnvelope::validate)?;
        let ids = envelopes.iter().map(|e| e.id).collect();
        if !envelopes.is_empty() {
            self.transport.publish_batch_in_tx(txn, envelopes).await?;
        }
        Ok(ids)
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
