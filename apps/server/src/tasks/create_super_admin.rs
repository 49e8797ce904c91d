use std::io::BufRead;

use async_trait::async_trait;
use loco_rs::app::AppContext;
use loco_rs::task::{Task, TaskInfo, Vars};
use migration::{Migrator, MigratorTrait};

use crate::app::shared_state;
use crate::services::tenant_admin::create_super_admin;

/// `rustok-server task create_super_admin email:<email>`, the password from
/// `RUSTOK_ADMIN_PASSWORD` or else the first line of standard input (never an argument, which
/// would land in the shell history and the process list).
///
/// Creates a super admin in the platform (default) tenant, and that tenant (without demo
/// content) when the database has none: how a production database gets its first operator.
pub struct CreateSuperAdmin;

const USAGE: &str = "email:<email>  (password: RUSTOK_ADMIN_PASSWORD or the first line of stdin)";

#[async_trait]
impl Task for CreateSuperAdmin {
    fn task(&self) -> TaskInfo {
        TaskInfo {
            name: "create_super_admin".to_string(),
            detail: format!("Create a super admin in the platform tenant: {USAGE}"),
        }
    }

    async fn run(&self, ctx: &AppContext, vars: &Vars) -> loco_rs::Result<()> {
        let [email] = super::required_args(vars, "create_super_admin", ["email"], USAGE)?;
        let password = std::env::var("RUSTOK_ADMIN_PASSWORD")
            .ok()
            .filter(|password| !password.trim().is_empty())
            .map_or_else(read_password, Ok)?;
        Migrator::up(&ctx.db, None).await?;
        let state = shared_state(ctx)?;
        let created = create_super_admin(&state, email.to_string(), password)
            .await
            .map_err(|err| loco_rs::Error::string(&err.to_string()))?;
        if created.tenant_created {
            println!(
                "tenant {} created (the platform tenant)",
                created.tenant_slug
            );
        }
        println!(
            "super admin {} created in tenant {}",
            created.admin.email, created.tenant_slug
        );
        Ok(())
    }
}

/// The first line of standard input, without its line ending.
fn read_password() -> loco_rs::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|err| loco_rs::Error::string(&format!("cannot read the password: {err}")))?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err(loco_rs::Error::string(
            "create_super_admin needs a password: set RUSTOK_ADMIN_PASSWORD or pipe it on stdin",
        ));
    }
    Ok(password)
}
