//! Finding a node by its slug in any locale (`NodeService::get_by_slug`): the unique index
//! leads with the locale, so this one serves lookups without it.

use rustok_core::schema::{create_index, drop_index};
use sea_orm_migration::prelude::*;

use super::m20260103_000001_content::NodeTranslations;

pub(super) struct AddSlugLookup;

impl MigrationName for AddSlugLookup {
    fn name(&self) -> &str {
        "m20260103_000005_content_slug_lookup"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for AddSlugLookup {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_index(
            manager,
            "idx_node_translations_slug_lookup",
            NodeTranslations::Table,
            [
                NodeTranslations::TenantId,
                NodeTranslations::Kind,
                NodeTranslations::Slug,
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_index(
            manager,
            "idx_node_translations_slug_lookup",
            NodeTranslations::Table,
        )
        .await
    }
}
