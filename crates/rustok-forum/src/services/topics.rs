//! Topics: published at once in a published forum, listed pinned first and then by latest
//! activity; members edit their own while the topic is open, moderators lock and pin.

use rustok_content::dto::{NewNode, NodePatch, TranslationInput};
use rustok_content::{ContentContext, ContentError};
use uuid::Uuid;

use super::{
    ForumService, TOPIC_KIND, check_edit_right, check_post_body, fresh_suffix, locale_or_default,
    markdown, merged_translation, parse_locale, visibility_for,
};
use crate::ForumError;
use crate::dto::{EditRight, NewTopic, NodeFlags, NodeKind, NodeView, TopicPatch, Visibility};

const MAX_SLUG_LEN: usize = 200;

impl ForumService<'_> {
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
            .node_of_kind(ctx, forum_id, NodeKind::Forum, None, Visibility::Published)
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
        let created = match self.create_published(ctx, new_topic(None)).await {
            Err(ContentError::SlugTaken(taken)) => {
                let retry = new_topic(Some(suffixed_slug(&taken)));
                self.create_published(ctx, retry).await
            }
            other => other,
        }?;
        Ok(created)
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
            .node_of_kind(
                ctx,
                id,
                NodeKind::Topic,
                Some(&locale),
                visibility_for(right),
            )
            .await?;
        check_edit_right(ctx, &topic, right)?;
        if right == EditRight::OwnOnly && topic.locked {
            return Err(ForumError::Locked);
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
        self.node_of_kind(ctx, id, NodeKind::Topic, None, Visibility::All)
            .await?;
        Ok(self.nodes.set_flags(ctx, id, flags).await?)
    }
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
}
