//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.

use rustok_api::{PlatformState, require_module};
use rustok_core::{Error, Locale, parse_id};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::{ContentContext, NodeService};

pub const MODULE: &str = "content";

pub(crate) fn context(tenant: &TenantContext, principal: Option<&Principal>) -> ContentContext {
    ContentContext {
        tenant: tenant.id,
        actor: principal.map(|p| p.user_id),
        locales: tenant.locales.clone(),
    }
}

/// The service over the platform's database and event bus.
pub(crate) fn service(platform: &PlatformState) -> NodeService<'_> {
    NodeService::new(platform.db(), platform.events())
}

/// Checks module and permission, then gives the caller's write context.
pub(crate) async fn authorize(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: &Principal,
    permission: &str,
) -> Result<ContentContext, Error> {
    guard(platform, tenant, principal, permission).await?;
    Ok(context(tenant, Some(principal)))
}

async fn guard(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: &Principal,
    permission: &str,
) -> Result<(), Error> {
    require_module(platform.as_ref(), tenant.id, MODULE).await?;
    platform.rbac().require(principal, permission).await?;
    Ok(())
}

/// Whether the caller may see unpublished nodes.
pub(crate) async fn can_read_drafts(
    platform: &PlatformState,
    principal: Option<&Principal>,
) -> bool {
    match principal {
        Some(principal) => platform
            .rbac()
            .require(principal, "content:read")
            .await
            .is_ok(),
        None => false,
    }
}

pub(crate) fn node_id(text: &str) -> Result<Uuid, Error> {
    Ok(parse_id(text)?)
}

pub(crate) fn requested_locale(text: Option<&str>) -> Result<Option<Locale>, Error> {
    text.map(|t| t.parse::<Locale>().map_err(Error::from))
        .transpose()
}

/// The status a listing may show: staff choose (or see all), everyone else sees published only.
pub(crate) async fn listing_status(
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
