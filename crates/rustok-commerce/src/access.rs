//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.

use rustok_api::{PlatformState, require_module};
use rustok_core::{Error, Locale, parse_id};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::CommerceContext;

pub const MODULE: &str = "commerce";

pub(crate) fn context(tenant: &TenantContext, principal: Option<&Principal>) -> CommerceContext {
    CommerceContext {
        tenant: tenant.id,
        actor: principal.map(|p| p.user_id),
        locales: tenant.locales.clone(),
    }
}

/// Public storefront operations: the module must be on; no auth needed.
pub(crate) async fn storefront(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: Option<&Principal>,
) -> Result<CommerceContext, Error> {
    require_module(platform.as_ref(), tenant.id, MODULE).await?;
    Ok(context(tenant, principal))
}

/// Checks module and permission, then gives the caller's context.
pub(crate) async fn authorize(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: &Principal,
    permission: &str,
) -> Result<CommerceContext, Error> {
    require_module(platform.as_ref(), tenant.id, MODULE).await?;
    platform.rbac().require(principal, permission).await?;
    Ok(context(tenant, Some(principal)))
}

/// The signed-in caller's account email: what a customer's checkout falls back to when neither
/// the request nor the cart names one.
pub(crate) async fn account_email(
    platform: &PlatformState,
    ctx: &CommerceContext,
) -> Result<Option<String>, Error> {
    match ctx.actor {
        Some(user) => platform.account_email(ctx.tenant, user).await,
        None => Ok(None),
    }
}

pub(crate) fn id(text: &str) -> Result<Uuid, Error> {
    Ok(parse_id(text)?)
}

pub(crate) fn requested_locale(text: Option<&str>) -> Result<Option<Locale>, Error> {
    text.map(|t| t.parse::<Locale>().map_err(Error::from))
        .transpose()
}
