//! GraphQL calls as a client makes them: a query that must succeed, or one that must fail with a
//! stable code in `extensions.code`.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::client::Client;
use super::{TestApp, backend};

impl TestApp {
    /// Posts a GraphQL request (optionally signed in, optionally for a tenant); returns the whole
    /// response body (`data` and `errors`). GraphQL answers 200 either way.
    pub async fn graphql(
        &self,
        token: Option<&str>,
        tenant: Option<&str>,
        query: &str,
        variables: Value,
    ) -> Value {
        let mut call = self.post(
            "/api/graphql",
            json!({"query": query, "variables": variables}),
        );
        if let Some(token) = token {
            call = call.bearer(token);
        }
        if let Some(tenant) = tenant {
            call = call.tenant(tenant);
        }
        call.expect_json(StatusCode::OK).await
    }
}

impl Client {
    /// A GraphQL request that must succeed: asserts there are no errors and returns `data`.
    pub async fn graphql_data(&self, query: &str, variables: Value) -> Value {
        let response = self.graphql(query, variables).await;
        assert!(response["errors"].is_null(), "[{}] {response}", backend());
        response["data"].clone()
    }

    /// A GraphQL request that must fail with `code` (the REST problem's code) in its first
    /// error's `extensions`; returns the whole response.
    pub async fn graphql_error(&self, query: &str, variables: Value, code: &str) -> Value {
        let response = self.graphql(query, variables).await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"],
            code,
            "[{}] {response}",
            backend()
        );
        response
    }
}
