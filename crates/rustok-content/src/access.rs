//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Public so wrapper modules (blog, forum, pages) apply exactly the same rules to their nodes.

use rustok_api::{PlatformState, require_module};
use rustok_core::{Error, Locale, parse_id};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::{ContentContext, NodeService};

pub const MODULE: &str = "content";

pub fn context(tenant: &TenantContext, principal: Option<&Principal>) -> ContentContext {
    ContentContext {
        tenant: tenant.id,
        actor: principal.map(|p| p.user_id),
        locales: tenant.locales.clone(),
    }
}

/// The service over the platform's database and event bus.
pub fn service(platform: &PlatformState) -> NodeService<'_> {
    NodeService::new(platform.db(), platform.events())
}

/// Checks module and permission, then gives the caller's write context.
pub(crate) async fn authorize(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: &Principal,
    permission: &str,
) -> Result<ContentContext, Error> {
    authorize_in(platform, tenant, principal, &[MODULE], permission).await
}

/// Checks that every module in `modules` is on for the tenant and that the caller holds
/// `permission`, then gives the caller's write context. Wrapper modules pass
/// `&["content", "their_slug"]`.
pub async fn authorize_in(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: &Principal,
    modules: &[&'static str],
    permission: &str,
) -> Result<ContentContext, Error> {
    require_modules(platform, tenant, modules).await?;
    platform.rbac().require(principal, permission).await?;
    Ok(context(tenant, Some(principal)))
}

/// `module_disabled` unless every module in `modules` is on for the tenant.
pub async fn require_modules(
    platform: &PlatformState,
    tenant: &TenantContext,
    modules: &[&'static str],
) -> Result<(), Error> {
    for module in modules {
        require_module(platform.as_ref(), tenant.id, module).await?;
    }
    Ok(())
}

/// Whether the caller may see unpublished nodes.
pub async fn can_read_drafts(platform: &PlatformState, principal: Option<&Principal>) -> bool {
    rustok_api::holds(platform.as_ref(), principal, "content:read").await
}

pub fn node_id(text: &str) -> Result<Uuid, Error> {
    Ok(parse_id(text)?)
}

pub fn requested_locale(text: Option<&str>) -> Result<Option<Locale>, Error> {
    text.map(|t| t.parse::<Locale>().map_err(Error::from))
        .transpose()
}

/// The status a listing may show: staff choose (or see all), everyone else sees published only.
pub async fn listing_status(
    platform: &PlatformState,
    principal: Option<&Principal>,
    requested: Option<&str>,
) -> Result<Option<crate::NodeStatus>, Error> {
    if !can_read_drafts(platform, principal).await {
        return Ok(Some(crate::NodeStatus::Published));
    }
    requested
        .map(|status| {
            status
                .parse()
                .map_err(|e: String| Error::invalid_field("status", e))
        })
        .transpose()
}

/// The permission a workflow step needs: submitting and rejecting are edits, the rest publish.
pub fn transition_permission(transition: crate::Transition) -> &'static str {
    match transition {
        crate::Transition::Submit | crate::Transition::Reject => "content:update",
        _ => "content:publish",
    }
}
