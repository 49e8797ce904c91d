use async_trait::async_trait;
use loco_rs::app::AppContext;
use loco_rs::task::{Task, TaskInfo, Vars};

use migration::{Migrator, MigratorTrait};
use rustok_rbac::Role;

use crate::app::shared_state;
use crate::services::tenant_admin::{CreateTenantInput, create_tenant_unchecked};

/// `rustok-server task create_tenant slug:acme name:"Acme" admin_email:owner@acme.test
/// [admin_password:...] [domain:shop.acme.test]`
///
/// A server already running in another process caches tenant lookups (including misses) for
/// `tenant.cache_ttl_secs`, so it may take that long to see the new tenant.
pub struct CreateTenant;

const USAGE: &str =
    "slug:<slug> name:<name> admin_email:<email> [admin_password:<password>] [domain:<host>]";

#[async_trait]
impl Task for CreateTenant {
    fn task(&self) -> TaskInfo {
        TaskInfo {
            name: "create_tenant".to_string(),
            detail: format!("Create a tenant and its admin: {USAGE}"),
        }
    }

    async fn run(&self, ctx: &AppContext, vars: &Vars) -> loco_rs::Result<()> {
        let [slug, name, admin_email] = super::required_args(
            vars,
            "create_tenant",
            ["slug", "name", "admin_email"],
            USAGE,
        )?;
        // Tasks may run before the server ever started on this database.
        Migrator::up(&ctx.db, None).await?;
        let state = shared_state(ctx)?;
        let input = CreateTenantInput {
            slug: slug.to_string(),
            name: name.to_string(),
            admin_email: admin_email.to_string(),
            admin_password: vars.cli.get("admin_password").cloned(),
            domains: vars.cli.get("domain").cloned().into_iter().collect(),
            settings: None,
        };
        let created = create_tenant_unchecked(&state, input, Role::Admin, None)
            .await
            .map_err(|err| loco_rs::Error::string(&err.to_string()))?;
        println!(
            "tenant {} ({}) created",
            created.tenant.slug, created.tenant.id
        );
        println!("admin  {}", created.admin.email);
        if let Some(password) = created.generated_password {
            println!("password {password}  (generated; shown once)");
        }
        Ok(())
    }
}
