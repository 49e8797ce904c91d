//! Posts: listing and visibility, tenants, the module switch, categories and the demo seed.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;
use crate::support::content::ids;

#[tokio::test]
async fn posts_are_listed_latest_published_first_and_drafts_stay_hidden() {
    let app = TestApp::spawn().await;
    let admin = app.tenant_admin("acme").await;
    let as_admin = app.signed_in("acme", &admin);
    let first = app.published_post("acme", &admin, "First post").await;
    let second = app.published_post("acme", &admin, "Second post").await;
    let draft = as_admin
        .post(
            "/api/v1/blog/posts",
            json!({"translation": {"locale": "en", "title": "Not yet"}}),
        )
        .send()
        .await
        .json();

    let visitor = app.anonymous("acme");
    let listed = visitor.get("/api/v1/blog/posts").send().await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text());
    assert_eq!(ids(&listed.json()), vec![second.clone(), first.clone()]);
    // Paging carries the publication date in the cursor.
    let page = visitor
        .get("/api/v1/blog/posts?limit=1")
        .send()
        .await
        .json();
    assert_eq!(ids(&page), vec![second.clone()]);
    let cursor = page["next_cursor"].as_str().unwrap();
    let next = visitor
        .get(&format!("/api/v1/blog/posts?limit=1&after={cursor}"))
        .send()
        .await
        .json();
    assert_eq!(ids(&next), vec![first.clone()]);
    assert!(next["next_cursor"].is_null());

    // A sticky post goes first.
    let sticky = as_admin
        .put(
            &format!("/api/v1/blog/posts/{first}/flags"),
            json!({"pinned": true}),
        )
        .send()
        .await;
    assert_eq!(sticky.status, StatusCode::OK, "{}", sticky.text());
    let listed = visitor.get("/api/v1/blog/posts").send().await.json();
    assert_eq!(ids(&listed), vec![first.clone(), second.clone()]);

    // By slug, and drafts are 404 for readers but visible to staff.
    let by_slug = visitor
        .get("/api/v1/blog/posts/by-slug/second-post")
        .send()
        .await;
    assert_eq!(by_slug.status, StatusCode::OK, "{}", by_slug.text());
    assert_eq!(by_slug.json()["id"], second.as_str());
    let draft_path = format!("/api/v1/blog/posts/{}", draft["id"].as_str().unwrap());
    visitor.get(&draft_path).problem(404, "not_found").await;
    visitor
        .get("/api/v1/blog/posts/by-slug/not-yet")
        .problem(404, "not_found")
        .await;
    let staff = as_admin.get(&draft_path).send().await;
    assert_eq!(staff.status, StatusCode::OK);
    let all = as_admin
        .get("/api/v1/blog/posts?status=draft")
        .send()
        .await
        .json();
    assert_eq!(ids(&all), vec![draft["id"].as_str().unwrap().to_string()]);

    // A content node of another kind is not a post.
    let page = as_admin
        .post(
            "/api/v1/content/nodes",
            json!({"kind": "note", "translation": {"locale": "en", "title": "A note"}}),
        )
        .send()
        .await
        .json();
    as_admin
        .get(&format!(
            "/api/v1/blog/posts/{}",
            page["id"].as_str().unwrap()
        ))
        .problem(404, "not_found")
        .await;
}

#[tokio::test]
async fn tenants_never_reach_each_others_posts() {
    let app = TestApp::spawn().await;
    let acme = app.tenant_admin("acme").await;
    let as_acme = app.signed_in("acme", &acme);
    let globex = app.tenant_admin("globex").await;
    let as_globex = app.signed_in("globex", &globex);
    let post = app.published_post("acme", &acme, "Acme news").await;

    let globex_visitor = app.anonymous("globex");
    globex_visitor
        .get(&format!("/api/v1/blog/posts/{post}"))
        .problem(404, "not_found")
        .await;
    globex_visitor
        .get("/api/v1/blog/posts/by-slug/acme-news")
        .problem(404, "not_found")
        .await;
    assert!(ids(&globex_visitor.get("/api/v1/blog/posts").send().await.json()).is_empty());
    as_globex
        .post(
            &format!("/api/v1/blog/posts/{post}/comments"),
            json!({"body": "from outside"}),
        )
        .problem(404, "not_found")
        .await;
    as_globex
        .delete(&format!("/api/v1/blog/posts/{post}"))
        .problem(404, "not_found")
        .await;
    // A token of one tenant is not accepted by another.
    app.signed_in("acme", &globex)
        .post(
            &format!("/api/v1/blog/posts/{post}/comments"),
            json!({"body": "token swap"}),
        )
        .send()
        .await;
    let comments = as_acme
        .get(&format!(
            "/api/v1/blog/posts/{post}/comments?moderation=pending"
        ))
        .send()
        .await
        .json();
    assert!(ids(&comments).is_empty());
}

#[tokio::test]
async fn the_blog_switch_turns_off_only_the_blog() {
    let app = TestApp::spawn().await;
    let admin = app.tenant_admin("acme").await;
    let as_admin = app.signed_in("acme", &admin);
    let post = app.published_post("acme", &admin, "Switch").await;
    app.set_module("acme", &admin, "blog", false)
        .await
        .assert_status(StatusCode::OK);
    let acme_visitor = app.anonymous("acme");
    acme_visitor
        .get("/api/v1/blog/posts")
        .problem(404, "module_disabled")
        .await;
    as_admin
        .post(
            &format!("/api/v1/blog/posts/{post}/comments"),
            json!({"body": "off"}),
        )
        .problem(404, "module_disabled")
        .await;
    // Content itself stays on, and other tenants keep the blog.
    let node = acme_visitor
        .get(&format!("/api/v1/content/nodes/{post}"))
        .send()
        .await;
    assert_eq!(node.status, StatusCode::OK);
    let demo_visitor = app.anonymous("demo");
    assert_eq!(
        demo_visitor.get("/api/v1/blog/posts").send().await.status,
        StatusCode::OK
    );
    acme_visitor
        .graphql_error(
            "{ blogPosts { items { id } } }",
            json!({}),
            "module_disabled",
        )
        .await;
}

#[tokio::test]
async fn the_demo_tenant_starts_with_posts_in_two_languages() {
    let app = TestApp::spawn().await;
    let visitor = app.anonymous("demo");
    let posts = visitor.get("/api/v1/blog/posts").send().await.json();
    let items = posts["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{posts}");
    assert!(
        items
            .iter()
            .all(|p| p["status"] == "published" && p["locale"] == "en")
    );
    let german = visitor
        .get("/api/v1/blog/posts/by-slug/welcome-to-rustok?locale=de")
        .send()
        .await
        .json();
    assert_eq!(german["title"], "Willkommen bei RusToK", "{german}");
    assert_eq!(german["locale"], "de");
    let comments = visitor
        .get(&format!(
            "/api/v1/blog/posts/{}/comments",
            german["id"].as_str().unwrap()
        ))
        .send()
        .await
        .json();
    assert_eq!(comments["items"].as_array().unwrap().len(), 1, "{comments}");
}

#[tokio::test]
async fn graphql_sets_and_clears_a_post_category() {
    let app = TestApp::spawn().await;
    let admin = app.tenant_admin("acme").await;
    let as_admin = app.signed_in("acme", &admin);
    let post = app.published_post("acme", &admin, "Filed").await;
    let category = app.create_category("acme", &admin, "News").await;
    let update = "mutation($id: ID!, $category: ID) { updateBlogPost(id: $id, input: {}, categoryId: $category) { categoryId version } }";
    let set = as_admin
        .graphql(update, json!({"id": post, "category": category["id"]}))
        .await;
    assert_eq!(
        set["data"]["updateBlogPost"]["categoryId"], category["id"],
        "{set}"
    );
    // Absent keeps it; null clears it.
    let kept = as_admin
        .graphql(
            "mutation($id: ID!) { updateBlogPost(id: $id, input: {}) { categoryId } }",
            json!({"id": post}),
        )
        .await;
    assert_eq!(
        kept["data"]["updateBlogPost"]["categoryId"], category["id"],
        "{kept}"
    );
    let cleared = as_admin
        .graphql(update, json!({"id": post, "category": null}))
        .await;
    assert!(
        cleared["data"]["updateBlogPost"]["categoryId"].is_null(),
        "{cleared}"
    );
}
