//! Comments: content nodes of kind `comment` whose parent is the post. Their moderation state
//! is the node's workflow status (pending = `review`, approved = `published`, spam = `archived`).

use rustok_content::dto::{BodyFormat, BodyInput, NewNode, NodeFilter, NodeView, TranslationInput};
use rustok_content::{ContentContext, ContentError, NodeSort, NodeStatus, Transition};
use serde_json::json;
use uuid::Uuid;

use super::BlogService;
use crate::BlogError;
use crate::dto::{CommentPage, CommentView, Moderation, NewComment};

/// Node kind of a comment (its parent is the post).
pub const COMMENT: &str = "comment";

/// Longest comment, in bytes of markdown.
pub const MAX_COMMENT_LEN: usize = 16 * 1024;

impl BlogService<'_> {
    /// Adds a comment to a published post: `pending` unless `approved` (the author moderates
    /// comments). A post with comments closed refuses it (`node_locked`).
    pub async fn add_comment(
        &self,
        ctx: &ContentContext,
        post_id: Uuid,
        input: NewComment,
        approved: bool,
    ) -> Result<CommentView, BlogError> {
        let post = self.post(ctx, post_id, None).await?;
        if post.status != NodeStatus::Published.as_str() {
            return Err(BlogError::PostNotFound);
        }
        // The limit counts the body as sent, as the API documents it.
        let body = input.body.trim();
        if body.is_empty() || input.body.len() > MAX_COMMENT_LEN {
            return Err(BlogError::Invalid {
                field: "body",
                message: format!("write 1 to {MAX_COMMENT_LEN} bytes"),
            });
        }
        if let Some(reply_to) = input.reply_to {
            // A field naming what is not there is invalid input, not a missing resource.
            let answered = match self.comment(ctx, reply_to).await {
                Ok(answered) => Some(answered),
                Err(BlogError::CommentNotFound) => None,
                Err(err) => return Err(err),
            };
            if answered.is_none_or(|answered| answered.post_id != post_id) {
                return Err(BlogError::Invalid {
                    field: "reply_to",
                    message: "not a comment on this post".into(),
                });
            }
        }
        let locale = input
            .locale
            .unwrap_or_else(|| ctx.locales.default.to_string());
        let id_text = rustok_core::generate_id().simple().to_string();
        let node = NewNode {
            kind: COMMENT.into(),
            parent_id: Some(post_id),
            category_id: None,
            position: 0,
            metadata: Some(match input.reply_to {
                Some(reply_to) => json!({ "reply_to": reply_to }),
                None => json!({}),
            }),
            translation: TranslationInput {
                locale: locale.clone(),
                title: comment_title(&post.title),
                slug: Some(format!("comment-{id_text}")),
                excerpt: None,
                seo_title: None,
                seo_description: None,
            },
            body: Some(BodyInput {
                locale,
                format: BodyFormat::Markdown,
                source: body.to_string(),
                blocks: None,
            }),
            tags: Vec::new(),
        };
        let status = if approved {
            NodeStatus::Published
        } else {
            NodeStatus::Review
        };
        let created = self.nodes.create_with_status(ctx, node, status).await?;
        CommentView::from_node(created).ok_or(BlogError::CommentNotFound)
    }

    pub async fn comment(&self, ctx: &ContentContext, id: Uuid) -> Result<CommentView, BlogError> {
        match self.nodes.get(ctx, id, None).await {
            Ok(node) if node.kind == COMMENT => {
                CommentView::from_node(node).ok_or(BlogError::CommentNotFound)
            }
            Ok(_) | Err(ContentError::NotFound) => Err(BlogError::CommentNotFound),
            Err(err) => Err(err.into()),
        }
    }

    /// The comments of `post` (as [`Self::post`] returned it), oldest first, in one moderation
    /// state (`None`: all).
    pub async fn comments(
        &self,
        ctx: &ContentContext,
        post: &NodeView,
        moderation: Option<Moderation>,
        after: Option<String>,
        limit: u64,
    ) -> Result<CommentPage, BlogError> {
        self.comment_page(ctx, Some(post.id), moderation, after, limit)
            .await
    }

    /// Comments of every post in one moderation state, oldest first: the moderation queue.
    pub async fn moderation_queue(
        &self,
        ctx: &ContentContext,
        moderation: Moderation,
        after: Option<String>,
        limit: u64,
    ) -> Result<CommentPage, BlogError> {
        self.comment_page(ctx, None, Some(moderation), after, limit)
            .await
    }

    async fn comment_page(
        &self,
        ctx: &ContentContext,
        post_id: Option<Uuid>,
        moderation: Option<Moderation>,
        after: Option<String>,
        limit: u64,
    ) -> Result<CommentPage, BlogError> {
        let filter = NodeFilter {
            kind: Some(COMMENT.into()),
            parent_id: post_id,
            status: moderation.map(Moderation::status),
            sort: NodeSort::Oldest,
            after,
            limit,
            ..NodeFilter::default()
        };
        let page = self.nodes.list(ctx, filter, None).await?;
        Ok(CommentPage {
            items: page
                .items
                .into_iter()
                .filter_map(CommentView::from_node)
                .collect(),
            next_cursor: page.next_cursor,
        })
    }

    /// Approves a comment or marks it spam (either way round). Setting the state it already
    /// has changes nothing and writes no event.
    pub async fn moderate(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        to: Moderation,
    ) -> Result<CommentView, BlogError> {
        let comment = self.comment(ctx, id).await?;
        if comment.moderation == to {
            return Ok(comment);
        }
        let transition = match to {
            Moderation::Approved => Transition::Publish,
            Moderation::Spam => Transition::Archive,
            Moderation::Pending => {
                return Err(BlogError::Invalid {
                    field: "moderation",
                    message: "a moderated comment can be approved, marked spam or deleted".into(),
                });
            }
        };
        let node = self.nodes.transition(ctx, id, transition, None).await?;
        CommentView::from_node(node).ok_or(BlogError::CommentNotFound)
    }

    /// Deletes `comment` (as [`Self::comment`] returned it).
    pub async fn delete_comment(
        &self,
        ctx: &ContentContext,
        comment: &CommentView,
    ) -> Result<(), BlogError> {
        Ok(self.nodes.delete(ctx, comment.id).await?)
    }
}

/// Comments need a title (and slug) as nodes; readers never see it.
fn comment_title(post_title: &str) -> String {
    let mut title = String::from("Comment on ");
    title.extend(post_title.chars().take(200));
    title
}
