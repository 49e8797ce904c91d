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
    /// Cursor from the previous page's `next_cursor`: a tenant id (UUID or ULID; anything else
    /// is 400 `invalid_id`).
    #[param(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}|[0-9A-Fa-f]{32}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}|[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
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
    /// Cursor from the previous page's `next_cursor`: an event id (UUID or ULID; anything else
    /// is 400 `invalid_id`).
    #[param(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}|[0-9A-Fa-f]{32}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}|[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
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
        (status = 400, description = "invalid_id: `after` is not an id", content_type = "application/problem+json"),
        (status = 403, description = "forbidden (`tenants:read`)", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `limit` outside 1..=100", content_type = "application/problem+json")))]
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
        (status = 400, description = "invalid_tenant: the slug or a domain is malformed, or the slug is reserved", content_type = "application/problem+json"),
        (status = 403, description = "forbidden (`tenants:create`)", content_type = "application/problem+json"),
        (status = 409, description = "tenant_slug_taken | tenant_domain_taken", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `name`, `admin_email`, `admin_password`, `domains` (more than 20), `settings` or `settings.locales`", content_type = "application/problem+json")))]
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
        (status = 403, description = "forbidden (`tenants:read`; a tenant's admins, `settings:read`, reach their own tenant only)", content_type = "application/problem+json"),
        (status = 404, description = "not_found (no such tenant)", content_type = "application/problem+json")))]
async fn get_tenant(
    Caller(state, principal): Caller,
    Path(tenant_id): Path<String>,
) -> ApiResult<ApiJson<TenantView>> {
    Ok(ApiJson(
        tenant_admin::get_tenant(&state, &principal, id(&tenant_id)?).await?,
    ))
}

/// Renames, (re)activates or replaces the settings of a tenant. Platform operators
/// (`tenants:update`) change any tenant; a tenant's own admins (`settings:update`) change the
/// name and settings of their own tenant, but not `is_active`.
#[utoipa::path(patch, path = "/api/v1/tenants/{id}", tag = "tenants", security(("bearer" = [])),
    params(("id" = String, Path, description = "Tenant id")),
    request_body = UpdateTenantInput,
    responses((status = 200, body = TenantView),
        (status = 403, description = "forbidden (`tenants:update`, or `settings:update` for the caller's own tenant without `is_active`)", content_type = "application/problem+json"),
        (status = 404, description = "not_found (no such tenant)", content_type = "application/problem+json"),
        (status = 409, description = "cannot_deactivate_own_tenant: `is_active: false` for the tenant the caller is signed in to", content_type = "application/problem+json"),
        (status = 422, description = "validation_failed: `name`, `settings` or `settings.locales`", content_type = "application/problem+json")))]
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
    responses((status = 200, body = TenantView),
        (status = 403, description = "forbidden (`tenants:update`)", content_type = "application/problem+json"),
        (status = 404, description = "not_found (no such tenant)", content_type = "application/problem+json"),
        (status = 409, description = "cannot_deactivate_own_tenant: the tenant the caller is signed in to", content_type = "application/problem+json")))]
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
    responses((status = 200, body = Vec<DomainView>),
        (status = 403, description = "forbidden (`tenants:read`, or `settings:read` for the caller's own tenant)", content_type = "application/problem+json"),
        (status = 404, description = "not_found (no such tenant)", content_type = "application/problem+json")))]
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
        (status = 400, description = "invalid_tenant: `host` is not a valid host name", content_type = "application/problem+json"),
        (status = 403, description = "forbidden (`tenants:update`, or `settings:update` for the caller's own tenant)", content_type = "application/problem+json"),
        (status = 404, description = "not_found (no such tenant)", content_type = "application/problem+json"),
        (status = 409, description = "tenant_domain_taken: the host already routes to a tenant", content_type = "application/problem+json")))]
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
    responses((status = 204, description = "removed"),
        (status = 403, description = "forbidden (`tenants:update`, or `settings:update` for the caller's own tenant)", content_type = "application/problem+json"),
        (status = 404, description = "not_found (the tenant has no such domain)", content_type = "application/problem+json")))]
async fn remove_domain(
    Caller(state, principal): Caller,
    Path((tenant_id, domain_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    tenant_admin::remove_domain(&state, &principal, id(&tenant_id)?, id(&domain_id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::IntoParams;

    fn after_pattern(params: Vec<utoipa::openapi::path::Parameter>) -> serde_json::Value {
        let after = params.into_iter().find(|p| p.name == "after").unwrap();
        serde_json::to_value(after).unwrap()["schema"]["pattern"].clone()
    }

    /// The attributes spell the pattern out; it must be what `parse_id` reads.
    #[test]
    fn cursors_are_documented_as_ids() {
        let page = PageQuery::into_params(|| None);
        let log = LogPageQuery::into_params(|| None);
        assert_eq!(after_pattern(page), rustok_core::ID_PATTERN);
        assert_eq!(after_pattern(log), rustok_core::ID_PATTERN);
    }
}
