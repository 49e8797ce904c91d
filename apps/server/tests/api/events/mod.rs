//! The event pipeline: transactional outbox, relay, idempotent consumers, DLQ, replay. Most
//! tests drive delivery themselves with relays of their own and a recording consumer.

mod delivery;
mod operations;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use rustok_core::{DomainEvent, EventEnvelope, EventError, EventHandler, TenantId};
use rustok_outbox::{
    ClaimStrategy, ClaimedBatch, OutboxStats, Relay, RelayConfig, claim_strategy_for,
};
use sea_orm::{DatabaseConnection, TransactionTrait};
use tokio::sync::Notify;
use uuid::Uuid;

use crate::support::TestApp;

/// An app whose own relay stays off, so the test drives delivery itself.
async fn app_without_relay() -> TestApp {
    TestApp::spawn_with(&[("RUSTOK_OUTBOX_RELAY", "false")]).await
}

fn event(tenant: Uuid) -> DomainEvent {
    DomainEvent::TenantUpdated { tenant_id: tenant }
}

/// Writes one event of `tenant` in a transaction of its own, which commits or rolls back.
async fn publish(app: &TestApp, tenant: Uuid, commit: bool) -> Uuid {
    let txn = app.state.db.begin().await.unwrap();
    let id = app
        .state
        .events
        .emit_in_tx(&txn, TenantId::from_uuid(tenant), None, event(tenant))
        .await
        .unwrap();
    if commit {
        txn.commit().await.unwrap();
    } else {
        txn.rollback().await.unwrap();
    }
    id
}

async fn publish_committed(app: &TestApp, tenant: Uuid, count: usize) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for _ in 0..count {
        ids.push(publish(app, tenant, true).await);
    }
    ids
}

/// Records how often each event reached it, in order; can be told to fail, or to take
/// `delay` per event (a slow downstream).
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<(Uuid, Uuid)>>,
    fail: AtomicBool,
    delay: Duration,
}

#[async_trait]
impl EventHandler for Recorder {
    fn name(&self) -> &'static str {
        "test_recorder"
    }
    fn handles(&self, event: &DomainEvent) -> bool {
        matches!(event, DomainEvent::TenantUpdated { .. })
    }
    async fn handle(&self, envelope: &EventEnvelope) -> Result<(), EventError> {
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        if self.fail.load(Ordering::SeqCst) {
            return Err(EventError::Handler {
                handler: "test_recorder".into(),
                message: "downstream is down".into(),
            });
        }
        self.seen
            .lock()
            .unwrap()
            .push((envelope.tenant_id.as_uuid(), envelope.id));
        Ok(())
    }
}

fn relay_with(
    db: DatabaseConnection,
    handler: Arc<dyn EventHandler>,
    config: RelayConfig,
) -> Relay {
    let holder = rustok_core::generate_id().to_string();
    Relay::new(
        db.clone(),
        claim_strategy_for(&db, holder),
        vec![handler],
        config,
        Arc::new(OutboxStats::default()),
        Arc::new(Notify::new()),
    )
}

async fn drain(relay: &Relay) {
    for _ in 0..1000 {
        if relay.relay_pending_events().await.unwrap() == 0 {
            return;
        }
    }
    panic!("relay did not drain");
}

struct RecordingClaims {
    inner: Arc<dyn ClaimStrategy>,
    claimed: Arc<Mutex<Vec<Uuid>>>,
}

#[async_trait]
impl ClaimStrategy for RecordingClaims {
    async fn claim(
        &self,
        db: &DatabaseConnection,
        limit: u64,
    ) -> Result<ClaimedBatch, sea_orm::DbErr> {
        let batch = self.inner.claim(db, limit).await?;
        self.claimed
            .lock()
            .unwrap()
            .extend(batch.events.iter().map(|e| e.id));
        Ok(batch)
    }

    async fn keep_claim(&self, db: &DatabaseConnection) -> Result<bool, sea_orm::DbErr> {
        self.inner.keep_claim(db).await
    }
}
