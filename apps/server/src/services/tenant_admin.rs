//! Tenant administration for the platform's super admin: tenants, their domains, their first admin.

use async_graphql::{InputObject, SimpleObject};
use chrono::{DateTime, FixedOffset};
use rustok_core::{DomainEvent, Error, TenantId};
use rustok_rbac::{Principal, Role};
use rustok_tenant::entities::{tenant_domains, tenants};
use rustok_tenant::{NewTenant, TenantPatch, TenantService};
use sea_orm::DatabaseTransaction;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::services::auth::{NewUser, UserView, insert_user, prepare_user};
use crate::state::{AppState, random_hex};

pub const MAX_PAGE: u64 = 100;
const MAX_DOMAINS_PER_CREATE: usize = 20;

#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct TenantView {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub is_active: bool,
    #[schema(value_type = Object)]
    pub settings: serde_json::Value,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

impl From<tenants::Model> for TenantView {
    fn from(t: tenants::Model) -> Self {
        Self {
            id: t.id,
            name: t.name,
            slug: t.slug,
            is_active: t.is_active,
            settings: t.settings,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct DomainView {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub host: String,
    pub is_primary: bool,
    pub created_at: DateTime<FixedOffset>,
}

impl From<tenant_domains::Model> for DomainView {
    fn from(d: tenant_domains::Model) -> Self {
        Self {
            id: d.id,
            tenant_id: d.tenant_id,
            host: d.host,
            is_primary: d.is_primary,
            created_at: d.created_at,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct CreateTenantInput {
    pub name: String,
    pub slug: String,
    /// Email of the tenant's first admin.
    pub admin_email: String,
    /// Generated (and returned once) when omitted.
    pub admin_password: Option<String>,
    #[serde(default)]
    #[graphql(default)]
    pub domains: Vec<String>,
    /// A JSON object, e.g. `{"locales": {"default": "en", "enabled": ["en", "de"]}}`; checked
    /// as on update.
    #[schema(value_type = Option<Object>)]
    pub settings: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct CreatedTenant {
    pub tenant: TenantView,
    pub admin: UserView,
    /// Present only when the admin password was generated; shown this once.
    pub generated_password: Option<String>,
    pub domains: Vec<DomainView>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct UpdateTenantInput {
    pub name: Option<String>,
    pub is_active: Option<bool>,
    #[schema(value_type = Option<Object>)]
    pub settings: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct AddDomainInput {
    pub host: String,
    #[serde(default)]
    #[graphql(default)]
    pub is_primary: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct TenantPage {
    pub items: Vec<TenantView>,
    /// Pass as `after` to get the next page; absent on the last page.
    pub next_cursor: Option<Uuid>,
}

/// Creates a tenant, its admin user and its domains in one transaction.
pub async fn create_tenant(
    state: &AppState,
    principal: &Principal,
    input: CreateTenantInput,
) -> Result<CreatedTenant, Error> {
    state.rbac.require(principal, "tenants:create").await?;
    create_tenant_unchecked(state, input, Role::Admin, Some(principal.user_id)).await
}

/// The transaction behind [`create_tenant`], without the permission check: for the CLI task and
/// the demo seed, which run as the operator. `admin_role` is `admin`, or `super_admin` for the
/// seeded platform operator.
pub async fn create_tenant_unchecked(
    state: &AppState,
    input: CreateTenantInput,
    admin_role: Role,
    actor: Option<Uuid>,
) -> Result<CreatedTenant, Error> {
    if input.domains.len() > MAX_DOMAINS_PER_CREATE {
        return Err(Error::invalid_field(
            "domains",
            format!("at most {MAX_DOMAINS_PER_CREATE} domains"),
        ));
    }
    let settings = checked_settings(input.settings)?;
    let generated_password = input.admin_password.is_none().then(|| random_hex(12));
    let password = input
        .admin_password
        .or_else(|| generated_password.clone())
        .unwrap_or_default();

    let admin = prepare_user(NewUser {
        email: input.admin_email,
        password,
        name: None,
        role: admin_role,
    })
    .await?;
    let txn = rustok_core::begin_write(&state.db).await?;
    let tenant = TenantService::create(
        &txn,
        NewTenant {
            name: input.name,
            slug: input.slug,
            settings,
        },
    )
    .await?;
    let tenant_id = TenantId::from_uuid(tenant.id);
    let admin = insert_user(&txn, tenant_id, admin).await?;
    let mut domains = Vec::with_capacity(input.domains.len());
    for (index, host) in input.domains.iter().enumerate() {
        let domain = TenantService::add_domain(&txn, tenant_id, host, index == 0).await?;
        domains.push(DomainView::from(domain));
    }
    let events = [
        DomainEvent::TenantCreated {
            tenant_id: tenant.id,
            slug: tenant.slug.clone(),
        },
        DomainEvent::UserRegistered {
            user_id: admin.id,
            email: admin.email.clone(),
            role: admin.role.clone(),
        },
    ];
    for event in events {
        emit(state, &txn, actor, tenant.id, event).await?;
    }
    txn.commit().await?;
    state.tenants.invalidate_all();

    Ok(CreatedTenant {
        tenant: tenant.into(),
        admin: admin.into(),
        generated_password,
        domains,
    })
}

pub async fn list_tenants(
    state: &AppState,
    principal: &Principal,
    after: Option<Uuid>,
    limit: Option<u64>,
) -> Result<TenantPage, Error> {
    state.rbac.require(principal, "tenants:read").await?;
    let limit = rustok_api::page_limit(limit, 20, MAX_PAGE)?;
    // Fetch one extra row to know whether there is a next page.
    let mut rows = TenantService::list(&state.db, after, limit + 1).await?;
    let next_cursor = super::take_page(&mut rows, limit, |t| t.id);
    Ok(TenantPage {
        items: rows.into_iter().map(TenantView::from).collect(),
        next_cursor,
    })
}

pub async fn get_tenant(
    state: &AppState,
    principal: &Principal,
    id: Uuid,
) -> Result<TenantView, Error> {
    authorize_tenant(state, principal, id, Access::Read).await?;
    Ok(TenantService::get(&state.db, TenantId::from_uuid(id))
        .await?
        .into())
}

/// Tenant settings as given on create or update: a JSON object whose `locales`, if present, is
/// a valid policy (stored in canonical form: `pt-BR`, not `pt_br`).
fn checked_settings(
    settings: Option<serde_json::Value>,
) -> Result<Option<serde_json::Value>, Error> {
    if settings.as_ref().is_some_and(|s| !s.is_object()) {
        return Err(Error::invalid_field("settings", "must be a JSON object"));
    }
    let mut settings = settings;
    if let Some(locales) = settings.as_mut().and_then(|s| s.get_mut("locales")) {
        let policy: rustok_core::LocalePolicy = serde_json::from_value(locales.clone())
            .map_err(|err| Error::invalid_field("settings.locales", err.to_string()))?;
        if !policy.enabled.contains(&policy.default) {
            return Err(Error::invalid_field(
                "settings.locales",
                "the default locale must be one of the enabled locales",
            ));
        }
        *locales = serde_json::to_value(&policy).map_err(Error::internal)?;
    }
    Ok(settings)
}

pub async fn update_tenant(
    state: &AppState,
    principal: &Principal,
    id: Uuid,
    input: UpdateTenantInput,
) -> Result<TenantView, Error> {
    if input.is_active.is_some() {
        // (De)activating is the platform operator's; a tenant's own admins cannot switch it.
        state.rbac.require(principal, "tenants:update").await?;
    } else {
        authorize_tenant(state, principal, id, Access::Update).await?;
    }
    if input.is_active == Some(false) && id == principal.tenant_id.as_uuid() {
        return Err(Error::conflict(
            "cannot_deactivate_own_tenant",
            "deactivating the tenant you are signed in to would lock you out",
        ));
    }
    let settings = checked_settings(input.settings)?;
    let txn = rustok_core::begin_write(&state.db).await?;
    let tenant = TenantService::update(
        &txn,
        TenantId::from_uuid(id),
        TenantPatch {
            name: input.name,
            settings,
            is_active: input.is_active,
        },
    )
    .await?;
    let event = if input.is_active == Some(false) {
        DomainEvent::TenantDeactivated {
            tenant_id: tenant.id,
        }
    } else {
        DomainEvent::TenantUpdated {
            tenant_id: tenant.id,
        }
    };
    emit(state, &txn, Some(principal.user_id), tenant.id, event).await?;
    txn.commit().await?;
    state.tenants.invalidate_all();
    Ok(tenant.into())
}

pub async fn list_domains(
    state: &AppState,
    principal: &Principal,
    tenant_id: Uuid,
) -> Result<Vec<DomainView>, Error> {
    authorize_tenant(state, principal, tenant_id, Access::Read).await?;
    let tenant = TenantId::from_uuid(tenant_id);
    // An unknown tenant is a 404 rather than an empty list.
    TenantService::get(&state.db, tenant).await?;
    let domains = TenantService::list_domains(&state.db, tenant).await?;
    Ok(domains.into_iter().map(DomainView::from).collect())
}

pub async fn add_domain(
    state: &AppState,
    principal: &Principal,
    tenant_id: Uuid,
    input: AddDomainInput,
) -> Result<DomainView, Error> {
    authorize_tenant(state, principal, tenant_id, Access::Update).await?;
    let tenant = TenantId::from_uuid(tenant_id);
    // An unknown tenant is a 404, not a domain pointing nowhere.
    TenantService::get(&state.db, tenant).await?;
    let txn = rustok_core::begin_write(&state.db).await?;
    let domain = TenantService::add_domain(&txn, tenant, &input.host, input.is_primary).await?;
    let event = DomainEvent::TenantDomainAdded {
        tenant_id,
        host: domain.host.clone(),
    };
    emit(state, &txn, Some(principal.user_id), tenant_id, event).await?;
    txn.commit().await?;
    state.tenants.invalidate_all();
    Ok(domain.into())
}

pub async fn remove_domain(
    state: &AppState,
    principal: &Principal,
    tenant_id: Uuid,
    domain_id: Uuid,
) -> Result<(), Error> {
    authorize_tenant(state, principal, tenant_id, Access::Update).await?;
    let txn = rustok_core::begin_write(&state.db).await?;
    let domain =
        TenantService::remove_domain(&txn, TenantId::from_uuid(tenant_id), domain_id).await?;
    let event = DomainEvent::TenantDomainRemoved {
        tenant_id,
        host: domain.host,
    };
    emit(state, &txn, Some(principal.user_id), tenant_id, event).await?;
    txn.commit().await?;
    state.tenants.invalidate_all();
    Ok(())
}

#[derive(Clone, Copy)]
enum Access {
    Read,
    Update,
}

/// Platform operators (`tenants:read`/`tenants:update`) reach every tenant; a tenant's own admins
/// (`settings:read`/`settings:update`, which `admin` holds) reach their own tenant only. Anyone
/// else gets the platform permission's 403.
async fn authorize_tenant(
    state: &AppState,
    principal: &Principal,
    tenant_id: Uuid,
    access: Access,
) -> Result<(), Error> {
    let (platform, own) = match access {
        Access::Read => ("tenants:read", "settings:read"),
        Access::Update => ("tenants:update", "settings:update"),
    };
    let refused = match state.rbac.require(principal, platform).await {
        Ok(()) => return Ok(()),
        Err(refused) => refused,
    };
    if tenant_id == principal.tenant_id.as_uuid()
        && state.rbac.require(principal, own).await.is_ok()
    {
        return Ok(());
    }
    Err(refused.into())
}

/// Writes a tenant event in the same transaction as the change it describes; the event belongs
/// to the tenant it is about.
async fn emit(
    state: &AppState,
    txn: &DatabaseTransaction,
    actor: Option<Uuid>,
    tenant_id: Uuid,
    event: DomainEvent,
) -> Result<(), Error> {
    state
        .events
        .emit_in_tx(txn, TenantId::from_uuid(tenant_id), actor, event)
        .await?;
    Ok(())
}
