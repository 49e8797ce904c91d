//! Content as staff write it: nodes, blog posts, categories and workflow transitions; and the
//! ids of a listed page.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{TestApp, TestResponse};

/// The ids of a page of `items`, in order.
pub fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {page}"))
        .iter()
        .map(|i| i["id"].as_str().expect("item id").to_string())
        .collect()
}

/// The body of a new content node of kind `post`, in English, with a markdown body.
pub fn new_post(title: &str, body: &str) -> Value {
    json!({
        "kind": "post",
        "translation": {"locale": "en", "title": title},
        "body": {"locale": "en", "format": "markdown", "source": body}
    })
}

impl TestApp {
    /// Staff create a content node in `tenant`; returns it.
    pub async fn create_node(&self, tenant: &str, token: &str, node: Value) -> Value {
        self.signed_in(tenant, token)
            .post("/api/v1/content/nodes", node)
            .send()
            .await
            .assert_status(StatusCode::CREATED)
            .json()
    }

    /// Staff move content node `id` through the workflow (`publish`, `unpublish`, …).
    pub async fn transition_node(
        &self,
        tenant: &str,
        token: &str,
        id: &str,
        transition: &str,
    ) -> TestResponse {
        self.signed_in(tenant, token)
            .post(
                &format!("/api/v1/content/nodes/{id}/transitions"),
                json!({"transition": transition}),
            )
            .send()
            .await
    }

    /// Staff create a content category named `name` (English); returns it.
    pub async fn create_category(&self, tenant: &str, token: &str, name: &str) -> Value {
        self.signed_in(tenant, token)
            .post(
                "/api/v1/content/categories",
                json!({"translation": {"locale": "en", "name": name}}),
            )
            .send()
            .await
            .assert_status(StatusCode::CREATED)
            .json()
    }

    /// Staff write a blog post tagged `news` and publish it; returns its id.
    pub async fn published_post(&self, tenant: &str, token: &str, title: &str) -> String {
        let staff = self.signed_in(tenant, token);
        let created = staff
            .post(
                "/api/v1/blog/posts",
                json!({
                    "translation": {"locale": "en", "title": title},
                    "body": {"locale": "en", "format": "markdown", "source": "Some *text*"},
                    "tags": ["news"]
                }),
            )
            .send()
            .await
            .assert_status(StatusCode::CREATED)
            .json();
        let id = created["id"].as_str().expect("post id").to_string();
        staff
            .post(
                &format!("/api/v1/blog/posts/{id}/transitions"),
                json!({"transition": "publish"}),
            )
            .send()
            .await
            .assert_status(StatusCode::OK);
        id
    }
}
