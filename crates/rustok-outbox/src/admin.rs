//! Operating the outbox: the dead-letter queue and replays.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use rustok_core::EventHandler;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::{sys_event_consumptions, sys_events};
use crate::relay::{consume, envelope_from_row};
use crate::{OutboxError, Relay, status};

/// Most events one replay call re-delivers; narrow the range for more.
pub const MAX_REPLAY: u64 = 10_000;

/// Events to replay: dispatched events created in `[from, to)` and/or with ids in
/// `(after_id, up_to_id]`, optionally of one tenant.
#[derive(Debug, Clone, Default)]
pub struct ReplayRange {
    pub from: Option<DateTime<FixedOffset>>,
    pub to: Option<DateTime<FixedOffset>>,
    pub after_id: Option<Uuid>,
    pub up_to_id: Option<Uuid>,
    pub tenant_id: Option<Uuid>,
}

/// What a replay call did. When `truncated`, continue with `after_id = last_event_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayOutcome {
    /// Events the consumer handled again.
    pub replayed: u64,
    /// The last event the call covered (handled or not of interest to the consumer).
    pub last_event_id: Option<Uuid>,
    /// The range held more than one call's worth of events.
    pub truncated: bool,
}

#[derive(Clone)]
pub struct OutboxAdmin {
    db: DatabaseConnection,
    handlers: Vec<Arc<dyn EventHandler>>,
}

impl OutboxAdmin {
    pub fn new(db: DatabaseConnection, relay: &Relay) -> Self {
        Self {
            db,
            handlers: relay.handlers().to_vec(),
        }
    }

    /// Names of the consumers a replay can target.
    pub fn consumers(&self) -> Vec<&'static str> {
        self.handlers.iter().map(|h| h.name()).collect()
    }

    /// Dead events, oldest first, after the cursor `after`.
    pub async fn list_dead(
        &self,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<sys_events::Model>, OutboxError> {
        let mut query = sys_events::Entity::find()
            .filter(sys_events::Column::Status.eq(status::DEAD))
            .order_by_asc(sys_events::Column::Id);
        if let Some(after) = after {
            query = query.filter(sys_events::Column::Id.gt(after));
        }
        Ok(query.limit(limit).all(&self.db).await?)
    }

    pub async fn get(&self, id: Uuid) -> Result<Option<sys_events::Model>, OutboxError> {
        Ok(sys_events::Entity::find_by_id(id).one(&self.db).await?)
    }

    /// Puts a dead (or waiting-for-retry) event back in line now, with a fresh attempt budget.
    /// Returns false when no such event is dead or failed.
    pub async fn retry(&self, id: Uuid) -> Result<bool, OutboxError> {
        let result = requeue()
            .filter(sys_events::Column::Id.eq(id))
            .filter(sys_events::Column::Status.is_in([status::DEAD, status::FAILED]))
            .exec(&self.db)
            .await?;
        Ok(result.rows_affected == 1)
    }

    /// Requeues every dead event; returns how many.
    pub async fn retry_all_dead(&self) -> Result<u64, OutboxError> {
        let result = requeue()
            .filter(sys_events::Column::Status.eq(status::DEAD))
            .exec(&self.db)
            .await?;
        Ok(result.rows_affected)
    }

    /// Delivers the dispatched events in `range` to `consumer` again, in id (= creation) order,
    /// forgetting that it had seen them. For rebuilding a consumer's state (e.g. a search index).
    pub async fn replay(
        &self,
        consumer: &str,
        range: ReplayRange,
    ) -> Result<ReplayOutcome, OutboxError> {
        let handler = self
            .handlers
            .iter()
            .find(|h| h.name() == consumer)
            .ok_or_else(|| OutboxError::UnknownConsumer(consumer.chars().take(64).collect()))?;
        if let (Some(from), Some(to)) = (range.from, range.to)
            && from >= to
        {
            return Err(OutboxError::InvalidRange(
                "`from` must be before `to`".into(),
            ));
        }
        let mut query = sys_events::Entity::find()
            .filter(sys_events::Column::Status.eq(status::DISPATCHED))
            .order_by_asc(sys_events::Column::Id)
            .limit(MAX_REPLAY);
        if let Some(from) = range.from {
            query = query.filter(sys_events::Column::CreatedAt.gte(from));
        }
        if let Some(to) = range.to {
            query = query.filter(sys_events::Column::CreatedAt.lt(to));
        }
        if let Some(after) = range.after_id {
            query = query.filter(sys_events::Column::Id.gt(after));
        }
        if let Some(up_to) = range.up_to_id {
            query = query.filter(sys_events::Column::Id.lte(up_to));
        }
        if let Some(tenant) = range.tenant_id {
            query = query.filter(sys_events::Column::TenantId.eq(tenant));
        }
        let rows = query.all(&self.db).await?;
        let truncated = rows.len() as u64 == MAX_REPLAY;
        let last_event_id = rows.last().map(|row| row.id);
        let mut replayed = 0;
        for row in rows {
            let envelope = envelope_from_row(&row)?;
            if !handler.handles(&envelope.event) {
                continue;
            }
            sys_event_consumptions::Entity::delete_many()
                .filter(sys_event_consumptions::Column::Consumer.eq(consumer))
                .filter(sys_event_consumptions::Column::EventId.eq(row.id))
                .exec(&self.db)
                .await?;
            consume(&self.db, handler.as_ref(), &envelope).await?;
            replayed += 1;
        }
        Ok(ReplayOutcome {
            replayed,
            last_event_id,
            truncated,
        })
    }
}

fn requeue() -> sea_orm::UpdateMany<sys_events::Entity> {
    sys_events::Entity::update_many()
        .col_expr(sys_events::Column::Status, Expr::value(status::PENDING))
        .col_expr(sys_events::Column::Attempts, Expr::value(0))
        .col_expr(
            sys_events::Column::NextAttemptAt,
            Expr::value(Utc::now().fixed_offset()),
        )
}
