//! `/api/v1/index/*`: the tenant's storefront read model (`index:manage`).

use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::controllers::Caller;
use crate::services::index::{self, IndexStatusView};
use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::ApiJson;

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(rebuild))
}

/// Where the tenant's product index stands: status, products done, rows, failures.
#[utoipa::path(get, path = "/api/v1/index/status", tag = "index", security(("bearer" = [])),
    responses((status = 200, body = IndexStatusView),
        (status = 403, description = "forbidden", content_type = "application/problem+json")))]
async fn status(Caller(state, principal): Caller) -> ApiResult<ApiJson<IndexStatusView>> {
    Ok(ApiJson(index::status(&state, &principal).await?))
}

/// Rebuilds the tenant's product index from the catalogue in the background (202); poll
/// `GET /api/v1/index/status` until `ready`. Visitors read the write model meanwhile.
#[utoipa::path(post, path = "/api/v1/index/rebuild", tag = "index", security(("bearer" = [])),
    responses((status = 202, body = IndexStatusView),
        (status = 403, description = "forbidden", content_type = "application/problem+json")))]
async fn rebuild(
    Caller(state, principal): Caller,
) -> ApiResult<(StatusCode, ApiJson<IndexStatusView>)> {
    Ok((
        StatusCode::ACCEPTED,
        ApiJson(index::rebuild(&state, &principal).await?),
    ))
}
