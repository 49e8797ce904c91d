//! `/api/v1/rbac/roles`: the current tenant's role → permission matrix.

use axum::extract::Path;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::controllers::Caller;
use crate::services::roles::{self, RoleView, SetPermissionsInput};
use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::ApiJson;

/// A role (any other value is 422 `validation_failed` on `role`).
// For the document only: the handlers take the text and parse it as `rustok_rbac::Role`, whose
// names these are.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code, reason = "documents the path parameter; never built")]
enum RoleName {
    SuperAdmin,
    Admin,
    Manager,
    Editor,
    Customer,
}

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new()
        .routes(routes!(list_roles))
        .routes(routes!(set_role, reset_role))
}

/// Every role with its effective permissions in this tenant.
#[utoipa::path(get, path = "/api/v1/rbac/roles", tag = "rbac", security(("bearer" = [])),
    responses((status = 200, body = Vec<RoleView>),
        (status = 403, description = "forbidden (`rbac:read`)", content_type = "application/problem+json")))]
async fn list_roles(Caller(state, principal): Caller) -> ApiResult<ApiJson<Vec<RoleView>>> {
    Ok(ApiJson(roles::list_roles(&state, &principal).await?))
}

/// Replaces a role's permissions in this tenant.
#[utoipa::path(put, path = "/api/v1/rbac/roles/{role}", tag = "rbac", security(("bearer" = [])),
    params(("role" = inline(RoleName), Path, description = "The role (`super_admin` is the platform's: 409 `role_locked`)")),
    request_body = SetPermissionsInput,
    responses((status = 200, body = RoleView),
        (status = 403, description = "forbidden (`rbac:manage`)", content_type = "application/problem+json"),
        (status = 409, description = "role_locked: `super_admin` cannot be changed, and `admin` must keep `rbac:manage`", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: unknown `role`; a malformed or platform grant, or more than 256, in `permissions`", content_type = "application/problem+json")))]
async fn set_role(
    Caller(state, principal): Caller,
    Path(role): Path<String>,
    ApiJson(input): ApiJson<SetPermissionsInput>,
) -> ApiResult<ApiJson<RoleView>> {
    Ok(ApiJson(
        roles::set_role_permissions(&state, &principal, &role, input.permissions).await?,
    ))
}

/// Restores a role's default permissions in this tenant.
#[utoipa::path(delete, path = "/api/v1/rbac/roles/{role}", tag = "rbac", security(("bearer" = [])),
    params(("role" = inline(RoleName), Path, description = "The role")),
    responses((status = 200, body = RoleView),
        (status = 403, description = "forbidden (`rbac:manage`)", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: unknown `role`", content_type = "application/problem+json")))]
async fn reset_role(
    Caller(state, principal): Caller,
    Path(role): Path<String>,
) -> ApiResult<ApiJson<RoleView>> {
    Ok(ApiJson(roles::reset_role(&state, &principal, &role).await?))
}
