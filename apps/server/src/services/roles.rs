//! A tenant's view and edits of its role → permission matrix.

use async_graphql::SimpleObject;
use rustok_core::{DomainEvent, Error};
use rustok_rbac::{Principal, Role};
use sea_orm::DatabaseTransaction;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct RoleView {
    pub role: String,
    pub permissions: Vec<String>,
    /// False for `super_admin`, the platform role.
    pub editable: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SetPermissionsInput {
    pub permissions: Vec<String>,
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
    if permissions.len() > 256 {
        return Err(Error::invalid_field("permissions", "at most 256 entries"));
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
