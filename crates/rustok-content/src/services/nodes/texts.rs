//! Texts a write stores: a node's translation (title, slug, excerpt, SEO fields) and body in
//! one locale, validated, with bodies rendered to sanitised HTML.

use chrono::Utc;
use rustok_core::Locale;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, Set,
    SqlErr,
};

use super::super::slug::{slugify, validate_slug};
use super::{MAX_BODY_LEN, MAX_EXCERPT_LEN, MAX_TITLE_LEN};
use crate::ContentError;
use crate::dto::{BodyFormat, BodyInput, TranslationInput};
use crate::entities::{bodies, node_translations, nodes};
use crate::markdown::{render_markdown, sanitize_html};

/// Creates or replaces the node's translation in `locale`; a slug another node of the kind has
/// in that locale is `SlugTaken`.
pub(super) async fn upsert_translation(
    txn: &DatabaseTransaction,
    node: &nodes::Model,
    locale: &Locale,
    input: TranslationInput,
) -> Result<(), ContentError> {
    let title = validate_title(&input.title)?;
    let slug = match input.slug {
        Some(slug) => validate_slug(&slug)?,
        None => {
            let derived = slugify(&title);
            if derived.is_empty() {
                node.id.simple().to_string()
            } else {
                derived
            }
        }
    };
    if input
        .excerpt
        .as_ref()
        .is_some_and(|e| e.chars().count() > MAX_EXCERPT_LEN)
    {
        return Err(ContentError::invalid(
            "excerpt",
            "must be at most 2000 characters",
        ));
    }
    let now = Utc::now().fixed_offset();
    let existing = node_translations::Entity::find()
        .filter(node_translations::Column::NodeId.eq(node.id))
        .filter(node_translations::Column::Locale.eq(locale.as_str()))
        .one(txn)
        .await?;
    let is_new = existing.is_none();
    let mut row: node_translations::ActiveModel = match existing {
        Some(existing) => existing.into(),
        None => node_translations::ActiveModel {
            id: Set(rustok_core::generate_id()),
            node_id: Set(node.id),
            tenant_id: Set(node.tenant_id),
            kind: Set(node.kind.clone()),
            locale: Set(locale.to_string()),
            ..Default::default()
        },
    };
    let slug_for_error = slug.clone();
    row.title = Set(title);
    row.slug = Set(slug);
    row.excerpt = Set(input.excerpt.map(|e| sanitize_text(&e)));
    row.seo_title = Set(input.seo_title.map(|t| t.chars().take(255).collect()));
    row.seo_description = Set(input.seo_description.map(|t| t.chars().take(500).collect()));
    row.updated_at = Set(now);
    let saved = if is_new {
        row.insert(txn).await
    } else {
        row.update(txn).await
    };
    saved.map_err(|err| slug_conflict(err, &slug_for_error))?;
    Ok(())
}

/// Creates or replaces the node's body in `locale`, with its HTML rendered and sanitised.
pub(super) async fn upsert_body(
    txn: &DatabaseTransaction,
    node: &nodes::Model,
    locale: &Locale,
    input: BodyInput,
) -> Result<(), ContentError> {
    if input.source.len() > MAX_BODY_LEN {
        return Err(ContentError::invalid("body", "must be at most 512 KiB"));
    }
    // Blocks are an array whatever the format (the API documents them as one, and answers
    // with them as stored).
    let blocks = input.blocks.filter(|blocks| !blocks.is_null());
    if blocks.as_ref().is_some_and(|blocks| !blocks.is_array()) {
        return Err(ContentError::invalid(
            "blocks",
            "must be a JSON array of blocks",
        ));
    }
    let html = match input.format {
        BodyFormat::Markdown => render_markdown(&input.source),
        BodyFormat::Html => sanitize_html(&input.source),
        BodyFormat::Blocks => {
            if blocks.is_none() {
                return Err(ContentError::invalid(
                    "blocks",
                    "format `blocks` needs a JSON array of blocks",
                ));
            }
            sanitize_html(&input.source)
        }
    };
    let existing = bodies::Entity::find()
        .filter(bodies::Column::NodeId.eq(node.id))
        .filter(bodies::Column::Locale.eq(locale.as_str()))
        .one(txn)
        .await?;
    let is_new = existing.is_none();
    let mut row: bodies::ActiveModel = match existing {
        Some(existing) => existing.into(),
        None => bodies::ActiveModel {
            id: Set(rustok_core::generate_id()),
            node_id: Set(node.id),
            tenant_id: Set(node.tenant_id),
            locale: Set(locale.to_string()),
            ..Default::default()
        },
    };
    row.format = Set(input.format.as_str().to_string());
    row.source = Set(input.source);
    row.html = Set(html);
    row.blocks = Set(blocks);
    row.updated_at = Set(Utc::now().fixed_offset());
    if is_new {
        row.insert(txn).await?;
    } else {
        row.update(txn).await?;
    }
    Ok(())
}

/// A title: 1..=255 characters once trimmed, no control characters inside
/// ([`crate::dto::patterns::TITLE`] in the API).
fn validate_title(title: &str) -> Result<String, ContentError> {
    let title = title.trim();
    if title.is_empty()
        || title.chars().count() > MAX_TITLE_LEN
        || title.chars().any(char::is_control)
    {
        return Err(ContentError::invalid(
            "title",
            "must be 1..=255 characters without control characters",
        ));
    }
    Ok(title.to_string())
}

/// Excerpts are plain text, safe to put into HTML: every tag is dropped (script and style with
/// their content), and `&`, `<`, `>` left in the text are escaped.
fn sanitize_text(text: &str) -> String {
    ammonia::Builder::empty().clean(text).to_string()
}

/// A unique-slug violation as `SlugTaken`; any other database error as it is.
pub(super) fn slug_conflict(err: DbErr, slug: &str) -> ContentError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ContentError::SlugTaken(slug.to_string()),
        _ => ContentError::Database(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_then_bounded() {
        assert_eq!(validate_title("\t Hello \n").unwrap(), "Hello");
        assert!(validate_title(&format!(" {} ", "x".repeat(MAX_TITLE_LEN))).is_ok());
        for bad in [
            "",
            " \n ",
            "a\u{7}b",
            "a\nb",
            &"x".repeat(MAX_TITLE_LEN + 1),
        ] {
            assert!(validate_title(bad).is_err(), "{bad:?}");
        }
    }
}
