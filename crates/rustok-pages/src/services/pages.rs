//! Pages are content nodes of kind `page`, written and read through content's [`NodeService`]
//! only; this service adds the block layout and keeps other kinds out.

use async_graphql::Json;
use chrono::{DateTime, Utc};
use rustok_content::dto::{BodyFormat, BodyInput, NewNode, NodeFilter, NodePatch, NodeView};
use rustok_content::{ContentContext, NodeService, NodeStatus, Transition};
use rustok_core::{EventBus, Locale};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::PagesError;
use crate::blocks::{self, Block};
use crate::dto::{NewPage, PageList, PagePatch, PageView};

/// The content node kind of a page.
pub const PAGE_KIND: &str = "page";

pub struct PageService<'a> {
    nodes: NodeService<'a>,
}

impl<'a> PageService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self {
            nodes: NodeService::new(db, events),
        }
    }

    /// Reads of published pages from the read model (see [`NodeService::published_from`]):
    /// what a caller who may not see drafts gets.
    pub fn published_from(
        mut self,
        reads: Option<std::sync::Arc<dyn rustok_core::ContentReads>>,
    ) -> Self {
        self.nodes = self.nodes.published_from(reads);
        self
    }

    /// Creates a draft page with its first translation and layout (content writes the node and
    /// its `content.node_created` event in one transaction).
    pub async fn create(
        &self,
        ctx: &ContentContext,
        input: NewPage,
    ) -> Result<PageView, PagesError> {
        let body = layout_body(&input.translation.locale, &input.blocks)?;
        let node = NewNode {
            kind: PAGE_KIND.to_string(),
            parent_id: None,
            category_id: None,
            position: input.position,
            metadata: None,
            translation: input.translation,
            body: Some(body),
            tags: Vec::new(),
        };
        Ok(page_view(self.nodes.create(ctx, node).await?))
    }

    /// The page in the requested locale, falling back to the tenant default, whatever its status.
    pub async fn get(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        locale: Option<&Locale>,
    ) -> Result<PageView, PagesError> {
        Ok(page_view(self.node(ctx, id, locale).await?))
    }

    /// The page whose slug (in any locale) is `slug`, in the requested locale with fallback,
    /// whatever its status (the API layer hides drafts from readers).
    pub async fn get_by_slug(
        &self,
        ctx: &ContentContext,
        slug: &str,
        locale: Option<&Locale>,
    ) -> Result<PageView, PagesError> {
        let node = self.nodes.get_by_slug(ctx, PAGE_KIND, slug, locale).await?;
        Ok(page_view(node))
    }

    /// Pages, newest first; `status` `None` lists every status.
    pub async fn list(
        &self,
        ctx: &ContentContext,
        status: Option<NodeStatus>,
        locale: Option<&Locale>,
        after: Option<String>,
        limit: u64,
    ) -> Result<PageList, PagesError> {
        let filter = NodeFilter {
            kind: Some(PAGE_KIND.to_string()),
            status,
            after,
            limit,
            ..Default::default()
        };
        let page = self.nodes.list(ctx, filter, locale).await?;
        Ok(PageList {
            items: page.items.into_iter().map(page_view).collect(),
            next_cursor: page.next_cursor,
        })
    }

    /// Edits texts and/or the layout of a locale; content keeps the previous state as a revision.
    pub async fn update(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        patch: PagePatch,
    ) -> Result<PageView, PagesError> {
        self.node(ctx, id, None).await?;
        let body = patch
            .layout
            .as_ref()
            .map(|layout| layout_body(&layout.locale, &layout.blocks))
            .transpose()?;
        let node_patch = NodePatch {
            translation: patch.translation,
            body,
            position: patch.position,
            expected_version: patch.expected_version,
            ..NodePatch::default()
        };
        let node = self.nodes.update(ctx, id, node_patch).await?;
        Ok(page_view(node))
    }

    /// Moves the page through content's workflow (publish, unpublish, schedule, ...).
    pub async fn transition(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        transition: Transition,
        publish_at: Option<DateTime<Utc>>,
    ) -> Result<PageView, PagesError> {
        self.node(ctx, id, None).await?;
        let node = self
            .nodes
            .transition(ctx, id, transition, publish_at)
            .await?;
        Ok(page_view(node))
    }

    pub async fn delete(&self, ctx: &ContentContext, id: Uuid) -> Result<(), PagesError> {
        self.node(ctx, id, None).await?;
        Ok(self.nodes.delete(ctx, id).await?)
    }

    /// The node if it is a page of this tenant: nodes of other kinds are not pages.
    async fn node(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        locale: Option<&Locale>,
    ) -> Result<NodeView, PagesError> {
        let node = self.nodes.get(ctx, id, locale).await?;
        if node.kind != PAGE_KIND {
            return Err(PagesError::PageNotFound);
        }
        Ok(node)
    }
}

/// The body content stores for a layout: blocks as JSON, their rendering as the HTML source.
fn layout_body(locale: &str, blocks: &[Block]) -> Result<BodyInput, PagesError> {
    blocks::validate(blocks)?;
    let json = serde_json::to_value(blocks)
        .map_err(|err| PagesError::invalid("blocks", err.to_string()))?;
    Ok(BodyInput {
        locale: locale.to_string(),
        format: BodyFormat::Blocks,
        source: blocks::render(blocks),
        blocks: Some(json),
    })
}

fn page_view(node: NodeView) -> PageView {
    let (blocks, html) = match node.body {
        // A layout written outside this crate (through content's API) may not parse as blocks,
        // or break their limits: it is shown as no blocks (the API documents the blocks a page
        // has as valid ones); its sanitised HTML is still good to show.
        Some(body) => (
            body.blocks
                .and_then(|json| serde_json::from_value::<Vec<Block>>(json).ok())
                .filter(|blocks| blocks::validate(blocks).is_ok())
                .unwrap_or_default(),
            body.html,
        ),
        None => (Vec::new(), String::new()),
    };
    PageView {
        id: node.id,
        status: node.status,
        position: node.position,
        version: node.version,
        locale: node.locale,
        title: node.title,
        slug: node.slug,
        excerpt: node.excerpt,
        seo_title: node.seo_title,
        seo_description: node.seo_description,
        blocks: Json(blocks),
        html,
        author_id: node.author_id,
        publish_at: node.publish_at,
        published_at: node.published_at,
        created_at: node.created_at,
        updated_at: node.updated_at,
    }
}
