//! The API layer every module shares, so a module's REST handlers and GraphQL resolvers look and
//! fail exactly like the platform's own:
//!
//! - [`error`]: `ApiError` → `application/problem+json`; `graphql_error` → GraphQL error with the
//!   same `code` in `extensions`.
//! - [`extract`]: `ApiJson` (malformed input → 400/413/415/422; no U+0000 in a text),
//!   `GraphqlJson`, `CurrentTenant`, `AuthUser`,
//!   `OptionalAuth`, for any router state implementing [`ApiState`].
//! - [`graphql`]: the per-request `GraphqlScope` and its helpers; `refuse_nul` (no U+0000 in
//!   an operation's texts).
//! - [`graphql_limits`]: depth, cost, alias and root-field limits of a GraphQL request, and
//!   how many root fields resolve at once.
//! - [`paging`]: page sizes, refused outside their documented range.
//! - [`query`]: shared query strings (`LocaleQuery`).
//! - [`search`]: what every module's search answer shares.
//! - [`context`]: `ApiContext` (platform, tenant, caller and the checks every module makes), a REST
//!   extractor (`ApiContext` for any caller, `SignedIn` for signed-in ones, `Public` for reads
//!   that never look at the caller) and
//!   `ApiContext::of(ctx)` in GraphQL resolvers.

pub mod context;
pub mod error;
pub mod extract;
pub mod graphql;
pub mod graphql_limits;
pub mod paging;
pub mod query;
pub mod search;

use std::sync::Arc;

use rustok_core::{Error, TenantId};
use rustok_rbac::Principal;

pub use context::{ApiContext, Public, SignedIn, requested_locale, resolve};
pub use error::{ApiError, ApiResult, complete_graphql_errors, graphql_error, problem_response};
pub use extract::{ApiJson, ApiPath, ApiQuery, AuthUser, CurrentTenant, GraphqlJson, OptionalAuth};
pub use graphql::{GraphqlScope, optional_id, parse_gql_id};
pub use paging::{MAX_PAGE_SIZE, page_limit};
pub use query::LocaleQuery;
pub use search::FacetCountView;

/// What the extractors need from a router's state. The server's state implements it; a module's
/// own router state delegates to the platform.
pub trait ApiState: Send + Sync + 'static {
    /// Request bodies above this are refused with 413.
    fn body_limit(&self) -> usize;
    /// Verifies an access token for `tenant` (signature, expiry, tenant binding).
    fn verify_token(&self, token: &str, tenant: TenantId) -> Result<Principal, Error>;
}

/// What a module's API needs from the platform: storage, events, the RBAC guard and the
/// per-tenant module switches. The server implements it; module routers use [`PlatformState`].
#[async_trait::async_trait]
pub trait Platform: ApiState {
    fn db(&self) -> &sea_orm::DatabaseConnection;
    fn events(&self) -> &rustok_core::EventBus;
    fn rbac(&self) -> &rustok_rbac::RbacService;
    /// Whether `module` is enabled for `tenant`.
    async fn module_enabled(&self, tenant: TenantId, module: &str) -> Result<bool, Error>;
    /// The email of a user account of `tenant` (users are the platform's, not a module's).
    async fn account_email(
        &self,
        tenant: TenantId,
        user_id: uuid::Uuid,
    ) -> Result<Option<String>, Error>;
    /// The product read model visitors are served from, when the server runs one.
    fn product_reads(&self) -> Option<Arc<dyn rustok_core::ProductReads>> {
        None
    }
    /// The search engine over the read model (products and content), when the server runs
    /// one.
    fn search(&self) -> Option<Arc<dyn rustok_core::SearchBackend>> {
        None
    }
    /// The content read model visitors are served from, when the server runs one.
    fn content_reads(&self) -> Option<Arc<dyn rustok_core::ContentReads>> {
        None
    }
}

/// Router state of every module's REST routes.
pub type PlatformState = Arc<dyn Platform>;

/// Whether an optional caller holds `permission` (anonymous callers hold none): for reads whose
/// answer depends on who asks (drafts for staff, every comment for moderators).
pub async fn holds(
    platform: &dyn Platform,
    principal: Option<&rustok_rbac::Principal>,
    permission: &str,
) -> bool {
    match principal {
        Some(principal) => platform.rbac().require(principal, permission).await.is_ok(),
        None => false,
    }
}

/// Refuses calls to a module the tenant switched off (404 `module_disabled`).
pub async fn require_module(
    platform: &dyn Platform,
    tenant: TenantId,
    module: &'static str,
) -> Result<(), Error> {
    if platform.module_enabled(tenant, module).await? {
        Ok(())
    } else {
        Err(Error::ModuleDisabled { module })
    }
}

impl<T: ApiState + ?Sized> ApiState for Arc<T> {
    fn body_limit(&self) -> usize {
        (**self).body_limit()
    }
    fn verify_token(&self, token: &str, tenant: TenantId) -> Result<Principal, Error> {
        (**self).verify_token(token, tenant)
    }
}
