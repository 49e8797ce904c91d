//! Full-text search over `index_products`, kept in step with its rows by the database itself
//! (every write path, refresh and rebuild alike, stays right without code of its own):
//!
//! - PostgreSQL: a generated `search_vector` (`tsvector` of title, weight A, and search text,
//!   weight B, in the text-search configuration of the row's locale) with a GIN index, and a
//!   `pg_trgm` GIN index on title + handle for typo-tolerant matches.
//! - SQLite: two FTS5 tables sharing the row's `rowid`, written by triggers:
//!   `index_products_fts` (words: `unicode61`, diacritics folded) and `index_products_trgm`
//!   (trigrams of title + handle, for typo-tolerant matches).
//!
//! Punctuation that PostgreSQL's parser would glue into one token (`product-0500` is
//! `product` and `-0500` to it) is read as a space, so `0500` finds it; the typo-tolerant
//! text drops it instead, so `T-Shirt` compares as `TShirt`.
//!
//! `down` drops what `up` made but the `pg_trgm` extension, which other schemas may use.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;

use crate::services::search::query::{FUZZY_DROPPED, TEXT_SEARCH_CONFIGS, postgres_fuzzy_text};

const NAME: &str = "m20261202_000001_index_search";

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    Box::new(IndexSearch)
}

struct IndexSearch;

impl MigrationName for IndexSearch {
    fn name(&self) -> &str {
        NAME
    }
}

#[async_trait::async_trait]
impl MigrationTrait for IndexSearch {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => postgres_up(),
            _ => sqlite_up(),
        };
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Postgres => &[
                "DROP INDEX IF EXISTS idx_index_products_fuzzy",
                "DROP INDEX IF EXISTS idx_index_products_search",
                "ALTER TABLE index_products DROP COLUMN IF EXISTS search_vector",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS index_products_search_insert",
                "DROP TRIGGER IF EXISTS index_products_search_update",
                "DROP TRIGGER IF EXISTS index_products_search_delete",
                "DROP TABLE IF EXISTS index_products_trgm",
                "DROP TABLE IF EXISTS index_products_fts",
            ],
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }
}

/// `CASE <language of locale> WHEN 'en' THEN 'english'::regconfig … ELSE 'simple' END`.
fn config_of_locale() -> String {
    let mut sql = String::from("CASE lower(split_part(translate(locale, '_', '-'), '-', 1))");
    for (language, config) in TEXT_SEARCH_CONFIGS {
        sql.push_str(&format!(" WHEN '{language}' THEN '{config}'::regconfig"));
    }
    sql.push_str(" ELSE 'simple'::regconfig END");
    sql
}

/// `translate(column, '-_./@:+', '       ')`: glue punctuation read as spaces.
fn spaced(column: &str) -> String {
    let spaces = " ".repeat(FUZZY_DROPPED.chars().count());
    format!("translate({column}, '{FUZZY_DROPPED}', '{spaces}')")
}

/// A table searched: its name and the column its typo-tolerant text adds to the title.
pub(super) struct Searched {
    pub table: &'static str,
    pub key: &'static str,
}

pub(super) const PRODUCTS: Searched = Searched {
    table: "index_products",
    key: "handle",
};

pub(super) const CONTENT: Searched = Searched {
    table: "index_content",
    key: "slug",
};

/// PostgreSQL: the `search_vector` column of `searched` and its GIN index, the trigram GIN
/// index of its typo-tolerant text; `with` is the indexes' storage parameters (`""`: none).
pub(super) fn postgres_search(searched: &Searched, with: &str) -> Vec<String> {
    let config = config_of_locale();
    let table = searched.table;
    vec![
        format!(
            "ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (\
             setweight(to_tsvector({config}, {title}), 'A') || \
             setweight(to_tsvector({config}, {text}), 'B')) STORED",
            title = spaced("title"),
            text = spaced("search_text"),
        ),
        format!("CREATE INDEX idx_{table}_search ON {table} USING gin (search_vector){with}"),
        format!(
            "CREATE INDEX idx_{table}_fuzzy ON {table} \
             USING gin (({}) gin_trgm_ops){with}",
            postgres_fuzzy_text("", searched.key)
        ),
    ]
}

fn postgres_up() -> Vec<String> {
    let mut statements = vec!["CREATE EXTENSION IF NOT EXISTS pg_trgm".to_string()];
    statements.extend(postgres_search(&PRODUCTS, ""));
    statements
}

/// `replace(replace(…(title || ' ' || handle, '-', '')…)`: the typo-tolerant text in SQLite.
fn sqlite_fuzzy_text(row: &str, key: &str) -> String {
    let mut sql = format!("{row}title || ' ' || {row}{key}");
    for c in FUZZY_DROPPED.chars() {
        sql = format!("replace({sql}, '{c}', '')");
    }
    sql
}

/// The FTS5 table's columns after `rowid` and their values from the row `new.` (this
/// migration's: title and body; `m20261202_000004_index_search_scope` adds the scope first).
pub(super) struct FtsColumns {
    pub names: &'static str,
    pub values: &'static str,
}

pub(super) const FTS_COLUMNS: FtsColumns = FtsColumns {
    names: "title, body",
    values: "new.title, new.search_text",
};

/// The triggers writing both search tables of `searched` from its rows.
pub(super) fn sqlite_triggers(searched: &Searched, fts: &FtsColumns) -> Vec<String> {
    let table = searched.table;
    let new = sqlite_fuzzy_text("new.", searched.key);
    let insert = format!(
        "INSERT INTO {table}_fts (rowid, {}) VALUES (new.rowid, {}); \
         INSERT INTO {table}_trgm (rowid, fuzzy) VALUES (new.rowid, {new});",
        fts.names, fts.values
    );
    vec![
        format!(
            "CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN \
             {insert} END"
        ),
        format!(
            "CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN \
             DELETE FROM {table}_fts WHERE rowid = old.rowid; \
             DELETE FROM {table}_trgm WHERE rowid = old.rowid; \
             {insert} END"
        ),
        format!(
            "CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN \
             DELETE FROM {table}_fts WHERE rowid = old.rowid; \
             DELETE FROM {table}_trgm WHERE rowid = old.rowid; END"
        ),
    ]
}

/// The FTS5 table of the words of `searched` (`unicode61`, diacritics folded) with `columns`.
pub(super) fn sqlite_fts_table(searched: &Searched, columns: &str) -> String {
    sqlite_fts_table_with(searched, columns, "")
}

/// [`sqlite_fts_table`] with more FTS5 options (`options`: `, prefix = '…'`, or empty).
pub(super) fn sqlite_fts_table_with(searched: &Searched, columns: &str, options: &str) -> String {
    format!(
        "CREATE VIRTUAL TABLE {}_fts USING fts5({columns}, \
         tokenize = 'unicode61 remove_diacritics 2'{options})",
        searched.table
    )
}

/// SQLite: the word table of `searched` made again with `columns` and FTS5 `options` (as
/// [`sqlite_fts_table_with`]), its triggers made again, filled from the rows.
pub(super) fn sqlite_remake_fts(
    searched: &Searched,
    columns: &FtsColumns,
    options: &str,
) -> Vec<String> {
    let table = searched.table;
    let mut statements: Vec<String> = ["insert", "update", "delete"]
        .iter()
        .map(|event| format!("DROP TRIGGER IF EXISTS {table}_search_{event}"))
        .collect();
    statements.push(format!("DROP TABLE IF EXISTS {table}_fts"));
    statements.push(sqlite_fts_table_with(searched, columns.names, options));
    statements.extend(sqlite_triggers(searched, columns));
    statements.push(sqlite_fts_fill(searched, columns));
    statements
}

/// The FTS5 trigram table of the typo-tolerant text of `searched`.
pub(super) fn sqlite_trigram_table(searched: &Searched) -> String {
    format!(
        "CREATE VIRTUAL TABLE {}_trgm USING fts5(fuzzy, tokenize = 'trigram')",
        searched.table
    )
}

/// Fills the FTS5 table from the rows (`values` as in [`FtsColumns`], `new.` dropped).
pub(super) fn sqlite_fts_fill(searched: &Searched, fts: &FtsColumns) -> String {
    let table = searched.table;
    format!(
        "INSERT INTO {table}_fts (rowid, {}) SELECT rowid, {} FROM {table}",
        fts.names,
        fts.values.replace("new.", "")
    )
}

/// Fills the trigram table from the rows.
pub(super) fn sqlite_trigram_fill(searched: &Searched) -> String {
    let table = searched.table;
    format!(
        "INSERT INTO {table}_trgm (rowid, fuzzy) SELECT rowid, {} FROM {table}",
        sqlite_fuzzy_text("", searched.key)
    )
}

fn sqlite_up() -> Vec<String> {
    let mut statements = vec![
        sqlite_fts_table(&PRODUCTS, FTS_COLUMNS.names),
        sqlite_trigram_table(&PRODUCTS),
    ];
    statements.extend(sqlite_triggers(&PRODUCTS, &FTS_COLUMNS));
    statements.extend([
        sqlite_fts_fill(&PRODUCTS, &FTS_COLUMNS),
        sqlite_trigram_fill(&PRODUCTS),
    ]);
    statements
}
