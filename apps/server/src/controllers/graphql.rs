//! `/api/graphql`: POST executes, GET serves the GraphQL IDE (GraphiQL, served from the binary).

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use rustok_core::Error;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::SharedState;
use rustok_api::error::ApiResult;
use rustok_api::extract::{ApiJson, CurrentTenant, GraphqlJson, OptionalAuth};
use rustok_api::graphql::GraphqlScope;

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new().routes(routes!(execute, explorer))
}

/// Executes a GraphQL operation (`{"query", "variables", "operationName"}`). A token is optional:
/// anonymous callers may run public queries; a token that is sent must be valid. GraphQL errors
/// answer 200 with `errors`, each carrying the REST `code` and HTTP-equivalent `status` in
/// `extensions` (a document that does not parse or validate: `invalid_query`; an argument that
/// does not parse: `validation_failed`).
#[utoipa::path(post, path = "/api/graphql", tag = "graphql",
    request_body(content = Object, description = "GraphQL request: `query` (the document), optional `variables` (an object) and `operationName`"),
    responses((status = 200, description = "GraphQL response (`data`, `errors`; errors carry `extensions.code` and `extensions.status`)")))]
async fn execute(
    State(state): State<SharedState>,
    CurrentTenant(tenant): CurrentTenant,
    OptionalAuth(principal): OptionalAuth,
    GraphqlJson(request): GraphqlJson<async_graphql::Request>,
) -> Response {
    let schema = state.graphql.clone();
    let platform: rustok_api::PlatformState = state.clone();
    let request = request
        .data(GraphqlScope { tenant, principal })
        .data(state)
        .data(platform);
    let mut response = schema.execute(request).await;
    rustok_api::complete_graphql_errors(&mut response);
    ApiJson(response).into_response()
}

/// The GraphQL IDE (GraphiQL; its scripts come from `/assets/graphiql/`, never from the internet).
#[utoipa::path(get, path = "/api/graphql", tag = "graphql",
    responses((status = 200, description = "HTML page", content_type = "text/html"),
        (status = 404, description = "not_found: the explorer is switched off by the setting `features.graphql_explorer`", content_type = "application/problem+json")))]
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

#[cfg(test)]
mod tests {
    async fn codes(query: &str) -> Vec<(String, i64)> {
        let mut response = crate::graphql::build_schema().execute(query).await;
        rustok_api::complete_graphql_errors(&mut response);
        let json = serde_json::to_value(&response).unwrap();
        json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|error| {
                let extensions = &error["extensions"];
                (
                    extensions["code"].as_str().unwrap().to_string(),
                    extensions["status"].as_i64().unwrap(),
                )
            })
            .collect()
    }

    /// async-graphql's own errors get a code of the REST catalogue too.
    #[tokio::test]
    async fn every_graphql_error_carries_a_code() {
        for refused in [
            "{ tenant {",
            "{ noSuchField }",
            "{ tenants(first: true) { nextCursor } }",
        ] {
            assert_eq!(
                codes(refused).await,
                [("invalid_query".into(), 400)],
                "{refused}"
            );
        }
        for unreadable in [
            "{ tenants(first: -1) { nextCursor } }",
            r#"mutation { replayEvents(input: {consumer: "x", afterId: "nope"}) { replayed } }"#,
        ] {
            let codes = codes(unreadable).await;
            assert_eq!(codes, [("validation_failed".into(), 422)], "{unreadable}");
        }
    }
}
