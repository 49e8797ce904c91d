//! Forum categories: published at once, ordered by `position`; moderators manage them.

use rustok_content::dto::{NewNode, NodePatch, TranslationInput};
use rustok_content::{ContentContext, NodeSort, NodeStatus};
use rustok_core::Locale;
use uuid::Uuid;

use super::{FORUM_KIND, ForumService, Kind, locale_or_default, merged_translation, parse_locale};
use crate::ForumError;
use crate::dto::{ForumPatch, Listing, NewForum, NodePage, NodeView, Visibility};

impl ForumService<'_> {
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
}
