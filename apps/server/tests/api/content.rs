//! The content module through the real router: permissions, visibility, workflow, toggles.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::content::new_post;
use crate::support::{TestApp, each_problem};

#[tokio::test]
async fn drafts_are_invisible_until_published() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let node = as_admin
        .create_node(new_post(
            "Hello <b>World</b>",
            "Hi <script>alert(1)</script>",
        ))
        .await;
    assert_eq!(node["status"], "draft");
    assert_eq!(node["slug"], "hello-b-world-b");
    assert!(!node["body"]["html"].as_str().unwrap().contains("<script"));
    let id = node["id"].as_str().unwrap();
    let path = format!("/api/v1/content/nodes/{id}");

    let acme_visitor = app.anonymous("acme");
    // Anonymous readers: 404 for the draft, nothing in the list.
    acme_visitor.get(&path).problem(404, "not_found").await;
    let list = acme_visitor
        .get("/api/v1/content/nodes?kind=post")
        .send()
        .await
        .json();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    // Staff see it.
    assert_eq!(as_admin.get(&path).send().await.status, StatusCode::OK);

    as_admin
        .transition_node(id, "publish")
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(
        acme_visitor.get(&path).send().await.json()["status"],
        "published"
    );
    let list = acme_visitor
        .get("/api/v1/content/nodes?kind=post")
        .send()
        .await
        .json();
    assert_eq!(list["items"][0]["id"], id);

    // Publishing twice is an invalid transition, as problem+json.
    as_admin
        .transition_node(id, "publish")
        .await
        .assert_problem(409, "invalid_transition");
    let demo_visitor = app.anonymous("demo");
    // Another tenant does not see it at all.
    demo_visitor.get(&path).problem(404, "not_found").await;
}

#[tokio::test]
async fn customers_cannot_write_and_nothing_changes() {
    let (app, as_customer) = TestApp::with_customer("acme", "c@acme.test").await;
    as_customer
        .post("/api/v1/content/nodes", new_post("Nope", ""))
        .problem(403, "forbidden")
        .await;
    let visitor = app.anonymous("acme");
    visitor
        .post("/api/v1/content/nodes", new_post("Nope", ""))
        .problem(401, "missing_token")
        .await;
    let list = visitor.get("/api/v1/content/nodes").send().await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn bad_input_is_a_clear_problem() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let mut french = new_post("Bonjour", "");
    french["translation"]["locale"] = json!("fr");
    as_admin
        .post("/api/v1/content/nodes", french)
        .problem(422, "validation_failed")
        .await;
    as_admin
        .post("/api/v1/content/nodes", json!({"kind": "post"}))
        .problem(422, "validation_failed")
        .await;
    as_admin
        .post("/api/v1/content/nodes", new_post("Twice", ""))
        .send()
        .await;
    as_admin
        .post("/api/v1/content/nodes", new_post("Twice", ""))
        .problem(409, "slug_taken")
        .await;
    let visitor = app.anonymous("acme");
    visitor
        .get("/api/v1/content/nodes/not-an-id")
        .problem(400, "invalid_id")
        .await;
    visitor
        .get("/api/v1/content/nodes?locale=%3Cscript%3E")
        .problem(422, "validation_failed")
        .await;
}

#[tokio::test]
async fn a_disabled_module_answers_as_absent() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    // The modules built on content (blog, forum, pages) must be switched off first.
    let modules = as_admin.get("/api/v1/modules").send().await.json();
    let dependents: Vec<String> = modules
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            m["dependencies"]
                .as_array()
                .unwrap()
                .contains(&json!("content"))
        })
        .map(|m| m["slug"].as_str().unwrap().to_string())
        .collect();
    assert!(dependents.contains(&"blog".to_string()), "{modules}");
    as_admin
        .set_module("content", false)
        .await
        .assert_status(StatusCode::CONFLICT);
    for slug in &dependents {
        as_admin
            .set_module(slug, false)
            .await
            .assert_status(StatusCode::OK);
    }
    as_admin
        .set_module("content", false)
        .await
        .assert_status(StatusCode::OK);
    let acme_visitor = app.anonymous("acme");
    each_problem(
        [
            acme_visitor.get("/api/v1/content/nodes"),
            as_admin.post("/api/v1/content/nodes", new_post("Off", "")),
        ],
        404,
        "module_disabled",
    )
    .await;
    let demo_visitor = app.anonymous("demo");
    // Other tenants keep it.
    assert_eq!(
        demo_visitor
            .get("/api/v1/content/nodes")
            .send()
            .await
            .status,
        StatusCode::OK
    );
    as_admin.set_module("content", true).await;
    assert_eq!(
        acme_visitor
            .get("/api/v1/content/nodes")
            .send()
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn revisions_through_the_api() {
    let (_, as_admin) = TestApp::with_admin("acme").await;
    let node = as_admin.create_node(new_post("Original", "v1")).await;
    let path = format!("/api/v1/content/nodes/{}", node["id"].as_str().unwrap());
    as_admin
        .patch(
            &path,
            json!({"translation": {"locale": "en", "title": "Edited", "slug": "edited"}, "expected_version": 1}),
        )
        .expect_status(StatusCode::OK).await;
    as_admin
        .patch(&path, json!({"position": 2, "expected_version": 1}))
        .problem(409, "version_conflict")
        .await;
    let revisions = as_admin
        .get(&format!("{path}/revisions"))
        .send()
        .await
        .json();
    assert_eq!(revisions[0]["version"], 1);
    let restored = as_admin
        .post(&format!("{path}/revisions/1/restore"), json!({}))
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(restored.json()["title"], "Original");
    as_admin
        .delete(&path)
        .expect_status(StatusCode::NO_CONTENT)
        .await;
    as_admin.get(&path).problem(404, "not_found").await;
}

#[tokio::test]
async fn graphql_uses_the_same_rules() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let created = as_admin
        .graphql_data(
            r#"mutation($input: NewNode!) { createNode(input: $input) { id status slug locale body { html } } }"#,
            json!({"input": {"kind": "page", "translation": {"locale": "en", "title": "About us"}, "body": {"locale": "en", "format": "MARKDOWN", "source": "**We** build"}}}),
        )
        .await;
    let node = &created["createNode"];
    assert_eq!(node["slug"], "about-us");
    assert!(
        node["body"]["html"]
            .as_str()
            .unwrap()
            .contains("<strong>We</strong>")
    );
    let id = node["id"].as_str().unwrap();

    let visitor = app.anonymous("acme");
    let anonymous = visitor
        .graphql(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert!(
        anonymous["data"]["node"].is_null(),
        "drafts are invisible: {anonymous}"
    );

    as_admin
        .graphql_error(
            "mutation($id: ID!) { transitionNode(id: $id, transition: RESTORE) { status } }",
            json!({"id": id}),
            "invalid_transition",
        )
        .await;

    let published = as_admin
        .graphql(
            "mutation($id: ID!) { transitionNode(id: $id, transition: PUBLISH) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(published["data"]["transitionNode"]["status"], "published");
    let listed = visitor
        .graphql(
            "{ nodes(kind: \"page\") { items { slug locale } nextCursor } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["data"]["nodes"]["items"][0]["slug"], "about-us");

    visitor
        .graphql_error(
            "mutation($id: ID!) { deleteNode(id: $id) }",
            json!({"id": id}),
            "missing_token",
        )
        .await;
}

#[tokio::test]
async fn scheduled_content_is_published_on_time_by_the_server() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let node = as_admin.create_node(new_post("Later", "")).await;
    let path = format!("/api/v1/content/nodes/{}", node["id"].as_str().unwrap());
    let at = (chrono::Utc::now() + chrono::Duration::seconds(1)).to_rfc3339();
    let scheduled = as_admin
        .post(
            &format!("{path}/transitions"),
            json!({"transition": "schedule", "publish_at": at}),
        )
        .send()
        .await;
    assert_eq!(scheduled.json()["status"], "scheduled");
    let visitor = app.anonymous("acme");
    visitor.get(&path).problem(404, "not_found").await;
    for _ in 0..100 {
        let response = visitor.get(&path).send().await;
        if response.status == StatusCode::OK {
            assert_eq!(response.json()["status"], "published");
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the scheduler did not publish the node");
}

#[tokio::test]
async fn tenant_languages_drive_writes_and_fallback() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    app.set_locales("acme", json!({"default": "de", "enabled": ["en"]}))
        .await
        .assert_problem(422, "validation_failed");
    app.set_locales("acme", json!({"default": "xx-?", "enabled": ["en"]}))
        .await
        .assert_problem(422, "validation_failed");
    let saved = app
        .set_locales("acme", json!({"default": "en", "enabled": ["en", "pt_br"]}))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert_eq!(
        saved.json()["settings"]["locales"]["enabled"],
        json!(["en", "pt-BR"])
    );

    let node = as_admin.create_node(new_post("Hello", "")).await;
    let path = format!("/api/v1/content/nodes/{}", node["id"].as_str().unwrap());
    let category = as_admin.create_category("General").await;
    let translated = as_admin
        .patch(
            &path,
            json!({"translation": {"locale": "pt-br", "title": "Olá"}, "category_id": category["id"]}),
        )
        .expect_status(StatusCode::OK).await;
    assert_eq!(translated.json()["locale"], "pt-BR");
    assert!(translated.json()["category_id"].is_string());
    let portuguese = as_admin
        .get(&format!("{path}?locale=pt-BR"))
        .send()
        .await
        .json();
    assert_eq!(portuguese["title"], "Olá");
    let german = as_admin
        .get(&format!("{path}?locale=de"))
        .send()
        .await
        .json();
    assert_eq!(
        (german["locale"].as_str(), german["title"].as_str()),
        (Some("en"), Some("Hello"))
    );

    // `null` clears a field, leaving it out keeps it.
    let kept = as_admin
        .patch(&path, json!({"position": 1}))
        .send()
        .await
        .json();
    assert!(kept["category_id"].is_string());
    let cleared = as_admin
        .patch(&path, json!({"category_id": null}))
        .send()
        .await
        .json();
    assert!(cleared["category_id"].is_null(), "{cleared}");
}

#[tokio::test]
async fn category_descriptions_are_plain_text_with_their_spaces() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    as_admin
        .post(
            "/api/v1/content/categories",
            json!({"translation": {"locale": "en", "name": "Guides",
                "description": "How to <b>start</b> & go <script>x()</script>"}}),
        )
        .expect_status(StatusCode::CREATED)
        .await;
    let visitor = app.anonymous("acme");
    let tree = visitor
        .graphql("{ contentCategories { description } }", json!({}))
        .await;
    assert_eq!(
        tree["data"]["contentCategories"][0]["description"], "How to start &amp; go ",
        "{tree}"
    );
}

#[tokio::test]
async fn categories_through_rest_and_graphql() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let guides = as_admin.create_category("Guides").await;
    let mut post = new_post("How to", "");
    post["category_id"] = guides["id"].clone();
    let node = as_admin.create_node(post).await;
    assert_eq!(node["category_id"], guides["id"]);
    let listed = as_admin
        .get(&format!(
            "/api/v1/content/nodes?category_id={}",
            guides["id"].as_str().unwrap()
        ))
        .send()
        .await
        .json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let visitor = app.anonymous("acme");
    let tree = visitor
        .graphql("{ contentCategories { name slug parentId } }", json!({}))
        .await;
    assert_eq!(tree["data"]["contentCategories"][0]["slug"], "guides");
    as_admin
        .post(
            "/api/v1/content/categories",
            json!({"translation": {"locale": "en", "name": "Guides"}}),
        )
        .problem(409, "slug_taken")
        .await;
    as_admin
        .delete(&format!(
            "/api/v1/content/categories/{}",
            guides["id"].as_str().unwrap()
        ))
        .expect_status(StatusCode::NO_CONTENT)
        .await;
}

/// PostgreSQL `text` cannot hold U+0000: a body, URI or GraphQL argument with it is refused on
/// every database, naming the field, and nothing is written.
#[tokio::test]
async fn a_nul_character_is_refused_where_it_would_be_stored() {
    let (_app, as_admin) = TestApp::with_admin("acme").await;
    let problem = as_admin
        .post("/api/v1/content/nodes", new_post("Null\u{0}byte", ""))
        .problem(422, "validation_failed")
        .await;
    assert_eq!(
        problem["errors"][0]["field"], "translation.title",
        "{problem}"
    );
    let create = "mutation($input: NewNode!) { createNode(input: $input) { id } }";
    let input = json!({"kind": "page", "translation": {"locale": "en", "title": "Null\u{0}byte"}});
    let refused = as_admin
        .graphql_error(create, json!({"input": input}), "validation_failed")
        .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["errors"][0]["field"], "input.translation.title",
        "{refused}"
    );
    let literal = r#"mutation { createNode(input: {kind: "page", translation: {locale: "en", title: "Null\u0000byte"}}) { id } }"#;
    let refused = as_admin
        .graphql_error(literal, json!({}), "validation_failed")
        .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["errors"][0]["field"], "input.translation.title",
        "{refused}"
    );
    // A fragment cycle is refused by validation, not followed forever.
    as_admin
        .graphql_error(
            "mutation { ...a } fragment a on MutationRoot { ...b } fragment b on MutationRoot { ...a }",
            json!({}),
            "invalid_query",
        )
        .await;
    let listed = as_admin.get("/api/v1/content/nodes").send().await.json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 0, "{listed}");
    // Reads too: a slug or filter with it is no lookup PostgreSQL can run.
    as_admin
        .get("/api/v1/content/nodes?tag=a%00b")
        .problem(400, "invalid_query")
        .await;
    as_admin
        .get("/api/v1/blog/posts/by-slug/a%00b")
        .problem(400, "invalid_path")
        .await;
    as_admin
        .graphql_error(
            r#"{ nodes(tag: "a\u0000b") { items { id } } }"#,
            json!({}),
            "validation_failed",
        )
        .await;
}
