use sea_orm_migration::{prelude::*, schema::*};

/// The content tables, run by the `migration` crate after the platform's and the outbox's.
pub fn migrations() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        Box::new(CreateContent),
        Box::new(CreateTags),
        Box::new(CreateCategories),
        Box::new(AddNodeFlags),
        Box::new(AddSlugLookup),
    ]
}

/// Finding a node by its slug in any locale (`NodeService::get_by_slug`): the unique index
/// leads with the locale, so this one serves lookups without it.
struct AddSlugLookup;

impl MigrationName for AddSlugLookup {
    fn name(&self) -> &str {
        "m20260103_000005_content_slug_lookup"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for AddSlugLookup {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(
            manager,
            "idx_node_translations_slug_lookup",
            NodeTranslations::Table,
            vec![
                NodeTranslations::TenantId.into_iden(),
                NodeTranslations::Kind.into_iden(),
                NodeTranslations::Slug.into_iden(),
            ],
            false,
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

#[derive(DeriveIden)]
enum NodeFlags {
    Pinned,
    Locked,
}

/// `pinned` and `locked` on nodes, and the index behind last-activity listings (forums).
struct AddNodeFlags;

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
        index(
            manager,
            "idx_nodes_tenant_kind_activity",
            Nodes::Table,
            vec![
                Nodes::TenantId.into_iden(),
                Nodes::Kind.into_iden(),
                Nodes::LastActivityAt.into_iden(),
            ],
            false,
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

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    TenantId,
    ParentId,
    Position,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CategoryTranslations {
    Table,
    Id,
    CategoryId,
    TenantId,
    Locale,
    Name,
    Slug,
    Description,
}

/// A tree of categories per tenant, translated like nodes.
struct CreateCategories;

impl MigrationName for CreateCategories {
    fn name(&self) -> &str {
        "m20260103_000003_content_categories"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateCategories {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .if_not_exists()
                    .col(pk_uuid(Categories::Id))
                    .col(uuid(Categories::TenantId))
                    .col(uuid_null(Categories::ParentId))
                    .col(integer(Categories::Position).default(0))
                    .col(timestamp_with_time_zone(Categories::CreatedAt))
                    .col(timestamp_with_time_zone(Categories::UpdatedAt))
                    .foreign_key(&mut cascade_to(
                        (Categories::Table, Categories::TenantId),
                        (Tenants::Table, Tenants::Id),
                    ))
                    .foreign_key(&mut cascade_to(
                        (Categories::Table, Categories::ParentId),
                        (Categories::Table, Categories::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_categories_tenant",
            Categories::Table,
            vec![
                Categories::TenantId.into_iden(),
                Categories::ParentId.into_iden(),
            ],
            false,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(CategoryTranslations::Table)
                    .if_not_exists()
                    .col(pk_uuid(CategoryTranslations::Id))
                    .col(uuid(CategoryTranslations::CategoryId))
                    .col(uuid(CategoryTranslations::TenantId))
                    .col(string_len(CategoryTranslations::Locale, 35))
                    .col(string_len(CategoryTranslations::Name, 255))
                    .col(string_len(CategoryTranslations::Slug, 200))
                    .col(text_null(CategoryTranslations::Description))
                    .foreign_key(&mut cascade_to(
                        (
                            CategoryTranslations::Table,
                            CategoryTranslations::CategoryId,
                        ),
                        (Categories::Table, Categories::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_category_translations_locale",
            CategoryTranslations::Table,
            vec![
                CategoryTranslations::CategoryId.into_iden(),
                CategoryTranslations::Locale.into_iden(),
            ],
            true,
        )
        .await?;
        index(
            manager,
            "uq_category_translations_slug",
            CategoryTranslations::Table,
            vec![
                CategoryTranslations::TenantId.into_iden(),
                CategoryTranslations::Locale.into_iden(),
                CategoryTranslations::Slug.into_iden(),
            ],
            true,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CategoryTranslations::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Categories::Table).to_owned())
            .await
    }
}

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

/// Tags per tenant and their many-to-many link to nodes.
struct CreateTags;

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
                Table::create()
                    .table(Tags::Table)
                    .if_not_exists()
                    .col(pk_uuid(Tags::Id))
                    .col(uuid(Tags::TenantId))
                    .col(string_len(Tags::Slug, 100))
                    .col(string_len(Tags::Name, 100))
                    .col(timestamp_with_time_zone(Tags::CreatedAt))
                    .foreign_key(&mut cascade_to(
                        (Tags::Table, Tags::TenantId),
                        (Tenants::Table, Tenants::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_tags_tenant_slug",
            Tags::Table,
            vec![Tags::TenantId.into_iden(), Tags::Slug.into_iden()],
            true,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(NodeTags::Table)
                    .if_not_exists()
                    .col(uuid(NodeTags::NodeId))
                    .col(uuid(NodeTags::TagId))
                    .col(uuid(NodeTags::TenantId))
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
        index(
            manager,
            "idx_node_tags_tag",
            NodeTags::Table,
            vec![NodeTags::TenantId.into_iden(), NodeTags::TagId.into_iden()],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(NodeTags::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Tags::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Nodes {
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
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum NodeTranslations {
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
    TenantId,
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
    TenantId,
    Version,
    Snapshot,
    AuthorId,
    CreatedAt,
}

struct CreateContent;

impl MigrationName for CreateContent {
    fn name(&self) -> &str {
        "m20260103_000001_content"
    }
}

fn cascade_to(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

async fn drop_index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .drop_index(Index::drop().name(name).table(table).to_owned())
        .await
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(column);
    }
    if unique {
        index.unique();
    }
    manager.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for CreateContent {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Nodes::Table)
                    .if_not_exists()
                    .col(pk_uuid(Nodes::Id))
                    .col(uuid(Nodes::TenantId))
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
                    .col(timestamp_with_time_zone(Nodes::CreatedAt))
                    .col(timestamp_with_time_zone(Nodes::UpdatedAt))
                    .foreign_key(&mut cascade_to(
                        (Nodes::Table, Nodes::TenantId),
                        (Tenants::Table, Tenants::Id),
                    ))
                    .foreign_key(&mut cascade_to(
                        (Nodes::Table, Nodes::ParentId),
                        (Nodes::Table, Nodes::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // Listings: a tenant's nodes of a kind by status, newest published first.
        index(
            manager,
            "idx_nodes_listing",
            Nodes::Table,
            vec![
                Nodes::TenantId.into_iden(),
                Nodes::Kind.into_iden(),
                Nodes::Status.into_iden(),
                Nodes::PublishedAt.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            manager,
            "idx_nodes_parent",
            Nodes::Table,
            vec![Nodes::TenantId.into_iden(), Nodes::ParentId.into_iden()],
            false,
        )
        .await?;
        // The scheduler's query: scheduled nodes by due time.
        index(
            manager,
            "idx_nodes_schedule",
            Nodes::Table,
            vec![Nodes::Status.into_iden(), Nodes::PublishAt.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(NodeTranslations::Table)
                    .if_not_exists()
                    .col(pk_uuid(NodeTranslations::Id))
                    .col(uuid(NodeTranslations::NodeId))
                    .col(uuid(NodeTranslations::TenantId))
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
        index(
            manager,
            "uq_node_translations_node_locale",
            NodeTranslations::Table,
            vec![
                NodeTranslations::NodeId.into_iden(),
                NodeTranslations::Locale.into_iden(),
            ],
            true,
        )
        .await?;
        index(
            manager,
            "uq_node_translations_slug",
            NodeTranslations::Table,
            vec![
                NodeTranslations::TenantId.into_iden(),
                NodeTranslations::Kind.into_iden(),
                NodeTranslations::Locale.into_iden(),
                NodeTranslations::Slug.into_iden(),
            ],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Bodies::Table)
                    .if_not_exists()
                    .col(pk_uuid(Bodies::Id))
                    .col(uuid(Bodies::NodeId))
                    .col(uuid(Bodies::TenantId))
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
        index(
            manager,
            "uq_bodies_node_locale",
            Bodies::Table,
            vec![Bodies::NodeId.into_iden(), Bodies::Locale.into_iden()],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(NodeRevisions::Table)
                    .if_not_exists()
                    .col(pk_uuid(NodeRevisions::Id))
                    .col(uuid(NodeRevisions::NodeId))
                    .col(uuid(NodeRevisions::TenantId))
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
        index(
            manager,
            "uq_node_revisions_version",
            NodeRevisions::Table,
            vec![
                NodeRevisions::NodeId.into_iden(),
                NodeRevisions::Version.into_iden(),
            ],
            true,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            NodeRevisions::Table.into_iden(),
            Bodies::Table.into_iden(),
            NodeTranslations::Table.into_iden(),
            Nodes::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
