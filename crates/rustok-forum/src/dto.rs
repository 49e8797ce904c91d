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
    /// A locale the tenant enabled (`validation_failed` otherwise), e.g. `en`, `pt-BR`: a 2-3
    /// letter language and subtags of 2-8 letters or digits joined by `-` or `_`, any case, at most
    /// 35 characters once trimmed. Default: the tenant's default locale.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: Option<String>,
    /// Plain text, 1-255 characters, trimmed; no control characters inside.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub title: String,
    /// The URL slug: at most 200 letters, digits and single hyphens between them, trimmed and
    /// stored lower-case; unique among forums per locale (409 `slug_taken`). Derived from the
    /// title when omitted.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9-]{1,200}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub slug: Option<String>,
    /// Plain text shown under the title (the node's `excerpt`): at most 2,000 characters; tags
    /// are removed and `&`, `<`, `>` escaped on write.
    #[schema(max_length = 2000)]
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
    /// The locale the texts apply to, e.g. `en`, `pt-BR`: a 2-3 letter language and subtags of 2-8
    /// letters or digits joined by `-` or `_`, any case, at most 35 characters once trimmed.
    /// Changed texts need a locale the tenant enabled (`validation_failed` otherwise). Default: the
    /// tenant's default locale.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: Option<String>,
    /// Plain text, 1-255 characters, trimmed; no control characters inside.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub title: Option<String>,
    /// The URL slug: at most 200 letters, digits and single hyphens between them, trimmed and
    /// stored lower-case; unique among forums per locale (409 `slug_taken`).
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9-]{1,200}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub slug: Option<String>,
    /// Plain text shown under the title: at most 2,000 characters; tags are removed and `&`,
    /// `<`, `>` escaped on write.
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    /// Listing order, lowest first.
    pub position: Option<i32>,
    /// Optimistic concurrency: refuse unless the forum is at this version.
    pub expected_version: Option<i32>,
}

/// A new topic (members with `forum:post`). Published at once.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "NewForumTopic")]
pub struct NewTopic {
    /// A locale the tenant enabled (`validation_failed` otherwise), e.g. `en`, `pt-BR`: a 2-3
    /// letter language and subtags of 2-8 letters or digits joined by `-` or `_`, any case, at most
    /// 35 characters once trimmed. Default: the tenant's default locale.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: Option<String>,
    /// Plain text, 1-255 characters, trimmed; no control characters inside. The slug comes
    /// from it (with a random suffix when another topic has it).
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub title: String,
    /// Markdown, rendered to sanitised HTML: not blank, at most 64 KiB (65,536 bytes of
    /// UTF-8).
    #[schema(
        min_length = 1,
        max_length = 65536,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub body: String,
}

/// An edit of a topic by its author or a moderator. Texts apply to `locale` (the tenant
/// default when omitted): a locale without a translation yet needs a `title`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
#[graphql(name = "ForumTopicPatch")]
pub struct TopicPatch {
    /// The locale the texts apply to, e.g. `en`, `pt-BR`: a 2-3 letter language and subtags of 2-8
    /// letters or digits joined by `-` or `_`, any case, at most 35 characters once trimmed.
    /// Changed texts need a locale the tenant enabled (`validation_failed` otherwise). Default: the
    /// tenant's default locale.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: Option<String>,
    /// Plain text, 1-255 characters, trimmed; no control characters inside.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub title: Option<String>,
    /// Markdown, rendered to sanitised HTML: not blank, at most 64 KiB (65,536 bytes of
    /// UTF-8).
    #[schema(
        min_length = 1,
        max_length = 65536,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub body: Option<String>,
    /// Optimistic concurrency: refuse unless the topic is at this version.
    pub expected_version: Option<i32>,
}

/// A reply to a topic (members with `forum:post`). Published at once.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "NewForumReply")]
pub struct NewReply {
    /// A locale the tenant enabled (`validation_failed` otherwise), e.g. `en`, `pt-BR`: a 2-3
    /// letter language and subtags of 2-8 letters or digits joined by `-` or `_`, any case, at most
    /// 35 characters once trimmed. Default: the tenant's default locale.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: Option<String>,
    /// Markdown, rendered to sanitised HTML: not blank, at most 64 KiB (65,536 bytes of
    /// UTF-8).
    #[schema(
        min_length = 1,
        max_length = 65536,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub body: String,
}

/// An edit of a reply by its author or a moderator.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
#[graphql(name = "ForumReplyPatch")]
pub struct ReplyPatch {
    /// The locale of the body: a locale the tenant enabled (`validation_failed` otherwise), e.g.
    /// `en`, `pt-BR`: a 2-3 letter language and subtags of 2-8 letters or digits joined by `-` or
    /// `_`, any case, at most 35 characters once trimmed. Default: the tenant's default locale.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: Option<String>,
    /// Markdown, rendered to sanitised HTML: not blank, at most 64 KiB (65,536 bytes of
    /// UTF-8).
    #[schema(
        min_length = 1,
        max_length = 65536,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
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

#[cfg(test)]
mod tests {
    use rustok_content::dto::patterns;
    use utoipa::PartialSchema;
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{Object, Schema};

    use super::*;
    use crate::services::MAX_POST_LEN;

    /// The schema of the property `name` of `T`.
    fn property<T: PartialSchema>(name: &str) -> Object {
        let RefOr::T(Schema::Object(object)) = T::schema() else {
            panic!("not an object");
        };
        match object.properties.get(name) {
            Some(RefOr::T(Schema::Object(property))) => property.clone(),
            _ => panic!("no property {name}"),
        }
    }

    fn pattern<T: PartialSchema>(name: &str) -> String {
        property::<T>(name).pattern.unwrap_or_default()
    }

    #[test]
    fn the_documented_patterns_are_the_shared_ones() {
        let locale = rustok_core::LOCALE_PATTERN;
        assert_eq!(pattern::<NewForum>("locale"), locale);
        assert_eq!(pattern::<ForumPatch>("locale"), locale);
        assert_eq!(pattern::<NewTopic>("locale"), locale);
        assert_eq!(pattern::<TopicPatch>("locale"), locale);
        assert_eq!(pattern::<NewReply>("locale"), locale);
        assert_eq!(pattern::<ReplyPatch>("locale"), locale);
        for title in [
            pattern::<NewForum>("title"),
            pattern::<ForumPatch>("title"),
            pattern::<NewTopic>("title"),
            pattern::<TopicPatch>("title"),
        ] {
            assert_eq!(title, patterns::TITLE);
        }
        assert_eq!(pattern::<NewForum>("slug"), patterns::SLUG);
        assert_eq!(pattern::<ForumPatch>("slug"), patterns::SLUG);
        for body in [
            property::<NewTopic>("body"),
            property::<TopicPatch>("body"),
            property::<NewReply>("body"),
            property::<ReplyPatch>("body"),
        ] {
            assert_eq!(body.pattern.as_deref(), Some(patterns::NOT_BLANK));
            assert_eq!(body.max_length, Some(MAX_POST_LEN));
        }
    }
}
