//! Search over the product rows ([`rustok_core::SearchBackend`]), one implementation per
//! database engine: [`PostgresSearch`] (`tsvector` per locale on a GIN index, `ts_headline`,
//! `pg_trgm`) and [`SqliteSearch`] (FTS5 with the row's tenant and locale as a token, a
//! trigram table). The tables and triggers they read are the migrations
//! `m20261202_000001_index_search` and `m20261202_000004_index_search_scope`; nothing here
//! writes: the database keeps them in step with `index_products`, so a refresh is searchable
//! in the transaction that writes it.
//!
//! Both answer the same way (the contract's rustdoc): every word required, each also as a
//! prefix; when nothing matches, a typo-tolerant fallback over titles and handles. The engines
//! only find rows, at most [`SearchLimits::max_total_hits`] per pass ([`run`]); ranking and
//! (on SQLite) snippets are the same code for both ([`rank`]). The engines' own ranking
//! functions (`bm25`, `ts_rank_cd`) read every match, and their cost grew with the catalogue:
//! a word all 100,000 products had took seconds.

mod postgres;
pub(crate) mod query;
mod rank;
mod sqlite;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_trait::async_trait;
use rustok_core::search::{highlight_html, query_words};
use rustok_core::{
    IndexedDocument, ProductSearch, SearchBackend, SearchHit, SearchLimits, SearchResults,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use uuid::Uuid;

pub use postgres::PostgresSearch;
pub use sqlite::SqliteSearch;

use crate::IndexError;
use query::{Sql, document, facets};
use rank::{Candidate, rank};

/// The search backend of the database engine `db` runs on (`search.backend = database`).
pub fn database_search(db: DatabaseConnection, limits: SearchLimits) -> Arc<dyn SearchBackend> {
    match db.get_database_backend() {
        DbBackend::Postgres => Arc::new(PostgresSearch::new(db, limits)),
        _ => Arc::new(SqliteSearch::new(db, limits)),
    }
}

/// A snippet from the engine or [`rank::highlight`]: whitespace runs (the search text's line
/// breaks) made one space, then escaped with its marks.
fn snippet(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    highlight_html(&text, query::MARK_START, query::MARK_END)
}

fn page_bounds(request: &ProductSearch) -> (usize, usize) {
    (
        usize::try_from(request.offset).unwrap_or(usize::MAX),
        request.limit.clamp(1, 100) as usize,
    )
}

/// Which matches a pass over the engine asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Every word, whole, in the title (what ranks first, looked for first when many match).
    WholeInTitle,
    /// Every word, or a word it starts, anywhere in the texts: the search's matches.
    All,
}

/// What an engine does; [`run`] is the search every engine shares.
#[async_trait]
trait Engine: Send + Sync {
    fn db(&self) -> &DatabaseConnection;

    /// Up to `limit` rows matching `pass` in the request's scope, after the filters.
    async fn candidates(
        &self,
        request: &ProductSearch,
        words: &[String],
        pass: Pass,
        limit: u64,
    ) -> Result<Vec<Candidate>, IndexError>;

    /// The stored documents of `ids` and their snippets, in any order.
    async fn page(
        &self,
        request: &ProductSearch,
        words: &[String],
        ids: &[Uuid],
    ) -> Result<Vec<(IndexedDocument, String)>, IndexError>;

    /// Typo-tolerant matches, looking at up to `limit` rows sharing a trigram with the words:
    /// the ones similar enough, best first.
    async fn fuzzy_candidates(
        &self,
        request: &ProductSearch,
        words: &[String],
        limit: u64,
    ) -> Result<Vec<(Uuid, f64)>, IndexError>;
}

/// The search: the bounded set of matches (the whole title matches first when there are more
/// than the bound, then the rest), ranked ([`rank`]), paged; facets over that set; the
/// typo-tolerant fallback when nothing matches.
async fn run(
    engine: &impl Engine,
    limits: SearchLimits,
    request: &ProductSearch,
) -> Result<SearchResults, IndexError> {
    let words = query_words(&request.q);
    if words.is_empty() {
        return Ok(nothing(request));
    }
    let bound = limits.max_total_hits.max(1);
    let mut candidates = engine
        .candidates(request, &words, Pass::WholeInTitle, bound)
        .await?;
    let mut exact = false;
    if (candidates.len() as u64) < bound {
        let all = engine
            .candidates(request, &words, Pass::All, bound + 1)
            .await?;
        exact = all.len() as u64 <= bound;
        let mut seen: HashSet<Uuid> = candidates.iter().map(|c| c.id).collect();
        for candidate in all {
            if candidates.len() as u64 >= bound {
                break;
            }
            if seen.insert(candidate.id) {
                candidates.push(candidate);
            }
        }
    }
    if candidates.is_empty() {
        let fuzzy = engine.fuzzy_candidates(request, &words, bound).await?;
        if !fuzzy.is_empty() {
            return fuzzy_results(engine, request, fuzzy).await;
        }
        return Ok(nothing(request));
    }
    let ranked = rank(&words, candidates);
    let (offset, limit) = page_bounds(request);
    let page: Vec<(Uuid, f64)> = ranked.iter().skip(offset).take(limit).copied().collect();
    let ids: Vec<Uuid> = page.iter().map(|(id, _)| *id).collect();
    let mut rows: HashMap<Uuid, (IndexedDocument, String)> = engine
        .page(request, &words, &ids)
        .await?
        .into_iter()
        .map(|(document, text)| (document.id, (document, text)))
        .collect();
    let hits = page
        .into_iter()
        .filter_map(|(id, score)| {
            rows.remove(&id).map(|(document, text)| SearchHit {
                id,
                score,
                snippet: snippet(&text),
                document,
            })
        })
        .collect();
    let all: Vec<Uuid> = ranked.iter().map(|(id, _)| *id).collect();
    Ok(SearchResults {
        hits,
        total: ranked.len() as u64,
        total_exact: exact,
        facets: matched_facets(engine.db(), request, all).await?,
        fuzzy: false,
    })
}

/// The answer of the typo-tolerant fallback from its candidates (best first, filters already
/// applied): the page's documents in one statement (the title as the snippet), facets over
/// every candidate.
async fn fuzzy_results(
    engine: &impl Engine,
    request: &ProductSearch,
    candidates: Vec<(Uuid, f64)>,
) -> Result<SearchResults, IndexError> {
    let (offset, limit) = page_bounds(request);
    let total = candidates.len() as u64;
    let page: Vec<(Uuid, f64)> = candidates
        .iter()
        .skip(offset)
        .take(limit)
        .copied()
        .collect();
    let ids: Vec<Uuid> = page.iter().map(|(id, _)| *id).collect();
    let mut rows: HashMap<Uuid, (IndexedDocument, String)> =
        documents(engine.db(), request, &ids, &|sql| {
            sql.push("p.title");
        })
        .await?
        .into_iter()
        .map(|(document, title)| (document.id, (document, title)))
        .collect();
    let hits = page
        .into_iter()
        .filter_map(|(id, score)| {
            rows.remove(&id).map(|(document, title)| SearchHit {
                id,
                score,
                snippet: snippet(&title),
                document,
            })
        })
        .collect();
    let all: Vec<Uuid> = candidates.iter().map(|(id, _)| *id).collect();
    Ok(SearchResults {
        hits,
        total,
        total_exact: true,
        facets: matched_facets(engine.db(), request, all).await?,
        fuzzy: true,
    })
}

/// The stored documents of `ids` in the request's scope with one more column (`extra`, what
/// `column` writes), in one statement.
async fn documents(
    conn: &impl ConnectionTrait,
    request: &ProductSearch,
    ids: &[Uuid],
    column: &(dyn Fn(&mut Sql) + Send + Sync),
) -> Result<Vec<(IndexedDocument, String)>, IndexError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push(
        "SELECT p.product_id, CAST(p.document AS TEXT) AS document, \
         CAST(p.pricing AS TEXT) AS pricing, ",
    );
    column(&mut sql);
    sql.push(" AS extra FROM index_products p WHERE p.tenant_id = ")
        .bind(request.tenant.as_uuid())
        .push(" AND p.locale = ")
        .bind(request.locale.clone())
        .push(" AND p.product_id IN ")
        .bind_list(ids);
    sql.all(conn)
        .await?
        .iter()
        .map(|row| Ok((document(row)?, row.try_get::<String>("", "extra")?)))
        .collect()
}

/// The facets over the matches `ids`, when the request asks for them.
async fn matched_facets(
    conn: &impl ConnectionTrait,
    request: &ProductSearch,
    ids: Vec<Uuid>,
) -> Result<Option<rustok_core::SearchFacets>, IndexError> {
    if !request.facets {
        return Ok(None);
    }
    let tenant = request.tenant.as_uuid();
    let locale = request.locale.clone();
    let matched = move |sql: &mut Sql| {
        sql.push("SELECT p.product_id FROM index_products p WHERE p.tenant_id = ")
            .bind(tenant)
            .push(" AND p.locale = ")
            .bind(locale.clone())
            .push(" AND p.product_id IN ")
            .bind_list(&ids);
    };
    Ok(Some(facets(conn, request, &matched).await?))
}

/// No word in the query, or nothing matches: no hits (facets, when asked, count nothing).
fn nothing(request: &ProductSearch) -> SearchResults {
    SearchResults {
        facets: request.facets.then(Default::default),
        total_exact: true,
        ..SearchResults::default()
    }
}
