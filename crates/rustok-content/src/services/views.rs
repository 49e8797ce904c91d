//! Building `NodeView`s: a node in one locale, with its body and tags. Many nodes at once cost
//! the same few queries as one.

use std::collections::HashMap;

use rustok_core::Locale;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::ContentContext;
use crate::ContentError;
use crate::dto::{BodyView, NodeView, TagView};
use crate::entities::{bodies, node_tags, node_translations, nodes, tags};

pub(super) async fn view(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    node: nodes::Model,
    locale: Option<&Locale>,
) -> Result<NodeView, ContentError> {
    views(conn, ctx, vec![node], locale)
        .await?
        .pop()
        .ok_or(ContentError::NotFound)
}

/// Views of many nodes with three queries in all (translations, bodies, tags), whatever
/// their number: listings never query per node.
pub(super) async fn views(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    rows: Vec<nodes::Model>,
    locale: Option<&Locale>,
) -> Result<Vec<NodeView>, ContentError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = rows.iter().map(|n| n.id).collect();
    let mut translations: HashMap<Uuid, Vec<node_translations::Model>> = HashMap::new();
    for t in node_translations::Entity::find()
        .filter(node_translations::Column::NodeId.is_in(ids.clone()))
        .order_by_asc(node_translations::Column::Locale)
        .all(conn)
        .await?
    {
        translations.entry(t.node_id).or_default().push(t);
    }
    let chain = ctx.locales.fallback_chain(locale);
    // Requested locale, then the tenant default, then whatever the node was written in.
    let mut chosen: HashMap<Uuid, node_translations::Model> = HashMap::new();
    for (node_id, candidates) in &translations {
        let pick = chain
            .iter()
            .find_map(|l| candidates.iter().find(|t| t.locale == l.as_str()))
            .or_else(|| candidates.first());
        if let Some(pick) = pick {
            chosen.insert(*node_id, pick.clone());
        }
    }
    let mut bodies_by_node: HashMap<Uuid, BodyView> = HashMap::new();
    for b in bodies::Entity::find()
        .filter(bodies::Column::NodeId.is_in(ids.clone()))
        .all(conn)
        .await?
    {
        if chosen.get(&b.node_id).is_some_and(|t| t.locale == b.locale) {
            bodies_by_node.insert(
                b.node_id,
                BodyView {
                    format: b.format,
                    html: b.html,
                    source: b.source,
                    // Only arrays are blocks (bodies written before that rule may hold others).
                    blocks: b.blocks.filter(serde_json::Value::is_array),
                },
            );
        }
    }
    let mut tags_by_node = node_tag_views(conn, &ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for node in rows {
        let translation = chosen
            .remove(&node.id)
            .ok_or_else(|| ContentError::invalid("node", "has no translation"))?;
        out.push(NodeView {
            id: node.id,
            kind: node.kind,
            status: node.status,
            parent_id: node.parent_id,
            author_id: node.author_id,
            category_id: node.category_id,
            position: node.position,
            depth: node.depth,
            reply_count: node.reply_count,
            pinned: node.pinned,
            locked: node.locked,
            last_activity_at: node.last_activity_at,
            metadata: node.metadata,
            publish_at: node.publish_at,
            published_at: node.published_at,
            version: node.version,
            created_at: node.created_at,
            updated_at: node.updated_at,
            locale: translation.locale,
            title: translation.title,
            slug: translation.slug,
            excerpt: translation.excerpt,
            seo_title: translation.seo_title,
            seo_description: translation.seo_description,
            tags: tags_by_node.remove(&node.id).unwrap_or_default(),
            body: bodies_by_node.remove(&node.id),
        });
    }
    Ok(out)
}

/// The tags of each node, by slug.
async fn node_tag_views(
    conn: &impl ConnectionTrait,
    node_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<TagView>>, DbErr> {
    let links: Vec<(Uuid, Uuid)> = node_tags::Entity::find()
        .select_only()
        .column(node_tags::Column::NodeId)
        .column(node_tags::Column::TagId)
        .filter(node_tags::Column::NodeId.is_in(node_ids.to_vec()))
        .into_tuple()
        .all(conn)
        .await?;
    if links.is_empty() {
        return Ok(HashMap::new());
    }
    let tag_ids: Vec<Uuid> = links.iter().map(|(_, tag)| *tag).collect();
    let tags: HashMap<Uuid, tags::Model> = tags::Entity::find()
        .filter(tags::Column::Id.is_in(tag_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut by_node: HashMap<Uuid, Vec<TagView>> = HashMap::new();
    for (node_id, tag_id) in links {
        if let Some(tag) = tags.get(&tag_id) {
            by_node.entry(node_id).or_default().push(TagView {
                slug: tag.slug.clone(),
                name: tag.name.clone(),
            });
        }
    }
    for views in by_node.values_mut() {
        views.sort_by(|a, b| a.slug.cmp(&b.slug));
    }
    Ok(by_node)
}
