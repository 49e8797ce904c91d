//! SQLite FTS5 search: `index_products_fts MATCH` with the row's scope token (tenant and
//! locale) and every word quoted, newest rows first; snippets are [`super::rank::highlight`]
//! over the page's search text. The fallback matches any trigram of the words in
//! `index_products_trgm` and keeps the titles similar enough.
//!
//! No statement calls `bm25()`, `snippet()` or counts every match: `bm25` reads the whole
//! document list of every word to weigh it, and a prefix (`"product"*`) is merged in full
//! each time a statement seeks a row in it, so their cost grew with the catalogue.

use async_trait::async_trait;
use rustok_core::{
    Error, IndexedDocument, ProductSearch, SearchBackend, SearchLimits, SearchResults,
};
use sea_orm::{DatabaseConnection, DbBackend};
use uuid::Uuid;

use super::query::{FUZZY_THRESHOLD, Sql, fts5_query, fts5_trigram_query, push_scope, similarity};
use super::rank::{Candidate, highlight};
use super::{Engine, Pass, documents, run};
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
fn push_match(sql: &mut Sql, request: &ProductSearch, words: &str) {
    sql.push(" MATCH ('scope : \"' || hex(")
        .bind(request.tenant.as_uuid())
        .push(") || 'X' || hex(")
        .bind(request.locale.clone())
        .push(") || '\" AND ' || ")
        .bind(words.to_string())
        .push(")");
}

// Every statement joins the FTS table to `index_products` with `CROSS JOIN`, which makes SQLite
// start from the FTS match (newest rowid first, as FTS5 walks it): with a plain join its planner
// may walk the tenant's rows and run the match once per row.
#[async_trait]
impl Engine for SqliteSearch {
    fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    async fn candidates(
        &self,
        request: &ProductSearch,
        words: &[String],
        pass: Pass,
        limit: u64,
    ) -> Result<Vec<Candidate>, IndexError> {
        let words = match pass {
            Pass::WholeInTitle => format!("title : ({})", fts5_query(words, false)),
            Pass::All => format!("{{title body}} : ({})", fts5_query(words, true)),
        };
        let mut sql = Sql::new(DbBackend::Sqlite);
        sql.push(
            "SELECT p.product_id, p.title FROM index_products_fts f \
             CROSS JOIN index_products p ON p.rowid = f.rowid WHERE index_products_fts",
        );
        push_match(&mut sql, request, &words);
        push_scope(&mut sql, request);
        sql.push(" ORDER BY f.rowid DESC LIMIT ").bind(limit as i64);
        sql.all(&self.db)
            .await?
            .iter()
            .map(|row| {
                Ok(Candidate {
                    id: row.try_get("", "product_id")?,
                    title: row.try_get("", "title")?,
                    tier: 0,
                })
            })
            .collect()
    }

    async fn page(
        &self,
        request: &ProductSearch,
        words: &[String],
        ids: &[Uuid],
    ) -> Result<Vec<(IndexedDocument, String)>, IndexError> {
        let rows = documents(&self.db, request, ids, &|sql| {
            sql.push("p.search_text");
        })
        .await?;
        Ok(rows
            .into_iter()
            .map(|(document, text)| (document, highlight(&text, words)))
            .collect())
    }

    async fn fuzzy_candidates(
        &self,
        request: &ProductSearch,
        words: &[String],
        limit: u64,
    ) -> Result<Vec<(Uuid, f64)>, IndexError> {
        let query = fts5_trigram_query(words);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new(DbBackend::Sqlite);
        sql.push(
            "SELECT p.product_id, f.fuzzy FROM index_products_trgm f \
             CROSS JOIN index_products p ON p.rowid = f.rowid WHERE index_products_trgm MATCH ",
        )
        .bind(query);
        push_scope(&mut sql, request);
        sql.push(" ORDER BY f.rowid DESC LIMIT ").bind(limit as i64);
        let text = words.join(" ");
        let mut candidates = Vec::new();
        for row in sql.all(&self.db).await? {
            let fuzzy: String = row.try_get("", "fuzzy")?;
            let score = similarity(&text, &fuzzy);
            if score >= FUZZY_THRESHOLD {
                candidates.push((row.try_get::<Uuid>("", "product_id")?, score));
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
        Ok(run(self, self.limits, request).await?)
    }
}
