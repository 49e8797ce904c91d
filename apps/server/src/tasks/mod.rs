//! CLI tasks: `rustok-server task <name> key:value ...`.

pub mod create_tenant;
pub mod seed_catalog;
