//! The HTTP surface: every router, the OpenAPI document, and the middleware stack.

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
use crate::middleware::{body_limit, metrics, request_id, tenant};
use crate::state::SharedState;
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
        .merge(controllers::graphql::routes())
}

/// The routers and the OpenAPI document describing exactly them.
fn routers() -> (
    Router<SharedState>,
    Router<SharedState>,
    utoipa::openapi::OpenApi,
) {
    let (ops, mut openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(controllers::ops::routes())
        .split_for_parts();
    let (tenant, tenant_doc) = tenant_routes().split_for_parts();
    openapi.merge(tenant_doc);
    (ops, tenant, openapi)
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    routers().2
}

pub fn router(state: SharedState) -> Router {
    let (ops, tenant_api, openapi) = routers();
    let tenant_layer = from_fn_with_state(state.clone(), tenant::resolve_tenant);
    // Operations routes are tenant-free; everything else resolves the tenant first.
    Router::new()
        .merge(ops)
        .merge(tenant_api.layer(tenant_layer))
        .merge(SwaggerUi::new("/swagger").url("/api/openapi.json", openapi))
        .merge(controllers::assets::routes())
        .fallback(|| async { problem_response(&Error::NotFound { what: "route" }) })
        .method_not_allowed_fallback(|| async { problem_response(&Error::MethodNotAllowed) })
        // Innermost, so a panic still gets a request id, a metrics sample and a log line.
        .layer(CatchPanicLayer::custom(|_| -> Response {
            problem_response(&Error::internal("handler panicked"))
        }))
        .layer(DefaultBodyLimit::max(state.settings.http.body_limit_bytes))
        .layer(from_fn_with_state(
            state.clone(),
            body_limit::reject_oversized_bodies,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            metrics::track_http_metrics,
        ))
        .layer(axum::middleware::from_fn(request_id::tag_request))
        .with_state(state)
}
