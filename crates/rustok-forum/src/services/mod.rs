//! The forum over content's [`NodeService`]: this crate has no tables. A forum category is a
//! node of kind `forum` (`forums.rs`), a topic a `topic` child of a forum (`topics.rs`), a
//! reply a `reply` child of a topic (`replies.rs`). Content keeps `reply_count` and
//! `last_activity_at` of the parent in the same transaction as the child, refuses children of
//! locked nodes, and writes the `content.node_*` events.

mod forums;
mod replies;
mod topics;

use rustok_content::dto::{BodyFormat, BodyInput, NodeFilter, TranslationInput};
use rustok_content::{ContentContext, ContentError, NodeService, NodeSort, NodeStatus};
use rustok_core::{EventBus, Locale};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::ForumError;
use crate::dto::{EditRight, Listing, NodePage, NodeView, Visibility};

pub const FORUM_KIND: &str = "forum";
pub const TOPIC_KIND: &str = "topic";
pub const REPLY_KIND: &str = "reply";

/// Largest topic or reply body, in bytes of markdown. Far below content's own limit: a forum
/// post is a message, not a document.
pub const MAX_POST_LEN: usize = 64 * 1024;
/// Listings return at most this many items per page.
pub const MAX_PAGE_SIZE: u64 = 100;
const MAX_TITLE_CHARS: usize = 255;

/// What a node is to the forum; an id of another kind is a missing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Forum,
    Topic,
    Reply,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Forum => FORUM_KIND,
            Self::Topic => TOPIC_KIND,
            Self::Reply => REPLY_KIND,
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

    /// The node if it is of `kind`, in this tenant, and visible; anything else is absent.
    async fn node_of_kind(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        kind: Kind,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        let found = self.nodes.get(ctx, id, locale).await;
        visible(found, kind, visibility)
    }

    /// The node of `kind` whose slug (in any locale) is `slug`, if visible.
    async fn node_by_slug(
        &self,
        ctx: &ContentContext,
        kind: Kind,
        slug: &str,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        let found = self
            .nodes
            .get_by_slug(ctx, kind.as_str(), slug, locale)
            .await;
        visible(found, kind, visibility)
    }

    /// A page of the forum nodes of `kind` under `parent_id`, in `sort` order.
    async fn list(
        &self,
        ctx: &ContentContext,
        kind: Kind,
        parent_id: Option<Uuid>,
        sort: NodeSort,
        pinned_first: bool,
        listing: Listing,
    ) -> Result<NodePage, ForumError> {
        let filter = NodeFilter {
            kind: Some(kind.as_str().to_string()),
            status: match listing.visibility {
                Visibility::Published => Some(NodeStatus::Published),
                Visibility::All => None,
            },
            parent_id,
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
}

/// What content found, if it is of `kind` and visible; anything else is the forum's `NotFound`.
fn visible(
    found: Result<NodeView, ContentError>,
    kind: Kind,
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
