//! The pages module through the real router: block layouts, visibility, menus, permissions,
//! tenant isolation and the module switch.

use axum::http::{Method, StatusCode};
use rustok_outbox::entities::sys_events;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::support::TestApp;

async fn acme_admin(app: &TestApp) -> String {
    app.create_tenant("acme", "owner@acme.test", "acme-owner-pass")
        .await;
    let tokens = app
        .login(Some("acme"), "owner@acme.test", "acme-owner-pass")
        .await;
    tokens["access_token"].as_str().unwrap().to_string()
}

/// Events of this type written outside the demo tenant (which the first start seeds).
async fn events_of(app: &TestApp, event_type: &str) -> u64 {
    let demo = rustok_tenant::TenantService::find_by_slug(&app.state.db, "demo")
        .await
        .unwrap()
        .unwrap();
    sys_events::Entity::find()
        .filter(sys_events::Column::EventType.eq(event_type))
        .filter(sys_events::Column::TenantId.ne(demo.id))
        .count(&app.state.db)
        .await
        .unwrap()
}

/// Acme with English and German.
async fn acme_admin_with_german(app: &TestApp) -> String {
    let admin = acme_admin(app).await;
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
    let saved = app
        .call(Method::PATCH, &format!("/api/v1/tenants/{acme_id}"))
        .json(json!({"settings": {"locales": {"default": "en", "enabled": ["en", "de"]}}}))
        .bearer(&operator)
        .send()
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    admin
}

fn about_page() -> Value {
    json!({
        "translation": {"locale": "en", "title": "About"},
        "blocks": [
            {"type": "heading", "level": 1, "text": "About <us>"},
            {"type": "text", "markdown": "We **build**. <script>alert(1)</script>"},
            {"type": "columns", "columns": [
                [{"type": "image", "url": "/img/team.jpg", "alt": "Team"}],
                [{"type": "html", "html": "<p onclick=\"x()\">Hi</p><iframe src=\"https://evil.test\"></iframe>"}]
            ]},
            {"type": "button", "label": "Contact", "url": "https://example.test/contact"}
        ]
    })
}

async fn create_page(app: &TestApp, token: &str, body: Value) -> Value {
    let created = app
        .post("/api/v1/pages", body)
        .tenant("acme")
        .bearer(token)
        .send()
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    created.json()
}

async fn publish(app: &TestApp, token: &str, id: &str) {
    let published = app
        .post(
            &format!("/api/v1/pages/{id}/transitions"),
            json!({"transition": "publish"}),
        )
        .tenant("acme")
        .bearer(token)
        .send()
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
}

#[tokio::test]
async fn pages_keep_their_blocks_and_stay_hidden_until_published() {
    let app = TestApp::spawn().await;
    let admin = acme_admin_with_german(&app).await;
    let page = create_page(&app, &admin, about_page()).await;
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

    // Anonymous readers: the draft does not exist.
    app.get(&path)
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/pages/by-slug/about")
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");
    let list = app.get("/api/v1/pages").tenant("acme").send().await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    // Staff see it.
    let staff = app.get(&path).tenant("acme").bearer(&admin).send().await;
    assert_eq!(staff.status, StatusCode::OK, "{}", staff.text());

    // A German translation and layout.
    let german = app
        .call(Method::PATCH, &path)
        .json(json!({
            "translation": {"locale": "de", "title": "Über uns", "slug": "ueber-uns"},
            "layout": {"locale": "de", "blocks": [{"type": "heading", "level": 1, "text": "Über uns"}]},
            "expected_version": 1
        }))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(german.status, StatusCode::OK, "{}", german.text());
    publish(&app, &admin, id).await;

    let by_slug = app
        .get("/api/v1/pages/by-slug/ueber-uns?locale=de")
        .tenant("acme")
        .send()
        .await;
    assert_eq!(by_slug.status, StatusCode::OK, "{}", by_slug.text());
    let by_slug = by_slug.json();
    assert_eq!(
        (by_slug["id"].as_str(), by_slug["title"].as_str()),
        (Some(id), Some("Über uns"))
    );
    assert_eq!(by_slug["blocks"][0]["text"], "Über uns");
    // English slug, French asked for: English (the tenant default).
    let fallback = app
        .get("/api/v1/pages/by-slug/about?locale=fr")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(
        (fallback["locale"].as_str(), fallback["title"].as_str()),
        (Some("en"), Some("About"))
    );
    let list = app.get("/api/v1/pages").tenant("acme").send().await.json();
    assert_eq!(list["items"][0]["id"], id);

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
async fn bad_input_is_a_clear_problem() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let send = |body: Value| {
        app.post("/api/v1/pages", body)
            .tenant("acme")
            .bearer(&admin)
            .send()
    };
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
    app.get("/api/v1/pages/not-an-id")
        .tenant("acme")
        .send()
        .await
        .assert_problem(400, "invalid_id");

    let menu = |body: Value| {
        app.post("/api/v1/pages/menus", body)
            .tenant("acme")
            .bearer(&admin)
            .send()
    };
    menu(json!({"handle": "Main Menu", "name": "Main"}))
        .await
        .assert_problem(422, "validation_failed");
    let created = menu(json!({"handle": "main", "name": "Main"})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    menu(json!({"handle": "main", "name": "Main"}))
        .await
        .assert_problem(409, "handle_taken");
    let items = format!(
        "/api/v1/pages/menus/{}/items",
        created.json()["id"].as_str().unwrap()
    );
    app.post(
        &items,
        json!({"url": "javascript:alert(1)", "labels": [{"locale": "en", "label": "x"}]}),
    )
    .tenant("acme")
    .bearer(&admin)
    .send()
    .await
    .assert_problem(422, "validation_failed");
    app.post(&items, json!({"url": "/x", "labels": []}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn menus_are_trees_of_translated_links() {
    let app = TestApp::spawn().await;
    let admin = acme_admin_with_german(&app).await;
    let about = create_page(&app, &admin, about_page()).await;
    let about_id = about["id"].as_str().unwrap();
    publish(&app, &admin, about_id).await;
    let draft = create_page(
        &app,
        &admin,
        json!({"translation": {"locale": "en", "title": "Coming soon"}}),
    )
    .await;

    let menu = app
        .post(
            "/api/v1/pages/menus",
            json!({"handle": "main", "name": "Main"}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    let menu_path = format!("/api/v1/pages/menus/{}", menu["id"].as_str().unwrap());
    let add = |body: Value| {
        app.post(&format!("{menu_path}/items"), body)
            .tenant("acme")
            .bearer(&admin)
            .send()
    };
    let company = add(json!({"url": "/company", "labels": [
        {"locale": "en", "label": "Company"}, {"locale": "de", "label": "Firma"}]}))
    .await;
    assert_eq!(company.status, StatusCode::CREATED, "{}", company.text());
    let company = company.json();
    let about_item = add(json!({"parent_id": company["id"], "page_id": about_id,
        "labels": [{"locale": "en", "label": "About us"}]}))
    .await;
    assert_eq!(
        about_item.status,
        StatusCode::CREATED,
        "{}",
        about_item.text()
    );
    add(
        json!({"parent_id": company["id"], "page_id": draft["id"], "position": 1,
        "labels": [{"locale": "en", "label": "Soon"}]}),
    )
    .await;
    add(json!({"url": "https://shop.example.test", "position": 1,
        "labels": [{"locale": "en", "label": "Shop"}]}))
    .await;

    let tree = app
        .get("/api/v1/pages/menus/by-handle/main?locale=de")
        .tenant("acme")
        .send()
        .await;
    assert_eq!(tree.status, StatusCode::OK, "{}", tree.text());
    let tree = tree.json();
    assert_eq!(tree["items"][0]["label"], "Firma");
    assert_eq!(tree["items"][1]["label"], "Shop");
    assert_eq!(tree["items"][1]["url"], "https://shop.example.test");
    let children = tree["items"][0]["children"].as_array().unwrap();
    assert_eq!(children.len(), 1, "the draft page's item is hidden: {tree}");
    assert_eq!(children[0]["page_slug"], "about");
    assert_eq!(children[0]["locale"], "en");
    let staff = app
        .get("/api/v1/pages/menus/by-handle/main")
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(staff["items"][0]["children"].as_array().unwrap().len(), 2);

    // Relabel and move an item, then delete the parent with its children.
    let item_path = format!(
        "{menu_path}/items/{}",
        about_item.json()["id"].as_str().unwrap()
    );
    let moved = app
        .call(Method::PATCH, &item_path)
        .json(json!({"parent_id": null, "position": 5, "labels": [{"locale": "de", "label": "Über uns"}]}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert!(moved.json()["parent_id"].is_null());
    let tree = app
        .get("/api/v1/pages/menus/by-handle/main?locale=de")
        .tenant("acme")
        .send()
        .await
        .json();
    assert_eq!(tree["items"][2]["label"], "Über uns");
    let removed = app
        .call(
            Method::DELETE,
            &format!("{menu_path}/items/{}", company["id"].as_str().unwrap()),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    let view = app
        .get(&menu_path)
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(view["items"].as_array().unwrap().len(), 2, "{view}");

    let deleted = app
        .call(Method::DELETE, &menu_path)
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    app.get("/api/v1/pages/menus/by-handle/main")
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "not_found");

    // One event per menu write, in the outbox: four items added, one moved, one removed.
    assert_eq!(events_of(&app, "pages.menu_created").await, 1);
    assert_eq!(events_of(&app, "pages.menu_updated").await, 6);
    assert_eq!(events_of(&app, "pages.menu_deleted").await, 1);
}

#[tokio::test]
async fn other_tenants_get_404_for_pages_and_menus() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let page = create_page(&app, &admin, about_page()).await;
    let page_id = page["id"].as_str().unwrap();
    publish(&app, &admin, page_id).await;
    let menu = app
        .post(
            "/api/v1/pages/menus",
            json!({"handle": "acme-only", "name": "Main"}),
        )
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    let menu_id = menu["id"].as_str().unwrap();

    // The demo tenant's super admin, in the demo tenant.
    let demo = app.admin_token().await;
    let as_demo =
        |method: Method, path: String| app.call(method, &path).tenant("demo").bearer(&demo);
    as_demo(Method::GET, format!("/api/v1/pages/{page_id}"))
        .send()
        .await
        .assert_problem(404, "not_found");
    as_demo(Method::PATCH, format!("/api/v1/pages/{page_id}"))
        .json(json!({"position": 3}))
        .send()
        .await
        .assert_problem(404, "not_found");
    as_demo(Method::DELETE, format!("/api/v1/pages/{page_id}"))
        .send()
        .await
        .assert_problem(404, "not_found");
    as_demo(Method::GET, format!("/api/v1/pages/menus/{menu_id}"))
        .send()
        .await
        .assert_problem(404, "not_found");
    as_demo(Method::PATCH, format!("/api/v1/pages/menus/{menu_id}"))
        .json(json!({"name": "Mine"}))
        .send()
        .await
        .assert_problem(404, "not_found");
    as_demo(Method::POST, format!("/api/v1/pages/menus/{menu_id}/items"))
        .json(json!({"url": "/x", "labels": [{"locale": "en", "label": "x"}]}))
        .send()
        .await
        .assert_problem(404, "not_found");
    as_demo(Method::DELETE, format!("/api/v1/pages/menus/{menu_id}"))
        .send()
        .await
        .assert_problem(404, "not_found");
    as_demo(
        Method::GET,
        "/api/v1/pages/menus/by-handle/acme-only".into(),
    )
    .send()
    .await
    .assert_problem(404, "not_found");
    // Still there for acme, unchanged.
    let view = app
        .get(&format!("/api/v1/pages/menus/{menu_id}"))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    assert_eq!(view["name"], "Main");
}

#[tokio::test]
async fn customers_cannot_write_pages_or_menus() {
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
    app.post("/api/v1/pages", about_page())
        .tenant("acme")
        .bearer(token)
        .send()
        .await
        .assert_problem(403, "forbidden");
    app.post(
        "/api/v1/pages/menus",
        json!({"handle": "main", "name": "Main"}),
    )
    .tenant("acme")
    .bearer(token)
    .send()
    .await
    .assert_problem(403, "forbidden");
    app.get("/api/v1/pages/menus")
        .tenant("acme")
        .bearer(token)
        .send()
        .await
        .assert_problem(403, "forbidden");
    app.post("/api/v1/pages", about_page())
        .tenant("acme")
        .send()
        .await
        .assert_problem(401, "missing_token");
    let denied = app
        .graphql(
            Some(token),
            Some("acme"),
            r#"mutation { createMenu(input: {handle: "main", name: "Main"}) { id } }"#,
            json!({}),
        )
        .await;
    assert_eq!(denied["errors"][0]["extensions"]["code"], "forbidden");
    let list = app.get("/api/v1/pages").tenant("acme").send().await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn switching_pages_off_answers_as_absent() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let toggle = |enabled: bool| {
        app.call(Method::PUT, "/api/v1/modules/pages")
            .json(json!({"enabled": enabled}))
            .tenant("acme")
            .bearer(&admin)
            .send()
    };
    let off = toggle(false).await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text());
    app.get("/api/v1/pages")
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "module_disabled");
    app.post("/api/v1/pages", about_page())
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .assert_problem(404, "module_disabled");
    app.get("/api/v1/pages/menus/by-handle/main")
        .tenant("acme")
        .send()
        .await
        .assert_problem(404, "module_disabled");
    let gql = app
        .graphql(
            None,
            Some("acme"),
            r#"{ menu(handle: "main") { id } }"#,
            json!({}),
        )
        .await;
    assert_eq!(gql["errors"][0]["extensions"]["code"], "module_disabled");
    // Content itself and other tenants are unaffected.
    let content = app.get("/api/v1/content/nodes").tenant("acme").send().await;
    assert_eq!(content.status, StatusCode::OK);
    let demo = app.get("/api/v1/pages").tenant("demo").send().await;
    assert_eq!(demo.status, StatusCode::OK, "{}", demo.text());

    let on = toggle(true).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.text());
    let back = app.get("/api/v1/pages").tenant("acme").send().await;
    assert_eq!(back.status, StatusCode::OK);
}

#[tokio::test]
async fn graphql_serves_pages_and_menus_with_the_same_rules() {
    let app = TestApp::spawn().await;
    let admin = acme_admin(&app).await;
    let created = app
        .graphql(
            Some(&admin),
            Some("acme"),
            r#"mutation($input: NewPage!) { createPage(input: $input) { id slug status html blocks } }"#,
            json!({"input": about_page()}),
        )
        .await;
    assert!(created["errors"].is_null(), "{created}");
    let page = &created["data"]["createPage"];
    assert_eq!(page["blocks"][0]["type"], "heading");
    assert!(!page["html"].as_str().unwrap().contains("<script"));
    let id = page["id"].as_str().unwrap();

    let by_slug = r#"{ pageBySlug(slug: "about") { id title } }"#;
    let anonymous = app.graphql(None, Some("acme"), by_slug, json!({})).await;
    assert!(
        anonymous["data"]["pageBySlug"].is_null(),
        "drafts are invisible: {anonymous}"
    );
    let published = app
        .graphql(
            Some(&admin),
            Some("acme"),
            "mutation($id: ID!) { transitionPage(id: $id, transition: PUBLISH) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(published["data"]["transitionPage"]["status"], "published");
    let anonymous = app.graphql(None, Some("acme"), by_slug, json!({})).await;
    assert_eq!(anonymous["data"]["pageBySlug"]["id"], id);

    let menu = app
        .graphql(
            Some(&admin),
            Some("acme"),
            r#"mutation { createMenu(input: {handle: "main", name: "Main"}) { id } }"#,
            json!({}),
        )
        .await;
    let menu_id = menu["data"]["createMenu"]["id"].as_str().unwrap();
    let item = app
        .graphql(
            Some(&admin),
            Some("acme"),
            r#"mutation($menu: ID!, $input: NewMenuItem!) { addMenuItem(menuId: $menu, input: $input) { id } }"#,
            json!({"menu": menu_id, "input": {"pageId": id, "labels": [{"locale": "en", "label": "About"}]}}),
        )
        .await;
    assert!(item["errors"].is_null(), "{item}");
    let moved = app
        .graphql(
            Some(&admin),
            Some("acme"),
            r#"mutation($menu: ID!, $id: ID!) { updateMenuItem(menuId: $menu, id: $id, input: {parentId: null, position: 2, labels: [{locale: "en", label: "About us"}]}) { parentId position labels { locale label } } }"#,
            json!({"menu": menu_id, "id": item["data"]["addMenuItem"]["id"]}),
        )
        .await;
    assert!(moved["errors"].is_null(), "{moved}");
    assert_eq!(moved["data"]["updateMenuItem"]["position"], 2);
    assert_eq!(
        moved["data"]["updateMenuItem"]["labels"][0]["label"],
        "About us"
    );
    let tree = app
        .graphql(
            None,
            Some("acme"),
            r#"{ menu(handle: "main", locale: "de") { handle items { label locale pageSlug children { label } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(tree["data"]["menu"]["items"][0]["pageSlug"], "about");
    assert_eq!(tree["data"]["menu"]["items"][0]["label"], "About us");
    let invalid = app
        .graphql(
            Some(&admin),
            Some("acme"),
            r#"mutation($menu: ID!) { addMenuItem(menuId: $menu, input: {url: "javascript:alert(1)", labels: [{locale: "en", label: "x"}]}) { id } }"#,
            json!({"menu": menu_id}),
        )
        .await;
    assert_eq!(
        invalid["errors"][0]["extensions"]["code"],
        "validation_failed"
    );
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
        .flat_map(|variant| variant["properties"]["type"]["enum"].as_array().cloned())
        .flatten()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        block_types,
        [
            "heading", "text", "image", "quote", "button", "columns", "html"
        ]
    );
    assert_eq!(doc["paths"]["/api/v1/pages"]["get"]["tags"][0], "pages");
}

#[tokio::test]
async fn the_demo_tenant_starts_with_an_about_page_and_a_main_menu() {
    let app = TestApp::spawn().await;
    let about = app
        .get("/api/v1/pages/by-slug/ueber-uns?locale=de")
        .tenant("demo")
        .send()
        .await;
    assert_eq!(about.status, StatusCode::OK, "{}", about.text());
    let about = about.json();
    assert_eq!(about["title"], "Über uns");
    assert!(
        about.to_string().contains("Wir sind ein kleiner Demo-Shop"),
        "{about}"
    );
    let menu = app
        .get("/api/v1/pages/menus/by-handle/main?locale=de")
        .tenant("demo")
        .send()
        .await
        .json();
    let items = menu["items"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, vec!["Shop", "Blog", "Forum", "Über uns"], "{menu}");
    assert_eq!(items[3]["page_slug"], "ueber-uns");
    let english = app
        .get("/api/v1/pages/menus/by-handle/main")
        .tenant("demo")
        .send()
        .await
        .json();
    assert_eq!(english["items"][3]["label"], "About us");
    assert_eq!(english["items"][3]["page_slug"], "about");
}
