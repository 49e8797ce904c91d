use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use rustok_core::Error;

use crate::state::SharedState;
use rustok_api::error::problem_response;

/// Refuses a declared `Content-Length` over the limit before reading a byte. Bodies without a
/// length (chunked) are cut by `DefaultBodyLimit` while being read, which `ApiJson` reports as 413.
pub async fn reject_oversized_bodies(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let limit = state.settings.http.body_limit_bytes;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return problem_response(&Error::PayloadTooLarge { limit_bytes: limit });
    }
    next.run(request).await
}
