//! Who may read and write pages and menus: other tenants, customers, the module switch.

use axum::http::StatusCode;
use serde_json::json;

use super::{about_page, create_menu, create_page, new_menu, publish};
use crate::support::{TestApp, each_problem};

#[tokio::test]
async fn other_tenants_get_404_for_pages_and_menus() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let page = create_page(&as_admin, about_page()).await;
    let page_id = page["id"].as_str().unwrap();
    publish(&as_admin, page_id).await;
    let menu = create_menu(&as_admin, "acme-only", "Main").await;
    let menu_id = menu["id"].as_str().unwrap();

    // The demo tenant's super admin, in the demo tenant.
    let demo = app.admin_token().await;
    let as_demo = app.signed_in("demo", &demo);
    let page = format!("/api/v1/pages/{page_id}");
    let menu = format!("/api/v1/pages/menus/{menu_id}");
    let item = json!({"url": "/x", "labels": [{"locale": "en", "label": "x"}]});
    each_problem(
        [
            as_demo.get(&page),
            as_demo.patch(&page, json!({"position": 3})),
            as_demo.delete(&page),
            as_demo.get(&menu),
            as_demo.patch(&menu, json!({"name": "Mine"})),
            as_demo.post(&format!("{menu}/items"), item),
            as_demo.delete(&menu),
            as_demo.get("/api/v1/pages/menus/by-handle/acme-only"),
        ],
        404,
        "not_found",
    )
    .await;
    // Still there for acme, unchanged.
    let view = as_admin.get(&menu).send().await.json();
    assert_eq!(view["name"], "Main");
}

#[tokio::test]
async fn customers_cannot_write_pages_or_menus() {
    let (app, as_customer) = TestApp::with_customer("acme", "c@acme.test").await;
    each_problem(
        [
            as_customer.post("/api/v1/pages", about_page()),
            as_customer.post("/api/v1/pages/menus", new_menu("main", "Main")),
            as_customer.get("/api/v1/pages/menus"),
        ],
        403,
        "forbidden",
    )
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
    let (app, as_admin) = TestApp::with_admin("acme").await;
    let toggle = |enabled: bool| as_admin.set_module("pages", enabled);
    let off = toggle(false).await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text());
    let acme_visitor = app.anonymous("acme");
    each_problem(
        [
            acme_visitor.get("/api/v1/pages"),
            as_admin.post("/api/v1/pages", about_page()),
            acme_visitor.get("/api/v1/pages/menus/by-handle/main"),
        ],
        404,
        "module_disabled",
    )
    .await;
    acme_visitor
        .graphql_error(
            r#"{ menu(handle: "main") { id } }"#,
            json!({}),
            "module_disabled",
        )
        .await;
    // Content itself and other tenants are unaffected.
    acme_visitor
        .get("/api/v1/content/nodes")
        .expect_status(StatusCode::OK)
        .await;
    let demo_visitor = app.anonymous("demo");
    demo_visitor
        .get("/api/v1/pages")
        .expect_status(StatusCode::OK)
        .await;

    let on = toggle(true).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.text());
    acme_visitor
        .get("/api/v1/pages")
        .expect_status(StatusCode::OK)
        .await;
}
