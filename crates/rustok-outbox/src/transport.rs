use std::sync::Arc;
use std::sync::atomic::Ordering;

use async_trait::async_trait;
use rustok_core::{EventEnvelope, EventError, EventTransport, ReliabilityLevel};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Set,
    Statement,
};
use tokio::sync::Notify;

use crate::entities::sys_events;
use crate::{OutboxStats, status};

/// PostgreSQL channel the relay listens on; a NOTIFY sent in a transaction arrives on commit.
pub const NOTIFY_CHANNEL: &str = "rustok_outbox";

/// L1 transport: events are rows of `sys_events`, written with the data they describe.
#[derive(Clone)]
pub struct OutboxTransport {
    db: DatabaseConnection,
    stats: Arc<OutboxStats>,
    wake: Arc<Notify>,
}

impl OutboxTransport {
    /// `wake` is shared with the relay so events published outside a transaction are relayed
    /// without waiting for the next poll.
    pub fn new(db: DatabaseConnection, stats: Arc<OutboxStats>, wake: Arc<Notify>) -> Self {
        Self { db, stats, wake }
    }

    async fn write(
        &self,
        conn: &impl ConnectionTrait,
        envelope: EventEnvelope,
    ) -> Result<(), EventError> {
        let payload = serde_json::to_value(&envelope.event)
            .map_err(|err| EventError::Invalid(err.to_string()))?;
        let timestamp = envelope.timestamp.fixed_offset();
        sys_events::ActiveModel {
            id: Set(envelope.id),
            tenant_id: Set(envelope.tenant_id.as_uuid()),
            event_type: Set(envelope.event_type),
            schema_version: Set(i32::from(envelope.schema_version)),
            payload: Set(payload),
            actor_id: Set(envelope.actor_id),
            correlation_id: Set(envelope.correlation_id),
            causation_id: Set(envelope.causation_id),
            trace_id: Set(envelope.trace_id),
            status: Set(status::PENDING.to_string()),
            attempts: Set(0),
            next_attempt_at: Set(timestamp),
            last_error: Set(None),
            created_at: Set(timestamp),
            dispatched_at: Set(None),
        }
        .insert(conn)
        .await
        .map_err(|err| EventError::Transport(format!("outbox write failed: {err}")))?;
        if conn.get_database_backend() == DbBackend::Postgres {
            let notify = Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT pg_notify('{NOTIFY_CHANNEL}', '')"),
            );
            conn.execute_raw(notify)
                .await
                .map_err(|err| EventError::Transport(format!("outbox notify failed: {err}")))?;
        }
        self.stats.published.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

#[async_trait]
impl EventTransport for OutboxTransport {
    async fn publish(&self, envelope: EventEnvelope) -> Result<(), EventError> {
        self.write(&self.db, envelope).await?;
        self.wake.notify_one();
        Ok(())
    }

    async fn publish_in_tx(
        &self,
        txn: &DatabaseTransaction,
        envelope: EventEnvelope,
    ) -> Result<(), EventError> {
        self.write(txn, envelope).await
    }

    fn reliability_level(&self) -> ReliabilityLevel {
        ReliabilityLevel::Durable
    }
}
