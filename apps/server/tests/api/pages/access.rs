//! Who may read and write pages and menus: other tenants, customers, the module switch.

use axum::http::StatusCode;
use serde_json::json;

use super::{about_page, create_page, publish};
use crate::support::TestApp;

#[tokio::test]
async fn other_tenants_get_404_for_pages_and_menus() {
    let app = TestApp::spawn().await;
    let admin = app.tenant_admin("acme").await;
    let as_admin = app.signed_in("acme", &admin);
    let page = create_page(&app, &admin, about_page()).await;
    let page_id = page["id"].as_str().unwrap();
    publish(&app, &admin, page_id).await;
    let menu = as_admin
        .post(
            "/api/v1/pages/menus",
            json!({"handle": "acme-only", "name": "Main"}),
        )
        .send()
        .await
        .json();
    let menu_id = menu["id"].as_str().unwrap();

    // The demo tenant's super admin, in the demo tenant.
    let demo = app.admin_token().await;
    let as_demo = app.signed_in("demo", &demo);
    as_demo
        .get(&format!("/api/v1/pages/{page_id}"))
        .problem(404, "not_found")
        .await;
    as_demo
        .patch(&format!("/api/v1/pages/{page_id}"), json!({"position": 3}))
        .problem(404, "not_found")
        .await;
    as_demo
        .delete(&format!("/api/v1/pages/{page_id}"))
        .problem(404, "not_found")
        .await;
    as_demo
        .get(&format!("/api/v1/pages/menus/{menu_id}"))
        .problem(404, "not_found")
        .await;
    as_demo
        .patch(
            &format!("/api/v1/pages/menus/{menu_id}"),
            json!({"name": "Mine"}),
        )
        .problem(404, "not_found")
        .await;
    as_demo
        .post(
            &format!("/api/v1/pages/menus/{menu_id}/items"),
            json!({"url": "/x", "labels": [{"locale": "en", "label": "x"}]}),
        )
        .problem(404, "not_found")
        .await;
    as_demo
        .delete(&format!("/api/v1/pages/menus/{menu_id}"))
        .problem(404, "not_found")
        .await;
    as_demo
        .get("/api/v1/pages/menus/by-handle/acme-only")
        .problem(404, "not_found")
        .await;
    // Still there for acme, unchanged.
    let view = as_admin
        .get(&format!("/api/v1/pages/menus/{menu_id}"))
        .send()
        .await
        .json();
    assert_eq!(view["name"], "Main");
}

#[tokio::test]
async fn customers_cannot_write_pages_or_menus() {
    let app = TestApp::spawn().await;
    app.tenant_admin("acme").await;
    let customer = app.customer("acme", "c@acme.test").await;
    let as_customer = app.signed_in("acme", &customer);
    as_customer
        .post("/api/v1/pages", about_page())
        .problem(403, "forbidden")
        .await;
    as_customer
        .post(
            "/api/v1/pages/menus",
            json!({"handle": "main", "name": "Main"}),
        )
        .problem(403, "forbidden")
        .await;
    as_customer
        .get("/api/v1/pages/menus")
        .problem(403, "forbidden")
        .await;
    let visitor = app.anonymous("acme");
    visitor
        .post("/api/v1/pages", about_page())
        .problem(401, "missing_token")
        .await;
    as_customer
        .graphql_error(
            r#"mutation { createMenu(input: {handle: "main", name: "Main"}) { id } }"#,
            json!({}),
            "forbidden",
        )
        .await;
    let list = visitor.get("/api/v1/pages").send().await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn switching_pages_off_answers_as_absent() {
    let app = TestApp::spawn().await;
    let admin = app.tenant_admin("acme").await;
    let as_admin = app.signed_in("acme", &admin);
    let toggle = |enabled: bool| app.set_module("acme", &admin, "pages", enabled);
    let off = toggle(false).await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text());
    let acme_visitor = app.anonymous("acme");
    acme_visitor
        .get("/api/v1/pages")
        .problem(404, "module_disabled")
        .await;
    as_admin
        .post("/api/v1/pages", about_page())
        .problem(404, "module_disabled")
        .await;
    acme_visitor
        .get("/api/v1/pages/menus/by-handle/main")
        .problem(404, "module_disabled")
        .await;
    acme_visitor
        .graphql_error(
            r#"{ menu(handle: "main") { id } }"#,
            json!({}),
            "module_disabled",
        )
        .await;
    // Content itself and other tenants are unaffected.
    let content = acme_visitor.get("/api/v1/content/nodes").send().await;
    assert_eq!(content.status, StatusCode::OK);
    let demo_visitor = app.anonymous("demo");
    let demo = demo_visitor.get("/api/v1/pages").send().await;
    assert_eq!(demo.status, StatusCode::OK, "{}", demo.text());

    let on = toggle(true).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.text());
    let back = acme_visitor.get("/api/v1/pages").send().await;
    assert_eq!(back.status, StatusCode::OK);
}
