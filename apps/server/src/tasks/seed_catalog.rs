use async_trait::async_trait;
use loco_rs::app::AppContext;
use loco_rs::task::{Task, TaskInfo, Vars};

use migration::{Migrator, MigratorTrait};
use rustok_tenant::{TenantContext, TenantService};

use crate::app::shared_state;

/// `rustok-server task seed_catalog products:1000 [tenant:<slug>] [currency:EUR]`
///
/// A large deterministic catalogue for benchmarks: published products `product-0001`, ...
/// with variants S/M/L, one price each and stock 100. Re-running completes a partial load.
/// Written in chunks of multi-row inserts, one `commerce.products_imported` event per chunk (see
/// `rustok_commerce::seed_catalog`): 100 000 products take minutes, not hours, and the storefront
/// index follows them through the outbox as fast as a rebuild.
pub struct SeedCatalog;

const USAGE: &str = "products:<n> [tenant:<slug>] [currency:<ISO 4217>]";

#[async_trait]
impl Task for SeedCatalog {
    fn task(&self) -> TaskInfo {
        TaskInfo {
            name: "seed_catalog".to_string(),
            detail: format!("Create a deterministic benchmark catalogue: {USAGE}"),
        }
    }

    async fn run(&self, ctx: &AppContext, vars: &Vars) -> loco_rs::Result<()> {
        // Asked for explicitly: a bare `seed_catalog` must not fill a shop with test products.
        let [products] = super::required_args(vars, "seed_catalog", ["products"], USAGE)?;
        let count: usize = products
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .ok_or_else(|| loco_rs::Error::string("products: expected a number 1..=1000000"))?;
        Migrator::up(&ctx.db, None).await?;
        let state = shared_state(ctx)?;
        // A fresh database has no tenant until the server's first start; seed it the same way.
        crate::seed::seed_demo_tenant(&state)
            .await
            .map_err(|err| loco_rs::Error::string(&err.to_string()))?;
        let slug = vars
            .cli
            .get("tenant")
            .cloned()
            .unwrap_or_else(|| state.settings.tenant.default_slug.clone());
        let currency = vars
            .cli
            .get("currency")
            .cloned()
            .unwrap_or_else(|| "EUR".to_string());
        let tenant = TenantService::find_by_slug(&state.db, &slug)
            .await
            .map_err(|err| loco_rs::Error::string(&err.to_string()))?
            .ok_or_else(|| loco_rs::Error::string(&format!("no tenant `{slug}`")))?;
        let tenant = TenantContext::from(tenant);
        let commerce = rustok_commerce::CommerceContext {
            tenant: tenant.id,
            actor: None,
            locales: tenant.locales,
        };
        let started = std::time::Instant::now();
        let created =
            rustok_commerce::seed_catalog(&state.db, &state.events, &commerce, count, &currency)
                .await
                .map_err(|err| loco_rs::Error::string(&err.to_string()))?;
        rustok_core::db::refresh_statistics(&state.db, &[])
            .await
            .map_err(|err| loco_rs::Error::string(&err.to_string()))?;
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{created} product(s) created in tenant {slug} ({count} requested) in {seconds:.1} s \
             ({:.0} products/s)",
            created as f64 / seconds.max(0.001)
        );
        Ok(())
    }
}
