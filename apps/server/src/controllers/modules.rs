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

#[derive(Debug, Deserialize, ToSchema)]
pub struct SetModuleInput {
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

/// Enables or disables an optional module for the current tenant.
#[utoipa::path(put, path = "/api/v1/modules/{slug}", tag = "modules", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Module slug")),
    request_body = SetModuleInput,
    responses((status = 200, body = ModuleView),
        (status = 409, description = "module_required | module_in_use | module_dependency_disabled", content_type = "application/problem+json")))]
async fn set_module(
    Caller(state, principal): Caller,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<SetModuleInput>,
) -> ApiResult<ApiJson<ModuleView>> {
    Ok(ApiJson(
        modules::set_module_enabled(&state, &principal, &slug, input.enabled).await?,
    ))
}
