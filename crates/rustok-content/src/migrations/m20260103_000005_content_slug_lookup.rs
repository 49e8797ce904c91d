//! Finding a node by its slug in any locale (`NodeService::get_by_slug`): the unique index
//! leads with the locale, so this one serves lookups without it.

use rustok_core::schema::{add_index, drop_index, index};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(super) struct Migration;

const INDEX: &str = "idx_node_translations_slug_lookup";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_index(
            manager,
            "node_translations",
            index(INDEX, ["tenant_id", "kind", "slug"]),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_index(manager, INDEX, "node_translations").await
    }
}
