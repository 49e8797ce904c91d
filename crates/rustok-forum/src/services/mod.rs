//! The forum over content's [`NodeService`]: this crate has no tables. A forum category is a
//! node of kind `forum` (`forums.rs`), a topic a `topic` child of a forum (`topics.rs`), a
//! reply a `reply` child of a topic (`replies.rs`). Content keeps `reply_count` and
//! `last_activity_at` of the parent in the same transaction as the child, refuses children of
//! locked nodes, and writes the `content.node_*` events.

mod forums;
mod replies;
mod topics;

use rustok_content::dto::{BodyFormat, BodyInput, NewNode, NodeFilter, TranslationInput};
use rustok_content::{ContentContext, ContentError, NodeService, NodeSort, NodeStatus};
use rustok_core::{EventBus, Locale};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::ForumError;
use crate::dto::{EditRight, Listed, Listing, Lookup, NodeKind, NodePage, NodeView, Visibility};

pub const FORUM_KIND: &str = "forum";
pub const TOPIC_KIND: &str = "topic";
pub const REPLY_KIND: &str = "reply";

/// Largest topic or reply body, in bytes of markdown. Far below content's own limit: a forum
/// post is a message, not a document.
pub const MAX_POST_LEN: usize = 64 * 1024;
/// Listings return at most this many items per page.
pub const MAX_PAGE_SIZE: u64 = 100;
const MAX_TITLE_CHARS: usize = 255;

impl NodeKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Forum => FORUM_KIND,
            Self::Topic => TOPIC_KIND,
            Self::Reply => REPLY_KIND,
        }
    }
}

impl Listed {
    fn kind(self) -> NodeKind {
        match self {
            Self::Forums => NodeKind::Forum,
            Self::Topics { .. } => NodeKind::Topic,
            Self::Replies { .. } => NodeKind::Reply,
        }
    }

    /// The node the listed ones hang under, which must be visible too.
    fn parent(self) -> Option<(NodeKind, Uuid)> {
        match self {
            Self::Forums => None,
            Self::Topics { forum_id } => Some((NodeKind::Forum, forum_id)),
            Self::Replies { topic_id } => Some((NodeKind::Topic, topic_id)),
        }
    }

    /// Forums by `position`; topics pinned first, then by latest activity (a new reply);
    /// replies oldest first. The flag is "pinned first".
    fn order(self) -> (NodeSort, bool) {
        match self {
            Self::Forums => (NodeSort::Position, false),
            Self::Topics { .. } => (NodeSort::LastActivity, true),
            Self::Replies { .. } => (NodeSort::Oldest, false),
        }
    }
}

pub struct ForumService<'a> {
    nodes: NodeService<'a>,
}

impl<'a> ForumService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self {
            nodes: NodeService::new(db, events),
        }
    }

    /// Reads of published forum nodes from the read model (see
    /// [`NodeService::published_from`]): what a caller who may not see drafts gets.
    pub fn published_from(
        mut self,
        reads: Option<std::sync::Arc<dyn rustok_core::ContentReads>>,
    ) -> Self {
        self.nodes = self.nodes.published_from(reads);
        self
    }

    /// The node of `kind` that `lookup` names, if it is in this tenant and visible; anything
    /// else is absent.
    pub async fn node(
        &self,
        ctx: &ContentContext,
        kind: NodeKind,
        lookup: &Lookup,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        let found = match lookup {
            Lookup::Id(id) => self.nodes.get(ctx, *id, locale).await,
            Lookup::Slug(slug) => {
                self.nodes
                    .get_by_slug(ctx, kind.as_str(), slug, locale)
                    .await
            }
        };
        visible(found, kind, visibility)
    }

    /// A page of what `listed` names, in its order; a forum's topics and a topic's replies
    /// only while that forum or topic is visible.
    pub async fn list(
        &self,
        ctx: &ContentContext,
        listed: Listed,
        listing: Listing,
    ) -> Result<NodePage, ForumError> {
        if let Some((kind, id)) = listed.parent() {
            self.node_of_kind(ctx, id, kind, None, listing.visibility)
                .await?;
        }
        let (sort, pinned_first) = listed.order();
        let filter = NodeFilter {
            kind: Some(listed.kind().as_str().to_string()),
            status: match listing.visibility {
                Visibility::Published => Some(NodeStatus::Published),
                Visibility::All => None,
            },
            parent_id: listed.parent().map(|(_, id)| id),
            sort,
            pinned_first,
            after: listing.after,
            limit: listing.limit.clamp(1, MAX_PAGE_SIZE),
            ..NodeFilter::default()
        };
        Ok(self
            .nodes
            .list(ctx, filter, listing.locale.as_ref())
            .await?)
    }

    /// Deletes a node of `kind` with everything under it (moderators): a forum with its topics
    /// and replies, a topic with its replies. The parent's counters drop with it.
    pub async fn delete(
        &self,
        ctx: &ContentContext,
        kind: NodeKind,
        id: Uuid,
    ) -> Result<(), ForumError> {
        self.node_of_kind(ctx, id, kind, None, Visibility::All)
            .await?;
        Ok(self.nodes.delete(ctx, id).await?)
    }

    /// The node `id` if it is of `kind`, in this tenant, and visible.
    async fn node_of_kind(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        kind: NodeKind,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        self.node(ctx, kind, &Lookup::Id(id), locale, visibility)
            .await
    }

    /// Creates `node` published at once (`NodeCreated` + `NodePublished`): every forum node is.
    async fn create_published(
        &self,
        ctx: &ContentContext,
        node: NewNode,
    ) -> Result<NodeView, ContentError> {
        self.nodes
            .create_with_status(ctx, node, NodeStatus::Published)
            .await
    }
}

/// What content found, if it is of `kind` and visible; anything else is the forum's `NotFound`.
fn visible(
    found: Result<NodeView, ContentError>,
    kind: NodeKind,
    visibility: Visibility,
) -> Result<NodeView, ForumError> {
    let node = match found {
        Ok(node) => node,
        Err(ContentError::NotFound) => return Err(ForumError::NotFound(kind.as_str())),
        Err(err) => return Err(err.into()),
    };
    let hidden =
        visibility == Visibility::Published && node.status != NodeStatus::Published.as_str();
    if node.kind != kind.as_str() || hidden {
        return Err(ForumError::NotFound(kind.as_str()));
    }
    Ok(node)
}

/// Moderators may edit posts readers cannot see; members only what is published.
fn visibility_for(right: EditRight) -> Visibility {
    match right {
        EditRight::Any => Visibility::All,
        EditRight::OwnOnly => Visibility::Published,
    }
}

fn check_edit_right(
    ctx: &ContentContext,
    node: &NodeView,
    right: EditRight,
) -> Result<(), ForumError> {
    let own = node.author_id.is_some() && node.author_id == ctx.actor;
    if right == EditRight::OwnOnly && !own {
        return Err(ForumError::NotAuthor);
    }
    Ok(())
}

fn check_post_body(body: &str) -> Result<(), ForumError> {
    if body.trim().is_empty() {
        return Err(ForumError::invalid("body", "must not be empty"));
    }
    if body.len() > MAX_POST_LEN {
        return Err(ForumError::invalid("body", "must be at most 64 KiB"));
    }
    Ok(())
}

/// The requested locale as given (content validates it on write) or the tenant default.
fn locale_or_default(ctx: &ContentContext, requested: Option<&str>) -> String {
    requested
        .map(str::to_string)
        .unwrap_or_else(|| ctx.locales.default.to_string())
}

/// The locale of an edit: parsed (to read the node in it) and as text (to write it).
fn parse_locale(
    ctx: &ContentContext,
    requested: Option<&str>,
) -> Result<(String, Locale), ForumError> {
    let locale: Locale = locale_or_default(ctx, requested)
        .parse()
        .map_err(|err: rustok_core::LocaleError| ForumError::invalid("locale", err.to_string()))?;
    Ok((locale.to_string(), locale))
}

fn markdown(locale: &str, source: &str) -> BodyInput {
    BodyInput {
        locale: locale.to_string(),
        format: BodyFormat::Markdown,
        source: source.to_string(),
        blocks: None,
    }
}

/// The translation of `locale` after an edit: given fields win, then the existing translation
/// of that locale (`node` is read in it; if it fell back to another, there is none yet).
fn merged_translation(
    node: &NodeView,
    locale: &str,
    title: Option<String>,
    slug: Option<String>,
    description: Option<String>,
) -> Result<TranslationInput, ForumError> {
    let existing = (node.locale == locale).then_some(node);
    let title = title
        .or_else(|| existing.map(|n| n.title.clone()))
        .ok_or_else(|| ForumError::invalid("title", "a new translation needs a title"))?;
    Ok(TranslationInput {
        locale: locale.to_string(),
        title,
        slug: slug.or_else(|| existing.map(|n| n.slug.clone())),
        excerpt: description.or_else(|| existing.and_then(|n| n.excerpt.clone())),
        seo_title: existing.and_then(|n| n.seo_title.clone()),
        seo_description: existing.and_then(|n| n.seo_description.clone()),
    })
}

fn fresh_suffix() -> String {
    ulid::Ulid::generate().to_string().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_bodies_are_bounded() {
        assert!(check_post_body("  ").is_err());
        assert!(check_post_body(&"x".repeat(MAX_POST_LEN + 1)).is_err());
        assert!(check_post_body("hello").is_ok());
    }
}
