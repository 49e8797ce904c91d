use std::sync::Arc;
use std::sync::atomic::Ordering;

use async_trait::async_trait;
use sea_orm::DatabaseTransaction;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::{DomainEvent, EventEnvelope, EventError, TransportStats};

/// Reacts to events. Delivery can repeat (at-least-once transports), so handlers must be idempotent.
#[async_trait]
pub trait EventHandler: Send + Sync {
    /// Consumer name: stable, used for metrics, idempotency records and replay.
    fn name(&self) -> &'static str;
    fn handles(&self, event: &DomainEvent) -> bool;
    async fn handle(&self, envelope: &EventEnvelope) -> Result<(), EventError>;

    /// Called by the outbox relay with a transaction that also records this consumer as having
    /// seen the event: write through `txn` and the effect happens exactly once. The default
    /// ignores the transaction (at-least-once; make `handle` idempotent).
    async fn handle_in_tx(
        &self,
        _txn: &DatabaseTransaction,
        envelope: &EventEnvelope,
    ) -> Result<(), EventError> {
        self.handle(envelope).await
    }

    /// Called once the event's effect is committed (after `handle_in_tx`'s transaction, or after
    /// `handle`): where a handler tells in-process readers (caches) that its rows changed.
    /// Telling them earlier would let a reader cache what it read before the commit.
    async fn after_commit(&self, _envelope: &EventEnvelope) {}
}

/// Fans each event out to the handlers interested in it, in registration order.
#[derive(Clone, Default)]
pub struct EventDispatcher {
    handlers: Vec<Arc<dyn EventHandler>>,
}

impl EventDispatcher {
    pub fn new(handlers: Vec<Arc<dyn EventHandler>>) -> Self {
        Self { handlers }
    }

    pub fn handlers(&self) -> &[Arc<dyn EventHandler>] {
        &self.handlers
    }

    /// Runs every interested handler; returns the failures (one per failing handler).
    pub async fn dispatch(&self, envelope: &EventEnvelope) -> Vec<EventError> {
        let mut failures = Vec::new();
        for handler in self.handlers.iter().filter(|h| h.handles(&envelope.event)) {
            let outcome = handler.handle(envelope).await;
            if outcome.is_ok() {
                handler.after_commit(envelope).await;
            }
            if let Err(err) = outcome {
                tracing::warn!(
                    handler = handler.name(),
                    event_id = %envelope.id,
                    event_type = %envelope.event_type,
                    error = %err,
                    "event handler failed"
                );
                failures.push(err);
            }
        }
        failures
    }

    /// Drains an in-memory transport until every sender is gone.
    pub fn spawn(
        self,
        mut receiver: mpsc::Receiver<EventEnvelope>,
        stats: Arc<TransportStats>,
    ) -> JoinHandle<()> {
        tokio::spawn(async move {
            while let Some(envelope) = receiver.recv().await {
                let failures = self.dispatch(&envelope).await;
                stats.dispatched.fetch_add(1, Ordering::Relaxed);
                stats
                    .handler_failures
                    .fetch_add(failures.len() as u64, Ordering::Relaxed);
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{EventBus, MemoryTransport, MemoryTransportConfig};
    use crate::id::TenantId;
    use std::sync::Mutex;

    struct Recorder {
        seen: Mutex<Vec<String>>,
        fail: bool,
    }

    #[async_trait]
    impl EventHandler for Recorder {
        fn name(&self) -> &'static str {
            "recorder"
        }
        fn handles(&self, event: &DomainEvent) -> bool {
            matches!(event, DomainEvent::TenantUpdated { .. })
        }
        async fn handle(&self, envelope: &EventEnvelope) -> Result<(), EventError> {
            self.seen.lock().unwrap().push(envelope.event_type.clone());
            if self.fail {
                return Err(EventError::Transport("boom".into()));
            }
            Ok(())
        }
    }

    #[tokio::test]
    async fn delivers_published_events_to_interested_handlers_only() {
        let ok = Arc::new(Recorder {
            seen: Mutex::default(),
            fail: false,
        });
        let failing = Arc::new(Recorder {
            seen: Mutex::default(),
            fail: true,
        });
        let (transport, receiver) = MemoryTransport::new(MemoryTransportConfig::default());
        let stats = transport.stats();
        let bus = EventBus::new(Arc::new(transport));
        let task =
            EventDispatcher::new(vec![ok.clone(), failing.clone()]).spawn(receiver, stats.clone());

        let tenant = TenantId::new();
        let updated = DomainEvent::TenantUpdated {
            tenant_id: tenant.as_uuid(),
        };
        let other = DomainEvent::TenantDeactivated {
            tenant_id: tenant.as_uuid(),
        };
        bus.emit(tenant, None, updated).await.unwrap();
        bus.emit(tenant, None, other).await.unwrap();
        drop(bus);
        task.await.unwrap();

        assert_eq!(*ok.seen.lock().unwrap(), vec!["tenant.updated"]);
        let snapshot = stats.snapshot();
        assert_eq!((snapshot.dispatched, snapshot.handler_failures), (2, 1));
    }

    #[tokio::test]
    async fn invalid_events_never_reach_the_transport() {
        let (transport, _receiver) = MemoryTransport::new(MemoryTransportConfig::default());
        let stats = transport.stats();
        let bus = EventBus::new(Arc::new(transport));
        let bad = DomainEvent::TenantUpdated {
            tenant_id: uuid::Uuid::nil(),
        };
        assert!(matches!(
            bus.emit(TenantId::new(), None, bad).await,
            Err(EventError::Invalid(_))
        ));
        assert_eq!(stats.snapshot().accepted, 0);
    }
}
