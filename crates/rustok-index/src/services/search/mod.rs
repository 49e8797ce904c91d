//! Search over the read model ([`rustok_core::SearchBackend`]): products (`index_products`) and
//! content nodes (`index_content`), one implementation per database engine: [`PostgresSearch`]
//! (`tsvector` per locale on a GIN index, `ts_headline`, `pg_trgm`) and [`SqliteSearch`] (FTS5
//! with the row's tenant and locale as a token, a trigram table). The tables and triggers they
//! read are the migrations `m20261202_000001_index_search`, `m20261202_000004_index_search_scope`
//! and `m20261203_000001_index_content_search`; nothing here writes: the database keeps them in
//! step with the rows, so a refresh is searchable in the transaction that writes it.
//!
//! Both answer the same way (the contract's rustdoc): every word required, each also as a
//! prefix; when nothing matches, a typo-tolerant fallback over titles and handles (slugs). The
//! engines only find rows, at most [`SearchLimits::max_total_hits`] per pass ([`run`]); ranking
//! and (on SQLite) snippets are the same code for both ([`rank`]), and for both kinds: a
//! [`Target`] names the table. The engines' own ranking functions (`bm25`, `ts_rank_cd`) read
//! every match, and their cost grew with the catalogue: a word all 100,000 products had took
//! seconds.

mod content;
mod postgres;
pub(crate) mod query;
mod rank;
mod sqlite;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_trait::async_trait;
use rustok_core::search::{highlight_html, query_words};
use rustok_core::{
    ContentSearch, ProductSearch, SearchBackend, SearchHit, SearchLimits, SearchResults,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, QueryResult};
use uuid::Uuid;

pub use postgres::PostgresSearch;
pub use sqlite::SqliteSearch;

use crate::IndexError;
use query::{Sql, document, facets, push_filters};
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

fn page_bounds(offset: u64, limit: u64) -> (usize, usize) {
    (
        usize::try_from(offset).unwrap_or(usize::MAX),
        limit.clamp(1, 100) as usize,
    )
}

/// A read-model table search looks in (`p` in every statement) and its search tables:
/// PostgreSQL's `search_vector` column and trigram index on it, SQLite's `<table>_fts` and
/// `<table>_trgm` sharing its `rowid`.
#[derive(Debug)]
pub(crate) struct Target {
    pub table: &'static str,
    /// The entity's id column.
    pub id: &'static str,
    /// What the typo-tolerant text adds to the title (the handle, the slug).
    pub key: &'static str,
    /// The columns of a hit's stored document.
    pub document: &'static str,
    /// `<table>_fts`, `<table>_trgm` (SQLite).
    pub fts: &'static str,
    pub trgm: &'static str,
}

impl Target {
    pub(crate) const PRODUCTS: Target = Target {
        table: "index_products",
        id: "product_id",
        key: "handle",
        document: "CAST(p.document AS TEXT) AS document, CAST(p.pricing AS TEXT) AS pricing",
        fts: "index_products_fts",
        trgm: "index_products_trgm",
    };

    pub(crate) const CONTENT: Target = Target {
        table: "index_content",
        id: "node_id",
        key: "slug",
        document: "CAST(p.document AS TEXT) AS document, p.pinned, p.position, \
                   p.published_at, p.last_activity_at",
        fts: "index_content_fts",
        trgm: "index_content_trgm",
    };
}

/// What a kind's request gives the shared search ([`run`]).
pub(crate) trait Request: Sync {
    fn target(&self) -> &'static Target;
    fn tenant(&self) -> Uuid;
    fn locale(&self) -> &str;
    /// The query and the page.
    fn asked(&self) -> Asked<'_>;
    /// ` AND …` for the request's filters, on rows named `p`.
    fn push_filters(&self, sql: &mut Sql);
}

/// Where one search looks: a table, one tenant, one locale, the request's filters.
pub(crate) struct Scope<'a> {
    pub target: &'static Target,
    pub tenant: Uuid,
    pub locale: &'a str,
    request: &'a dyn Request,
}

impl<'a> Scope<'a> {
    fn of(request: &'a dyn Request) -> Self {
        Self {
            target: request.target(),
            tenant: request.tenant(),
            locale: request.locale(),
            request,
        }
    }

    /// ` AND p.tenant_id = … AND p.locale = …` and the filters.
    pub(crate) fn push(&self, sql: &mut Sql) {
        sql.push(" AND p.tenant_id = ")
            .bind(self.tenant)
            .push(" AND p.locale = ")
            .bind(self.locale.to_string());
        self.request.push_filters(sql);
    }
}

/// Which matches a pass over the engine asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Every word, whole, in the title (what ranks first, looked for first when many match).
    WholeInTitle,
    /// Every word, or a word it starts, anywhere in the texts: the search's matches.
    All,
}

/// A row of a page: the id, its text with the match marks, the row (its document columns).
type PageRow = (Uuid, String, QueryResult);

/// What an engine does; [`run`] is the search every engine shares.
#[async_trait]
trait Engine: Send + Sync {
    fn db(&self) -> &DatabaseConnection;

    /// Up to `limit` rows matching `pass` in the scope, after the filters.
    async fn candidates(
        &self,
        scope: &Scope<'_>,
        words: &[String],
        pass: Pass,
        limit: u64,
    ) -> Result<Vec<Candidate>, IndexError>;

    /// The rows of `ids` with their snippet texts, in any order.
    async fn page(
        &self,
        scope: &Scope<'_>,
        words: &[String],
        ids: &[Uuid],
    ) -> Result<Vec<PageRow>, IndexError>;

    /// Typo-tolerant matches, looking at up to `limit` rows sharing a trigram with the words:
    /// the ones similar enough, best first.
    async fn fuzzy_candidates(
        &self,
        scope: &Scope<'_>,
        words: &[String],
        limit: u64,
    ) -> Result<Vec<(Uuid, f64)>, IndexError>;
}

/// One hit: the id, its score, its snippet (HTML) and its row read as `D`.
struct Hit<D> {
    id: Uuid,
    score: f64,
    snippet: String,
    doc: D,
}

/// A search's answer: the page's hits, every ranked id (what facets count), whether the total
/// is exact, whether the hits are typo-tolerant.
struct Found<D> {
    hits: Vec<Hit<D>>,
    ranked: Vec<Uuid>,
    total_exact: bool,
    fuzzy: bool,
}

/// What a search asks besides its scope: the query and the page (offset, limit).
pub(crate) type Asked<'a> = (&'a str, u64, u64);

/// Reads a hit's row (the target's document columns) as what the kind answers with.
type Read<D> = fn(&QueryResult) -> Result<D, IndexError>;

/// The search: the bounded set of matches (the whole title matches first when there are more
/// than the bound, then the rest), ranked ([`rank`]), paged; the typo-tolerant fallback when
/// nothing matches.
async fn run<D>(
    engine: &impl Engine,
    limits: SearchLimits,
    request: &dyn Request,
    read: Read<D>,
) -> Result<Found<D>, IndexError> {
    let scope = &Scope::of(request);
    let (q, offset, limit) = request.asked();
    let words = query_words(q);
    if words.is_empty() {
        return Ok(Found::nothing());
    }
    let bound = limits.max_total_hits.max(1);
    let mut candidates = engine
        .candidates(scope, &words, Pass::WholeInTitle, bound)
        .await?;
    let mut exact = false;
    if (candidates.len() as u64) < bound {
        let all = engine
            .candidates(scope, &words, Pass::All, bound + 1)
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
    let (ranked, fuzzy) = if candidates.is_empty() {
        let fuzzy = engine.fuzzy_candidates(scope, &words, bound).await?;
        if fuzzy.is_empty() {
            return Ok(Found::nothing());
        }
        exact = true;
        (fuzzy, true)
    } else {
        (rank(&words, candidates), false)
    };
    let (offset, limit) = page_bounds(offset, limit);
    let page: Vec<(Uuid, f64)> = ranked.iter().skip(offset).take(limit).copied().collect();
    let ids: Vec<Uuid> = page.iter().map(|(id, _)| *id).collect();
    let rows = if fuzzy {
        // The title is the snippet: the words matched nothing whole.
        documents(engine.db(), scope, &ids, &|sql| {
            sql.push("p.title");
        })
        .await?
    } else {
        engine.page(scope, &words, &ids).await?
    };
    let mut rows: HashMap<Uuid, (String, QueryResult)> = rows
        .into_iter()
        .map(|(id, text, row)| (id, (text, row)))
        .collect();
    let mut hits = Vec::with_capacity(page.len());
    for (id, score) in page {
        if let Some((text, row)) = rows.remove(&id) {
            hits.push(Hit {
                id,
                score,
                snippet: snippet(&text),
                doc: read(&row)?,
            });
        }
    }
    Ok(Found {
        hits,
        ranked: ranked.into_iter().map(|(id, _)| id).collect(),
        total_exact: exact,
        fuzzy,
    })
}

impl<D> Found<D> {
    fn nothing() -> Self {
        Self {
            hits: Vec::new(),
            ranked: Vec::new(),
            total_exact: true,
            fuzzy: false,
        }
    }

    fn total(&self) -> u64 {
        self.ranked.len() as u64
    }
}

/// The rows of `ids` in the scope (`id`, the target's document columns) with one more column
/// (`extra`, what `column` writes), in one statement.
async fn documents(
    conn: &impl ConnectionTrait,
    scope: &Scope<'_>,
    ids: &[Uuid],
    column: &(dyn Fn(&mut Sql) + Send + Sync),
) -> Result<Vec<PageRow>, IndexError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let target = scope.target;
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push(&format!(
        "SELECT p.{} AS id, {}, ",
        target.id, target.document
    ));
    column(&mut sql);
    sql.push(&format!(
        " AS extra FROM {} p WHERE p.tenant_id = ",
        target.table
    ))
    .bind(scope.tenant)
    .push(" AND p.locale = ")
    .bind(scope.locale.to_string())
    .push(&format!(" AND p.{} IN ", target.id))
    .bind_list(ids);
    sql.all(conn)
        .await?
        .into_iter()
        .map(|row| {
            let id = row.try_get("", "id")?;
            let extra = row.try_get::<String>("", "extra")?;
            Ok((id, extra, row))
        })
        .collect()
}

/// The product search of every engine: [`run`] over `index_products`, facets.
async fn products(
    engine: &impl Engine,
    limits: SearchLimits,
    request: &ProductSearch,
) -> Result<SearchResults, IndexError> {
    let found = run(engine, limits, request, document).await?;
    Ok(SearchResults {
        total: found.total(),
        total_exact: found.total_exact,
        fuzzy: found.fuzzy,
        hits: found
            .hits
            .into_iter()
            .map(|hit| SearchHit {
                id: hit.id,
                score: hit.score,
                snippet: hit.snippet,
                document: hit.doc,
            })
            .collect(),
        facets: matched_facets(engine.db(), request, found.ranked).await?,
    })
}

/// [`Request`] for a core request type: they name their parts alike (`tenant`, `locale`, `q`,
/// `offset`, `limit`, `filters`); `$filters` writes the kind's filters.
macro_rules! request {
    ($request:ty, $target:expr, $filters:path) => {
        impl Request for $request {
            fn target(&self) -> &'static Target {
                &$target
            }

            fn tenant(&self) -> Uuid {
                self.tenant.as_uuid()
            }

            fn locale(&self) -> &str {
                &self.locale
            }

            fn asked(&self) -> Asked<'_> {
                (&self.q, self.offset, self.limit)
            }

            fn push_filters(&self, sql: &mut Sql) {
                $filters(sql, self.tenant.as_uuid(), &self.filters);
            }
        }
    };
}

request!(ProductSearch, Target::PRODUCTS, push_filters);
request!(ContentSearch, Target::CONTENT, content::push_filters);

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
