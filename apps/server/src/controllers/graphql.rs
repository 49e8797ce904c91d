//! `/api/graphql`: POST executes, GET serves the GraphQL IDE (GraphiQL, served from the binary).

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use rustok_core::Error;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::{ApiJson, CurrentTenant, OptionalAuth};
use rustok_api::graphql::GraphqlScope;

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new().routes(routes!(execute, explorer))
}

/// Executes a GraphQL operation (`{"query", "variables", "operationName"}`). A token is optional:
/// anonymous callers may run public queries; a token that is sent must be valid.
#[utoipa::path(post, path = "/api/graphql", tag = "graphql",
    request_body(content = Object, description = "GraphQL request"),
    responses((status = 200, description = "GraphQL response (errors carry `extensions.code`)")))]
async fn execute(
    State(state): State<SharedState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    ApiJson(request): ApiJson<async_graphql::Request>,
) -> Response {
    let schema = state.graphql.clone();
    let platform: rustok_api::PlatformState = state.clone();
    let request = request
        .data(GraphqlScope { tenant, principal })
        .data(state)
        .data(platform);
    ApiJson(schema.execute(request).await).into_response()
}

/// The GraphQL IDE (GraphiQL; its scripts come from `/assets/graphiql/`, never from the internet).
#[utoipa::path(get, path = "/api/graphql", tag = "graphql",
    responses((status = 200, description = "HTML page", content_type = "text/html")))]
async fn explorer(State(state): State<SharedState>) -> ApiResult<Response> {
    if !state.settings.features.graphql_explorer {
        return Err(Error::NotFound { what: "page" }.into());
    }
    Ok((
        [(header::CACHE_CONTROL, "no-cache")],
        Html(include_str!("../../assets/graphiql.html")),
    )
        .into_response())
}
