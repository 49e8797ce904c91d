use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::TestApp;

/// A tenant with an admin and an editor; returns (admin token, editor token).
async fn tenant_with_staff(app: &TestApp) -> (String, String) {
    app.create_tenant("acme", "owner@acme.test", "acme-owner-pass")
        .await;
    let admin = app
        .login(Some("acme"), "owner@acme.test", "acme-owner-pass")
        .await;
    // Staff accounts are plain registrations promoted by the tenant's admin.
    let registered = app
        .post(
            "/api/v1/auth/register",
            json!({"email": "ed@acme.test", "password": "editor-pass"}),
        )
        .tenant("acme")
        .send()
        .await;
    assert_eq!(registered.status, StatusCode::CREATED);
    let editor_id = registered.json()["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    promote(app, &editor_id, "editor").await;
    let editor = app.login(Some("acme"), "ed@acme.test", "editor-pass").await;
    (
        admin["access_token"].as_str().unwrap().to_string(),
        editor["access_token"].as_str().unwrap().to_string(),
    )
}

async fn promote(app: &TestApp, user_id: &str, role: &str) {
    use rustok_server::models::users;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let user = users::Entity::find_by_id(user_id.parse::<uuid::Uuid>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut user: users::ActiveModel = user.into();
    user.role = Set(role.to_string());
    user.update(&app.state.db).await.unwrap();
}

#[tokio::test]
async fn roles_list_shows_the_default_matrix() {
    let app = TestApp::spawn().await;
    let (admin, editor) = tenant_with_staff(&app).await;
    let roles = app
        .get("/api/v1/rbac/roles")
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(roles.status, StatusCode::OK, "{}", roles.text());
    let roles = roles.json();
    let editor_role = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "editor")
        .unwrap();
    assert!(
        editor_role["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("content:*"))
    );
    let super_admin = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "super_admin")
        .unwrap();
    assert_eq!(super_admin["editable"], false);

    // Editors may not read the matrix; customers even less.
    app.get("/api/v1/rbac/roles")
        .tenant("acme")
        .bearer(&editor)
        .send()
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn a_tenant_changes_its_matrix_and_the_guard_follows() {
    let app = TestApp::spawn().await;
    let (admin, editor) = tenant_with_staff(&app).await;
    app.get("/api/v1/rbac/roles")
        .tenant("acme")
        .bearer(&editor)
        .send()
        .await
        .assert_problem(403, "forbidden");

    let changed = app
        .call(Method::PUT, "/api/v1/rbac/roles/editor")
        .json(json!({"permissions": ["content:*", "rbac:read"]}))
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    assert_eq!(
        changed.json()["permissions"],
        json!(["content:*", "rbac:read"])
    );
    let allowed = app
        .get("/api/v1/rbac/roles")
        .tenant("acme")
        .bearer(&editor)
        .send()
        .await;
    assert_eq!(allowed.status, StatusCode::OK);

    // The demo tenant's editors are unaffected by acme's change.
    let demo_admin = app.admin_token().await;
    let demo_roles = app
        .get("/api/v1/rbac/roles")
        .bearer(&demo_admin)
        .send()
        .await
        .json();
    let demo_editor = demo_roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "editor")
        .unwrap();
    assert!(
        !demo_editor["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("rbac:read"))
    );

    // Reset restores the default.
    let reset = app
        .call(Method::DELETE, "/api/v1/rbac/roles/editor")
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(reset.status, StatusCode::OK);
    app.get("/api/v1/rbac/roles")
        .tenant("acme")
        .bearer(&editor)
        .send()
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn tenants_cannot_escalate_or_lock_themselves_out() {
    let app = TestApp::spawn().await;
    let (admin, editor) = tenant_with_staff(&app).await;
    let put = |role: &str, permissions: serde_json::Value, token: &str| {
        app.call(Method::PUT, &format!("/api/v1/rbac/roles/{role}"))
            .json(json!({"permissions": permissions}))
            .tenant("acme")
            .bearer(token)
            .send()
    };
    put("editor", json!(["tenants:create"]), &admin)
        .await
        .assert_problem(422, "validation_failed");
    put("super_admin", json!(["*:*"]), &admin)
        .await
        .assert_problem(409, "role_locked");
    put("admin", json!(["content:*"]), &admin)
        .await
        .assert_problem(409, "role_locked");
    put("editor", json!(["not a permission"]), &admin)
        .await
        .assert_problem(422, "validation_failed");
    put("wizard", json!(["content:*"]), &admin)
        .await
        .assert_problem(422, "validation_failed");
    // A denied call changes nothing.
    put("editor", json!(["*:*"]), &editor)
        .await
        .assert_problem(403, "forbidden");
    let roles = app
        .get("/api/v1/rbac/roles")
        .tenant("acme")
        .bearer(&admin)
        .send()
        .await
        .json();
    let editor_role = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "editor")
        .unwrap();
    assert!(
        !editor_role["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("*:*"))
    );
}

#[tokio::test]
async fn graphql_uses_the_same_guard() {
    let app = TestApp::spawn().await;
    let (admin, editor) = tenant_with_staff(&app).await;
    let denied = app
        .graphql(
            Some(&editor),
            Some("acme"),
            r#"mutation { setRolePermissions(role: "editor", permissions: ["*:*"]) { role } }"#,
            json!({}),
        )
        .await;
    assert_eq!(denied["errors"][0]["extensions"]["code"], "forbidden");
    let allowed = app
        .graphql(Some(&admin), Some("acme"), r#"mutation { setRolePermissions(role: "editor", permissions: ["content:read"]) { role permissions } }"#, json!({}))
        .await;
    assert!(allowed["errors"].is_null(), "{allowed}");
    assert_eq!(
        allowed["data"]["setRolePermissions"]["permissions"],
        json!(["content:read"])
    );
    let roles = app
        .graphql(
            Some(&admin),
            Some("acme"),
            "{ roles { role editable } }",
            json!({}),
        )
        .await;
    assert_eq!(roles["data"]["roles"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn core_modules_cannot_be_disabled() {
    let app = TestApp::spawn().await;
    let token = app.admin_token().await;
    app.call(Method::PUT, "/api/v1/modules/tenant")
        .json(json!({"enabled": false}))
        .bearer(&token)
        .send()
        .await
        .assert_problem(409, "module_required");
    app.call(Method::PUT, "/api/v1/modules/nope")
        .json(json!({"enabled": false}))
        .bearer(&token)
        .send()
        .await
        .assert_problem(404, "not_found");
    let (_, editor) = tenant_with_staff(&app).await;
    app.call(Method::PUT, "/api/v1/modules/tenant")
        .json(json!({"enabled": false}))
        .tenant("acme")
        .bearer(&editor)
        .send()
        .await
        .assert_problem(403, "forbidden");
    let modules = app.get("/api/v1/modules").send().await.json();
    assert!(
        modules
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["enabled"] == true)
    );
}
