//! The schema-builder shapes every crate's migrations share: tenant-owned tables, cascading
//! foreign keys, timestamps, indexes and drops.
//!
//! Here because every module crate and `migration` already depend on `rustok-core`, and
//! `rustok-core` already depends on `sea-orm-migration` (for [`crate::RusToKModule::migrations`]),
//! so sharing them adds no dependency anywhere. Everything is SeaORM's portable schema builder:
//! the same statements run on SQLite and PostgreSQL.
//!
//! ```ignore
//! manager
//!     .create_table(
//!         tenant_table(Menus::Table)            // id, tenant_id → tenants (cascade)
//!             .col(string_len(Menus::Handle, 64))
//!             .timestamps()                     // created_at, updated_at
//!             .to_owned(),
//!     )
//!     .await?;
//! create_unique_index(manager, "uq_menus_tenant_handle", Menus::Table, [Menus::TenantId, Menus::Handle]).await?;
//! ```

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{pk_uuid, timestamp_with_time_zone, uuid};

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

/// Column names the shared shapes use.
#[derive(DeriveIden)]
enum Shared {
    Id,
    TenantId,
    CreatedAt,
    UpdatedAt,
}

/// A foreign key from `from` (table, column) to `to` (table, column) with `ON DELETE CASCADE`.
pub fn cascade_to(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// The table's `tenant_id` → `tenants.id`, `ON DELETE CASCADE`: deleting a tenant deletes its rows.
pub fn tenant_fk(table: impl IntoIden) -> ForeignKeyCreateStatement {
    cascade_to((table, Shared::TenantId), (Tenants::Table, Tenants::Id))
}

/// `tenant_id uuid NOT NULL`.
pub fn tenant_id() -> ColumnDef {
    uuid(Shared::TenantId)
}

/// `CREATE TABLE IF NOT EXISTS <table>` starting with `id` (UUID primary key) and `tenant_id`,
/// which cascades from `tenants` ([`tenant_fk`]). Add the other columns, then `.to_owned()`.
pub fn tenant_table(table: impl IntoIden) -> TableCreateStatement {
    let table = table.into_iden();
    let mut create = tenant_child_table(table.clone());
    create.foreign_key(&mut tenant_fk(table));
    create
}

/// Like [`tenant_table`], for rows that belong to a parent row of the same tenant: `tenant_id`
/// is kept for tenant-scoped queries but has no foreign key; the rows go when their parent goes
/// (add the [`cascade_to`] the parent).
pub fn tenant_child_table(table: impl IntoIden) -> TableCreateStatement {
    Table::create()
        .table(table)
        .if_not_exists()
        .col(pk_uuid(Shared::Id))
        .col(tenant_id())
        .to_owned()
}

/// Columns every crate adds the same way.
pub trait TableShapes {
    /// `created_at` and `updated_at`, both `timestamp with time zone NOT NULL`.
    fn timestamps(&mut self) -> &mut Self;
}

impl TableShapes for TableCreateStatement {
    fn timestamps(&mut self) -> &mut Self {
        self.col(timestamp_with_time_zone(Shared::CreatedAt))
            .col(timestamp_with_time_zone(Shared::UpdatedAt))
    }
}

/// `CREATE INDEX <name> ON <table> (<columns>)`.
pub async fn create_index<C: IntoIden>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr> {
    manager
        .create_index(index(name, table, columns).to_owned())
        .await
}

/// `CREATE UNIQUE INDEX <name> ON <table> (<columns>)`.
pub async fn create_unique_index<C: IntoIden>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr> {
    manager
        .create_index(index(name, table, columns).unique().to_owned())
        .await
}

fn index<C: IntoIden>(
    name: &str,
    table: impl IntoIden,
    columns: impl IntoIterator<Item = C>,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(column.into_iden());
    }
    index
}

/// `DROP INDEX <name>` (on `table`).
pub async fn drop_index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .drop_index(Index::drop().name(name).table(table).to_owned())
        .await
}

/// `DROP TABLE IF EXISTS` each table, in the order given (dependents first).
pub async fn drop_all(
    manager: &SchemaManager<'_>,
    tables: impl IntoIterator<Item = DynIden>,
) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(table).if_exists().to_owned())
            .await?;
    }
    Ok(())
}
