//! The pages module through the real router: block layouts, visibility, menus, permissions,
//! tenant isolation and the module switch.

mod access;
mod blocks;
mod menus;

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::client::Client;

/// An English page of every kind of block, with hostile markup to be cleaned.
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

/// The body of a new menu.
fn new_menu(handle: &str, name: &str) -> Value {
    json!({"handle": handle, "name": name})
}

/// Staff create menu `handle`; returns the answer's body.
async fn create_menu(staff: &Client, handle: &str, name: &str) -> Value {
    let menu = new_menu(handle, name);
    staff.post("/api/v1/pages/menus", menu).send().await.json()
}

/// Staff create a page; returns it.
async fn create_page(staff: &Client, body: Value) -> Value {
    staff.created("/api/v1/pages", body).await
}

/// Staff publish page `id`.
async fn publish(staff: &Client, id: &str) {
    staff
        .transition(&format!("/api/v1/pages/{id}"), "publish")
        .await
        .assert_status(StatusCode::OK);
}
