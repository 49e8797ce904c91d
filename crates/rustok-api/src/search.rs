//! What every module's search answer shares: a facet count as the APIs show it.

use async_graphql::SimpleObject;
use serde::Serialize;
use utoipa::ToSchema;

/// A facet value (an id, a tag, a kind) and how many matches have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema, SimpleObject)]
pub struct FacetCountView {
    pub value: String,
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
