//! Static front-end assets compiled into the binary (the GraphQL IDE's scripts and styles).
//! Not part of the REST API, so not in the OpenAPI document.

use axum::Router;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rustok_core::Error;

use crate::state::SharedState;
use rustok_api::error::problem_response;

/// (name, content type, gzipped bytes)
const GRAPHIQL: &[(&str, &str, &[u8])] = &[
    (
        "graphiql.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/graphiql.min.js.gz"),
    ),
    (
        "graphiql.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/graphiql/graphiql.min.css.gz"),
    ),
    (
        "react.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/react.production.min.js.gz"),
    ),
    (
        "react-dom.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/graphiql/react-dom.production.min.js.gz"),
    ),
];

pub fn routes() -> Router<SharedState> {
    Router::new().route("/assets/graphiql/{file}", get(graphiql_asset))
}

/// Served gzipped as stored: every browser accepts `Content-Encoding: gzip`.
async fn graphiql_asset(Path(file): Path<String>) -> Response {
    let Some((_, content_type, bytes)) = GRAPHIQL.iter().find(|(name, _, _)| *name == file) else {
        return problem_response(&Error::NotFound { what: "asset" });
    };
    (
        [
            (header::CONTENT_TYPE, *content_type),
            (header::CONTENT_ENCODING, "gzip"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
            (header::VARY, "Accept-Encoding"),
        ],
        *bytes,
    )
        .into_response()
}
