//! The content module through the real router: permissions, visibility, workflow, toggles.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;

fn new_post(title: &str, body: &str) -> Value {
    json!({
        "kind": "post",
        "translation": {"locale": "en", "title": title},
        "body": {"locale": "en", "format": "markdown", "source": body}
    })
}

async fn acme_admin(app: &TestApp) -> String {
    app.create_tenant("acme", "owner@acme.test", "acme-owner-pass")
        .await;
    let tokens = app
        .login(Some("acme"), "owner@acme.test", "acme-owner-pass")
        .await;
    tokens["access_token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn drafts_are_invisible_until_published() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let created = app
        .post(
            "/api/v1/content/nodes",
            new_post("Hello <b>World</b>", "Hi <script>alert(1)</script>"),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let node = created.json();
    assert_eq!(node["status"], "draft");
    assert_eq!(node["slug"], "hello-b-world-b");
    assert!(!node["body"]["html"].as_str().unwrap().contains("<script"));
    let id = node["id"].as_str().unwrap();
    let path = format!("/api/v1/content/nodes/{id}");

    // Anonymous readers: 404 for the draft, nothing in the list.
    app.get(&path)
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
    let list = app
        .get("/api/v1/content/nodes?kind=post")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    // Staff see it.
    assert_eq!(
        app.get(&path)
            .tenant("acme")
            .bearer(&admin)
            .send()
            .await
            .status,
        StatusCode::OK
    );

    let published = app
        .post(
            &format!("{path}/transitions"),
            json!({"transition": "publish"}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    assert_eq!(
        app.get(&path).tenant("acme").send().await.json()["status"],
        "published"
    );
    let list = app
        .get("/api/v1/content/nodes?kind=post")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(list["items"][0]["id"], id);

    // Publishing twice is an invalid transition, as problem+json.
    app.post(
        &format!("{path}/transitions"),
        json!({"transition": "publish"}),
    )
    .tenant("acme")
    .bearer(&admin)
    .send()
    .await
    .assert_problem(409, "invalid_transition");
    // Another tenant does not see it at all.
    app.get(&path)
        .tenant("demo")
        .send()
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn customers_cannot_write_and_nothing_changes() {
    let app = TestApp::spawn().await;
    acme_admin(&app).await;
    let customer = app
        .post(
            "/api/v1/auth/register",
            json!({"email": "c@acme.test", "password": "customer-pass"}),
        )
        .tenant("acme")
        .send()
        .await
        .json();
    let token = customer["access_token"].as_str().unwrap();
    app.post("/api/v1/content/nodes", new_post("Nope", ""))
        .tenant("acme")
        .bearer(token)
        .send()
        .await
        .assert_problem(403, "forbidden");
    app.post("/api/v1/content/nodes", new_post("Nope", ""))
        .tenant("acme")
        .send()
        .await
        .assert_problem(401, "missing_token");
    let list = app
        .get("/api/v1/content/nodes")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn bad_input_is_a_clear_problem() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let mut french = new_post("Bonjour", "");
    french["translation"]["locale"] = json!("fr");
    app.post("/api/v1/content/nodes", french)
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .assert_problem(422, "validation_failed");
    app.post("/api/v1/content/nodes", json!({"kind": "post"}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .assert_problem(422, "validation_failed");
    app.post("/api/v1/content/nodes", new_post("Twice", ""))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    app.post("/api/v1/content/nodes", new_post("Twice", ""))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .assert_problem(409, "slug_taken");
    app.get("/api/v1/content/nodes/not-an-id")
        .tenant("acme")
        .send()
        .await
        .assert_problem(400, "invalid_id");
    app.get("/api/v1/content/nodes?locale=%3Cscript%3E")
        .tenant("acme")
        .send()
        .await
        .assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn a_disabled_module_answers_as_absent() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    // The modules built on content (blog, forum, pages) must be switched off first.
    let modules = app
        .get("/api/v1/modules")
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
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
    let refused = app
        .call(Method::PUT, "/api/v1/modules/content")
        .json(json!({"enabled": false}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    for slug in &dependents {
        let off = app
            .call(Method::PUT, &format!("/api/v1/modules/{slug}"))
            .json(json!({"enabled": false}))
            .tenant("acme")
            .bearer(&admin)
            .send()
            .await;
        assert_eq!(off.status, StatusCode::OK, "{}", off.text());
    }
    let off = app
        .call(Method::PUT, "/api/v1/modules/content")
        .json(json!({"enabled": false}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text());
    app.get("/api/v1/content/nodes")
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "module_disabled");
    app.post("/api/v1/content/nodes", new_post("Off", ""))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .assert_problem(404, "module_disabled");
    // Other tenants keep it.
    assert_eq!(
        app.get("/api/v1/content/nodes")
            .tenant("demo")
            .send()
            .await
            .status,
        StatusCode::OK
    );
    app.call(Method::PUT, "/api/v1/modules/content")
        .json(json!({"enabled": true}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(
        app.get("/api/v1/content/nodes")
            .tenant("acme")
            .send()
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn revisions_through_the_api() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let node = app
        .post("/api/v1/content/nodes", new_post("Original", "v1"))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    let path = format!("/api/v1/content/nodes/{}", node["id"].as_str().unwrap());
    let edited = app
        .call(Method::PATCH, &path)
        .json(json!({"translation": {"locale": "en", "title": "Edited", "slug": "edited"}, "expected_version": 1}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text());
    app.call(Method::PATCH, &path)
        .json(json!({"position": 2, "expected_version": 1}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .assert_problem(409, "version_conflict");
    let revisions = app
        .get(&format!("{path}/revisions"))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(revisions[0]["version"], 1);
    let restored = app
        .post(&format!("{path}/revisions/1/restore"), json!({}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(restored.status, StatusCode::OK, "{}", restored.text());
    assert_eq!(restored.json()["title"], "Original");
    let deleted = app
        .call(Method::DELETE, &path)
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    app.get(&path)
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn graphql_uses_the_same_rules() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let created = app
        .graphql(
            Some(&admin),
            Some("acme"),
            r#"mutation($input: NewNode!) { createNode(input: $input) { id status slug locale body { html } } }"#,
            json!({"input": {"kind": "page", "translation": {"locale": "en", "title": "About us"}, "body": {"locale": "en", "format": "MARKDOWN", "source": "**We** build"}}}),
        )
        .await;
    assert!(created["errors"].is_null(), "{created}");
    let node = &created["data"]["createNode"];
    assert_eq!(node["slug"], "about-us");
    assert!(
        node["body"]["html"]
            .as_str()
            .unwrap()
            .contains("<strong>We</strong>")
    );
    let id = node["id"].as_str().unwrap();

    let anonymous = app
        .graphql(
            None,
            Some("acme"),
            "query($id: ID!) { node(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert!(
        anonymous["data"]["node"].is_null(),
        "drafts are invisible: {anonymous}"
    );

    let invalid = app
        .graphql(
            Some(&admin),
            Some("acme"),
            "mutation($id: ID!) { transitionNode(id: $id, transition: RESTORE) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        invalid["errors"][0]["extensions"]["code"],
        "invalid_transition"
    );

    let published = app
        .graphql(
            Some(&admin),
            Some("acme"),
            "mutation($id: ID!) { transitionNode(id: $id, transition: PUBLISH) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(published["data"]["transitionNode"]["status"], "published");
    let listed = app
        .graphql(
            None,
            Some("acme"),
            "{ nodes(kind: \"page\") { items { slug locale } nextCursor } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["data"]["nodes"]["items"][0]["slug"], "about-us");

    let denied = app
        .graphql(
            None,
            Some("acme"),
            "mutation($id: ID!) { deleteNode(id: $id) }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(denied["errors"][0]["extensions"]["code"], "missing_token");
}

#[tokio::test]
async fn scheduled_content_is_published_on_time_by_the_server() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let node = app
        .post("/api/v1/content/nodes", new_post("Later", ""))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    let path = format!("/api/v1/content/nodes/{}", node["id"].as_str().unwrap());
    let at = (chrono::Utc::now() + chrono::Duration::seconds(1)).to_rfc3339();
    let scheduled = app
        .post(
            &format!("{path}/transitions"),
            json!({"transition": "schedule", "publish_at": at}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(scheduled.json()["status"], "scheduled");
    app.get(&path)
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
    for _ in 0..100 {
        let response = app.get(&path).tenant("acme").send().await;
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
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let operator = app.admin_token().await;
    let acme_id = app
        .post("/api/graphql", json!({"query": "{ tenant { id } }"}))
        .tenant("acme")
        .send()
        .await
        .json()["data"]["tenant"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let set_locales = |locales: Value| {
        app.call(Method::PATCH, &format!("/api/v1/tenants/{acme_id}"))
            .json(json!({"settings": {"locales": locales}}))
            .bearer(&operator)
            .send()
    };
    set_locales(json!({"default": "de", "enabled": ["en"]}))
        .await
        .assert_problem(422, "validation_failed");
    set_locales(json!({"default": "xx-?", "enabled": ["en"]}))
        .await
        .assert_problem(422, "validation_failed");
    let saved = set_locales(json!({"default": "en", "enabled": ["en", "pt_br"]})).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert_eq!(
        saved.json()["settings"]["locales"]["enabled"],
        json!(["en", "pt-BR"])
    );

    let node = app
        .post("/api/v1/content/nodes", new_post("Hello", ""))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    let path = format!("/api/v1/content/nodes/{}", node["id"].as_str().unwrap());
    let category = app
        .post(
            "/api/v1/content/categories",
            json!({"translation": {"locale": "en", "name": "General"}}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    let translated = app
        .call(Method::PATCH, &path)
        .json(json!({"translation": {"locale": "pt-br", "title": "Olá"}, "category_id": category["id"]}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(translated.status, StatusCode::OK, "{}", translated.text());
    assert_eq!(translated.json()["locale"], "pt-BR");
    assert!(translated.json()["category_id"].is_string());
    let portuguese = app
        .get(&format!("{path}?locale=pt-BR"))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(portuguese["title"], "Olá");
    let german = app
        .get(&format!("{path}?locale=de"))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(
        (german["locale"].as_str(), german["title"].as_str()),
        (Some("en"), Some("Hello"))
    );

    // `null` clears a field, leaving it out keeps it.
    let kept = app
        .call(Method::PATCH, &path)
        .json(json!({"position": 1}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert!(kept["category_id"].is_string());
    let cleared = app
        .call(Method::PATCH, &path)
        .json(json!({"category_id": null}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert!(cleared["category_id"].is_null(), "{cleared}");
}

#[tokio::test]
async fn category_descriptions_are_plain_text_with_their_spaces() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let created = app
        .post(
            "/api/v1/content/categories",
            json!({"translation": {"locale": "en", "name": "Guides",
                "description": "How to <b>start</b> & go <script>x()</script>"}}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let tree = app
        .graphql(
            None,
            Some("acme"),
            "{ contentCategories { description } }",
            json!({}),
        )
        .await;
    assert_eq!(
        tree["data"]["contentCategories"][0]["description"], "How to start &amp; go ",
        "{tree}"
    );
}

#[tokio::test]
async fn categories_through_rest_and_graphql() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let created = app
        .post(
            "/api/v1/content/categories",
            json!({"translation": {"locale": "en", "name": "Guides"}}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let guides = created.json();
    let mut post = new_post("How to", "");
    post["category_id"] = guides["id"].clone();
    let node = app
        .post("/api/v1/content/nodes", post)
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(node["category_id"], guides["id"]);
    let listed = app
        .get(&format!(
            "/api/v1/content/nodes?category_id={}",
            guides["id"].as_str().unwrap()
        ))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let tree = app
        .graphql(
            None,
            Some("acme"),
            "{ contentCategories { name slug parentId } }",
            json!({}),
        )
        .await;
    assert_eq!(tree["data"]["contentCategories"][0]["slug"], "guides");
    app.post(
        "/api/v1/content/categories",
        json!({"translation": {"locale": "en", "name": "Guides"}}),
    )
    .tenant("acme")
    .bearer(&admin)
    .send()
    .await
    .assert_problem(409, "slug_taken");
    let deleted = app
        .call(
            Method::DELETE,
            &format!(
                "/api/v1/content/categories/{}",
                guides["id"].as_str().unwrap()
            ),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
}
