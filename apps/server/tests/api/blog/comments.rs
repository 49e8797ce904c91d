//! Comments: moderation, the rules a comment must follow, and the same through GraphQL.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;
use crate::support::content::ids;

#[tokio::test]
async fn comments_wait_for_moderation_and_spam_stays_hidden() {
    let app = TestApp::spawn().await;
    let admin = app.tenant_admin("acme").await;
    let as_admin = app.signed_in("acme", &admin);
    let post = app.published_post("acme", &admin, "Discuss").await;
    let reader = app.customer("acme", "reader@acme.test").await;
    let as_reader = app.signed_in("acme", &reader);
    let comments = format!("/api/v1/blog/posts/{post}/comments");

    let created_before = app.events_of_type("content.node_created").await;
    let added = as_reader
        .post(
            &comments,
            json!({"body": "Nice! <script>alert(1)</script> [x](javascript:alert(1))"}),
        )
        .send()
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    let comment = added.json();
    assert_eq!(comment["moderation"], "pending");
    assert_eq!(comment["post_id"], post.as_str());
    let html = comment["html"].as_str().unwrap();
    assert!(
        !html.contains("<script") && !html.contains("javascript:"),
        "{html}"
    );
    assert_eq!(
        app.events_of_type("content.node_created").await,
        created_before + 1
    );
    let id = comment["id"].as_str().unwrap().to_string();

    let visitor = app.anonymous("acme");
    // Pending: invisible to readers, in the moderators' queue.
    let public = visitor.get(&comments).send().await.json();
    assert!(ids(&public).is_empty());
    let queue = as_admin.get("/api/v1/blog/comments").send().await.json();
    assert_eq!(ids(&queue), vec![id.clone()]);
    as_reader
        .get("/api/v1/blog/comments")
        .problem(403, "forbidden")
        .await;
    as_reader
        .post(
            &format!("/api/v1/blog/comments/{id}/moderation"),
            json!({"moderation": "approved"}),
        )
        .problem(403, "forbidden")
        .await;

    // Approve: visible; one published event. Approving again changes nothing.
    let published_before = app.events_of_type("content.node_published").await;
    for _ in 0..2 {
        let approved = as_admin
            .post(
                &format!("/api/v1/blog/comments/{id}/moderation"),
                json!({"moderation": "approved"}),
            )
            .send()
            .await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.text());
        assert_eq!(approved.json()["moderation"], "approved");
    }
    assert_eq!(
        app.events_of_type("content.node_published").await,
        published_before + 1
    );
    let public = visitor.get(&comments).send().await.json();
    assert_eq!(ids(&public), vec![id.clone()]);

    // Spam: hidden again, and listed in the spam queue.
    let spam = as_admin
        .post(
            &format!("/api/v1/blog/comments/{id}/moderation"),
            json!({"moderation": "spam"}),
        )
        .send()
        .await;
    assert_eq!(spam.json()["moderation"], "spam");
    assert!(ids(&visitor.get(&comments).send().await.json()).is_empty());
    let spam_queue = as_admin
        .get("/api/v1/blog/comments?moderation=spam")
        .send()
        .await
        .json();
    assert_eq!(ids(&spam_queue), vec![id.clone()]);
    as_admin
        .post(
            &format!("/api/v1/blog/comments/{id}/moderation"),
            json!({"moderation": "pending"}),
        )
        .problem(422, "validation_failed")
        .await;

    // A moderator's own comment is approved at once; a reply must answer a comment of the
    // same post.
    let own = as_admin
        .post(&comments, json!({"body": "Thanks", "reply_to": id}))
        .send()
        .await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.text());
    assert_eq!(own.json()["moderation"], "approved");
    assert_eq!(own.json()["reply_to"], id.as_str());
    let other_post = app.published_post("acme", &admin, "Elsewhere").await;
    as_reader
        .post(
            &format!("/api/v1/blog/posts/{other_post}/comments"),
            json!({"body": "wrong thread", "reply_to": id}),
        )
        .problem(422, "validation_failed")
        .await;
}

#[tokio::test]
async fn comment_rules_refuse_bad_input_and_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.tenant_admin("acme").await;
    let as_admin = app.signed_in("acme", &admin);
    let post = app.published_post("acme", &admin, "Rules").await;
    let reader = app.customer("acme", "reader@acme.test").await;
    let as_reader = app.signed_in("acme", &reader);
    let other = app.customer("acme", "other@acme.test").await;
    let as_other = app.signed_in("acme", &other);
    let comments = format!("/api/v1/blog/posts/{post}/comments");
    let before = app.events_of_type("content.node_created").await;

    let visitor = app.anonymous("acme");
    visitor
        .post(&comments, json!({"body": "anonymous"}))
        .problem(401, "missing_token")
        .await;
    as_reader
        .post(&comments, json!({"body": "   "}))
        .problem(422, "validation_failed")
        .await;
    as_reader
        .post(&comments, json!({"body": "x".repeat(17 * 1024)}))
        .problem(422, "validation_failed")
        .await;
    as_reader
        .post(&comments, json!({"body": "hi", "locale": "xx-invalid-"}))
        .problem(422, "validation_failed")
        .await;
    as_reader
        .post(
            "/api/v1/blog/posts/not-an-id/comments",
            json!({"body": "hi"}),
        )
        .problem(400, "invalid_id")
        .await;
    // Readers cannot write posts.
    as_reader
        .post(
            "/api/v1/blog/posts",
            json!({"translation": {"locale": "en", "title": "Mine"}}),
        )
        .problem(403, "forbidden")
        .await;
    // Comments closed: 409.
    let closed = as_admin
        .put(
            &format!("/api/v1/blog/posts/{post}/flags"),
            json!({"locked": true}),
        )
        .send()
        .await;
    assert_eq!(closed.json()["locked"], true);
    as_reader
        .post(&comments, json!({"body": "too late"}))
        .problem(409, "node_locked")
        .await;
    assert_eq!(app.events_of_type("content.node_created").await, before);

    // Authors delete their own comments, not other people's.
    as_admin
        .put(
            &format!("/api/v1/blog/posts/{post}/flags"),
            json!({"locked": false}),
        )
        .send()
        .await;
    let mine = as_reader
        .post(&comments, json!({"body": "mine"}))
        .send()
        .await
        .json();
    let path = format!("/api/v1/blog/comments/{}", mine["id"].as_str().unwrap());
    as_other.delete(&path).problem(403, "forbidden").await;
    let deleted = as_reader.delete(&path).send().await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.text());
}

#[tokio::test]
async fn graphql_covers_reading_commenting_and_moderating() {
    let app = TestApp::spawn().await;
    let admin = app.tenant_admin("acme").await;
    let as_admin = app.signed_in("acme", &admin);
    let reader = app.customer("acme", "reader@acme.test").await;
    let as_reader = app.signed_in("acme", &reader);
    let created = as_admin
        .graphql(
            r#"mutation($input: NewPost!) { createBlogPost(input: $input) { id status } }"#,
            json!({"input": {
                "translation": {"locale": "en", "title": "Via GraphQL"},
                "body": {"locale": "en", "format": "MARKDOWN", "source": "# Hello"}
            }}),
        )
        .await;
    let id = created["data"]["createBlogPost"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_string();
    let visitor = app.anonymous("acme");
    let hidden = visitor
        .graphql(
            "query($id: ID!) { blogPost(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert!(hidden["data"]["blogPost"].is_null(), "{hidden}");
    let published = as_admin
        .graphql(
            "mutation($id: ID!) { transitionBlogPost(id: $id, transition: PUBLISH) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        published["data"]["transitionBlogPost"]["status"],
        "published"
    );

    let comment = as_reader
        .graphql(
            r#"mutation($post: ID!) { addBlogComment(postId: $post, input: {body: "**Great**"}) { id moderation html } }"#,
            json!({"post": id}),
        )
        .await;
    let comment = &comment["data"]["addBlogComment"];
    assert_eq!(comment["moderation"], "PENDING", "{comment}");
    assert!(
        comment["html"]
            .as_str()
            .unwrap()
            .contains("<strong>Great</strong>")
    );
    as_reader
        .graphql_error(
            "mutation($id: ID!) { moderateBlogComment(id: $id, moderation: APPROVED) { id } }",
            json!({"id": comment["id"]}),
            "forbidden",
        )
        .await;
    let approved = as_admin
        .graphql(
            "mutation($id: ID!) { moderateBlogComment(id: $id, moderation: APPROVED) { moderation } }",
            json!({"id": comment["id"]}),
        )
        .await;
    assert_eq!(
        approved["data"]["moderateBlogComment"]["moderation"],
        "APPROVED"
    );

    let read = visitor
        .graphql(
            r#"query($id: ID!) {
                blogPosts { items { id title } }
                blogPostBySlug(slug: "via-graphql") { id body { html } }
                blogComments(postId: $id) { items { moderation } }
            }"#,
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        read["data"]["blogPosts"]["items"][0]["id"],
        id.as_str(),
        "{read}"
    );
    assert!(
        read["data"]["blogPostBySlug"]["body"]["html"]
            .as_str()
            .unwrap()
            .contains("<h1>Hello</h1>")
    );
    assert_eq!(
        read["data"]["blogComments"]["items"][0]["moderation"],
        "APPROVED"
    );
}
