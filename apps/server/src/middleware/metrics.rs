use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::SharedState;

/// Counts and times every request by route template (bounded label set), method and status.
pub async fn track_http_metrics(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let route = request.extensions().get::<MatchedPath>().cloned();
    let method = request.method().clone();
    let response = next.run(request).await;
    let route = route.as_ref().map_or("unmatched", MatchedPath::as_str);
    state.metrics.observe_http(
        route,
        method.as_str(),
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}
