//! The forum over content's [`NodeService`]: this crate has no tables. A forum category is a
//! node of kind `forum`, a topic a `topic` child of a forum, a reply a `reply` child of a topic.
//! Content keeps `reply_count` and `last_activity_at` of the parent in the same transaction as
//! the child, refuses children of locked nodes, and writes the `content.node_*` events.

use rustok_content::dto::{
    BodyFormat, BodyInput, NewNode, NodeFilter, NodePatch, TranslationInput,
};
use rustok_content::{ContentContext, ContentError, NodeService, NodeSort, NodeStatus};
use rustok_core::{EventBus, Locale};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::ForumError;
use crate::dto::{
    EditRight, ForumPatch, Listing, NewForum, NewReply, NewTopic, NodeFlags, NodePage, NodeView,
    ReplyPatch, TopicPatch, Visibility,
};

pub const FORUM_KIND: &str = "forum";
pub const TOPIC_KIND: &str = "topic";
pub const REPLY_KIND: &str = "reply";

/// Largest topic or reply body, in bytes of markdown. Far below content's own limit: a forum
/// post is a message, not a document.
pub const MAX_POST_LEN: usize = 64 * 1024;
/// Listings return at most this many items per page.
pub const MAX_PAGE_SIZE: u64 = 100;
const MAX_TITLE_CHARS: usize = 255;
const MAX_SLUG_LEN: usize = 200;

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

    // ----- forum categories -----

    /// Creates a forum category, published at once (`NodeCreated` + `NodePublished`).
    pub async fn create_forum(
        &self,
        ctx: &ContentContext,
        input: NewForum,
    ) -> Result<NodeView, ForumError> {
        let locale = locale_or_default(ctx, input.locale.as_deref());
        let node = NewNode {
            kind: FORUM_KIND.to_string(),
            parent_id: None,
            category_id: None,
            position: input.position,
            metadata: None,
            translation: TranslationInput {
                locale,
                title: input.title,
                slug: input.slug,
                excerpt: input.description,
                seo_title: None,
                seo_description: None,
            },
            body: None,
            tags: Vec::new(),
        };
        Ok(self
            .nodes
            .create_with_status(ctx, node, NodeStatus::Published)
            .await?)
    }

    pub async fn forum(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        self.node_of_kind(ctx, id, Kind::Forum, locale, visibility)
            .await
    }

    /// The forum category whose slug (in any locale) is `slug`.
    pub async fn forum_by_slug(
        &self,
        ctx: &ContentContext,
        slug: &str,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        self.node_by_slug(ctx, Kind::Forum, slug, locale, visibility)
            .await
    }

    /// Forum categories by `position`, lowest first.
    pub async fn forums(
        &self,
        ctx: &ContentContext,
        listing: Listing,
    ) -> Result<NodePage, ForumError> {
        self.list(ctx, Kind::Forum, None, NodeSort::Position, false, listing)
            .await
    }

    /// Renames, translates, describes or reorders a forum category (moderators).
    pub async fn update_forum(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        patch: ForumPatch,
    ) -> Result<NodeView, ForumError> {
        let (locale_text, locale) = parse_locale(ctx, patch.locale.as_deref())?;
        let node = self
            .node_of_kind(ctx, id, Kind::Forum, Some(&locale), Visibility::All)
            .await?;
        let texts_changed =
            patch.title.is_some() || patch.slug.is_some() || patch.description.is_some();
        let translation = texts_changed
            .then(|| {
                merged_translation(
                    &node,
                    &locale_text,
                    patch.title,
                    patch.slug,
                    patch.description,
                )
            })
            .transpose()?;
        let node_patch = NodePatch {
            position: patch.position,
            translation,
            expected_version: patch.expected_version,
            ..NodePatch::default()
        };
        Ok(self.nodes.update(ctx, id, node_patch).await?)
    }

    /// Deletes a forum category with all its topics and replies (moderators).
    pub async fn delete_forum(&self, ctx: &ContentContext, id: Uuid) -> Result<(), ForumError> {
        self.node_of_kind(ctx, id, Kind::Forum, None, Visibility::All)
            .await?;
        Ok(self.nodes.delete(ctx, id).await?)
    }

    // ----- topics -----

    /// Opens a topic in a published forum, published at once. The slug comes from the title;
    /// when another topic has it already, a short random suffix keeps it unique.
    pub async fn create_topic(
        &self,
        ctx: &ContentContext,
        forum_id: Uuid,
        input: NewTopic,
    ) -> Result<NodeView, ForumError> {
        check_post_body(&input.body)?;
        let forum = self
            .node_of_kind(ctx, forum_id, Kind::Forum, None, Visibility::Published)
            .await?;
        let locale = locale_or_default(ctx, input.locale.as_deref());
        let new_topic = |slug: Option<String>| NewNode {
            kind: TOPIC_KIND.to_string(),
            parent_id: Some(forum.id),
            category_id: None,
            position: 0,
            metadata: None,
            translation: TranslationInput {
                locale: locale.clone(),
                title: input.title.clone(),
                slug,
                excerpt: None,
                seo_title: None,
                seo_description: None,
            },
            body: Some(markdown(&locale, &input.body)),
            tags: Vec::new(),
        };
        // Topic titles repeat ("Help!"): a derived slug that is taken gets a random suffix.
        let created = match self
            .nodes
            .create_with_status(ctx, new_topic(None), NodeStatus::Published)
            .await
        {
            Err(ContentError::SlugTaken(taken)) => {
                let retry = new_topic(Some(suffixed_slug(&taken)));
                self.nodes
                    .create_with_status(ctx, retry, NodeStatus::Published)
                    .await
            }
            other => other,
        }?;
        Ok(created)
    }

    pub async fn topic(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        self.node_of_kind(ctx, id, Kind::Topic, locale, visibility)
            .await
    }

    /// The topic whose slug (in any locale) is `slug`.
    pub async fn topic_by_slug(
        &self,
        ctx: &ContentContext,
        slug: &str,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        self.node_by_slug(ctx, Kind::Topic, slug, locale, visibility)
            .await
    }

    /// Topics of a forum: pinned first, then the latest activity (a new reply) first.
    pub async fn topics(
        &self,
        ctx: &ContentContext,
        forum_id: Uuid,
        listing: Listing,
    ) -> Result<NodePage, ForumError> {
        self.node_of_kind(ctx, forum_id, Kind::Forum, None, listing.visibility)
            .await?;
        self.list(
            ctx,
            Kind::Topic,
            Some(forum_id),
            NodeSort::LastActivity,
            true,
            listing,
        )
        .await
    }

    /// Edits a topic's title and/or body in one locale. Members edit their own topics while
    /// they are open; moderators edit any.
    pub async fn update_topic(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        patch: TopicPatch,
        right: EditRight,
    ) -> Result<NodeView, ForumError> {
        let (locale_text, locale) = parse_locale(ctx, patch.locale.as_deref())?;
        if let Some(body) = &patch.body {
            check_post_body(body)?;
        }
        let topic = self
            .node_of_kind(ctx, id, Kind::Topic, Some(&locale), visibility_for(right))
            .await?;
        check_edit_right(ctx, &topic, right)?;
        if right == EditRight::OwnOnly && topic.locked {
            return Err(ContentError::Locked.into());
        }
        // A body in a locale the topic has no title in yet needs a translation with it.
        let needs_translation = patch.title.is_some() || topic.locale != locale_text;
        let translation = needs_translation
            .then(|| merged_translation(&topic, &locale_text, patch.title, None, None))
            .transpose()?;
        let node_patch = NodePatch {
            translation,
            body: patch.body.map(|body| markdown(&locale_text, &body)),
            expected_version: patch.expected_version,
            ..NodePatch::default()
        };
        // A new translation's slug is derived from its title, which another topic may have.
        let derived_slug = node_patch
            .translation
            .as_ref()
            .is_some_and(|t| t.slug.is_none());
        let updated = match self.nodes.update(ctx, id, node_patch.clone()).await {
            Err(ContentError::SlugTaken(taken)) if derived_slug => {
                let mut retry = node_patch;
                if let Some(translation) = retry.translation.as_mut() {
                    translation.slug = Some(suffixed_slug(&taken));
                }
                self.nodes.update(ctx, id, retry).await
            }
            other => other,
        }?;
        Ok(updated)
    }

    /// Locks (no new replies) and/or pins (listed first) a topic (moderators).
    pub async fn moderate_topic(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        flags: NodeFlags,
    ) -> Result<NodeView, ForumError> {
        self.node_of_kind(ctx, id, Kind::Topic, None, Visibility::All)
            .await?;
        Ok(self.nodes.set_flags(ctx, id, flags).await?)
    }

    /// Deletes a topic with its replies (moderators); the forum's topic count drops by one.
    pub async fn delete_topic(&self, ctx: &ContentContext, id: Uuid) -> Result<(), ForumError> {
        self.node_of_kind(ctx, id, Kind::Topic, None, Visibility::All)
            .await?;
        Ok(self.nodes.delete(ctx, id).await?)
    }

    // ----- replies -----

    /// Replies to a published topic, published at once; the topic's `reply_count` and
    /// `last_activity_at` move in the same transaction. A locked topic refuses it
    /// (`ContentError::Locked`). Title and slug are generated: `Re: <topic title>`,
    /// `reply-<ulid>`.
    pub async fn create_reply(
        &self,
        ctx: &ContentContext,
        topic_id: Uuid,
        input: NewReply,
    ) -> Result<NodeView, ForumError> {
        check_post_body(&input.body)?;
        let (locale_text, locale) = parse_locale(ctx, input.locale.as_deref())?;
        let topic = self
            .node_of_kind(
                ctx,
                topic_id,
                Kind::Topic,
                Some(&locale),
                Visibility::Published,
            )
            .await?;
        // A topic of a forum taken down is closed with it.
        if let Some(forum_id) = topic.parent_id {
            match self
                .node_of_kind(ctx, forum_id, Kind::Forum, None, Visibility::Published)
                .await
            {
                Ok(_) => {}
                Err(ForumError::NotFound(_)) => return Err(ForumError::NotFound("topic")),
                Err(err) => return Err(err),
            }
        }
        let node = NewNode {
            kind: REPLY_KIND.to_string(),
            parent_id: Some(topic.id),
            category_id: None,
            position: 0,
            metadata: None,
            translation: reply_translation(&locale_text, &topic.title),
            body: Some(markdown(&locale_text, &input.body)),
            tags: Vec::new(),
        };
        Ok(self
            .nodes
            .create_with_status(ctx, node, NodeStatus::Published)
            .await?)
    }

    pub async fn reply(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        self.node_of_kind(ctx, id, Kind::Reply, locale, visibility)
            .await
    }

    /// Replies of a topic, oldest first.
    pub async fn replies(
        &self,
        ctx: &ContentContext,
        topic_id: Uuid,
        listing: Listing,
    ) -> Result<NodePage, ForumError> {
        self.node_of_kind(ctx, topic_id, Kind::Topic, None, listing.visibility)
            .await?;
        self.list(
            ctx,
            Kind::Reply,
            Some(topic_id),
            NodeSort::Oldest,
            false,
            listing,
        )
        .await
    }

    /// Edits a reply's body in one locale. Members edit their own replies while the topic is
    /// open; moderators edit any.
    pub async fn update_reply(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        patch: ReplyPatch,
        right: EditRight,
    ) -> Result<NodeView, ForumError> {
        check_post_body(&patch.body)?;
        let (locale_text, locale) = parse_locale(ctx, patch.locale.as_deref())?;
        let reply = self
            .node_of_kind(ctx, id, Kind::Reply, Some(&locale), visibility_for(right))
            .await?;
        check_edit_right(ctx, &reply, right)?;
        if right == EditRight::OwnOnly {
            let topic_id = reply.parent_id.ok_or(ForumError::NotFound("topic"))?;
            let topic = self
                .node_of_kind(ctx, topic_id, Kind::Topic, None, Visibility::All)
                .await?;
            if topic.locked {
                return Err(ContentError::Locked.into());
            }
        }
        let translation =
            (reply.locale != locale_text).then(|| reply_translation(&locale_text, &reply.title));
        let node_patch = NodePatch {
            translation,
            body: Some(markdown(&locale_text, &patch.body)),
            expected_version: patch.expected_version,
            ..NodePatch::default()
        };
        Ok(self.nodes.update(ctx, id, node_patch).await?)
    }

    /// Deletes a reply (moderators); the topic's `reply_count` drops by one.
    pub async fn delete_reply(&self, ctx: &ContentContext, id: Uuid) -> Result<(), ForumError> {
        self.node_of_kind(ctx, id, Kind::Reply, None, Visibility::All)
            .await?;
        Ok(self.nodes.delete(ctx, id).await?)
    }

    // ----- shared -----

    /// The node if it is of `kind`, in this tenant, and visible; anything else is absent.
    async fn node_of_kind(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        kind: Kind,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        match self.nodes.get(ctx, id, locale).await {
            Ok(node) => visible(node, kind, visibility),
            Err(ContentError::NotFound) => Err(ForumError::NotFound(kind.as_str())),
            Err(err) => Err(err.into()),
        }
    }

    async fn node_by_slug(
        &self,
        ctx: &ContentContext,
        kind: Kind,
        slug: &str,
        locale: Option<&Locale>,
        visibility: Visibility,
    ) -> Result<NodeView, ForumError> {
        match self
            .nodes
            .get_by_slug(ctx, kind.as_str(), slug, locale)
            .await
        {
            Ok(node) => visible(node, kind, visibility),
            Err(ContentError::NotFound) => Err(ForumError::NotFound(kind.as_str())),
            Err(err) => Err(err.into()),
        }
    }

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

fn visible(node: NodeView, kind: Kind, visibility: Visibility) -> Result<NodeView, ForumError> {
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

/// `Re: <topic title>` (cut to the title limit) with a slug no other reply can have.
fn reply_translation(locale: &str, topic_title: &str) -> TranslationInput {
    let title: String = format!("Re: {topic_title}")
        .chars()
        .take(MAX_TITLE_CHARS)
        .collect();
    TranslationInput {
        locale: locale.to_string(),
        title: title.trim_end().to_string(),
        slug: Some(format!("reply-{}", fresh_suffix())),
        excerpt: None,
        seo_title: None,
        seo_description: None,
    }
}

fn fresh_suffix() -> String {
    ulid::Ulid::generate().to_string().to_lowercase()
}

fn suffixed_slug(taken: &str) -> String {
    // The last 8 characters of a ULID are random: unique enough next to the title.
    let suffix = fresh_suffix();
    let suffix = &suffix[suffix.len() - 8..];
    let base: String = taken
        .chars()
        .take(MAX_SLUG_LEN - suffix.len() - 1)
        .collect();
    format!("{}-{suffix}", base.trim_end_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixed_slugs_stay_valid_and_short() {
        let slug = suffixed_slug(&"a".repeat(MAX_SLUG_LEN));
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(!slug.contains("--"));
        assert!(
            slug.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
        assert_ne!(suffixed_slug("help"), suffixed_slug("help"));
    }

    #[test]
    fn reply_titles_fit_and_slugs_differ() {
        let long = "x".repeat(300);
        let a = reply_translation("en", &long);
        assert_eq!(a.title.chars().count(), MAX_TITLE_CHARS);
        assert!(a.title.starts_with("Re: "));
        let b = reply_translation("en", "Hi");
        assert_eq!(b.title, "Re: Hi");
        assert_ne!(a.slug, b.slug);
    }

    #[test]
    fn post_bodies_are_bounded() {
        assert!(check_post_body("  ").is_err());
        assert!(check_post_body(&"x".repeat(MAX_POST_LEN + 1)).is_err());
        assert!(check_post_body("hello").is_ok());
    }
}
