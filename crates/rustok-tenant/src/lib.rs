//! Tenants: who owns each request and each row.
//!
//! - [`validation`]: identifiers (slug, UUID, hostname) are checked before any lookup.
//! - [`TenantResolver`]: identifier → tenant, through an in-process cache with hit/miss counters.
//! - [`TenantService`]: create, list, update, deactivate tenants; domains; per-tenant module toggles.
//! - [`StoredModuleSwitches`]: the module toggles as `rustok_core::ModuleSwitches`, for modules'
//!   work across tenants.
//!
//! Tables owned: `tenants`, `tenant_domains`, `tenant_modules` (created by the `migration` crate).

pub mod entities;
mod module;
mod resolver;
mod service;
mod switches;
pub mod validation;

use serde::Serialize;

pub use module::TenantModule;
pub use resolver::{ResolverStats, TenantResolver};
pub use rustok_core::TenantId;
use rustok_core::{Locale, LocalePolicy};
pub use service::{MAX_NAME_LEN, NAME_PATTERN, NewTenant, TenantPatch, TenantService};
pub use switches::StoredModuleSwitches;
pub use validation::{TenantIdentifier, ValidationError};

/// The tenant a request runs in, as resolved and cached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenantContext {
    pub id: TenantId,
    pub slug: String,
    pub name: String,
    pub is_active: bool,
    /// The tenant's languages, from `settings.locales` (`{"default": "en", "enabled": [...]}`);
    /// English only when unset or unreadable.
    pub locales: LocalePolicy,
}

impl From<entities::tenants::Model> for TenantContext {
    fn from(model: entities::tenants::Model) -> Self {
        Self {
            id: TenantId::from_uuid(model.id),
            locales: locale_policy(&model.settings),
            slug: model.slug,
            name: model.name,
            is_active: model.is_active,
        }
    }
}

/// Reads `settings.locales`; a tenant without (valid) locale settings speaks English.
pub fn locale_policy(settings: &serde_json::Value) -> LocalePolicy {
    settings
        .get("locales")
        .and_then(|value| serde_json::from_value::<LocalePolicy>(value.clone()).ok())
        .unwrap_or_else(|| LocalePolicy::single(Locale::english()))
}

#[derive(Debug, thiserror::Error)]
pub enum TenantError {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("tenant name must be 1..=255 characters without control characters")]
    InvalidName,
    #[error("tenant not found")]
    NotFound,
    #[error("tenant `{0}` is inactive")]
    Inactive(String),
    #[error("slug `{0}` is already taken")]
    SlugTaken(String),
    #[error("domain `{0}` is already assigned to a tenant")]
    DomainTaken(String),
    #[error("domain not found")]
    DomainNotFound,
    #[error("module `{0}` is not built into this server")]
    UnknownModule(String),
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
}

impl From<TenantError> for rustok_core::Error {
    fn from(err: TenantError) -> Self {
        use rustok_core::Error;
        match err {
            TenantError::Invalid(invalid) => {
                Error::bad_request("invalid_tenant", invalid.to_string())
            }
            TenantError::InvalidName => Error::invalid_field("name", err.to_string()),
            TenantError::NotFound => Error::NotFound { what: "tenant" },
            TenantError::Inactive(_) => Error::Refused {
                code: "tenant_inactive",
                detail: err.to_string(),
            },
            TenantError::SlugTaken(_) => Error::conflict("tenant_slug_taken", err.to_string()),
            TenantError::DomainTaken(_) => Error::conflict("tenant_domain_taken", err.to_string()),
            TenantError::DomainNotFound => Error::NotFound { what: "domain" },
            TenantError::UnknownModule(_) => Error::NotFound { what: "module" },
            TenantError::Database(db) => Error::Database(db),
        }
    }
}
