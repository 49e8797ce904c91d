//! `pinned` and `locked` on nodes, and the index behind last-activity listings (forums).

use rustok_core::schema::{create_index, drop_index};
use sea_orm_migration::{prelude::*, schema::*};

use super::m20260103_000001_content::Nodes;

#[derive(DeriveIden)]
enum NodeFlags {
    Pinned,
    Locked,
}

pub(super) struct AddNodeFlags;

impl MigrationName for AddNodeFlags {
    fn name(&self) -> &str {
        "m20260103_000004_content_node_flags"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for AddNodeFlags {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot add two in one ALTER TABLE.
        for flag in [NodeFlags::Pinned, NodeFlags::Locked] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Nodes::Table)
                        .add_column(boolean(flag).default(false))
                        .to_owned(),
                )
                .await?;
        }
        create_index(
            manager,
            "idx_nodes_tenant_kind_activity",
            Nodes::Table,
            [Nodes::TenantId, Nodes::Kind, Nodes::LastActivityAt],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_index(manager, "idx_nodes_tenant_kind_activity", Nodes::Table).await?;
        for flag in [NodeFlags::Pinned, NodeFlags::Locked] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Nodes::Table)
                        .drop_column(flag)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
