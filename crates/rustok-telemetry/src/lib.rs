//! Metrics for `/metrics` (Prometheus text format).
//!
//! Request metrics are pre-registered vectors labelled by route *template* (never the raw path, so
//! cardinality stays bounded). Counters kept elsewhere as atomics (tenant cache, event transport) are
//! read at scrape time through closures, so the hot path never touches the registry for them.

use std::fmt::Write as _;
use std::sync::{Arc, RwLock};
use std::time::Duration;

pub use prometheus::Histogram;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
};

#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    #[error("metrics registry error: {0}")]
    Registry(#[from] prometheus::Error),
}

type ValueFn = Box<dyn Fn() -> f64 + Send + Sync>;

struct ScrapeMetric {
    name: &'static str,
    help: &'static str,
    kind: &'static str,
    value: ValueFn,
}

#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    http_requests: IntCounterVec,
    http_duration: HistogramVec,
    scraped: Arc<RwLock<Vec<ScrapeMetric>>>,
}

/// Latency buckets (seconds) tuned for an API whose targets are single-digit milliseconds.
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

impl Metrics {
    pub fn new() -> Result<Self, TelemetryError> {
        let registry = Registry::new();
        let http_requests = IntCounterVec::new(
            Opts::new(
                "rustok_http_requests_total",
                "HTTP requests by route, method and status",
            ),
            &["route", "method", "status"],
        )?;
        let http_duration = HistogramVec::new(
            HistogramOpts::new(
                "rustok_http_request_duration_seconds",
                "HTTP request latency by route and method",
            )
            .buckets(LATENCY_BUCKETS.to_vec()),
            &["route", "method"],
        )?;
        registry.register(Box::new(http_requests.clone()))?;
        registry.register(Box::new(http_duration.clone()))?;
        Ok(Self {
            registry,
            http_requests,
            http_duration,
            scraped: Arc::default(),
        })
    }

    pub fn observe_http(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        let status = itoa_status(status);
        self.http_requests
            .with_label_values(&[route, method, status.as_str()])
            .inc();
        self.http_duration
            .with_label_values(&[route, method])
            .observe(elapsed.as_secs_f64());
    }

    /// A histogram owned by the caller (observed on its own schedule, not per request).
    pub fn histogram(
        &self,
        name: &'static str,
        help: &'static str,
        buckets: &[f64],
    ) -> Result<Histogram, TelemetryError> {
        let histogram =
            Histogram::with_opts(HistogramOpts::new(name, help).buckets(buckets.to_vec()))?;
        self.registry.register(Box::new(histogram.clone()))?;
        Ok(histogram)
    }

    /// A monotonically increasing value read at scrape time.
    pub fn counter_fn(
        &self,
        name: &'static str,
        help: &'static str,
        value: impl Fn() -> u64 + Send + Sync + 'static,
    ) {
        self.push(name, help, "counter", Box::new(move || value() as f64));
    }

    /// A value that goes up and down, read at scrape time.
    pub fn gauge_fn(
        &self,
        name: &'static str,
        help: &'static str,
        value: impl Fn() -> f64 + Send + Sync + 'static,
    ) {
        self.push(name, help, "gauge", Box::new(value));
    }

    fn push(&self, name: &'static str, help: &'static str, kind: &'static str, value: ValueFn) {
        if let Ok(mut scraped) = self.scraped.write() {
            scraped.retain(|m| m.name != name);
            scraped.push(ScrapeMetric {
                name,
                help,
                kind,
                value,
            });
        }
    }

    /// The whole exposition, Prometheus text format 0.0.4.
    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        if let Err(err) = TextEncoder::new().encode(&self.registry.gather(), &mut buffer) {
            tracing::error!(error = %err, "metrics encoding failed");
        }
        let mut text = String::from_utf8(buffer).unwrap_or_default();
        if let Ok(scraped) = self.scraped.read() {
            for metric in scraped.iter() {
                let _ = writeln!(text, "# HELP {} {}", metric.name, metric.help);
                let _ = writeln!(text, "# TYPE {} {}", metric.name, metric.kind);
                let _ = writeln!(text, "{} {}", metric.name, (metric.value)());
            }
        }
        text
    }
}

/// HTTP statuses are three digits; formatting them without `format!` keeps the hot path lean.
fn itoa_status(status: u16) -> String {
    let mut text = String::with_capacity(3);
    for divisor in [100, 10, 1] {
        text.push(char::from(b'0' + ((status / divisor) % 10) as u8));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn renders_http_and_scraped_metrics() {
        let metrics = Metrics::new().unwrap();
        metrics.observe_http("/api/v1/things/{id}", "GET", 200, Duration::from_millis(3));
        let hits = Arc::new(AtomicU64::new(0));
        let source = hits.clone();
        metrics.counter_fn("rustok_test_hits_total", "test hits", move || {
            source.load(Ordering::Relaxed)
        });
        hits.store(42, Ordering::Relaxed);
        let text = metrics.render();
        assert!(text.contains(
            r#"rustok_http_requests_total{method="GET",route="/api/v1/things/{id}",status="200"} 1"#
        ));
        assert!(text.contains("rustok_http_request_duration_seconds_bucket"));
        assert!(
            text.contains("# TYPE rustok_test_hits_total counter\nrustok_test_hits_total 42\n")
        );
    }

    #[test]
    fn status_labels_are_three_digits() {
        assert_eq!(itoa_status(200), "200");
        assert_eq!(itoa_status(503), "503");
    }
}
