//! Tags: a node's tags, set by its writes (unknown names become tags of the tenant), and the
//! tenant's tags.

use chrono::Utc;
use rustok_core::DomainEvent;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::super::slug::slugify;
use super::{MAX_TAG_LEN, MAX_TAGS, NodeService};
use crate::dto::TagView;
use crate::entities::{node_tags, nodes, tags};
use crate::{ContentContext, ContentError};

impl NodeService<'_> {
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
}

/// Replaces the node's tags; unknown names become new tags of the tenant. Returns the
/// `TagCreated` events of the tags this call created.
pub(super) async fn set_tags(
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
        if name.is_empty() || name.chars().count() > MAX_TAG_LEN || slug.is_empty() {
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
