//! The schema-builder shapes every crate's migrations share: tenant-owned tables, foreign keys to
//! a parent's `id`, timestamps, composite keys, indexes created with their table, and drops.
//!
//! Here because every module crate and `migration` already depend on `rustok-core`, and
//! `rustok-core` already depends on `sea-orm-migration` (for [`crate::RusToKModule::migrations`]),
//! so sharing them adds no dependency anywhere. Everything is SeaORM's portable schema builder:
//! the same statements run on SQLite and PostgreSQL.
//!
//! Migrations name tables and columns by their SQL names (`&'static str`): a migration is a
//! frozen record of what the schema was, so it does not borrow names from today's entities.
//!
//! Most migrations only create tables: [`create_tables`] makes one from a list of them, with
//! their indexes, and derives `down` (drop them in reverse order).
//!
//! ```ignore
//! pub(super) fn migration() -> Box<dyn MigrationTrait> {
//!     create_tables("m20260110_000001_pages_menus", || {
//!         vec![
//!             tenant_table("menus")             // id, tenant_id → tenants (cascade)
//!                 .col(string_len("handle", 64))
//!                 .timestamps()                 // created_at, updated_at
//!                 .indexed([unique("uq_menus_tenant_handle", ["tenant_id", "handle"])]),
//!         ]
//!     })
//! }
//! ```

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{pk_uuid, timestamp_with_time_zone, uuid};

/// A foreign key from `column` to `parent.id`, deleting (`ON DELETE CASCADE`) or detaching
/// (`SET NULL`) the row when the parent goes.
fn reference(
    column: &'static str,
    parent: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(column)
        .to(parent, "id")
        .on_delete(on_delete)
        .to_owned()
}

/// `tenant_id uuid NOT NULL`.
pub fn tenant_id() -> ColumnDef {
    uuid("tenant_id")
}

/// `CREATE TABLE IF NOT EXISTS <table>` starting with `id` (UUID primary key) and `tenant_id`,
/// which cascades from `tenants`: deleting a tenant deletes its rows. Add the other columns.
pub fn tenant_table(table: &'static str) -> TableCreateStatement {
    let mut create = tenant_child_table(table);
    create.belongs_to("tenant_id", "tenants");
    create
}

/// Like [`tenant_table`], for rows that belong to a parent row of the same tenant: `tenant_id`
/// is kept for tenant-scoped queries but has no foreign key; the rows go when their parent goes
/// (add [`TableShapes::belongs_to`] the parent).
pub fn tenant_child_table(table: &'static str) -> TableCreateStatement {
    Table::create()
        .table(table)
        .if_not_exists()
        .col(pk_uuid("id"))
        .col(tenant_id())
        .to_owned()
}

/// `CREATE TABLE IF NOT EXISTS <table>` with no columns yet: for platform tables that are not
/// tenant-owned or have a key of their own.
pub fn table(table: &'static str) -> TableCreateStatement {
    Table::create().table(table).if_not_exists().to_owned()
}

/// Shapes every crate adds the same way.
pub trait TableShapes {
    /// `created_at` and `updated_at`, both `timestamp with time zone NOT NULL`.
    fn timestamps(&mut self) -> &mut Self;
    /// `column` references `parent.id`; the row is deleted with its parent.
    fn belongs_to(&mut self, column: &'static str, parent: &'static str) -> &mut Self;
    /// `column` references `parent.id`; it becomes NULL when the parent is deleted.
    fn refers_to(&mut self, column: &'static str, parent: &'static str) -> &mut Self;
    /// A primary key over several columns.
    fn composite_key<const N: usize>(&mut self, columns: [&'static str; N]) -> &mut Self;
    /// The finished table with the indexes to create right after it (`[]` for none).
    fn indexed<const N: usize>(&mut self, indexes: [TableIndex; N]) -> NewTable;
}

impl TableShapes for TableCreateStatement {
    fn timestamps(&mut self) -> &mut Self {
        self.col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
    }

    fn belongs_to(&mut self, column: &'static str, parent: &'static str) -> &mut Self {
        self.foreign_key(&mut reference(column, parent, ForeignKeyAction::Cascade))
    }

    fn refers_to(&mut self, column: &'static str, parent: &'static str) -> &mut Self {
        self.foreign_key(&mut reference(column, parent, ForeignKeyAction::SetNull))
    }

    fn composite_key<const N: usize>(&mut self, columns: [&'static str; N]) -> &mut Self {
        let mut key = Index::create();
        for column in columns {
            key.col(column);
        }
        self.primary_key(&mut key)
    }

    fn indexed<const N: usize>(&mut self, indexes: [TableIndex; N]) -> NewTable {
        NewTable {
            table: self.to_owned(),
            indexes: indexes.into(),
        }
    }
}

/// An index [`create`] makes right after its table.
pub struct TableIndex {
    name: &'static str,
    columns: Vec<&'static str>,
    unique: bool,
}

/// `CREATE INDEX <name> ON <the table> (<columns>)`, for [`create`].
pub fn index<const N: usize>(name: &'static str, columns: [&'static str; N]) -> TableIndex {
    TableIndex {
        name,
        columns: columns.to_vec(),
        unique: false,
    }
}

/// `CREATE UNIQUE INDEX <name> ON <the table> (<columns>)`, for [`create`].
pub fn unique<const N: usize>(name: &'static str, columns: [&'static str; N]) -> TableIndex {
    TableIndex {
        unique: true,
        ..index(name, columns)
    }
}

impl TableIndex {
    fn on(&self, table: impl IntoTableRef) -> IndexCreateStatement {
        let mut create = Index::create();
        create.name(self.name).table(table);
        for column in &self.columns {
            create.col(*column);
        }
        if self.unique {
            create.unique();
        }
        create
    }
}

/// A table to create and the indexes to create right after it: [`TableShapes::indexed`].
pub struct NewTable {
    table: TableCreateStatement,
    indexes: Vec<TableIndex>,
}

impl NewTable {
    fn name(&self) -> Result<TableRef, DbErr> {
        self.table
            .get_table_name()
            .cloned()
            .ok_or_else(|| DbErr::Migration("a table is created without a name".into()))
    }
}

/// A migration that creates `tables` (with their indexes) in the order given; `down` drops them
/// in the reverse order. `name` is the name `seaql_migrations` records (the file's name).
pub fn create_tables(name: &'static str, tables: fn() -> Vec<NewTable>) -> Box<dyn MigrationTrait> {
    Box::new(CreateTables { name, tables })
}

struct CreateTables {
    name: &'static str,
    tables: fn() -> Vec<NewTable>,
}

impl MigrationName for CreateTables {
    fn name(&self) -> &str {
        self.name
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateTables {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for new in (self.tables)() {
            let name = new.name()?;
            manager.create_table(new.table).await?;
            for index in new.indexes {
                manager.create_index(index.on(name.clone())).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for new in (self.tables)().iter().rev() {
            manager
                .drop_table(Table::drop().table(new.name()?).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

/// A migration that adds `indexes` (table, index) to existing tables; `down` drops them.
/// `name` is the name `seaql_migrations` records (the file's name).
pub fn create_indexes(
    name: &'static str,
    indexes: fn() -> Vec<(&'static str, TableIndex)>,
) -> Box<dyn MigrationTrait> {
    Box::new(CreateIndexes { name, indexes })
}

struct CreateIndexes {
    name: &'static str,
    indexes: fn() -> Vec<(&'static str, TableIndex)>,
}

impl MigrationName for CreateIndexes {
    fn name(&self) -> &str {
        self.name
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateIndexes {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, index) in (self.indexes)() {
            add_index(manager, table, index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, index) in (self.indexes)().into_iter().rev() {
            drop_index(manager, index.name, table).await?;
        }
        Ok(())
    }
}

/// Creates an index on an existing table (migrations that add one later).
pub async fn add_index(
    manager: &SchemaManager<'_>,
    table: &'static str,
    index: TableIndex,
) -> Result<(), DbErr> {
    manager.create_index(index.on(table)).await
}

/// `DROP INDEX <name>` (on `table`).
pub async fn drop_index(
    manager: &SchemaManager<'_>,
    name: &'static str,
    table: &'static str,
) -> Result<(), DbErr> {
    manager
        .drop_index(Index::drop().name(name).table(table).to_owned())
        .await
}
