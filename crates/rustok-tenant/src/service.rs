use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, SqlErr,
};
use serde_json::json;
use uuid::Uuid;

use crate::entities::{tenant_domains, tenant_modules, tenants};
use crate::validation::{validate_host, validate_slug};
use crate::{TenantError, TenantId};

pub const MAX_NAME_LEN: usize = 255;

/// What a tenant name must be, as an ECMA-262 pattern (OpenAPI `pattern`; see
/// [`rustok_core::pattern`]): surrounding whitespace (trimmed), then 1–255 characters without control characters, starting and ending
/// with a non-space.
pub const NAME_PATTERN: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\x00-\x1f\x7f-\x9f]{0,253}[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";

#[derive(Debug, Clone)]
pub struct NewTenant {
    pub name: String,
    pub slug: String,
    pub settings: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default)]
pub struct TenantPatch {
    pub name: Option<String>,
    pub settings: Option<serde_json::Value>,
    pub is_active: Option<bool>,
}

/// Reads and writes of the tenant tables. Every function takes a connection or a transaction,
/// so callers can combine it with their own writes (e.g. a tenant and its first admin together).
pub struct TenantService;

impl TenantService {
    pub async fn create(
        db: &impl ConnectionTrait,
        new: NewTenant,
    ) -> Result<tenants::Model, TenantError> {
        let slug = validate_slug(&new.slug)?;
        let name = validate_name(&new.name)?;
        let now = chrono::Utc::now().fixed_offset();
        let model = tenants::ActiveModel {
            id: Set(rustok_core::generate_id()),
            name: Set(name),
            slug: Set(slug.clone()),
            settings: Set(new.settings.unwrap_or_else(|| json!({}))),
            is_active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        };
        model
            .insert(db)
            .await
            .map_err(|err| unique_or(err, TenantError::SlugTaken(slug)))
    }

    /// Page of tenants in id (= creation) order, starting after `after`.
    pub async fn list(
        db: &impl ConnectionTrait,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<tenants::Model>, TenantError> {
        let mut query = tenants::Entity::find().order_by_asc(tenants::Column::Id);
        if let Some(after) = after {
            query = query.filter(tenants::Column::Id.gt(after));
        }
        Ok(query.limit(limit).all(db).await?)
    }

    pub async fn get(
        db: &impl ConnectionTrait,
        id: TenantId,
    ) -> Result<tenants::Model, TenantError> {
        tenants::Entity::find_by_id(id.as_uuid())
            .one(db)
            .await?
            .ok_or(TenantError::NotFound)
    }

    pub async fn find_by_slug(
        db: &impl ConnectionTrait,
        slug: &str,
    ) -> Result<Option<tenants::Model>, TenantError> {
        Ok(tenants::Entity::find()
            .filter(tenants::Column::Slug.eq(slug))
            .one(db)
            .await?)
    }

    pub async fn update(
        db: &impl ConnectionTrait,
        id: TenantId,
        patch: TenantPatch,
    ) -> Result<tenants::Model, TenantError> {
        let mut model: tenants::ActiveModel = Self::get(db, id).await?.into();
        if let Some(name) = patch.name {
            model.name = Set(validate_name(&name)?);
        }
        if let Some(settings) = patch.settings {
            model.settings = Set(settings);
        }
        if let Some(is_active) = patch.is_active {
            model.is_active = Set(is_active);
        }
        model.updated_at = Set(chrono::Utc::now().fixed_offset());
        Ok(model.update(db).await?)
    }

    pub async fn list_domains(
        db: &impl ConnectionTrait,
        tenant: TenantId,
    ) -> Result<Vec<tenant_domains::Model>, TenantError> {
        Ok(tenant_domains::Entity::find()
            .filter(tenant_domains::Column::TenantId.eq(tenant.as_uuid()))
            .order_by_asc(tenant_domains::Column::Host)
            .all(db)
            .await?)
    }

    pub async fn add_domain(
        db: &impl ConnectionTrait,
        tenant: TenantId,
        host: &str,
        is_primary: bool,
    ) -> Result<tenant_domains::Model, TenantError> {
        let host = validate_host(host)?;
        // Serialises domain changes of one tenant (PostgreSQL; SQLite writers are serial already),
        // so two concurrent "make this primary" calls cannot both win.
        tenants::Entity::find_by_id(tenant.as_uuid())
            .lock_exclusive()
            .one(db)
            .await?
            .ok_or(TenantError::NotFound)?;
        // Exactly one primary domain per tenant: the first domain is primary, and a new primary
        // takes over from the old one.
        let first = tenant_domains::Entity::find()
            .filter(tenant_domains::Column::TenantId.eq(tenant.as_uuid()))
            .one(db)
            .await?
            .is_none();
        let is_primary = is_primary || first;
        if is_primary {
            tenant_domains::Entity::update_many()
                .col_expr(tenant_domains::Column::IsPrimary, Expr::value(false))
                .filter(tenant_domains::Column::TenantId.eq(tenant.as_uuid()))
                .filter(tenant_domains::Column::IsPrimary.eq(true))
                .exec(db)
                .await?;
        }
        let model = tenant_domains::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(tenant.as_uuid()),
            host: Set(host.clone()),
            is_primary: Set(is_primary),
            created_at: Set(chrono::Utc::now().fixed_offset()),
        };
        model
            .insert(db)
            .await
            .map_err(|err| unique_or(err, TenantError::DomainTaken(host)))
    }

    /// Removes a domain of `tenant`; a domain of another tenant is "not found". Removing the
    /// primary domain makes the oldest remaining one primary.
    pub async fn remove_domain(
        db: &impl ConnectionTrait,
        tenant: TenantId,
        domain_id: Uuid,
    ) -> Result<tenant_domains::Model, TenantError> {
        let domain = tenant_domains::Entity::find_by_id(domain_id)
            .filter(tenant_domains::Column::TenantId.eq(tenant.as_uuid()))
            .one(db)
            .await?
            .ok_or(TenantError::DomainNotFound)?;
        tenant_domains::Entity::delete_by_id(domain.id)
            .exec(db)
            .await?;
        if domain.is_primary {
            let successor = tenant_domains::Entity::find()
                .filter(tenant_domains::Column::TenantId.eq(tenant.as_uuid()))
                .order_by_asc(tenant_domains::Column::CreatedAt)
                .order_by_asc(tenant_domains::Column::Id)
                .one(db)
                .await?;
            if let Some(successor) = successor {
                tenant_domains::Entity::update_many()
                    .col_expr(tenant_domains::Column::IsPrimary, Expr::value(true))
                    .filter(tenant_domains::Column::Id.eq(successor.id))
                    .exec(db)
                    .await?;
            }
        }
        Ok(domain)
    }

    /// Explicit module toggles of a tenant (modules without a row use their default: enabled).
    pub async fn module_toggles(
        db: &impl ConnectionTrait,
        tenant: TenantId,
    ) -> Result<HashMap<String, bool>, TenantError> {
        let rows = tenant_modules::Entity::find()
            .filter(tenant_modules::Column::TenantId.eq(tenant.as_uuid()))
            .all(db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.module_slug, r.enabled))
            .collect())
    }

    /// Tenants that switched `module_slug` off (an explicit row with `enabled = false`).
    pub async fn tenants_with_module_off(
        db: &impl ConnectionTrait,
        module_slug: &str,
    ) -> Result<Vec<TenantId>, TenantError> {
        let tenants: Vec<Uuid> = tenant_modules::Entity::find()
            .select_only()
            .column(tenant_modules::Column::TenantId)
            .filter(tenant_modules::Column::ModuleSlug.eq(module_slug))
            .filter(tenant_modules::Column::Enabled.eq(false))
            .into_tuple()
            .all(db)
            .await?;
        Ok(tenants.into_iter().map(TenantId::from_uuid).collect())
    }

    pub async fn set_module_enabled(
        db: &impl ConnectionTrait,
        tenant: TenantId,
        module_slug: &str,
        enabled: bool,
    ) -> Result<(), TenantError> {
        let now = chrono::Utc::now().fixed_offset();
        let existing = tenant_modules::Entity::find()
            .filter(tenant_modules::Column::TenantId.eq(tenant.as_uuid()))
            .filter(tenant_modules::Column::ModuleSlug.eq(module_slug))
            .one(db)
            .await?;
        match existing {
            Some(row) => {
                let mut row: tenant_modules::ActiveModel = row.into();
                row.enabled = Set(enabled);
                row.updated_at = Set(now);
                row.update(db).await?;
            }
            None => {
                tenant_modules::ActiveModel {
                    id: Set(rustok_core::generate_id()),
                    tenant_id: Set(tenant.as_uuid()),
                    module_slug: Set(module_slug.to_string()),
                    enabled: Set(enabled),
                    settings: Set(json!({})),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(db)
                .await?;
            }
        }
        Ok(())
    }
}

pub(crate) fn validate_name(name: &str) -> Result<String, TenantError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_LEN || name.chars().any(char::is_control)
    {
        return Err(TenantError::InvalidName);
    }
    Ok(name.to_string())
}

/// A unique-constraint violation becomes the domain error the caller chose; anything else stays a
/// database error.
fn unique_or(err: DbErr, on_unique: TenantError) -> TenantError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => on_unique,
        _ => TenantError::Database(err),
    }
}
