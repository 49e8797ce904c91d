//! Operating the storefront read model (`index:manage`, held by tenant admins): where the
//! tenant's index of each kind (`products`, `content`) stands, and a rebuild of it in the
//! background.

use async_graphql::SimpleObject;
use chrono::{DateTime, FixedOffset};
use rustok_core::{Error, TenantId};
use rustok_index::{BuildStatus, IndexError};
use rustok_rbac::Principal;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

const PERMISSION: &str = "index:manage";

/// A kind of the storefront index: `products` or `content` (content nodes).
// Products live in `index_products`, content nodes in `index_content`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum IndexKind {
    /// Published products with their variants and prices.
    Products,
    /// Published content nodes (posts, pages, topics, …).
    Content,
}

impl IndexKind {
    pub const ALL: [IndexKind; 2] = [IndexKind::Products, IndexKind::Content];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Products => rustok_index::PRODUCTS,
            Self::Content => rustok_index::CONTENT,
        }
    }

    /// `products` or `content`; anything else is `validation_failed` on `kind`.
    pub fn parse(text: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| Error::invalid_field("kind", "use `products` or `content`"))
    }

    /// The kinds a request names: the one given, or every kind.
    pub fn named(kind: Option<&str>) -> Result<Vec<Self>, Error> {
        match kind {
            Some(kind) => Ok(vec![Self::parse(kind)?]),
            None => Ok(Self::ALL.to_vec()),
        }
    }
}

/// The tenant's index of one kind.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct IndexStatusView {
    /// `products` or `content`.
    pub kind: String,
    /// `ready`; `building` (a build runs, or was interrupted and resumes); `missing` (never
    /// built: visitors read the write model meanwhile).
    pub status: String,
    /// Products (or content nodes) the current or last build has looked at.
    pub done: u64,
    /// Rows in the index now (published products or nodes × tenant locales).
    pub rows: u64,
    /// Failed builds since the last finished one.
    pub errors: u64,
    /// The latest build failure, if any since the last finished build.
    pub last_error: Option<String>,
    /// When the current or last build started; absent when never built.
    pub started_at: Option<DateTime<FixedOffset>>,
    /// When the build state last changed; absent when never built.
    pub updated_at: Option<DateTime<FixedOffset>>,
}

fn view(kind: IndexKind, status: BuildStatus) -> IndexStatusView {
    IndexStatusView {
        kind: kind.as_str().to_string(),
        status: status.status,
        done: status.done,
        rows: status.rows,
        errors: status.errors,
        last_error: status.last_error,
        started_at: status.started_at,
        updated_at: status.updated_at,
    }
}

async fn status_of(
    state: &AppState,
    tenant: TenantId,
    kind: IndexKind,
) -> Result<IndexStatusView, Error> {
    let status = match kind {
        IndexKind::Products => state.product_index.status(tenant).await?,
        IndexKind::Content => state.content_index.status(tenant).await?,
    };
    Ok(view(kind, status))
}

/// The status of the tenant's index of `kind` (products when none is named).
pub async fn status(
    state: &AppState,
    principal: &Principal,
    kind: Option<&str>,
) -> Result<IndexStatusView, Error> {
    state.rbac.require(principal, PERMISSION).await?;
    let kind = kind.map(IndexKind::parse).transpose()?;
    status_of(
        state,
        principal.tenant_id,
        kind.unwrap_or(IndexKind::Products),
    )
    .await
}

/// The status of every kind of the tenant's index.
pub async fn statuses(
    state: &AppState,
    principal: &Principal,
) -> Result<Vec<IndexStatusView>, Error> {
    state.rbac.require(principal, PERMISSION).await?;
    let mut all = Vec::new();
    for kind in IndexKind::ALL {
        all.push(status_of(state, principal.tenant_id, kind).await?);
    }
    Ok(all)
}

/// Drops the tenant's rows of `kind` (every kind when none is named) and rebuilds them from the
/// write model in the background; answers at once with the status of the first kind
/// (`building`). Visitors read the write model until each is done.
pub async fn rebuild(
    state: &AppState,
    principal: &Principal,
    kind: Option<&str>,
) -> Result<IndexStatusView, Error> {
    state.rbac.require(principal, PERMISSION).await?;
    let tenant = principal.tenant_id;
    let kinds = IndexKind::named(kind)?;
    // The start (rows dropped, state `building`) happens before the answer, so the status it
    // returns is the new build's; the pages run in the background.
    for kind in &kinds {
        match kind {
            IndexKind::Products => state.product_index.begin_rebuild(tenant).await?,
            IndexKind::Content => state.content_index.begin_rebuild(tenant).await?,
        }
    }
    // Read before the pages start: a small build could otherwise finish first and answer `ready`.
    let answer = status_of(state, tenant, kinds[0]).await?;
    let products = state.product_index.clone();
    let content = state.content_index.clone();
    let background = kinds.clone();
    tokio::spawn(async move {
        for kind in background {
            let (built, failure) = match kind {
                IndexKind::Products => {
                    let built = products.rebuild(tenant, false, &|_| {}).await;
                    let failure = match &built {
                        Err(err) => products
                            .record_failure(tenant, &err.to_string())
                            .await
                            .err(),
                        Ok(_) => None,
                    };
                    (built.map(|_| ()), failure)
                }
                IndexKind::Content => {
                    let built = content.rebuild(tenant, false, &|_| {}).await;
                    let failure = match &built {
                        Err(err) => content.record_failure(tenant, &err.to_string()).await.err(),
                        Ok(_) => None,
                    };
                    (built.map(|_| ()), failure)
                }
            };
            log_failure(kind, built, failure);
        }
    });
    Ok(answer)
}

fn log_failure(kind: IndexKind, built: Result<(), IndexError>, failure: Option<IndexError>) {
    if let Err(err) = built {
        tracing::warn!(kind = kind.as_str(), error = %err, "index rebuild failed");
    }
    if let Some(err) = failure {
        tracing::warn!(kind = kind.as_str(), error = %err, "index rebuild failure not recorded");
    }
}
