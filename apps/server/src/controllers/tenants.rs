//! `/api/v1/tenants`: tenant administration (super admin).

use axum::extract::Path;
use axum::http::StatusCode;
use rustok_core::parse_id;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::controllers::Caller;
use crate::services::tenant_admin::{
    self, AddDomainInput, CreateTenantInput, CreatedTenant, DomainView, TenantPage, TenantView,
    UpdateTenantInput,
};
use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::{ApiJson, ApiQuery};

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new()
        .routes(routes!(list_tenants, create_tenant))
        .routes(routes!(get_tenant, update_tenant, deactivate_tenant))
        .routes(routes!(list_domains, add_domain))
        .routes(routes!(remove_domain))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Cursor from the previous page's `next_cursor`.
    pub after: Option<String>,
    /// Page size 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
}

impl PageQuery {
    /// `after` as an id (400 `invalid_id` when malformed).
    pub fn cursor(&self) -> Result<Option<Uuid>, rustok_core::Error> {
        self.after.as_deref().map(id).transpose()
    }
}

/// A page of a log (the audit trail, the dead-letter queue).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogPageQuery {
    /// Cursor from the previous page's `next_cursor`.
    pub after: Option<String>,
    /// Page size 1..=200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

impl LogPageQuery {
    /// `after` as an id (400 `invalid_id` when malformed).
    pub fn cursor(&self) -> Result<Option<Uuid>, rustok_core::Error> {
        self.after.as_deref().map(id).transpose()
    }
}

fn id(text: &str) -> Result<Uuid, rustok_core::Error> {
    Ok(parse_id(text)?)
}

/// Lists tenants in creation order.
#[utoipa::path(get, path = "/api/v1/tenants", tag = "tenants", security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = TenantPage),
        (status = 403, description = "forbidden", content_type = "application/problem+json")))]
async fn list_tenants(
    Caller(state, principal): Caller,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> ApiResult<ApiJson<TenantPage>> {
    let after = page.cursor()?;
    Ok(ApiJson(
        tenant_admin::list_tenants(&state, &principal, after, page.limit).await?,
    ))
}

/// Creates a tenant with its first admin user (and optional domains) in one transaction.
#[utoipa::path(post, path = "/api/v1/tenants", tag = "tenants", security(("bearer" = [])),
    request_body = CreateTenantInput,
    responses((status = 201, body = CreatedTenant),
        (status = 409, description = "tenant_slug_taken | tenant_domain_taken", content_type = "application/problem+json"),
        (status = 403, description = "forbidden", content_type = "application/problem+json")))]
async fn create_tenant(
    Caller(state, principal): Caller,
    ApiJson(input): ApiJson<CreateTenantInput>,
) -> ApiResult<(StatusCode, ApiJson<CreatedTenant>)> {
    let created = tenant_admin::create_tenant(&state, &principal, input).await?;
    Ok((StatusCode::CREATED, ApiJson(created)))
}

/// One tenant with its settings and domains.
#[utoipa::path(get, path = "/api/v1/tenants/{id}", tag = "tenants", security(("bearer" = [])),
    params(("id" = String, Path, description = "Tenant id (UUID or ULID)")),
    responses((status = 200, body = TenantView),
        (status = 404, description = "not_found", content_type = "application/problem+json")))]
async fn get_tenant(
    Caller(state, principal): Caller,
    Path(tenant_id): Path<String>,
) -> ApiResult<ApiJson<TenantView>> {
    Ok(ApiJson(
        tenant_admin::get_tenant(&state, &principal, id(&tenant_id)?).await?,
    ))
}

/// Renames, (re)activates or replaces the settings of a tenant.
#[utoipa::path(patch, path = "/api/v1/tenants/{id}", tag = "tenants", security(("bearer" = [])),
    params(("id" = String, Path, description = "Tenant id")),
    request_body = UpdateTenantInput,
    responses((status = 200, body = TenantView)))]
async fn update_tenant(
    Caller(state, principal): Caller,
    Path(tenant_id): Path<String>,
    ApiJson(input): ApiJson<UpdateTenantInput>,
) -> ApiResult<ApiJson<TenantView>> {
    Ok(ApiJson(
        tenant_admin::update_tenant(&state, &principal, id(&tenant_id)?, input).await?,
    ))
}

/// Deactivates a tenant (its data stays; its requests are refused with 403 `tenant_inactive`).
#[utoipa::path(delete, path = "/api/v1/tenants/{id}", tag = "tenants", security(("bearer" = [])),
    params(("id" = String, Path, description = "Tenant id")),
    responses((status = 200, body = TenantView)))]
async fn deactivate_tenant(
    Caller(state, principal): Caller,
    Path(tenant_id): Path<String>,
) -> ApiResult<ApiJson<TenantView>> {
    let input = UpdateTenantInput {
        is_active: Some(false),
        ..UpdateTenantInput::default()
    };
    Ok(ApiJson(
        tenant_admin::update_tenant(&state, &principal, id(&tenant_id)?, input).await?,
    ))
}

/// A tenant's domains.
#[utoipa::path(get, path = "/api/v1/tenants/{id}/domains", tag = "tenants", security(("bearer" = [])),
    params(("id" = String, Path, description = "Tenant id")),
    responses((status = 200, body = Vec<DomainView>)))]
async fn list_domains(
    Caller(state, principal): Caller,
    Path(tenant_id): Path<String>,
) -> ApiResult<ApiJson<Vec<DomainView>>> {
    Ok(ApiJson(
        tenant_admin::list_domains(&state, &principal, id(&tenant_id)?).await?,
    ))
}

/// Routes a hostname to the tenant.
#[utoipa::path(post, path = "/api/v1/tenants/{id}/domains", tag = "tenants", security(("bearer" = [])),
    params(("id" = String, Path, description = "Tenant id")),
    request_body = AddDomainInput,
    responses((status = 201, body = DomainView),
        (status = 409, description = "tenant_domain_taken", content_type = "application/problem+json")))]
async fn add_domain(
    Caller(state, principal): Caller,
    Path(tenant_id): Path<String>,
    ApiJson(input): ApiJson<AddDomainInput>,
) -> ApiResult<(StatusCode, ApiJson<DomainView>)> {
    let domain = tenant_admin::add_domain(&state, &principal, id(&tenant_id)?, input).await?;
    Ok((StatusCode::CREATED, ApiJson(domain)))
}

/// Removes a domain from a tenant.
#[utoipa::path(delete, path = "/api/v1/tenants/{id}/domains/{domain_id}", tag = "tenants",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Tenant id"),
        ("domain_id" = String, Path, description = "Domain id")),
    responses((status = 204, description = "removed")))]
async fn remove_domain(
    Caller(state, principal): Caller,
    Path((tenant_id, domain_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    tenant_admin::remove_domain(&state, &principal, id(&tenant_id)?, id(&domain_id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
