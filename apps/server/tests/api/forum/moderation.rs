//! Moderation: locked and unpublished topics, who may moderate, hostile posts.

use axum::http::StatusCode;
use serde_json::json;

use super::{alices_topic, create_topic, reply, topic};
use crate::support::TestApp;
use crate::support::content::ids;

#[tokio::test]
async fn locked_topics_refuse_replies_and_write_no_events() {
    let app = TestApp::spawn().await;
    let (owner, alice, _, topic_id) = alices_topic(&app, "Heated").await;
    let id = topic_id.as_str();
    let as_owner = app.signed_in("acme", &owner);
    let as_alice = app.signed_in("acme", &alice);

    // Each reply writes exactly one created and one published event, in its transaction.
    let answered = reply(&app, &alice, id, "Calm down").await.json();
    let reply_id = answered["id"].as_str().unwrap();
    assert_eq!(
        app.events_about_node("content.node_created", reply_id)
            .await,
        1
    );
    assert_eq!(
        app.events_about_node("content.node_published", reply_id)
            .await,
        1
    );

    let locked = as_owner
        .post(
            &format!("/api/v1/forum/topics/{id}/moderation"),
            json!({"locked": true}),
        )
        .send()
        .await;
    assert_eq!(locked.status, StatusCode::OK, "{}", locked.text());
    assert_eq!(locked.json()["locked"], true);

    let before = app.stored_events().await;
    reply(&app, &alice, id, "But...")
        .await
        .assert_problem(409, "node_locked");
    reply(&app, &owner, id, "Even moderators")
        .await
        .assert_problem(409, "node_locked");
    assert_eq!(
        app.stored_events().await,
        before,
        "a refused reply writes no event"
    );
    assert_eq!(topic(&app, id).await["reply_count"], 1);
    // The author cannot edit a locked topic either; a moderator can.
    let refused = as_alice
        .patch(
            &format!("/api/v1/forum/topics/{id}"),
            json!({"body": "Sneaky edit"}),
        )
        .problem(409, "node_locked")
        .await;
    assert_eq!(
        refused["detail"], "the topic is locked: it and its replies cannot be edited",
        "an edit refusal says why, not that the topic takes no replies"
    );
    let refused = as_alice
        .patch(
            &format!("/api/v1/forum/replies/{reply_id}"),
            json!({"body": "Sneaky edit"}),
        )
        .problem(409, "node_locked")
        .await;
    assert_eq!(
        refused["detail"],
        "the topic is locked: it and its replies cannot be edited"
    );

    let unlocked = as_owner
        .graphql(
            "mutation($id: ID!) { forumModerateTopic(id: $id, flags: {locked: false}) { locked } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        unlocked["data"]["forumModerateTopic"]["locked"], false,
        "{unlocked}"
    );
    let allowed = reply(&app, &alice, id, "Thanks for reopening").await;
    assert_eq!(allowed.status, StatusCode::CREATED, "{}", allowed.text());
}

#[tokio::test]
async fn members_post_but_only_moderators_moderate() {
    let app = TestApp::spawn().await;
    let (_, alice, forum, topic_id) = alices_topic(&app, "Mine").await;
    let id = topic_id.as_str();
    let as_alice = app.signed_in("acme", &alice);

    // Anonymous callers read but never write.
    assert_eq!(topic(&app, id).await["title"], "Mine");
    let visitor = app.anonymous("acme");
    visitor
        .post(
            &format!("/api/v1/forum/forums/{forum}/topics"),
            json!({"title": "Anon", "body": "Hi"}),
        )
        .problem(401, "missing_token")
        .await;
    visitor
        .post(
            &format!("/api/v1/forum/topics/{id}/replies"),
            json!({"body": "Hi"}),
        )
        .problem(401, "missing_token")
        .await;
    visitor
        .graphql_error(
            "mutation($id: ID!) { forumCreateReply(topicId: $id, input: {body: \"Hi\"}) { id } }",
            json!({"id": id}),
            "missing_token",
        )
        .await;

    // Members cannot create forums, lock, pin or delete.
    as_alice
        .post("/api/v1/forum/forums", json!({"title": "Mine too"}))
        .problem(403, "forbidden")
        .await;
    for flags in [json!({"locked": true}), json!({"pinned": true})] {
        as_alice
            .post(&format!("/api/v1/forum/topics/{id}/moderation"), flags)
            .problem(403, "forbidden")
            .await;
    }
    as_alice
        .graphql_error(
            "mutation($id: ID!) { forumModerateTopic(id: $id, flags: {pinned: true}) { pinned } }",
            json!({"id": id}),
            "forbidden",
        )
        .await;
    as_alice
        .delete(&format!("/api/v1/forum/topics/{id}"))
        .problem(403, "forbidden")
        .await;
    let unchanged = topic(&app, id).await;
    assert_eq!(
        (unchanged["pinned"].as_bool(), unchanged["locked"].as_bool()),
        (Some(false), Some(false))
    );
}

#[tokio::test]
async fn unpublished_topics_take_no_replies() {
    let app = TestApp::spawn().await;
    let (owner, alice, forum, topic_id) = alices_topic(&app, "Soon hidden").await;
    let id = topic_id.as_str();
    let as_owner = app.signed_in("acme", &owner);
    let as_alice = app.signed_in("acme", &alice);
    // Staff take it down through the content workflow.
    app.transition_node("acme", &owner, id, "unpublish")
        .await
        .assert_status(StatusCode::OK);
    let visitor = app.anonymous("acme");
    visitor
        .get(&format!("/api/v1/forum/topics/{id}"))
        .problem(404, "not_found")
        .await;
    reply(&app, &alice, id, "Hello?")
        .await
        .assert_problem(404, "not_found");
    let listed = as_alice
        .get(&format!("/api/v1/forum/forums/{forum}/topics"))
        .send()
        .await
        .json();
    assert_eq!(ids(&listed).len(), 0);
    // Staff still see it.
    assert_eq!(
        as_owner
            .get(&format!("/api/v1/forum/topics/{id}"))
            .send()
            .await
            .json()["status"],
        "draft"
    );

    // A forum taken down closes its topics too.
    let open_topic = create_topic(&app, &alice, &forum, "Still open").await;
    let open_id = open_topic["id"].as_str().unwrap();
    let before = reply(&app, &alice, open_id, "Before").await;
    assert_eq!(before.status, StatusCode::CREATED, "{}", before.text());
    app.transition_node("acme", &owner, &forum, "unpublish")
        .await
        .assert_status(StatusCode::OK);
    reply(&app, &alice, open_id, "After")
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn hostile_posts_are_sanitised_or_refused() {
    let app = TestApp::spawn().await;
    let (_, alice, forum, topic_id) = alices_topic(&app, "<script>alert(1)</script>").await;
    let id = topic_id.as_str();
    let as_alice = app.signed_in("acme", &alice);

    let answered = reply(
        &app,
        &alice,
        id,
        "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))",
    )
    .await;
    assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text());
    let html = answered.json()["body"]["html"]
        .as_str()
        .unwrap()
        .to_string();
    for bad in ["<script", "onerror", "javascript:"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }

    // Over the forum's limit: a validation error; over the HTTP limit: 413.
    reply(&app, &alice, id, &"x".repeat(64 * 1024 + 1))
        .await
        .assert_problem(422, "validation_failed");
    reply(&app, &alice, id, &"x".repeat(3 * 1024 * 1024))
        .await
        .assert_problem(413, "payload_too_large");
    reply(&app, &alice, id, "   ")
        .await
        .assert_problem(422, "validation_failed");
    as_alice
        .post(
            &format!("/api/v1/forum/forums/{forum}/topics"),
            json!({"title": "x".repeat(300), "body": "Long title"}),
        )
        .problem(422, "validation_failed")
        .await;
    let visitor = app.anonymous("acme");
    visitor
        .get("/api/v1/forum/topics/not-an-id")
        .problem(400, "invalid_id")
        .await;
    assert_eq!(topic(&app, id).await["reply_count"], 1);
}
