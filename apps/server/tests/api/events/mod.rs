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

async fn publish_committed(app: &TestApp, tenant: Uuid, count: usize) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for _ in 0..count {
        let txn = app.state.db.begin().await.unwrap();
        let id = app
            .state
            .events
            .emit_in_tx(&txn, TenantId::from_uuid(tenant), None, event(tenant))
            .await
            .unwrap();
        txn.commit().await.unwrap();
        ids.push(id);
    }
    ids
}

/// Records how often each event reached it, in order; can be told to fail.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<(Uuid, Uuid)>>,
    fail: AtomicBool,
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

/// Delivers like `Recorder`, taking `delay` per event: a slow downstream.
struct SlowRecorder {
    inner: Recorder,
    delay: Duration,
}

#[async_trait]
impl EventHandler for SlowRecorder {
    fn name(&self) -> &'static str {
        "slow_recorder"
    }
    fn handles(&self, event: &DomainEvent) -> bool {
        self.inner.handles(event)
    }
    async fn handle(&self, envelope: &EventEnvelope) -> Result<(), EventError> {
        tokio::time::sleep(self.delay).await;
        self.inner.handle(envelope).await
    }
}
