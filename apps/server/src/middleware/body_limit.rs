use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;
use rustok_core::Error;

use crate::state::SharedState;
use rustok_api::error::problem_response;

/// Refuses a declared `Content-Length` over the limit without handing the body to a handler.
/// The body is read and dropped first (up to [`DRAIN_MAX_BYTES`], for at most
/// [`DRAIN_MAX_WAIT`]): a client that sends its whole body before reading the answer (most do
/// without `Expect: 100-continue`) would otherwise see the connection reset instead of the
/// 413, because closing a connection with unread data resets it. Beyond those bounds the
/// connection is closed at once. Bodies without a length (chunked) are cut by
/// `DefaultBodyLimit` while being read, which `ApiJson` reports as 413.
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
    if let Some(declared) = declared.filter(|len| *len > limit as u64) {
        // A client that asked `Expect: 100-continue` waits for this answer and sends nothing.
        let expects = request.headers().contains_key(header::EXPECT);
        if declared <= DRAIN_MAX_BYTES && !expects {
            let mut body = request.into_body();
            let drained = async { while let Some(Ok(_)) = body.frame().await {} };
            let _ = tokio::time::timeout(DRAIN_MAX_WAIT, drained).await;
        }
        return problem_response(&Error::PayloadTooLarge { limit_bytes: limit });
    }
    next.run(request).await
}

/// Oversized bodies up to this are read (and dropped) before the 413 is sent.
const DRAIN_MAX_BYTES: u64 = 16 * 1024 * 1024;
/// For at most this long.
const DRAIN_MAX_WAIT: Duration = Duration::from_secs(10);
