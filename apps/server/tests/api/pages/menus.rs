//! Menus: trees of translated links, their events, and the demo seed.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{about_page, create_menu, create_page, publish};
use crate::support::TestApp;

#[tokio::test]
async fn menus_are_trees_of_translated_links() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    app.speak_english_and_german("acme").await;
    let about = create_page(&as_admin, about_page()).await;
    let about_id = about["id"].as_str().unwrap();
    publish(&as_admin, about_id).await;
    let draft = create_page(
        &as_admin,
        json!({"translation": {"locale": "en", "title": "Coming soon"}}),
    )
    .await;

    let menu = create_menu(&as_admin, "main", "Main").await;
    let menu_path = format!("/api/v1/pages/menus/{}", menu["id"].as_str().unwrap());
    let add = |body: Value| as_admin.post(&format!("{menu_path}/items"), body).send();
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

    let visitor = app.anonymous("acme");
    let tree = visitor
        .get("/api/v1/pages/menus/by-handle/main?locale=de")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(tree["items"][0]["label"], "Firma");
    assert_eq!(tree["items"][1]["label"], "Shop");
    assert_eq!(tree["items"][1]["url"], "https://shop.example.test");
    let children = tree["items"][0]["children"].as_array().unwrap();
    assert_eq!(children.len(), 1, "the draft page's item is hidden: {tree}");
    assert_eq!(children[0]["page_slug"], "about");
    assert_eq!(children[0]["locale"], "en");
    let staff = as_admin
        .get("/api/v1/pages/menus/by-handle/main")
        .send()
        .await
        .json();
    assert_eq!(staff["items"][0]["children"].as_array().unwrap().len(), 2);

    // Relabel and move an item, then delete the parent with its children.
    let item_path = format!(
        "{menu_path}/items/{}",
        about_item.json()["id"].as_str().unwrap()
    );
    let moved = as_admin
        .patch(
            &item_path,
            json!({"parent_id": null, "position": 5, "labels": [{"locale": "de", "label": "Über uns"}]}),
        )
        .expect_status(StatusCode::OK).await;
    assert!(moved.json()["parent_id"].is_null());
    let tree = visitor
        .get("/api/v1/pages/menus/by-handle/main?locale=de")
        .send()
        .await
        .json();
    assert_eq!(tree["items"][2]["label"], "Über uns");
    as_admin
        .delete(&format!(
            "{menu_path}/items/{}",
            company["id"].as_str().unwrap()
        ))
        .expect_status(StatusCode::NO_CONTENT)
        .await;
    let view = as_admin.get(&menu_path).send().await.json();
    assert_eq!(view["items"].as_array().unwrap().len(), 2, "{view}");

    as_admin
        .delete(&menu_path)
        .expect_status(StatusCode::NO_CONTENT)
        .await;
    visitor
        .get("/api/v1/pages/menus/by-handle/main")
        .problem(404, "not_found")
        .await;

    // One event per menu write, in the outbox: four items added, one moved, one removed.
    assert_eq!(
        app.tenant_events_of_type("acme", "pages.menu_created")
            .await,
        1
    );
    assert_eq!(
        app.tenant_events_of_type("acme", "pages.menu_updated")
            .await,
        6
    );
    assert_eq!(
        app.tenant_events_of_type("acme", "pages.menu_deleted")
            .await,
        1
    );
}

#[tokio::test]
async fn the_demo_tenant_starts_with_an_about_page_and_a_main_menu() {
    let app = TestApp::spawn().await;
    let visitor = app.anonymous("demo");
    let about = visitor
        .get("/api/v1/pages/by-slug/ueber-uns?locale=de")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(about["title"], "Über uns");
    assert!(
        about.to_string().contains("Wir sind ein kleiner Demo-Shop"),
        "{about}"
    );
    let menu = visitor
        .get("/api/v1/pages/menus/by-handle/main?locale=de")
        .send()
        .await
        .json();
    let items = menu["items"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, vec!["Shop", "Blog", "Forum", "Über uns"], "{menu}");
    assert_eq!(items[3]["page_slug"], "ueber-uns");
    let english = visitor
        .get("/api/v1/pages/menus/by-handle/main")
        .send()
        .await
        .json();
    assert_eq!(english["items"][3]["label"], "About us");
    assert_eq!(english["items"][3]["page_slug"], "about");
}
