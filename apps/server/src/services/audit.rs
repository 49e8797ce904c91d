//! The audit log: a consumer that records every domain event of a tenant, and its read API.
//!
//! It is also the platform's own proof of delivery: through the outbox each committed write's
//! event lands here exactly once (the row is written in the relay's consumer transaction and
//! `event_id` is unique), which the crash test checks after killing the server mid-load.

use async_graphql::SimpleObject;
use async_trait::async_trait;
use chrono::{DateTime, FixedOffset, Utc};
use rustok_core::{
    DomainEvent, Error, EventEnvelope, EventError, EventHandler, TenantId, generate_id,
};
use rustok_rbac::Principal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::models::audit_log;
use crate::state::AppState;

pub const CONSUMER: &str = "audit_log";

pub struct AuditLogHandler {
    db: DatabaseConnection,
}

impl AuditLogHandler {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

async fn record(conn: &impl ConnectionTrait, envelope: &EventEnvelope) -> Result<(), EventError> {
    let payload = serde_json::to_value(&envelope.event)
        .map_err(|err| EventError::Invalid(err.to_string()))?;
    audit_log::Entity::insert(audit_log::ActiveModel {
        id: Set(generate_id()),
        tenant_id: Set(envelope.tenant_id.as_uuid()),
        event_id: Set(envelope.id),
        event_type: Set(envelope.event_type.clone()),
        actor_id: Set(envelope.actor_id),
        payload: Set(payload),
        occurred_at: Set(envelope.timestamp.fixed_offset()),
        recorded_at: Set(Utc::now().fixed_offset()),
    })
    // A redelivered event (memory transport, replay) must not fail or duplicate.
    .on_conflict(
        OnConflict::column(audit_log::Column::EventId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await
    .map_err(|err| EventError::Transport(err.to_string()))?;
    Ok(())
}

#[async_trait]
impl EventHandler for AuditLogHandler {
    fn name(&self) -> &'static str {
        CONSUMER
    }

    fn handles(&self, _event: &DomainEvent) -> bool {
        true
    }

    async fn handle(&self, envelope: &EventEnvelope) -> Result<(), EventError> {
        record(&self.db, envelope).await
    }

    async fn handle_in_tx(
        &self,
        txn: &DatabaseTransaction,
        envelope: &EventEnvelope,
    ) -> Result<(), EventError> {
        record(txn, envelope).await
    }
}

/// One domain event of the tenant, as recorded in its audit trail.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct AuditEntry {
    /// The event's id (time-ordered; the page cursor).
    pub event_id: Uuid,
    /// What happened, `area.action` (`tenant.updated`, `content.node_published`, …).
    pub event_type: String,
    /// The user whose request caused it; absent for the system's own work.
    pub actor_id: Option<Uuid>,
    /// The event as stored: `{"type": "<variant>", "data": {…}}` (`{"type": "TenantUpdated",
    /// "data": {"tenant_id": "…"}}`), the fields of `data` depending on the event type.
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    /// When the event happened.
    pub occurred_at: DateTime<FixedOffset>,
}

/// One page of the audit trail, newest first.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct AuditPage {
    /// The entries of this page.
    pub items: Vec<AuditEntry>,
    /// Pass as `after` for the next (older) page.
    pub next_cursor: Option<Uuid>,
}

/// The current tenant's audit trail, newest first.
pub async fn list(
    state: &AppState,
    principal: &Principal,
    before: Option<Uuid>,
    limit: Option<u64>,
) -> Result<AuditPage, Error> {
    state.rbac.require(principal, "audit:read").await?;
    let limit = rustok_api::page_limit(limit, 50, crate::services::events::LOG_PAGE_MAX)?;
    let tenant: TenantId = principal.tenant_id;
    let mut query = audit_log::Entity::find()
        .filter(audit_log::Column::TenantId.eq(tenant.as_uuid()))
        .order_by_desc(audit_log::Column::EventId);
    if let Some(before) = before {
        query = query.filter(audit_log::Column::EventId.lt(before));
    }
    let mut rows = query.limit(limit + 1).all(&state.db).await?;
    let next_cursor = super::take_page(&mut rows, limit, |r| r.event_id);
    Ok(AuditPage {
        items: rows
            .into_iter()
            .map(|r| AuditEntry {
                event_id: r.event_id,
                event_type: r.event_type,
                actor_id: r.actor_id,
                payload: r.payload,
                occurred_at: r.occurred_at,
            })
            .collect(),
        next_cursor,
    })
}

/// Deletes the audit rows of every tenant recorded before `before` (retention,
/// `settings.rustok.retention.audit_days`); returns how many went.
pub async fn purge_before(
    db: &sea_orm::DatabaseConnection,
    before: DateTime<FixedOffset>,
) -> Result<u64, Error> {
    Ok(audit_log::Entity::delete_many()
        .filter(audit_log::Column::RecordedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
