use async_trait::async_trait;
use sea_orm::DatabaseTransaction;
use serde::Serialize;
use uuid::Uuid;

use super::EventEnvelope;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    #[error("invalid event: {0}")]
    Invalid(String),
    #[error("event queue is full ({depth}/{capacity}); event rejected")]
    Rejected { depth: usize, capacity: usize },
    #[error("event transport is closed")]
    Closed,
    #[error("event handler `{handler}` failed: {message}")]
    Handler { handler: String, message: String },
    #[error("event transport error: {0}")]
    Transport(String),
}

impl From<EventError> for crate::Error {
    fn from(err: EventError) -> Self {
        match err {
            EventError::Invalid(detail) => crate::Error::bad_request("invalid_event", detail),
            EventError::Rejected { .. } => crate::Error::Unavailable(err.to_string()),
            other => crate::Error::internal(other),
        }
    }
}

/// What a transport promises about delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReliabilityLevel {
    /// L0: in-process; events are lost if the process dies.
    InMemory,
    /// L1: written with the data (transactional outbox); at-least-once.
    Durable,
    /// L2: forwarded to a streaming broker; at-least-once across processes.
    Streaming,
}

#[async_trait]
pub trait EventTransport: Send + Sync {
    async fn publish(&self, envelope: EventEnvelope) -> Result<(), EventError>;

    /// Publishes as part of the caller's transaction. Durable transports write the event with the
    /// data (it exists if and only if the transaction commits). The default publishes at once,
    /// which is all an in-memory (L0) transport can do: such events may outlive a rollback.
    async fn publish_in_tx(
        &self,
        _txn: &DatabaseTransaction,
        envelope: EventEnvelope,
    ) -> Result<(), EventError> {
        self.publish(envelope).await
    }

    /// Publishes `envelopes` as part of the caller's transaction, in order. The default writes
    /// them one by one; a durable transport may write them in fewer statements (bulk writes such
    /// as the catalogue seed publish thousands per transaction).
    async fn publish_batch_in_tx(
        &self,
        txn: &DatabaseTransaction,
        envelopes: Vec<EventEnvelope>,
    ) -> Result<(), EventError> {
        for envelope in envelopes {
            self.publish_in_tx(txn, envelope).await?;
        }
        Ok(())
    }

    /// Publishes in order; stops at the first failure.
    async fn publish_batch(&self, envelopes: Vec<EventEnvelope>) -> Result<(), EventError> {
        for envelope in envelopes {
            self.publish(envelope).await?;
        }
        Ok(())
    }

    /// Confirms an event was handled (durable transports stop redelivering it).
    async fn acknowledge(&self, _event_id: Uuid) -> Result<(), EventError> {
        Ok(())
    }

    fn reliability_level(&self) -> ReliabilityLevel;
}
