//! The transactional outbox (L1 event transport).
//!
//! - [`OutboxTransport::publish_in_tx`] writes the event row (`sys_events`) inside the caller's
//!   transaction, so an event exists exactly when its data was committed.
//! - [`Relay`] claims due rows in batches, hands them to the registered handlers, marks them
//!   dispatched, retries failures with exponential backoff and parks poison events as `dead` (the
//!   DLQ). Claiming differs per database ([`ClaimStrategy`]): PostgreSQL uses
//!   `FOR UPDATE SKIP LOCKED` plus a per-tenant advisory lock, so relays in several processes
//!   never take the same event and keep each tenant's events in order; SQLite has one relay,
//!   elected through a lease row.
//! - Handlers see each event effectively once: before a handler runs, the relay records
//!   `(consumer, event_id)` in `sys_event_consumptions` in the same transaction the handler gets,
//!   so the effect and the record commit together.
//! - [`OutboxAdmin`]: list the DLQ, retry one or all, replay a range to one consumer.

mod admin;
mod claim;
pub mod entities;
mod migration;
mod relay;
mod stats;
mod transport;

pub use admin::{OutboxAdmin, ReplayOutcome, ReplayRange};
pub use claim::{ClaimStrategy, ClaimedBatch, LeasedClaim, claim_strategy_for, count_by_status};
pub use migration::migrations;
pub use relay::{Relay, RelayConfig, envelope_from_row, purge_dispatched};
pub use stats::{OutboxStats, OutboxStatsSnapshot};
pub use transport::OutboxTransport;

/// Row states of `sys_events`.
pub mod status {
    /// Waiting for its first delivery.
    pub const PENDING: &str = "pending";
    /// Delivered to every handler.
    pub const DISPATCHED: &str = "dispatched";
    /// A delivery failed; retried at `next_attempt_at`.
    pub const FAILED: &str = "failed";
    /// Gave up after the configured attempts: the dead-letter queue.
    pub const DEAD: &str = "dead";
}

#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("event error: {0}")]
    Event(#[from] rustok_core::EventError),
    #[error("no consumer named `{0}`")]
    UnknownConsumer(String),
    #[error("{0}")]
    InvalidRange(String),
}

impl From<OutboxError> for rustok_core::Error {
    fn from(err: OutboxError) -> Self {
        use rustok_core::Error;
        match err {
            OutboxError::Database(db) => Error::Database(db),
            OutboxError::Event(event) => event.into(),
            OutboxError::UnknownConsumer(_) => Error::NotFound { what: "consumer" },
            OutboxError::InvalidRange(detail) => Error::invalid_field("range", detail),
        }
    }
}
