//! PostgreSQL full-text search, of products and content alike: `search_vector @@
//! to_tsquery(<locale's config>, …)` on the GIN index (title words weigh A, the rest B: a whole-title pass asks for `'word':A`), snippets by
//! `ts_headline` on the page's rows; the fallback is `pg_trgm`'s `word_similarity` on title +
//! handle through its GIN index. Each pass reads at most the bound's rows, in storage order:
//! `ts_rank_cd` and `COUNT(*) OVER ()` over every match cost what the catalogue holds.

use async_trait::async_trait;
use rustok_core::{
    ContentSearch, ContentSearchResults, Error, ProductSearch, SearchBackend, SearchLimits,
    SearchResults,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, TransactionTrait};
use uuid::Uuid;

use super::query::{
    FUZZY_THRESHOLD, MARK_END, MARK_START, Sql, postgres_fuzzy_text, text_search_config,
    title_tsquery, tsquery,
};
use super::rank::Candidate;
use super::{Engine, PageRow, Pass, Scope, content, documents, products};
use crate::IndexError;

/// Search on PostgreSQL.
#[derive(Clone)]
pub struct PostgresSearch {
    db: DatabaseConnection,
    limits: SearchLimits,
}

impl PostgresSearch {
    pub fn new(db: DatabaseConnection, limits: SearchLimits) -> Self {
        Self { db, limits }
    }
}

/// `to_tsquery(CAST(<config> AS regconfig), <query>)`. `websearch_to_tsquery` would read `-`
/// and `or` as operators; the words are quoted lexemes instead.
fn push_tsquery(sql: &mut Sql, config: &'static str, query: String) {
    sql.push("to_tsquery(CAST(")
        .bind(config)
        .push(" AS regconfig), ")
        .bind(query)
        .push(")");
}

#[async_trait]
impl Engine for PostgresSearch {
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
        let config = text_search_config(scope.locale);
        let whole = title_tsquery(words, false);
        let mut sql = Sql::new(DbBackend::Postgres);
        // The tier PostgreSQL's stemming sees (`shirts` is `shirt`), which the shared ranking
        // cannot.
        sql.push(&format!(
            "SELECT p.{} AS id, p.title, CASE WHEN p.search_vector @@ ",
            scope.target.id
        ));
        push_tsquery(&mut sql, config, whole.clone());
        sql.push(" THEN 2 WHEN p.search_vector @@ ");
        push_tsquery(&mut sql, config, title_tsquery(words, true));
        sql.push(&format!(
            " THEN 1 ELSE 0 END AS tier FROM {} p WHERE p.search_vector @@ ",
            scope.target.table
        ));
        let query = match pass {
            Pass::WholeInTitle => whole,
            Pass::All => tsquery(words),
        };
        push_tsquery(&mut sql, config, query);
        scope.push(&mut sql);
        sql.push(" LIMIT ").bind(limit as i64);
        sql.all(&self.db)
            .await?
            .iter()
            .map(|row| {
                Ok(Candidate {
                    id: row.try_get("", "id")?,
                    title: row.try_get("", "title")?,
                    tier: u8::try_from(row.try_get::<i32>("", "tier")?).unwrap_or(0),
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
        let config = text_search_config(scope.locale);
        let query = tsquery(words);
        let headline = move |sql: &mut Sql| {
            sql.push("ts_headline(CAST(")
                .bind(config)
                .push(" AS regconfig), p.search_text, ");
            push_tsquery(sql, config, query.clone());
            sql.push(", ")
                .bind(format!(
                    "StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=8"
                ))
                .push(")");
        };
        documents(&self.db, scope, ids, &headline).await
    }

    /// Titles and handles similar to the query's words (`<%` through the trigram index), best
    /// first. The threshold is the transaction's own (`SET LOCAL`), so other sessions keep
    /// theirs.
    async fn fuzzy_candidates(
        &self,
        scope: &Scope<'_>,
        words: &[String],
        limit: u64,
    ) -> Result<Vec<(Uuid, f64)>, IndexError> {
        let text = words.join(" ");
        let target = scope.target;
        let fuzzy = postgres_fuzzy_text("p.", target.key);
        let mut sql = Sql::new(DbBackend::Postgres);
        sql.push(&format!(
            "SELECT id, score FROM (SELECT p.{} AS id, word_similarity(",
            target.id
        ))
        .bind(text.clone())
        .push(&format!(
            ", {fuzzy})::float8 AS score FROM {} p WHERE ",
            target.table
        ))
        .bind(text)
        .push(&format!(" <% {fuzzy}"));
        scope.push(&mut sql);
        sql.push(" LIMIT ")
            .bind(limit as i64)
            .push(") s ORDER BY score DESC, id DESC");
        let txn = self.db.begin().await?;
        txn.execute_unprepared(&format!(
            "SET LOCAL pg_trgm.word_similarity_threshold = {FUZZY_THRESHOLD}"
        ))
        .await?;
        let rows = sql.all(&txn).await?;
        txn.commit().await?;
        rows.iter()
            .map(|row| Ok((row.try_get("", "id")?, row.try_get("", "score")?)))
            .collect()
    }
}

#[async_trait]
impl SearchBackend for PostgresSearch {
    fn engine(&self) -> &'static str {
        "postgres"
    }

    async fn search_products(&self, request: &ProductSearch) -> Result<SearchResults, Error> {
        Ok(products(self, self.limits, request).await?)
    }

    async fn search_content(&self, request: &ContentSearch) -> Result<ContentSearchResults, Error> {
        Ok(content::search(self, self.limits, request).await?)
    }
}
