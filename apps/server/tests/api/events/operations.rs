//! What operators and tenant admins do with events: the audit trail, the dead-letter queue,
//! replay and retention.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::http::StatusCode;
use rustok_outbox::RelayConfig;
use rustok_outbox::entities::sys_events;
use rustok_server::models::audit_log;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;
use uuid::Uuid;

use super::{Recorder, app_without_relay, drain, publish_committed, relay_with};
use crate::support::{ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, texts};

#[tokio::test]
async fn the_tenant_audit_log_is_visible_to_its_admin_only() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let mut page = json!(null);
    for _ in 0..200 {
        page = as_admin.get("/api/v1/audit").send().await.json();
        if page["items"]
            .as_array()
            .is_some_and(|items| items.len() >= 3)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let types = texts(&page["items"], "event_type");
    assert!(types.contains(&"user.logged_in"), "{types:?}");
    assert!(types.contains(&"tenant.created"), "{types:?}");
    // Nothing of the demo tenant leaks into acme's trail.
    assert!(
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["payload"].to_string().contains("acme")
                || i["event_type"] != "tenant.created")
    );
    let customer = app.customer("acme", "c@acme.test").await;
    let as_customer = app.signed_in("acme", &customer);
    as_customer
        .get("/api/v1/audit")
        .problem(403, "forbidden")
        .await;
    // Event operations are for the platform operator, not tenant admins.
    as_admin
        .get("/api/v1/events/dead")
        .problem(403, "forbidden")
        .await;
}

#[tokio::test]
async fn a_failing_handler_ends_in_the_dlq_and_a_retry_delivers_it() {
    let app = app_without_relay().await;
    let operator = app.operator().await;
    let tenant = rustok_core::generate_id();
    let ids = publish_committed(&app, tenant, 1).await;
    let recorder = Arc::new(Recorder::default());
    recorder.fail.store(true, Ordering::SeqCst);
    let config = RelayConfig {
        max_attempts: 3,
        backoff_base: Duration::from_millis(1),
        backoff_max: Duration::from_millis(5),
        ..RelayConfig::default()
    };
    let relay = relay_with(app.state.db.clone(), recorder.clone(), config);
    for _ in 0..200 {
        relay.relay_pending_events().await.unwrap();
        if app.events_with_status("dead").await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
    let dead = app.stored_event(ids[0]).await.unwrap();
    assert_eq!(dead.status, "dead");
    assert_eq!(dead.attempts, 3);
    assert!(dead.last_error.unwrap().contains("downstream is down"));

    // Visible to the operator, and readiness reports it.
    let listed = operator
        .get("/api/v1/events/dead")
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(listed.json()["items"][0]["id"], ids[0].to_string());
    let ready = app.get("/health/ready").send().await.json();
    let events = ready["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == "events")
        .unwrap()
        .clone();
    assert_eq!(events["status"], "degraded", "{ready}");
    assert!(events["reason"].as_str().unwrap().contains("dead-letter"));

    // Fix the consumer, retry, deliver.
    recorder.fail.store(false, Ordering::SeqCst);
    let retried = operator
        .post(&format!("/api/v1/events/{}/retry", ids[0]), json!({}))
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(retried.json()["status"], "pending");
    drain(&relay).await;
    assert_eq!(recorder.seen.lock().unwrap().len(), 1);
    let delivered = app.stored_event(ids[0]).await.unwrap();
    assert_eq!(delivered.status, "dispatched");
    operator
        .post(&format!("/api/v1/events/{}/retry", ids[0]), json!({}))
        .problem(409, "event_not_retryable")
        .await;
    operator
        .post(
            &format!("/api/v1/events/{}/retry", Uuid::new_v4()),
            json!({}),
        )
        .problem(404, "not_found")
        .await;
}

#[tokio::test]
async fn replay_rebuilds_a_consumer() {
    let (app, operator) = TestApp::with_operator().await;
    app.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let mut audited = 0;
    for _ in 0..200 {
        audited = app.audit_entries().await;
        // Settled: every stored event dispatched and audited.
        let dispatched = app.events_with_status("dispatched").await;
        if audited >= 4 && dispatched == app.stored_events().await && audited == dispatched {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(audited >= 4);
    audit_log::Entity::delete_many()
        .exec(&app.state.db)
        .await
        .unwrap();

    let consumers = operator.get("/api/v1/events/consumers").send().await.json();
    assert_eq!(consumers, json!(["audit_log", "index"]));
    let replayed = operator
        .post("/api/v1/events/replay", json!({"consumer": "audit_log"}))
        .expect_status(StatusCode::OK)
        .await;
    let replayed = replayed.json()["replayed"].as_u64().unwrap();
    assert!(replayed >= audited);
    assert_eq!(app.audit_entries().await, replayed);

    operator
        .post("/api/v1/events/replay", json!({"consumer": "nope"}))
        .problem(404, "not_found")
        .await;
    operator
        .post(
            "/api/v1/events/replay",
            json!({"consumer": "audit_log", "from": "2030-01-01T00:00:00Z", "to": "2029-01-01T00:00:00Z"}),
        )
        .problem(422, "validation_failed")
        .await;

    let gql = operator
        .graphql_data("{ eventConsumers deadEvents { items { id } } }", json!({}))
        .await;
    assert_eq!(gql["eventConsumers"], json!(["audit_log", "index"]));
}

#[tokio::test]
async fn dispatched_events_past_retention_are_purged_and_others_kept() {
    let app = app_without_relay().await;
    // A real tenant: the app's audit consumer records events against it.
    let tenant = app
        .state
        .tenants
        .resolve(&rustok_tenant::TenantIdentifier::Slug("demo".into()))
        .await
        .unwrap()
        .id
        .as_uuid();
    publish_committed(&app, tenant, 5).await;
    let relay = app.state.relay().unwrap();
    drain(relay).await;
    // One undelivered event must survive any purge.
    let pending = publish_committed(&app, tenant, 1).await;
    let total = app.stored_events().await;
    let cutoff = chrono::Utc::now().fixed_offset() + chrono::Duration::seconds(1);
    let purged = rustok_outbox::purge_dispatched(&app.state.db, cutoff, 10)
        .await
        .unwrap();
    assert_eq!(purged, total - 1);
    let left = sys_events::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, pending[0]);
    let consumptions = rustok_outbox::entities::sys_event_consumptions::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(consumptions, 0, "consumption records go with their events");
}
