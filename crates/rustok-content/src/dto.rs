//! What callers send and get back. Entities never leave the crate.

use chrono::{DateTime, FixedOffset};
use rustok_core::Locale;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Deserialize)]
pub struct TranslationInput {
    pub locale: Locale,
    pub title: String,
    /// Derived from the title when omitted.
    pub slug: Option<String>,
    pub excerpt: Option<String>,
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyFormat {
    Markdown,
    Html,
    Blocks,
}

impl BodyFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Blocks => "blocks",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct BodyInput {
    pub locale: Locale,
    pub format: BodyFormat,
    /// Markdown or HTML source (for `blocks`, an optional plain-text fallback).
    #[serde(default)]
    pub source: String,
    /// Rich-text blocks for format `blocks`.
    pub blocks: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NewNode {
    pub kind: String,
    pub parent_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    #[serde(default)]
    pub position: i32,
    pub metadata: Option<serde_json::Value>,
    pub translation: TranslationInput,
    pub body: Option<BodyInput>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NodePatch {
    /// `Some(None)` clears the category.
    pub category_id: Option<Option<Uuid>>,
    pub position: Option<i32>,
    pub metadata: Option<serde_json::Value>,
    /// Adds or replaces the translation of its locale.
    pub translation: Option<TranslationInput>,
    /// Adds or replaces the body of its locale.
    pub body: Option<BodyInput>,
    /// Optimistic concurrency: refuse the update unless the node is at this version.
    pub expected_version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BodyView {
    pub format: String,
    /// Sanitised HTML, safe to render.
    pub html: String,
    pub source: String,
    pub blocks: Option<serde_json::Value>,
}

/// A node in one locale, saying which locale it is in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeView {
    pub id: Uuid,
    pub kind: String,
    pub status: String,
    pub parent_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub position: i32,
    pub depth: i32,
    pub reply_count: i32,
    pub metadata: serde_json::Value,
    pub publish_at: Option<DateTime<FixedOffset>>,
    pub published_at: Option<DateTime<FixedOffset>>,
    pub version: i32,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    /// The locale of the texts below (the requested one, or the tenant default as fallback).
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub excerpt: Option<String>,
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
    pub body: Option<BodyView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevisionView {
    pub version: i32,
    pub author_id: Option<Uuid>,
    pub created_at: DateTime<FixedOffset>,
}
