//! Per-tenant module toggles over the modules compiled into this binary.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::SimpleObject;
use rustok_core::{DomainEvent, Error, ModuleContext, ModuleKind, RusToKModule, TenantId};
use rustok_rbac::Principal;
use rustok_tenant::TenantService;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

/// A module compiled into this server and its state in the request's tenant.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct ModuleView {
    /// The module's slug (`content`, `blog`, `commerce`, …): its name in paths and switches.
    pub slug: String,
    /// Human-readable name.
    pub name: String,
    /// What the module provides.
    pub description: String,
    /// The module's version (semver).
    pub version: String,
    /// `core` modules are always on; `optional` ones can be toggled per tenant.
    pub kind: String,
    /// Whether the module is on for this tenant (`core` modules always are; an optional
    /// module is on until switched off).
    pub enabled: bool,
    /// Slugs of the modules this one needs on.
    pub dependencies: Vec<String>,
    /// The permissions the module checks (`resource:action`).
    pub permissions: Vec<String>,
}

fn view(module: &dyn RusToKModule, enabled: bool) -> ModuleView {
    ModuleView {
        slug: module.slug().into(),
        name: module.name().into(),
        description: module.description().into(),
        version: module.version().into(),
        kind: match module.kind() {
            ModuleKind::Core => "core".into(),
            ModuleKind::Optional => "optional".into(),
        },
        enabled,
        dependencies: module
            .dependencies()
            .iter()
            .map(|d| d.to_string())
            .collect(),
        permissions: module.permissions().iter().map(|p| p.to_string()).collect(),
    }
}

/// Modules of this binary with their state in `tenant` (no row = enabled).
pub async fn list_modules(state: &AppState, tenant: TenantId) -> Result<Vec<ModuleView>, Error> {
    let toggles = toggles(state, tenant).await?;
    Ok(state
        .modules
        .modules()
        .iter()
        .map(|m| {
            let enabled =
                m.kind() == ModuleKind::Core || toggles.get(m.slug()).copied().unwrap_or(true);
            view(m.as_ref(), enabled)
        })
        .collect())
}

/// A tenant's explicit module switches, cached in process (every module request asks); a toggle
/// through this server invalidates its entry, other processes see it within the cache's TTL.
async fn toggles(state: &AppState, tenant: TenantId) -> Result<Arc<HashMap<String, bool>>, Error> {
    if let Some(cached) = state.module_toggles.get(&tenant).await {
        return Ok(cached);
    }
    let loaded = Arc::new(TenantService::module_toggles(&state.db, tenant).await?);
    state.module_toggles.insert(tenant, loaded.clone()).await;
    Ok(loaded)
}

/// Whether `slug` is usable in `tenant`; module APIs answer as absent when it is not.
/// On every module request, so it reads the cached switches without building views.
pub async fn is_enabled(state: &AppState, tenant: TenantId, slug: &str) -> Result<bool, Error> {
    let Some(module) = state.modules.get(slug) else {
        return Ok(false);
    };
    if module.kind() == ModuleKind::Core {
        return Ok(true);
    }
    Ok(toggles(state, tenant)
        .await?
        .get(slug)
        .copied()
        .unwrap_or(true))
}

pub async fn set_module_enabled(
    state: &AppState,
    principal: &Principal,
    slug: &str,
    enabled: bool,
) -> Result<ModuleView, Error> {
    state.rbac.require(principal, "modules:manage").await?;
    let tenant = principal.tenant_id;
    let module = state
        .modules
        .get(slug)
        .ok_or(Error::NotFound { what: "module" })?
        .clone();
    if module.kind() == ModuleKind::Core {
        return Err(Error::conflict(
            "module_required",
            format!("`{slug}` is a core module and cannot be disabled"),
        ));
    }
    let current = list_modules(state, tenant).await?;
    let is_on = |s: &str| current.iter().any(|m| m.slug == s && m.enabled);
    if enabled {
        if let Some(off) = module.dependencies().iter().find(|d| !is_on(d)) {
            return Err(Error::conflict(
                "module_dependency_disabled",
                format!("enable `{off}` first: `{slug}` depends on it"),
            ));
        }
    } else if let Some(user) = state
        .modules
        .dependents_of(slug)
        .into_iter()
        .find(|d| is_on(d))
    {
        return Err(Error::conflict(
            "module_in_use",
            format!("disable `{user}` first: it depends on `{slug}`"),
        ));
    }

    let ctx = ModuleContext {
        db: state.db.clone(),
    };
    if enabled {
        module.on_enable(&ctx, tenant).await?;
    } else {
        module.on_disable(&ctx, tenant).await?;
    }
    let txn = rustok_core::begin_write(&state.db).await?;
    TenantService::set_module_enabled(&txn, tenant, slug, enabled).await?;
    let event = DomainEvent::ModuleToggled {
        module_slug: slug.to_string(),
        enabled,
    };
    state
        .events
        .emit_in_tx(&txn, tenant, Some(principal.user_id), event)
        .await?;
    txn.commit().await?;
    state.module_toggles.invalidate(&tenant).await;
    // Cached storefront answers of this tenant may come from a module now off (or on).
    state.product_index.generations().bump(tenant);
    Ok(view(module.as_ref(), enabled))
}
