//! A tenant's view and edits of its role → permission matrix.

use async_graphql::SimpleObject;
use rustok_core::{DomainEvent, Error};
use rustok_rbac::{Principal, Role};
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
    state
        .rbac
        .set_role_permissions(principal.tenant_id, role, &permissions)
        .await?;
    let view = role_view(state, principal, role).await?;
    publish_change(state, principal, &view).await;
    Ok(view)
}

async fn publish_change(state: &AppState, principal: &Principal, view: &RoleView) {
    let event = DomainEvent::RolePermissionsChanged {
        role: view.role.clone(),
        permissions: view.permissions.clone(),
    };
    if let Err(err) = state
        .events
        .emit(principal.tenant_id, Some(principal.user_id), event)
        .await
    {
        tracing::warn!(error = %err, "rbac event not published");
    }
}

pub async fn reset_role(
    state: &AppState,
    principal: &Principal,
    role: &str,
) -> Result<RoleView, Error> {
    state.rbac.require(principal, "rbac:manage").await?;
    let role: Role = role.parse()?;
    state.rbac.reset_role(principal.tenant_id, role).await?;
    let view = role_view(state, principal, role).await?;
    publish_change(state, principal, &view).await;
    Ok(view)
}
