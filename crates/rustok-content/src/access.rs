//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Public so wrapper modules (blog, forum, pages) apply exactly the same rules to their nodes.
//!
//! Handlers and resolvers hold an [`ApiContext`] and ask it for a service context here:
//! [`authorize`] (a writer holding a permission), [`reader`] (anyone, plus whether they may see
//! drafts) or [`visitor`] (anyone). The `_for` variants take the modules a wrapper needs on.

use rustok_api::{ApiContext, PlatformState};
use std::sync::Arc;

use rustok_core::{Error, SearchBackend, parse_id};
use uuid::Uuid;

use crate::{CategoryService, ContentContext, NodeService, NodeStatus};

pub use rustok_api::requested_locale;

pub const MODULE: &str = "content";

/// Whoever may see unpublished nodes holds this.
const READ_DRAFTS: &str = "content:read";

/// The caller's service context (the actor is the signed-in user, if any).
pub fn context_of(api: &ApiContext) -> ContentContext {
    ContentContext {
        tenant: api.tenant_id(),
        actor: api.actor(),
        locales: api.tenant.locales.clone(),
    }
}

/// The service over the platform's database and event bus.
pub fn service(platform: &PlatformState) -> NodeService<'_> {
    NodeService::new(platform.db(), platform.events())
}

/// The service a read goes through: for a caller who may not see drafts (`drafts` as
/// [`reader`] gives it), published-only reads come from the read model once the tenant's index
/// is built; staff read the write model.
pub fn reading(platform: &PlatformState, drafts: bool) -> NodeService<'_> {
    let reads = if drafts {
        None
    } else {
        platform.content_reads()
    };
    service(platform).published_from(reads)
}

/// What a search goes through: the platform's search backend and a service reading the read
/// model, for every caller (search finds published nodes only). `unavailable` (503) on a server
/// without one.
pub fn searching(
    platform: &PlatformState,
) -> Result<(Arc<dyn SearchBackend>, NodeService<'_>), Error> {
    let (Some(backend), Some(reads)) = (platform.search(), platform.content_reads()) else {
        return Err(Error::Unavailable("this server has no search".to_string()));
    };
    Ok((backend, service(platform).published_from(Some(reads))))
}

/// The category service over the platform's database and event bus.
pub fn categories(platform: &PlatformState) -> CategoryService<'_> {
    CategoryService::new(platform.db(), platform.events())
}

/// A signed-in caller holding `permission` in a tenant with content on: their write context.
pub async fn authorize(api: &ApiContext, permission: &str) -> Result<ContentContext, Error> {
    authorize_for(api, &[MODULE], permission).await
}

/// Like [`authorize`], with every module in `modules` on (wrappers pass
/// `&["content", "their_slug"]`). An anonymous caller is refused before the module switches are
/// read, as REST's sign-in extractor refuses them before the handler runs.
pub async fn authorize_for(
    api: &ApiContext,
    modules: &[&'static str],
    permission: &str,
) -> Result<ContentContext, Error> {
    api.signed_in()?;
    api.authorize(modules, permission).await?;
    Ok(context_of(api))
}

/// Any caller in a tenant with content on: their context.
pub async fn visitor(api: &ApiContext) -> Result<ContentContext, Error> {
    visitor_for(api, &[MODULE]).await
}

/// Any caller in a tenant with every module in `modules` on: their context.
pub async fn visitor_for(
    api: &ApiContext,
    modules: &[&'static str],
) -> Result<ContentContext, Error> {
    api.require_modules(modules).await?;
    Ok(context_of(api))
}

/// Any caller in a tenant with content on: their context and whether they may see drafts.
pub async fn reader(api: &ApiContext) -> Result<(ContentContext, bool), Error> {
    reader_for(api, &[MODULE]).await
}

/// Like [`reader`], with every module in `modules` on.
pub async fn reader_for(
    api: &ApiContext,
    modules: &[&'static str],
) -> Result<(ContentContext, bool), Error> {
    let content = visitor_for(api, modules).await?;
    Ok((content, api.holds(READ_DRAFTS).await))
}

pub fn node_id(text: &str) -> Result<Uuid, Error> {
    Ok(parse_id(text)?)
}

/// The status a listing may show: staff (`drafts`, as [`reader`] gives it) choose or see all,
/// everyone else sees published only.
pub fn status_filter(drafts: bool, requested: Option<&str>) -> Result<Option<NodeStatus>, Error> {
    if !drafts {
        return Ok(Some(NodeStatus::Published));
    }
    requested
        .map(|status| {
            status
                .parse()
                .map_err(|e: String| Error::invalid_field("status", e))
        })
        .transpose()
}

/// Whether a node may be shown: published, or the caller may see drafts.
pub fn visible(status: &str, drafts: bool) -> bool {
    drafts || status == NodeStatus::Published.as_str()
}

/// The permission a workflow step needs: submitting and rejecting are edits, the rest publish.
pub fn transition_permission(transition: crate::Transition) -> &'static str {
    match transition {
        crate::Transition::Submit | crate::Transition::Reject => "content:update",
        _ => "content:publish",
    }
}
