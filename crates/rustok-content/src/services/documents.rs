//! Content's side of the read model ([`rustok_core::ContentCatalog`]): published nodes as ready
//! documents, one per tenant locale, built by the same view builder as every other node read
//! (`views.rs`); and the way back, a stored document as the `NodeView` it was made from.

use async_trait::async_trait;
use rustok_core::{ContentCatalog, ContentDocument, Error, IndexedNode, LocalePolicy, TenantId};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::ContentContext;
use super::views::views;
use crate::ContentError;
use crate::dto::NodeView;
use crate::entities::{node_translations, nodes};
use crate::status::NodeStatus;

/// The content nodes as the index sees them (reading through the index's transaction).
#[derive(Clone, Copy, Default)]
pub struct StorefrontContent;

#[async_trait]
impl ContentCatalog for StorefrontContent {
    async fn storefront_documents(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        locales: &LocalePolicy,
        ids: &[Uuid],
    ) -> Result<Vec<ContentDocument>, Error> {
        Ok(documents(txn, tenant, locales, ids).await?)
    }

    async fn parent_ids(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        ids: &[Uuid],
    ) -> Result<Vec<Uuid>, Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let parents: Vec<Option<Uuid>> = nodes::Entity::find()
            .filter(nodes::Column::TenantId.eq(tenant.as_uuid()))
            .filter(nodes::Column::Id.is_in(ids.iter().copied()))
            .select_only()
            .column(nodes::Column::ParentId)
            .distinct()
            .into_tuple()
            .all(txn)
            .await
            .map_err(ContentError::from)?;
        Ok(parents.into_iter().flatten().collect())
    }

    async fn node_ids(
        &self,
        txn: &DatabaseTransaction,
        tenant: TenantId,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<Uuid>, Error> {
        let mut query = nodes::Entity::find().filter(nodes::Column::TenantId.eq(tenant.as_uuid()));
        if let Some(after) = after {
            query = query.filter(nodes::Column::Id.gt(after));
        }
        let ids = query
            .select_only()
            .column(nodes::Column::Id)
            .order_by_asc(nodes::Column::Id)
            .limit(limit)
            .into_tuple()
            .all(txn)
            .await
            .map_err(ContentError::from)?;
        Ok(ids)
    }
}

/// The published nodes among `ids`, each in every tenant locale: four queries per locale
/// (`views`) and two more, however many nodes.
async fn documents(
    txn: &DatabaseTransaction,
    tenant: TenantId,
    locales: &LocalePolicy,
    ids: &[Uuid],
) -> Result<Vec<ContentDocument>, ContentError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = nodes::Entity::find()
        .filter(nodes::Column::TenantId.eq(tenant.as_uuid()))
        .filter(nodes::Column::Id.is_in(ids.iter().copied()))
        .filter(nodes::Column::Status.eq(NodeStatus::Published.as_str()))
        .order_by_asc(nodes::Column::Id)
        .all(txn)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let published: Vec<Uuid> = rows.iter().map(|n| n.id).collect();
    let mut translations: std::collections::HashMap<Uuid, Vec<(String, String)>> =
        std::collections::HashMap::new();
    let found: Vec<(Uuid, String, String)> = node_translations::Entity::find()
        .filter(node_translations::Column::NodeId.is_in(published))
        .select_only()
        .column(node_translations::Column::NodeId)
        .column(node_translations::Column::Locale)
        .column(node_translations::Column::Slug)
        .order_by_asc(node_translations::Column::Locale)
        .into_tuple()
        .all(txn)
        .await?;
    for (node_id, locale, slug) in found {
        translations
            .entry(node_id)
            .or_default()
            .push((locale, slug));
    }
    let ctx = ContentContext {
        tenant,
        actor: None,
        locales: locales.clone(),
    };
    let mut documents = Vec::with_capacity(rows.len() * locales.enabled.len());
    for locale in row_locales(locales) {
        for view in views(txn, &ctx, rows.clone(), Some(&locale)).await? {
            documents.push(document(locale.as_str(), view, &translations)?);
        }
    }
    Ok(documents)
}

/// The locales rows are kept in: every enabled one, the default first (and always).
fn row_locales(locales: &LocalePolicy) -> Vec<rustok_core::Locale> {
    let mut out = vec![locales.default.clone()];
    for locale in &locales.enabled {
        if !out.contains(locale) {
            out.push(locale.clone());
        }
    }
    out
}

fn document(
    locale: &str,
    view: NodeView,
    translations: &std::collections::HashMap<Uuid, Vec<(String, String)>>,
) -> Result<ContentDocument, ContentError> {
    let body_text = view
        .body
        .as_ref()
        .map(|b| plain_text(&b.html))
        .unwrap_or_default();
    let search_text = [
        view.title.as_str(),
        view.excerpt.as_deref().unwrap_or(""),
        body_text.as_str(),
    ]
    .iter()
    .filter(|t| !t.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("\n");
    let json = serde_json::to_value(&view)
        .map_err(|err| ContentError::Core(Error::Internal(err.to_string())))?;
    Ok(ContentDocument {
        node_id: view.id,
        locale: locale.to_string(),
        kind: view.kind.clone(),
        parent_id: view.parent_id,
        author_id: view.author_id,
        category_id: view.category_id,
        slug: view.slug.clone(),
        translations: translations.get(&view.id).cloned().unwrap_or_default(),
        tags: view.tags.iter().map(|t| t.slug.clone()).collect(),
        pinned: view.pinned,
        position: view.position,
        published_at: view.published_at.map(|t| t.with_timezone(&chrono::Utc)),
        last_activity_at: view.last_activity_at.with_timezone(&chrono::Utc),
        title: view.title.chars().take(255).collect(),
        search_text,
        document: json,
    })
}

/// The text of sanitised HTML, tags dropped (what search matches; never shown).
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A stored document as the view it was made from.
pub fn indexed_view(stored: IndexedNode) -> Result<NodeView, ContentError> {
    serde_json::from_value(stored.document)
        .map_err(|err| ContentError::Core(Error::Internal(format!("indexed node: {err}"))))
}
