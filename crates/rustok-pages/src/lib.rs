//! `rustok-pages`: static pages with block layouts, and navigation menus.
//!
//! A page is a content node of kind `page`, written and read through
//! [`rustok_content::NodeService`] only: translations, revisions, the publishing workflow and
//! the `content.node_*` events all come from content. This crate adds the typed block layout
//! ([`blocks`]), validated and rendered to sanitised HTML on write. Menus are this module's own
//! data: a tree of items per menu, each linking to a page or a URL, labelled per locale.
//!
//! Tables owned: `menus`, `menu_items`, `menu_item_translations`.

mod access;
pub mod blocks;
pub mod dto;
pub mod entities;
mod error;
pub mod graphql;
mod migrations;
mod module;
pub mod rest;
mod seed;
mod services;

pub use blocks::Block;
pub use error::PagesError;
pub use migrations::migrations;
pub use module::PagesModule;
pub use seed::seed_demo;
pub use services::{
    MAX_LABEL_LEN, MAX_MENU_DEPTH, MAX_MENU_ITEMS, MenuService, PAGE_KIND, PageService,
};
