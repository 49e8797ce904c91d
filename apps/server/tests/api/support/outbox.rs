//! What the transactional outbox holds (events counted by type, status or tenant, or one
//! event), and what its audit consumer wrote.

use rustok_outbox::entities::sys_events;
use rustok_server::models::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};

use super::TestApp;

impl TestApp {
    /// Waits until the relay has delivered every event committed so far. Visitors read the
    /// index, which the `index` consumer writes: a visitor's read right after a write may show
    /// the state before it, as in production.
    pub async fn caught_up(&self) {
        for _ in 0..1000 {
            let backlog = self
                .count(
                    sys_events::Entity::find()
                        .filter(sys_events::Column::Status.is_in(["pending", "failed"])),
                )
                .await;
            if backlog == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("the relay did not deliver every event within 10 s");
    }

    /// With the relay running, waits (at most 3 s) until no event is pending: what every content
    /// read does first (`Call::send`), so a test's read after a write sees it as a visitor does
    /// once the index caught up. Failed events waiting for a retry do not hold it up.
    pub async fn delivered(&self) {
        if self.state.relay().is_none() || !self.state.settings.events.outbox.relay {
            return;
        }
        for _ in 0..300 {
            let pending = self
                .count(sys_events::Entity::find().filter(sys_events::Column::Status.eq("pending")))
                .await;
            if pending == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }

    async fn count(&self, query: Select<sys_events::Entity>) -> u64 {
        query.count(&self.state.db).await.expect("count events")
    }

    /// Every stored event.
    pub async fn stored_events(&self) -> u64 {
        self.count(sys_events::Entity::find()).await
    }

    /// Stored events of `event_type`, in any tenant.
    pub async fn events_of_type(&self, event_type: &str) -> u64 {
        self.count(sys_events::Entity::find().filter(sys_events::Column::EventType.eq(event_type)))
            .await
    }

    /// Stored events with delivery status `status` (`pending`, `dispatched`, `dead`).
    pub async fn events_with_status(&self, status: &str) -> u64 {
        self.count(sys_events::Entity::find().filter(sys_events::Column::Status.eq(status)))
            .await
    }

    /// Stored events of `event_type` written in tenant `slug`.
    pub async fn tenant_events_of_type(&self, slug: &str, event_type: &str) -> u64 {
        let tenant: uuid::Uuid = self.tenant_id(slug).await.parse().expect("tenant id");
        self.count(
            sys_events::Entity::find()
                .filter(sys_events::Column::EventType.eq(event_type))
                .filter(sys_events::Column::TenantId.eq(tenant)),
        )
        .await
    }

    /// Stored event `id`, if the outbox holds it.
    pub async fn stored_event(&self, id: uuid::Uuid) -> Option<sys_events::Model> {
        sys_events::Entity::find_by_id(id)
            .one(&self.state.db)
            .await
            .expect("load event")
    }

    /// Entries the audit-log consumer has written, in all tenants.
    pub async fn audit_entries(&self) -> u64 {
        audit_log::Entity::find()
            .count(&self.state.db)
            .await
            .expect("count audit entries")
    }

    /// Stored events of `event_type` whose payload names content node `node_id`.
    pub async fn events_about_node(&self, event_type: &str, node_id: &str) -> usize {
        sys_events::Entity::find()
            .filter(sys_events::Column::EventType.eq(event_type))
            .all(&self.state.db)
            .await
            .expect("load events")
            .iter()
            .filter(|e| e.payload["data"]["node_id"] == node_id)
            .count()
    }
}
