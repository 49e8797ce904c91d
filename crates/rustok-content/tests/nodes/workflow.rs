//! The workflow: the drawn transitions, scheduling, and the scheduler's `publish_due`.

use chrono::Utc;
use rustok_content::{ContentError, NodeService, Transition};
use rustok_tenant::{StoredModuleSwitches, TenantService};

use crate::support::{acme, invalid, post};

/// Runs the scheduler's step once, now; how many nodes it published.
async fn publish_due_now(service: &NodeService<'_>, switches: &StoredModuleSwitches) -> u64 {
    service.publish_due(switches, Utc::now()).await.unwrap()
}

#[tokio::test]
async fn the_workflow_allows_only_drawn_transitions() {
    let (h, ctx) = acme().await;
    let service = NodeService::new(&h.db, &h.events);
    let switches = StoredModuleSwitches::new(h.db.clone());
    let id = service.create(&ctx, post("Flow", "")).await.unwrap().id;
    let step = |t: Transition| service.transition(&ctx, id, t, None);

    assert_eq!(step(Transition::Submit).await.unwrap().status, "review");
    assert_eq!(step(Transition::Reject).await.unwrap().status, "draft");
    let published = step(Transition::Publish).await.unwrap();
    assert_eq!(published.status, "published");
    assert!(published.published_at.is_some());
    assert!(matches!(
        step(Transition::Publish).await,
        Err(ContentError::InvalidTransition { .. })
    ));
    assert!(matches!(
        step(Transition::Submit).await,
        Err(ContentError::InvalidTransition { .. })
    ));
    assert_eq!(step(Transition::Archive).await.unwrap().status, "archived");
    assert!(matches!(
        step(Transition::Unpublish).await,
        Err(ContentError::InvalidTransition { .. })
    ));
    assert_eq!(step(Transition::Restore).await.unwrap().status, "draft");

    // Scheduling needs a future time; the scheduler publishes when it comes.
    invalid("publish_at", step(Transition::Schedule).await);
    let soon = Utc::now() + chrono::Duration::milliseconds(300);
    let scheduled = service
        .transition(&ctx, id, Transition::Schedule, Some(soon))
        .await
        .unwrap();
    assert_eq!(scheduled.status, "scheduled");
    assert_eq!(publish_due_now(&service, &switches).await, 0, "not yet");
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(publish_due_now(&service, &switches).await, 1);
    assert_eq!(
        service.get(&ctx, id, None).await.unwrap().status,
        "published"
    );
    assert_eq!(
        publish_due_now(&service, &switches).await,
        0,
        "published once"
    );
    assert_eq!(h.events_of("content.node_published").await, 2);
}

#[tokio::test]
async fn scheduled_nodes_wait_while_the_module_is_off() {
    let (h, ctx) = acme().await;
    let service = NodeService::new(&h.db, &h.events);
    let switches = StoredModuleSwitches::new(h.db.clone());
    let id = service.create(&ctx, post("Later", "")).await.unwrap().id;
    let soon = Utc::now() + chrono::Duration::milliseconds(200);
    service
        .transition(&ctx, id, Transition::Schedule, Some(soon))
        .await
        .unwrap();
    TenantService::set_module_enabled(&h.db, ctx.tenant, "content", false)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(publish_due_now(&service, &switches).await, 0, "module off");
    assert_eq!(
        service.get(&ctx, id, None).await.unwrap().status,
        "scheduled"
    );
    TenantService::set_module_enabled(&h.db, ctx.tenant, "content", true)
        .await
        .unwrap();
    assert_eq!(publish_due_now(&service, &switches).await, 1, "caught up");
    assert_eq!(
        service.get(&ctx, id, None).await.unwrap().status,
        "published"
    );
}
