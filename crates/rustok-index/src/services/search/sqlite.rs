//! SQLite FTS5 search: `index_products_fts MATCH` with every word quoted and a prefix, ranked
//! by `bm25` (title weighs 10, the rest 1), snippets by `snippet()`; the fallback matches any
//! trigram of the words in `index_products_trgm` and keeps the titles similar enough.

use async_trait::async_trait;
use rustok_core::search::query_words;
use rustok_core::{Error, ProductSearch, SearchBackend, SearchHit, SearchResults};
use sea_orm::{DatabaseConnection, DbBackend};
use uuid::Uuid;

use super::query::{
    FUZZY_CANDIDATES, FUZZY_THRESHOLD, MARK_END, MARK_START, Sql, count, document, facets,
    fts5_query, fts5_trigram_query, push_scope, similarity,
};
use super::{fuzzy_results, nothing, page_bounds, snippet};
use crate::IndexError;

/// Search on SQLite (the embedded default).
#[derive(Clone)]
pub struct SqliteSearch {
    db: DatabaseConnection,
}

// Every statement joins the FTS table to `index_products` with `CROSS JOIN`, which makes SQLite
// start from the FTS match: with a plain join its planner may walk the tenant's rows and run the
// match once per row (seen: 25 ms instead of 0.02 ms on 1,000 products).
impl SqliteSearch {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    async fn search(&self, request: &ProductSearch) -> Result<SearchResults, IndexError> {
        let words = query_words(&request.q);
        if words.is_empty() {
            return Ok(nothing(request));
        }
        let query = fts5_query(&words);
        let (offset, limit) = page_bounds(request);
        let matched = |sql: &mut Sql| {
            sql.push(
                "SELECT p.product_id FROM index_products_fts f \
                 CROSS JOIN index_products p ON p.rowid = f.rowid WHERE index_products_fts MATCH ",
            )
            .bind(query.clone());
            push_scope(sql, request);
        };
        let mut sql = Sql::new(DbBackend::Sqlite);
        sql.push(
            "SELECT p.product_id, CAST(p.document AS TEXT) AS document, CAST(p.pricing AS TEXT) AS pricing, \
             -bm25(index_products_fts, 10.0, 1.0) AS score, \
             snippet(index_products_fts, 1, ",
        )
        .bind(MARK_START.to_string())
        .push(", ")
        .bind(MARK_END.to_string())
        .push(
            ", '…', 16) AS snippet FROM index_products_fts f \
             CROSS JOIN index_products p ON p.rowid = f.rowid WHERE index_products_fts MATCH ",
        )
        .bind(query.clone());
        push_scope(&mut sql, request);
        sql.push(" ORDER BY score DESC, p.product_id DESC LIMIT ")
            .bind(limit as i64)
            .push(" OFFSET ")
            .bind(offset as i64);
        let hits = sql
            .all(&self.db)
            .await?
            .iter()
            .map(|row| {
                let stored = document(row)?;
                Ok(SearchHit {
                    id: stored.id,
                    score: row.try_get("", "score")?,
                    snippet: snippet(&row.try_get::<String>("", "snippet")?),
                    document: stored,
                })
            })
            .collect::<Result<Vec<_>, IndexError>>()?;
        // A window count beside FTS5's auxiliary functions is not allowed: one more statement,
        // skipped when the page is not full (its length is the total).
        let total = if offset == 0 && (hits.len() as u64) < limit {
            hits.len() as u64
        } else {
            let mut sql = Sql::new(DbBackend::Sqlite);
            sql.push("SELECT COUNT(*) AS n FROM (");
            matched(&mut sql);
            sql.push(")");
            match sql.all(&self.db).await?.first() {
                Some(row) => count(row, "n")?,
                None => 0,
            }
        };
        if total == 0 {
            let candidates = self.fuzzy_candidates(request, &words).await?;
            if !candidates.is_empty() {
                return fuzzy_results(&self.db, request, candidates).await;
            }
        }
        let facets = if request.facets {
            Some(facets(&self.db, request, &matched).await?)
        } else {
            None
        };
        Ok(SearchResults {
            hits,
            total,
            facets,
            fuzzy: false,
        })
    }

    /// Rows sharing a trigram with the words, the most alike first, kept when similar enough.
    async fn fuzzy_candidates(
        &self,
        request: &ProductSearch,
        words: &[String],
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
        sql.push(" ORDER BY bm25(index_products_trgm) LIMIT ")
            .bind(FUZZY_CANDIDATES as i64);
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
        Ok(self.search(request).await?)
    }
}
