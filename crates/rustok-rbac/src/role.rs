use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::RbacError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Platform operator: manages tenants. Held by the seeded demo admin.
    SuperAdmin,
    /// Runs one tenant: everything inside it.
    Admin,
    /// Shop staff: catalogue, orders, inventory.
    Manager,
    /// Publishing staff: content and comments.
    Editor,
    /// Storefront account: their own profile and orders.
    Customer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::SuperAdmin,
        Role::Admin,
        Role::Manager,
        Role::Editor,
        Role::Customer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SuperAdmin => "super_admin",
            Self::Admin => "admin",
            Self::Manager => "manager",
            Self::Editor => "editor",
            Self::Customer => "customer",
        }
    }

    /// Roles whose permissions a tenant may change.
    pub fn is_tenant_editable(self) -> bool {
        self != Self::SuperAdmin
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = RbacError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == text)
            .ok_or_else(|| RbacError::UnknownRole(text.chars().take(64).collect()))
    }
}
