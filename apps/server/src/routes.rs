//! The HTTP surface: every router, the OpenAPI document, and the middleware stack.

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use rustok_core::Error;
use tower_http::catch_panic::CatchPanicLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::controllers;
use crate::middleware::{
    body_limit, hot_cache, http_headers, metrics, rate_limit, request_id, tenant, uri_text,
};
use crate::state::SharedState;
use rustok_api::PlatformState;
use rustok_api::error::problem_response;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "RusToK API",
        description = "REST API of RusToK. Errors are `application/problem+json` (RFC 7807) with a \
                       stable `code`. Tenant: `X-Tenant-ID` header (slug or id), else the hostname, \
                       else the default tenant.",
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "operations", description = "Health and metrics"),
        (name = "auth", description = "Sign-in and tokens"),
        (name = "tenants", description = "Tenant administration (super admin)"),
        (name = "modules", description = "Per-tenant module toggles"),
        (name = "rbac", description = "Roles and permissions"),
        (name = "audit", description = "The tenant's audit trail"),
        (name = "events", description = "Event pipeline operations (platform operators)"),
        (name = "index", description = "The tenant's storefront read model: status and rebuild"),
        (name = "content", description = "Content nodes: translations, bodies, workflow, revisions"),
        (name = "blog", description = "Blog posts and moderated comments"),
        (name = "forum", description = "Forum categories, topics and replies; lock and pin moderation"),
        (name = "pages", description = "Static pages with block layouts, and navigation menus"),
        (name = "commerce", description = "Catalogue, prices, regions, inventory, carts, checkout and orders (amounts in integer minor units)"),
        (name = "graphql", description = "GraphQL endpoint"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Routes that run inside a tenant.
fn tenant_routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new()
        .merge(controllers::auth::routes())
        .merge(controllers::tenants::routes())
        .merge(controllers::modules::routes())
        .merge(controllers::rbac::routes())
        .merge(controllers::audit::routes())
        .merge(controllers::events::routes())
        .merge(controllers::index::routes())
        .merge(controllers::graphql::routes())
}

/// Every router and the OpenAPI document describing exactly them.
struct Routers {
    /// Operations: no tenant.
    ops: Router<SharedState>,
    /// Platform routes that run inside a tenant.
    tenant: Router<SharedState>,
    /// Module routes (each module's REST API), which run inside a tenant too.
    modules: Router<PlatformState>,
    openapi: utoipa::openapi::OpenApi,
}

fn routers() -> Routers {
    let (ops, mut openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(controllers::ops::routes())
        .split_for_parts();
    let (tenant, tenant_doc) = tenant_routes().split_for_parts();
    openapi.merge(tenant_doc);
    let (modules, modules_doc) = module_routes().split_for_parts();
    openapi.merge(modules_doc);
    Routers {
        ops,
        tenant,
        modules,
        openapi,
    }
}

/// The REST APIs of the modules built into this binary.
fn module_routes() -> OpenApiRouter<PlatformState> {
    OpenApiRouter::new()
        .merge(rustok_content::rest::routes())
        .merge(rustok_blog::rest::routes())
        .merge(rustok_forum::rest::routes())
        .merge(rustok_pages::rest::routes())
        .merge(rustok_commerce::rest::routes())
}

pub fn router(state: SharedState) -> Router {
    let routers = routers();
    let tenant_layer = from_fn_with_state(state.clone(), tenant::resolve_tenant);
    let tenant_limits = from_fn_with_state(state.clone(), rate_limit::per_tenant);
    let platform: PlatformState = state.clone();
    let modules = routers
        .modules
        .layer(from_fn_with_state(state.clone(), hot_cache::serve_cached))
        .layer(tenant_limits.clone())
        .layer(tenant_layer.clone())
        .with_state(platform);
    // Operations routes are tenant-free; everything else resolves the tenant first.
    Router::new()
        .merge(routers.ops)
        .merge(routers.tenant.layer(tenant_limits).layer(tenant_layer))
        .merge(SwaggerUi::new("/swagger").external_url_unchecked(
            "/api/openapi.json",
            crate::openapi::completed(&routers.openapi),
        ))
        .merge(controllers::assets::routes())
        .with_state(state.clone())
        .merge(modules)
        .fallback(|| async { problem_response(&Error::NotFound { what: "route" }) })
        .method_not_allowed_fallback(|| async { problem_response(&Error::MethodNotAllowed) })
        // Innermost, so a panic still gets a request id, a metrics sample and a log line.
        .layer(CatchPanicLayer::custom(|_| -> Response {
            problem_response(&Error::internal("handler panicked"))
        }))
        .layer(axum::middleware::from_fn(uri_text::refuse_nul))
        .layer(from_fn_with_state(state.clone(), rate_limit::per_client))
        .layer(DefaultBodyLimit::max(state.settings.http.body_limit_bytes))
        .layer(from_fn_with_state(
            state.clone(),
            body_limit::reject_oversized_bodies,
        ))
        .layer(from_fn_with_state(
            http_headers::RequestTimeout(Duration::from_secs(
                state.settings.http.request_timeout_secs,
            )),
            http_headers::request_timeout,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            metrics::track_http_metrics,
        ))
        .layer(http_headers::cors(&state))
        .layer(from_fn_with_state(
            state.clone(),
            http_headers::security_headers,
        ))
        .layer(axum::middleware::from_fn(request_id::tag_request))
}
