//! What every module's search answer shares: a facet count as the APIs show it.

use async_graphql::SimpleObject;
use serde::Serialize;
use utoipa::ToSchema;

/// A facet value (an id, a tag, a kind) and how many matches have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema, SimpleObject)]
pub struct FacetCountView {
    /// The facet value: an id (UUID), a tag or a kind, depending on the facet.
    pub value: String,
    /// How many of the search's matches have the value (all matches, not only this page's).
    pub count: u64,
}

impl From<rustok_core::FacetCount> for FacetCountView {
    fn from(count: rustok_core::FacetCount) -> Self {
        Self {
            value: count.value,
            count: count.count,
        }
    }
}
