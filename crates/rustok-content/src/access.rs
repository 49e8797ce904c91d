//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.

use rustok_api::{PlatformState, require_module};
use rustok_core::{Error, Locale, parse_id};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::ContentContext;

pub const MODULE: &str = "content";

pub(crate) fn context(tenant: &TenantContext, principal: Option<&Principal>) -> ContentContext {
    ContentContext {
        tenant: tenant.id,
        actor: principal.map(|p| p.user_id),
        locales: tenant.locales.clone(),
    }
}

pub(crate) async fn guard(
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
