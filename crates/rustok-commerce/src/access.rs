//! Who may do what through the APIs, shared by REST and GraphQL so both enforce the same rules.
//! Handlers and resolvers hold an [`ApiContext`] and ask here for the commerce context:
//! [`storefront`] for anyone (the module must be on), [`staff`] for a caller holding a
//! permission.

use rustok_api::{ApiContext, PlatformState};
use rustok_core::Error;
use uuid::Uuid;

use crate::{CatalogService, CommerceContext, OrderService, PriceMode};

pub const MODULE: &str = "commerce";

/// Staff who hold this see products of every status; visitors see published ones only.
const READ_PRODUCTS: &str = "products:read";

fn context(api: &ApiContext) -> CommerceContext {
    CommerceContext {
        tenant: api.tenant_id(),
        actor: api.actor(),
        locales: api.tenant.locales.clone(),
    }
}

/// Public storefront operations: the module must be on; no auth needed.
pub(crate) async fn storefront(api: &ApiContext) -> Result<CommerceContext, Error> {
    api.require_modules(&[MODULE]).await?;
    Ok(context(api))
}

/// A signed-in caller holding `permission`: their context. An anonymous caller is refused
/// before the module switch is read, as REST's sign-in extractor refuses them before the
/// handler runs.
pub(crate) async fn staff(api: &ApiContext, permission: &str) -> Result<CommerceContext, Error> {
    api.signed_in()?;
    api.authorize(&[MODULE], permission).await?;
    Ok(context(api))
}

/// Whether the caller sees products of every status (not only published ones).
pub(crate) async fn sees_all_products(api: &ApiContext) -> bool {
    api.holds(READ_PRODUCTS).await
}

/// The signed-in caller's account email: what a customer's checkout falls back to when neither
/// the request nor the cart names one.
pub(crate) async fn account_email(
    api: &ApiContext,
    ctx: &CommerceContext,
) -> Result<Option<String>, Error> {
    match ctx.actor {
        Some(user) => api.platform.account_email(ctx.tenant, user).await,
        None => Ok(None),
    }
}

/// Prices in the region's currency when a region is named, else every price.
pub(crate) async fn price_mode(
    api: &ApiContext,
    ctx: &CommerceContext,
    region: Option<Uuid>,
) -> Result<PriceMode, Error> {
    match region {
        Some(region) => Ok(PriceMode::Region(
            catalog(&api.platform).region_currency(ctx, region).await?,
        )),
        None => Ok(PriceMode::All),
    }
}

pub(crate) fn catalog(platform: &PlatformState) -> CatalogService<'_> {
    CatalogService::new(platform.db(), platform.events())
}

pub(crate) fn orders(platform: &PlatformState) -> OrderService<'_> {
    OrderService::new(platform.db(), platform.events())
}
