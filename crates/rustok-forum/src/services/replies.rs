//! Replies: published at once under a published topic of a published forum, oldest first;
//! members edit their own while the topic is open.

use rustok_content::ContentContext;
use rustok_content::dto::{NewNode, NodePatch, TranslationInput};
use uuid::Uuid;

use super::{
    ForumService, MAX_TITLE_CHARS, REPLY_KIND, check_edit_right, check_post_body, fresh_suffix,
    markdown, parse_locale, visibility_for,
};
use crate::ForumError;
use crate::dto::{EditRight, NewReply, NodeKind, NodeView, ReplyPatch, Visibility};

impl ForumService<'_> {
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
                NodeKind::Topic,
                Some(&locale),
                Visibility::Published,
            )
            .await?;
        // A topic of a forum taken down is closed with it.
        if let Some(forum_id) = topic.parent_id {
            match self
                .node_of_kind(ctx, forum_id, NodeKind::Forum, None, Visibility::Published)
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
        Ok(self.create_published(ctx, node).await?)
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
            .node_of_kind(
                ctx,
                id,
                NodeKind::Reply,
                Some(&locale),
                visibility_for(right),
            )
            .await?;
        check_edit_right(ctx, &reply, right)?;
        if right == EditRight::OwnOnly {
            let topic_id = reply.parent_id.ok_or(ForumError::NotFound("topic"))?;
            let topic = self
                .node_of_kind(ctx, topic_id, NodeKind::Topic, None, Visibility::All)
                .await?;
            if topic.locked {
                return Err(ForumError::Locked);
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
