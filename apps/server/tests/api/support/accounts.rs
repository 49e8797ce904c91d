//! Who a test acts as: the seeded super admin, a new tenant's owner, registered customers and
//! staff promoted by their tenant.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::client::Client;
use super::{ADMIN_EMAIL, ADMIN_PASSWORD, TestApp};

/// Password of every tenant owner `tenant_admin` creates (`owner@<slug>.test`).
pub const OWNER_PASSWORD: &str = "owner-pass-123";
/// Password of every account `customer`, `registered` and `staff` register.
pub const MEMBER_PASSWORD: &str = "customer-pass-123";

/// The access token of a token pair.
pub fn access_token(tokens: &Value) -> String {
    tokens["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("no access token in {tokens}"))
        .to_string()
}

impl TestApp {
    /// Logs in and returns the token pair JSON; panics unless the login succeeds.
    pub async fn login(&self, tenant: Option<&str>, email: &str, password: &str) -> Value {
        let mut call = self.post(
            "/api/v1/auth/login",
            json!({"email": email, "password": password}),
        );
        if let Some(tenant) = tenant {
            call = call.tenant(tenant);
        }
        call.expect_json(StatusCode::OK).await
    }

    /// Access token of the seeded super admin of the demo tenant.
    pub async fn admin_token(&self) -> String {
        access_token(&self.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await)
    }

    /// Creates a tenant through the API as the super admin; returns the response JSON.
    pub async fn create_tenant(
        &self,
        slug: &str,
        admin_email: &str,
        admin_password: &str,
    ) -> Value {
        let token = self.admin_token().await;
        self.post(
            "/api/v1/tenants",
            json!({
                "name": format!("Tenant {slug}"),
                "slug": slug,
                "admin_email": admin_email,
                "admin_password": admin_password,
            }),
        )
        .bearer(&token)
        .expect_json(StatusCode::CREATED)
        .await
    }

    /// Creates tenant `slug` with its admin `owner@<slug>.test` and returns the admin's token
    /// pair (access and refresh token).
    pub async fn tenant_owner(&self, slug: &str) -> Value {
        let email = format!("owner@{slug}.test");
        self.create_tenant(slug, &email, OWNER_PASSWORD).await;
        self.login(Some(slug), &email, OWNER_PASSWORD).await
    }

    /// Creates tenant `slug` with its admin `owner@<slug>.test` and returns the admin's access
    /// token.
    pub async fn tenant_admin(&self, slug: &str) -> String {
        access_token(&self.tenant_owner(slug).await)
    }

    /// A fresh app with tenant `slug` and its admin (`tenant_admin`), signed in.
    pub async fn with_admin(slug: &str) -> (Self, Client) {
        let app = Self::spawn().await;
        let token = app.tenant_admin(slug).await;
        let admin = app.signed_in(slug, &token);
        (app, admin)
    }

    /// A fresh app and its platform operator (see [`TestApp::operator`]), signed in.
    pub async fn with_operator() -> (Self, Client) {
        let app = Self::spawn().await;
        let operator = app.operator().await;
        (app, operator)
    }

    /// A fresh app with tenant `slug` (and its admin) and the customer `email`, signed in.
    pub async fn with_customer(slug: &str, email: &str) -> (Self, Client) {
        let app = Self::spawn().await;
        app.tenant_admin(slug).await;
        let token = app.customer(slug, email).await;
        let customer = app.signed_in(slug, &token);
        (app, customer)
    }

    /// Registers `email` in `tenant` (self-registration, role customer); returns the response
    /// (`user` and the token pair).
    pub async fn registered(&self, tenant: &str, email: &str) -> Value {
        self.post(
            "/api/v1/auth/register",
            json!({"email": email, "password": MEMBER_PASSWORD}),
        )
        .tenant(tenant)
        .expect_json(StatusCode::CREATED)
        .await
    }

    /// Registers a customer in `tenant` (self-registration) and returns the access token.
    pub async fn customer(&self, tenant: &str, email: &str) -> String {
        access_token(&self.registered(tenant, email).await)
    }

    /// A registration promoted to `role` (as a tenant's admin would); returns the access token of
    /// a login after the promotion.
    pub async fn staff(&self, tenant: &str, email: &str, role: &str) -> String {
        let registered = self.registered(tenant, email).await;
        let user_id = registered["user"]["id"].as_str().expect("user id");
        self.set_role(user_id, role).await;
        access_token(&self.login(Some(tenant), email, MEMBER_PASSWORD).await)
    }

    /// Gives a user another role, straight in the database.
    pub async fn set_role(&self, user_id: &str, role: &str) {
        use rustok_server::models::users;
        use sea_orm::{ActiveModelTrait, EntityTrait, Set};
        let id: uuid::Uuid = user_id.parse().expect("user id is a UUID");
        let user = users::Entity::find_by_id(id)
            .one(&self.state.db)
            .await
            .expect("user lookup")
            .expect("user exists");
        let mut user: users::ActiveModel = user.into();
        user.role = Set(role.to_string());
        user.update(&self.state.db).await.expect("role saved");
    }
}
