//! `/api/v1/events/*`: the dead-letter queue and replays (platform operators).

use axum::extract::{Path, State};
use rustok_core::parse_id;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::controllers::tenants::PageQuery;
use crate::services::events::{
    self, DeadEventPage, ReplayInput, ReplayResult, RetryResult, StoredEventView,
};
use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::{ApiJson, ApiQuery, AuthUser};

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new()
        .routes(routes!(list_dead))
        .routes(routes!(retry_all_dead))
        .routes(routes!(retry_event))
        .routes(routes!(replay))
        .routes(routes!(consumers))
}

/// Events that failed every delivery attempt, oldest first.
#[utoipa::path(get, path = "/api/v1/events/dead", tag = "events", security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = DeadEventPage),
        (status = 403, description = "forbidden", content_type = "application/problem+json")))]
async fn list_dead(
    State(state): State<SharedState>,
    AuthUser(principal): AuthUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> ApiResult<ApiJson<DeadEventPage>> {
    let after = page.after.as_deref().map(parse_id).transpose()?;
    Ok(ApiJson(
        events::list_dead(&state, &principal, after, page.limit).await?,
    ))
}

/// Requeues every dead event.
#[utoipa::path(post, path = "/api/v1/events/dead/retry", tag = "events", security(("bearer" = [])),
    responses((status = 200, body = RetryResult)))]
async fn retry_all_dead(
    State(state): State<SharedState>,
    AuthUser(principal): AuthUser,
) -> ApiResult<ApiJson<RetryResult>> {
    Ok(ApiJson(events::retry_all_dead(&state, &principal).await?))
}

/// Requeues one dead or failed event now, with a fresh attempt budget.
#[utoipa::path(post, path = "/api/v1/events/{id}/retry", tag = "events", security(("bearer" = [])),
    params(("id" = String, Path, description = "Event id")),
    responses((status = 200, body = StoredEventView),
        (status = 404, description = "not_found", content_type = "application/problem+json"),
        (status = 409, description = "event_not_retryable", content_type = "application/problem+json")))]
async fn retry_event(
    State(state): State<SharedState>,
    AuthUser(principal): AuthUser,
    Path(id): Path<String>,
) -> ApiResult<ApiJson<StoredEventView>> {
    Ok(ApiJson(
        events::retry(&state, &principal, parse_id(&id)?).await?,
    ))
}

/// Delivers a range of dispatched events to one consumer again (e.g. to rebuild it).
#[utoipa::path(post, path = "/api/v1/events/replay", tag = "events", security(("bearer" = [])),
    request_body = ReplayInput,
    responses((status = 200, body = ReplayResult),
        (status = 404, description = "not_found (unknown consumer)", content_type = "application/problem+json")))]
async fn replay(
    State(state): State<SharedState>,
    AuthUser(principal): AuthUser,
    ApiJson(input): ApiJson<ReplayInput>,
) -> ApiResult<ApiJson<ReplayResult>> {
    Ok(ApiJson(events::replay(&state, &principal, input).await?))
}

/// Names of the event consumers of this server.
#[utoipa::path(get, path = "/api/v1/events/consumers", tag = "events", security(("bearer" = [])),
    responses((status = 200, body = Vec<String>)))]
async fn consumers(
    State(state): State<SharedState>,
    AuthUser(principal): AuthUser,
) -> ApiResult<ApiJson<Vec<String>>> {
    Ok(ApiJson(events::consumers(&state, &principal).await?))
}
