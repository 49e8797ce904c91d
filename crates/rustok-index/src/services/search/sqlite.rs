//! SQLite FTS5 search: `<table>_fts MATCH` with the row's scope token (tenant and locale) and
//! every word quoted, newest rows first; snippets are [`super::rank::highlight`] over the page's
//! search text. The fallback matches any trigram of the words in `<table>_trgm` and keeps the
//! titles similar enough.
//!
//! No statement calls `bm25()`, `snippet()` or counts every match: `bm25` reads the whole
//! document list of every word to weigh it, and a prefix (`"product"*`) is merged in full
//! each time a statement seeks a row in it, so their cost grew with the catalogue.

use async_trait::async_trait;
use rustok_core::{
    ContentSearch, ContentSearchResults, Error, ProductSearch, SearchBackend, SearchLimits,
    SearchResults,
};
use sea_orm::{DatabaseConnection, DbBackend};
use uuid::Uuid;

use super::query::{FUZZY_THRESHOLD, Sql, fts5_query, fts5_trigram_query, similarity};
use super::rank::{Candidate, highlight};
use super::{Engine, PageRow, Pass, Scope, content, documents, products};
use crate::IndexError;

/// Search on SQLite (the embedded default).
#[derive(Clone)]
pub struct SqliteSearch {
    db: DatabaseConnection,
    limits: SearchLimits,
}

impl SqliteSearch {
    pub fn new(db: DatabaseConnection, limits: SearchLimits) -> Self {
        Self { db, limits }
    }
}

/// `MATCH (…)`: the scope token of the bound tenant and locale (the expression the triggers
/// of `m20261202_000004_index_search_scope` store) and `words`, all required.
fn push_match(sql: &mut Sql, scope: &Scope<'_>, words: &str) {
    sql.push(" MATCH ('scope : \"' || hex(")
        .bind(scope.tenant)
        .push(") || 'X' || hex(")
        .bind(scope.locale.to_string())
        .push(") || '\" AND ' || ")
        .bind(words.to_string())
        .push(")");
}

// Every statement joins the FTS table to the rows with `CROSS JOIN`, which makes SQLite start
// from the FTS match (newest rowid first, as FTS5 walks it): with a plain join its planner may
// walk the tenant's rows and run the match once per row.
#[async_trait]
impl Engine for SqliteSearch {
    fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    async fn candidates(
        &self,
        scope: &Scope<'_>,
        words: &[String],
        pass: Pass,
        limit: u64,
    ) -> Result<Vec<Candidate>, IndexError> {
        let words = match pass {
            Pass::WholeInTitle => format!("title : ({})", fts5_query(words, false)),
            Pass::All => format!("{{title body}} : ({})", fts5_query(words, true)),
        };
        let target = scope.target;
        let mut sql = Sql::new(DbBackend::Sqlite);
        sql.push(&format!(
            "SELECT p.{id} AS id, p.title FROM {fts} f CROSS JOIN {table} p \
             ON p.rowid = f.rowid WHERE {fts}",
            id = target.id,
            fts = target.fts,
            table = target.table,
        ));
        push_match(&mut sql, scope, &words);
        scope.push(&mut sql);
        sql.push(" ORDER BY f.rowid DESC LIMIT ").bind(limit as i64);
        sql.all(&self.db)
            .await?
            .iter()
            .map(|row| {
                Ok(Candidate {
                    id: row.try_get("", "id")?,
                    title: row.try_get("", "title")?,
                    tier: 0,
                })
            })
            .collect()
    }

    async fn page(
        &self,
        scope: &Scope<'_>,
        words: &[String],
        ids: &[Uuid],
    ) -> Result<Vec<PageRow>, IndexError> {
        let rows = documents(&self.db, scope, ids, &|sql| {
            sql.push("p.search_text");
        })
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, text, row)| (id, highlight(&text, words), row))
            .collect())
    }

    async fn fuzzy_candidates(
        &self,
        scope: &Scope<'_>,
        words: &[String],
        limit: u64,
    ) -> Result<Vec<(Uuid, f64)>, IndexError> {
        let query = fts5_trigram_query(words);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let target = scope.target;
        let mut sql = Sql::new(DbBackend::Sqlite);
        sql.push(&format!(
            "SELECT p.{id} AS id, f.fuzzy FROM {trgm} f CROSS JOIN {table} p \
             ON p.rowid = f.rowid WHERE {trgm} MATCH ",
            id = target.id,
            trgm = target.trgm,
            table = target.table,
        ))
        .bind(query);
        scope.push(&mut sql);
        sql.push(" ORDER BY f.rowid DESC LIMIT ").bind(limit as i64);
        let text = words.join(" ");
        let mut candidates = Vec::new();
        for row in sql.all(&self.db).await? {
            let fuzzy: String = row.try_get("", "fuzzy")?;
            let score = similarity(&text, &fuzzy);
            if score >= FUZZY_THRESHOLD {
                candidates.push((row.try_get::<Uuid>("", "id")?, score));
            }
        }
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
        Ok(candidates)
    }
}

#[async_trait]
impl SearchBackend for SqliteSearch {
    fn engine(&self) -> &'static str {
        "sqlite"
    }

    async fn search_products(&self, request: &ProductSearch) -> Result<SearchResults, Error> {
        Ok(products(self, self.limits, request).await?)
    }

    async fn search_content(&self, request: &ContentSearch) -> Result<ContentSearchResults, Error> {
        Ok(content::search(self, self.limits, request).await?)
    }
}
