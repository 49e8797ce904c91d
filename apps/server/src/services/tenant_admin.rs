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
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type,
};
use uuid::Uuid;

use crate::services::auth::{NewUser, UserView, insert_user, prepare_user};
use crate::state::{AppState, random_hex};

pub const MAX_PAGE: u64 = 100;
pub const MAX_DOMAINS_PER_CREATE: usize = 20;

/// A tenant: one shop or site, with its own users, data and settings.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct TenantView {
    /// The tenant's id.
    pub id: Uuid,
    /// Display name (1–255 characters).
    pub name: String,
    /// `[a-z0-9-]`, 1–64 characters, no leading or trailing hyphen; selects the tenant in
    /// `X-Tenant-ID`. Never changes.
    pub slug: String,
    /// False once deactivated: every request to the tenant is then refused with 403
    /// `tenant_inactive`.
    pub is_active: bool,
    /// The tenant's settings object; `locales` (`{"default": "en", "enabled": ["en", "de"]}`)
    /// is its languages (English only when absent).
    #[schema(value_type = Object)]
    pub settings: serde_json::Value,
    /// When the tenant was created.
    pub created_at: DateTime<FixedOffset>,
    /// When the tenant was last changed.
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

/// A host name that routes requests to a tenant.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct DomainView {
    /// The domain's id.
    pub id: Uuid,
    /// The tenant it routes to.
    pub tenant_id: Uuid,
    /// The host name, lower-case, without port or trailing dot (unique across tenants).
    pub host: String,
    /// Whether this is the tenant's primary domain (exactly one is, while it has any).
    pub is_primary: bool,
    /// When the domain was added.
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

/// A new tenant with its first admin and its domains, created together or not at all.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct CreateTenantInput {
    /// Display name: trimmed, then 1–255 characters without control characters.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub name: String,
    /// Trimmed and lower-cased, then `[a-z0-9-]`, 1–64 characters, starting and ending with a
    /// letter or digit. Malformed or reserved (`admin`, `api`, `www`, … — routes and
    /// infrastructure names) is 400 `invalid_tenant`; taken is 409 `tenant_slug_taken`.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub slug: String,
    /// Email of the tenant's first admin, checked as on registration: trimmed and lower-cased,
    /// at most 254 characters, a local part of 1–64 of ``A-Za-z0-9.!#$%&'*+/=?^_`{|}~-``, `@`
    /// and a domain.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]{1,254}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|[^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\[[0-9A-Fa-f:.]+\]|[^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x7f][^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub admin_email: String,
    /// The admin's password, 8–128 characters as sent; when absent (or null) one is generated
    /// and returned once as `generated_password`.
    #[schema(min_length = 8, max_length = 128)]
    pub admin_password: Option<String>,
    /// Host names routed to the tenant, at most 20 (the first is primary); each as in
    /// `POST /api/v1/tenants/{id}/domains`. A malformed one is 400 `invalid_tenant`; one taken
    /// (by another tenant or twice in this list) is 409 `tenant_domain_taken`.
    #[serde(default)]
    #[graphql(default)]
    #[schema(schema_with = domains_schema)]
    pub domains: Vec<String>,
    /// The tenant's settings, a JSON object stored as given (`{}` when absent or null); its
    /// `locales`, if present, must be `{"default": <locale>, "enabled": [<locale>, …]}` with the
    /// default among the enabled ones, and is stored in canonical form (`pt-BR`, not `pt_br`).
    #[schema(schema_with = settings_schema)]
    pub settings: Option<serde_json::Value>,
}

/// The new tenant, its admin and its domains.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct CreatedTenant {
    /// The tenant.
    pub tenant: TenantView,
    /// Its first admin (role `admin`).
    pub admin: UserView,
    /// Present only when the admin password was generated (24 hex digits); shown this once.
    pub generated_password: Option<String>,
    /// Its domains, in the order given.
    pub domains: Vec<DomainView>,
}

/// Changes to a tenant; absent (or null) fields are kept.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct UpdateTenantInput {
    /// New display name: trimmed, then 1–255 characters without control characters.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub name: Option<String>,
    /// Activates or deactivates the tenant: needs `tenants:update` (a tenant's own admins
    /// cannot switch it); deactivating the tenant the caller is signed in to is 409
    /// `cannot_deactivate_own_tenant`.
    pub is_active: Option<bool>,
    /// Replaces the whole settings object (checked as on creation: a JSON object whose
    /// `locales`, if present, is `{"default", "enabled"}` with the default enabled).
    #[schema(schema_with = settings_schema)]
    pub settings: Option<serde_json::Value>,
}

/// A host name to route to a tenant.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct AddDomainInput {
    /// Trimmed and lower-cased; a `:port` and trailing dots are dropped; then dot-separated
    /// labels of 1–63 letters, digits and hyphens (no leading or trailing hyphen), at most 253
    /// characters. Malformed is 400 `invalid_tenant`; already routed (to any tenant) is 409
    /// `tenant_domain_taken`.
    #[schema(
        min_length = 1,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9.-]{1,253}\.*(?::[0-9]+)?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.*(?::[0-9]+)?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub host: String,
    /// Makes this the tenant's primary domain (the previous primary stops being one). The
    /// tenant's first domain is primary regardless. Default false.
    #[serde(default)]
    #[graphql(default)]
    pub is_primary: bool,
}

/// One page of tenants, in creation order.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct TenantPage {
    /// The tenants of this page.
    pub items: Vec<TenantView>,
    /// Pass as `after` to get the next page; absent on the last page.
    pub next_cursor: Option<Uuid>,
}

/// `domains` of [`CreateTenantInput`]: at most 20 host names of the form
/// [`rustok_tenant::validation::HOST_PATTERN`] describes.
fn domains_schema() -> impl Into<RefOr<Schema>> {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .pattern(Some(rustok_tenant::validation::HOST_PATTERN)),
        )
        .max_items(Some(MAX_DOMAINS_PER_CREATE))
        .description(Some(
            "Host names routed to the tenant, at most 20 (the first is primary); each as \
             `host` of `POST /api/v1/tenants/{id}/domains` (trimmed, lower-cased, `:port` and \
             trailing dots dropped, RFC 1123 labels, at most 253 characters). A malformed one is \
             400 `invalid_tenant`; one taken (by another tenant or twice in this list) is 409 \
             `tenant_domain_taken`. Default: none.",
        ))
}

/// `settings` of [`CreateTenantInput`] and [`UpdateTenantInput`]: an object (or null), whose
/// `locales` [`checked_settings`] checks.
fn settings_schema() -> impl Into<RefOr<Schema>> {
    let locale = || {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(rustok_core::LOCALE_PATTERN))
    };
    let locales = ObjectBuilder::new()
        .schema_type(Type::Object)
        .property(
            "default",
            locale().description(Some(
                "The fallback language of every read; must be one of `enabled`.",
            )),
        )
        .required("default")
        .property(
            "enabled",
            ArrayBuilder::new()
                .items(locale())
                .min_items(Some(1))
                .description(Some("The languages content may be written in.")),
        )
        .required("enabled")
        .description(Some(
            "The tenant's languages. Locales are language tags (`en`, `de`, `pt-BR`, \
             `zh-Hant`): 2–3 letters, then `-` (or `_`) subtags of 2–8 letters or digits, at \
             most 35 characters; stored in canonical case. A malformed value, or a default \
             that is not enabled, is 422 `validation_failed` on `settings.locales`.",
        ));
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
        .property("locales", locales)
        .additional_properties(Some(AdditionalProperties::FreeForm(true)))
        .description(Some(
            "The tenant's settings: a JSON object, stored as given (replacing the previous \
             one; `{}` when a tenant is created without). Null or absent: unchanged on update. \
             `locales`, when present, is checked and stored in canonical form. Anything but \
             an object is 422 `validation_failed` on `settings`.",
        ))
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
    .await
    .map_err(admin_fields)?;
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

/// The user checks name the fields of a registration (`email`, `password`); here they are the
/// admin's.
fn admin_fields(err: Error) -> Error {
    match err {
        Error::Validation(fields) => Error::Validation(
            fields
                .into_iter()
                .map(|mut problem| {
                    match problem.field.as_str() {
                        "email" => problem.field = "admin_email".into(),
                        "password" => problem.field = "admin_password".into(),
                        _ => {}
                    }
                    problem
                })
                .collect(),
        ),
        other => other,
    }
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

/// What `task create_super_admin` made: the super admin, and the platform tenant when it had
/// to be created too.
pub struct CreatedSuperAdmin {
    pub admin: UserView,
    pub tenant_slug: String,
    pub tenant_created: bool,
}

/// A super admin in the platform (default) tenant — the only tenant where the role counts —
/// creating that tenant, without demo content, when the database has none (a production
/// database started with `seed.demo_tenant: false`). For operators bootstrapping a server:
/// no caller, no permission check.
pub async fn create_super_admin(
    state: &AppState,
    email: String,
    password: String,
) -> Result<CreatedSuperAdmin, Error> {
    let slug = state.settings.tenant.default_slug.clone();
    let Some(tenant) = TenantService::find_by_slug(&state.db, &slug).await? else {
        let created = create_tenant_unchecked(
            state,
            CreateTenantInput {
                name: slug.clone(),
                slug: slug.clone(),
                admin_email: email,
                admin_password: Some(password),
                domains: Vec::new(),
                settings: None,
            },
            Role::SuperAdmin,
            None,
        )
        .await?;
        return Ok(CreatedSuperAdmin {
            admin: created.admin,
            tenant_slug: slug,
            tenant_created: true,
        });
    };
    let admin = prepare_user(NewUser {
        email,
        password,
        name: None,
        role: Role::SuperAdmin,
    })
    .await?;
    let txn = rustok_core::begin_write(&state.db).await?;
    let admin = insert_user(&txn, TenantId::from_uuid(tenant.id), admin).await?;
    let event = DomainEvent::UserRegistered {
        user_id: admin.id,
        email: admin.email.clone(),
        role: admin.role.clone(),
    };
    emit(state, &txn, None, tenant.id, event).await?;
    txn.commit().await?;
    Ok(CreatedSuperAdmin {
        admin: admin.into(),
        tenant_slug: slug,
        tenant_created: false,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::PartialSchema;

    fn properties(schema: RefOr<Schema>) -> serde_json::Value {
        serde_json::to_value(schema).unwrap()["properties"].clone()
    }

    /// The attributes spell the patterns out (`#[schema(pattern)]` takes a literal only); they
    /// must be the validators' own.
    #[test]
    fn documented_patterns_are_the_validators() {
        use rustok_tenant::validation::{HOST_PATTERN, SLUG_PATTERN};
        let create = properties(CreateTenantInput::schema());
        assert_eq!(create["name"]["pattern"], rustok_tenant::NAME_PATTERN);
        assert_eq!(create["slug"]["pattern"], SLUG_PATTERN);
        assert_eq!(
            create["admin_email"]["pattern"],
            crate::services::auth::EMAIL_PATTERN
        );
        assert_eq!(create["domains"]["items"]["pattern"], HOST_PATTERN);
        assert_eq!(create["domains"]["maxItems"], MAX_DOMAINS_PER_CREATE);
        let locales = &create["settings"]["properties"]["locales"]["properties"];
        assert_eq!(locales["default"]["pattern"], rustok_core::LOCALE_PATTERN);
        let update = properties(UpdateTenantInput::schema());
        assert_eq!(update["name"]["pattern"], rustok_tenant::NAME_PATTERN);
        let domain = properties(AddDomainInput::schema());
        assert_eq!(domain["host"]["pattern"], HOST_PATTERN);
        assert_eq!(
            properties(crate::services::roles::SetPermissionsInput::schema())["permissions"]["items"]
                ["pattern"],
            rustok_rbac::GRANTABLE_PERMISSION_PATTERN
        );
    }
}
