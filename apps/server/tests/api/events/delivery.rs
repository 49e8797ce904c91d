//! Delivery: exactly once, in tenant order, across relays, crashes and long batches; only
//! committed writes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustok_core::{DomainEvent, EventHandler};
use rustok_outbox::entities::{sys_events, sys_relay_leases};
use rustok_outbox::{LeasedClaim, OutboxStats, Relay, RelayConfig, claim_strategy_for};
use rustok_server::models::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use tokio::sync::Notify;
use uuid::Uuid;

use super::{Recorder, RecordingClaims, app_without_relay, drain, publish, publish_committed};
use crate::support::TestApp;

#[tokio::test]
async fn committed_writes_reach_the_audit_log_once_and_rolled_back_ones_never() {
    let (app, operator) = TestApp::with_operator().await;
    let before = app.stored_events().await;

    // A tenant creation that fails at its last step rolls back the tenant, its admin and events.
    operator.post(
        "/api/v1/tenants",
        json!({"name": "A", "slug": "a-one", "admin_email": "a@a.test", "domains": ["taken.test"]}),
    )
    .send()
    .await;
    let after_first = app.stored_events().await;
    operator.post(
        "/api/v1/tenants",
        json!({"name": "B", "slug": "b-two", "admin_email": "b@b.test", "domains": ["taken.test"]}),
    )
    .problem(409, "tenant_domain_taken")
    .await;
    assert_eq!(
        app.stored_events().await,
        after_first,
        "rolled back: no event"
    );
    assert_eq!(after_first - before, 2, "tenant.created + user.registered");

    // The relay running in the app delivers the committed ones to the audit log.
    let tenant_id = app.tenant_id("a-one").await.parse::<Uuid>().unwrap();
    let mut rows = Vec::new();
    for _ in 0..200 {
        rows = audit_log::Entity::find()
            .filter(audit_log::Column::TenantId.eq(tenant_id))
            .all(&app.state.db)
            .await
            .unwrap();
        if rows.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let mut types: Vec<&str> = rows.iter().map(|r| r.event_type.as_str()).collect();
    types.sort();
    assert_eq!(types, vec!["tenant.created", "user.registered"]);

    // Direct: an event written in a transaction that rolls back does not exist.
    let id = publish(&app, tenant_id, false).await;
    assert!(app.stored_event(id).await.is_none());
}

#[tokio::test]
async fn redelivery_after_a_crash_has_no_second_effect() {
    let app = app_without_relay().await;
    let tenant = app
        .create_tenant("acme", "owner@acme.test", "acme-owner-pass")
        .await;
    let tenant_id: Uuid = tenant["tenant"]["id"].as_str().unwrap().parse().unwrap();
    let relay = app.state.relay().unwrap();
    drain(relay).await;
    let audited = app.audit_entries().await;
    assert!(audited >= 2);

    // Simulate a relay that died after the handlers ran but before marking the events.
    sys_events::Entity::update_many()
        .col_expr(
            sys_events::Column::Status,
            sea_orm::sea_query::Expr::value("pending"),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    drain(relay).await;
    assert_eq!(app.audit_entries().await, audited);
    assert_eq!(app.events_with_status("pending").await, 0);
    let _ = tenant_id;
}

#[tokio::test]
async fn two_relays_never_deliver_the_same_event_and_keep_tenant_order() {
    let app = app_without_relay().await;
    // Whatever the demo seed wrote is relayed too (but not seen by the recorder's tenants).
    let seeded = app.stored_events().await as usize;
    let tenants: Vec<Uuid> = (0..4).map(|_| rustok_core::generate_id()).collect();
    let mut published: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for round in 0..40 {
        let tenant = tenants[round % tenants.len()];
        let ids = publish_committed(&app, tenant, 3).await;
        published.entry(tenant).or_default().extend(ids);
    }
    let total: usize = published.values().map(Vec::len).sum();

    // Two relays, each with its own connection pool, as two server processes would have.
    let recorder = Arc::new(Recorder::default());
    let claims = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
        let holder = rustok_core::generate_id().to_string();
        let strategy = Arc::new(RecordingClaims {
            inner: claim_strategy_for(&db, holder),
            claimed: claims.clone(),
        });
        let config = RelayConfig {
            batch_size: 7,
            ..RelayConfig::default()
        };
        let relay = Relay::new(
            db,
            strategy,
            vec![recorder.clone() as Arc<dyn EventHandler>],
            config,
            Arc::new(OutboxStats::default()),
            Arc::new(Notify::new()),
        );
        tasks.push(tokio::spawn(async move {
            for _ in 0..400 {
                if relay.relay_pending_events().await.unwrap() == 0 {
                    tokio::time::sleep(Duration::from_millis(2)).await;
                    if relay.relay_pending_events().await.unwrap() == 0 {
                        break;
                    }
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }

    let claimed = claims.lock().unwrap().clone();
    let mut unique = claimed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), claimed.len(), "an event was claimed twice");
    // Ours plus those the demo seed wrote.
    assert_eq!(claimed.len(), total + seeded);

    let seen = recorder.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), total, "every event handled exactly once");
    for (tenant, ids) in &published {
        let order: Vec<Uuid> = seen
            .iter()
            .filter(|(t, _)| t == tenant)
            .map(|(_, id)| *id)
            .collect();
        assert_eq!(&order, ids, "events of one tenant arrive in commit order");
    }
    assert_eq!(
        app.events_with_status("dispatched").await as usize,
        total + seeded
    );
}

#[tokio::test]
async fn a_batch_longer_than_the_sqlite_lease_keeps_it() {
    if crate::support::backend() != "sqlite" {
        return; // PostgreSQL relays hold row locks, not a lease.
    }
    let app = app_without_relay().await;
    let ttl = Duration::from_millis(300);
    let slow = Arc::new(Recorder {
        delay: Duration::from_millis(100),
        ..Recorder::default()
    });
    let relay = Relay::new(
        app.state.db.clone(),
        Arc::new(LeasedClaim::new("slow".into(), ttl)),
        vec![slow.clone() as Arc<dyn EventHandler>],
        RelayConfig {
            batch_size: 50,
            ..RelayConfig::default()
        },
        Arc::new(OutboxStats::default()),
        Arc::new(Notify::new()),
    );
    // Empty what the demo seed left, then six events at 100 ms each: twice the lease's TTL.
    while relay.relay_pending_events().await.unwrap() > 0 {}
    let ids = publish_committed(&app, rustok_core::generate_id(), 6).await;
    let started = chrono::Utc::now();
    assert_eq!(relay.relay_pending_events().await.unwrap(), 6);

    // The relay renewed its lease while it worked, so no other relay could take the batch
    // over: the lease outlives the batch's start by more than two TTLs.
    let lease = sys_relay_leases::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(lease.holder, "slow");
    let held_for = lease.expires_at.with_timezone(&chrono::Utc) - started;
    assert!(
        held_for > chrono::Duration::from_std(ttl * 2).unwrap(),
        "lease not renewed during the batch: expires {held_for} after it began"
    );
    let seen: Vec<Uuid> = slow
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|(_, id)| *id)
        .collect();
    assert_eq!(seen, ids, "each event once, in order");
}

#[tokio::test]
async fn the_memory_transport_still_delivers() {
    let app = TestApp::spawn_with(&[("RUSTOK_EVENT_TRANSPORT", "memory")]).await;
    let operator = app.operator().await;
    for _ in 0..200 {
        let page = operator.get("/api/v1/audit").send().await.json();
        if page["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["event_type"] == "user.logged_in")
        {
            assert_eq!(
                app.stored_events().await,
                0,
                "memory transport writes no rows"
            );
            operator
                .get("/api/v1/events/dead")
                .problem(409, "outbox_disabled")
                .await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("login event never reached the audit log");
}

#[tokio::test]
async fn stored_payloads_of_an_unknown_future_version_are_refused() {
    let row_event = json!({"type": "TenantUpdated", "data": {"tenant_id": Uuid::new_v4()}});
    assert!(DomainEvent::from_stored("tenant.updated", 1, row_event.clone()).is_ok());
    assert!(DomainEvent::from_stored("tenant.updated", 99, row_event.clone()).is_err());
    assert!(DomainEvent::from_stored("tenant.created", 1, row_event).is_err());
}
