//! What callers send. Answers are content's [`NodeView`] / [`NodePage`]: a forum category, a
//! topic and a reply are nodes of kinds `forum`, `topic` and `reply` (`reply_count`,
//! `last_activity_at`, `pinned` and `locked` carry the forum state).

use async_graphql::InputObject;
use rustok_core::Locale;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

pub use rustok_content::dto::{NodeFlags, NodePage, NodeView};

/// A forum category (moderators). Published at once.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewForum {
    /// A locale the tenant enabled; the tenant default when omitted.
    pub locale: Option<String>,
    pub title: String,
    /// Derived from the title when omitted.
    pub slug: Option<String>,
    /// Plain text shown under the title (the node's `excerpt`).
    pub description: Option<String>,
    /// Listing order, lowest first.
    #[serde(default)]
    #[graphql(default)]
    pub position: i32,
}

/// Changes to a forum category. Texts apply to `locale` (the tenant default when omitted): a
/// locale without a translation yet needs a `title`; absent fields keep their value.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ForumPatch {
    pub locale: Option<String>,
    pub title: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    pub position: Option<i32>,
    /// Optimistic concurrency: refuse unless the forum is at this version.
    pub expected_version: Option<i32>,
}

/// A new topic (members with `forum:post`). Published at once.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "NewForumTopic")]
pub struct NewTopic {
    /// A locale the tenant enabled; the tenant default when omitted.
    pub locale: Option<String>,
    pub title: String,
    /// Markdown; rendered to sanitised HTML.
    pub body: String,
}

/// An edit of a topic by its author or a moderator. Texts apply to `locale` (the tenant
/// default when omitted): a locale without a translation yet needs a `title`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
#[graphql(name = "ForumTopicPatch")]
pub struct TopicPatch {
    pub locale: Option<String>,
    pub title: Option<String>,
    /// Markdown; rendered to sanitised HTML.
    pub body: Option<String>,
    /// Optimistic concurrency: refuse unless the topic is at this version.
    pub expected_version: Option<i32>,
}

/// A reply to a topic (members with `forum:post`). Published at once.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "NewForumReply")]
pub struct NewReply {
    /// A locale the tenant enabled; the tenant default when omitted.
    pub locale: Option<String>,
    /// Markdown; rendered to sanitised HTML.
    pub body: String,
}

/// An edit of a reply by its author or a moderator.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "ForumReplyPatch")]
pub struct ReplyPatch {
    /// The tenant default when omitted.
    pub locale: Option<String>,
    /// Markdown; rendered to sanitised HTML.
    pub body: String,
    /// Optimistic concurrency: refuse unless the reply is at this version.
    pub expected_version: Option<i32>,
}

/// What a node is to the forum; an id of another kind answers as absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Forum,
    Topic,
    Reply,
}

/// A node asked for by id, or by its slug in any of the tenant's locales.
#[derive(Debug, Clone)]
pub enum Lookup {
    Id(Uuid),
    Slug(String),
}

/// What a listing lists: the forum categories, a forum's topics or a topic's replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    Forums,
    Topics { forum_id: Uuid },
    Replies { topic_id: Uuid },
}

/// Which nodes a reader may see.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Visibility {
    /// Readers: published nodes only; anything else answers as absent.
    #[default]
    Published,
    /// Staff (`content:read`): every status.
    All,
}

/// A page of a listing, as the caller asked for it.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub visibility: Visibility,
    /// Preferred locale; the tenant default is the fallback.
    pub locale: Option<Locale>,
    /// The previous page's `next_cursor`.
    pub after: Option<String>,
    /// 1..=100 (clamped).
    pub limit: u64,
}

/// Whose posts a caller may edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditRight {
    /// Moderators (`forum:moderate`): any post, locked topics included.
    Any,
    /// Members: their own posts, while the topic is open.
    OwnOnly,
}
