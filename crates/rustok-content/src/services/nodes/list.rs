//! Listings: the filters of a [`NodeFilter`], its sort order and keyset cursor
//! (`services/cursor.rs`).

use rustok_core::Locale;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Select};

use super::super::cursor::{self, Cursor};
use super::super::views::views;
use super::NodeService;
use crate::dto::{NodeFilter, NodePage};
use crate::entities::{node_tags, node_translations, nodes, tags};
use crate::{ContentContext, ContentError};

impl NodeService<'_> {
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
        let Some(query) = self.filtered(ctx, &filter).await? else {
            return Ok(NodePage {
                items: Vec::new(),
                next_cursor: None,
            });
        };
        let query = cursor::apply(query, filter.sort, filter.pinned_first, after.as_ref());
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

    /// The tenant's nodes that pass `filter`, unordered; `None` when nothing can (a tag the
    /// tenant does not have).
    async fn filtered(
        &self,
        ctx: &ContentContext,
        filter: &NodeFilter,
    ) -> Result<Option<Select<nodes::Entity>>, ContentError> {
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
                return Ok(None);
            };
            let tagged = Query::select()
                .column(node_tags::Column::NodeId)
                .from(node_tags::Entity)
                .and_where(node_tags::Column::TagId.eq(tag.id))
                .to_owned();
            query = query.filter(nodes::Column::Id.in_subquery(tagged));
        }
        Ok(Some(query))
    }
}
