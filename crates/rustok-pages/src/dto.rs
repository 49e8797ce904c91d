//! What callers send and get back. Entities never leave the crate.
//!
//! Block layouts travel as JSON in both APIs (a GraphQL `JSON` scalar, typed as [`Block`] in
//! the OpenAPI document), since GraphQL has no input unions.

use async_graphql::{InputObject, SimpleObject};
use chrono::{DateTime, FixedOffset};
use rustok_content::dto::TranslationInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::blocks::Block;

/// A value carried as JSON (blocks): transparent in REST, a `JSON` scalar in GraphQL.
pub use async_graphql::Json;
/// A patch field that tells absent (`Undefined`) from `null` (`Null`) in both APIs.
pub use async_graphql::MaybeUndefined;

/// What a menu handle must be (`validate_handle`), as an ECMA-262 pattern (OpenAPI `pattern`;
/// see [`rustok_core::pattern`]): surrounding whitespace (trimmed), then 1-64 of `a-z`, `0-9`,
/// `-`, `_`, starting with a letter or digit. Repeated literally in the schema attributes.
pub const HANDLE_PATTERN: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z0-9][a-z0-9_-]{0,63}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";

/// A new page, created as a draft.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewPage {
    /// Title, slug (derived from the title when omitted; unique among pages per locale, 409
    /// `slug_taken`), excerpt and SEO texts in one locale.
    pub translation: TranslationInput,
    /// The layout in the translation's locale: at most 200 blocks in all, nested ones
    /// included (a JSON array of `Block`s; in GraphQL a `JSON` value). Default: empty.
    #[serde(default)]
    #[graphql(default)]
    #[schema(value_type = Vec<Block>, max_items = 200)]
    pub blocks: Json<Vec<Block>>,
    /// Sort key among pages, lowest first. Default 0.
    #[serde(default)]
    #[graphql(default)]
    pub position: i32,
}

/// A page's layout in one locale.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct PageLayoutInput {
    /// A locale the tenant enabled (`validation_failed` otherwise), e.g. `en`, `pt-BR`: a 2-3
    /// letter language and subtags of 2-8 letters or digits joined by `-` or `_`, any case, at most
    /// 35 characters once trimmed.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: String,
    /// The blocks: at most 200 in all, nested ones included (a JSON array of `Block`s; in
    /// GraphQL a `JSON` value).
    #[schema(value_type = Vec<Block>, max_items = 200)]
    pub blocks: Json<Vec<Block>>,
}

/// Changes to a page; absent fields stay as they are. The previous state becomes a content
/// revision.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct PagePatch {
    /// Adds or replaces the texts of its locale.
    pub translation: Option<TranslationInput>,
    /// Adds or replaces the layout of its locale.
    pub layout: Option<PageLayoutInput>,
    /// Sort key among pages, lowest first.
    pub position: Option<i32>,
    /// Optimistic concurrency: refuse the update unless the page is at this version (409
    /// `version_conflict`).
    pub expected_version: Option<i32>,
}

/// A page in one locale, saying which locale it is in.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct PageView {
    /// The page's id (a content node of kind `page`).
    pub id: Uuid,
    /// `draft`, `review`, `scheduled`, `published` or `archived`.
    pub status: String,
    /// Sort key among pages, lowest first.
    pub position: i32,
    /// Starts at 1; every update adds one (what a patch's expected version is checked
    /// against).
    pub version: i32,
    /// The locale of the texts below (the requested one, or the tenant default as fallback).
    pub locale: String,
    /// The title in `locale`.
    pub title: String,
    /// The URL slug in `locale`.
    pub slug: String,
    /// A plain-text summary (HTML-escaped), if any.
    pub excerpt: Option<String>,
    /// The title for search engines, if any.
    pub seo_title: Option<String>,
    /// The description for search engines, if any.
    pub seo_description: Option<String>,
    /// The layout in `locale` (empty when that locale has no layout yet, or has one written
    /// outside the pages API that is not a valid layout).
    #[schema(value_type = Vec<Block>)]
    pub blocks: Json<Vec<Block>>,
    /// The layout rendered to sanitised HTML, safe to print.
    pub html: String,
    /// The user who created it.
    pub author_id: Option<Uuid>,
    /// When a scheduled page is due to be published.
    pub publish_at: Option<DateTime<FixedOffset>>,
    /// When it was last published.
    pub published_at: Option<DateTime<FixedOffset>>,
    /// When it was created.
    pub created_at: DateTime<FixedOffset>,
    /// When it was last changed.
    pub updated_at: DateTime<FixedOffset>,
}

/// A page of pages, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct PageList {
    /// The pages.
    pub items: Vec<PageView>,
    /// Pass as `after` for the next page; absent on the last one. Opaque.
    pub next_cursor: Option<String>,
}

/// A new navigation menu, without items.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewMenu {
    /// How storefronts ask for it (e.g. `main`): 1-64 of `a-z`, `0-9`, `-`, `_`, starting with
    /// a letter or digit, trimmed. Unique per tenant (409 `handle_taken`).
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z0-9][a-z0-9_-]{0,63}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub handle: String,
    /// What editors call it: plain text, 1-255 characters, trimmed; no control characters
    /// inside.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub name: String,
}

/// Changes to a menu; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct MenuPatch {
    /// A new handle: 1-64 of `a-z`, `0-9`, `-`, `_`, starting with a letter or digit, trimmed.
    /// Unique per tenant (409 `handle_taken`).
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z0-9][a-z0-9_-]{0,63}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub handle: Option<String>,
    /// A new name: plain text, 1-255 characters, trimmed; no control characters inside.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub name: Option<String>,
}

/// A menu item's label in one locale.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct MenuLabelInput {
    /// A locale the tenant enabled (`validation_failed` otherwise), e.g. `en`, `pt-BR`: a 2-3
    /// letter language and subtags of 2-8 letters or digits joined by `-` or `_`, any case, at most
    /// 35 characters once trimmed. Each locale once per request.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub locale: String,
    /// Plain text, 1-255 characters, trimmed; no control characters inside.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub label: String,
}

/// A new menu item: a link to a page of the tenant or to a URL, with its labels.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewMenuItem {
    /// Nest under this item of the same menu (`validation_failed` otherwise); menus nest at
    /// most 4 levels deep. A top-level item when absent.
    pub parent_id: Option<Uuid>,
    /// Sort key among its siblings, lowest first. Default 0.
    #[serde(default)]
    #[graphql(default)]
    pub position: i32,
    /// Link to this page of the tenant (`validation_failed` otherwise)... Give exactly one of
    /// a page and a URL.
    pub page_id: Option<Uuid>,
    /// ...or to this URL: `http(s)://` and a host, or a site-relative `/path`, `#anchor` or
    /// `?query`; no whitespace, control characters or backslashes; at most 2,048 bytes. Give
    /// exactly one of a page and a URL.
    #[schema(
        min_length = 1,
        max_length = 2048,
        pattern = r"^(?:[Hh][Tt][Tt][Pp][Ss]?://[0-9A-Za-z\[]|/(?:[^/\x00-\x20\x7f-\xa0\\\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|(?![\s\S]))|[#?])[^\x00-\x20\x7f-\xa0\\\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?![\s\S])"
    )]
    pub url: Option<String>,
    /// At least one label, each locale once. A menu holds at most 200 items.
    #[schema(min_items = 1)]
    pub labels: Vec<MenuLabelInput>,
}

/// Changes to a menu item; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct MenuItemPatch {
    /// Absent: unchanged; `null`: make it top-level; an id: move under that item of the same
    /// menu, outside the moved item's subtree, with the subtree still at most 4 levels deep
    /// (`validation_failed` otherwise).
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: MaybeUndefined<Uuid>,
    /// Sort key among its siblings, lowest first.
    pub position: Option<i32>,
    /// Relink to this page of the tenant (clears the URL). Give at most one of a page and a
    /// URL.
    pub page_id: Option<Uuid>,
    /// Relink to this URL (clears the page): `http(s)://` and a host, or a site-relative
    /// `/path`, `#anchor` or `?query`; no whitespace, control characters or backslashes; at
    /// most 2,048 bytes. Give at most one of a page and a URL.
    #[schema(
        min_length = 1,
        max_length = 2048,
        pattern = r"^(?:[Hh][Tt][Tt][Pp][Ss]?://[0-9A-Za-z\[]|/(?:[^/\x00-\x20\x7f-\xa0\\\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|(?![\s\S]))|[#?])[^\x00-\x20\x7f-\xa0\\\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?![\s\S])"
    )]
    pub url: Option<String>,
    /// Adds or replaces the label of each locale given (each locale once); other labels stay.
    pub labels: Option<Vec<MenuLabelInput>>,
}

/// A menu item's label in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema, SimpleObject)]
pub struct MenuLabel {
    /// The label's locale.
    pub locale: String,
    /// The label.
    pub label: String,
}

/// A menu item as editors manage it: every label, the raw link.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct MenuItemView {
    /// The item's id.
    pub id: Uuid,
    /// The menu it belongs to.
    pub menu_id: Uuid,
    /// The item it is nested under; none for a top-level item.
    pub parent_id: Option<Uuid>,
    /// Sort key among its siblings, lowest first.
    pub position: i32,
    /// The linked page, for page items.
    pub page_id: Option<Uuid>,
    /// The URL, for URL items.
    pub url: Option<String>,
    /// Its labels, by locale.
    pub labels: Vec<MenuLabel>,
}

/// A menu as editors manage it, with its items flat (nest by `parent_id`; ordered by position).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct MenuView {
    /// The menu's id.
    pub id: Uuid,
    /// How storefronts ask for it.
    pub handle: String,
    /// What editors call it.
    pub name: String,
    /// Every item, flat, by position.
    pub items: Vec<MenuItemView>,
    /// When it was created.
    pub created_at: DateTime<FixedOffset>,
    /// When it or one of its items last changed.
    pub updated_at: DateTime<FixedOffset>,
}

/// A menu as a storefront renders it: a tree in one locale.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct MenuTree {
    /// The menu's id.
    pub id: Uuid,
    /// Its handle.
    pub handle: String,
    /// The top-level items, by position, each with its children.
    pub items: Vec<MenuNode>,
}

/// A menu item as a storefront renders it, with the items nested under it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct MenuNode {
    /// The item's id.
    pub id: Uuid,
    /// The label in the requested locale, else the tenant default, else any.
    pub label: String,
    /// The locale of `label`.
    pub locale: String,
    /// The URL of a URL item.
    pub url: Option<String>,
    /// The linked page, for page items.
    pub page_id: Option<Uuid>,
    /// The linked page's slug in the requested locale (or its fallback), for page items.
    pub page_slug: Option<String>,
    /// The items nested under it, by position.
    #[schema(no_recursion)]
    pub children: Vec<MenuNode>,
}

#[cfg(test)]
mod tests {
    use rustok_content::dto::patterns;
    use serde_json::{Value, json};
    use utoipa::PartialSchema;

    use super::*;
    use crate::blocks::URL_PATTERN;

    fn properties<T: PartialSchema>() -> Value {
        serde_json::to_value(T::schema()).unwrap()["properties"].clone()
    }

    #[test]
    fn the_documented_patterns_are_the_validators_ones() {
        for menu in [properties::<NewMenu>(), properties::<MenuPatch>()] {
            assert_eq!(menu["handle"]["pattern"], HANDLE_PATTERN);
            assert_eq!(menu["name"]["pattern"], patterns::TITLE);
        }
        let label = properties::<MenuLabelInput>();
        assert_eq!(label["locale"]["pattern"], rustok_core::LOCALE_PATTERN);
        assert_eq!(label["label"]["pattern"], patterns::TITLE);
        assert_eq!(
            properties::<PageLayoutInput>()["locale"]["pattern"],
            rustok_core::LOCALE_PATTERN
        );
        assert_eq!(properties::<NewMenuItem>()["url"]["pattern"], URL_PATTERN);
        assert_eq!(properties::<MenuItemPatch>()["url"]["pattern"], URL_PATTERN);
        let edge = format!("^[{}]*", rustok_core::pattern::TRIMMED);
        assert!(HANDLE_PATTERN.starts_with(&edge));
    }

    #[test]
    fn layouts_are_lists_of_blocks() {
        let page = properties::<NewPage>();
        assert_eq!(
            page["blocks"]["items"]["$ref"],
            "#/components/schemas/Block"
        );
        assert_eq!(page["blocks"]["maxItems"], 200);
        assert_eq!(
            properties::<PageView>()["blocks"]["items"]["$ref"],
            "#/components/schemas/Block"
        );
        assert_eq!(
            properties::<MenuItemPatch>()["parent_id"]["type"],
            json!(["string", "null"])
        );
    }
}
