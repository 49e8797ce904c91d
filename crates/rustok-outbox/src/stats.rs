use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rustok_telemetry::{Histogram, Metrics, TelemetryError};
use serde::Serialize;

/// Outbox counters and gauges, registered with `/metrics`.
#[derive(Debug, Default)]
pub struct OutboxStats {
    /// Event rows written (a row written in a transaction that rolls back is counted too).
    pub published: AtomicU64,
    /// Events delivered to every handler.
    pub dispatched: AtomicU64,
    /// Delivery attempts that failed (each will be retried or parked).
    pub failed: AtomicU64,
    /// Events parked in the DLQ.
    pub dead: AtomicU64,
    /// Undelivered events: pending, and failed ones waiting for their retry (sampled by the relay).
    pub backlog: AtomicU64,
    /// Events currently in the DLQ (sampled by the relay).
    pub dead_letters: AtomicU64,
    batch_seconds: Option<Histogram>,
    lag_seconds: Option<Histogram>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OutboxStatsSnapshot {
    pub published: u64,
    pub dispatched: u64,
    pub failed: u64,
    pub dead: u64,
    pub backlog: u64,
    pub dead_letters: u64,
}

const BATCH_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0,
];
const LAG_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0, 30.0, 300.0,
];

/// Metric name, help text, and the counter it reads.
type CounterField = (&'static str, &'static str, fn(&OutboxStats) -> &AtomicU64);

impl OutboxStats {
    /// Stats whose counters and histograms appear in `metrics`.
    pub fn registered(metrics: &Metrics) -> Result<Arc<Self>, TelemetryError> {
        let stats = Arc::new(Self {
            batch_seconds: Some(metrics.histogram(
                "rustok_outbox_relay_batch_seconds",
                "Time to claim, deliver and mark one relay batch",
                BATCH_BUCKETS,
            )?),
            lag_seconds: Some(metrics.histogram(
                "rustok_outbox_dispatch_lag_seconds",
                "Time from an event's commit to its dispatch",
                LAG_BUCKETS,
            )?),
            ..Self::default()
        });
        let counters: [CounterField; 4] = [
            (
                "rustok_outbox_published_total",
                "Event rows written to the outbox",
                |s| &s.published,
            ),
            (
                "rustok_outbox_dispatched_total",
                "Events delivered to every handler",
                |s| &s.dispatched,
            ),
            (
                "rustok_outbox_failed_total",
                "Failed delivery attempts",
                |s| &s.failed,
            ),
            (
                "rustok_outbox_dead_total",
                "Events parked in the dead-letter queue",
                |s| &s.dead,
            ),
        ];
        for (name, help, field) in counters {
            let source = stats.clone();
            metrics.counter_fn(name, help, move || field(&source).load(Ordering::Relaxed));
        }
        let source = stats.clone();
        metrics.gauge_fn(
            "rustok_outbox_backlog",
            "Due events waiting for the relay",
            move || source.backlog.load(Ordering::Relaxed) as f64,
        );
        let source = stats.clone();
        metrics.gauge_fn(
            "rustok_outbox_dead_letters",
            "Events currently in the DLQ",
            move || source.dead_letters.load(Ordering::Relaxed) as f64,
        );
        Ok(stats)
    }

    pub fn snapshot(&self) -> OutboxStatsSnapshot {
        OutboxStatsSnapshot {
            published: self.published.load(Ordering::Relaxed),
            dispatched: self.dispatched.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            dead: self.dead.load(Ordering::Relaxed),
            backlog: self.backlog.load(Ordering::Relaxed),
            dead_letters: self.dead_letters.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn observe_batch(&self, seconds: f64) {
        if let Some(histogram) = &self.batch_seconds {
            histogram.observe(seconds);
        }
    }

    pub(crate) fn observe_lag(&self, seconds: f64) {
        if let Some(histogram) = &self.lag_seconds {
            histogram.observe(seconds.max(0.0));
        }
    }
}
