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

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewPage {
    /// Title, slug (derived from the title when omitted), excerpt and SEO texts in one locale.
    pub translation: TranslationInput,
    /// The layout in the translation's locale.
    #[serde(default)]
    #[graphql(default)]
    #[schema(value_type = Vec<Block>)]
    pub blocks: Json<Vec<Block>>,
    #[serde(default)]
    #[graphql(default)]
    pub position: i32,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct PageLayoutInput {
    /// A locale the tenant enabled.
    pub locale: String,
    #[schema(value_type = Vec<Block>)]
    pub blocks: Json<Vec<Block>>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct PagePatch {
    /// Adds or replaces the texts of its locale.
    pub translation: Option<TranslationInput>,
    /// Adds or replaces the layout of its locale.
    pub layout: Option<PageLayoutInput>,
    pub position: Option<i32>,
    /// Optimistic concurrency: refuse the update unless the page is at this version.
    pub expected_version: Option<i32>,
}

/// A page in one locale, saying which locale it is in.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct PageView {
    pub id: Uuid,
    /// `draft`, `review`, `scheduled`, `published` or `archived`.
    pub status: String,
    pub position: i32,
    pub version: i32,
    /// The locale of the texts below (the requested one, or the tenant default as fallback).
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub excerpt: Option<String>,
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
    /// The layout in `locale` (empty when that locale has no layout yet).
    #[schema(value_type = Vec<Block>)]
    pub blocks: Json<Vec<Block>>,
    /// The layout rendered to sanitised HTML, safe to print.
    pub html: String,
    pub author_id: Option<Uuid>,
    pub publish_at: Option<DateTime<FixedOffset>>,
    pub published_at: Option<DateTime<FixedOffset>>,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct PageList {
    pub items: Vec<PageView>,
    /// Pass as `after` for the next page; absent on the last one. Opaque.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewMenu {
    /// How storefronts ask for it: 1-64 of `a-z`, `0-9`, `-`, `_` (e.g. `main`), unique per tenant.
    pub handle: String,
    /// What editors call it.
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct MenuPatch {
    pub handle: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct MenuLabelInput {
    /// A locale the tenant enabled.
    pub locale: String,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewMenuItem {
    /// Nest under this item of the same menu; a top-level item when absent.
    pub parent_id: Option<Uuid>,
    #[serde(default)]
    #[graphql(default)]
    pub position: i32,
    /// Link to this page (of the same tenant)...
    pub page_id: Option<Uuid>,
    /// ...or to this URL (`http(s)://…` or a path starting with `/`). Exactly one of the two.
    pub url: Option<String>,
    /// At least one label; each locale once.
    pub labels: Vec<MenuLabelInput>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct MenuItemPatch {
    /// Absent: unchanged; `null`: make it top-level; an id: move under that item.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub parent_id: MaybeUndefined<Uuid>,
    pub position: Option<i32>,
    /// Relink to this page (clears the URL).
    pub page_id: Option<Uuid>,
    /// Relink to this URL (clears the page).
    pub url: Option<String>,
    /// Adds or replaces the label of each locale given.
    pub labels: Option<Vec<MenuLabelInput>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema, SimpleObject)]
pub struct MenuLabel {
    pub locale: String,
    pub label: String,
}

/// A menu item as editors manage it: every label, the raw link.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct MenuItemView {
    pub id: Uuid,
    pub menu_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub position: i32,
    pub page_id: Option<Uuid>,
    pub url: Option<String>,
    pub labels: Vec<MenuLabel>,
}

/// A menu as editors manage it, with its items flat (nest by `parent_id`; ordered by position).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct MenuView {
    pub id: Uuid,
    pub handle: String,
    pub name: String,
    pub items: Vec<MenuItemView>,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

/// A menu as a storefront renders it: a tree in one locale.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct MenuTree {
    pub id: Uuid,
    pub handle: String,
    pub items: Vec<MenuNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct MenuNode {
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
    #[schema(no_recursion)]
    pub children: Vec<MenuNode>,
}
