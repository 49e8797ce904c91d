//! Roles and permissions: the default matrix, a tenant's own changes to it, and the one guard
//! that REST and GraphQL share.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::client::Client;
use crate::support::{TestApp, TestResponse};

/// Tenant acme with its admin and an editor, both signed in.
async fn acme_staff(app: &TestApp) -> (Client, Client) {
    let admin = app.tenant_admin("acme").await;
    // Staff accounts are plain registrations promoted by the tenant's admin.
    let editor = app.staff("acme", "ed@acme.test", "editor").await;
    (
        app.signed_in("acme", &admin),
        app.signed_in("acme", &editor),
    )
}

/// `who` sets the permissions of `role`.
async fn set_permissions(who: &Client, role: &str, permissions: Value) -> TestResponse {
    who.put(
        &format!("/api/v1/rbac/roles/{role}"),
        json!({"permissions": permissions}),
    )
    .send()
    .await
}

/// Role `name` in a list of roles.
fn role<'a>(roles: &'a Value, name: &str) -> &'a Value {
    roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == name)
        .unwrap_or_else(|| panic!("no role {name} in {roles}"))
}

/// Whether a role's permissions list `permission` itself.
fn grants(role: &Value, permission: &str) -> bool {
    role["permissions"]
        .as_array()
        .unwrap()
        .contains(&json!(permission))
}

#[tokio::test]
async fn roles_list_shows_the_default_matrix() {
    let app = TestApp::spawn().await;
    let (as_admin, as_editor) = acme_staff(&app).await;
    let roles = as_admin
        .get("/api/v1/rbac/roles")
        .expect_json(StatusCode::OK)
        .await;
    let editor_role = role(&roles, "editor");
    assert!(grants(editor_role, "content:*"));
    let super_admin = role(&roles, "super_admin");
    assert_eq!(super_admin["editable"], false);

    // Editors may not read the matrix; customers even less.
    as_editor
        .get("/api/v1/rbac/roles")
        .problem(403, "forbidden")
        .await;
}

#[tokio::test]
async fn a_tenant_changes_its_matrix_and_the_guard_follows() {
    let app = TestApp::spawn().await;
    let (as_admin, as_editor) = acme_staff(&app).await;
    as_editor
        .get("/api/v1/rbac/roles")
        .problem(403, "forbidden")
        .await;

    let changed = as_admin
        .put(
            "/api/v1/rbac/roles/editor",
            json!({"permissions": ["content:*", "rbac:read"]}),
        )
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(
        changed.json()["permissions"],
        json!(["content:*", "rbac:read"])
    );
    as_editor
        .get("/api/v1/rbac/roles")
        .expect_status(StatusCode::OK)
        .await;

    // The demo tenant's editors are unaffected by acme's change.
    let operator = app.operator().await;
    let demo_roles = operator.get("/api/v1/rbac/roles").send().await.json();
    let demo_editor = role(&demo_roles, "editor");
    assert!(!grants(demo_editor, "rbac:read"));

    // Reset restores the default.
    as_admin
        .delete("/api/v1/rbac/roles/editor")
        .expect_status(StatusCode::OK)
        .await;
    as_editor
        .get("/api/v1/rbac/roles")
        .problem(403, "forbidden")
        .await;
}

#[tokio::test]
async fn tenants_cannot_escalate_or_lock_themselves_out() {
    let app = TestApp::spawn().await;
    let (as_admin, as_editor) = acme_staff(&app).await;
    set_permissions(&as_admin, "editor", json!(["tenants:create"]))
        .await
        .assert_problem(422, "validation_failed");
    set_permissions(&as_admin, "super_admin", json!(["*:*"]))
        .await
        .assert_problem(409, "role_locked");
    set_permissions(&as_admin, "admin", json!(["content:*"]))
        .await
        .assert_problem(409, "role_locked");
    set_permissions(&as_admin, "editor", json!(["not a permission"]))
        .await
        .assert_problem(422, "validation_failed");
    set_permissions(&as_admin, "wizard", json!(["content:*"]))
        .await
        .assert_problem(422, "validation_failed");
    // A denied call changes nothing.
    set_permissions(&as_editor, "editor", json!(["*:*"]))
        .await
        .assert_problem(403, "forbidden");
    let roles = as_admin.get("/api/v1/rbac/roles").send().await.json();
    let editor_role = role(&roles, "editor");
    assert!(!grants(editor_role, "*:*"));
}

#[tokio::test]
async fn graphql_uses_the_same_guard() {
    let app = TestApp::spawn().await;
    let (as_admin, as_editor) = acme_staff(&app).await;
    as_editor
        .graphql_error(
            r#"mutation { setRolePermissions(role: "editor", permissions: ["*:*"]) { role } }"#,
            json!({}),
            "forbidden",
        )
        .await;
    let allowed = as_admin
        .graphql_data(
            r#"mutation { setRolePermissions(role: "editor", permissions: ["content:read"]) { role permissions } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        allowed["setRolePermissions"]["permissions"],
        json!(["content:read"])
    );
    let roles = as_admin
        .graphql("{ roles { role editable } }", json!({}))
        .await;
    assert_eq!(roles["data"]["roles"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn core_modules_cannot_be_disabled() {
    let (app, operator) = TestApp::with_operator().await;
    operator
        .put("/api/v1/modules/tenant", json!({"enabled": false}))
        .problem(409, "module_required")
        .await;
    operator
        .put("/api/v1/modules/nope", json!({"enabled": false}))
        .problem(404, "not_found")
        .await;
    let (_, as_editor) = acme_staff(&app).await;
    as_editor
        .put("/api/v1/modules/tenant", json!({"enabled": false}))
        .problem(403, "forbidden")
        .await;
    let modules = app.get("/api/v1/modules").send().await.json();
    assert!(
        modules
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["enabled"] == true)
    );
}
