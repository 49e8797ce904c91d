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
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: ApiState> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<serde_json::Value>::from_request(req, state).await {
            // Every request body is an object: serde would also read a struct from an array
            // of its fields in order, which no schema states.
            Ok(axum::Json(value)) if !value.is_object() => Err(ApiError(Error::invalid_field(
                "body",
                "must be a JSON object",
            ))),
            Ok(axum::Json(mut value)) => {
                integral_numbers(&mut value);
                serde_path_to_error::deserialize(value)
                    .map(Self)
                    .map_err(|err| {
                        let message = format!(
                            "Failed to deserialize the JSON body into the target type: {err}"
                        );
                        ApiError(Error::invalid_field("body", message))
                    })
            }
            Err(rejection) => Err(ApiError(json_rejection(rejection, state.body_limit()))),
        }
    }
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
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .ok_or_else(|| {
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
}
