//! `/api/v1/index/*`: the tenant's storefront read model (`index:manage`).

use axum::http::StatusCode;
use rustok_api::extract::ApiQuery;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::controllers::Caller;
use crate::services::index::{self, IndexKind, IndexStatusView};
use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::ApiJson;

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(rebuild))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KindQuery {
    /// `products` or `content` (another value is 422 `validation_failed` on `kind`). Status:
    /// `products` when absent; rebuild: every kind.
    #[param(value_type = Option<IndexKind>, inline)]
    pub kind: Option<String>,
}

/// Where the tenant's index of one kind stands: status, items done, rows, failures.
#[utoipa::path(get, path = "/api/v1/index/status", tag = "index", security(("bearer" = [])),
    params(KindQuery),
    responses((status = 200, body = IndexStatusView),
        (status = 403, description = "forbidden (`index:manage`)", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: unknown `kind`", content_type = "application/problem+json")))]
async fn status(
    Caller(state, principal): Caller,
    ApiQuery(query): ApiQuery<KindQuery>,
) -> ApiResult<ApiJson<IndexStatusView>> {
    Ok(ApiJson(
        index::status(&state, &principal, query.kind.as_deref()).await?,
    ))
}

/// Rebuilds the tenant's index of `kind` (every kind when absent) from the write model in the
/// background (202); poll `GET /api/v1/index/status?kind=…` until `ready`. Visitors read the
/// write model meanwhile. The answer is the status of the (first) kind rebuilt.
#[utoipa::path(post, path = "/api/v1/index/rebuild", tag = "index", security(("bearer" = [])),
    params(KindQuery),
    responses((status = 202, body = IndexStatusView),
        (status = 403, description = "forbidden (`index:manage`)", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: unknown `kind`", content_type = "application/problem+json")))]
async fn rebuild(
    Caller(state, principal): Caller,
    ApiQuery(query): ApiQuery<KindQuery>,
) -> ApiResult<(StatusCode, ApiJson<IndexStatusView>)> {
    Ok((
        StatusCode::ACCEPTED,
        ApiJson(index::rebuild(&state, &principal, query.kind.as_deref()).await?),
    ))
}
