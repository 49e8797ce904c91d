//! First start: the demo tenant (the default tenant) and its admin, who is the platform's
//! super admin.

use rustok_core::{DomainEvent, Error, TenantId};
use rustok_rbac::Role;
use rustok_tenant::TenantService;
use sea_orm::{ActiveModelTrait, Set};

use crate::models::users;
use crate::services::auth::find_user_by_email;
use crate::services::tenant_admin::{CreateTenantInput, create_tenant_unchecked};
use crate::state::{AppState, write_private};

pub const DEMO_ADMIN_EMAIL: &str = "admin@demo.local";
pub const ADMIN_PASSWORD_FILE: &str = "admin-password.txt";

/// Creates the default tenant and its super admin unless the tenant exists. Idempotent.
pub async fn seed_demo_tenant(state: &AppState) -> Result<(), Error> {
    let settings = &state.settings;
    if !settings.seed.demo_tenant {
        return Ok(());
    }
    let slug = &settings.tenant.default_slug;
    if TenantService::find_by_slug(&state.db, slug)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let email = settings
        .seed
        .admin_email
        .clone()
        .unwrap_or_else(|| DEMO_ADMIN_EMAIL.to_string());
    let created = create_tenant_unchecked(
        state,
        CreateTenantInput {
            name: "Demo Store".into(),
            slug: slug.clone(),
            admin_email: email.clone(),
            admin_password: settings.seed.admin_password.clone(),
            domains: Vec::new(),
        },
    )
    .await?;
    let tenant = TenantId::from_uuid(created.tenant.id);

    // The seeded admin runs the platform, not just the demo tenant.
    if let Some(admin) = find_user_by_email(&state.db, tenant, &created.admin.email).await? {
        let mut admin: users::ActiveModel = admin.into();
        admin.role = Set(Role::SuperAdmin.as_str().to_string());
        admin.update(&state.db).await?;
    }

    if let Some(password) = &created.generated_password {
        let path = settings.data_dir.join(ADMIN_PASSWORD_FILE);
        write_private(&path, password).map_err(Error::internal)?;
        tracing::warn!(
            email = %created.admin.email,
            password = %password,
            file = %path.display(),
            "created the demo tenant and its admin; this password is shown once (also saved to the file)"
        );
    } else {
        tracing::info!(email = %created.admin.email, "created the demo tenant and its admin");
    }
    if let Err(err) = state
        .events
        .emit(
            tenant,
            None,
            DomainEvent::TenantCreated {
                tenant_id: tenant.as_uuid(),
                slug: created.tenant.slug,
            },
        )
        .await
    {
        tracing::warn!(error = %err, "seed event not published");
    }
    Ok(())
}
