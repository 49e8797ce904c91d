//! How far the index trails the write model: commit → rows written, per event applied. The
//! Prometheus histogram (`rustok_index_lag_seconds`) keeps the whole distribution; this keeps the
//! last [`WINDOW`] observations so `/metrics` and `/health/ready` can state a current p99.

use std::collections::VecDeque;
use std::sync::Mutex;

use prometheus::Histogram;

/// Observations the p99 is taken over.
pub const WINDOW: usize = 1024;

#[derive(Default)]
pub struct IndexStats {
    histogram: Option<Histogram>,
    recent: Mutex<VecDeque<f64>>,
}

impl IndexStats {
    /// Stats that also feed `histogram`.
    pub fn with_histogram(histogram: Histogram) -> Self {
        Self {
            histogram: Some(histogram),
            recent: Mutex::default(),
        }
    }

    pub fn observe(&self, seconds: f64) {
        if let Some(histogram) = &self.histogram {
            histogram.observe(seconds);
        }
        if let Ok(mut recent) = self.recent.lock() {
            if recent.len() == WINDOW {
                recent.pop_front();
            }
            recent.push_back(seconds);
        }
    }

    /// The 99th percentile of the recent lags in seconds (0 before any event).
    pub fn p99(&self) -> f64 {
        let Ok(recent) = self.recent.lock() else {
            return 0.0;
        };
        if recent.is_empty() {
            return 0.0;
        }
        let mut sorted: Vec<f64> = recent.iter().copied().collect();
        sorted.sort_by(f64::total_cmp);
        let rank = (sorted.len() * 99).div_ceil(100).saturating_sub(1);
        sorted[rank.min(sorted.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p99_is_the_value_below_which_99_percent_of_recent_lags_fall() {
        let stats = IndexStats::default();
        assert_eq!(stats.p99(), 0.0);
        for i in 1..=100 {
            stats.observe(f64::from(i) / 1000.0);
        }
        assert_eq!(stats.p99(), 0.099);
        // Old observations leave the window.
        for _ in 0..WINDOW {
            stats.observe(0.002);
        }
        assert_eq!(stats.p99(), 0.002);
    }
}
