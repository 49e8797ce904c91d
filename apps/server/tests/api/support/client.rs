//! Requests on behalf of one caller of one tenant, so that a test reads as who does what:
//! `as_alice.post(path, body)`, `visitor.get(path)`, `operator.get(path)`.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{Call, TestApp, TestResponse};

/// One caller of one tenant: each request carries the tenant header (`X-Tenant-ID`) and, when
/// signed in, the bearer token.
#[derive(Clone)]
pub struct Client {
    app: TestApp,
    tenant: Option<String>,
    token: Option<String>,
}

impl TestApp {
    fn client(&self, tenant: Option<&str>, token: Option<&str>) -> Client {
        Client {
            app: self.clone(),
            tenant: tenant.map(str::to_string),
            token: token.map(str::to_string),
        }
    }

    /// A caller of `tenant` signed in with `token`.
    pub fn signed_in(&self, tenant: &str, token: &str) -> Client {
        self.client(Some(tenant), Some(token))
    }

    /// An anonymous caller of `tenant`.
    pub fn anonymous(&self, tenant: &str) -> Client {
        self.client(Some(tenant), None)
    }

    /// A caller signed in with `token` that sends no tenant header: its requests resolve to the
    /// default tenant.
    pub fn with_token(&self, token: &str) -> Client {
        self.client(None, Some(token))
    }

    /// A guest sending neither token nor tenant header: the default tenant's storefront visitor.
    pub fn guest(&self) -> Client {
        self.client(None, None)
    }

    /// The platform operator (the seeded super admin), signed in, sending no tenant header.
    pub async fn operator(&self) -> Client {
        let token = self.admin_token().await;
        self.with_token(&token)
    }
}

impl Client {
    /// `call` with this caller's tenant and token.
    fn sign<'a>(&self, call: Call<'a>) -> Call<'a> {
        let call = match &self.tenant {
            Some(tenant) => call.tenant(tenant),
            None => call,
        };
        match &self.token {
            Some(token) => call.bearer(token),
            None => call,
        }
    }

    pub fn call(&self, method: Method, path: &str) -> Call<'_> {
        self.sign(self.app.call(method, path))
    }

    pub fn get(&self, path: &str) -> Call<'_> {
        self.sign(self.app.get(path))
    }

    pub fn post(&self, path: &str, body: Value) -> Call<'_> {
        self.sign(self.app.post(path, body))
    }

    pub fn patch(&self, path: &str, body: Value) -> Call<'_> {
        self.sign(self.app.patch(path, body))
    }

    pub fn put(&self, path: &str, body: Value) -> Call<'_> {
        self.sign(self.app.put(path, body))
    }

    pub fn delete(&self, path: &str) -> Call<'_> {
        self.sign(self.app.delete(path))
    }

    /// Posts `body` to the collection at `path`, asserts `201 Created` and returns the new
    /// resource.
    pub async fn created(&self, path: &str, body: Value) -> Value {
        self.post(path, body).expect_json(StatusCode::CREATED).await
    }

    /// Moves the resource at `path` through its workflow (`publish`, `unpublish`, …).
    pub async fn transition(&self, path: &str, transition: &str) -> TestResponse {
        self.post(
            &format!("{path}/transitions"),
            json!({"transition": transition}),
        )
        .send()
        .await
    }

    /// A GraphQL request as this caller; see [`TestApp::graphql`].
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.app
            .graphql(
                self.token.as_deref(),
                self.tenant.as_deref(),
                query,
                variables,
            )
            .await
    }
}
