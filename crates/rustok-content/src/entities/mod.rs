//! SeaORM entities of the tables this module owns.

pub mod bodies;
pub mod categories;
pub mod category_translations;
pub mod node_revisions;
pub mod node_tags;
pub mod node_translations;
pub mod nodes;
pub mod tags;
