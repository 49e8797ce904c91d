//! Request extractors whose failures are problem+json like every other error.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rustok_core::{Error, FieldError};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ApiState;
use crate::error::ApiError;

/// JSON body in, JSON body out; malformed input becomes 400/413/415/422 problem+json.
///
/// No text the body's type reads may hold the NUL character (U+0000): PostgreSQL `text` cannot,
/// and SQLite would keep what PostgreSQL refuses. It is a 422 `validation_failed` naming the
/// field, on every database, before anything is written. A property the type does not read is
/// ignored whatever it holds, as any unknown property is.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: ApiState> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = json_object(req, state).await?;
        if nul_path(&value, "").is_none() {
            return deserialize(value).map(Self);
        }
        // Rare: find out which properties the type ignores, and look for U+0000 in the rest.
        let mut read = value.clone();
        let mut ignored = Vec::new();
        let input = deserialize_tracking(value, &mut ignored)?;
        for path in &ignored {
            remove(&mut read, path);
        }
        match nul_path(&read, "") {
            Some(field) => Err(ApiError(Error::invalid_field(field, NUL_MESSAGE))),
            None => Ok(Self(input)),
        }
    }
}

/// The body of a GraphQL request: [`ApiJson`] without its NUL rule, which the schema applies
/// to the operation's variables and arguments instead (`crate::graphql::refuse_nul`), naming
/// them as the client wrote them; the rest of the body (the document, `operationName`) is not
/// a text anything stores.
pub struct GraphqlJson<T>(pub T);

impl<T: DeserializeOwned, S: ApiState> FromRequest<S> for GraphqlJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        deserialize(json_object(req, state).await?).map(Self)
    }
}

/// What a text holding U+0000 is told.
pub const NUL_MESSAGE: &str = "must not contain the NUL character (U+0000)";

async fn json_object<S: ApiState>(req: Request, state: &S) -> Result<serde_json::Value, ApiError> {
    match axum::Json::<serde_json::Value>::from_request(req, state).await {
        // Every request body is an object: serde would also read a struct from an array
        // of its fields in order, which no schema states.
        Ok(axum::Json(value)) if !value.is_object() => Err(ApiError(Error::invalid_field(
            "body",
            "must be a JSON object",
        ))),
        Ok(axum::Json(value)) => Ok(value),
        Err(rejection) => Err(ApiError(json_rejection(rejection, state.body_limit()))),
    }
}

fn deserialize<T: DeserializeOwned>(mut value: serde_json::Value) -> Result<T, ApiError> {
    integral_numbers(&mut value);
    serde_path_to_error::deserialize(value).map_err(body_error)
}

/// [`deserialize`], collecting the paths of the properties the type ignores.
fn deserialize_tracking<T: DeserializeOwned>(
    mut value: serde_json::Value,
    ignored: &mut Vec<Vec<Step>>,
) -> Result<T, ApiError> {
    integral_numbers(&mut value);
    let mut record = |path: serde_ignored::Path<'_>| ignored.push(steps(&path));
    let tracked = serde_ignored::Deserializer::new(value, &mut record);
    serde_path_to_error::deserialize(tracked).map_err(body_error)
}

fn body_error(err: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let message = format!("Failed to deserialize the JSON body into the target type: {err}");
    ApiError(Error::invalid_field("body", message))
}

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

fn steps(path: &serde_ignored::Path<'_>) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut at = path;
    loop {
        at = match at {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                steps.push(Step::Index(*index));
                parent
            }
            serde_ignored::Path::Map { parent, key } => {
                steps.push(Step::Key(key.clone()));
                parent
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => parent,
        };
    }
    steps.reverse();
    steps
}

/// Removes what `path` names from `value` (nothing if it names nothing).
fn remove(value: &mut serde_json::Value, path: &[Step]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = value;
    for step in parents {
        let next = match (step, at) {
            (Step::Key(key), serde_json::Value::Object(fields)) => fields.get_mut(key),
            (Step::Index(index), serde_json::Value::Array(items)) => items.get_mut(*index),
            _ => None,
        };
        match next {
            Some(next) => at = next,
            None => return,
        }
    }
    match (last, at) {
        (Step::Key(key), serde_json::Value::Object(fields)) => {
            fields.remove(key);
        }
        // An ignored item stays in place (indexes of the others must not move); blank it.
        (Step::Index(index), serde_json::Value::Array(items)) => {
            if let Some(item) = items.get_mut(*index) {
                *item = serde_json::Value::Null;
            }
        }
        _ => {}
    }
}

/// The path (`translations[0].title`) of the first text or key in `value` holding U+0000;
/// `body` when it is a key of the body itself.
pub(crate) fn nul_path(value: &serde_json::Value, path: &str) -> Option<String> {
    match value {
        serde_json::Value::String(text) if text.contains('\0') => Some(or_body(path)),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| nul_path(item, &format!("{path}[{index}]"))),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(key, value)| {
            if key.contains('\0') {
                return Some(or_body(path));
            }
            let inner = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            nul_path(value, &inner)
        }),
        _ => None,
    }
}

fn or_body(path: &str) -> String {
    if path.is_empty() { "body" } else { path }.to_string()
}

/// JSON has one number type: `2.0` is the integer 2 (as JSON Schema's `integer` says), so a
/// whole number written with a fraction is read as the integer it is. Fields of a float type
/// read integers too, so nothing else changes.
fn integral_numbers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(number) => {
            let whole = number
                .as_f64()
                .filter(|_| number.is_f64())
                .filter(|float| float.fract() == 0.0 && float.abs() < 9.0e15);
            if let Some(float) = whole {
                // |float| < 9e15 < 2^53: exact in i64.
                #[allow(clippy::cast_possible_truncation)]
                let integer = float as i64;
                *number = serde_json::Number::from(integer);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

fn json_rejection(rejection: JsonRejection, limit_bytes: usize) -> Error {
    match rejection {
        JsonRejection::JsonDataError(err) => {
            Error::Validation(vec![FieldError::new("body", err.body_text())])
        }
        JsonRejection::JsonSyntaxError(err) => Error::bad_request(
            "malformed_json",
            format!("request body is not valid JSON: {}", err.body_text()),
        ),
        JsonRejection::MissingJsonContentType(_) => {
            Error::UnsupportedMediaType("expected `Content-Type: application/json`".into())
        }
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Error::PayloadTooLarge { limit_bytes }
        }
        other => Error::bad_request("invalid_body", other.body_text()),
    }
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// The tenant resolved by the tenant middleware.
pub struct CurrentTenant(pub TenantContext);

impl<S: Send + Sync> FromRequestParts<S> for CurrentTenant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<TenantContext>()
            .cloned()
            .map(Self)
            .ok_or_else(|| ApiError(Error::internal("route is missing the tenant middleware")))
    }
}

/// A signed-in user of the current tenant (401 otherwise).
pub struct AuthUser(pub Principal);

impl<S: ApiState> FromRequestParts<S> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match OptionalAuth::from_request_parts(parts, state).await?.0 {
            Some(principal) => Ok(Self(principal)),
            None => Err(ApiError(Error::unauthorized(
                "missing_token",
                "this operation needs `Authorization: Bearer <access token>`",
            ))),
        }
    }
}

/// The caller if a token was sent; an invalid token is still an error (never silently anonymous).
pub struct OptionalAuth(pub Option<Principal>);

impl<S: ApiState> FromRequestParts<S> for OptionalAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Self(None));
        };
        let token = bearer_token(value).map(str::to_string).ok_or_else(|| {
            ApiError(Error::unauthorized(
                "invalid_token",
                "Authorization header must be `Bearer <access token>`",
            ))
        })?;
        let CurrentTenant(tenant) = CurrentTenant::from_request_parts(parts, state).await?;
        let principal = state.verify_token(&token, tenant.id)?;
        Ok(Self(Some(principal)))
    }
}

/// The token of an `Authorization: Bearer <token>` header value, if it is one.
pub fn bearer_token(value: &axum::http::HeaderValue) -> Option<&str> {
    let value = value.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty())
}

/// Query string parameters; a malformed one is 400 `invalid_query` problem+json.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Self(value))
            .map_err(|rejection| {
                ApiError(Error::bad_request("invalid_query", rejection.body_text()))
            })
    }
}

/// Path parameters; a malformed one is 400 `invalid_path` problem+json.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Self(value))
            .map_err(|rejection| {
                ApiError(Error::bad_request("invalid_path", rejection.body_text()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_with_a_fraction_are_read_as_integers() {
        let mut value = serde_json::json!({"a": 2.0, "b": [1.5, -3.0], "c": {"d": 1e300}, "e": 7});
        integral_numbers(&mut value);
        assert_eq!(
            value,
            serde_json::json!({"a": 2, "b": [1.5, -3], "c": {"d": 1e300}, "e": 7})
        );
        assert!(value["a"].is_i64());
    }

    #[test]
    fn a_nul_character_is_found_with_its_path() {
        let found = |value: serde_json::Value| nul_path(&value, "");
        assert_eq!(
            found(serde_json::json!({"a": "x", "t": [{"b": "ok"}, {"b": "y\u{0}"}]})).as_deref(),
            Some("t[1].b")
        );
        assert_eq!(
            found(serde_json::json!({"k\u{0}": 1})).as_deref(),
            Some("body")
        );
        assert_eq!(
            found(serde_json::json!({"m": {"k\u{0}": 1}})).as_deref(),
            Some("m")
        );
        assert_eq!(
            found(serde_json::json!({"a": ["x", {"b": "\\0"}], "n": 0})),
            None
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Input {
        title: String,
        parts: Vec<Part>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Part {
        name: String,
    }

    /// Only what the type reads is looked at: unknown properties are ignored, NUL or not.
    #[test]
    fn ignored_properties_are_not_looked_at() {
        let sent = serde_json::json!({
            "title": "ok",
            "extra\u{0}": {"x": "y\u{0}"},
            "parts": [{"name": "a", "note": "\u{0}"}, {"name": "b\u{0}"}]
        });
        let mut read = sent.clone();
        let mut ignored = Vec::new();
        let _: Input = deserialize_tracking(sent, &mut ignored).unwrap();
        for path in &ignored {
            remove(&mut read, path);
        }
        assert_eq!(nul_path(&read, "").as_deref(), Some("parts[1].name"));
        assert!(read.get("extra\u{0}").is_none());
        assert!(read["parts"][0].get("note").is_none());
    }
}
