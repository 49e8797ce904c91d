//! Domain events: what happened (`DomainEvent`), its metadata (`EventEnvelope`), how it travels
//! (`EventTransport`, with the in-memory transport here) and who reacts (`EventHandler`).
//!
//! Services publish through [`EventBus`], which validates every envelope first: an invalid event is
//! an error for the caller, never a silent drop.

mod bus;
mod dispatcher;
mod envelope;
mod memory;
mod transport;
mod types;

pub use bus::EventBus;
pub use dispatcher::{EventDispatcher, EventHandler};
pub use envelope::EventEnvelope;
pub use memory::{MemoryTransport, MemoryTransportConfig, TransportStats, TransportStatsSnapshot};
pub use transport::{EventError, EventTransport, ReliabilityLevel};
pub use types::{DomainEvent, MAX_IMPORTED};
