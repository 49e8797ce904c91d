//! Who reaches a forum at all: the module switch and other tenants.

use axum::http::StatusCode;
use serde_json::json;

use super::{owners_topic, reply, topic};
use crate::support::TestApp;

#[tokio::test]
async fn a_disabled_forum_answers_as_absent() {
    let app = TestApp::spawn().await;
    let (owner, _, topic_id) = owners_topic(&app, "Still here").await;
    let id = topic_id.as_str();

    app.set_module("acme", &owner, "forum", false)
        .await
        .assert_status(StatusCode::OK);
    let acme_visitor = app.anonymous("acme");
    acme_visitor
        .get("/api/v1/forum/forums")
        .problem(404, "module_disabled")
        .await;
    acme_visitor
        .get(&format!("/api/v1/forum/topics/{id}"))
        .problem(404, "module_disabled")
        .await;
    reply(&app, &owner, id, "Anyone?")
        .await
        .assert_problem(404, "module_disabled");
    acme_visitor
        .graphql_error("{ forums { items { id } } }", json!({}), "module_disabled")
        .await;
    let demo_visitor = app.anonymous("demo");
    // Other tenants keep it.
    assert_eq!(
        demo_visitor.get("/api/v1/forum/forums").send().await.status,
        StatusCode::OK
    );
    app.set_module("acme", &owner, "forum", true)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(topic(&app, id).await["id"], id);
}

#[tokio::test]
async fn other_tenants_cannot_read_or_reply() {
    let app = TestApp::spawn().await;
    let (_, forum, topic_id) = owners_topic(&app, "Private to acme").await;
    let id = topic_id.as_str();
    let intruder = app.tenant_admin("globex").await;
    let as_intruder = app.signed_in("globex", &intruder);

    for tenant in ["globex", "demo"] {
        app.get(&format!("/api/v1/forum/topics/{id}"))
            .tenant(tenant)
            .problem(404, "not_found")
            .await;
        app.get(&format!("/api/v1/forum/topics/{id}/replies"))
            .tenant(tenant)
            .problem(404, "not_found")
            .await;
    }
    let before = app.stored_events().await;
    as_intruder
        .post(
            &format!("/api/v1/forum/topics/{id}/replies"),
            json!({"body": "Hello from globex"}),
        )
        .problem(404, "not_found")
        .await;
    as_intruder
        .post(
            &format!("/api/v1/forum/forums/{forum}/topics"),
            json!({"title": "Spam", "body": "Hello from globex"}),
        )
        .problem(404, "not_found")
        .await;
    as_intruder
        .post(
            &format!("/api/v1/forum/topics/{id}/moderation"),
            json!({"locked": true}),
        )
        .problem(404, "not_found")
        .await;
    let visitor = app.anonymous("globex");
    let gql = visitor
        .graphql(
            "query($id: ID!) { forumTopic(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert!(gql["data"]["forumTopic"].is_null(), "{gql}");
    assert_eq!(app.stored_events().await, before);
    assert_eq!(topic(&app, id).await["reply_count"], 0);
}
