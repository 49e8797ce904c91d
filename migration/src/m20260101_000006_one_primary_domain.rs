use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "uq_tenant_domains_one_primary";

/// At most one primary domain per tenant, enforced by a partial unique index. Existing data is
/// made to fit first: of several primaries the newest stays primary (the last one an admin asked
/// for), and a tenant with domains but no primary gets its oldest domain as primary.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE tenant_domains SET is_primary = false WHERE is_primary = true AND EXISTS ( \
               SELECT 1 FROM tenant_domains newer WHERE newer.tenant_id = tenant_domains.tenant_id \
               AND newer.is_primary = true AND (newer.created_at > tenant_domains.created_at \
               OR (newer.created_at = tenant_domains.created_at AND newer.id > tenant_domains.id)))",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE tenant_domains SET is_primary = true WHERE NOT EXISTS ( \
               SELECT 1 FROM tenant_domains other WHERE other.tenant_id = tenant_domains.tenant_id \
               AND (other.is_primary = true OR other.created_at < tenant_domains.created_at \
               OR (other.created_at = tenant_domains.created_at AND other.id < tenant_domains.id)))",
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table("tenant_domains")
                    .col("tenant_id")
                    .unique()
                    .and_where(Expr::col("is_primary").eq(true))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table("tenant_domains").to_owned())
            .await
    }
}
