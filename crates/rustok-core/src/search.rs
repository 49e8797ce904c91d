//! Full-text search over the read model, behind one trait with an implementation per engine
//! (`rustok-index`: PostgreSQL `tsvector` + `pg_trgm`, SQLite FTS5), chosen by
//! `settings.rustok.search.backend`.
//!
//! Semantics every backend keeps:
//! - **Published data only**: a backend searches the read model, which holds nothing else.
//!   Each request names one tenant and one tenant locale; no row of another tenant or locale
//!   is ever considered.
//! - **The query** is any text. It is cut into words (runs of letters and digits; everything
//!   else separates words and is otherwise ignored, so quotes, operators, punctuation and
//!   emoji never reach the engine as syntax). A product matches when **every** word matches a
//!   word of its title, handle, texts or SKUs, or is its start (`shi` finds `shirt`, `0500`
//!   finds `product-0500`). When no product matches every word, the backend falls back to typo-tolerant
//!   matching on titles and handles (`tshrit` finds `T-Shirt`); [`SearchResults::fuzzy`] says
//!   so. A query without a word matches nothing. Callers validate the length
//!   ([`normalize_query`]).
//! - **Ranking**: best first; a product with every word in its title outranks one whose
//!   title lacks a word, a whole word outranks a word's start, a title mostly made of the
//!   words outranks a longer one. Ties go to the newer product (the listing's order).
//! - **Bounded**: at most [`SearchLimits::max_total_hits`] matches are ranked, counted and
//!   paged (like Meilisearch's `maxTotalHits`), so a word every product has costs what a rare
//!   one does. Past the bound, the ranked set holds the products with every word, whole, in the
//!   title first, then the newest others; [`SearchResults::total_exact`] is `false` and
//!   `total` is the bound.
//! - **Filters** (`collection`, `category`, `tag`, price range, `in_stock`) restrict the matches
//!   exactly as they restrict a listing ([`crate::ProductListing`]).
//! - **Facets** count the matches after every filter: per collection, category and tag, per
//!   price band of the request's currency (a product counts in every band one of its base
//!   prices falls in), and how many are in stock.
//! - **Snippets** are HTML: the matched text escaped, each match inside `<mark>…</mark>`.
//!
//! Search is shaped per entity kind, with the same rules: products
//! ([`SearchBackend::search_products`]) and content nodes — posts, pages, topics, replies —
//! ([`SearchBackend::search_content`]: every word of the title, excerpt or body text; the
//! fallback on titles and slugs; filters and facets by kind, category, tag; no prices).

use async_trait::async_trait;
use uuid::Uuid;

use crate::{Error, IndexedDocument, IndexedNode, TenantId};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// At most this many words of a query are used; the rest are ignored.
pub const MAX_QUERY_WORDS: usize = 16;

/// Lower bounds of the price bands facets count, in minor units (`[0, 1000)`, `[1000, 2500)`,
/// … `[50000, ∞)`).
pub const PRICE_BANDS: &[i64] = &[0, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000];

/// The trimmed query, `None` when it is empty or blank (no search: a plain listing).
///
/// # Errors
/// `query_too_long` (400) above [`MAX_QUERY_CHARS`] characters.
pub fn normalize_query(q: Option<&str>) -> Result<Option<String>, Error> {
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::bad_request(
            "query_too_long",
            format!("`q` is longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    Ok(Some(q.to_string()))
}

/// The words of a query as every backend matches them: lower-cased runs of letters and digits,
/// first occurrence kept, at most [`MAX_QUERY_WORDS`].
pub fn query_words(q: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in q.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let word = word.to_lowercase();
        if !words.contains(&word) {
            words.push(word);
        }
        if words.len() == MAX_QUERY_WORDS {
            break;
        }
    }
    words
}

/// Most matches a search ranks, counts and pages by default.
pub const DEFAULT_MAX_TOTAL_HITS: u64 = 1_000;

/// How much of a large result set a backend looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchLimits {
    /// Matches ranked, counted and paged at most (at least 1).
    pub max_total_hits: u64,
}

impl Default for SearchLimits {
    fn default() -> Self {
        Self {
            max_total_hits: DEFAULT_MAX_TOTAL_HITS,
        }
    }
}

/// An inclusive range of base prices in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceRange {
    pub currency: String,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

/// Filters combinable with the query: the same as a listing's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilters {
    pub collection_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub tag: Option<String>,
    pub price: Option<PriceRange>,
    pub in_stock: bool,
}

/// A product search in one tenant and one tenant locale.
#[derive(Debug, Clone)]
pub struct ProductSearch {
    pub tenant: TenantId,
    /// A tenant locale (callers map other requests to the tenant default).
    pub locale: String,
    /// The query, already normalized ([`normalize_query`]).
    pub q: String,
    pub filters: SearchFilters,
    /// The currency price-band facets count in (none: no price bands).
    pub currency: Option<String>,
    /// Hits skipped (the page's start) and wanted (1..=100).
    pub offset: u64,
    pub limit: u64,
    /// Whether to count facets.
    pub facets: bool,
}

/// One product found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub id: Uuid,
    /// Relevance, higher is better; comparable only within one answer.
    pub score: f64,
    /// HTML: escaped text with `<mark>…</mark>` around the matches.
    pub snippet: String,
    /// The stored storefront document and what prices it.
    pub document: IndexedDocument,
}

/// A value of a facet and how many matches have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// A price band (`min` inclusive, `max` exclusive, none: no upper bound) and how many matches
/// have a base price in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceBandCount {
    pub min: i64,
    pub max: Option<i64>,
    pub count: u64,
}

/// Counts over every ranked match (not only the page; past the bound, the ranked set), after
/// the filters. Values with no match are left out; each list is sorted by count (descending), then value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFacets {
    /// Collection ids.
    pub collections: Vec<FacetCount>,
    /// Category ids.
    pub categories: Vec<FacetCount>,
    pub tags: Vec<FacetCount>,
    /// In the request's currency, bands of [`PRICE_BANDS`] in order; empty without a currency.
    pub price_bands: Vec<PriceBandCount>,
    pub in_stock: u64,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Every match, not only this page's, up to [`SearchLimits::max_total_hits`].
    pub total: u64,
    /// Whether `total` counts every match (`false`: more matched than the bound).
    pub total_exact: bool,
    /// When facets were asked for.
    pub facets: Option<SearchFacets>,
    /// Whether the hits come from the typo-tolerant fallback (no product matched every word).
    pub fuzzy: bool,
}

/// Filters a content search combines with the query: the same as a content listing's
/// ([`crate::ContentListing`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentSearchFilters {
    /// Node kind (`post`, `page`, `topic`, …).
    pub kind: Option<String>,
    pub parent_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    /// Tag slug.
    pub tag: Option<String>,
}

/// A content search in one tenant and one tenant locale.
#[derive(Debug, Clone)]
pub struct ContentSearch {
    pub tenant: TenantId,
    /// A tenant locale (callers map other requests to the tenant default).
    pub locale: String,
    /// The query, already normalized ([`normalize_query`]).
    pub q: String,
    pub filters: ContentSearchFilters,
    /// Hits skipped (the page's start) and wanted (1..=100).
    pub offset: u64,
    pub limit: u64,
    /// Whether to count facets.
    pub facets: bool,
}

/// One content node found.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentHit {
    pub id: Uuid,
    /// Relevance, higher is better; comparable only within one answer.
    pub score: f64,
    /// HTML: escaped text with `<mark>…</mark>` around the matches.
    pub snippet: String,
    /// The stored storefront document and its sort columns.
    pub node: IndexedNode,
}

/// Counts over every ranked content match, after the filters (as [`SearchFacets`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentFacets {
    /// Node kinds.
    pub kinds: Vec<FacetCount>,
    /// Category ids.
    pub categories: Vec<FacetCount>,
    /// Tag slugs.
    pub tags: Vec<FacetCount>,
}

/// The answer to a content search (as [`SearchResults`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContentSearchResults {
    pub hits: Vec<ContentHit>,
    pub total: u64,
    pub total_exact: bool,
    pub facets: Option<ContentFacets>,
    pub fuzzy: bool,
}

/// A search engine over the read model. One implementation per engine; the server picks one.
#[async_trait]
pub trait SearchBackend: Send + Sync {
    /// The engine's name, for logs and health (`postgres`, `sqlite`).
    fn engine(&self) -> &'static str;

    /// Published products of the tenant in the request's locale matching `request.q`, ranked.
    async fn search_products(&self, request: &ProductSearch) -> Result<SearchResults, Error>;

    /// Published content nodes of the tenant in the request's locale matching `request.q`,
    /// ranked.
    async fn search_content(&self, request: &ContentSearch) -> Result<ContentSearchResults, Error>;
}

/// The offset a search cursor (`after`) stands for: the decimal `next_cursor` of the previous
/// page (a search pages by rank, not by a sort key).
///
/// # Errors
/// `invalid_cursor` (400) for anything else.
pub fn search_offset(after: Option<&str>) -> Result<u64, Error> {
    match after {
        None => Ok(0),
        Some(cursor) => cursor.parse::<u64>().map_err(|_| {
            Error::bad_request(
                "invalid_cursor",
                "`after` of a search is a `next_cursor` it gave",
            )
        }),
    }
}

/// HTML-escapes `text` and turns the engine's match markers (`start`, `end`: characters that do
/// not occur in stored text) into `<mark>` and `</mark>`.
pub fn highlight_html(text: &str, start: char, end: char) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c == start => out.push_str("<mark>"),
            c if c == end => out.push_str("</mark>"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_queries_are_no_search_and_long_ones_are_refused() {
        assert_eq!(normalize_query(None).unwrap(), None);
        assert_eq!(normalize_query(Some("  \t ")).unwrap(), None);
        assert_eq!(
            normalize_query(Some(" shirt ")).unwrap().as_deref(),
            Some("shirt")
        );
        let long = "ä".repeat(MAX_QUERY_CHARS);
        assert!(normalize_query(Some(&long)).unwrap().is_some());
        let err = normalize_query(Some(&format!("{long}x"))).unwrap_err();
        assert_eq!((err.status(), err.code()), (400, "query_too_long"));
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(query_words("T-Shirt, \"blue\"*"), ["t", "shirt", "blue"]);
        assert_eq!(
            query_words("NEAR( a OR b ) ^:- 'x'"),
            ["near", "a", "or", "b", "x"]
        );
        assert_eq!(query_words("Grüße 🎉 Über"), ["grüße", "über"]);
        assert_eq!(query_words("a a A"), ["a"]);
        assert!(query_words("🎉 \"\" () *").is_empty());
        assert_eq!(query_words(&"w ".repeat(40)).len(), 1);
        let many: String = (0..40).map(|i| format!("w{i} ")).collect();
        assert_eq!(query_words(&many).len(), MAX_QUERY_WORDS);
    }

    #[test]
    fn snippets_are_escaped_with_marks() {
        assert_eq!(
            highlight_html(
                "<b>T-Shirt</b> & \u{E000}tee\u{E001}",
                '\u{E000}',
                '\u{E001}'
            ),
            "&lt;b&gt;T-Shirt&lt;/b&gt; &amp; <mark>tee</mark>"
        );
    }
}
