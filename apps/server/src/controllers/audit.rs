//! `/api/v1/audit`: the current tenant's audit trail.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::controllers::Caller;
use crate::controllers::tenants::LogPageQuery;
use crate::services::audit::{self, AuditPage};
use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::{ApiJson, ApiQuery};

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new().routes(routes!(list_audit))
}

/// Domain events of this tenant, newest first (`after` = the previous page's `next_cursor`).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])),
    params(LogPageQuery),
    responses((status = 200, body = AuditPage),
        (status = 400, description = "invalid_id: `after` is not an id", content_type = "application/problem+json"),
        (status = 403, description = "forbidden (`audit:read`)", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `limit` outside 1..=200", content_type = "application/problem+json")))]
async fn list_audit(
    Caller(state, principal): Caller,
    ApiQuery(page): ApiQuery<LogPageQuery>,
) -> ApiResult<ApiJson<AuditPage>> {
    let before = page.cursor()?;
    Ok(ApiJson(
        audit::list(&state, &principal, before, page.limit).await?,
    ))
}
