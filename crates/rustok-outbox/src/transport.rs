use std::sync::Arc;
use std::sync::atomic::Ordering;

use async_trait::async_trait;
use rustok_core::{EventEnvelope, EventError, EventTransport, ReliabilityLevel};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait, Set,
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
        self.write_all(conn, vec![envelope]).await
    }

    /// Inserts the events' rows in multi-row statements of at most [`WRITE_CHUNK`] rows, then
    /// wakes the relay once (PostgreSQL `NOTIFY`, delivered at commit; elsewhere at once, and the
    /// relay polls fast until the commit).
    async fn write_all(
        &self,
        conn: &impl ConnectionTrait,
        envelopes: Vec<EventEnvelope>,
    ) -> Result<(), EventError> {
        let count = envelopes.len() as u64;
        let mut rows = Vec::with_capacity(envelopes.len());
        for envelope in envelopes {
            rows.push(event_row(envelope)?);
        }
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<sys_events::ActiveModel> = rows.by_ref().take(WRITE_CHUNK).collect();
            sys_events::Entity::insert_many(chunk)
                .exec_without_returning(conn)
                .await
                .map_err(|err| EventError::Transport(format!("outbox write failed: {err}")))?;
        }
        self.stats.published.fetch_add(count, Ordering::Relaxed);
        if conn.get_database_backend() == DbBackend::Postgres {
            let notify = Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT pg_notify('{NOTIFY_CHANNEL}', '')"),
            );
            conn.execute_raw(notify)
                .await
                .map_err(|err| EventError::Transport(format!("outbox notify failed: {err}")))?;
        } else {
            // No signal at commit: the relay sees `published` move and polls fast until the
            // rows are visible.
            self.wake.notify_one();
        }
        Ok(())
    }
}

/// Rows per multi-row insert: 15 columns each stays far below either database's limit of bound
/// parameters (SQLite 32 766, PostgreSQL 65 535).
const WRITE_CHUNK: usize = 1000;

fn event_row(envelope: EventEnvelope) -> Result<sys_events::ActiveModel, EventError> {
    let payload = serde_json::to_value(&envelope.event)
        .map_err(|err| EventError::Invalid(err.to_string()))?;
    let timestamp = envelope.timestamp.fixed_offset();
    Ok(sys_events::ActiveModel {
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
    })
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

    async fn publish_batch_in_tx(
        &self,
        txn: &DatabaseTransaction,
        envelopes: Vec<EventEnvelope>,
    ) -> Result<(), EventError> {
        if envelopes.is_empty() {
            return Ok(());
        }
        self.write_all(txn, envelopes).await
    }

    fn reliability_level(&self) -> ReliabilityLevel {
        ReliabilityLevel::Durable
    }
}
