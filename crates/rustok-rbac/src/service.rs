use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;
use rustok_core::TenantId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::role_permissions;
use crate::{Permission, PermissionSet, RbacError, Role, default_permissions};

/// Who is calling: taken from a verified access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub user_id: Uuid,
    pub tenant_id: TenantId,
    pub role: Role,
}

/// Effective permissions per tenant and role (default matrix + tenant overrides), cached in process.
#[derive(Clone)]
pub struct RbacService {
    db: DatabaseConnection,
    cache: Cache<(TenantId, Role), Arc<PermissionSet>>,
}

impl RbacService {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            cache: Cache::builder()
                .max_capacity(10_000)
                .time_to_live(Duration::from_secs(300))
                .build(),
        }
    }

    /// The guard: `Ok(())` when `principal` may do `permission`, `Forbidden` otherwise.
    pub async fn require(&self, principal: &Principal, permission: &str) -> Result<(), RbacError> {
        let required: Permission = permission.parse()?;
        let grants = self
            .permissions_for(principal.tenant_id, principal.role)
            .await?;
        if grants.allows(&required) {
            Ok(())
        } else {
            Err(RbacError::Forbidden(permission.to_string()))
        }
    }

    pub async fn permissions_for(
        &self,
        tenant: TenantId,
        role: Role,
    ) -> Result<Arc<PermissionSet>, RbacError> {
        if let Some(set) = self.cache.get(&(tenant, role)).await {
            return Ok(set);
        }
        let set = Arc::new(self.load(tenant, role).await?);
        self.cache.insert((tenant, role), set.clone()).await;
        Ok(set)
    }

    async fn load(&self, tenant: TenantId, role: Role) -> Result<PermissionSet, RbacError> {
        if !role.is_tenant_editable() {
            return Ok(default_permissions(role));
        }
        let row = find_override(&self.db, tenant, role).await?;
        let Some(row) = row else {
            return Ok(default_permissions(role));
        };
        let grants: Vec<String> = serde_json::from_value(row.permissions)
            .map_err(|err| RbacError::Database(format!("role_permissions row: {err}")))?;
        PermissionSet::parse(&grants)
    }

    /// Replaces the grants of `role` in `tenant`, on `conn` (a transaction, so the caller can
    /// write its event with it). Call [`RbacService::forget`] after the commit.
    pub async fn set_role_permissions(
        &self,
        conn: &impl ConnectionTrait,
        tenant: TenantId,
        role: Role,
        grants: &[String],
    ) -> Result<PermissionSet, RbacError> {
        if !role.is_tenant_editable() {
            return Err(RbacError::NotAllowed(format!(
                "`{role}` is the platform role; tenants cannot change it"
            )));
        }
        let set = PermissionSet::parse(grants)?;
        if let Some(platform) = set.grants().iter().find(|p| p.is_platform()) {
            return Err(RbacError::PlatformPermission(platform.to_string()));
        }
        let manage: Permission = "rbac:manage".parse()?;
        if role == Role::Admin && !set.allows(&manage) {
            return Err(RbacError::NotAllowed(
                "the admin role must keep `rbac:manage`, or nobody could undo this change".into(),
            ));
        }
        let json = serde_json::to_value(set.to_strings())
            .map_err(|err| RbacError::Database(err.to_string()))?;
        let now = chrono::Utc::now().fixed_offset();
        match find_override(conn, tenant, role).await? {
            Some(row) => {
                let mut row: role_permissions::ActiveModel = row.into();
                row.permissions = Set(json);
                row.updated_at = Set(now);
                row.update(conn).await?;
            }
            None => {
                role_permissions::ActiveModel {
                    id: Set(rustok_core::generate_id()),
                    tenant_id: Set(tenant.as_uuid()),
                    role: Set(role.as_str().to_string()),
                    permissions: Set(json),
                    updated_at: Set(now),
                }
                .insert(conn)
                .await?;
            }
        }
        Ok(set)
    }

    /// Drops the tenant's override of `role` (back to the default matrix), on `conn`. Call
    /// [`RbacService::forget`] after the commit.
    pub async fn reset_role(
        &self,
        conn: &impl ConnectionTrait,
        tenant: TenantId,
        role: Role,
    ) -> Result<(), RbacError> {
        role_permissions::Entity::delete_many()
            .filter(role_permissions::Column::TenantId.eq(tenant.as_uuid()))
            .filter(role_permissions::Column::Role.eq(role.as_str()))
            .exec(conn)
            .await?;
        Ok(())
    }

    /// Drops the cached grants of `role` in `tenant` (after a committed change).
    pub async fn forget(&self, tenant: TenantId, role: Role) {
        self.cache.invalidate(&(tenant, role)).await;
    }
}

async fn find_override(
    conn: &impl ConnectionTrait,
    tenant: TenantId,
    role: Role,
) -> Result<Option<role_permissions::Model>, RbacError> {
    Ok(role_permissions::Entity::find()
        .filter(role_permissions::Column::TenantId.eq(tenant.as_uuid()))
        .filter(role_permissions::Column::Role.eq(role.as_str()))
        .one(conn)
        .await?)
}
