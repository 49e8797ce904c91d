use std::io::IsTerminal;

use async_trait::async_trait;
use loco_rs::app::AppContext;
use loco_rs::task::{Task, TaskInfo, Vars};

use migration::{Migrator, MigratorTrait};
use rustok_core::TenantId;
use rustok_tenant::TenantService;

use crate::app::shared_state;

/// `rustok-server task reindex [tenant:<slug>] [kind:products|content] [resume:true]`
///
/// Rebuilds the read model from the write model: every tenant, or the one named; every kind
/// (products, then content), or the one named. It drops the
/// tenant's rows and refills them page by page (constant memory); with `resume:true` an
/// interrupted build continues after its last page instead. Visitors read the write model while
/// a tenant is rebuilt. Progress: a spinner with the count on a terminal, otherwise a line per
/// 1,000 products or nodes.
pub struct Reindex;

const USAGE: &str = "[tenant:<slug>] [kind:products|content] [resume:true]";

#[async_trait]
impl Task for Reindex {
    fn task(&self) -> TaskInfo {
        TaskInfo {
            name: "reindex".to_string(),
            detail: format!("Rebuild the storefront read model: {USAGE}"),
        }
    }

    async fn run(&self, ctx: &AppContext, vars: &Vars) -> loco_rs::Result<()> {
        let fail = |err: &dyn std::fmt::Display| loco_rs::Error::string(&err.to_string());
        let kinds = match vars.cli.get("kind").map(String::as_str) {
            None => vec![rustok_index::PRODUCTS, rustok_index::CONTENT],
            Some(kind) if kind == rustok_index::PRODUCTS || kind == rustok_index::CONTENT => {
                vec![kind]
            }
            Some(kind) => {
                return Err(loco_rs::Error::string(&format!(
                    "kind: `{kind}` is not an indexed kind (products, content); usage: rustok-server task reindex {USAGE}"
                )));
            }
        };
        let resume = vars.cli.get("resume").is_some_and(|v| v == "true");
        Migrator::up(&ctx.db, None).await?;
        let state = shared_state(ctx)?;
        let tenants = match vars.cli.get("tenant") {
            Some(slug) => vec![
                TenantService::find_by_slug(&state.db, slug)
                    .await
                    .map_err(|e| fail(&e))?
                    .ok_or_else(|| loco_rs::Error::string(&format!("no tenant `{slug}`")))?,
            ],
            None => all_tenants(&state.db).await.map_err(|e| fail(&e))?,
        };
        let terminal = std::io::stdout().is_terminal();
        for tenant in tenants {
            for kind in &kinds {
                let kind = *kind;
                let items = if kind == rustok_index::CONTENT {
                    "nodes"
                } else {
                    "products"
                };
                let started = std::time::Instant::now();
                let slug = tenant.slug.clone();
                let bar = terminal.then(|| progress_bar(&slug, items));
                let shown = bar.clone();
                let report = move |done: u64| match &shown {
                    Some(bar) => bar.set_position(done),
                    None if done.is_multiple_of(rustok_index::PAGE * 10) => {
                        println!("{slug}: {done} {items}");
                    }
                    None => {}
                };
                let id = TenantId::from_uuid(tenant.id);
                let rebuilt = if kind == rustok_index::CONTENT {
                    state.content_index.rebuild(id, !resume, &report).await
                } else {
                    state.product_index.rebuild(id, !resume, &report).await
                }
                .map_err(|e| fail(&e))?;
                if let Some(bar) = bar {
                    bar.finish_and_clear();
                }
                println!(
                    "{}: {} {items}, {} row(s) in {:.1} s",
                    tenant.slug,
                    rebuilt.products,
                    rebuilt.rows,
                    started.elapsed().as_secs_f64()
                );
            }
        }
        Ok(())
    }
}

/// A spinner with the count and rate (the total is not known before the walk ends).
fn progress_bar(slug: &str, items: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    let style = indicatif::ProgressStyle::with_template(&format!(
        "{{spinner}} {{prefix}}: {{pos}} {items} ({{per_sec}}, {{elapsed}})"
    ))
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.set_prefix(slug.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

async fn all_tenants(
    db: &sea_orm::DatabaseConnection,
) -> Result<Vec<rustok_tenant::entities::tenants::Model>, rustok_tenant::TenantError> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = TenantService::list(db, after, 100).await?;
        let Some(last) = page.last().map(|t| t.id) else {
            return Ok(all);
        };
        all.extend(page);
        after = Some(last);
    }
}
