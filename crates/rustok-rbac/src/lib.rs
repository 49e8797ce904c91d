//! Roles, `resource:action` permissions and the one guard REST handlers and GraphQL resolvers share.
//!
//! Each role has a default permission set ([`default_permissions`]); a tenant may replace the set of
//! any tenant role (table `role_permissions`, see [`RbacService`]). `super_admin` is the platform's
//! role and cannot be changed by tenants. Platform resources (`tenants`) are never matched by the
//! `*` wildcard, so no tenant role can be granted power over other tenants.

mod entities;
mod module;
mod permission;
mod role;
mod service;

pub use module::RbacModule;
pub use permission::{
    GRANTABLE_PERMISSION_PATTERN, PERMISSION_PATTERN, PLATFORM_RESOURCES, Permission,
    PermissionSet, default_permissions,
};
pub use role::Role;
pub use service::{Principal, RbacService};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RbacError {
    #[error("missing permission `{0}`")]
    Forbidden(String),
    #[error("`{0}` is not a permission (expected `resource:action`, lower-case, `*` allowed)")]
    InvalidPermission(String),
    #[error("`{0}` is a platform permission; tenants cannot grant it")]
    PlatformPermission(String),
    #[error("`{0}` is not a role (expected one of super_admin, admin, manager, editor, customer)")]
    UnknownRole(String),
    #[error("{0}")]
    NotAllowed(String),
    #[error("database error: {0}")]
    Database(String),
}

impl From<sea_orm::DbErr> for RbacError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Database(err.to_string())
    }
}

impl From<RbacError> for rustok_core::Error {
    fn from(err: RbacError) -> Self {
        use rustok_core::Error;
        match err {
            RbacError::Forbidden(permission) => Error::Forbidden { permission },
            RbacError::InvalidPermission(_) | RbacError::PlatformPermission(_) => {
                Error::invalid_field("permissions", err.to_string())
            }
            RbacError::UnknownRole(_) => Error::invalid_field("role", err.to_string()),
            RbacError::NotAllowed(detail) => Error::conflict("role_locked", detail),
            RbacError::Database(detail) => Error::internal(detail),
        }
    }
}
