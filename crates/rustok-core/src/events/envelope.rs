use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{DomainEvent, EventError};
use crate::id::{TenantId, generate_id};

const MAX_TRACE_ID: usize = 128;

/// A domain event plus the metadata every transport and handler needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventEnvelope {
    pub id: Uuid,
    pub tenant_id: TenantId,
    pub actor_id: Option<Uuid>,
    /// Shared by every event caused, directly or not, by one request.
    pub correlation_id: Uuid,
    /// The event that caused this one, if any.
    pub causation_id: Option<Uuid>,
    pub trace_id: Option<String>,
    pub retry_count: u32,
    pub timestamp: DateTime<Utc>,
    pub event_type: String,
    pub schema_version: u16,
    pub event: DomainEvent,
}

impl EventEnvelope {
    pub fn new(tenant_id: TenantId, actor_id: Option<Uuid>, event: DomainEvent) -> Self {
        let id = generate_id();
        Self {
            id,
            tenant_id,
            actor_id,
            correlation_id: id,
            causation_id: None,
            trace_id: None,
            retry_count: 0,
            timestamp: Utc::now(),
            event_type: event.event_type().to_string(),
            schema_version: event.schema_version(),
            event,
        }
    }

    /// Marks this event as a consequence of `parent` (same correlation, parent as cause).
    pub fn caused_by(mut self, parent: &EventEnvelope) -> Self {
        self.correlation_id = parent.correlation_id;
        self.causation_id = Some(parent.id);
        self
    }

    pub fn with_correlation_id(mut self, correlation_id: Uuid) -> Self {
        self.correlation_id = correlation_id;
        self
    }

    pub fn with_trace_id(mut self, trace_id: impl Into<String>) -> Self {
        self.trace_id = Some(trace_id.into());
        self
    }

    /// Run before publishing: transports only ever see valid envelopes.
    pub fn validate(&self) -> Result<(), EventError> {
        if self.id.is_nil() || self.correlation_id.is_nil() {
            return Err(EventError::Invalid("envelope: nil id".into()));
        }
        if self.tenant_id.as_uuid().is_nil() {
            return Err(EventError::Invalid("envelope: nil tenant_id".into()));
        }
        if self.event_type != self.event.event_type() {
            return Err(EventError::Invalid(format!(
                "envelope: event_type `{}` does not match payload `{}`",
                self.event_type,
                self.event.event_type()
            )));
        }
        if self.schema_version != self.event.schema_version() {
            return Err(EventError::Invalid(
                "envelope: schema_version mismatch".into(),
            ));
        }
        if self
            .trace_id
            .as_ref()
            .is_some_and(|t| t.len() > MAX_TRACE_ID)
        {
            return Err(EventError::Invalid("envelope: trace_id too long".into()));
        }
        self.event.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> DomainEvent {
        DomainEvent::TenantUpdated {
            tenant_id: Uuid::from_u128(9),
        }
    }

    #[test]
    fn new_envelope_is_valid_and_self_correlated() {
        let env = EventEnvelope::new(TenantId::new(), None, event());
        env.validate().unwrap();
        assert_eq!(env.correlation_id, env.id);
        assert_eq!(env.event_type, "tenant.updated");
    }

    #[test]
    fn causation_links_to_parent() {
        let parent = EventEnvelope::new(TenantId::new(), None, event());
        let child = EventEnvelope::new(parent.tenant_id, None, event()).caused_by(&parent);
        assert_eq!(child.correlation_id, parent.correlation_id);
        assert_eq!(child.causation_id, Some(parent.id));
    }

    #[test]
    fn tampered_envelopes_are_refused() {
        let mut env = EventEnvelope::new(TenantId::new(), None, event());
        env.event_type = "something.else".into();
        assert!(env.validate().is_err());
        let env = EventEnvelope::new(TenantId::from_uuid(Uuid::nil()), None, event());
        assert!(env.validate().is_err());
    }

    #[test]
    fn round_trips_through_json() {
        let env = EventEnvelope::new(TenantId::new(), Some(Uuid::from_u128(3)), event());
        let back: EventEnvelope =
            serde_json::from_str(&serde_json::to_string(&env).unwrap()).unwrap();
        assert_eq!(back, env);
    }
}
