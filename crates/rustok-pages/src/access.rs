//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Pages use content's permissions (a page is content); menus need `menus:manage`.

use rustok_api::{PlatformState, require_module};
use rustok_content::{ContentContext, NodeStatus};
use rustok_core::{Error, Locale, parse_id};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::{MenuService, PageService};

pub const MODULE: &str = "pages";
/// Pages are stored by content: switching either off takes the pages API away.
const REQUIRED_MODULES: [&str; 2] = ["content", MODULE];

pub(crate) fn context(tenant: &TenantContext, principal: Option<&Principal>) -> ContentContext {
    ContentContext {
        tenant: tenant.id,
        actor: principal.map(|p| p.user_id),
        locales: tenant.locales.clone(),
    }
}

pub(crate) fn pages(platform: &PlatformState) -> PageService<'_> {
    PageService::new(platform.db(), platform.events())
}

pub(crate) fn menus(platform: &PlatformState) -> MenuService<'_> {
    MenuService::new(platform.db(), platform.events())
}

/// Refuses calls when the tenant switched content or pages off (404 `module_disabled`).
pub(crate) async fn require_modules(
    platform: &PlatformState,
    tenant: &TenantContext,
) -> Result<(), Error> {
    for module in REQUIRED_MODULES {
        require_module(platform.as_ref(), tenant.id, module).await?;
    }
    Ok(())
}

/// Checks modules and permission, then gives the caller's write context.
pub(crate) async fn authorize(
    platform: &PlatformState,
    tenant: &TenantContext,
    principal: &Principal,
    permission: &str,
) -> Result<ContentContext, Error> {
    require_modules(platform, tenant).await?;
    platform.rbac().require(principal, permission).await?;
    Ok(context(tenant, Some(principal)))
}

/// Whether the caller may see unpublished pages (and menu items linking to them).
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

/// The status a listing may show: staff choose (or see all), everyone else sees published only.
pub(crate) async fn listing_status(
    platform: &PlatformState,
    principal: Option<&Principal>,
    requested: Option<&str>,
) -> Result<Option<NodeStatus>, Error> {
    if !can_read_drafts(platform, principal).await {
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

/// The permission a workflow transition needs (as in content).
pub(crate) fn transition_permission(transition: rustok_content::Transition) -> &'static str {
    use rustok_content::Transition;
    match transition {
        Transition::Submit | Transition::Reject => "content:update",
        _ => "content:publish",
    }
}

pub(crate) fn id(text: &str) -> Result<Uuid, Error> {
    Ok(parse_id(text)?)
}

pub(crate) fn requested_locale(text: Option<&str>) -> Result<Option<Locale>, Error> {
    text.map(|t| t.parse::<Locale>().map_err(Error::from))
        .transpose()
}
