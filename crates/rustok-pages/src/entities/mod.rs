//! SeaORM entities of the tables this module owns (pages themselves live in content's tables).

pub mod menu_item_translations;
pub mod menu_items;
pub mod menus;
