//! `/api/v1/modules`: the modules of this binary and their state in the current tenant.

use axum::extract::{Path, State};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::controllers::Caller;
use crate::services::modules::{self, ModuleView};
use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::{ApiJson, CurrentTenant};

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new()
        .routes(routes!(list_modules))
        .routes(routes!(set_module))
}

/// A module's new state in the caller's tenant.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SetModuleInput {
    /// `true` enables the module (its dependencies must be on: else 409
    /// `module_dependency_disabled`); `false` disables it (no enabled module may depend on it:
    /// else 409 `module_in_use`; `core` modules cannot be disabled: 409 `module_required`).
    pub enabled: bool,
}

/// Modules and whether each is enabled for the current tenant (public: storefronts need it).
#[utoipa::path(get, path = "/api/v1/modules", tag = "modules",
    responses((status = 200, body = Vec<ModuleView>)))]
async fn list_modules(
    State(state): State<SharedState>,
    CurrentTenant(tenant): CurrentTenant,
) -> ApiResult<ApiJson<Vec<ModuleView>>> {
    Ok(ApiJson(modules::list_modules(&state, tenant.id).await?))
}

/// Enables or disables an optional module for the current tenant. While a module is off, its
/// routes answer 404 `module_disabled` in this tenant.
#[utoipa::path(put, path = "/api/v1/modules/{slug}", tag = "modules", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Module slug (see `GET /api/v1/modules`)")),
    request_body = SetModuleInput,
    responses((status = 200, body = ModuleView),
        (status = 403, description = "forbidden (`modules:manage`)", content_type = "application/problem+json"),
        (status = 404, description = "not_found (no module with this slug in this server)", content_type = "application/problem+json"),
        (status = 409, description = "module_required | module_in_use | module_dependency_disabled: a core module cannot be disabled; an enabled module depends on this one; a module this one depends on is disabled", content_type = "application/problem+json")))]
async fn set_module(
    Caller(state, principal): Caller,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<SetModuleInput>,
) -> ApiResult<ApiJson<ModuleView>> {
    Ok(ApiJson(
        modules::set_module_enabled(&state, &principal, &slug, input.enabled).await?,
    ))
}
