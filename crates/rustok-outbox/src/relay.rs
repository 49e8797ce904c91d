use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use chrono::Utc;
use rustok_core::{DomainEvent, EventEnvelope, EventError, EventHandler, TenantId};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, Set};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::claim::{ClaimStrategy, ClaimedBatch, count_by_status};
use crate::entities::{sys_event_consumptions, sys_events};
use crate::transport::NOTIFY_CHANNEL;
use crate::{OutboxError, OutboxStats, status};

#[derive(Debug, Clone)]
pub struct RelayConfig {
    /// Events claimed per batch.
    pub batch_size: u64,
    /// Poll interval when idle (PostgreSQL also wakes on NOTIFY at commit).
    pub interval: Duration,
    /// Delivery attempts before an event is parked as `dead`.
    pub max_attempts: u32,
    /// First retry delay; doubles per attempt up to `backoff_max`.
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// How often backlog and DLQ sizes are counted for the metrics gauges.
    pub stats_interval: Duration,
    /// Dispatched events older than this are deleted (with their consumption records);
    /// `None` keeps them forever. Replays reach back only as far as this.
    pub retention: Option<Duration>,
}

/// How often the relay applies `retention`, and how many 1 000-row batches at most per round
/// (so a first purge of a large table does not hold up delivery).
const PURGE_INTERVAL: Duration = Duration::from_secs(600);
const PURGE_BATCHES: u32 = 20;

/// After this process staged events in a transaction, the relay polls every [`FAST_POLL`] for up
/// to [`FAST_WINDOW`] instead of its idle interval: SQLite has no signal at commit, and the
/// commit follows the staging within milliseconds (PostgreSQL wakes the relay on `NOTIFY`).
const FAST_POLL: Duration = Duration::from_millis(1);
const FAST_WINDOW: Duration = Duration::from_millis(100);

impl Default for RelayConfig {
    fn default() -> Self {
        Self {
            batch_size: 100,
            interval: Duration::from_millis(20),
            max_attempts: 8,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(300),
            stats_interval: Duration::from_secs(1),
            retention: Some(Duration::from_secs(7 * 24 * 3600)),
        }
    }
}

impl RelayConfig {
    /// Delay before attempt `attempts + 1`, given `attempts` failures so far (≥ 1).
    pub fn backoff(&self, attempts: u32) -> Duration {
        let exponent = attempts.saturating_sub(1).min(30);
        self.backoff_base
            .saturating_mul(1u32 << exponent)
            .min(self.backoff_max)
    }
}

/// Delivers outbox events to handlers.
#[derive(Clone)]
pub struct Relay {
    db: DatabaseConnection,
    strategy: Arc<dyn ClaimStrategy>,
    handlers: Arc<Vec<Arc<dyn EventHandler>>>,
    config: RelayConfig,
    stats: Arc<OutboxStats>,
    wake: Arc<Notify>,
}

impl Relay {
    pub fn new(
        db: DatabaseConnection,
        strategy: Arc<dyn ClaimStrategy>,
        handlers: Vec<Arc<dyn EventHandler>>,
        config: RelayConfig,
        stats: Arc<OutboxStats>,
        wake: Arc<Notify>,
    ) -> Self {
        Self {
            db,
            strategy,
            handlers: Arc::new(handlers),
            config,
            stats,
            wake,
        }
    }

    pub fn handlers(&self) -> &[Arc<dyn EventHandler>] {
        &self.handlers
    }

    /// Runs the relay until the process ends: drains due events, then sleeps until woken
    /// (publish outside a transaction, events staged in one, PostgreSQL NOTIFY on commit) or the
    /// poll interval passes; for a short while after events were staged it polls every
    /// millisecond, until their transaction has committed.
    pub fn spawn(self) -> JoinHandle<()> {
        if self.db.get_database_backend() == DbBackend::Postgres {
            spawn_listener(self.db.clone(), self.wake.clone());
        }
        tokio::spawn(async move {
            let mut last_stats = Instant::now() - self.config.stats_interval;
            let mut last_purge = Instant::now() - PURGE_INTERVAL;
            // PostgreSQL's relay is woken by `NOTIFY` at commit and needs no fast polling.
            let polls_after_staging = self.db.get_database_backend() != DbBackend::Postgres;
            let mut staged = self.stats.published.load(Ordering::Relaxed);
            let mut fast_until = Instant::now();
            loop {
                if let Some(retention) = self.config.retention
                    && last_purge.elapsed() >= PURGE_INTERVAL
                {
                    let before =
                        Utc::now() - chrono::Duration::from_std(retention).unwrap_or_default();
                    match purge_dispatched(&self.db, before.fixed_offset(), PURGE_BATCHES).await {
                        Ok(0) => {}
                        Ok(purged) => {
                            tracing::info!(purged, "purged dispatched outbox events past retention")
                        }
                        Err(err) => tracing::warn!(error = %err, "outbox purge failed"),
                    }
                    last_purge = Instant::now();
                }
                if last_stats.elapsed() >= self.config.stats_interval {
                    if let Err(err) = self.refresh_stats().await {
                        tracing::warn!(error = %err, "outbox stats query failed");
                    }
                    last_stats = Instant::now();
                }
                match self.relay_pending_events().await {
                    Ok(count) if count as u64 >= self.config.batch_size => continue,
                    Ok(_) => {}
                    Err(err) => tracing::error!(error = %err, "outbox relay batch failed"),
                }
                let published = self.stats.published.load(Ordering::Relaxed);
                if polls_after_staging && published != staged {
                    staged = published;
                    fast_until = Instant::now() + FAST_WINDOW;
                }
                let wait = if Instant::now() < fast_until {
                    FAST_POLL.min(self.config.interval)
                } else {
                    self.config.interval
                };
                tokio::select! {
                    _ = self.wake.notified() => {}
                    _ = tokio::time::sleep(wait) => {}
                }
            }
        })
    }

    /// Counts backlog and DLQ for the metrics gauges.
    pub async fn refresh_stats(&self) -> Result<(), DbErr> {
        let backlog = count_by_status(&self.db, &[status::PENDING, status::FAILED]).await?;
        let dead = count_by_status(&self.db, &[status::DEAD]).await?;
        self.stats.backlog.store(backlog, Ordering::Relaxed);
        self.stats.dead_letters.store(dead, Ordering::Relaxed);
        Ok(())
    }

    /// One batch: claim, deliver each event, record the outcome. Returns how many were claimed.
    pub async fn relay_pending_events(&self) -> Result<usize, OutboxError> {
        let started = Instant::now();
        let batch = self
            .strategy
            .claim(&self.db, self.config.batch_size)
            .await?;
        let claimed = batch.events.len();
        if claimed == 0 {
            return Ok(0);
        }
        let mut delivered = Vec::with_capacity(claimed);
        for row in &batch.events {
            // A lost lease ends the batch here: the rest stays pending, in order, for the relay
            // that holds the lease now.
            if !self.strategy.keep_claim(&self.db).await? {
                tracing::warn!("outbox relay lost its lease mid-batch; leaving the rest");
                break;
            }
            match self.deliver(row).await {
                Ok(()) => delivered.push(row),
                Err(error) => self.record_failure(&batch, row, error).await?,
            }
        }
        self.record_delivered(&batch, &delivered).await?;
        let created: Vec<_> = delivered.iter().map(|row| row.created_at).collect();
        batch.finish().await?;
        // Counted once the marks are committed, so a failed commit counts nothing.
        let now = Utc::now().fixed_offset();
        for created_at in &created {
            let lag = (now - *created_at).num_microseconds().unwrap_or(0) as f64 / 1e6;
            self.stats.observe_lag(lag);
        }
        self.stats
            .dispatched
            .fetch_add(created.len() as u64, Ordering::Relaxed);
        self.stats.observe_batch(started.elapsed().as_secs_f64());
        Ok(claimed)
    }

    async fn deliver(&self, row: &sys_events::Model) -> Result<(), String> {
        let envelope = envelope_from_row(row).map_err(|err| err.to_string())?;
        let mut failures = Vec::new();
        for handler in self.handlers.iter().filter(|h| h.handles(&envelope.event)) {
            if let Err(err) = consume(&self.db, handler.as_ref(), &envelope).await {
                failures.push(format!("{}: {err}", handler.name()));
            }
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join("; "))
        }
    }

    /// Marks delivered events in one statement (fewer writes: SQLite has a single writer).
    async fn record_delivered(
        &self,
        batch: &ClaimedBatch,
        delivered: &[&sys_events::Model],
    ) -> Result<(), DbErr> {
        if delivered.is_empty() {
            return Ok(());
        }
        let now = Utc::now().fixed_offset();
        let update = sys_events::Entity::update_many()
            .filter(sys_events::Column::Id.is_in(delivered.iter().map(|r| r.id)))
            .col_expr(
                sys_events::Column::Attempts,
                sea_orm::sea_query::ExprTrait::add(Expr::col(sys_events::Column::Attempts), 1),
            )
            .col_expr(sys_events::Column::Status, Expr::value(status::DISPATCHED))
            .col_expr(sys_events::Column::DispatchedAt, Expr::value(now))
            .col_expr(
                sys_events::Column::LastError,
                Expr::value(Option::<String>::None),
            );
        batch.update(&self.db, update).await
    }

    /// Schedules a retry with backoff, or parks the event in the DLQ after the last attempt.
    async fn record_failure(
        &self,
        batch: &ClaimedBatch,
        row: &sys_events::Model,
        error: String,
    ) -> Result<(), DbErr> {
        let now = Utc::now().fixed_offset();
        let attempts = row.attempts.saturating_add(1);
        let error: String = error.chars().take(2000).collect();
        self.stats.failed.fetch_add(1, Ordering::Relaxed);
        let update = sys_events::Entity::update_many()
            .filter(sys_events::Column::Id.eq(row.id))
            .col_expr(sys_events::Column::Attempts, Expr::value(attempts))
            .col_expr(sys_events::Column::LastError, Expr::value(error.clone()));
        let update = if attempts as u32 >= self.config.max_attempts {
            self.stats.dead.fetch_add(1, Ordering::Relaxed);
            tracing::error!(event_id = %row.id, event_type = %row.event_type, attempts, error = %error, "event parked in the dead-letter queue");
            update.col_expr(sys_events::Column::Status, Expr::value(status::DEAD))
        } else {
            let delay = self.config.backoff(attempts as u32);
            let next = now + chrono::Duration::from_std(delay).unwrap_or_default();
            tracing::warn!(event_id = %row.id, event_type = %row.event_type, attempts, retry_in_ms = delay.as_millis() as u64, error = %error, "event delivery failed; will retry");
            update
                .col_expr(sys_events::Column::Status, Expr::value(status::FAILED))
                .col_expr(sys_events::Column::NextAttemptAt, Expr::value(next))
        };
        batch.update(&self.db, update).await
    }
}

/// Deletes dispatched events created before `before`, with their consumption records, in up to
/// `max_batches` batches of 1 000 (short transactions; SQLite has one writer). Returns how many
/// events were deleted.
pub async fn purge_dispatched(
    db: &DatabaseConnection,
    before: chrono::DateTime<chrono::FixedOffset>,
    max_batches: u32,
) -> Result<u64, DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    let mut purged = 0;
    for _ in 0..max_batches {
        let ids: Vec<uuid::Uuid> = sys_events::Entity::find()
            .select_only()
            .column(sys_events::Column::Id)
            .filter(sys_events::Column::Status.eq(status::DISPATCHED))
            .filter(sys_events::Column::CreatedAt.lt(before))
            .order_by_asc(sys_events::Column::CreatedAt)
            .limit(1000)
            .into_tuple()
            .all(db)
            .await?;
        if ids.is_empty() {
            break;
        }
        let txn = rustok_core::begin_write(db).await?;
        sys_event_consumptions::Entity::delete_many()
            .filter(sys_event_consumptions::Column::EventId.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        let deleted = sys_events::Entity::delete_many()
            .filter(sys_events::Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        purged += deleted.rows_affected;
    }
    Ok(purged)
}

/// Runs one handler on one event, at most once per consumer.
///
/// The `(consumer, event_id)` record is inserted in the transaction the handler receives: a
/// handler that writes through that transaction has its effect and the record commit or roll
/// back together (exactly-once effect). A handler with effects outside the database (a webhook)
/// gets at-least-once delivery: it may run again if the process dies after its effect but before
/// the commit, so such handlers must be idempotent themselves.
pub(crate) async fn consume(
    db: &DatabaseConnection,
    handler: &dyn EventHandler,
    envelope: &EventEnvelope,
) -> Result<(), EventError> {
    let txn = rustok_core::begin_write(db)
        .await
        .map_err(transport_error)?;
    let inserted = sys_event_consumptions::Entity::insert(sys_event_consumptions::ActiveModel {
        consumer: Set(handler.name().to_string()),
        event_id: Set(envelope.id),
        processed_at: Set(Utc::now().fixed_offset()),
    })
    .on_conflict(
        OnConflict::columns([
            sys_event_consumptions::Column::Consumer,
            sys_event_consumptions::Column::EventId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await
    .map_err(transport_error)?;
    if inserted == 0 {
        // Already handled by this consumer (a redelivery after a crash, or a concurrent relay).
        txn.rollback().await.map_err(transport_error)?;
        return Ok(());
    }
    match handler.handle_in_tx(&txn, envelope).await {
        Ok(()) => {
            txn.commit().await.map_err(transport_error)?;
            handler.after_commit(envelope).await;
            Ok(())
        }
        Err(err) => {
            txn.rollback().await.map_err(transport_error)?;
            Err(err)
        }
    }
}

fn transport_error(err: DbErr) -> EventError {
    EventError::Transport(err.to_string())
}

/// Rebuilds the envelope of a stored event, upcasting older payload versions.
pub fn envelope_from_row(row: &sys_events::Model) -> Result<EventEnvelope, EventError> {
    let version = u16::try_from(row.schema_version)
        .map_err(|_| EventError::Invalid(format!("schema version {}", row.schema_version)))?;
    let event = DomainEvent::from_stored(&row.event_type, version, row.payload.clone())?;
    Ok(EventEnvelope {
        id: row.id,
        tenant_id: TenantId::from_uuid(row.tenant_id),
        actor_id: row.actor_id,
        correlation_id: row.correlation_id,
        causation_id: row.causation_id,
        trace_id: row.trace_id.clone(),
        retry_count: u32::try_from(row.attempts).unwrap_or(0),
        timestamp: row.created_at.with_timezone(&Utc),
        event_type: event.event_type().to_string(),
        schema_version: event.schema_version(),
        event,
    })
}

/// Wakes the relay when a transaction that wrote events commits (PostgreSQL LISTEN/NOTIFY).
fn spawn_listener(db: DatabaseConnection, wake: Arc<Notify>) {
    let pool = db.get_postgres_connection_pool().clone();
    tokio::spawn(async move {
        loop {
            let listener = async {
                let mut listener = sea_orm::sqlx::postgres::PgListener::connect_with(&pool).await?;
                listener.listen(NOTIFY_CHANNEL).await?;
                loop {
                    listener.recv().await?;
                    wake.notify_one();
                }
                #[allow(unreachable_code)]
                Ok::<(), sea_orm::sqlx::Error>(())
            };
            if let Err(err) = listener.await {
                tracing::warn!(error = %err, "outbox listener stopped; polling until it reconnects");
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let config = RelayConfig {
            backoff_base: Duration::from_millis(100),
            backoff_max: Duration::from_secs(1),
            ..RelayConfig::default()
        };
        assert_eq!(config.backoff(1), Duration::from_millis(100));
        assert_eq!(config.backoff(2), Duration::from_millis(200));
        assert_eq!(config.backoff(4), Duration::from_millis(800));
        assert_eq!(config.backoff(5), Duration::from_secs(1));
        assert_eq!(config.backoff(40), Duration::from_secs(1));
    }
}
