//! PostgreSQL full-text search: `search_vector @@ to_tsquery(<locale's config>, …)` on the GIN
//! index, ranked by `ts_rank_cd` (title words weigh A, the rest B), snippets by `ts_headline`;
//! the fallback is `pg_trgm`'s `word_similarity` on title + handle through its GIN index.

use async_trait::async_trait;
use rustok_core::search::query_words;
use rustok_core::{Error, ProductSearch, SearchBackend, SearchHit, SearchResults};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, TransactionTrait};
use uuid::Uuid;

use super::query::{
    FUZZY_CANDIDATES, FUZZY_THRESHOLD, MARK_END, MARK_START, Sql, count, document, facets,
    postgres_fuzzy_text, push_scope, text_search_config, tsquery,
};
use super::{fuzzy_results, nothing, page_bounds, snippet};
use crate::IndexError;

/// Search on PostgreSQL.
#[derive(Clone)]
pub struct PostgresSearch {
    db: DatabaseConnection,
}

impl PostgresSearch {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    async fn search(&self, request: &ProductSearch) -> Result<SearchResults, IndexError> {
        let words = query_words(&request.q);
        if words.is_empty() {
            return Ok(nothing(request));
        }
        let config = text_search_config(&request.locale);
        let query = tsquery(&words);
        let (offset, limit) = page_bounds(request);
        // `websearch_to_tsquery` would read `-` and `or` as operators; the words are quoted
        // lexemes instead, each a prefix.
        let matches = |sql: &mut Sql| {
            sql.push("to_tsquery(CAST(")
                .bind(config)
                .push(" AS regconfig), ")
                .bind(query.clone())
                .push(")");
        };
        let mut sql = Sql::new(DbBackend::Postgres);
        sql.push("SELECT h.product_id, CAST(h.document AS TEXT) AS document, CAST(h.pricing AS TEXT) AS pricing, h.score, h.total, ts_headline(CAST(")
            .bind(config)
            .push(" AS regconfig), h.search_text, ");
        matches(&mut sql);
        sql.push(", ")
            .bind(format!(
                "StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=8"
            ))
            .push(
                ") AS snippet FROM (SELECT p.product_id, p.document, p.pricing, p.search_text, \
                 ts_rank_cd(p.search_vector, ",
            );
        matches(&mut sql);
        sql.push(
            ")::float8 AS score, COUNT(*) OVER () AS total FROM index_products p \
             WHERE p.search_vector @@ ",
        );
        matches(&mut sql);
        push_scope(&mut sql, request);
        sql.push(" ORDER BY score DESC, p.product_id DESC LIMIT ")
            .bind(limit as i64)
            .push(" OFFSET ")
            .bind(offset as i64)
            .push(") h ORDER BY h.score DESC, h.product_id DESC");
        let rows = sql.all(&self.db).await?;
        let mut total = match rows.first() {
            Some(row) => count(row, "total")?,
            None => 0,
        };
        let hits = rows
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
        let matched = |sql: &mut Sql| {
            sql.push("SELECT p.product_id FROM index_products p WHERE p.search_vector @@ ");
            matches(sql);
            push_scope(sql, request);
        };
        if hits.is_empty() && offset > 0 {
            // Past the last page: the window count had no row to ride on.
            let mut sql = Sql::new(DbBackend::Postgres);
            sql.push("SELECT COUNT(*) AS n FROM (");
            matched(&mut sql);
            sql.push(") m");
            if let Some(row) = sql.all(&self.db).await?.first() {
                total = count(row, "n")?;
            }
        }
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

    /// Titles and handles similar to the query's words (`<%` through the trigram index), best
    /// first. The threshold is the transaction's own (`SET LOCAL`), so other sessions keep
    /// theirs.
    async fn fuzzy_candidates(
        &self,
        request: &ProductSearch,
        words: &[String],
    ) -> Result<Vec<(Uuid, f64)>, IndexError> {
        let text = words.join(" ");
        let fuzzy = postgres_fuzzy_text("p.");
        let mut sql = Sql::new(DbBackend::Postgres);
        sql.push("SELECT p.product_id, word_similarity(")
            .bind(text.clone())
            .push(&format!(
                ", {fuzzy})::float8 AS score FROM index_products p WHERE "
            ))
            .bind(text)
            .push(&format!(" <% {fuzzy}"));
        push_scope(&mut sql, request);
        sql.push(" ORDER BY score DESC, p.product_id DESC LIMIT ")
            .bind(FUZZY_CANDIDATES as i64);
        let txn = self.db.begin().await?;
        txn.execute_unprepared(&format!(
            "SET LOCAL pg_trgm.word_similarity_threshold = {FUZZY_THRESHOLD}"
        ))
        .await?;
        let rows = sql.all(&txn).await?;
        txn.commit().await?;
        rows.iter()
            .map(|row| Ok((row.try_get("", "product_id")?, row.try_get("", "score")?)))
            .collect()
    }
}

#[async_trait]
impl SearchBackend for PostgresSearch {
    fn engine(&self) -> &'static str {
        "postgres"
    }

    async fn search_products(&self, request: &ProductSearch) -> Result<SearchResults, Error> {
        Ok(self.search(request).await?)
    }
}
