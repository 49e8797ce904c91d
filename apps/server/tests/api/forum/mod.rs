//! The forum module through the real router: categories, topics and replies, reply counting
//! under concurrency, last-activity ordering with pinned topics, lock and pin, permissions,
//! tenants, the module switch, outbox events and hostile input. A forum's owner is a tenant admin
//! (a moderator); members are registered customers (`forum:post`).

mod access;
mod moderation;
mod topics;

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, TestResponse};

/// Acme with its owner (a moderator), the member alice and a topic `title` that alice opened in
/// the forum "General"; (owner token, alice's token, forum id, topic id).
async fn alices_topic(app: &TestApp, title: &str) -> (String, String, String, String) {
    let owner = app.tenant_admin("acme").await;
    let alice = app.customer("acme", "alice@acme.test").await;
    let forum = create_forum(app, "acme", &owner, "General").await;
    let opened = create_topic(app, &alice, &forum, title).await;
    let topic = opened["id"].as_str().unwrap().to_string();
    (owner, alice, forum, topic)
}

/// Acme with a topic `title` that its owner opened in the forum "General"; (owner token, forum
/// id, topic id).
async fn owners_topic(app: &TestApp, title: &str) -> (String, String, String) {
    let owner = app.tenant_admin("acme").await;
    let forum = create_forum(app, "acme", &owner, "General").await;
    let opened = create_topic(app, &owner, &forum, title).await;
    let topic = opened["id"].as_str().unwrap().to_string();
    (owner, forum, topic)
}

/// Staff open a forum in `tenant`; returns its id.
async fn create_forum(app: &TestApp, tenant: &str, token: &str, title: &str) -> String {
    let created = app
        .signed_in(tenant, token)
        .post(
            "/api/v1/forum/forums",
            json!({"title": title, "description": "Talk about it"}),
        )
        .send()
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    created["id"].as_str().unwrap().to_string()
}

/// A member of acme opens a topic in `forum`; returns it.
async fn create_topic(app: &TestApp, token: &str, forum: &str, title: &str) -> Value {
    app.signed_in("acme", token)
        .post(
            &format!("/api/v1/forum/forums/{forum}/topics"),
            json!({"title": title, "body": "What do you **think**?"}),
        )
        .send()
        .await
        .assert_status(StatusCode::CREATED)
        .json()
}

/// A member of acme replies to `topic`.
async fn reply(app: &TestApp, token: &str, topic: &str, body: &str) -> TestResponse {
    app.signed_in("acme", token)
        .post(
            &format!("/api/v1/forum/topics/{topic}/replies"),
            json!({"body": body}),
        )
        .send()
        .await
}

/// Topic `id` of acme as anyone reads it.
async fn topic(app: &TestApp, id: &str) -> Value {
    app.anonymous("acme")
        .get(&format!("/api/v1/forum/topics/{id}"))
        .send()
        .await
        .assert_status(StatusCode::OK)
        .json()
}
