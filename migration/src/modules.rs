//! The per-module migration hook.
//!
//! A module crate owns its tables and exposes them through `RusToKModule::migrations()`. Each
//! module built into the server is listed here, in module dependency order, so its migrations run
//! after the platform's (and after those of the modules it depends on). Migration names must be
//! unique across the workspace: prefix them with the date and the module slug.

use sea_orm_migration::MigrationTrait;

pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    // In module dependency order; commerce and the rest append theirs here.
    let mut all = Vec::new();
    all.extend(rustok_content::migrations());
    all.extend(rustok_commerce::migrations());
    all.extend(rustok_pages::migrations());
    all.extend(rustok_index::migrations());
    all
}
