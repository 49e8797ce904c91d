//! What callers send and get back. Entities never leave the crate.

use async_graphql::{Enum, InputObject, SimpleObject};
use chrono::{DateTime, FixedOffset};
use rustok_api::FacetCountView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The patterns of the request fields whose rules a JSON Schema `pattern` states, repeated
/// literally in the `#[schema(pattern = ...)]` attributes (utoipa takes literals only; tests
/// check the two agree). See [`rustok_core::pattern`] for the dialect: whitespace the server
/// trims is spelled out as [`rustok_core::pattern::TRIMMED`], and limits on trimmed texts are
/// part of the pattern (a `maxLength` would count the whitespace around them too).
pub mod patterns {
    /// A title or name: 1-255 characters once trimmed, none a control character.
    pub const TITLE: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";
    /// A slug: letters (read as lower case), digits and single inner hyphens, 1-200 once
    /// trimmed.
    pub const SLUG: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9-]{1,200}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";
    /// A node kind: 1-32 lower-case letters or underscores once trimmed.
    pub const KIND: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z_]{1,32}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";
    /// A tag name: 1-100 characters once trimmed, one of them a letter or digit with an ASCII
    /// spelling (what the tag's slug is made of).
    pub const TAG_NAME: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,98}[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[\s\S]*[0-9A-Za-z\xc0-\xd6\xd8-\xf6\xf8-\u0107\u010c-\u0113\u0116-\u011b\u011e\u011f\u012a\u012b\u012e\u012f\u0131\u0139\u013a\u013d\u013e\u0141-\u0144\u0147\u0148\u014c\u014d\u0150-\u0155\u0158-\u015b\u015e-\u0165\u016a\u016b\u016e-\u0173\u0178-\u017e\u0218-\u021b\u1e9e\u212b]";
    /// Text that is not blank: a character that is not whitespace (a search, not anchored).
    pub const NOT_BLANK: &str =
        r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";
}

/// A node's texts in one locale.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct TranslationInput {
    /// A locale the tenant enabled (`validation_failed` otherwise), e.g. `en`, `pt-BR`: a 2-3
    /// letter language and subtags of 2-8 letters or digits joined by `-` or `_`, any case, at most
    /// 35 characters once trimmed.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: String,
    /// Plain text, 1-255 characters, trimmed; no control characters inside.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub title: String,
    /// The URL slug: at most 200 letters, digits and single hyphens between them, trimmed and
    /// stored lower-case. Derived from the title when omitted (the node id when the title has
    /// no letter or digit with an ASCII spelling). Unique per node kind and locale: a slug
    /// another node has is refused (409 `slug_taken`).
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9-]{1,200}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub slug: Option<String>,
    /// A summary, at most 2,000 characters of plain text: tags are removed and `&`, `<`, `>`
    /// escaped on write.
    #[schema(max_length = 2000)]
    pub excerpt: Option<String>,
    /// The title for search engines; longer texts are cut to their first 255 characters.
    pub seo_title: Option<String>,
    /// The description for search engines; longer texts are cut to their first 500
    /// characters.
    pub seo_description: Option<String>,
}

/// How a body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum BodyFormat {
    /// CommonMark with tables, strikethrough, task lists and footnotes, rendered to HTML.
    Markdown,
    /// HTML, sanitised (scripts, event handlers, `javascript:` URLs, iframes, styles removed).
    Html,
    /// Structured blocks (a JSON array, e.g. a page layout) with an HTML rendering as source.
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

/// A node's body in one locale.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct BodyInput {
    /// A locale the tenant enabled (`validation_failed` otherwise), e.g. `en`, `pt-BR`: a 2-3
    /// letter language and subtags of 2-8 letters or digits joined by `-` or `_`, any case, at most
    /// 35 characters once trimmed.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: String,
    /// How `source` (and `blocks`) are written.
    pub format: BodyFormat,
    /// The text in `format`: markdown or HTML; for `blocks`, their HTML rendering (sanitised
    /// like `html`; may be empty). At most 512 KiB (524,288 bytes of UTF-8). Default: empty.
    #[serde(default)]
    #[graphql(default)]
    #[schema(max_length = 524288)]
    pub source: String,
    /// A JSON array of blocks, required by format `blocks` (other formats store it as given).
    /// Content does not look inside; the module that owns the node kind does (pages).
    #[schema(value_type = Option<Vec<Value>>)]
    pub blocks: Option<serde_json::Value>,
}

/// A new node, created as a draft.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewNode {
    /// The node's kind, e.g. `post`, `page`: 1-32 lower-case letters or underscores, trimmed.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z_]{1,32}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub kind: String,
    /// The node this one answers (a comment's post, a reply's topic). It must be a node of the
    /// tenant whose `depth` is below 32 (`validation_failed` otherwise) and not locked (409
    /// `node_locked`).
    pub parent_id: Option<Uuid>,
    /// A category of the tenant (`validation_failed` otherwise).
    pub category_id: Option<Uuid>,
    /// Sort key among siblings, lowest first. Default 0.
    #[serde(default)]
    #[graphql(default)]
    pub position: i32,
    /// Free-form data for the node's module: a JSON object of at most 16 KiB (16,384 bytes as
    /// compact JSON). Default: `{}`.
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    /// The first translation; its locale is the node's first locale.
    pub translation: TranslationInput,
    /// The body, in any locale the tenant enabled.
    pub body: Option<BodyInput>,
    /// Tag names (at most 32; each 1-100 characters, trimmed, with a letter or digit that has
    /// an ASCII spelling). Unknown names become tags of the tenant; names with the same slug
    /// count once. Default: none.
    #[serde(default)]
    #[graphql(default)]
    #[schema(schema_with = tag_names)]
    pub tags: Vec<String>,
}

/// Changes to a node; absent fields stay as they are. The previous state becomes a revision.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct NodePatch {
    /// Absent: unchanged; `null`: cleared; an id: a category of the tenant
    /// (`validation_failed` otherwise). (In GraphQL: the mutation's `categoryId` argument.)
    #[graphql(skip)]
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub category_id: Option<Option<Uuid>>,
    /// Sort key among siblings, lowest first.
    pub position: Option<i32>,
    /// Replaces the metadata: a JSON object of at most 16 KiB (16,384 bytes as compact JSON).
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    /// Adds or replaces the translation of its locale.
    pub translation: Option<TranslationInput>,
    /// Adds or replaces the body of its locale.
    pub body: Option<BodyInput>,
    /// Replaces the node's tags: names as on creation (at most 32; each 1-100 characters,
    /// trimmed, with a letter or digit that has an ASCII spelling); `[]` removes them all.
    #[schema(schema_with = optional_tag_names)]
    pub tags: Option<Vec<String>>,
    /// Optimistic concurrency: refuse the update unless the node is at this version (409
    /// `version_conflict`).
    pub expected_version: Option<i32>,
}

/// Moderation flags; absent fields stay as they are.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, InputObject)]
pub struct NodeFlags {
    /// Listed first where a listing puts pinned nodes first (sticky posts, pinned topics).
    pub pinned: Option<bool>,
    /// Takes no new children (comments, replies) while set.
    pub locked: Option<bool>,
}

/// A node's body in the locale of its node view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct BodyView {
    /// `markdown`, `html` or `blocks`.
    #[schema(value_type = BodyFormat)]
    pub format: String,
    /// Sanitised HTML, safe to render.
    pub html: String,
    /// The source as written (markdown, HTML, or the blocks' HTML rendering).
    pub source: String,
    /// The blocks as written (a JSON array), for format `blocks`; otherwise null unless the
    /// writer sent some.
    #[schema(value_type = Option<Vec<Value>>)]
    pub blocks: Option<serde_json::Value>,
}

/// A node in one locale, saying which locale it is in. (Deserialize: the read model stores it
/// as visitors get it.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct NodeView {
    /// The node's id.
    pub id: Uuid,
    /// The node's kind, e.g. `post`, `page`, `comment`, `forum`, `topic`, `reply`.
    pub kind: String,
    /// Workflow status: `draft`, `review`, `scheduled`, `published` or `archived`.
    pub status: String,
    /// The node this one answers (a comment's post, a reply's topic), if any.
    pub parent_id: Option<Uuid>,
    /// The user who created it (none for nodes created by the system).
    pub author_id: Option<Uuid>,
    /// Its category, if any.
    pub category_id: Option<Uuid>,
    /// Sort key among siblings, lowest first.
    pub position: i32,
    /// Nesting level: 0 for a node without a parent, the parent's depth + 1 otherwise.
    pub depth: i32,
    /// How many children (comments, replies) it has.
    pub reply_count: i32,
    /// Listed first where a listing asks for pinned items first.
    pub pinned: bool,
    /// Takes no new comments or replies.
    pub locked: bool,
    /// The latest edit or reply.
    pub last_activity_at: DateTime<FixedOffset>,
    /// Free-form data of the node's module (a JSON object; `{}` when none).
    #[schema(value_type = Object)]
    pub metadata: serde_json::Value,
    /// When a scheduled node is due to be published.
    pub publish_at: Option<DateTime<FixedOffset>>,
    /// When it was last published.
    pub published_at: Option<DateTime<FixedOffset>>,
    /// Starts at 1; every update and restore adds one (what a patch's expected version is
    /// checked against).
    pub version: i32,
    /// When it was created.
    pub created_at: DateTime<FixedOffset>,
    /// When it was last changed.
    pub updated_at: DateTime<FixedOffset>,
    /// The locale of the texts below (the requested one, or the tenant default as fallback).
    pub locale: String,
    /// The title in `locale`.
    pub title: String,
    /// The URL slug in `locale`.
    pub slug: String,
    /// A plain-text summary (HTML-escaped), if any.
    pub excerpt: Option<String>,
    /// The title for search engines, if any.
    pub seo_title: Option<String>,
    /// The description for search engines, if any.
    pub seo_description: Option<String>,
    /// The body in `locale`, if it has one there.
    pub body: Option<BodyView>,
    /// Its tags, by slug.
    pub tags: Vec<TagView>,
}

/// A tag of the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct TagView {
    /// Derived from the name: lower-case ASCII letters, digits and hyphens. Unique per tenant.
    pub slug: String,
    /// The name as first used.
    pub name: String,
}

/// An earlier version of a node, kept by an update.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct RevisionView {
    /// The version the node had (pass it to restore that state).
    pub version: i32,
    /// Who made the change that replaced it, if known.
    pub author_id: Option<Uuid>,
    /// When it was kept.
    pub created_at: DateTime<FixedOffset>,
}

/// Tag names as a request sends them (the array, its items and their limits).
fn tag_names_builder() -> utoipa::openapi::schema::ArrayBuilder {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    let name = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .pattern(Some(patterns::TAG_NAME));
    ArrayBuilder::new().items(name).max_items(Some(32))
}

/// `tags` of a new node or post: at most 32 names, each 1-100 characters with a letter or
/// digit that has an ASCII spelling.
pub fn tag_names() -> utoipa::openapi::schema::Array {
    tag_names_builder()
        .description(Some(
            "Tag names (at most 32; each 1-100 characters, trimmed, with a letter or digit that \
             has an ASCII spelling). Unknown names become tags of the tenant; names with the \
             same slug count once. Default: none.",
        ))
        .build()
}

/// `tags` of a patch: like [`tag_names`], or `null` (unchanged).
pub fn optional_tag_names() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{SchemaType, Type};
    tag_names_builder()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .description(Some(
            "Replaces the node's tags: names as on creation (at most 32; each 1-100 characters, \
             trimmed, with a letter or digit that has an ASCII spelling); `[]` removes them all, \
             absent or `null` keeps them.",
        ))
        .build()
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

/// A page of a node listing.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct NodePage {
    /// The nodes, in the listing's order.
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
    /// The matches on this page, best first.
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

/// A category's texts in one locale.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct CategoryTranslationInput {
    /// A locale the tenant enabled (`validation_failed` otherwise), e.g. `en`, `pt-BR`: a 2-3
    /// letter language and subtags of 2-8 letters or digits joined by `-` or `_`, any case, at most
    /// 35 characters once trimmed.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: String,
    /// Plain text, 1-255 characters, trimmed; no control characters inside.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub name: String,
    /// The URL slug: at most 200 letters, digits and single hyphens between them, trimmed and
    /// stored lower-case. Derived from the name when omitted (the category id when the name
    /// has no letter or digit with an ASCII spelling). Unique per tenant and locale: a slug
    /// another category has is refused (409 `slug_taken`).
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9-]{1,200}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub slug: Option<String>,
    /// Plain text: tags are removed and `&`, `<`, `>` escaped on write.
    pub description: Option<String>,
}

/// A new category.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewCategory {
    /// The parent: a category of the tenant (`validation_failed` otherwise); a root when
    /// absent.
    pub parent_id: Option<Uuid>,
    /// Sort key among siblings, lowest first. Default 0.
    #[serde(default)]
    #[graphql(default)]
    pub position: i32,
    /// The first translation.
    pub translation: CategoryTranslationInput,
}

/// Changes to a category; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct CategoryPatch {
    /// Absent: unchanged; `null`: make it a root; an id: move under that category, which must
    /// be a category of the tenant outside the moved one's subtree (`validation_failed`
    /// otherwise). (In GraphQL: the mutation's `parentId` argument.)
    #[graphql(skip)]
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
    /// Sort key among siblings, lowest first.
    pub position: Option<i32>,
    /// Adds or replaces the translation of its locale.
    pub translation: Option<CategoryTranslationInput>,
}

/// A category in one locale (the requested one or the tenant default).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CategoryView {
    /// The category's id.
    pub id: Uuid,
    /// Its parent; none for a root.
    pub parent_id: Option<Uuid>,
    /// Sort key among siblings, lowest first.
    pub position: i32,
    /// The locale of the texts below.
    pub locale: String,
    /// The name in `locale`.
    pub name: String,
    /// The URL slug in `locale`.
    pub slug: String,
    /// A plain-text description (HTML-escaped), if any.
    pub description: Option<String>,
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;

    use super::*;

    fn properties<T: PartialSchema>() -> serde_json::Value {
        serde_json::to_value(T::schema()).unwrap()["properties"].clone()
    }

    #[test]
    fn the_documented_patterns_are_the_shared_ones() {
        let translation = properties::<TranslationInput>();
        assert_eq!(
            translation["locale"]["pattern"],
            rustok_core::LOCALE_PATTERN
        );
        assert_eq!(translation["title"]["pattern"], patterns::TITLE);
        assert_eq!(translation["slug"]["pattern"], patterns::SLUG);
        let category = properties::<CategoryTranslationInput>();
        assert_eq!(category["locale"]["pattern"], rustok_core::LOCALE_PATTERN);
        assert_eq!(category["name"]["pattern"], patterns::TITLE);
        assert_eq!(category["slug"]["pattern"], patterns::SLUG);
        assert_eq!(
            properties::<BodyInput>()["locale"]["pattern"],
            rustok_core::LOCALE_PATTERN
        );
        let node = properties::<NewNode>();
        assert_eq!(node["kind"]["pattern"], patterns::KIND);
        assert_eq!(node["tags"]["items"]["pattern"], patterns::TAG_NAME);
        assert_eq!(node["tags"]["maxItems"], 32);
        let patch = properties::<NodePatch>();
        assert_eq!(patch["tags"]["items"]["pattern"], patterns::TAG_NAME);
        assert_eq!(patch["tags"]["type"], serde_json::json!(["array", "null"]));
        // Trimmed texts allow exactly what `str::trim` removes around them.
        let edge = format!("^[{}]*", rustok_core::pattern::TRIMMED);
        for pattern in [
            patterns::TITLE,
            patterns::SLUG,
            patterns::KIND,
            patterns::TAG_NAME,
        ] {
            assert!(pattern.starts_with(&edge), "{pattern}");
        }
        assert_eq!(
            patterns::NOT_BLANK,
            format!("[^{}]", rustok_core::pattern::TRIMMED)
        );
    }

    #[test]
    fn blocks_are_documented_as_an_array() {
        let body = properties::<BodyView>();
        assert_eq!(body["blocks"]["type"], serde_json::json!(["array", "null"]));
        assert_eq!(body["format"]["$ref"], "#/components/schemas/BodyFormat");
        let input = properties::<BodyInput>();
        assert_eq!(
            input["blocks"]["type"],
            serde_json::json!(["array", "null"])
        );
    }
}
