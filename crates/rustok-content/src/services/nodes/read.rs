//! Reading nodes one at a time or by a batch of ids, in a locale with the tenant's fallback.

use rustok_core::Locale;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::super::documents::indexed_view;
use super::super::views::{view, views};
use super::{NodeService, existing_node, row_locale};
use crate::dto::NodeView;
use crate::entities::{node_translations, nodes};
use crate::{ContentContext, ContentError};

impl NodeService<'_> {
    /// The node in the requested locale, falling back to the tenant default (the view says
    /// which locale it returned).
    pub async fn get(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        locale: Option<&Locale>,
    ) -> Result<NodeView, ContentError> {
        if let Some(index) = self.index(ctx).await? {
            let row = row_locale(ctx, locale);
            let stored = index.node(ctx.tenant, row.as_str(), id).await?;
            return indexed_view(stored.ok_or(ContentError::NotFound)?);
        }
        let node = existing_node(self.db, ctx, id).await?;
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
        if let Some(index) = self.index(ctx).await? {
            let row = row_locale(ctx, locale);
            return index
                .nodes(ctx.tenant, row.as_str(), ids)
                .await?
                .into_iter()
                .map(indexed_view)
                .collect();
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
        if let Some(index) = self.index(ctx).await? {
            let row = row_locale(ctx, locale);
            let preferred: Vec<String> = ctx
                .locales
                .fallback_chain(locale)
                .iter()
                .map(|l| l.to_string())
                .collect();
            let stored = index
                .node_by_slug(ctx.tenant, row.as_str(), kind, slug, &preferred)
                .await?;
            return indexed_view(stored.ok_or(ContentError::NotFound)?);
        }
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
}
