//! First start: the demo tenant (the default tenant) and its admin, who is the platform's
//! super admin.

use rustok_core::Error;
use rustok_rbac::Role;
use rustok_tenant::TenantService;

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
            // The demo speaks English (default) and German.
            settings: Some(serde_json::json!({
                "locales": {"default": "en", "enabled": ["en", "de"]}
            })),
        },
        // The seeded admin runs the platform, not just the demo tenant.
        Role::SuperAdmin,
        None,
    )
    .await?;

    if let Some(password) = &created.generated_password {
        let path = settings.data_dir.join(ADMIN_PASSWORD_FILE);
        write_private(&path, password).map_err(Error::internal)?;
        // The password itself never reaches the log (logs are shipped and kept).
        tracing::warn!(
            email = %created.admin.email,
            file = %path.display(),
            "created the demo tenant and its admin; the generated password is in the file (readable by this user only)"
        );
    } else {
        tracing::info!(email = %created.admin.email, "created the demo tenant and its admin");
    }
    let Some(tenant) = TenantService::find_by_slug(&state.db, slug).await? else {
        return Ok(());
    };
    let tenant = rustok_tenant::TenantContext::from(tenant);
    seed_demo_content(state, &tenant).await?;
    if settings.seed.demo_shop {
        seed_demo_shop(state, &tenant).await?;
    }
    Ok(())
}

/// Demo content in the demo tenant: blog posts with a comment, a forum with topics, and (from
/// the pages module) an About page and the main menu; each module seeds its own.
async fn seed_demo_content(
    state: &AppState,
    tenant: &rustok_tenant::TenantContext,
) -> Result<(), Error> {
    let ctx = rustok_content::ContentContext {
        tenant: tenant.id,
        actor: None,
        locales: tenant.locales.clone(),
    };
    if rustok_blog::seed_demo(&state.db, &state.events, &ctx).await? {
        tracing::info!("seeded the demo blog");
    }
    if rustok_forum::seed_demo(&state.db, &state.events, &ctx).await? {
        tracing::info!("seeded the demo forum");
    }
    if rustok_pages::seed_demo(&state.db, &state.events, &ctx).await? {
        tracing::info!("seeded the demo pages and main menu");
    }
    Ok(())
}

/// A small demo shop in the demo tenant: a Europe region with shipping options and a dozen
/// products with prices and stock (see `rustok_commerce::seed_demo_shop`).
async fn seed_demo_shop(
    state: &AppState,
    tenant: &rustok_tenant::TenantContext,
) -> Result<(), Error> {
    let ctx = rustok_commerce::CommerceContext {
        tenant: tenant.id,
        actor: None,
        locales: tenant.locales.clone(),
    };
    if rustok_commerce::seed_demo_shop(&state.db, &state.events, &ctx).await? {
        tracing::info!("seeded the demo shop");
    }
    Ok(())
}
