//! Posts: content nodes of kind `post`, with content's workflow, revisions, tags and
//! categories; sticky (`pinned`) and comments closed (`locked`) are the node's flags.

use chrono::{DateTime, Utc};
use rustok_content::dto::{NewNode, NodeFilter, NodePage, NodePatch, NodeView};
use rustok_content::{ContentContext, ContentError, NodeFlags, NodeSort, NodeStatus, Transition};
use rustok_core::Locale;
use uuid::Uuid;

use super::BlogService;
use crate::BlogError;
use crate::dto::{NewPost, PostFilter};

/// Node kind of a post.
pub const POST: &str = "post";

impl BlogService<'_> {
    /// A draft post (publish it with [`Self::transition_post`]).
    pub async fn create_post(
        &self,
        ctx: &ContentContext,
        input: NewPost,
    ) -> Result<NodeView, BlogError> {
        let node = NewNode {
            kind: POST.into(),
            parent_id: None,
            category_id: input.category_id,
            position: 0,
            metadata: input.metadata,
            translation: input.translation,
            body: input.body,
            tags: input.tags,
        };
        Ok(self.nodes.create(ctx, node).await?)
    }

    /// A post in any status (callers decide who may see drafts).
    pub async fn post(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        locale: Option<&Locale>,
    ) -> Result<NodeView, BlogError> {
        match self.nodes.get(ctx, id, locale).await {
            Ok(node) if node.kind == POST => Ok(node),
            Ok(_) | Err(ContentError::NotFound) => Err(BlogError::PostNotFound),
            Err(err) => Err(err.into()),
        }
    }

    /// `PostNotFound` unless `id` is a post of this tenant.
    async fn ensure_post(&self, ctx: &ContentContext, id: Uuid) -> Result<(), BlogError> {
        match self.nodes.kind_of(ctx, id).await {
            Ok(kind) if kind == POST => Ok(()),
            Ok(_) | Err(ContentError::NotFound) => Err(BlogError::PostNotFound),
            Err(err) => Err(err.into()),
        }
    }

    pub async fn post_by_slug(
        &self,
        ctx: &ContentContext,
        slug: &str,
        locale: Option<&Locale>,
    ) -> Result<NodeView, BlogError> {
        match self.nodes.get_by_slug(ctx, POST, slug, locale).await {
            Ok(node) => Ok(node),
            Err(ContentError::NotFound) => Err(BlogError::PostNotFound),
            Err(err) => Err(err.into()),
        }
    }

    pub async fn update_post(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        patch: NodePatch,
    ) -> Result<NodeView, BlogError> {
        self.ensure_post(ctx, id).await?;
        Ok(self.nodes.update(ctx, id, patch).await?)
    }

    pub async fn transition_post(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        transition: Transition,
        publish_at: Option<DateTime<Utc>>,
    ) -> Result<NodeView, BlogError> {
        self.ensure_post(ctx, id).await?;
        Ok(self
            .nodes
            .transition(ctx, id, transition, publish_at)
            .await?)
    }

    /// Sticky (`pinned`) and comments closed (`locked`).
    pub async fn set_post_flags(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        flags: NodeFlags,
    ) -> Result<NodeView, BlogError> {
        self.ensure_post(ctx, id).await?;
        Ok(self.nodes.set_flags(ctx, id, flags).await?)
    }

    /// Deletes a post with its comments.
    pub async fn delete_post(&self, ctx: &ContentContext, id: Uuid) -> Result<(), BlogError> {
        self.ensure_post(ctx, id).await?;
        Ok(self.nodes.delete(ctx, id).await?)
    }

    /// Posts, sticky ones first; published listings by publication date, others newest first.
    pub async fn posts(
        &self,
        ctx: &ContentContext,
        filter: PostFilter,
        locale: Option<&Locale>,
    ) -> Result<NodePage, BlogError> {
        let sort = if filter.status == Some(NodeStatus::Published) {
            NodeSort::PublishedAt
        } else {
            NodeSort::Newest
        };
        let filter = NodeFilter {
            kind: Some(POST.into()),
            status: filter.status,
            category_id: filter.category_id,
            tag: filter.tag,
            author_id: filter.author_id,
            translated_into: filter.translated_into,
            sort,
            pinned_first: true,
            after: filter.after,
            limit: filter.limit,
            ..NodeFilter::default()
        };
        Ok(self.nodes.list(ctx, filter, locale).await?)
    }
}
