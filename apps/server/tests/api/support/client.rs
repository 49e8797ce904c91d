//! Requests on behalf of one caller of one tenant, so that a test reads as who does what:
//! `as_alice.post(path, body)`, `visitor.get(path)`.

use axum::http::Method;
use serde_json::Value;

use super::{Call, TestApp};

/// One caller of one tenant: each request carries the tenant header (`X-Tenant-ID`) and, when
/// signed in, the bearer token.
#[derive(Clone, Copy)]
pub struct Client<'a> {
    app: &'a TestApp,
    tenant: &'a str,
    token: Option<&'a str>,
}

impl TestApp {
    /// A caller of `tenant` signed in with `token`.
    pub fn signed_in<'a>(&'a self, tenant: &'a str, token: &'a str) -> Client<'a> {
        Client {
            app: self,
            tenant,
            token: Some(token),
        }
    }

    /// An anonymous caller of `tenant`.
    pub fn anonymous<'a>(&'a self, tenant: &'a str) -> Client<'a> {
        Client {
            app: self,
            tenant,
            token: None,
        }
    }
}

impl<'a> Client<'a> {
    pub fn call(&self, method: Method, path: &str) -> Call<'a> {
        let call = self.app.call(method, path).tenant(self.tenant);
        match self.token {
            Some(token) => call.bearer(token),
            None => call,
        }
    }

    pub fn get(&self, path: &str) -> Call<'a> {
        self.call(Method::GET, path)
    }

    pub fn post(&self, path: &str, body: Value) -> Call<'a> {
        self.call(Method::POST, path).json(body)
    }

    pub fn patch(&self, path: &str, body: Value) -> Call<'a> {
        self.call(Method::PATCH, path).json(body)
    }

    pub fn put(&self, path: &str, body: Value) -> Call<'a> {
        self.call(Method::PUT, path).json(body)
    }

    pub fn delete(&self, path: &str) -> Call<'a> {
        self.call(Method::DELETE, path)
    }

    /// A GraphQL request as this caller; see [`TestApp::graphql`].
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.app
            .graphql(self.token, Some(self.tenant), query, variables)
            .await
    }
}
