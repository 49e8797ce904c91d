//! Revisions: every update first keeps the node's state (fields, translations, bodies) and
//! moves it to the next version; earlier versions can be listed and restored.

use chrono::Utc;
use rustok_core::begin_write;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::texts::slug_conflict;
use super::{NodeService, existing_node, reread, updated};
use crate::dto::{NodeView, RevisionView};
use crate::entities::{bodies, node_revisions, node_translations, nodes};
use crate::{ContentContext, ContentError};

impl NodeService<'_> {
    /// Earlier versions of a node, newest first.
    pub async fn revisions(
        &self,
        ctx: &ContentContext,
        id: Uuid,
    ) -> Result<Vec<RevisionView>, ContentError> {
        existing_node(self.db, ctx, id).await?;
        let rows = node_revisions::Entity::find()
            .filter(node_revisions::Column::NodeId.eq(id))
            .filter(node_revisions::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .order_by_desc(node_revisions::Column::Version)
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| RevisionView {
                version: r.version,
                author_id: r.author_id,
                created_at: r.created_at,
            })
            .collect())
    }

    /// Brings back the node's fields, translations and bodies as they were at `version` (itself
    /// a new version, so the restore can be undone too).
    pub async fn restore_revision(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        version: i32,
    ) -> Result<NodeView, ContentError> {
        let txn = begin_write(self.db).await?;
        let node = existing_node(&txn, ctx, id).await?;
        let revision = node_revisions::Entity::find()
            .filter(node_revisions::Column::NodeId.eq(id))
            .filter(node_revisions::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .filter(node_revisions::Column::Version.eq(version))
            .one(&txn)
            .await?
            .ok_or(ContentError::RevisionNotFound)?;
        let snapshot: Snapshot = serde_json::from_value(revision.snapshot)
            .map_err(|err| ContentError::invalid("revision", err.to_string()))?;
        let node = bump_version(&txn, ctx, &node).await?;
        let mut active: nodes::ActiveModel = node.clone().into();
        active.category_id = Set(snapshot.node.category_id);
        active.position = Set(snapshot.node.position);
        active.metadata = Set(snapshot.node.metadata);
        let node = active.update(&txn).await?;
        restore_texts(&txn, id, snapshot.translations, snapshot.bodies).await?;
        self.emit(&txn, ctx, [updated(&node)]).await?;
        txn.commit().await?;
        self.get(ctx, id, None).await
    }
}

/// Everything a revision restores.
#[derive(serde::Serialize, serde::Deserialize)]
struct Snapshot {
    node: nodes::Model,
    translations: Vec<node_translations::Model>,
    bodies: Vec<bodies::Model>,
}

/// Saves the current state as a revision and moves the node to the next version; refuses when
/// a concurrent update got there first.
pub(super) async fn bump_version(
    txn: &DatabaseTransaction,
    ctx: &ContentContext,
    node: &nodes::Model,
) -> Result<nodes::Model, ContentError> {
    let translations = node_translations::Entity::find()
        .filter(node_translations::Column::NodeId.eq(node.id))
        .all(txn)
        .await?;
    let bodies = bodies::Entity::find()
        .filter(bodies::Column::NodeId.eq(node.id))
        .all(txn)
        .await?;
    let snapshot = serde_json::to_value(Snapshot {
        node: node.clone(),
        translations,
        bodies,
    })
    .map_err(|err| ContentError::invalid("revision", err.to_string()))?;
    let now = Utc::now().fixed_offset();
    let bumped = nodes::Entity::update_many()
        .col_expr(nodes::Column::Version, Expr::value(node.version + 1))
        .col_expr(nodes::Column::UpdatedAt, Expr::value(now))
        .col_expr(nodes::Column::LastActivityAt, Expr::value(now))
        .filter(nodes::Column::Id.eq(node.id))
        .filter(nodes::Column::Version.eq(node.version))
        .exec(txn)
        .await?;
    if bumped.rows_affected != 1 {
        return Err(ContentError::VersionConflict {
            current: node.version + 1,
        });
    }
    node_revisions::ActiveModel {
        id: Set(rustok_core::generate_id()),
        node_id: Set(node.id),
        tenant_id: Set(ctx.tenant.as_uuid()),
        version: Set(node.version),
        snapshot: Set(snapshot),
        author_id: Set(ctx.actor),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    reread(txn, node.id).await
}

/// Puts back the translations and bodies of a snapshot in place of the node's current ones.
async fn restore_texts(
    txn: &DatabaseTransaction,
    id: Uuid,
    translations: Vec<node_translations::Model>,
    texts: Vec<bodies::Model>,
) -> Result<(), ContentError> {
    node_translations::Entity::delete_many()
        .filter(node_translations::Column::NodeId.eq(id))
        .exec(txn)
        .await?;
    bodies::Entity::delete_many()
        .filter(bodies::Column::NodeId.eq(id))
        .exec(txn)
        .await?;
    for translation in translations {
        let slug = translation.slug.clone();
        let mut row: node_translations::ActiveModel = translation.into();
        row.id = Set(rustok_core::generate_id());
        row.insert(txn)
            .await
            .map_err(|err| slug_conflict(err, &slug))?;
    }
    for body in texts {
        let mut row: bodies::ActiveModel = body.into();
        row.id = Set(rustok_core::generate_id());
        row.insert(txn).await?;
    }
    Ok(())
}

/// Keeps the newest `keep` revisions of every node (of every tenant) and deletes the older
/// ones; returns how many went. Housekeeping, run periodically by the server
/// (`settings.rustok.retention.revisions_per_node`, where 0 keeps every revision and this is
/// not called); at least one is always kept.
pub async fn prune_revisions(
    db: &sea_orm::DatabaseConnection,
    keep: u64,
) -> Result<u64, ContentError> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{ExprTrait, Func};

    let keep = Ord::max(keep, 1);
    // Nodes with more revisions than kept: few, as most nodes are edited a handful of times.
    let crowded: Vec<Uuid> = node_revisions::Entity::find()
        .select_only()
        .column(node_revisions::Column::NodeId)
        .group_by(node_revisions::Column::NodeId)
        .having(Expr::expr(Func::count(Expr::col(node_revisions::Column::Id))).gt(keep))
        .into_tuple()
        .all(db)
        .await?;
    let mut pruned = 0;
    for node in crowded {
        // The oldest version still kept: the `keep`-th newest.
        let oldest_kept: Option<i32> = node_revisions::Entity::find()
            .select_only()
            .column(node_revisions::Column::Version)
            .filter(node_revisions::Column::NodeId.eq(node))
            .order_by_desc(node_revisions::Column::Version)
            .offset(keep - 1)
            .limit(1)
            .into_tuple()
            .one(db)
            .await?;
        let Some(oldest_kept) = oldest_kept else {
            continue;
        };
        let txn = begin_write(db).await?;
        pruned += node_revisions::Entity::delete_many()
            .filter(node_revisions::Column::NodeId.eq(node))
            .filter(node_revisions::Column::Version.lt(oldest_kept))
            .exec(&txn)
            .await?
            .rows_affected;
        txn.commit().await?;
    }
    Ok(pruned)
}
