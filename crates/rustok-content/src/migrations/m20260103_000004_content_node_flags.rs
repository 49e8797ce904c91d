//! `pinned` and `locked` on nodes, and the index behind last-activity listings (forums).

use rustok_core::schema::{add_index, drop_index, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(super) struct Migration;

const FLAGS: [&str; 2] = ["pinned", "locked"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot add two in one ALTER TABLE.
        for flag in FLAGS {
            manager
                .alter_table(
                    Table::alter()
                        .table("nodes")
                        .add_column(boolean(flag).default(false))
                        .to_owned(),
                )
                .await?;
        }
        add_index(
            manager,
            "nodes",
            index(
                "idx_nodes_tenant_kind_activity",
                ["tenant_id", "kind", "last_activity_at"],
            ),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_index(manager, "idx_nodes_tenant_kind_activity", "nodes").await?;
        for flag in FLAGS {
            manager
                .alter_table(Table::alter().table("nodes").drop_column(flag).to_owned())
                .await?;
        }
        Ok(())
    }
}
