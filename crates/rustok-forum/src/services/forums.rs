//! Forum categories: published at once, ordered by `position`; moderators manage them.

use rustok_content::ContentContext;
use rustok_content::dto::{NewNode, NodePatch, TranslationInput};
use uuid::Uuid;

use super::{FORUM_KIND, ForumService, locale_or_default, merged_translation, parse_locale};
use crate::ForumError;
use crate::dto::{ForumPatch, NewForum, NodeKind, NodeView, Visibility};

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
        Ok(self.create_published(ctx, node).await?)
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
            .node_of_kind(ctx, id, NodeKind::Forum, Some(&locale), Visibility::All)
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
}
