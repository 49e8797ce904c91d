//! A tenant's setup as its operator or admin would do it: its id, its languages, its modules.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::client::Client;
use super::{TestApp, TestResponse};

impl TestApp {
    /// The id of tenant `slug`, as its own requests resolve it.
    pub async fn tenant_id(&self, slug: &str) -> String {
        let data = self
            .anonymous(slug)
            .graphql_data("{ tenant { id } }", json!({}))
            .await;
        data["tenant"]["id"]
            .as_str()
            .expect("tenant id")
            .to_string()
    }

    /// The platform operator sets the languages of tenant `slug`
    /// (`{"default": …, "enabled": […]}`).
    pub async fn set_locales(&self, slug: &str, locales: Value) -> TestResponse {
        let id = self.tenant_id(slug).await;
        let operator = self.admin_token().await;
        self.patch(
            &format!("/api/v1/tenants/{id}"),
            json!({"settings": {"locales": locales}}),
        )
        .bearer(&operator)
        .send()
        .await
    }

    /// Tenant `slug` speaks English (its default) and German.
    pub async fn speak_english_and_german(&self, slug: &str) {
        self.set_locales(slug, json!({"default": "en", "enabled": ["en", "de"]}))
            .await
            .assert_status(StatusCode::OK);
    }

    /// Switches module `module` on or off for `tenant`, as `token`.
    pub async fn set_module(
        &self,
        tenant: &str,
        token: &str,
        module: &str,
        enabled: bool,
    ) -> TestResponse {
        self.signed_in(tenant, token)
            .set_module(module, enabled)
            .await
    }
}

impl Client {
    /// Switches module `module` on or off for this caller's tenant.
    pub async fn set_module(&self, module: &str, enabled: bool) -> TestResponse {
        let path = format!("/api/v1/modules/{module}");
        self.put(&path, json!({"enabled": enabled})).send().await
    }
}
