//! A tenant's view and edits of its role → permission matrix.

use async_graphql::SimpleObject;
use rustok_core::{DomainEvent, Error};
use rustok_rbac::{Principal, Role};
use sea_orm::DatabaseTransaction;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};

use crate::state::AppState;

/// Most grants one role can be given.
pub const MAX_PERMISSIONS: usize = 256;

/// A role and what it may do in this tenant.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct RoleView {
    /// `super_admin`, `admin`, `manager`, `editor` or `customer`.
    pub role: String,
    /// The role's effective grants (`resource:action`, either part may be `*`): the tenant's
    /// own set, or the default matrix when the tenant has not changed the role.
    pub permissions: Vec<String>,
    /// False for `super_admin`, the platform role.
    pub editable: bool,
}

/// The grants that replace a role's permissions.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SetPermissionsInput {
    /// At most 256 grants.
    #[schema(schema_with = permissions_schema)]
    pub permissions: Vec<String>,
}

/// `permissions` of [`SetPermissionsInput`]: what [`set_role_permissions`] accepts.
fn permissions_schema() -> impl Into<RefOr<Schema>> {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(rustok_rbac::GRANTABLE_PERMISSION_PATTERN)),
        )
        .max_items(Some(MAX_PERMISSIONS))
        .description(Some(
            "The role's new grants, at most 256: `resource:action`, each part `*` or 1–48 of \
             `[a-z_]` (`products:*`, `content:publish`, `*:read`). Platform resources \
             (`tenants`, `events`) cannot be granted. A malformed or platform grant is 422 \
             `validation_failed` on `permissions`; a set without `rbac:manage` (e.g. `*:*`, \
             `rbac:*`) for `admin` is 409 `role_locked`. Duplicates are kept as sent.",
        ))
}

pub async fn list_roles(state: &AppState, principal: &Principal) -> Result<Vec<RoleView>, Error> {
    state.rbac.require(principal, "rbac:read").await?;
    let mut roles = Vec::new();
    for role in Role::ALL {
        roles.push(role_view(state, principal, role).await?);
    }
    Ok(roles)
}

async fn role_view(state: &AppState, principal: &Principal, role: Role) -> Result<RoleView, Error> {
    let set = state
        .rbac
        .permissions_for(principal.tenant_id, role)
        .await?;
    Ok(RoleView {
        role: role.as_str().into(),
        permissions: set.to_strings(),
        editable: role.is_tenant_editable(),
    })
}

pub async fn set_role_permissions(
    state: &AppState,
    principal: &Principal,
    role: &str,
    permissions: Vec<String>,
) -> Result<RoleView, Error> {
    state.rbac.require(principal, "rbac:manage").await?;
    let role: Role = role.parse()?;
    if permissions.len() > MAX_PERMISSIONS {
        return Err(Error::invalid_field(
            "permissions",
            format!("at most {MAX_PERMISSIONS} entries"),
        ));
    }
    let txn = rustok_core::begin_write(&state.db).await?;
    let set = state
        .rbac
        .set_role_permissions(&txn, principal.tenant_id, role, &permissions)
        .await?;
    commit_change(state, principal, txn, role, set.to_strings()).await
}

/// Writes the change's event in its transaction, commits, then drops the cached grants.
async fn commit_change(
    state: &AppState,
    principal: &Principal,
    txn: DatabaseTransaction,
    role: Role,
    permissions: Vec<String>,
) -> Result<RoleView, Error> {
    let event = DomainEvent::RolePermissionsChanged {
        role: role.as_str().into(),
        permissions,
    };
    state
        .events
        .emit_in_tx(&txn, principal.tenant_id, Some(principal.user_id), event)
        .await?;
    txn.commit().await?;
    state.rbac.forget(principal.tenant_id, role).await;
    role_view(state, principal, role).await
}

pub async fn reset_role(
    state: &AppState,
    principal: &Principal,
    role: &str,
) -> Result<RoleView, Error> {
    state.rbac.require(principal, "rbac:manage").await?;
    let role: Role = role.parse()?;
    let txn = rustok_core::begin_write(&state.db).await?;
    state
        .rbac
        .reset_role(&txn, principal.tenant_id, role)
        .await?;
    let defaults = rustok_rbac::default_permissions(role).to_strings();
    commit_change(state, principal, txn, role, defaults).await
}
