use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{RbacError, Role};

/// Resources that belong to the platform, not to a tenant: only named grants match them.
pub const PLATFORM_RESOURCES: &[&str] = &["tenants", "events"];

const MAX_PART: usize = 48;

/// What [`Permission`] parses, as an ECMA-262 pattern (OpenAPI `pattern`): `resource:action`,
/// each part `*` or 1–48 of `[a-z_]`. It ends with `(?![\s\S])` rather than `$`, which Python's
/// `re` also matches before a final newline (the server takes no whitespace here).
pub const PERMISSION_PATTERN: &str = r"^(?:\*|[a-z_]{1,48}):(?:\*|[a-z_]{1,48})(?![\s\S])";

/// The permissions a tenant may grant its roles: [`PERMISSION_PATTERN`] without the
/// [`PLATFORM_RESOURCES`].
pub const GRANTABLE_PERMISSION_PATTERN: &str =
    r"^(?!(?:tenants|events):)(?:\*|[a-z_]{1,48}):(?:\*|[a-z_]{1,48})(?![\s\S])";

/// `resource:action`, where either part may be `*`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Permission {
    resource: String,
    action: String,
}

impl Permission {
    pub fn resource(&self) -> &str {
        &self.resource
    }

    pub fn action(&self) -> &str {
        &self.action
    }

    pub fn is_platform(&self) -> bool {
        PLATFORM_RESOURCES.contains(&self.resource.as_str())
    }

    /// Does this grant (possibly a wildcard) cover `required`?
    pub fn covers(&self, required: &Permission) -> bool {
        let resource =
            self.resource == required.resource || (self.resource == "*" && !required.is_platform());
        let action = self.action == "*" || self.action == required.action;
        resource && action
    }
}

fn valid_part(part: &str) -> bool {
    part == "*"
        || (!part.is_empty()
            && part.len() <= MAX_PART
            && part.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
}

impl FromStr for Permission {
    type Err = RbacError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || RbacError::InvalidPermission(text.chars().take(100).collect());
        let (resource, action) = text.split_once(':').ok_or_else(invalid)?;
        if !valid_part(resource) || !valid_part(action) {
            return Err(invalid());
        }
        Ok(Self {
            resource: resource.to_string(),
            action: action.to_string(),
        })
    }
}

impl TryFrom<String> for Permission {
    type Error = RbacError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Permission> for String {
    fn from(permission: Permission) -> Self {
        permission.to_string()
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.resource, self.action)
    }
}

/// The grants of one role in one tenant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionSet(Vec<Permission>);

impl PermissionSet {
    pub fn new(grants: Vec<Permission>) -> Self {
        Self(grants)
    }

    pub fn parse<S: AsRef<str>>(grants: &[S]) -> Result<Self, RbacError> {
        grants
            .iter()
            .map(|g| g.as_ref().parse())
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn grants(&self) -> &[Permission] {
        &self.0
    }

    pub fn allows(&self, required: &Permission) -> bool {
        self.0.iter().any(|grant| grant.covers(required))
    }

    pub fn to_strings(&self) -> Vec<String> {
        self.0.iter().map(ToString::to_string).collect()
    }
}

/// The matrix every tenant starts with. Modules document the permissions they check in their README.
pub fn default_permissions(role: Role) -> PermissionSet {
    let grants: &[&str] = match role {
        Role::SuperAdmin => &["*:*", "tenants:*", "events:*"],
        Role::Admin => &["*:*"],
        Role::Manager => &[
            "products:*",
            "orders:*",
            "inventory:*",
            "customers:read",
            "content:read",
            "comments:create",
            "forum:post",
            "users:read",
        ],
        Role::Editor => &[
            "content:*",
            "comments:*",
            "forum:*",
            "menus:*",
            "media:*",
            "users:read",
        ],
        Role::Customer => &[
            "profile:read",
            "profile:update",
            "orders:read_own",
            "comments:create",
            "forum:post",
        ],
    };
    // The literals above are valid by construction; a typo fails the unit test below.
    PermissionSet::parse(grants).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Permission {
        text.parse().unwrap()
    }

    #[test]
    fn default_matrix_parses_for_every_role() {
        for role in Role::ALL {
            assert!(!default_permissions(role).grants().is_empty(), "{role}");
        }
    }

    #[test]
    fn wildcards_cover_tenant_resources_but_never_platform_ones() {
        let admin = default_permissions(Role::Admin);
        assert!(admin.allows(&p("users:create")));
        assert!(admin.allows(&p("rbac:manage")));
        assert!(!admin.allows(&p("tenants:create")));
        let super_admin = default_permissions(Role::SuperAdmin);
        assert!(super_admin.allows(&p("tenants:create")));
    }

    #[test]
    fn roles_get_only_their_grants() {
        let editor = default_permissions(Role::Editor);
        assert!(editor.allows(&p("content:publish")));
        assert!(!editor.allows(&p("products:create")));
        let customer = default_permissions(Role::Customer);
        assert!(!customer.allows(&p("users:read")));
    }

    #[test]
    fn the_grantable_pattern_excludes_every_platform_resource() {
        let excluded = format!("^(?!(?:{}):)", PLATFORM_RESOURCES.join("|"));
        assert_eq!(
            GRANTABLE_PERMISSION_PATTERN,
            format!("{excluded}{}", &PERMISSION_PATTERN[1..])
        );
    }

    #[test]
    fn malformed_permissions_are_rejected() {
        for bad in [
            "",
            "users",
            "users:",
            ":read",
            "Users:read",
            "users:read:x",
            "us ers:read",
            "users:re-ad",
        ] {
            assert!(bad.parse::<Permission>().is_err(), "{bad}");
        }
    }
}
