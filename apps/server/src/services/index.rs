//! Operating the storefront read model (`index:manage`, held by tenant admins): where the
//! tenant's index stands, and a rebuild of it in the background.

use async_graphql::SimpleObject;
use chrono::{DateTime, FixedOffset};
use rustok_core::Error;
use rustok_rbac::Principal;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

const PERMISSION: &str = "index:manage";

/// The tenant's product index.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct IndexStatusView {
    /// `ready`; `building` (a build runs, or was interrupted and resumes); `missing` (never
    /// built: visitors read the write model meanwhile).
    pub status: String,
    /// Products the current or last build has looked at.
    pub done: u64,
    /// Rows in the index now (published products × tenant locales).
    pub rows: u64,
    /// Failed builds since the last finished one, and the latest failure.
    pub errors: u64,
    pub last_error: Option<String>,
    pub started_at: Option<DateTime<FixedOffset>>,
    pub updated_at: Option<DateTime<FixedOffset>>,
}

pub async fn status(state: &AppState, principal: &Principal) -> Result<IndexStatusView, Error> {
    state.rbac.require(principal, PERMISSION).await?;
    let status = state.product_index.status(principal.tenant_id).await?;
    Ok(IndexStatusView {
        status: status.status,
        done: status.done,
        rows: status.rows,
        errors: status.errors,
        last_error: status.last_error,
        started_at: status.started_at,
        updated_at: status.updated_at,
    })
}

/// Drops the tenant's product rows and rebuilds them from the catalogue in the background;
/// answers at once with the status (`building`). Visitors read the write model until it is done.
pub async fn rebuild(state: &AppState, principal: &Principal) -> Result<IndexStatusView, Error> {
    state.rbac.require(principal, PERMISSION).await?;
    let tenant = principal.tenant_id;
    let index = state.product_index.clone();
    // The start (rows dropped, state `building`) happens before the answer, so the status it
    // returns is the new build's; the pages run in the background.
    index.begin_rebuild(tenant).await?;
    tokio::spawn(async move {
        if let Err(err) = index.rebuild(tenant, false, &|_| {}).await {
            tracing::warn!(error = %err, "index rebuild failed");
            if let Err(err) = index.record_failure(tenant, &err.to_string()).await {
                tracing::warn!(error = %err, "index rebuild failure not recorded");
            }
        }
    });
    status(state, principal).await
}
