//! The blog module through the real router: posts, comment moderation, closed comments,
//! visibility, permissions, tenants and the module switch.

use axum::http::{Method, StatusCode};
use rustok_outbox::entities::sys_events;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::support::TestApp;

async fn sign_in(app: &TestApp, tenant: &str) -> String {
    app.tenant_admin(tenant).await
}

async fn customer(app: &TestApp, tenant: &str, email: &str) -> String {
    app.customer(tenant, email).await
}

/// A published post; returns its id.
async fn published_post(app: &TestApp, tenant: &str, admin: &str, title: &str) -> String {
    let created = app
        .post(
            "/api/v1/blog/posts",
            json!({
                "translation": {"locale": "en", "title": title},
                "body": {"locale": "en", "format": "markdown", "source": "Some *text*"},
                "tags": ["news"]
            }),
        )
        .tenant(tenant)
        .bearer(admin)
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let id = created.json()["id"].as_str().unwrap().to_string();
    let published = app
        .post(
            &format!("/api/v1/blog/posts/{id}/transitions"),
            json!({"transition": "publish"}),
        )
        .tenant(tenant)
        .bearer(admin)
        .send()
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    id
}

async fn events(app: &TestApp, event_type: &str) -> u64 {
    sys_events::Entity::find()
        .filter(sys_events::Column::EventType.eq(event_type))
        .count(&app.state.db)
        .await
        .unwrap()
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn posts_are_listed_latest_published_first_and_drafts_stay_hidden() {
    let app = TestApp::spawn().await;
    let admin = sign_in(&app, "acme").await;
    let first = published_post(&app, "acme", &admin, "First post").await;
    let second = published_post(&app, "acme", &admin, "Second post").await;
    let draft = app
        .post(
            "/api/v1/blog/posts",
            json!({"translation": {"locale": "en", "title": "Not yet"}}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();

    let listed = app.get("/api/v1/blog/posts").tenant("acme").send().await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text());
    assert_eq!(ids(&listed.json()), vec![second.clone(), first.clone()]);
    // Paging carries the publication date in the cursor.
    let page = app
        .get("/api/v1/blog/posts?limit=1")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(ids(&page), vec![second.clone()]);
    let cursor = page["next_cursor"].as_str().unwrap();
    let next = app
        .get(&format!("/api/v1/blog/posts?limit=1&after={cursor}"))
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(ids(&next), vec![first.clone()]);
    assert!(next["next_cursor"].is_null());

    // A sticky post goes first.
    let sticky = app
        .call(Method::PUT, &format!("/api/v1/blog/posts/{first}/flags"))
        .json(json!({"pinned": true}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(sticky.status, StatusCode::OK, "{}", sticky.text());
    let listed = app
        .get("/api/v1/blog/posts")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(ids(&listed), vec![first.clone(), second.clone()]);

    // By slug, and drafts are 404 for readers but visible to staff.
    let by_slug = app
        .get("/api/v1/blog/posts/by-slug/second-post")
        .tenant("acme")
        .send()
        .await;
    assert_eq!(by_slug.status, StatusCode::OK, "{}", by_slug.text());
    assert_eq!(by_slug.json()["id"], second.as_str());
    let draft_path = format!("/api/v1/blog/posts/{}", draft["id"].as_str().unwrap());
    app.get(&draft_path)
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/blog/posts/by-slug/not-yet")
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
    let staff = app
        .get(&draft_path)
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(staff.status, StatusCode::OK);
    let all = app
        .get("/api/v1/blog/posts?status=draft")
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(ids(&all), vec![draft["id"].as_str().unwrap().to_string()]);

    // A content node of another kind is not a post.
    let page = app
        .post(
            "/api/v1/content/nodes",
            json!({"kind": "note", "translation": {"locale": "en", "title": "A note"}}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    app.get(&format!(
        "/api/v1/blog/posts/{}",
        page["id"].as_str().unwrap()
    ))
    .tenant("acme")
    .bearer(&admin)
    .send()
    .await
    .assert_problem(404, "not_found");
}

#[tokio::test]
async fn comments_wait_for_moderation_and_spam_stays_hidden() {
    let app = TestApp::spawn().await;
    let admin = sign_in(&app, "acme").await;
    let post = published_post(&app, "acme", &admin, "Discuss").await;
    let reader = customer(&app, "acme", "reader@acme.test").await;
    let comments = format!("/api/v1/blog/posts/{post}/comments");

    let created_before = events(&app, "content.node_created").await;
    let added = app
        .post(
            &comments,
            json!({"body": "Nice! <script>alert(1)</script> [x](javascript:alert(1))"}),
        )
        .tenant("acme")
        .bearer(&reader)
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
        events(&app, "content.node_created").await,
        created_before + 1
    );
    let id = comment["id"].as_str().unwrap().to_string();

    // Pending: invisible to readers, in the moderators' queue.
    let public = app.get(&comments).tenant("acme").send().await.json();
    assert!(ids(&public).is_empty());
    let queue = app
        .get("/api/v1/blog/comments")
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(ids(&queue), vec![id.clone()]);
    app.get("/api/v1/blog/comments")
        .tenant("acme")
        .bearer(&reader)
        .send()
        .await
        .assert_problem(403, "forbidden");
    app.post(
        &format!("/api/v1/blog/comments/{id}/moderation"),
        json!({"moderation": "approved"}),
    )
    .tenant("acme")
    .bearer(&reader)
    .send()
    .await
    .assert_problem(403, "forbidden");

    // Approve: visible; one published event. Approving again changes nothing.
    let published_before = events(&app, "content.node_published").await;
    for _ in 0..2 {
        let approved = app
            .post(
                &format!("/api/v1/blog/comments/{id}/moderation"),
                json!({"moderation": "approved"}),
            )
            .tenant("acme")
            .bearer(&admin)
            .send()
            .await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.text());
        assert_eq!(approved.json()["moderation"], "approved");
    }
    assert_eq!(
        events(&app, "content.node_published").await,
        published_before + 1
    );
    let public = app.get(&comments).tenant("acme").send().await.json();
    assert_eq!(ids(&public), vec![id.clone()]);

    // Spam: hidden again, and listed in the spam queue.
    let spam = app
        .post(
            &format!("/api/v1/blog/comments/{id}/moderation"),
            json!({"moderation": "spam"}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(spam.json()["moderation"], "spam");
    assert!(ids(&app.get(&comments).tenant("acme").send().await.json()).is_empty());
    let spam_queue = app
        .get("/api/v1/blog/comments?moderation=spam")
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(ids(&spam_queue), vec![id.clone()]);
    app.post(
        &format!("/api/v1/blog/comments/{id}/moderation"),
        json!({"moderation": "pending"}),
    )
    .tenant("acme")
    .bearer(&admin)
    .send()
    .await
    .assert_problem(422, "validation_failed");

    // A moderator's own comment is approved at once; a reply must answer a comment of the
    // same post.
    let own = app
        .post(&comments, json!({"body": "Thanks", "reply_to": id}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.text());
    assert_eq!(own.json()["moderation"], "approved");
    assert_eq!(own.json()["reply_to"], id.as_str());
    let other_post = published_post(&app, "acme", &admin, "Elsewhere").await;
    app.post(
        &format!("/api/v1/blog/posts/{other_post}/comments"),
        json!({"body": "wrong thread", "reply_to": id}),
    )
    .tenant("acme")
    .bearer(&reader)
    .send()
    .await
    .assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn comment_rules_refuse_bad_input_and_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = sign_in(&app, "acme").await;
    let post = published_post(&app, "acme", &admin, "Rules").await;
    let reader = customer(&app, "acme", "reader@acme.test").await;
    let other = customer(&app, "acme", "other@acme.test").await;
    let comments = format!("/api/v1/blog/posts/{post}/comments");
    let before = events(&app, "content.node_created").await;

    app.post(&comments, json!({"body": "anonymous"}))
        .tenant("acme")
        .send()
        .await
        .assert_problem(401, "missing_token");
    app.post(&comments, json!({"body": "   "}))
        .tenant("acme")
        .bearer(&reader)
        .send()
        .await
        .assert_problem(422, "validation_failed");
    app.post(&comments, json!({"body": "x".repeat(17 * 1024)}))
        .tenant("acme")
        .bearer(&reader)
        .send()
        .await
        .assert_problem(422, "validation_failed");
    app.post(&comments, json!({"body": "hi", "locale": "xx-invalid-"}))
        .tenant("acme")
        .bearer(&reader)
        .send()
        .await
        .assert_problem(422, "validation_failed");
    app.post(
        "/api/v1/blog/posts/not-an-id/comments",
        json!({"body": "hi"}),
    )
    .tenant("acme")
    .bearer(&reader)
    .send()
    .await
    .assert_problem(400, "invalid_id");
    // Readers cannot write posts.
    app.post(
        "/api/v1/blog/posts",
        json!({"translation": {"locale": "en", "title": "Mine"}}),
    )
    .tenant("acme")
    .bearer(&reader)
    .send()
    .await
    .assert_problem(403, "forbidden");
    // Comments closed: 409.
    let closed = app
        .call(Method::PUT, &format!("/api/v1/blog/posts/{post}/flags"))
        .json(json!({"locked": true}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(closed.json()["locked"], true);
    app.post(&comments, json!({"body": "too late"}))
        .tenant("acme")
        .bearer(&reader)
        .send()
        .await
        .assert_problem(409, "node_locked");
    assert_eq!(events(&app, "content.node_created").await, before);

    // Authors delete their own comments, not other people's.
    app.call(Method::PUT, &format!("/api/v1/blog/posts/{post}/flags"))
        .json(json!({"locked": false}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    let mine = app
        .post(&comments, json!({"body": "mine"}))
        .tenant("acme")
        .bearer(&reader)
        .send()
        .await
        .json();
    let path = format!("/api/v1/blog/comments/{}", mine["id"].as_str().unwrap());
    app.call(Method::DELETE, &path)
        .tenant("acme")
        .bearer(&other)
        .send()
        .await
        .assert_problem(403, "forbidden");
    let deleted = app
        .call(Method::DELETE, &path)
        .tenant("acme")
        .bearer(&reader)
        .send()
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.text());
}

#[tokio::test]
async fn tenants_never_reach_each_others_posts() {
    let app = TestApp::spawn().await;
    let acme = sign_in(&app, "acme").await;
    let globex = sign_in(&app, "globex").await;
    let post = published_post(&app, "acme", &acme, "Acme news").await;

    app.get(&format!("/api/v1/blog/posts/{post}"))
        .tenant("globex")
        .send()
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/blog/posts/by-slug/acme-news")
        .tenant("globex")
        .send()
        .await
        .assert_problem(404, "not_found");
    assert!(
        ids(&app
            .get("/api/v1/blog/posts")
            .tenant("globex")
            .send()
            .await
            .json())
        .is_empty()
    );
    app.post(
        &format!("/api/v1/blog/posts/{post}/comments"),
        json!({"body": "from outside"}),
    )
    .tenant("globex")
    .bearer(&globex)
    .send()
    .await
    .assert_problem(404, "not_found");
    app.call(Method::DELETE, &format!("/api/v1/blog/posts/{post}"))
        .tenant("globex")
        .bearer(&globex)
        .send()
        .await
        .assert_problem(404, "not_found");
    // A token of one tenant is not accepted by another.
    app.post(
        &format!("/api/v1/blog/posts/{post}/comments"),
        json!({"body": "token swap"}),
    )
    .tenant("acme")
    .bearer(&globex)
    .send()
    .await;
    let comments = app
        .get(&format!(
            "/api/v1/blog/posts/{post}/comments?moderation=pending"
        ))
        .tenant("acme")
        .bearer(&acme)
        .send()
        .await
        .json();
    assert!(ids(&comments).is_empty());
}

#[tokio::test]
async fn the_blog_switch_turns_off_only_the_blog() {
    let app = TestApp::spawn().await;
    let admin = sign_in(&app, "acme").await;
    let post = published_post(&app, "acme", &admin, "Switch").await;
    let off = app
        .call(Method::PUT, "/api/v1/modules/blog")
        .json(json!({"enabled": false}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text());
    app.get("/api/v1/blog/posts")
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "module_disabled");
    app.post(
        &format!("/api/v1/blog/posts/{post}/comments"),
        json!({"body": "off"}),
    )
    .tenant("acme")
    .bearer(&admin)
    .send()
    .await
    .assert_problem(404, "module_disabled");
    // Content itself stays on, and other tenants keep the blog.
    let node = app
        .get(&format!("/api/v1/content/nodes/{post}"))
        .tenant("acme")
        .send()
        .await;
    assert_eq!(node.status, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/blog/posts")
            .tenant("demo")
            .send()
            .await
            .status,
        StatusCode::OK
    );
    let gql = app
        .graphql(
            None,
            Some("acme"),
            "{ blogPosts { items { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        gql["errors"][0]["extensions"]["code"], "module_disabled",
        "{gql}"
    );
}

#[tokio::test]
async fn graphql_covers_reading_commenting_and_moderating() {
    let app = TestApp::spawn().await;
    let admin = sign_in(&app, "acme").await;
    let reader = customer(&app, "acme", "reader@acme.test").await;
    let created = app
        .graphql(
            Some(&admin),
            Some("acme"),
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
    let hidden = app
        .graphql(
            None,
            Some("acme"),
            "query($id: ID!) { blogPost(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert!(hidden["data"]["blogPost"].is_null(), "{hidden}");
    let published = app
        .graphql(
            Some(&admin),
            Some("acme"),
            "mutation($id: ID!) { transitionBlogPost(id: $id, transition: PUBLISH) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        published["data"]["transitionBlogPost"]["status"],
        "published"
    );

    let comment = app
        .graphql(
            Some(&reader),
            Some("acme"),
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
    let denied = app
        .graphql(
            Some(&reader),
            Some("acme"),
            "mutation($id: ID!) { moderateBlogComment(id: $id, moderation: APPROVED) { id } }",
            json!({"id": comment["id"]}),
        )
        .await;
    assert_eq!(
        denied["errors"][0]["extensions"]["code"], "forbidden",
        "{denied}"
    );
    let approved = app
        .graphql(
            Some(&admin),
            Some("acme"),
            "mutation($id: ID!) { moderateBlogComment(id: $id, moderation: APPROVED) { moderation } }",
            json!({"id": comment["id"]}),
        )
        .await;
    assert_eq!(
        approved["data"]["moderateBlogComment"]["moderation"],
        "APPROVED"
    );

    let read = app
        .graphql(
            None,
            Some("acme"),
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

#[tokio::test]
async fn the_demo_tenant_starts_with_posts_in_two_languages() {
    let app = TestApp::spawn().await;
    let posts = app
        .get("/api/v1/blog/posts")
        .tenant("demo")
        .send()
        .await
        .json();
    let items = posts["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{posts}");
    assert!(
        items
            .iter()
            .all(|p| p["status"] == "published" && p["locale"] == "en")
    );
    let german = app
        .get("/api/v1/blog/posts/by-slug/welcome-to-rustok?locale=de")
        .tenant("demo")
        .send()
        .await
        .json();
    assert_eq!(german["title"], "Willkommen bei RusToK", "{german}");
    assert_eq!(german["locale"], "de");
    let comments = app
        .get(&format!(
            "/api/v1/blog/posts/{}/comments",
            german["id"].as_str().unwrap()
        ))
        .tenant("demo")
        .send()
        .await
        .json();
    assert_eq!(comments["items"].as_array().unwrap().len(), 1, "{comments}");
}

#[tokio::test]
async fn graphql_sets_and_clears_a_post_category() {
    let app = TestApp::spawn().await;
    let admin = sign_in(&app, "acme").await;
    let post = published_post(&app, "acme", &admin, "Filed").await;
    let category = app
        .post(
            "/api/v1/content/categories",
            json!({"translation": {"locale": "en", "name": "News"}}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    let update = "mutation($id: ID!, $category: ID) { updateBlogPost(id: $id, input: {}, categoryId: $category) { categoryId version } }";
    let set = app
        .graphql(
            Some(&admin),
            Some("acme"),
            update,
            json!({"id": post, "category": category["id"]}),
        )
        .await;
    assert_eq!(
        set["data"]["updateBlogPost"]["categoryId"], category["id"],
        "{set}"
    );
    // Absent keeps it; null clears it.
    let kept = app
        .graphql(
            Some(&admin),
            Some("acme"),
            "mutation($id: ID!) { updateBlogPost(id: $id, input: {}) { categoryId } }",
            json!({"id": post}),
        )
        .await;
    assert_eq!(
        kept["data"]["updateBlogPost"]["categoryId"], category["id"],
        "{kept}"
    );
    let cleared = app
        .graphql(
            Some(&admin),
            Some("acme"),
            update,
            json!({"id": post, "category": null}),
        )
        .await;
    assert!(
        cleared["data"]["updateBlogPost"]["categoryId"].is_null(),
        "{cleared}"
    );
}
