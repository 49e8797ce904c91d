use axum::extract::{Request, State};
use axum::http::{HeaderMap, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use rustok_core::Error;
use rustok_tenant::validation::validate_host;
use rustok_tenant::{TenantContext, TenantError, TenantIdentifier};

use crate::state::{AppState, SharedState};
use rustok_api::error::problem_response;

/// Resolves the request's tenant: the tenant header (slug or id), then the hostname
/// (`tenant_domains`), then the configured default. Unknown → 404, malformed → 400,
/// inactive → 403; all before any handler runs.
pub async fn resolve_tenant(
    State(state): State<SharedState>,
    mut request: Request,
    next: Next,
) -> Response {
    match tenant_for(&state, request.headers(), request.uri()).await {
        Ok(tenant) => {
            request.extensions_mut().insert(tenant);
            next.run(request).await
        }
        Err(err) => problem_response(&err),
    }
}

async fn tenant_for(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<TenantContext, Error> {
    let settings = &state.settings.tenant;
    let tenant = if let Some(value) = headers.get(settings.header.as_str()) {
        let text = value
            .to_str()
            .map_err(|_| Error::bad_request("invalid_tenant", "tenant header is not text"))?;
        let identifier = TenantIdentifier::parse(text)
            .map_err(|err| Error::bad_request("invalid_tenant", err.to_string()))?;
        state.tenants.resolve(&identifier).await?
    } else if let Some(tenant) = by_host(state, headers, uri).await? {
        tenant
    } else {
        let default = TenantIdentifier::Slug(settings.default_slug.clone());
        state.tenants.resolve(&default).await?
    };
    if !tenant.is_active {
        return Err(TenantError::Inactive(tenant.slug).into());
    }
    Ok(tenant)
}

/// A hostname that is not a valid tenant domain simply does not match (IP literals, odd proxies).
async fn by_host(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<Option<TenantContext>, Error> {
    if !state.settings.tenant.resolve_by_host {
        return Ok(None);
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.host());
    let Some(host) = host.and_then(|h| validate_host(h).ok()) else {
        return Ok(None);
    };
    Ok(state.tenants.resolve_host(&host).await?)
}
