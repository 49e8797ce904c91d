//! The publishing workflow: status transitions (`status.rs` draws which are allowed),
//! scheduling, and [`NodeService::publish_due`] that the scheduler runs.

use chrono::{DateTime, Utc};
use rustok_core::{DomainEvent, ModuleSwitches, TenantId, begin_write};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::{NodeService, existing_node, reread, updated};
use crate::dto::NodeView;
use crate::entities::nodes;
use crate::status::{NodeStatus, Transition};
use crate::{ContentContext, ContentError};

impl NodeService<'_> {
    /// Moves the node through the workflow. `publish_at` is required by `Schedule` and must be
    /// in the future.
    pub async fn transition(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        transition: Transition,
        publish_at: Option<DateTime<Utc>>,
    ) -> Result<NodeView, ContentError> {
        let txn = begin_write(self.db).await?;
        let node = existing_node(&txn, ctx, id).await?;
        let from: NodeStatus = node
            .status
            .parse()
            .map_err(|_| ContentError::invalid("status", "unknown stored status"))?;
        let to = from
            .apply(transition)
            .ok_or(ContentError::InvalidTransition { from, transition })?;
        let now = Utc::now();
        if transition == Transition::Schedule {
            match publish_at {
                Some(at) if at > now => {}
                _ => {
                    return Err(ContentError::invalid(
                        "publish_at",
                        "scheduling needs a time in the future",
                    ));
                }
            }
        }
        let node = set_status(&txn, &node, from, to, transition, publish_at).await?;
        self.emit(&txn, ctx, [status_event(&node, from, to)])
            .await?;
        txn.commit().await?;
        self.get(ctx, id, None).await
    }

    /// Publishes scheduled nodes whose time has come (all tenants). Returns how many. Run by
    /// the server's scheduler; safe to run from several processes (the status check is atomic).
    /// Tenants that switched the content module off (the platform's `switches` say which) are
    /// skipped: their due nodes are published once the module is back on.
    pub async fn publish_due(
        &self,
        switches: &dyn ModuleSwitches,
        now: DateTime<Utc>,
    ) -> Result<u64, ContentError> {
        let switched_off = switches.tenants_without(crate::access::MODULE).await?;
        let due = nodes::Entity::find()
            .filter(nodes::Column::Status.eq(NodeStatus::Scheduled.as_str()))
            .filter(nodes::Column::PublishAt.lte(now.fixed_offset()))
            .filter(nodes::Column::TenantId.is_not_in(switched_off.iter().map(|t| t.as_uuid())))
            .order_by_asc(nodes::Column::PublishAt)
            .limit(100)
            .all(self.db)
            .await?;
        let mut published = 0;
        for node in due {
            if self.publish_scheduled(&node).await? {
                published += 1;
            }
        }
        Ok(published)
    }

    /// Publishes one due node in a transaction of its own, with no actor. `false` when it was
    /// cancelled or published meanwhile, or failed (logged: one bad node must not hold up the
    /// others).
    async fn publish_scheduled(&self, node: &nodes::Model) -> Result<bool, ContentError> {
        let txn = begin_write(self.db).await?;
        let (from, to) = (NodeStatus::Scheduled, NodeStatus::Published);
        match set_status(&txn, node, from, to, Transition::Publish, None).await {
            Ok(updated) => {
                let event = status_event(&updated, from, to);
                let tenant = TenantId::from_uuid(node.tenant_id);
                self.events.emit_in_tx(&txn, tenant, None, event).await?;
                txn.commit().await?;
                Ok(true)
            }
            // Cancelled or published meanwhile: nothing to do.
            Err(ContentError::InvalidTransition { .. }) => {
                txn.rollback().await?;
                Ok(false)
            }
            Err(err) => {
                tracing::warn!(node_id = %node.id, error = %err, "scheduled publishing failed");
                txn.rollback().await?;
                Ok(false)
            }
        }
    }
}

/// Changes the status only if it still is `from` (a concurrent transition loses cleanly).
async fn set_status(
    txn: &DatabaseTransaction,
    node: &nodes::Model,
    from: NodeStatus,
    to: NodeStatus,
    transition: Transition,
    publish_at: Option<DateTime<Utc>>,
) -> Result<nodes::Model, ContentError> {
    let now = Utc::now().fixed_offset();
    let mut update = nodes::Entity::update_many()
        .col_expr(nodes::Column::Status, Expr::value(to.as_str()))
        .col_expr(nodes::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            nodes::Column::PublishAt,
            Expr::value(
                publish_at
                    .filter(|_| to == NodeStatus::Scheduled)
                    .map(|at| at.fixed_offset()),
            ),
        )
        .filter(nodes::Column::Id.eq(node.id))
        .filter(nodes::Column::Status.eq(from.as_str()));
    if to == NodeStatus::Published {
        update = update.col_expr(nodes::Column::PublishedAt, Expr::value(now));
    }
    let result = update.exec(txn).await?;
    if result.rows_affected != 1 {
        let current: NodeStatus = reread(txn, node.id).await?.status.parse().unwrap_or(from);
        return Err(ContentError::InvalidTransition {
            from: current,
            transition,
        });
    }
    reread(txn, node.id).await
}

/// The event a status change announces.
fn status_event(node: &nodes::Model, from: NodeStatus, to: NodeStatus) -> DomainEvent {
    match (from, to) {
        (_, NodeStatus::Published) => DomainEvent::NodePublished {
            node_id: node.id,
            kind: node.kind.clone(),
        },
        (NodeStatus::Published, to) => DomainEvent::NodeUnpublished {
            node_id: node.id,
            kind: node.kind.clone(),
            status: to.as_str().to_string(),
        },
        _ => updated(node),
    }
}
