//! Search over published nodes: the read model's [`SearchBackend::search_content`] with a
//! listing's filters, answered as the listing's views with snippets, the total and facets.
//! Search reads the read model for everyone, staff included (published nodes only); until the
//! tenant's index is built it answers 503 `unavailable` rather than a partial result.

use rustok_core::search::search_offset;
use rustok_core::{ContentSearch, ContentSearchFilters, Error, Locale, SearchBackend};

use super::{NodeService, row_locale};
use crate::dto::{NodeFacetsView, NodeFilter, NodeHitView, NodePage, NodeSearchPage};
use crate::services::documents::indexed_view;
use crate::{ContentContext, ContentError, NodeStatus};

/// A search: the query (normalized, not blank), the listing filters it combines with, the
/// page (`after`: a previous page's `next_cursor`), whether to count facets.
pub struct NodeSearch {
    pub q: String,
    pub filter: NodeFilter,
    pub facets: bool,
}

impl NodeService<'_> {
    /// Published nodes matching the search, best first. The filter's `sort` and
    /// `pinned_first` do not apply (results are ranked); a status other than published and
    /// `translated_into` are refused (`validation_failed`), as a filter search cannot honour.
    pub async fn search(
        &self,
        backend: &dyn SearchBackend,
        ctx: &ContentContext,
        search: NodeSearch,
        locale: Option<&Locale>,
    ) -> Result<NodeSearchPage, ContentError> {
        let NodeSearch { q, filter, facets } = search;
        if filter
            .status
            .is_some_and(|status| status != NodeStatus::Published)
        {
            return Err(ContentError::invalid(
                "status",
                "search finds published nodes only",
            ));
        }
        if filter.translated_into.is_some() {
            return Err(ContentError::invalid(
                "translated_into",
                "not combinable with `q`",
            ));
        }
        let offset = search_offset(filter.after.as_deref())?;
        if self.index(ctx).await?.is_none() {
            return Err(Error::Unavailable(
                "the site's search index is being built; retry shortly".to_string(),
            )
            .into());
        }
        let request = ContentSearch {
            tenant: ctx.tenant,
            locale: row_locale(ctx, locale).as_str().to_string(),
            q,
            filters: ContentSearchFilters {
                kind: filter.kind,
                parent_id: filter.parent_id,
                category_id: filter.category_id,
                author_id: filter.author_id,
                tag: filter.tag,
            },
            offset,
            limit: filter.limit.clamp(1, 100),
            facets,
        };
        let results = backend.search_content(&request).await?;
        let hits = results
            .hits
            .into_iter()
            .map(|hit| {
                Ok(NodeHitView {
                    node: indexed_view(hit.node)?,
                    score: hit.score,
                    snippet: hit.snippet,
                })
            })
            .collect::<Result<Vec<_>, ContentError>>()?;
        let shown = offset + hits.len() as u64;
        Ok(NodeSearchPage {
            next_cursor: (shown < results.total && !hits.is_empty()).then(|| shown.to_string()),
            hits,
            total: results.total,
            total_exact: results.total_exact,
            facets: results.facets.map(|f| NodeFacetsView {
                kinds: f.kinds.into_iter().map(Into::into).collect(),
                categories: f.categories.into_iter().map(Into::into).collect(),
                tags: f.tags.into_iter().map(Into::into).collect(),
            }),
            fuzzy: results.fuzzy,
        })
    }

    /// A listing answered by search: the listing's shape, ranked; the cursor is the offset of
    /// the next page.
    pub async fn search_listing(
        &self,
        backend: &dyn SearchBackend,
        ctx: &ContentContext,
        q: String,
        filter: NodeFilter,
        locale: Option<&Locale>,
    ) -> Result<NodePage, ContentError> {
        let search = NodeSearch {
            q,
            filter,
            facets: false,
        };
        let page = self.search(backend, ctx, search, locale).await?;
        Ok(NodePage {
            items: page.hits.into_iter().map(|hit| hit.node).collect(),
            next_cursor: page.next_cursor,
        })
    }
}
