use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use serde::Serialize;
use tokio::sync::mpsc;

use super::{EventEnvelope, EventError, EventTransport, ReliabilityLevel};

#[derive(Debug, Clone, Copy)]
pub struct MemoryTransportConfig {
    /// Events that may wait for the dispatcher before publishers are refused.
    pub capacity: usize,
    /// Queue depth (fraction of capacity) from which each accepted event counts as a warning.
    pub warn_ratio: f64,
    /// Queue depth (fraction of capacity) from which events are rejected.
    pub reject_ratio: f64,
}

impl Default for MemoryTransportConfig {
    fn default() -> Self {
        Self {
            capacity: 10_000,
            warn_ratio: 0.7,
            reject_ratio: 0.9,
        }
    }
}

/// Counters shared by the transport and its dispatcher; read by `/metrics` and `/health/ready`.
#[derive(Debug, Default)]
pub struct TransportStats {
    pub accepted: AtomicU64,
    pub warned: AtomicU64,
    pub rejected: AtomicU64,
    pub dispatched: AtomicU64,
    pub handler_failures: AtomicU64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TransportStatsSnapshot {
    pub accepted: u64,
    pub warned: u64,
    pub rejected: u64,
    pub dispatched: u64,
    pub handler_failures: u64,
}

impl TransportStats {
    pub fn snapshot(&self) -> TransportStatsSnapshot {
        TransportStatsSnapshot {
            accepted: self.accepted.load(Ordering::Relaxed),
            warned: self.warned.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
            dispatched: self.dispatched.load(Ordering::Relaxed),
            handler_failures: self.handler_failures.load(Ordering::Relaxed),
        }
    }
}

/// L0 transport: a bounded in-process queue with backpressure (accept / warn / reject).
///
/// Lossy by design (a crash loses queued events): for development and tests.
#[derive(Clone)]
pub struct MemoryTransport {
    sender: mpsc::Sender<EventEnvelope>,
    capacity: usize,
    warn_at: usize,
    reject_at: usize,
    stats: Arc<TransportStats>,
}

impl MemoryTransport {
    /// Returns the transport and the receiving end, which an `EventDispatcher` drains.
    pub fn new(config: MemoryTransportConfig) -> (Self, mpsc::Receiver<EventEnvelope>) {
        let capacity = config.capacity.max(1);
        let (sender, receiver) = mpsc::channel(capacity);
        let threshold = |ratio: f64| ((capacity as f64) * ratio.clamp(0.0, 1.0)).ceil() as usize;
        let transport = Self {
            sender,
            capacity,
            warn_at: threshold(config.warn_ratio),
            reject_at: threshold(config.reject_ratio).max(1),
            stats: Arc::new(TransportStats::default()),
        };
        (transport, receiver)
    }

    pub fn stats(&self) -> Arc<TransportStats> {
        self.stats.clone()
    }

    /// Events waiting for the dispatcher.
    pub fn depth(&self) -> usize {
        self.capacity - self.sender.capacity()
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    fn reject(&self, depth: usize) -> EventError {
        self.stats.rejected.fetch_add(1, Ordering::Relaxed);
        EventError::Rejected {
            depth,
            capacity: self.capacity,
        }
    }
}

#[async_trait]
impl EventTransport for MemoryTransport {
    async fn publish(&self, envelope: EventEnvelope) -> Result<(), EventError> {
        let depth = self.depth();
        if depth >= self.reject_at {
            tracing::warn!(
                depth,
                capacity = self.capacity,
                "event queue critical; rejecting event"
            );
            return Err(self.reject(depth));
        }
        if depth >= self.warn_at {
            self.stats.warned.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(
                depth,
                capacity = self.capacity,
                "event queue above warning level"
            );
        }
        match self.sender.try_send(envelope) {
            Ok(()) => {
                self.stats.accepted.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
            Err(mpsc::error::TrySendError::Full(_)) => Err(self.reject(depth)),
            Err(mpsc::error::TrySendError::Closed(_)) => Err(EventError::Closed),
        }
    }

    fn reliability_level(&self) -> ReliabilityLevel {
        ReliabilityLevel::InMemory
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::DomainEvent;
    use crate::id::TenantId;

    fn envelope() -> EventEnvelope {
        EventEnvelope::new(
            TenantId::new(),
            None,
            DomainEvent::TenantUpdated {
                tenant_id: uuid::Uuid::from_u128(1),
            },
        )
    }

    #[tokio::test]
    async fn accepts_then_warns_then_rejects_as_the_queue_fills() {
        let (transport, mut receiver) = MemoryTransport::new(MemoryTransportConfig {
            capacity: 10,
            warn_ratio: 0.5,
            reject_ratio: 0.8,
        });
        let mut results = Vec::new();
        for _ in 0..10 {
            results.push(transport.publish(envelope()).await);
        }
        assert!(results[..8].iter().all(Result::is_ok));
        assert!(matches!(
            results[8],
            Err(EventError::Rejected {
                depth: 8,
                capacity: 10
            })
        ));
        let stats = transport.stats().snapshot();
        assert_eq!((stats.accepted, stats.warned, stats.rejected), (8, 3, 2));

        // draining the queue lets publishers in again
        while receiver.try_recv().is_ok() {}
        transport.publish(envelope()).await.unwrap();
        assert_eq!(transport.depth(), 1);
    }

    #[tokio::test]
    async fn closed_receiver_is_an_error_not_a_drop() {
        let (transport, receiver) = MemoryTransport::new(MemoryTransportConfig::default());
        drop(receiver);
        assert_eq!(transport.publish(envelope()).await, Err(EventError::Closed));
    }
}
