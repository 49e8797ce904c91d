//! What every engine shares: the SQL builder (placeholders per engine), the filters, the facet
//! counts, the engine queries made from a user's words (never the user's text), and the
//! typo-tolerant similarity SQLite computes here (PostgreSQL has `pg_trgm`).

use std::collections::{BTreeMap, HashSet};

use rustok_core::search::PRICE_BANDS;
use rustok_core::{
    FacetCount, IndexedDocument, PriceBandCount, ProductSearch, SearchFacets, SearchFilters,
};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};
use uuid::Uuid;

use crate::IndexError;

/// Marks the engines put around a match in a snippet; private-use characters, so never in
/// stored text. [`rustok_core::search::highlight_html`] turns them into `<mark>`.
pub(crate) const MARK_START: char = '\u{E000}';
pub(crate) const MARK_END: char = '\u{E001}';

/// The share of a query's trigrams a title must have to match in the fallback.
pub(crate) const FUZZY_THRESHOLD: f64 = 0.4;

/// Text-search configurations of PostgreSQL by language (the locale's first subtag); other
/// languages use `simple` (no stemming, no stop words). Every one ships with PostgreSQL 12+.
pub const TEXT_SEARCH_CONFIGS: &[(&str, &str)] = &[
    ("ar", "arabic"),
    ("da", "danish"),
    ("de", "german"),
    ("el", "greek"),
    ("en", "english"),
    ("es", "spanish"),
    ("fi", "finnish"),
    ("fr", "french"),
    ("ga", "irish"),
    ("hu", "hungarian"),
    ("id", "indonesian"),
    ("it", "italian"),
    ("lt", "lithuanian"),
    ("nb", "norwegian"),
    ("ne", "nepali"),
    ("nl", "dutch"),
    ("nn", "norwegian"),
    ("no", "norwegian"),
    ("pt", "portuguese"),
    ("ro", "romanian"),
    ("ru", "russian"),
    ("sv", "swedish"),
    ("ta", "tamil"),
    ("tr", "turkish"),
];

/// The PostgreSQL text-search configuration of a locale (`de-CH` → `german`).
pub fn text_search_config(locale: &str) -> &'static str {
    let language = locale
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    TEXT_SEARCH_CONFIGS
        .iter()
        .find(|(code, _)| *code == language)
        .map_or("simple", |(_, config)| config)
}

/// The FTS5 query of the words: each quoted (so `NEAR`, `OR`, `*`, `"` are plain text), all
/// required, each also as a prefix when `prefix`. Words hold letters and digits only
/// ([`rustok_core::search::query_words`]).
pub fn fts5_query(words: &[String], prefix: bool) -> String {
    let star = if prefix { "*" } else { "" };
    words
        .iter()
        .map(|word| format!("\"{}\"{star}", word.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The FTS5 query of the typo-tolerant fallback on the trigram table: any trigram of any word.
pub fn fts5_trigram_query(words: &[String]) -> String {
    let mut seen = HashSet::new();
    let mut grams = Vec::new();
    for word in words {
        let chars: Vec<char> = word.chars().filter(|c| *c != '"').collect();
        for gram in chars.windows(3) {
            let gram: String = gram.iter().collect();
            if seen.insert(gram.clone()) {
                grams.push(format!("\"{gram}\""));
            }
        }
    }
    grams.join(" OR ")
}

/// The `to_tsquery` text of the words: each a quoted lexeme and a prefix, all required.
pub fn tsquery(words: &[String]) -> String {
    lexemes(words, ":*")
}

/// The `to_tsquery` text of the words in the title (weight `A`): each whole, or also as a
/// prefix when `prefix`.
pub fn title_tsquery(words: &[String], prefix: bool) -> String {
    lexemes(words, if prefix { ":*A" } else { ":A" })
}

fn lexemes(words: &[String], suffix: &str) -> String {
    words
        .iter()
        .map(|word| format!("'{}'{suffix}", word.replace(['\'', '\\'], "")))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// `pg_trgm`-style trigrams of each word (lower-cased runs of letters and digits), padded.
fn trigrams(text: &str) -> HashSet<String> {
    let mut grams = HashSet::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let padded: Vec<char> = format!("  {} ", word.to_lowercase()).chars().collect();
        for gram in padded.windows(3) {
            grams.insert(gram.iter().collect());
        }
    }
    grams
}

/// The share of the query's trigrams found in `text` (0..=1): what the SQLite fallback ranks
/// and cuts on, close to `pg_trgm`'s `word_similarity`.
pub fn similarity(query: &str, text: &str) -> f64 {
    let wanted = trigrams(query);
    if wanted.is_empty() {
        return 0.0;
    }
    let found = trigrams(text);
    wanted.intersection(&found).count() as f64 / wanted.len() as f64
}

/// Title and handle as the fallback compares them: word-inner punctuation dropped, so
/// `T-Shirt` reads `TShirt` (SQLite's triggers and PostgreSQL's index compute the same in SQL).
#[cfg(test)]
pub fn fuzzy_text(title: &str, handle: &str) -> String {
    format!("{title} {handle}")
        .chars()
        .filter(|c| !FUZZY_DROPPED.contains(*c))
        .collect()
}

/// The typo-tolerant text of a row named `row` (`p.`) of a table whose key column is `key`
/// (`handle`, `slug`), as PostgreSQL's trigram index and its fallback query write it: the same
/// expression, or the index is not used.
pub(crate) fn postgres_fuzzy_text(row: &str, key: &str) -> String {
    format!("translate({row}title || ' ' || {row}{key}, '{FUZZY_DROPPED}', '')")
}

/// The characters [`fuzzy_text`] drops.
pub(crate) const FUZZY_DROPPED: &str = "-_./@:+";

/// A statement under construction: text with the engine's placeholders and their values in
/// order, so fragments (filters, the matching set) can be written into any statement.
pub(crate) struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            text: String::with_capacity(512),
            values: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to `value`.
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => {
                self.text.push('$');
                self.text.push_str(&self.values.len().to_string());
            }
            _ => self.text.push('?'),
        }
        self
    }

    /// `(v1, v2, …)` of placeholders; never empty (`(NULL)` matches nothing).
    pub fn bind_list<V: Into<Value> + Clone>(&mut self, values: &[V]) -> &mut Self {
        if values.is_empty() {
            return self.push("(NULL)");
        }
        self.push("(");
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(value.clone());
        }
        self.push(")")
    }

    pub fn statement(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }

    pub async fn all(self, conn: &impl ConnectionTrait) -> Result<Vec<QueryResult>, IndexError> {
        Ok(conn.query_all_raw(self.statement()).await?)
    }
}

/// ` AND …` for every filter, on rows of `index_products` named `p`.
pub(crate) fn push_filters(sql: &mut Sql, tenant: Uuid, filters: &SearchFilters) {
    if let Some(collection) = filters.collection_id {
        sql.push(" AND p.collection_id = ").bind(collection);
    }
    if filters.in_stock {
        sql.push(" AND p.in_stock = ").bind(true);
    }
    let terms = [
        filters.category_id.map(|c| ("category", c.to_string())),
        filters.tag.clone().map(|t| ("tag", t)),
    ];
    for (facet, term) in terms.into_iter().flatten() {
        sql.push(
            " AND p.product_id IN (SELECT product_id FROM index_product_terms WHERE tenant_id = ",
        )
        .bind(tenant)
        .push(" AND facet = ")
        .bind(facet)
        .push(" AND term = ")
        .bind(term)
        .push(")");
    }
    if let Some(price) = &filters.price {
        sql.push(
            " AND p.product_id IN (SELECT product_id FROM index_product_prices WHERE tenant_id = ",
        )
        .bind(tenant)
        .push(" AND currency = ")
        .bind(price.currency.clone());
        if let Some(min) = price.min {
            sql.push(" AND amount >= ").bind(min);
        }
        if let Some(max) = price.max {
            sql.push(" AND amount <= ").bind(max);
        }
        sql.push(")");
    }
}

/// Writes a subquery of the matching product ids (`SELECT p.product_id FROM …`).
pub(crate) type Matched<'a> = &'a (dyn Fn(&mut Sql) + Send + Sync);

/// The facet counts over the matching products in one statement: the matching ids once (a
/// CTE), then three aggregates over them (collections and stock, terms, price bands) as one
/// `UNION ALL`, each row tagged with what it counts.
pub(crate) async fn facets(
    conn: &impl ConnectionTrait,
    request: &ProductSearch,
    matched: Matched<'_>,
) -> Result<SearchFacets, IndexError> {
    let backend = conn.get_database_backend();
    let tenant = request.tenant.as_uuid();
    let mut sql = Sql::new(backend);
    sql.push("WITH m AS (");
    matched(&mut sql);
    sql.push(
        ") SELECT 'collection' AS facet, collection_id, in_stock, CAST(NULL AS TEXT) AS term, \
         CAST(NULL AS INTEGER) AS band, COUNT(*) AS n FROM index_products WHERE tenant_id = ",
    )
    .bind(tenant)
    .push(" AND locale = ")
    .bind(request.locale.clone())
    .push(
        " AND product_id IN (SELECT product_id FROM m) GROUP BY collection_id, in_stock \
         UNION ALL SELECT facet, NULL, NULL, term, NULL, COUNT(*) FROM index_product_terms \
         WHERE tenant_id = ",
    )
    .bind(tenant)
    .push(" AND product_id IN (SELECT product_id FROM m) GROUP BY facet, term");
    if let Some(currency) = &request.currency {
        sql.push(" UNION ALL SELECT 'price', NULL, NULL, NULL, band, COUNT(DISTINCT product_id) FROM (SELECT product_id, CASE");
        for (i, bound) in PRICE_BANDS.iter().enumerate().skip(1).rev() {
            sql.push(&format!(" WHEN amount >= {bound} THEN {i}"));
        }
        sql.push(" ELSE 0 END AS band FROM index_product_prices WHERE tenant_id = ")
            .bind(tenant)
            .push(" AND currency = ")
            .bind(currency.clone())
            .push(" AND product_id IN (SELECT product_id FROM m)) bands GROUP BY band");
    }
    let mut facets = SearchFacets::default();
    let mut collections: BTreeMap<String, u64> = BTreeMap::new();
    let mut categories = BTreeMap::new();
    let mut tags = BTreeMap::new();
    let mut bands = BTreeMap::new();
    for row in sql.all(conn).await? {
        let n = count(&row, "n")?;
        match row.try_get::<String>("", "facet")?.as_str() {
            "collection" => {
                if row.try_get::<bool>("", "in_stock")? {
                    facets.in_stock += n;
                }
                if let Some(collection) = row.try_get::<Option<Uuid>>("", "collection_id")? {
                    *collections.entry(collection.to_string()).or_default() += n;
                }
            }
            "price" => {
                bands.insert(row.try_get::<i32>("", "band")? as usize, n);
            }
            "category" => {
                categories.insert(row.try_get("", "term")?, n);
            }
            _ => {
                tags.insert(row.try_get("", "term")?, n);
            }
        }
    }
    facets.collections = sorted(collections);
    facets.categories = sorted(categories);
    facets.tags = sorted(tags);
    for (band, count) in bands {
        let Some(min) = PRICE_BANDS.get(band) else {
            continue;
        };
        facets.price_bands.push(PriceBandCount {
            min: *min,
            max: PRICE_BANDS.get(band + 1).copied(),
            count,
        });
    }
    Ok(facets)
}

pub(crate) fn sorted(counts: BTreeMap<String, u64>) -> Vec<FacetCount> {
    let mut counts: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts
}

pub(crate) fn count(row: &QueryResult, column: &str) -> Result<u64, IndexError> {
    Ok(row.try_get::<i64>("", column)?.max(0) as u64)
}

/// The stored document of a hit row (`id`, `document` and `pricing` as text).
pub(crate) fn document(row: &QueryResult) -> Result<IndexedDocument, IndexError> {
    Ok(IndexedDocument {
        id: row.try_get("", "id")?,
        document: row.try_get("", "document")?,
        pricing: row.try_get("", "pricing")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustok_core::search::query_words;

    fn fts5(q: &str) -> String {
        fts5_query(&query_words(q), true)
    }

    #[test]
    fn fts5_queries_quote_every_word_so_no_syntax_survives() {
        assert_eq!(fts5("T-Shirt"), r#""t"* "shirt"*"#);
        assert_eq!(
            fts5(r#"NEAR("a" b) OR c*"#),
            r#""near"* "a"* "b"* "or"* "c"*"#
        );
        assert_eq!(
            fts5("col:val ^x -y AND NOT z"),
            r#""col"* "val"* "x"* "y"* "and"* "not"* "z"*"#
        );
        assert_eq!(fts5("'; DROP TABLE x; --"), r#""drop"* "table"* "x"*"#);
        assert_eq!(fts5("🎉 \"\" ()"), "");
        assert_eq!(fts5("Grüße"), r#""grüße"*"#);
        assert_eq!(fts5_query(&query_words("T-Shirt"), false), r#""t" "shirt""#);
    }

    #[test]
    fn trigram_queries_or_the_trigrams_of_every_word() {
        assert_eq!(
            fts5_trigram_query(&query_words("tshrit ab")),
            r#""tsh" OR "shr" OR "hri" OR "rit""#
        );
        assert_eq!(fts5_trigram_query(&query_words("aaaa")), r#""aaa""#);
    }

    #[test]
    fn tsqueries_are_quoted_prefix_lexemes() {
        assert_eq!(
            tsquery(&query_words("blue T-Shirt")),
            "'blue':* & 't':* & 'shirt':*"
        );
        assert_eq!(
            tsquery(&query_words("it's \\ 'x'")),
            "'it':* & 's':* & 'x':*"
        );
        assert_eq!(tsquery(&[]), "");
        let words = query_words("blue it's");
        assert_eq!(title_tsquery(&words, false), "'blue':A & 'it':A & 's':A");
        assert_eq!(title_tsquery(&words, true), "'blue':*A & 'it':*A & 's':*A");
    }

    #[test]
    fn locales_pick_their_text_search_configuration() {
        assert_eq!(text_search_config("en"), "english");
        assert_eq!(text_search_config("de-CH"), "german");
        assert_eq!(text_search_config("pt_BR"), "portuguese");
        assert_eq!(text_search_config("ja"), "simple");
        assert_eq!(text_search_config(""), "simple");
    }

    #[test]
    fn a_typo_is_similar_enough_and_another_word_is_not() {
        let tee = fuzzy_text("Classic T-Shirt", "classic-tee");
        assert_eq!(tee, "Classic TShirt classictee");
        assert!(similarity("tshrit", &tee) >= FUZZY_THRESHOLD);
        assert!(similarity("hoodie", &tee) < FUZZY_THRESHOLD);
        assert_eq!(similarity("", &tee), 0.0);
    }

    #[test]
    fn placeholders_follow_the_engine() {
        let mut pg = Sql::new(DbBackend::Postgres);
        pg.push("a = ")
            .bind(1)
            .push(" AND b IN ")
            .bind_list(&[2, 3]);
        assert_eq!(pg.text, "a = $1 AND b IN ($2, $3)");
        let mut lite = Sql::new(DbBackend::Sqlite);
        lite.push("a = ")
            .bind(1)
            .push(" AND b IN ")
            .bind_list::<i32>(&[]);
        assert_eq!(lite.text, "a = ? AND b IN (NULL)");
    }
}
