//! What blog callers send and get back. Posts come back as content's `NodeView`.

use async_graphql::{Enum, InputObject, SimpleObject};
use chrono::{DateTime, FixedOffset};
use rustok_content::NodeStatus;
use rustok_content::dto::{BodyInput, NodeView, TranslationInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A new post, created as a draft.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewPost {
    /// The first translation: title, slug (unique among posts per locale), excerpt, SEO texts.
    pub translation: TranslationInput,
    /// The body, in any locale the tenant enabled.
    pub body: Option<BodyInput>,
    /// A category of the tenant (`validation_failed` otherwise).
    pub category_id: Option<Uuid>,
    /// Tag names (at most 32; each 1-100 characters, trimmed, with a letter or digit that has
    /// an ASCII spelling). Unknown names become tags of the tenant; names with the same slug
    /// count once. Default: none.
    #[serde(default)]
    #[graphql(default)]
    #[schema(schema_with = rustok_content::dto::tag_names)]
    pub tags: Vec<String>,
    /// Free-form data: a JSON object of at most 16 KiB (16,384 bytes as compact JSON).
    /// Default: `{}`.
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

/// A new comment on a published post.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewComment {
    /// Markdown, rendered to sanitised HTML: not blank, at most 16 KiB (16,384 bytes of UTF-8)
    /// as sent; stored trimmed.
    #[schema(
        min_length = 1,
        max_length = 16384,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub body: String,
    /// The comment's language: a locale the tenant enabled (`validation_failed` otherwise), e.g.
    /// `en`, `pt-BR`: a 2-3 letter language and subtags of 2-8 letters or digits joined by `-` or
    /// `_`, any case, at most 35 characters once trimmed. Default: the tenant's default locale.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: Option<String>,
    /// Another comment on the same post this one answers (`validation_failed` otherwise).
    pub reply_to: Option<Uuid>,
}

/// A moderator's decision on a comment.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct ModerationInput {
    /// `approved` or `spam`; `pending` is refused (`validation_failed`) unless the comment is
    /// still pending.
    pub moderation: Moderation,
}

/// A comment on a post.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CommentView {
    /// The comment's id.
    pub id: Uuid,
    /// The post it is on.
    pub post_id: Uuid,
    /// The comment it answers, if any.
    pub reply_to: Option<Uuid>,
    /// Who wrote it.
    pub author_id: Option<Uuid>,
    /// Its moderation state.
    pub moderation: Moderation,
    /// The language it is written in.
    pub locale: String,
    /// Sanitised HTML, safe to render.
    pub html: String,
    /// The markdown as written.
    pub source: String,
    /// When it was written.
    pub created_at: DateTime<FixedOffset>,
    /// When it last changed (moderation included).
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

/// A page of comments, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CommentPage {
    /// The comments.
    pub items: Vec<CommentView>,
    /// Pass as `after` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use rustok_content::dto::patterns;
    use serde_json::Value;
    use utoipa::PartialSchema;

    use super::*;
    use crate::MAX_COMMENT_LEN;

    fn properties<T: PartialSchema>() -> Value {
        serde_json::to_value(T::schema()).unwrap()["properties"].clone()
    }

    #[test]
    fn the_documented_patterns_are_the_shared_ones() {
        let comment = properties::<NewComment>();
        assert_eq!(comment["locale"]["pattern"], rustok_core::LOCALE_PATTERN);
        assert_eq!(comment["body"]["pattern"], patterns::NOT_BLANK);
        assert_eq!(comment["body"]["maxLength"], MAX_COMMENT_LEN);
        let post = properties::<NewPost>();
        assert_eq!(post["tags"]["items"]["pattern"], patterns::TAG_NAME);
    }
}
