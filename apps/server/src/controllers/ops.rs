//! Operations endpoints: liveness, readiness, metrics. No tenant, no auth.

use std::time::Instant;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::future::join_all;
use rustok_core::{HealthStatus, ModuleContext};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::SharedState;

pub fn routes() -> OpenApiRouter<SharedState> {
    OpenApiRouter::new()
        .routes(routes!(live))
        .routes(routes!(ready))
        .routes(routes!(metrics))
}

#[derive(Serialize, ToSchema)]
pub struct LiveResponse {
    pub status: &'static str,
    pub version: &'static str,
    pub uptime_secs: u64,
}

/// Liveness: the process is up and serving.
#[utoipa::path(get, path = "/health", tag = "operations",
    responses((status = 200, body = LiveResponse)))]
async fn live(State(state): State<SharedState>) -> Json<LiveResponse> {
    Json(LiveResponse {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        uptime_secs: state.started_at.elapsed().as_secs(),
    })
}

#[derive(Serialize, ToSchema)]
pub struct ModuleHealth {
    pub slug: String,
    /// healthy | degraded | unhealthy
    pub status: String,
    pub reason: Option<String>,
    pub latency_ms: f64,
}

#[derive(Serialize, ToSchema)]
pub struct ReadyResponse {
    /// The worst module status.
    pub status: String,
    pub modules: Vec<ModuleHealth>,
}

/// Readiness: every registered module's health check, run concurrently. 503 when any is unhealthy.
#[utoipa::path(get, path = "/health/ready", tag = "operations",
    responses((status = 200, body = ReadyResponse), (status = 503, body = ReadyResponse)))]
async fn ready(State(state): State<SharedState>) -> Response {
    let ctx = ModuleContext {
        db: state.db.clone(),
    };
    let checks = state.modules.modules().iter().map(|module| {
        let ctx = &ctx;
        async move {
            let started = Instant::now();
            let status = module.health(ctx).await;
            (module.slug(), status, started.elapsed())
        }
    });
    let results = join_all(checks).await;
    let overall = HealthStatus::worst(results.iter().map(|(_, s, _)| s.clone()));
    let body = ReadyResponse {
        status: overall.label().to_string(),
        modules: results
            .into_iter()
            .map(|(slug, status, elapsed)| ModuleHealth {
                slug: slug.to_string(),
                status: status.label().to_string(),
                reason: status.reason().map(str::to_string),
                latency_ms: elapsed.as_secs_f64() * 1000.0,
            })
            .collect(),
    };
    let code = match overall {
        HealthStatus::Unhealthy(_) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::OK,
    };
    (code, Json(body)).into_response()
}

/// Prometheus metrics (text exposition format).
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain")))]
async fn metrics(State(state): State<SharedState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}
