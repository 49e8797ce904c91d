//! Search over the product rows ([`rustok_core::SearchBackend`]), one implementation per
//! database engine: [`PostgresSearch`] (`tsvector` per locale, `ts_rank_cd`, `ts_headline`,
//! `pg_trgm`) and [`SqliteSearch`] (FTS5: `bm25`, `snippet`, a trigram table). The tables and
//! triggers they read are the migration `m20261202_000001_index_search`; nothing here writes:
//! the database keeps them in step with `index_products`, so a refresh is searchable in the
//! transaction that writes it.
//!
//! Both answer the same way (the contract's rustdoc): every word required, each also as a
//! prefix; when nothing matches, a typo-tolerant fallback over titles and handles.

mod postgres;
pub(crate) mod query;
mod sqlite;

use std::collections::HashMap;
use std::sync::Arc;

use rustok_core::search::highlight_html;
use rustok_core::{ProductSearch, SearchBackend, SearchHit, SearchResults};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use uuid::Uuid;

pub use postgres::PostgresSearch;
pub use sqlite::SqliteSearch;

use crate::IndexError;
use query::{MARK_END, MARK_START, Sql, document, facets};

/// The search backend of the database engine `db` runs on (`search.backend = database`).
pub fn database_search(db: DatabaseConnection) -> Arc<dyn SearchBackend> {
    match db.get_database_backend() {
        DbBackend::Postgres => Arc::new(PostgresSearch::new(db)),
        _ => Arc::new(SqliteSearch::new(db)),
    }
}

/// A snippet from the engine: whitespace runs (the search text's line breaks) made one space,
/// then escaped with its marks.
fn snippet(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    highlight_html(&text, MARK_START, MARK_END)
}

fn page_bounds(request: &ProductSearch) -> (u64, u64) {
    (request.offset, request.limit.clamp(1, 100))
}

/// The answer of the typo-tolerant fallback from its candidates (best first, filters already
/// applied): the page's documents in one statement, facets over every candidate.
async fn fuzzy_results(
    conn: &impl ConnectionTrait,
    request: &ProductSearch,
    candidates: Vec<(Uuid, f64)>,
) -> Result<SearchResults, IndexError> {
    let (offset, limit) = page_bounds(request);
    let total = candidates.len() as u64;
    let page: Vec<(Uuid, f64)> = candidates
        .iter()
        .skip(offset as usize)
        .take(limit as usize)
        .copied()
        .collect();
    let ids: Vec<Uuid> = page.iter().map(|(id, _)| *id).collect();
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push("SELECT p.product_id, CAST(p.document AS TEXT) AS document, CAST(p.pricing AS TEXT) AS pricing, p.title FROM index_products p WHERE p.tenant_id = ")
        .bind(request.tenant.as_uuid())
        .push(" AND p.locale = ")
        .bind(request.locale.clone())
        .push(" AND p.product_id IN ")
        .bind_list(&ids);
    let mut rows = HashMap::new();
    for row in sql.all(conn).await? {
        let title: String = row.try_get("", "title")?;
        let stored = document(&row)?;
        rows.insert(stored.id, (stored, title));
    }
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
    let facets = if request.facets {
        let all: Vec<Uuid> = candidates.iter().map(|(id, _)| *id).collect();
        let tenant = request.tenant.as_uuid();
        let locale = request.locale.clone();
        let matched = move |sql: &mut Sql| {
            sql.push("SELECT p.product_id FROM index_products p WHERE p.tenant_id = ")
                .bind(tenant)
                .push(" AND p.locale = ")
                .bind(locale.clone())
                .push(" AND p.product_id IN ")
                .bind_list(&all);
        };
        Some(facets(conn, request, &matched).await?)
    } else {
        None
    };
    Ok(SearchResults {
        hits,
        total,
        facets,
        fuzzy: true,
    })
}

/// No word in the query: nothing matches (facets, when asked, count nothing).
fn nothing(request: &ProductSearch) -> SearchResults {
    SearchResults {
        facets: request.facets.then(Default::default),
        ..SearchResults::default()
    }
}
