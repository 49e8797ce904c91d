//! What content writers start from, shared by the content crate's tests and the modules built
//! on it (pages): a writer's context in a new tenant, a translation, a markdown post.

use rustok_content::ContentContext;
use rustok_content::dto::{BodyFormat, BodyInput, NewNode, TranslationInput};

use crate::{TestDb, english_and_german};

impl TestDb {
    /// A fresh database (see [`TestDb::new`]) with a writer in a new tenant `slug`.
    pub async fn with_content_writer(prefix: &str, slug: &str) -> (Self, ContentContext) {
        let db = Self::new(prefix).await;
        let writer = db.content_writer(slug).await;
        (db, writer)
    }

    /// A write context in a new tenant `slug` (English and German), acting as a fresh user.
    pub async fn content_writer(&self, slug: &str) -> ContentContext {
        ContentContext {
            tenant: self.tenant(slug).await,
            actor: Some(rustok_core::generate_id()),
            locales: english_and_german(),
        }
    }
}

/// A title in `locale`, everything else (slug, excerpt, SEO) left to the service.
pub fn translation(locale: &str, title: &str) -> TranslationInput {
    TranslationInput {
        locale: locale.into(),
        title: title.into(),
        slug: None,
        excerpt: None,
        seo_title: None,
        seo_description: None,
    }
}

/// A post in English with a markdown body.
pub fn markdown_post(title: &str, body: &str) -> NewNode {
    NewNode {
        kind: "post".into(),
        parent_id: None,
        category_id: None,
        position: 0,
        metadata: None,
        translation: translation("en", title),
        body: Some(BodyInput {
            locale: "en".into(),
            format: BodyFormat::Markdown,
            source: body.into(),
            blocks: None,
        }),
        tags: Vec::new(),
    }
}
