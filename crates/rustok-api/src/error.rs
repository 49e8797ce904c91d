//! The one mapping from errors to HTTP: `application/problem+json` with a stable `code`.

use async_graphql::ErrorExtensions;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rustok_core::Error;

/// Error type of every REST handler and middleware.
#[derive(Debug)]
pub struct ApiError(pub Error);

pub type ApiResult<T> = Result<T, ApiError>;

impl<E: Into<Error>> From<E> for ApiError {
    fn from(err: E) -> Self {
        Self(err.into())
    }
}

pub const PROBLEM_JSON: &str = "application/problem+json";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        problem_response(&self.0)
    }
}

pub fn problem_response(err: &Error) -> Response {
    if err.is_server_error() {
        tracing::error!(error = %err, code = err.code(), "request failed");
    }
    let problem = err.to_problem();
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    if let Error::RateLimited { retry_after_secs } = err
        && let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string())
    {
        headers.insert(header::RETRY_AFTER, value);
    }
    if matches!(err, Error::Unauthorized { .. }) {
        headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

/// GraphQL errors carry the same `code` (and HTTP-equivalent `status`) in `extensions`.
pub fn graphql_error(err: impl Into<Error>) -> async_graphql::Error {
    let err: Error = err.into();
    if err.is_server_error() {
        tracing::error!(error = %err, code = err.code(), "graphql operation failed");
    }
    let problem = err.to_problem();
    let mut gql = async_graphql::Error::new(problem.detail);
    gql = gql.extend_with(|_, ext| {
        ext.set("code", problem.code.clone());
        ext.set("status", i32::from(problem.status));
        ext.set("classification", classification(problem.status));
        if !problem.errors.is_empty() {
            let fields: Vec<async_graphql::Value> = problem
                .errors
                .iter()
                .map(|f| {
                    let mut map = async_graphql::indexmap::IndexMap::new();
                    map.insert(async_graphql::Name::new("field"), f.field.clone().into());
                    map.insert(
                        async_graphql::Name::new("message"),
                        f.message.clone().into(),
                    );
                    async_graphql::Value::Object(map)
                })
                .collect();
            ext.set("errors", fields);
        }
    });
    gql
}

/// The kind of an error as generic GraphQL tooling reads it (`extensions.classification`, the
/// error types of Spring for GraphQL and graphql-java): whether the caller or the server is at
/// fault. Clients branch on `code`; this lets tools that know no catalogue tell a refusal of
/// the input from a failure of the server.
pub fn classification(status: u16) -> &'static str {
    match status {
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        500.. => "INTERNAL_ERROR",
        _ => "BAD_REQUEST",
    }
}

/// Gives every error of a GraphQL response a `code` and `status` from the REST catalogue. The
/// resolvers' errors have theirs ([`graphql_error`]); async-graphql's own have none:
///
/// - errors outside any field (the document does not parse or validate against the schema,
///   exceeds the depth or complexity limit, names no runnable operation) become 400
///   `invalid_query`, as a malformed query string is in REST;
/// - errors of a field that carry no code are its arguments failing to parse (a malformed
///   `UUID`, `DateTime` or number, a missing required field of an input object): 422
///   `validation_failed`, as an invalid body field is in REST.
pub fn complete_graphql_errors(response: &mut async_graphql::Response) {
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_some() {
            continue;
        }
        let (code, status) = if error.path.is_empty() {
            ("invalid_query", 400)
        } else {
            ("validation_failed", 422)
        };
        extensions.set("code", code);
        extensions.set("status", status);
        extensions.set("classification", classification(status));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphql_errors_are_classified_by_who_is_at_fault() {
        let classified = |err: Error| {
            let error = graphql_error(err).extensions.unwrap_or_default();
            error.get("classification").cloned()
        };
        let value = |text: &str| Some(async_graphql::Value::from(text));
        assert_eq!(
            classified(Error::invalid_field("title", "too long")),
            value("BAD_REQUEST")
        );
        assert_eq!(
            classified(Error::NotFound { what: "node" }),
            value("BAD_REQUEST")
        );
        assert_eq!(
            classified(Error::unauthorized("missing_token", "sign in")),
            value("UNAUTHORIZED")
        );
        assert_eq!(
            classified(Error::Forbidden {
                permission: "nodes:create".into()
            }),
            value("FORBIDDEN")
        );
        assert_eq!(classified(Error::internal("boom")), value("INTERNAL_ERROR"));
    }
}
