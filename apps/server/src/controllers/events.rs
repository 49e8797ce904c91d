//! `/api/v1/events/*`: the dead-letter queue and replays (platform operators).

use axum::extract::Path;
use rustok_core::parse_id;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::controllers::Caller;
use crate::controllers::tenants::LogPageQuery;
use crate::services::events::{
    self, DeadEventPage, ReplayInput, ReplayResult, RetryResult, StoredEventView,
};
use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::{ApiJson, ApiQuery};

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
    params(LogPageQuery),
    responses((status = 200, body = DeadEventPage),
        (status = 400, description = "invalid_id: `after` is not an id", content_type = "application/problem+json"),
        (status = 403, description = "forbidden (`events:manage`)", content_type = "application/problem+json"),
        (status = 409, description = "outbox_disabled: the event transport is not the outbox, so there is no dead-letter queue and no replay", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `limit` outside 1..=200", content_type = "application/problem+json")))]
async fn list_dead(
    Caller(state, principal): Caller,
    ApiQuery(page): ApiQuery<LogPageQuery>,
) -> ApiResult<ApiJson<DeadEventPage>> {
    let after = page.cursor()?;
    Ok(ApiJson(
        events::list_dead(&state, &principal, after, page.limit).await?,
    ))
}

/// Requeues every dead event.
#[utoipa::path(post, path = "/api/v1/events/dead/retry", tag = "events", security(("bearer" = [])),
    responses((status = 200, body = RetryResult),
        (status = 403, description = "forbidden (`events:manage`)", content_type = "application/problem+json"),
        (status = 409, description = "outbox_disabled: the event transport is not the outbox, so there is no dead-letter queue and no replay", content_type = "application/problem+json")))]
async fn retry_all_dead(Caller(state, principal): Caller) -> ApiResult<ApiJson<RetryResult>> {
    Ok(ApiJson(events::retry_all_dead(&state, &principal).await?))
}

/// Requeues one dead or failed event now, with a fresh attempt budget.
#[utoipa::path(post, path = "/api/v1/events/{id}/retry", tag = "events", security(("bearer" = [])),
    params(("id" = String, Path, description = "Event id")),
    responses((status = 200, body = StoredEventView),
        (status = 403, description = "forbidden (`events:manage`)", content_type = "application/problem+json"),
        (status = 404, description = "not_found (no such event)", content_type = "application/problem+json"),
        (status = 409, description = "event_not_retryable | outbox_disabled: the event is neither dead nor failed; or the event transport is not the outbox", content_type = "application/problem+json")))]
async fn retry_event(
    Caller(state, principal): Caller,
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
        (status = 403, description = "forbidden (`events:manage`)", content_type = "application/problem+json"),
        (status = 404, description = "not_found (unknown consumer)", content_type = "application/problem+json"),
        (status = 409, description = "outbox_disabled: the event transport is not the outbox, so there is no dead-letter queue and no replay", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `range`, when `from` is not before `to`", content_type = "application/problem+json")))]
async fn replay(
    Caller(state, principal): Caller,
    ApiJson(input): ApiJson<ReplayInput>,
) -> ApiResult<ApiJson<ReplayResult>> {
    Ok(ApiJson(events::replay(&state, &principal, input).await?))
}

/// Names of the event consumers of this server.
#[utoipa::path(get, path = "/api/v1/events/consumers", tag = "events", security(("bearer" = [])),
    responses((status = 200, body = Vec<String>),
        (status = 403, description = "forbidden (`events:manage`)", content_type = "application/problem+json"),
        (status = 409, description = "outbox_disabled: the event transport is not the outbox, so there is no dead-letter queue and no replay", content_type = "application/problem+json")))]
async fn consumers(Caller(state, principal): Caller) -> ApiResult<ApiJson<Vec<String>>> {
    Ok(ApiJson(events::consumers(&state, &principal).await?))
}
