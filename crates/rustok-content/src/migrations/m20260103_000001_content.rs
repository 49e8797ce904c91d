//! Nodes, their translations, bodies and revisions.

use rustok_core::schema::{
    TableShapes, cascade_to, create_index, create_unique_index, drop_all, tenant_id, tenant_table,
};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveIden)]
pub(super) enum Nodes {
    Table,
    Id,
    TenantId,
    Kind,
    ParentId,
    AuthorId,
    CategoryId,
    Status,
    Position,
    Depth,
    ReplyCount,
    Metadata,
    PublishAt,
    PublishedAt,
    LastActivityAt,
    Version,
}

#[derive(DeriveIden)]
pub(super) enum NodeTranslations {
    Table,
    Id,
    NodeId,
    TenantId,
    Kind,
    Locale,
    Title,
    Slug,
    Excerpt,
    SeoTitle,
    SeoDescription,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Bodies {
    Table,
    Id,
    NodeId,
    Locale,
    Format,
    Source,
    Html,
    Blocks,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum NodeRevisions {
    Table,
    Id,
    NodeId,
    Version,
    Snapshot,
    AuthorId,
    CreatedAt,
}

pub(super) struct CreateContent;

impl MigrationName for CreateContent {
    fn name(&self) -> &str {
        "m20260103_000001_content"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateContent {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_nodes(manager).await?;
        create_node_translations(manager).await?;
        create_bodies(manager).await?;
        create_node_revisions(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_all(
            manager,
            [
                NodeRevisions::Table.into_iden(),
                Bodies::Table.into_iden(),
                NodeTranslations::Table.into_iden(),
                Nodes::Table.into_iden(),
            ],
        )
        .await
    }
}

async fn create_nodes(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            tenant_table(Nodes::Table)
                .col(string_len(Nodes::Kind, 32))
                .col(uuid_null(Nodes::ParentId))
                .col(uuid_null(Nodes::AuthorId))
                .col(uuid_null(Nodes::CategoryId))
                .col(string_len(Nodes::Status, 16))
                .col(integer(Nodes::Position).default(0))
                .col(integer(Nodes::Depth).default(0))
                .col(integer(Nodes::ReplyCount).default(0))
                .col(json_binary(Nodes::Metadata))
                .col(timestamp_with_time_zone_null(Nodes::PublishAt))
                .col(timestamp_with_time_zone_null(Nodes::PublishedAt))
                .col(timestamp_with_time_zone(Nodes::LastActivityAt))
                .col(integer(Nodes::Version).default(1))
                .timestamps()
                .foreign_key(&mut cascade_to(
                    (Nodes::Table, Nodes::ParentId),
                    (Nodes::Table, Nodes::Id),
                ))
                .to_owned(),
        )
        .await?;
    // Listings: a tenant's nodes of a kind by status, newest published first.
    create_index(
        manager,
        "idx_nodes_listing",
        Nodes::Table,
        [
            Nodes::TenantId,
            Nodes::Kind,
            Nodes::Status,
            Nodes::PublishedAt,
        ],
    )
    .await?;
    create_index(
        manager,
        "idx_nodes_parent",
        Nodes::Table,
        [Nodes::TenantId, Nodes::ParentId],
    )
    .await?;
    // The scheduler's query: scheduled nodes by due time.
    create_index(
        manager,
        "idx_nodes_schedule",
        Nodes::Table,
        [Nodes::Status, Nodes::PublishAt],
    )
    .await
}

async fn create_node_translations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(NodeTranslations::Table)
                .if_not_exists()
                .col(pk_uuid(NodeTranslations::Id))
                .col(uuid(NodeTranslations::NodeId))
                .col(tenant_id())
                .col(string_len(NodeTranslations::Kind, 32))
                .col(string_len(NodeTranslations::Locale, 35))
                .col(string_len(NodeTranslations::Title, 255))
                .col(string_len(NodeTranslations::Slug, 255))
                .col(text_null(NodeTranslations::Excerpt))
                .col(string_len_null(NodeTranslations::SeoTitle, 255))
                .col(string_len_null(NodeTranslations::SeoDescription, 500))
                .col(timestamp_with_time_zone(NodeTranslations::UpdatedAt))
                .foreign_key(&mut cascade_to(
                    (NodeTranslations::Table, NodeTranslations::NodeId),
                    (Nodes::Table, Nodes::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_node_translations_node_locale",
        NodeTranslations::Table,
        [NodeTranslations::NodeId, NodeTranslations::Locale],
    )
    .await?;
    create_unique_index(
        manager,
        "uq_node_translations_slug",
        NodeTranslations::Table,
        [
            NodeTranslations::TenantId,
            NodeTranslations::Kind,
            NodeTranslations::Locale,
            NodeTranslations::Slug,
        ],
    )
    .await
}

async fn create_bodies(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Bodies::Table)
                .if_not_exists()
                .col(pk_uuid(Bodies::Id))
                .col(uuid(Bodies::NodeId))
                .col(tenant_id())
                .col(string_len(Bodies::Locale, 35))
                .col(string_len(Bodies::Format, 16))
                .col(text(Bodies::Source))
                .col(text(Bodies::Html))
                .col(json_binary_null(Bodies::Blocks))
                .col(timestamp_with_time_zone(Bodies::UpdatedAt))
                .foreign_key(&mut cascade_to(
                    (Bodies::Table, Bodies::NodeId),
                    (Nodes::Table, Nodes::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_bodies_node_locale",
        Bodies::Table,
        [Bodies::NodeId, Bodies::Locale],
    )
    .await
}

async fn create_node_revisions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(NodeRevisions::Table)
                .if_not_exists()
                .col(pk_uuid(NodeRevisions::Id))
                .col(uuid(NodeRevisions::NodeId))
                .col(tenant_id())
                .col(integer(NodeRevisions::Version))
                .col(json_binary(NodeRevisions::Snapshot))
                .col(uuid_null(NodeRevisions::AuthorId))
                .col(timestamp_with_time_zone(NodeRevisions::CreatedAt))
                .foreign_key(&mut cascade_to(
                    (NodeRevisions::Table, NodeRevisions::NodeId),
                    (Nodes::Table, Nodes::Id),
                ))
                .to_owned(),
        )
        .await?;
    create_unique_index(
        manager,
        "uq_node_revisions_version",
        NodeRevisions::Table,
        [NodeRevisions::NodeId, NodeRevisions::Version],
    )
    .await
}
