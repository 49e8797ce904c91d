//! Tags per tenant and their many-to-many link to nodes.

use rustok_core::schema::{
    cascade_to, create_index, create_unique_index, drop_all, tenant_id, tenant_table,
};
use sea_orm_migration::{prelude::*, schema::*};

use super::m20260103_000001_content::Nodes;

#[derive(DeriveIden)]
enum Tags {
    Table,
    Id,
    TenantId,
    Slug,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum NodeTags {
    Table,
    NodeId,
    TagId,
    TenantId,
}

pub(super) struct CreateTags;

impl MigrationName for CreateTags {
    fn name(&self) -> &str {
        "m20260103_000002_content_tags"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateTags {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table(Tags::Table)
                    .col(string_len(Tags::Slug, 100))
                    .col(string_len(Tags::Name, 100))
                    .col(timestamp_with_time_zone(Tags::CreatedAt))
                    .to_owned(),
            )
            .await?;
        create_unique_index(
            manager,
            "uq_tags_tenant_slug",
            Tags::Table,
            [Tags::TenantId, Tags::Slug],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(NodeTags::Table)
                    .if_not_exists()
                    .col(uuid(NodeTags::NodeId))
                    .col(uuid(NodeTags::TagId))
                    .col(tenant_id())
                    .primary_key(Index::create().col(NodeTags::NodeId).col(NodeTags::TagId))
                    .foreign_key(&mut cascade_to(
                        (NodeTags::Table, NodeTags::NodeId),
                        (Nodes::Table, Nodes::Id),
                    ))
                    .foreign_key(&mut cascade_to(
                        (NodeTags::Table, NodeTags::TagId),
                        (Tags::Table, Tags::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // "Nodes with tag X" listings.
        create_index(
            manager,
            "idx_node_tags_tag",
            NodeTags::Table,
            [NodeTags::TenantId, NodeTags::TagId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [NodeTags::Table.into_iden(), Tags::Table.into_iden()],
        )
        .await
    }
}
