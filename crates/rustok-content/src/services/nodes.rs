//! The node service: the only writer of the content tables.

use chrono::{DateTime, Utc};
use rustok_core::{DomainEvent, EventBus, Locale, begin_write};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, SqlErr,
};
use serde_json::json;
use uuid::Uuid;

use super::ContentContext;
use super::cursor::Cursor;
use super::slug::{slugify, validate_slug};
use super::views::{view, views};
use crate::ContentError;
use crate::dto::{
    BodyFormat, BodyInput, NewNode, NodeFilter, NodeFlags, NodePage, NodePatch, NodeView,
    RevisionView, TagView, TranslationInput,
};
use crate::entities::{bodies, node_revisions, node_tags, node_translations, nodes, tags};
use crate::markdown::{render_markdown, sanitize_html};
use crate::status::{NodeStatus, Transition};

pub const MAX_TITLE_LEN: usize = 255;
pub const MAX_EXCERPT_LEN: usize = 2_000;
pub const MAX_BODY_LEN: usize = 512 * 1024;
pub const MAX_DEPTH: i32 = 32;

pub struct NodeService<'a> {
    db: &'a DatabaseConnection,
    events: &'a EventBus,
}

impl<'a> NodeService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self { db, events }
    }

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
        let depth = match input.parent_id {
            Some(parent_id) => {
                let parent = find_node(&txn, ctx, parent_id).await?.ok_or_else(|| {
                    ContentError::invalid("parent_id", "no such node in this tenant")
                })?;
                if parent.depth + 1 > MAX_DEPTH {
                    return Err(ContentError::invalid("parent_id", "nesting is too deep"));
                }
                if parent.locked {
                    return Err(ContentError::Locked);
                }
                parent.depth + 1
            }
            None => 0,
        };
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
            nodes::Entity::update_many()
                .col_expr(
                    nodes::Column::ReplyCount,
                    Expr::col(nodes::Column::ReplyCount).add(1),
                )
                .col_expr(nodes::Column::LastActivityAt, Expr::value(now))
                .filter(nodes::Column::Id.eq(parent_id))
                .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
                .exec(&txn)
                .await?;
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
        for event in events {
            self.events
                .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
                .await?;
        }
        txn.commit().await?;
        self.get(ctx, node.id, Some(&locale)).await
    }

    /// The node in the requested locale, falling back to the tenant default (the view says
    /// which locale it returned).
    pub async fn get(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        locale: Option<&Locale>,
    ) -> Result<NodeView, ContentError> {
        let node = find_node(self.db, ctx, id)
            .await?
            .ok_or(ContentError::NotFound)?;
        view(self.db, ctx, node, locale).await
    }

    /// The kind of a node of this tenant, in one small query: what a wrapper module checks
    /// before it writes to a node by id.
    pub async fn kind_of(&self, ctx: &ContentContext, id: Uuid) -> Result<String, ContentError> {
        nodes::Entity::find_by_id(id)
            .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .select_only()
            .column(nodes::Column::Kind)
            .into_tuple::<String>()
            .one(self.db)
            .await?
            .ok_or(ContentError::NotFound)
    }

    /// The nodes with these ids that exist in the tenant (missing ones are left out), each in
    /// the requested locale or the fallback, with four queries however many are asked for: what
    /// a menu, a related-items block or a GraphQL batch needs instead of one `get` per id.
    pub async fn get_many(
        &self,
        ctx: &ContentContext,
        ids: &[Uuid],
        locale: Option<&Locale>,
    ) -> Result<Vec<NodeView>, ContentError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = nodes::Entity::find()
            .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .filter(nodes::Column::Id.is_in(ids.to_vec()))
            .all(self.db)
            .await?;
        views(self.db, ctx, rows, locale).await
    }

    /// The node of `kind` whose slug (in any of the tenant's locales) is `slug`, in the requested
    /// locale or the fallback. A slug in the requested locale wins over the same slug elsewhere.
    pub async fn get_by_slug(
        &self,
        ctx: &ContentContext,
        kind: &str,
        slug: &str,
        locale: Option<&Locale>,
    ) -> Result<NodeView, ContentError> {
        let matches = node_translations::Entity::find()
            .filter(node_translations::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .filter(node_translations::Column::Kind.eq(kind))
            .filter(node_translations::Column::Slug.eq(slug))
            .order_by_asc(node_translations::Column::Locale)
            .all(self.db)
            .await?;
        let chain = ctx.locales.fallback_chain(locale);
        let found = chain
            .iter()
            .find_map(|l| matches.iter().find(|t| t.locale == l.as_str()))
            .or_else(|| matches.first())
            .ok_or(ContentError::NotFound)?;
        self.get(ctx, found.node_id, locale).await
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
        let node = find_node(&txn, ctx, id)
            .await?
            .ok_or(ContentError::NotFound)?;
        let mut active: nodes::ActiveModel = node.into();
        if let Some(pinned) = flags.pinned {
            active.pinned = Set(pinned);
        }
        if let Some(locked) = flags.locked {
            active.locked = Set(locked);
        }
        active.updated_at = Set(Utc::now().fixed_offset());
        let node = active.update(&txn).await?;
        let event = DomainEvent::NodeUpdated {
            node_id: node.id,
            kind: node.kind.clone(),
            version: node.version,
        };
        self.events
            .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
            .await?;
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
        let node = find_node(&txn, ctx, id)
            .await?
            .ok_or(ContentError::NotFound)?;
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
        let mut events = vec![DomainEvent::NodeUpdated {
            node_id: node.id,
            kind: node.kind.clone(),
            version: node.version,
        }];
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
        for event in events {
            self.events
                .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
                .await?;
        }
        txn.commit().await?;
        let locale = changed_locales.first();
        self.get(ctx, id, locale).await
    }

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
        let node = find_node(&txn, ctx, id)
            .await?
            .ok_or(ContentError::NotFound)?;
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
        let event = status_event(&node, from, to);
        self.events
            .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
            .await?;
        txn.commit().await?;
        self.get(ctx, id, None).await
    }

    /// Deletes a node, its texts, revisions and children.
    pub async fn delete(&self, ctx: &ContentContext, id: Uuid) -> Result<(), ContentError> {
        let txn = begin_write(self.db).await?;
        let node = find_node(&txn, ctx, id)
            .await?
            .ok_or(ContentError::NotFound)?;
        // The database cascade removes the replies; consumers (the index) hear of each of them.
        let descendants = descendants(&txn, ctx, node.id).await?;
        nodes::Entity::delete_by_id(node.id).exec(&txn).await?;
        if let Some(parent_id) = node.parent_id {
            nodes::Entity::update_many()
                .col_expr(
                    nodes::Column::ReplyCount,
                    Expr::col(nodes::Column::ReplyCount).sub(1),
                )
                .filter(nodes::Column::Id.eq(parent_id))
                .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
                .filter(nodes::Column::ReplyCount.gt(0))
                .exec(&txn)
                .await?;
        }
        let deleted = std::iter::once((node.id, node.kind)).chain(descendants);
        for (node_id, kind) in deleted {
            let event = DomainEvent::NodeDeleted { node_id, kind };
            self.events
                .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
                .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// A page of nodes in the filter's order, each in the requested locale (or the fallback).
    pub async fn list(
        &self,
        ctx: &ContentContext,
        filter: NodeFilter,
        locale: Option<&Locale>,
    ) -> Result<NodePage, ContentError> {
        let after = filter
            .after
            .as_deref()
            .map(|text| Cursor::decode(text, filter.sort, filter.pinned_first))
            .transpose()?;
        let mut query =
            nodes::Entity::find().filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()));
        if let Some(author) = filter.author_id {
            query = query.filter(nodes::Column::AuthorId.eq(author));
        }
        if let Some(locale) = &filter.translated_into {
            let locale: Locale = locale.parse().map_err(|err: rustok_core::LocaleError| {
                ContentError::invalid("locale", err.to_string())
            })?;
            let translated = Query::select()
                .column(node_translations::Column::NodeId)
                .from(node_translations::Entity)
                .and_where(node_translations::Column::TenantId.eq(ctx.tenant.as_uuid()))
                .and_where(node_translations::Column::Locale.eq(locale.as_str()))
                .to_owned();
            query = query.filter(nodes::Column::Id.in_subquery(translated));
        }
        if let Some(kind) = &filter.kind {
            query = query.filter(nodes::Column::Kind.eq(kind.as_str()));
        }
        if let Some(status) = filter.status {
            query = query.filter(nodes::Column::Status.eq(status.as_str()));
        }
        if let Some(parent) = filter.parent_id {
            query = query.filter(nodes::Column::ParentId.eq(parent));
        }
        if let Some(category) = filter.category_id {
            query = query.filter(nodes::Column::CategoryId.eq(category));
        }
        if let Some(tag) = &filter.tag {
            let tag = tags::Entity::find()
                .filter(tags::Column::TenantId.eq(ctx.tenant.as_uuid()))
                .filter(tags::Column::Slug.eq(tag.as_str()))
                .one(self.db)
                .await?;
            let Some(tag) = tag else {
                return Ok(NodePage {
                    items: Vec::new(),
                    next_cursor: None,
                });
            };
            let tagged = Query::select()
                .column(node_tags::Column::NodeId)
                .from(node_tags::Entity)
                .and_where(node_tags::Column::TagId.eq(tag.id))
                .to_owned();
            query = query.filter(nodes::Column::Id.in_subquery(tagged));
        }
        let query = super::cursor::apply(query, filter.sort, filter.pinned_first, after.as_ref());
        let limit = Ord::max(filter.limit, 1);
        let mut rows = query.limit(limit + 1).all(self.db).await?;
        let has_more = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let next_cursor = rows
            .last()
            .filter(|_| has_more)
            .map(|node| Cursor::after(node, filter.sort, filter.pinned_first).encode(filter.sort));
        let items = views(self.db, ctx, rows, locale).await?;
        Ok(NodePage { items, next_cursor })
    }

    /// The tenant's tags, by slug.
    pub async fn tags(&self, ctx: &ContentContext) -> Result<Vec<TagView>, ContentError> {
        let rows = tags::Entity::find()
            .filter(tags::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .order_by_asc(tags::Column::Slug)
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|t| TagView {
                slug: t.slug,
                name: t.name,
            })
            .collect())
    }

    /// Earlier versions of a node, newest first.
    pub async fn revisions(
        &self,
        ctx: &ContentContext,
        id: Uuid,
    ) -> Result<Vec<RevisionView>, ContentError> {
        find_node(self.db, ctx, id)
            .await?
            .ok_or(ContentError::NotFound)?;
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
        let node = find_node(&txn, ctx, id)
            .await?
            .ok_or(ContentError::NotFound)?;
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
        node_translations::Entity::delete_many()
            .filter(node_translations::Column::NodeId.eq(id))
            .exec(&txn)
            .await?;
        bodies::Entity::delete_many()
            .filter(bodies::Column::NodeId.eq(id))
            .exec(&txn)
            .await?;
        for translation in snapshot.translations {
            let slug = translation.slug.clone();
            let mut row: node_translations::ActiveModel = translation.into();
            row.id = Set(rustok_core::generate_id());
            row.insert(&txn)
                .await
                .map_err(|err| slug_conflict(err, &slug))?;
        }
        for body in snapshot.bodies {
            let mut row: bodies::ActiveModel = body.into();
            row.id = Set(rustok_core::generate_id());
            row.insert(&txn).await?;
        }
        let event = DomainEvent::NodeUpdated {
            node_id: node.id,
            kind: node.kind.clone(),
            version: node.version,
        };
        self.events
            .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
            .await?;
        txn.commit().await?;
        self.get(ctx, id, None).await
    }

    /// Publishes scheduled nodes whose time has come (all tenants). Returns how many. Run by
    /// the server's scheduler; safe to run from several processes (the status check is atomic).
    /// Tenants that switched the content module off are skipped: their due nodes are published
    /// once the module is back on.
    pub async fn publish_due(&self, now: DateTime<Utc>) -> Result<u64, ContentError> {
        use rustok_tenant::entities::tenant_modules;
        let switched_off = Query::select()
            .column(tenant_modules::Column::TenantId)
            .from(tenant_modules::Entity)
            .and_where(tenant_modules::Column::ModuleSlug.eq(crate::access::MODULE))
            .and_where(tenant_modules::Column::Enabled.eq(false))
            .to_owned();
        let due = nodes::Entity::find()
            .filter(nodes::Column::Status.eq(NodeStatus::Scheduled.as_str()))
            .filter(nodes::Column::PublishAt.lte(now.fixed_offset()))
            .filter(nodes::Column::TenantId.not_in_subquery(switched_off))
            .order_by_asc(nodes::Column::PublishAt)
            .limit(100)
            .all(self.db)
            .await?;
        let mut published = 0;
        for node in due {
            let txn = begin_write(self.db).await?;
            match set_status(
                &txn,
                &node,
                NodeStatus::Scheduled,
                NodeStatus::Published,
                Transition::Publish,
                None,
            )
            .await
            {
                Ok(updated) => {
                    let event =
                        status_event(&updated, NodeStatus::Scheduled, NodeStatus::Published);
                    let tenant = rustok_core::TenantId::from_uuid(node.tenant_id);
                    self.events.emit_in_tx(&txn, tenant, None, event).await?;
                    txn.commit().await?;
                    published += 1;
                }
                // Cancelled or published meanwhile: nothing to do.
                Err(ContentError::InvalidTransition { .. }) => txn.rollback().await?,
                // One bad node must not hold up the others.
                Err(err) => {
                    tracing::warn!(node_id = %node.id, error = %err, "scheduled publishing failed");
                    txn.rollback().await?;
                }
            }
        }
        Ok(published)
    }
}

/// Everything a revision restores.
#[derive(serde::Serialize, serde::Deserialize)]
struct Snapshot {
    node: nodes::Model,
    translations: Vec<node_translations::Model>,
    bodies: Vec<bodies::Model>,
}

async fn find_node(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    id: Uuid,
) -> Result<Option<nodes::Model>, DbErr> {
    nodes::Entity::find_by_id(id)
        .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .one(conn)
        .await
}

/// Saves the current state as a revision and moves the node to the next version; refuses when
/// a concurrent update got there first.
async fn bump_version(
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
    nodes::Entity::find_by_id(node.id)
        .one(txn)
        .await?
        .ok_or(ContentError::NotFound)
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
        let current = nodes::Entity::find_by_id(node.id)
            .one(txn)
            .await?
            .ok_or(ContentError::NotFound)?;
        let current: NodeStatus = current.status.parse().unwrap_or(from);
        return Err(ContentError::InvalidTransition {
            from: current,
            transition,
        });
    }
    nodes::Entity::find_by_id(node.id)
        .one(txn)
        .await?
        .ok_or(ContentError::NotFound)
}

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
        _ => DomainEvent::NodeUpdated {
            node_id: node.id,
            kind: node.kind.clone(),
            version: node.version,
        },
    }
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
        && super::categories::find(txn, ctx, category).await?.is_none()
    {
        return Err(ContentError::invalid(
            "category_id",
            "no such category in this tenant",
        ));
    }
    Ok(())
}

pub const MAX_TAGS: usize = 32;

/// Replaces the node's tags; unknown names become new tags of the tenant. Returns the
/// `TagCreated` events of the tags this call created.
async fn set_tags(
    txn: &DatabaseTransaction,
    node: &nodes::Model,
    names: &[String],
) -> Result<Vec<DomainEvent>, ContentError> {
    if names.len() > MAX_TAGS {
        return Err(ContentError::invalid("tags", "at most 32 tags"));
    }
    let mut wanted: Vec<(String, String)> = Vec::new();
    for name in names {
        let name = name.trim();
        let slug = slugify(name);
        if name.is_empty() || name.chars().count() > 100 || slug.is_empty() {
            return Err(ContentError::invalid(
                "tags",
                "each tag needs 1-100 characters, including a letter or digit",
            ));
        }
        if !wanted.iter().any(|(s, _)| *s == slug) {
            wanted.push((slug, name.to_string()));
        }
    }
    node_tags::Entity::delete_many()
        .filter(node_tags::Column::NodeId.eq(node.id))
        .exec(txn)
        .await?;
    let mut created = Vec::new();
    for (slug, name) in wanted {
        // Insert-if-absent, then read: two writers adding the same new tag at once both end up
        // with the one row (a failed INSERT would abort a PostgreSQL transaction).
        let inserted = tags::Entity::insert(tags::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(node.tenant_id),
            slug: Set(slug.clone()),
            name: Set(name),
            created_at: Set(Utc::now().fixed_offset()),
        })
        .on_conflict(
            OnConflict::columns([tags::Column::TenantId, tags::Column::Slug])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
        let tag_id = tags::Entity::find()
            .filter(tags::Column::TenantId.eq(node.tenant_id))
            .filter(tags::Column::Slug.eq(slug.as_str()))
            .one(txn)
            .await?
            .ok_or(ContentError::NotFound)?
            .id;
        if inserted == 1 {
            created.push(DomainEvent::TagCreated { tag_id, slug });
        }
        node_tags::ActiveModel {
            node_id: Set(node.id),
            tag_id: Set(tag_id),
            tenant_id: Set(node.tenant_id),
        }
        .insert(txn)
        .await?;
    }
    Ok(created)
}

/// A locale from a request that this tenant may write in.
pub(crate) fn writable_locale(ctx: &ContentContext, text: &str) -> Result<Locale, ContentError> {
    let locale: Locale = text.parse().map_err(|err: rustok_core::LocaleError| {
        ContentError::invalid("locale", err.to_string())
    })?;
    if !ctx.locales.allows(&locale) {
        return Err(ContentError::invalid(
            "locale",
            format!("`{locale}` is not enabled for this tenant"),
        ));
    }
    Ok(locale)
}

async fn upsert_translation(
    txn: &DatabaseTransaction,
    node: &nodes::Model,
    locale: &Locale,
    input: TranslationInput,
) -> Result<(), ContentError> {
    let title = input.title.trim().to_string();
    if title.is_empty()
        || title.chars().count() > MAX_TITLE_LEN
        || title.chars().any(char::is_control)
    {
        return Err(ContentError::invalid(
            "title",
            "must be 1..=255 characters without control characters",
        ));
    }
    let slug = match input.slug {
        Some(slug) => validate_slug(&slug)?,
        None => {
            let derived = slugify(&title);
            if derived.is_empty() {
                node.id.simple().to_string()
            } else {
                derived
            }
        }
    };
    if input
        .excerpt
        .as_ref()
        .is_some_and(|e| e.chars().count() > MAX_EXCERPT_LEN)
    {
        return Err(ContentError::invalid(
            "excerpt",
            "must be at most 2000 characters",
        ));
    }
    let now = Utc::now().fixed_offset();
    let existing = node_translations::Entity::find()
        .filter(node_translations::Column::NodeId.eq(node.id))
        .filter(node_translations::Column::Locale.eq(locale.as_str()))
        .one(txn)
        .await?;
    let is_new = existing.is_none();
    let mut row: node_translations::ActiveModel = match existing {
        Some(existing) => existing.into(),
        None => node_translations::ActiveModel {
            id: Set(rustok_core::generate_id()),
            node_id: Set(node.id),
            tenant_id: Set(node.tenant_id),
            kind: Set(node.kind.clone()),
            locale: Set(locale.to_string()),
            ..Default::default()
        },
    };
    let slug_for_error = slug.clone();
    row.title = Set(title);
    row.slug = Set(slug);
    row.excerpt = Set(input.excerpt.map(|e| sanitize_text(&e)));
    row.seo_title = Set(input.seo_title.map(|t| t.chars().take(255).collect()));
    row.seo_description = Set(input.seo_description.map(|t| t.chars().take(500).collect()));
    row.updated_at = Set(now);
    let saved = if is_new {
        row.insert(txn).await
    } else {
        row.update(txn).await
    };
    saved.map_err(|err| slug_conflict(err, &slug_for_error))?;
    Ok(())
}

async fn upsert_body(
    txn: &DatabaseTransaction,
    node: &nodes::Model,
    locale: &Locale,
    input: BodyInput,
) -> Result<(), ContentError> {
    if input.source.len() > MAX_BODY_LEN {
        return Err(ContentError::invalid("body", "must be at most 512 KiB"));
    }
    let html = match input.format {
        BodyFormat::Markdown => render_markdown(&input.source),
        BodyFormat::Html => sanitize_html(&input.source),
        BodyFormat::Blocks => {
            if !input
                .blocks
                .as_ref()
                .is_some_and(serde_json::Value::is_array)
            {
                return Err(ContentError::invalid(
                    "blocks",
                    "format `blocks` needs a JSON array of blocks",
                ));
            }
            sanitize_html(&input.source)
        }
    };
    let existing = bodies::Entity::find()
        .filter(bodies::Column::NodeId.eq(node.id))
        .filter(bodies::Column::Locale.eq(locale.as_str()))
        .one(txn)
        .await?;
    let is_new = existing.is_none();
    let mut row: bodies::ActiveModel = match existing {
        Some(existing) => existing.into(),
        None => bodies::ActiveModel {
            id: Set(rustok_core::generate_id()),
            node_id: Set(node.id),
            tenant_id: Set(node.tenant_id),
            locale: Set(locale.to_string()),
            ..Default::default()
        },
    };
    row.format = Set(input.format.as_str().to_string());
    row.source = Set(input.source);
    row.html = Set(html);
    row.blocks = Set(input.blocks);
    row.updated_at = Set(Utc::now().fixed_offset());
    if is_new {
        row.insert(txn).await?;
    } else {
        row.update(txn).await?;
    }
    Ok(())
}

fn validate_kind(kind: &str) -> Result<String, ContentError> {
    let kind = kind.trim();
    if kind.is_empty()
        || kind.len() > 32
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

/// Excerpts are plain text, safe to put into HTML: every tag is dropped (script and style with
/// their content), and `&`, `<`, `>` left in the text are escaped.
fn sanitize_text(text: &str) -> String {
    ammonia::Builder::empty().clean(text).to_string()
}

fn slug_conflict(err: DbErr, slug: &str) -> ContentError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ContentError::SlugTaken(slug.to_string()),
        _ => ContentError::Database(err),
    }
}
