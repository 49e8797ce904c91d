//! Content as staff write it: nodes, blog posts, categories and workflow transitions; and the
//! ids of a listed page.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::client::Client;
use super::{TestApp, TestResponse, texts};

/// The ids of a page of `items`, in order.
pub fn ids(page: &Value) -> Vec<String> {
    texts(&page["items"], "id")
        .into_iter()
        .map(str::to_string)
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

impl Client {
    /// Staff create a content node; returns it.
    pub async fn create_node(&self, node: Value) -> Value {
        self.created("/api/v1/content/nodes", node).await
    }

    /// Staff move content node `id` through the workflow (`publish`, `unpublish`, …).
    pub async fn transition_node(&self, id: &str, transition: &str) -> TestResponse {
        self.transition(&format!("/api/v1/content/nodes/{id}"), transition)
            .await
    }

    /// Staff create a content category named `name` (English); returns it.
    pub async fn create_category(&self, name: &str) -> Value {
        let category = json!({"translation": {"locale": "en", "name": name}});
        self.created("/api/v1/content/categories", category).await
    }

    /// Staff write a blog post tagged `news` and publish it; returns its id.
    pub async fn published_post(&self, title: &str) -> String {
        let created = self
            .created(
                "/api/v1/blog/posts",
                json!({
                    "translation": {"locale": "en", "title": title},
                    "body": {"locale": "en", "format": "markdown", "source": "Some *text*"},
                    "tags": ["news"]
                }),
            )
            .await;
        let id = created["id"].as_str().expect("post id").to_string();
        self.transition(&format!("/api/v1/blog/posts/{id}"), "publish")
            .await
            .assert_status(StatusCode::OK);
        id
    }
}

/// The same, for a caller given as tenant and token.
impl TestApp {
    pub async fn transition_node(
        &self,
        tenant: &str,
        token: &str,
        id: &str,
        transition: &str,
    ) -> TestResponse {
        self.signed_in(tenant, token)
            .transition_node(id, transition)
            .await
    }

    pub async fn create_category(&self, tenant: &str, token: &str, name: &str) -> Value {
        self.signed_in(tenant, token).create_category(name).await
    }

    pub async fn published_post(&self, tenant: &str, token: &str, title: &str) -> String {
        self.signed_in(tenant, token).published_post(title).await
    }
}
