//! HTTP hygiene on every answer: security headers, a request timeout, and CORS for browser
//! scripts of allowed origins (`settings.rustok.http`; docs/security.md).

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use rustok_api::error::problem_response;
use rustok_core::Error;
use rustok_tenant::validation::validate_host;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::state::SharedState;

/// Headers every answer carries (a handler's own value wins).
const ALWAYS: [(HeaderName, &str); 4] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::CONTENT_SECURITY_POLICY, "frame-ancestors 'none'"),
];

/// Adds [`ALWAYS`] and, when configured, `Strict-Transport-Security`.
pub async fn security_headers(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in ALWAYS {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    let max_age = state.settings.http.hsts_max_age_secs;
    if max_age > 0
        && let Ok(value) = HeaderValue::from_str(&format!("max-age={max_age}; includeSubDomains"))
    {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, value);
    }
    response
}

/// How long a request may take (`http.request_timeout_secs`).
#[derive(Debug, Clone, Copy)]
pub struct RequestTimeout(pub Duration);

/// A request not answered within [`RequestTimeout`] is answered 503 `unavailable`; its work is
/// dropped (an open transaction rolls back, nothing half-written stays).
pub async fn request_timeout(
    State(RequestTimeout(limit)): State<RequestTimeout>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => problem_response(&Error::Unavailable(format!(
            "the request did not finish within {} ms (http.request_timeout_secs)",
            limit.as_millis()
        ))),
    }
}

/// CORS: browser scripts of the origins in `http.cors_origins` (`*`: any) and of every
/// tenant's own domains may call the API with a bearer token (no cookies are used, so no
/// credentials mode); other origins get no CORS headers and the browser keeps the answer from
/// them. Preflights are answered for 10 minutes.
pub fn cors(state: &SharedState) -> CorsLayer {
    let listed = state.settings.http.cors_origins.clone();
    let any = listed.iter().any(|origin| origin == "*");
    let allowed = state.clone();
    let origins = AllowOrigin::async_predicate(move |origin: HeaderValue, _parts: &Parts| {
        let state = allowed.clone();
        let listed = listed.clone();
        async move {
            let Ok(origin) = origin.to_str() else {
                return false;
            };
            if any || listed.iter().any(|allowed| allowed == origin) {
                return true;
            }
            tenant_domain(&state, origin).await
        }
    });
    CorsLayer::new()
        .allow_origin(origins)
        .allow_methods([
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_NONE_MATCH,
            HeaderName::from_static("x-tenant-id"),
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("x-request-id"),
        ])
        .expose_headers([
            header::ETAG,
            header::RETRY_AFTER,
            HeaderName::from_static("x-request-id"),
        ])
        .max_age(Duration::from_secs(600))
}

/// Whether `origin`'s host is a domain of an active tenant (looked up through the tenant
/// cache, as the host of a request is).
async fn tenant_domain(state: &SharedState, origin: &str) -> bool {
    let Some(authority) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return false;
    };
    // `validate_host` drops the port, as for a request's `Host`.
    let Ok(host) = validate_host(authority) else {
        return false;
    };
    matches!(state.tenants.resolve_host(&host).await, Ok(Some(_)))
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;

    #[tokio::test]
    async fn a_request_over_its_time_is_a_503_problem() {
        let app = Router::new()
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    "late"
                }),
            )
            .route("/fast", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(
                RequestTimeout(Duration::from_millis(50)),
                request_timeout,
            ));
        let call = |path: &'static str| {
            let app = app.clone();
            async move {
                let request = Request::get(path).body(Body::empty()).unwrap();
                app.oneshot(request).await.unwrap()
            }
        };
        let slow = call("/slow").await;
        assert_eq!(slow.status(), 503);
        let body = slow.into_body().collect().await.unwrap().to_bytes();
        let problem: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(problem["code"], "unavailable");
        assert_eq!(call("/fast").await.status(), 200);
    }
}
