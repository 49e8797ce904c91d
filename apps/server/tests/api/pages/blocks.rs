//! Pages: block layouts, translations, visibility, bad input, GraphQL and the OpenAPI schemas.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{about_page, create_page, new_menu, publish};
use crate::support::TestApp;

#[tokio::test]
async fn pages_keep_their_blocks_and_stay_hidden_until_published() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    app.speak_english_and_german("acme").await;
    let page = create_page(&as_admin, about_page()).await;
    assert_eq!(
        (page["slug"].as_str(), page["status"].as_str()),
        (Some("about"), Some("draft"))
    );
    assert_eq!(page["blocks"][2]["columns"][0][0]["type"], "image");
    let html = page["html"].as_str().unwrap().to_lowercase();
    assert!(html.contains("<h1>about &lt;us&gt;</h1>"), "{html}");
    assert!(html.contains("<strong>build</strong>"), "{html}");
    for bad in ["<script", "onclick", "<iframe"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    let id = page["id"].as_str().unwrap();
    let path = format!("/api/v1/pages/{id}");

    let visitor = app.anonymous("acme");
    // Anonymous readers: the draft does not exist.
    visitor.get(&path).problem(404, "not_found").await;
    visitor
        .get("/api/v1/pages/by-slug/about")
        .problem(404, "not_found")
        .await;
    let list = visitor.get("/api/v1/pages").send().await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    // Staff see it.
    as_admin.get(&path).expect_status(StatusCode::OK).await;

    // A German translation and layout.
    as_admin
        .patch(
            &path,
            json!({
                "translation": {"locale": "de", "title": "Über uns", "slug": "ueber-uns"},
                "layout": {"locale": "de", "blocks": [{"type": "heading", "level": 1, "text": "Über uns"}]},
                "expected_version": 1
            }),
        )
        .expect_status(StatusCode::OK).await;
    publish(&as_admin, id).await;

    let by_slug = visitor
        .get("/api/v1/pages/by-slug/ueber-uns?locale=de")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(
        (by_slug["id"].as_str(), by_slug["title"].as_str()),
        (Some(id), Some("Über uns"))
    );
    assert_eq!(by_slug["blocks"][0]["text"], "Über uns");
    // English slug, French asked for: English (the tenant default).
    let fallback = visitor
        .get("/api/v1/pages/by-slug/about?locale=fr")
        .send()
        .await
        .json();
    assert_eq!(
        (fallback["locale"].as_str(), fallback["title"].as_str()),
        (Some("en"), Some("About"))
    );
    let list = visitor.get("/api/v1/pages").send().await.json();
    assert_eq!(list["items"][0]["id"], id);

    as_admin
        .delete(&path)
        .expect_status(StatusCode::NO_CONTENT)
        .await;
    as_admin.get(&path).problem(404, "not_found").await;
}

#[tokio::test]
async fn bad_input_is_a_clear_problem() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let send = |body: Value| as_admin.post("/api/v1/pages", body).send();
    let mut script_link = about_page();
    script_link["blocks"] = json!([{"type": "button", "label": "x", "url": "javascript:alert(1)"}]);
    let problem = send(script_link)
        .await
        .assert_problem(422, "validation_failed");
    assert!(problem.to_string().contains("url"), "{problem}");
    let mut unknown = about_page();
    unknown["blocks"] = json!([{"type": "script", "src": "https://evil.test/x.js"}]);
    send(unknown).await.assert_problem(422, "validation_failed");
    let mut heading = about_page();
    heading["blocks"] = json!([{"type": "heading", "level": 9, "text": "x"}]);
    send(heading).await.assert_problem(422, "validation_failed");
    send(about_page()).await;
    send(about_page()).await.assert_problem(409, "slug_taken");
    let visitor = app.anonymous("acme");
    visitor
        .get("/api/v1/pages/not-an-id")
        .problem(400, "invalid_id")
        .await;

    let menu = |body: Value| as_admin.post("/api/v1/pages/menus", body).send();
    menu(new_menu("Main Menu", "Main"))
        .await
        .assert_problem(422, "validation_failed");
    let created = menu(new_menu("main", "Main")).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    menu(new_menu("main", "Main"))
        .await
        .assert_problem(409, "handle_taken");
    let items = format!(
        "/api/v1/pages/menus/{}/items",
        created.json()["id"].as_str().unwrap()
    );
    as_admin
        .post(
            &items,
            json!({"url": "javascript:alert(1)", "labels": [{"locale": "en", "label": "x"}]}),
        )
        .problem(422, "validation_failed")
        .await;
    as_admin
        .post(&items, json!({"url": "/x", "labels": []}))
        .problem(422, "validation_failed")
        .await;
}

#[tokio::test]
async fn graphql_serves_pages_and_menus_with_the_same_rules() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let created = as_admin
        .graphql_data(
            r#"mutation($input: NewPage!) { createPage(input: $input) { id slug status html blocks } }"#,
            json!({"input": about_page()}),
        )
        .await;
    let page = &created["createPage"];
    assert_eq!(page["blocks"][0]["type"], "heading");
    assert!(!page["html"].as_str().unwrap().contains("<script"));
    let id = page["id"].as_str().unwrap();

    let by_slug = r#"{ pageBySlug(slug: "about") { id title } }"#;
    let visitor = app.anonymous("acme");
    let anonymous = visitor.graphql(by_slug, json!({})).await;
    assert!(
        anonymous["data"]["pageBySlug"].is_null(),
        "drafts are invisible: {anonymous}"
    );
    let published = as_admin
        .graphql(
            "mutation($id: ID!) { transitionPage(id: $id, transition: PUBLISH) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(published["data"]["transitionPage"]["status"], "published");
    let anonymous = visitor.graphql(by_slug, json!({})).await;
    assert_eq!(anonymous["data"]["pageBySlug"]["id"], id);

    let menu = as_admin
        .graphql(
            r#"mutation { createMenu(input: {handle: "main", name: "Main"}) { id } }"#,
            json!({}),
        )
        .await;
    let menu_id = menu["data"]["createMenu"]["id"].as_str().unwrap();
    let item = as_admin
        .graphql_data(
            r#"mutation($menu: ID!, $input: NewMenuItem!) { addMenuItem(menuId: $menu, input: $input) { id } }"#,
            json!({"menu": menu_id, "input": {"pageId": id, "labels": [{"locale": "en", "label": "About"}]}}),
        )
        .await;
    let moved = as_admin
        .graphql_data(
            r#"mutation($menu: ID!, $id: ID!) { updateMenuItem(menuId: $menu, id: $id, input: {parentId: null, position: 2, labels: [{locale: "en", label: "About us"}]}) { parentId position labels { locale label } } }"#,
            json!({"menu": menu_id, "id": item["addMenuItem"]["id"]}),
        )
        .await;
    assert_eq!(moved["updateMenuItem"]["position"], 2);
    assert_eq!(moved["updateMenuItem"]["labels"][0]["label"], "About us");
    let tree = visitor
        .graphql(
            r#"{ menu(handle: "main", locale: "de") { handle items { label locale pageSlug children { label } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(tree["data"]["menu"]["items"][0]["pageSlug"], "about");
    assert_eq!(tree["data"]["menu"]["items"][0]["label"], "About us");
    as_admin
        .graphql_error(
            r#"mutation($menu: ID!) { addMenuItem(menuId: $menu, input: {url: "javascript:alert(1)", labels: [{locale: "en", label: "x"}]}) { id } }"#,
            json!({"menu": menu_id}),
            "validation_failed",
        )
        .await;
}

#[tokio::test]
async fn the_openapi_document_describes_blocks_and_menus() {
    let app = TestApp::spawn().await;
    let doc = app.get("/api/openapi.json").send().await.json();
    let schemas = &doc["components"]["schemas"];
    for name in [
        "Block",
        "NewPage",
        "PageView",
        "NewMenuItem",
        "MenuTree",
        "MenuNode",
    ] {
        assert!(schemas[name].is_object(), "{name} missing");
    }
    let block_types: Vec<String> = schemas["Block"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|variant| {
            let name = variant["$ref"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap();
            schemas[name]["properties"]["type"]["enum"][0]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        block_types,
        [
            "heading", "text", "image", "quote", "button", "columns", "html"
        ]
    );
    assert_eq!(doc["paths"]["/api/v1/pages"]["get"]["tags"][0], "pages");
}
