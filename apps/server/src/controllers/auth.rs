//! `/api/v1/auth/*`: register, login, refresh, logout, me.

use axum::extract::State;
use axum::http::StatusCode;
use rustok_core::Error;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::controllers::Caller;
use crate::services::auth::{
    LoginInput, RefreshInput, RegisterInput, RegisterOutput, TokenPair, UserView,
};
use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::{ApiJson, CurrentTenant};

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(me))
}

/// Creates a customer account in the current tenant and signs it in.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth",
    request_body = RegisterInput,
    responses(
        (status = 201, body = RegisterOutput),
        (status = 403, description = "registration_closed: self-registration is switched off (setting `features.registration`) in this server", content_type = "application/problem+json"),
        (status = 409, description = "email_taken: the tenant has an account with this email", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `email`, `password` or `name`", content_type = "application/problem+json"),
    ))]
async fn register(
    State(state): State<SharedState>,
    CurrentTenant(tenant): CurrentTenant,
    ApiJson(input): ApiJson<RegisterInput>,
) -> ApiResult<(StatusCode, ApiJson<RegisterOutput>)> {
    if !state.settings.features.registration {
        return Err(Error::Refused {
            code: "registration_closed",
            detail: "self-registration is disabled".into(),
        }
        .into());
    }
    let output = state.auth.register(tenant.id, input).await?;
    Ok((StatusCode::CREATED, ApiJson(output)))
}

/// Exchanges email and password for an access token and a refresh token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginInput,
    responses(
        (status = 200, body = TokenPair),
        (status = 401, description = "invalid_credentials | account_disabled", content_type = "application/problem+json"),
        (status = 429, description = "rate_limited: too many failed logins for this email in this tenant", content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until logins for this email are accepted again"))),
    ))]
async fn login(
    State(state): State<SharedState>,
    CurrentTenant(tenant): CurrentTenant,
    ApiJson(input): ApiJson<LoginInput>,
) -> ApiResult<ApiJson<TokenPair>> {
    Ok(ApiJson(state.auth.login(tenant.id, input).await?))
}

/// Rotates a refresh token: the old one stops working, a new pair is returned.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    request_body = RefreshInput,
    responses(
        (status = 200, body = TokenPair),
        (status = 401, description = "invalid_token | token_expired | token_reused", content_type = "application/problem+json"),
    ))]
async fn refresh(
    State(state): State<SharedState>,
    CurrentTenant(tenant): CurrentTenant,
    ApiJson(input): ApiJson<RefreshInput>,
) -> ApiResult<ApiJson<TokenPair>> {
    Ok(ApiJson(
        state.auth.refresh(tenant.id, &input.refresh_token).await?,
    ))
}

/// Ends the login the refresh token belongs to (every token of its family). Idempotent: an
/// unknown or already revoked token also answers 204.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    request_body = RefreshInput,
    responses((status = 204, description = "signed out")))]
async fn logout(
    State(state): State<SharedState>,
    CurrentTenant(tenant): CurrentTenant,
    ApiJson(input): ApiJson<RefreshInput>,
) -> ApiResult<StatusCode> {
    state.auth.logout(tenant.id, &input.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, body = UserView),
        (status = 401, description = "missing_token | invalid_token | token_expired", content_type = "application/problem+json"),
    ))]
async fn me(Caller(state, principal): Caller) -> ApiResult<ApiJson<UserView>> {
    Ok(ApiJson(state.auth.me(&principal).await?))
}
