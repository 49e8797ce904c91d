//! What blog callers send and get back. Posts come back as content's `NodeView`.

use async_graphql::{Enum, InputObject, SimpleObject};
use chrono::{DateTime, FixedOffset};
use rustok_content::NodeStatus;
use rustok_content::dto::{BodyInput, NodeView, TranslationInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewPost {
    pub translation: TranslationInput,
    pub body: Option<BodyInput>,
    pub category_id: Option<Uuid>,
    /// Tag names; created on first use.
    #[serde(default)]
    #[graphql(default)]
    pub tags: Vec<String>,
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
}

/// Which posts a listing returns. Readers without `content:read` always get published ones.
#[derive(Debug, Clone, Default)]
pub struct PostFilter {
    pub status: Option<NodeStatus>,
    pub category_id: Option<Uuid>,
    /// Tag slug.
    pub tag: Option<String>,
    pub author_id: Option<Uuid>,
    /// Only posts translated into this locale.
    pub translated_into: Option<String>,
    pub after: Option<String>,
    pub limit: u64,
}

/// A comment's moderation state (stored as the node's workflow status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    /// Waiting for a moderator (status `review`).
    Pending,
    /// Visible to everyone (status `published`).
    Approved,
    /// Hidden as spam (status `archived`).
    Spam,
}

impl Moderation {
    pub fn status(self) -> NodeStatus {
        match self {
            Self::Pending => NodeStatus::Review,
            Self::Approved => NodeStatus::Published,
            Self::Spam => NodeStatus::Archived,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Spam => "spam",
        }
    }

    pub fn of(status: &str) -> Self {
        match status {
            "published" => Self::Approved,
            "archived" => Self::Spam,
            _ => Self::Pending,
        }
    }
}

impl std::str::FromStr for Moderation {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        [Self::Pending, Self::Approved, Self::Spam]
            .into_iter()
            .find(|m| m.as_str() == text)
            .ok_or_else(|| "use `pending`, `approved` or `spam`".into())
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewComment {
    /// Markdown; rendered to sanitised HTML.
    pub body: String,
    /// The comment's language (default: the tenant's default locale).
    pub locale: Option<String>,
    /// Another comment on the same post this one answers.
    pub reply_to: Option<Uuid>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct ModerationInput {
    pub moderation: Moderation,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CommentView {
    pub id: Uuid,
    pub post_id: Uuid,
    pub reply_to: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub moderation: Moderation,
    pub locale: String,
    /// Sanitised HTML, safe to render.
    pub html: String,
    /// The markdown as written.
    pub source: String,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

impl CommentView {
    pub(crate) fn from_node(node: NodeView) -> Option<Self> {
        let post_id = node.parent_id?;
        let reply_to = node
            .metadata
            .get("reply_to")
            .and_then(|v| v.as_str())
            .and_then(|v| Uuid::parse_str(v).ok());
        let (html, source) = node.body.map(|b| (b.html, b.source)).unwrap_or_default();
        Some(Self {
            id: node.id,
            post_id,
            reply_to,
            author_id: node.author_id,
            moderation: Moderation::of(&node.status),
            locale: node.locale,
            html,
            source,
            created_at: node.created_at,
            updated_at: node.updated_at,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CommentPage {
    pub items: Vec<CommentView>,
    /// Pass as `after` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
}
