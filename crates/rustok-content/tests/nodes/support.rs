//! Shared setup: a fresh database with a writer in tenant `acme`, and the inputs tests write.

use rustok_content::dto::NodeFilter;
use rustok_content::{ContentContext, ContentError, NodeService};
use rustok_testkit::TestDb;
use uuid::Uuid;

pub use rustok_testkit::content::{markdown_post as post, translation};

/// A fresh database with a writer in tenant `acme` (English and German).
pub async fn acme() -> (TestDb, ContentContext) {
    TestDb::with_content_writer("content", "acme").await
}

/// The ids of the first ten nodes `filter` selects, in its order.
pub async fn listed(
    service: &NodeService<'_>,
    ctx: &ContentContext,
    filter: NodeFilter,
) -> Vec<Uuid> {
    let page = service
        .list(
            ctx,
            NodeFilter {
                limit: 10,
                ..filter
            },
            None,
        )
        .await
        .unwrap();
    page.items.iter().map(|n| n.id).collect()
}

/// Asserts that the service refused the input, naming `field`.
pub fn invalid<T: std::fmt::Debug>(field: &str, result: Result<T, ContentError>) {
    assert!(
        matches!(result, Err(ContentError::Invalid { field: f, .. }) if f == field),
        "{field}: {result:?}"
    );
}

/// Asserts that the node does not exist for the caller.
pub fn not_found<T: std::fmt::Debug>(result: Result<T, ContentError>) {
    assert!(matches!(result, Err(ContentError::NotFound)), "{result:?}");
}
