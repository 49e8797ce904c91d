//! Shared setup: a fresh database per test, a tenant's write context, a post to create.

use rustok_content::ContentContext;
use rustok_content::dto::{BodyFormat, BodyInput, NewNode, TranslationInput};
use rustok_testkit::{TestDb, english_and_german};

pub async fn harness() -> TestDb {
    TestDb::new("content").await
}

/// A write context in a new tenant `slug` (English and German), acting as a fresh user.
pub async fn tenant(h: &TestDb, slug: &str) -> ContentContext {
    ContentContext {
        tenant: h.tenant(slug).await,
        actor: Some(rustok_core::generate_id()),
        locales: english_and_german(),
    }
}

/// A post in English with a markdown body.
pub fn post(title: &str, body: &str) -> NewNode {
    NewNode {
        kind: "post".into(),
        parent_id: None,
        category_id: None,
        position: 0,
        metadata: None,
        translation: TranslationInput {
            locale: "en".into(),
            title: title.into(),
            slug: None,
            excerpt: None,
            seo_title: None,
            seo_description: None,
        },
        body: Some(BodyInput {
            locale: "en".into(),
            format: BodyFormat::Markdown,
            source: body.into(),
            blocks: None,
        }),
        tags: Vec::new(),
    }
}
