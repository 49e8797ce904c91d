//! Operating the event pipeline (platform operators): the dead-letter queue and replays.

use async_graphql::{InputObject, SimpleObject};
use chrono::{DateTime, FixedOffset};
use rustok_core::Error;
use rustok_outbox::entities::sys_events;
use rustok_outbox::{OutboxAdmin, ReplayRange};
use rustok_rbac::Principal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::state::AppState;

/// An event in the outbox (`sys_events`), with its delivery state.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct StoredEventView {
    /// The event's id (time-ordered).
    pub id: Uuid,
    /// The tenant the event belongs to.
    pub tenant_id: Uuid,
    /// What happened, `area.action` (`tenant.created`, `commerce.order_placed`, …).
    pub event_type: String,
    /// Version of the payload's shape for this event type.
    pub schema_version: i32,
    /// The event as stored: `{"type": "<variant>", "data": {…}}`.
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    /// `pending` (not delivered yet), `dispatched` (delivered to every consumer), `failed` (a
    /// delivery failed; retried at `next_attempt_at`) or `dead` (gave up: the dead-letter queue).
    pub status: String,
    /// Failed deliveries so far (reset by a retry).
    pub attempts: i32,
    /// The latest delivery failure (at most 2 000 characters).
    pub last_error: Option<String>,
    /// When the event was written.
    pub created_at: DateTime<FixedOffset>,
    /// When the relay delivers it next (pending and failed events).
    pub next_attempt_at: DateTime<FixedOffset>,
    /// When it was delivered to every consumer.
    pub dispatched_at: Option<DateTime<FixedOffset>>,
}

impl From<sys_events::Model> for StoredEventView {
    fn from(row: sys_events::Model) -> Self {
        Self {
            id: row.id,
            tenant_id: row.tenant_id,
            event_type: row.event_type,
            schema_version: row.schema_version,
            payload: row.payload,
            status: row.status,
            attempts: row.attempts,
            last_error: row.last_error,
            created_at: row.created_at,
            next_attempt_at: row.next_attempt_at,
            dispatched_at: row.dispatched_at,
        }
    }
}

/// One page of the dead-letter queue, oldest first.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct DeadEventPage {
    /// The dead events of this page.
    pub items: Vec<StoredEventView>,
    /// Pass as `after` to get the next page; absent on the last page.
    pub next_cursor: Option<Uuid>,
}

/// Which dispatched events to deliver again, and to whom. The conditions combine (all must
/// hold); without any, every dispatched event still in the outbox is replayed, 10 000 per call.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct ReplayInput {
    /// Consumer to replay to, by exact name (see `GET /api/v1/events/consumers`); another name
    /// is 404 `not_found`.
    pub consumer: String,
    /// Events created at or after this time (RFC 3339).
    pub from: Option<DateTime<FixedOffset>>,
    /// Events created before this time (RFC 3339); with `from`, it must be later than `from`
    /// (else 422 `validation_failed` on `range`).
    pub to: Option<DateTime<FixedOffset>>,
    /// Events with an id greater than this one (to continue a `truncated` replay, pass its
    /// `last_event_id`).
    pub after_id: Option<Uuid>,
    /// Events with an id up to and including this one.
    pub up_to_id: Option<Uuid>,
    /// Only events of this tenant.
    pub tenant_id: Option<Uuid>,
}

/// What a replay call did.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct ReplayResult {
    /// The consumer replayed to.
    pub consumer: String,
    /// Events the consumer handled again (events it does not handle are skipped).
    pub replayed: u64,
    /// The last event this call covered, handled or skipped; absent when none matched.
    pub last_event_id: Option<Uuid>,
    /// More events match than one call replays (10 000): call again with
    /// `after_id = last_event_id`.
    pub truncated: bool,
}

/// What a retry of the dead-letter queue did.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct RetryResult {
    /// Dead events put back in line (delivered again shortly, with a fresh attempt budget).
    pub requeued: u64,
}

fn outbox(state: &AppState) -> Result<&OutboxAdmin, Error> {
    state.outbox_admin.as_ref().ok_or_else(|| {
        Error::conflict(
            "outbox_disabled",
            "the event transport is not the outbox; there is no dead-letter queue",
        )
    })
}

/// Most rows one page of a log (audit trail, dead-letter queue) holds.
pub const LOG_PAGE_MAX: u64 = 200;

pub async fn list_dead(
    state: &AppState,
    principal: &Principal,
    after: Option<Uuid>,
    limit: Option<u64>,
) -> Result<DeadEventPage, Error> {
    state.rbac.require(principal, "events:manage").await?;
    let limit = rustok_api::page_limit(limit, 50, LOG_PAGE_MAX)?;
    let mut rows = outbox(state)?.list_dead(after, limit + 1).await?;
    let next_cursor = super::take_page(&mut rows, limit, |r| r.id);
    Ok(DeadEventPage {
        items: rows.into_iter().map(StoredEventView::from).collect(),
        next_cursor,
    })
}

pub async fn retry(
    state: &AppState,
    principal: &Principal,
    id: Uuid,
) -> Result<StoredEventView, Error> {
    state.rbac.require(principal, "events:manage").await?;
    let admin = outbox(state)?;
    if !admin.retry(id).await? {
        return match admin.get(id).await? {
            Some(_) => Err(Error::conflict(
                "event_not_retryable",
                "only dead or failed events can be retried",
            )),
            None => Err(Error::NotFound { what: "event" }),
        };
    }
    state.wake_relay();
    admin
        .get(id)
        .await?
        .map(StoredEventView::from)
        .ok_or(Error::NotFound { what: "event" })
}

pub async fn retry_all_dead(state: &AppState, principal: &Principal) -> Result<RetryResult, Error> {
    state.rbac.require(principal, "events:manage").await?;
    let requeued = outbox(state)?.retry_all_dead().await?;
    state.wake_relay();
    Ok(RetryResult { requeued })
}

pub async fn consumers(state: &AppState, principal: &Principal) -> Result<Vec<String>, Error> {
    state.rbac.require(principal, "events:manage").await?;
    Ok(outbox(state)?
        .consumers()
        .into_iter()
        .map(str::to_string)
        .collect())
}

pub async fn replay(
    state: &AppState,
    principal: &Principal,
    input: ReplayInput,
) -> Result<ReplayResult, Error> {
    state.rbac.require(principal, "events:manage").await?;
    let outcome = outbox(state)?
        .replay(
            &input.consumer,
            ReplayRange {
                from: input.from,
                to: input.to,
                after_id: input.after_id,
                up_to_id: input.up_to_id,
                tenant_id: input.tenant_id,
            },
        )
        .await?;
    Ok(ReplayResult {
        consumer: input.consumer,
        replayed: outcome.replayed,
        last_event_id: outcome.last_event_id,
        truncated: outcome.truncated,
    })
}
