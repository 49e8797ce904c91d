//! The content search of every engine: [`run`] over `index_content` with a listing's filters
//! (kind, parent, category, author, tag), the stored documents, and facets by kind, category
//! and tag.

use std::collections::BTreeMap;

use rustok_core::{
    ContentFacets, ContentHit, ContentSearch, ContentSearchFilters, ContentSearchResults,
    IndexedNode,
};
use sea_orm::{ConnectionTrait, QueryResult};
use uuid::Uuid;

use super::query::{Sql, count, sorted};
use super::{Engine, run};
use crate::IndexError;

/// ` AND …` for every filter, on rows of `index_content` named `p`.
pub(super) fn push_filters(sql: &mut Sql, tenant: Uuid, filters: &ContentSearchFilters) {
    if let Some(kind) = &filters.kind {
        sql.push(" AND p.kind = ").bind(kind.clone());
    }
    let columns = [
        ("parent_id", filters.parent_id),
        ("category_id", filters.category_id),
        ("author_id", filters.author_id),
    ];
    for (column, value) in columns {
        if let Some(value) = value {
            sql.push(&format!(" AND p.{column} = ")).bind(value);
        }
    }
    if let Some(tag) = &filters.tag {
        sql.push(" AND p.node_id IN (SELECT node_id FROM index_content_terms WHERE tenant_id = ")
            .bind(tenant)
            .push(" AND facet = 'tag' AND term = ")
            .bind(tag.clone())
            .push(")");
    }
}

pub(super) async fn search(
    engine: &impl Engine,
    limits: rustok_core::SearchLimits,
    request: &ContentSearch,
) -> Result<ContentSearchResults, IndexError> {
    let found = run(engine, limits, request, node).await?;
    let facets = match request.facets {
        true => Some(facets(engine.db(), request, &found.ranked).await?),
        false => None,
    };
    Ok(ContentSearchResults {
        total: found.total(),
        total_exact: found.total_exact,
        fuzzy: found.fuzzy,
        hits: found
            .hits
            .into_iter()
            .map(|hit| ContentHit {
                id: hit.id,
                score: hit.score,
                snippet: hit.snippet,
                node: hit.doc,
            })
            .collect(),
        facets,
    })
}

/// The stored document of a hit row and its sort columns ([`super::Target::CONTENT`]'s columns).
fn node(row: &QueryResult) -> Result<IndexedNode, IndexError> {
    let document: String = row.try_get("", "document")?;
    Ok(IndexedNode {
        id: row.try_get("", "id")?,
        document: serde_json::from_str(&document)
            .map_err(|err| IndexError::Core(rustok_core::Error::Internal(err.to_string())))?,
        pinned: row.try_get("", "pinned")?,
        position: row.try_get("", "position")?,
        published_at: row.try_get("", "published_at")?,
        last_activity_at: row.try_get("", "last_activity_at")?,
    })
}

/// Counts by kind and category over the matching rows, and by tag over their terms, in one
/// statement (the matching ids once, as a CTE).
async fn facets(
    conn: &impl ConnectionTrait,
    request: &ContentSearch,
    ids: &[Uuid],
) -> Result<ContentFacets, IndexError> {
    let tenant = request.tenant.as_uuid();
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push("WITH m AS (SELECT node_id FROM index_content WHERE tenant_id = ")
        .bind(tenant)
        .push(" AND locale = ")
        .bind(request.locale.clone())
        .push(" AND node_id IN ")
        .bind_list(ids)
        .push(
            ") SELECT 'category' AS facet, category_id, CAST(NULL AS TEXT) AS term, \
             COUNT(*) AS n FROM index_content WHERE tenant_id = ",
        )
        .bind(tenant)
        .push(" AND locale = ")
        .bind(request.locale.clone())
        .push(
            " AND category_id IS NOT NULL AND node_id IN (SELECT node_id FROM m) \
             GROUP BY category_id \
             UNION ALL SELECT 'kind', NULL, kind, COUNT(*) FROM index_content WHERE tenant_id = ",
        )
        .bind(tenant)
        .push(" AND locale = ")
        .bind(request.locale.clone())
        .push(
            " AND node_id IN (SELECT node_id FROM m) GROUP BY kind \
             UNION ALL SELECT 'tag', NULL, term, COUNT(*) FROM index_content_terms \
             WHERE tenant_id = ",
        )
        .bind(tenant)
        .push(" AND facet = 'tag' AND node_id IN (SELECT node_id FROM m) GROUP BY term");
    let mut kinds = BTreeMap::new();
    let mut categories = BTreeMap::new();
    let mut tags = BTreeMap::new();
    for row in sql.all(conn).await? {
        let n = count(&row, "n")?;
        match row.try_get::<String>("", "facet")?.as_str() {
            "category" => {
                if let Some(category) = row.try_get::<Option<Uuid>>("", "category_id")? {
                    categories.insert(category.to_string(), n);
                }
            }
            "kind" => {
                kinds.insert(row.try_get("", "term")?, n);
            }
            _ => {
                tags.insert(row.try_get("", "term")?, n);
            }
        }
    }
    Ok(ContentFacets {
        kinds: sorted(kinds),
        categories: sorted(categories),
        tags: sorted(tags),
    })
}
