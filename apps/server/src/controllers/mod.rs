//! REST controllers. Each handler is thin: extract, call a service, shape the response.
//! Every route is declared with `#[utoipa::path]` and mounted through `OpenApiRouter`, so the
//! OpenAPI document cannot miss one.

pub mod assets;
pub mod audit;
pub mod auth;
pub mod events;
pub mod graphql;
pub mod index;
pub mod modules;
pub mod ops;
pub mod rbac;
pub mod tenants;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use rustok_api::{ApiError, AuthUser};
use rustok_rbac::Principal;

use crate::state::SharedState;

/// The server's state and the signed-in caller: how every platform route that needs a caller
/// starts (its service checks the caller's permission). An anonymous request is refused with
/// 401 while it is read, before its body is parsed, as the modules' `SignedIn` refuses it.
pub struct Caller(pub SharedState, pub Principal);

impl FromRequestParts<SharedState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, ApiError> {
        let AuthUser(principal) = AuthUser::from_request_parts(parts, state).await?;
        Ok(Self(state.clone(), principal))
    }
}
