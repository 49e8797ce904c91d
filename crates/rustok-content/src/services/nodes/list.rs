//! Listings: the filters of a [`NodeFilter`], its sort order and keyset cursor
//! (`services/cursor.rs`).

use rustok_core::{ContentListing, ContentReads, Locale};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Select};

use super::super::cursor::{self, Cursor};
use super::super::documents::indexed_view;
use super::super::views::views;
use super::{NodeService, row_locale};
use crate::dto::{NodeFilter, NodePage};
use crate::entities::{node_tags, node_translations, nodes, tags};
use crate::{ContentContext, ContentError, NodeStatus};

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
        if filter.status == Some(NodeStatus::Published)
            && let Some(index) = self.index(ctx).await?
        {
            return self
                .list_indexed(index.as_ref(), ctx, &filter, after, locale)
                .await;
        }
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

    /// A page of published nodes from the read model: one statement, the same items and
    /// cursors as the write model gives.
    async fn list_indexed(
        &self,
        index: &dyn ContentReads,
        ctx: &ContentContext,
        filter: &NodeFilter,
        after: Option<Cursor>,
        locale: Option<&Locale>,
    ) -> Result<NodePage, ContentError> {
        let translated_into = filter
            .translated_into
            .as_deref()
            .map(|text| {
                text.parse::<Locale>()
                    .map(|l| l.to_string())
                    .map_err(|err| ContentError::invalid("locale", err.to_string()))
            })
            .transpose()?;
        let listing = ContentListing {
            kind: filter.kind.clone(),
            parent_id: filter.parent_id,
            category_id: filter.category_id,
            author_id: filter.author_id,
            tag: filter.tag.clone(),
            translated_into,
            sort: cursor::index_sort(filter.sort),
            pinned_first: filter.pinned_first,
            after: after.map(|c| c.for_index()),
            limit: Ord::max(filter.limit, 1),
        };
        let row = row_locale(ctx, locale);
        let page = index.list(ctx.tenant, row.as_str(), &listing).await?;
        let next_cursor = page.items.last().filter(|_| page.more).map(|item| {
            Cursor::after_indexed(item, filter.sort, filter.pinned_first).encode(filter.sort)
        });
        let items = page
            .items
            .into_iter()
            .map(indexed_view)
            .collect::<Result<_, _>>()?;
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
