//! Writes: creating a node (a child bumps its parent's counters), updating it (keeping a
//! revision), pinning and locking it, deleting it with its replies. Each writes its events in
//! its own transaction; a refused write changes nothing and writes none.

use chrono::{DateTime, FixedOffset, Utc};
use rustok_core::{DomainEvent, Locale, begin_write};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter,
    QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::revisions::bump_version;
use super::tags::set_tags;
use super::texts::{upsert_body, upsert_translation};
use super::{
    MAX_DEPTH, MAX_KIND_LEN, NodeService, existing_node, find_node, updated, writable_locale,
};
use crate::dto::{NewNode, NodeFlags, NodePatch, NodeView};
use crate::entities::nodes;
use crate::status::NodeStatus;
use crate::{ContentContext, ContentError};

impl NodeService<'_> {
    /// Creates a draft node with its first translation (and body), in one transaction with its
    /// `NodeCreated` event. A child (comment, reply) bumps its parent's `reply_count`.
    pub async fn create(
        &self,
        ctx: &ContentContext,
        input: NewNode,
    ) -> Result<NodeView, ContentError> {
        self.create_with_status(ctx, input, NodeStatus::Draft).await
    }

    /// Like [`Self::create`], but the node starts in `status`: `draft`, `review` (a submission
    /// awaiting moderation) or `published` (forum posts, comments by moderators); the
    /// `NodePublished` event of a published start is written in the same transaction.
    pub async fn create_with_status(
        &self,
        ctx: &ContentContext,
        input: NewNode,
        status: NodeStatus,
    ) -> Result<NodeView, ContentError> {
        if !matches!(
            status,
            NodeStatus::Draft | NodeStatus::Review | NodeStatus::Published
        ) {
            return Err(ContentError::invalid(
                "status",
                "a node starts as draft, review or published",
            ));
        }
        let kind = validate_kind(&input.kind)?;
        let locale = writable_locale(ctx, &input.translation.locale)?;
        let body_locale = input
            .body
            .as_ref()
            .map(|body| writable_locale(ctx, &body.locale))
            .transpose()?;
        let metadata = validate_metadata(input.metadata)?;

        let txn = begin_write(self.db).await?;
        check_category(&txn, ctx, input.category_id).await?;
        let depth = child_depth(&txn, ctx, input.parent_id).await?;
        let now = Utc::now().fixed_offset();
        let node = nodes::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant.as_uuid()),
            kind: Set(kind.clone()),
            parent_id: Set(input.parent_id),
            author_id: Set(ctx.actor),
            category_id: Set(input.category_id),
            status: Set(status.as_str().to_string()),
            position: Set(input.position),
            depth: Set(depth),
            reply_count: Set(0),
            metadata: Set(metadata),
            publish_at: Set(None),
            published_at: Set((status == NodeStatus::Published).then_some(now)),
            last_activity_at: Set(now),
            pinned: Set(false),
            locked: Set(false),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        upsert_translation(&txn, &node, &locale, input.translation).await?;
        if let (Some(body), Some(body_locale)) = (input.body, body_locale) {
            upsert_body(&txn, &node, &body_locale, body).await?;
        }
        let new_tags = if input.tags.is_empty() {
            Vec::new()
        } else {
            set_tags(&txn, &node, &input.tags).await?
        };
        if let Some(parent_id) = node.parent_id {
            count_child(&txn, ctx, parent_id, now).await?;
        }
        let mut events = vec![DomainEvent::NodeCreated {
            node_id: node.id,
            kind: kind.clone(),
            author_id: ctx.actor,
        }];
        if status == NodeStatus::Published {
            events.push(DomainEvent::NodePublished {
                node_id: node.id,
                kind,
            });
        }
        events.extend(new_tags);
        self.emit(&txn, ctx, events).await?;
        txn.commit().await?;
        self.get(ctx, node.id, Some(&locale)).await
    }

    /// Pins or locks a node (moderation state: not kept as a revision). `NodeUpdated` is
    /// written in the same transaction.
    pub async fn set_flags(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        flags: NodeFlags,
    ) -> Result<NodeView, ContentError> {
        let txn = begin_write(self.db).await?;
        let node = existing_node(&txn, ctx, id).await?;
        let mut active: nodes::ActiveModel = node.into();
        if let Some(pinned) = flags.pinned {
            active.pinned = Set(pinned);
        }
        if let Some(locked) = flags.locked {
            active.locked = Set(locked);
        }
        active.updated_at = Set(Utc::now().fixed_offset());
        let node = active.update(&txn).await?;
        self.emit(&txn, ctx, [updated(&node)]).await?;
        txn.commit().await?;
        self.get(ctx, id, None).await
    }

    /// Applies `patch`, keeping the previous state as a revision; `NodeUpdated` (and
    /// `NodeTranslationUpdated` when texts changed) are written in the same transaction.
    pub async fn update(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        patch: NodePatch,
    ) -> Result<NodeView, ContentError> {
        let translation_locale = patch
            .translation
            .as_ref()
            .map(|t| writable_locale(ctx, &t.locale))
            .transpose()?;
        let body_locale = patch
            .body
            .as_ref()
            .map(|b| writable_locale(ctx, &b.locale))
            .transpose()?;
        let metadata = patch
            .metadata
            .map(|m| validate_metadata(Some(m)))
            .transpose()?;
        let txn = begin_write(self.db).await?;
        let node = existing_node(&txn, ctx, id).await?;
        if let Some(expected) = patch.expected_version
            && expected != node.version
        {
            return Err(ContentError::VersionConflict {
                current: node.version,
            });
        }
        let node = bump_version(&txn, ctx, &node).await?;
        let mut active: nodes::ActiveModel = node.clone().into();
        if let Some(category) = patch.category_id {
            check_category(&txn, ctx, category).await?;
            active.category_id = Set(category);
        }
        if let Some(position) = patch.position {
            active.position = Set(position);
        }
        if let Some(metadata) = metadata {
            active.metadata = Set(metadata);
        }
        let node = active.update(&txn).await?;
        let mut changed_locales: Vec<Locale> = Vec::new();
        if let (Some(translation), Some(locale)) = (patch.translation, translation_locale) {
            upsert_translation(&txn, &node, &locale, translation).await?;
            changed_locales.push(locale);
        }
        let new_tags = match &patch.tags {
            Some(tags) => set_tags(&txn, &node, tags).await?,
            None => Vec::new(),
        };
        if let (Some(body), Some(locale)) = (patch.body, body_locale) {
            upsert_body(&txn, &node, &locale, body).await?;
            if !changed_locales.contains(&locale) {
                changed_locales.push(locale);
            }
        }
        let mut events = vec![updated(&node)];
        events.extend(
            changed_locales
                .iter()
                .map(|locale| DomainEvent::NodeTranslationUpdated {
                    node_id: node.id,
                    kind: node.kind.clone(),
                    locale: locale.to_string(),
                }),
        );
        events.extend(new_tags);
        self.emit(&txn, ctx, events).await?;
        txn.commit().await?;
        self.get(ctx, id, changed_locales.first()).await
    }

    /// Deletes a node, its texts, revisions and children.
    pub async fn delete(&self, ctx: &ContentContext, id: Uuid) -> Result<(), ContentError> {
        let txn = begin_write(self.db).await?;
        let node = existing_node(&txn, ctx, id).await?;
        // The database cascade removes the replies; consumers (the index) hear of each of them.
        let descendants = descendants(&txn, ctx, node.id).await?;
        nodes::Entity::delete_by_id(node.id).exec(&txn).await?;
        if let Some(parent_id) = node.parent_id {
            uncount_child(&txn, ctx, parent_id).await?;
        }
        let deleted = std::iter::once((node.id, node.kind))
            .chain(descendants)
            .map(|(node_id, kind)| DomainEvent::NodeDeleted { node_id, kind });
        self.emit(&txn, ctx, deleted).await?;
        txn.commit().await?;
        Ok(())
    }
}

/// The depth of a new node under `parent` (0 without one); refuses a parent of another
/// tenant, one nested too deep, or a locked one.
async fn child_depth(
    txn: &DatabaseTransaction,
    ctx: &ContentContext,
    parent: Option<Uuid>,
) -> Result<i32, ContentError> {
    let Some(parent_id) = parent else {
        return Ok(0);
    };
    let parent = find_node(txn, ctx, parent_id)
        .await?
        .ok_or_else(|| ContentError::invalid("parent_id", "no such node in this tenant"))?;
    if parent.depth + 1 > MAX_DEPTH {
        return Err(ContentError::invalid("parent_id", "nesting is too deep"));
    }
    if parent.locked {
        return Err(ContentError::Locked);
    }
    Ok(parent.depth + 1)
}

/// A new child: the parent counts one reply more and shows activity `now` (an atomic
/// increment, so concurrent replies are all counted).
async fn count_child(
    txn: &DatabaseTransaction,
    ctx: &ContentContext,
    parent_id: Uuid,
    now: DateTime<FixedOffset>,
) -> Result<(), DbErr> {
    nodes::Entity::update_many()
        .col_expr(
            nodes::Column::ReplyCount,
            Expr::col(nodes::Column::ReplyCount).add(1),
        )
        .col_expr(nodes::Column::LastActivityAt, Expr::value(now))
        .filter(nodes::Column::Id.eq(parent_id))
        .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .exec(txn)
        .await?;
    Ok(())
}

/// A deleted child: the parent counts one reply less (never below zero).
async fn uncount_child(
    txn: &DatabaseTransaction,
    ctx: &ContentContext,
    parent_id: Uuid,
) -> Result<(), DbErr> {
    nodes::Entity::update_many()
        .col_expr(
            nodes::Column::ReplyCount,
            Expr::col(nodes::Column::ReplyCount).sub(1),
        )
        .filter(nodes::Column::Id.eq(parent_id))
        .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .filter(nodes::Column::ReplyCount.gt(0))
        .exec(txn)
        .await?;
    Ok(())
}

/// Every node below `root` (replies of replies included), as (id, kind), level by level.
async fn descendants(
    txn: &DatabaseTransaction,
    ctx: &ContentContext,
    root: Uuid,
) -> Result<Vec<(Uuid, String)>, DbErr> {
    let mut found = Vec::new();
    let mut level = vec![root];
    while !level.is_empty() {
        let children: Vec<(Uuid, String)> = nodes::Entity::find()
            .select_only()
            .column(nodes::Column::Id)
            .column(nodes::Column::Kind)
            .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .filter(nodes::Column::ParentId.is_in(level))
            .into_tuple()
            .all(txn)
            .await?;
        level = children.iter().map(|(id, _)| *id).collect();
        found.extend(children);
    }
    Ok(found)
}

/// A node may only point at a category of its own tenant.
async fn check_category(
    txn: &DatabaseTransaction,
    ctx: &ContentContext,
    category: Option<Uuid>,
) -> Result<(), ContentError> {
    if let Some(category) = category
        && super::super::categories::find(txn, ctx, category)
            .await?
            .is_none()
    {
        return Err(ContentError::invalid(
            "category_id",
            "no such category in this tenant",
        ));
    }
    Ok(())
}

/// 1-32 lower-case letters or underscores once trimmed ([`crate::dto::patterns::KIND`] in the
/// API).
fn validate_kind(kind: &str) -> Result<String, ContentError> {
    let kind = kind.trim();
    if kind.is_empty()
        || kind.len() > MAX_KIND_LEN
        || !kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
    {
        return Err(ContentError::invalid(
            "kind",
            "use 1-32 lower-case letters or underscores",
        ));
    }
    Ok(kind.to_string())
}

fn validate_metadata(
    metadata: Option<serde_json::Value>,
) -> Result<serde_json::Value, ContentError> {
    match metadata {
        None => Ok(json!({})),
        Some(value) if value.is_object() && value.to_string().len() <= 16 * 1024 => Ok(value),
        Some(_) => Err(ContentError::invalid(
            "metadata",
            "must be a JSON object of at most 16 KiB",
        )),
    }
}
