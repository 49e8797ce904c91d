//! What callers send and get back. Entities never leave the crate.

use async_graphql::{Enum, InputObject, SimpleObject};
use chrono::{DateTime, FixedOffset};
use rustok_api::FacetCountView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct TranslationInput {
    /// A locale the tenant enabled, e.g. `en`, `de`, `pt-BR`.
    pub locale: String,
    pub title: String,
    /// Derived from the title when omitted.
    pub slug: Option<String>,
    pub excerpt: Option<String>,
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum BodyFormat {
    Markdown,
    Html,
    Blocks,
}

impl BodyFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Blocks => "blocks",
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct BodyInput {
    /// A locale the tenant enabled, e.g. `en`, `de`, `pt-BR`.
    pub locale: String,
    pub format: BodyFormat,
    /// Markdown or HTML source (for `blocks`, an optional plain-text fallback).
    #[serde(default)]
    #[graphql(default)]
    pub source: String,
    /// Rich-text blocks for format `blocks`.
    #[schema(value_type = Option<Object>)]
    pub blocks: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewNode {
    pub kind: String,
    pub parent_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    #[serde(default)]
    #[graphql(default)]
    pub position: i32,
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    pub translation: TranslationInput,
    pub body: Option<BodyInput>,
    /// Tag names; tags are created on first use (at most 32).
    #[serde(default)]
    #[graphql(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct NodePatch {
    /// Absent: unchanged; `null`: cleared; an id: set. (In GraphQL: the mutation's
    /// `categoryId` argument.)
    #[graphql(skip)]
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub category_id: Option<Option<Uuid>>,
    pub position: Option<i32>,
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    /// Adds or replaces the translation of its locale.
    pub translation: Option<TranslationInput>,
    /// Adds or replaces the body of its locale.
    pub body: Option<BodyInput>,
    /// Replaces the node's tags (names; created on first use).
    pub tags: Option<Vec<String>>,
    /// Optimistic concurrency: refuse the update unless the node is at this version.
    pub expected_version: Option<i32>,
}

/// Moderation flags; absent fields stay as they are.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, InputObject)]
pub struct NodeFlags {
    pub pinned: Option<bool>,
    pub locked: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct BodyView {
    pub format: String,
    /// Sanitised HTML, safe to render.
    pub html: String,
    pub source: String,
    #[schema(value_type = Option<Object>)]
    pub blocks: Option<serde_json::Value>,
}

/// A node in one locale, saying which locale it is in. (Deserialize: the read model stores it
/// as visitors get it.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct NodeView {
    pub id: Uuid,
    pub kind: String,
    pub status: String,
    pub parent_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub position: i32,
    pub depth: i32,
    pub reply_count: i32,
    /// Listed first where a listing asks for pinned items first.
    pub pinned: bool,
    /// Takes no new comments or replies.
    pub locked: bool,
    /// The latest edit or reply.
    pub last_activity_at: DateTime<FixedOffset>,
    #[schema(value_type = Object)]
    pub metadata: serde_json::Value,
    pub publish_at: Option<DateTime<FixedOffset>>,
    pub published_at: Option<DateTime<FixedOffset>>,
    pub version: i32,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    /// The locale of the texts below (the requested one, or the tenant default as fallback).
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub excerpt: Option<String>,
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
    pub body: Option<BodyView>,
    pub tags: Vec<TagView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TagView {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct RevisionView {
    pub version: i32,
    pub author_id: Option<Uuid>,
    pub created_at: DateTime<FixedOffset>,
}

/// Which nodes a listing returns (tenant-scoped by the service).
#[derive(Debug, Clone, Default)]
pub struct NodeFilter {
    pub kind: Option<String>,
    pub status: Option<crate::NodeStatus>,
    pub parent_id: Option<Uuid>,
    /// Nodes carrying the tag with this slug.
    pub tag: Option<String>,
    /// Nodes in this category.
    pub category_id: Option<Uuid>,
    /// Nodes written by this user.
    pub author_id: Option<Uuid>,
    /// Nodes that have a translation in exactly this locale (no fallback).
    pub translated_into: Option<String>,
    /// The order of the listing; the cursor carries its sort key.
    pub sort: NodeSort,
    /// Pinned nodes ahead of the rest (then `sort` within each group).
    pub pinned_first: bool,
    /// Cursor: the previous page's `next_cursor` (opaque; only valid with the same sort).
    pub after: Option<String>,
    pub limit: u64,
}

/// How a listing is ordered. Ties are broken by id, so pages never skip or repeat a node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum NodeSort {
    /// Newest created first.
    #[default]
    Newest,
    /// Oldest created first (comment threads, replies).
    Oldest,
    /// Latest published first; nodes never published are left out.
    PublishedAt,
    /// Latest activity (edit or reply) first: forum topics.
    LastActivity,
    /// By `position`, lowest first (pages, ordered children).
    Position,
}

impl std::str::FromStr for NodeSort {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "newest" => Ok(Self::Newest),
            "oldest" => Ok(Self::Oldest),
            "published_at" => Ok(Self::PublishedAt),
            "last_activity" => Ok(Self::LastActivity),
            "position" => Ok(Self::Position),
            _ => {
                Err("use `newest`, `oldest`, `published_at`, `last_activity` or `position`".into())
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct NodePage {
    pub items: Vec<NodeView>,
    /// Pass as `after` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
}

/// One node found by a search.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct NodeHitView {
    /// The node as a listing shows it.
    pub node: NodeView,
    /// Relevance, higher is better; comparable only within one answer.
    pub score: f64,
    /// HTML: the matched text (title, excerpt, body text) escaped, each match inside
    /// `<mark>…</mark>`.
    pub snippet: String,
}

/// Counts over every ranked match (not only the page; past `search.max_total_hits`, the ranked
/// set), after the filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema, SimpleObject)]
pub struct NodeFacetsView {
    /// Node kinds (`post`, `page`, `topic`, …).
    pub kinds: Vec<FacetCountView>,
    /// Category ids.
    pub categories: Vec<FacetCountView>,
    /// Tag slugs.
    pub tags: Vec<FacetCountView>,
}

/// A page of content search results, best first.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct NodeSearchPage {
    pub hits: Vec<NodeHitView>,
    /// Every match, not only this page's, up to `search.max_total_hits` (1,000 by default).
    pub total: u64,
    /// Whether `total` counts every match; `false`: more matched, and only the bound's worth
    /// (those with every word in the title first) are ranked and paged.
    pub total_exact: bool,
    /// With `facets=true`.
    pub facets: Option<NodeFacetsView>,
    /// Whether no node matched every word and these are typo-tolerant matches (titles, slugs).
    pub fuzzy: bool,
    /// Pass as `after` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
}

impl NodeSearchPage {
    /// The answer to a query without a word: nothing (facets, when asked, count nothing).
    pub fn empty(facets: bool) -> Self {
        Self {
            hits: Vec::new(),
            total: 0,
            total_exact: true,
            facets: facets.then(|| NodeFacetsView {
                kinds: Vec::new(),
                categories: Vec::new(),
                tags: Vec::new(),
            }),
            fuzzy: false,
            next_cursor: None,
        }
    }
}

/// Tells a field sent as `null` (`Some(None)`) from an absent one (`None`, via `default`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct CategoryTranslationInput {
    /// A locale the tenant enabled.
    pub locale: String,
    pub name: String,
    /// Derived from the name when omitted.
    pub slug: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewCategory {
    pub parent_id: Option<Uuid>,
    #[serde(default)]
    #[graphql(default)]
    pub position: i32,
    pub translation: CategoryTranslationInput,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct CategoryPatch {
    /// Absent: unchanged; `null`: make it a root; an id: move under that category.
    #[graphql(skip)]
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub parent_id: Option<Option<Uuid>>,
    pub position: Option<i32>,
    /// Adds or replaces the translation of its locale.
    pub translation: Option<CategoryTranslationInput>,
}

/// A category in one locale (the requested one or the tenant default).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CategoryView {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub position: i32,
    pub locale: String,
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
}
