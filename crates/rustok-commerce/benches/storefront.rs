//! Commerce hot paths on SQLite (a temp file): `cargo bench -p rustok-commerce`.
//!
//! Loads the deterministic benchmark catalogue (`seed_catalog`, 1000 products × 3 variants),
//! then reports latency (p50/p99) and throughput of:
//! - a product by handle with its calculated region price (the storefront product page);
//! - a page of 20 published products with calculated prices (the storefront listing);
//! - a guest checkout of one line (cart + item + checkout), sequentially.
//!
//! These reads go through the write model; the index module will serve the storefront from
//! denormalised rows. The numbers are the baseline it has to beat.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

use std::sync::Arc;
use std::time::{Duration, Instant};

use migration::{Migrator, MigratorTrait};
use rustok_commerce::dto::{
    CartItemInput, CheckoutInput, NewCart, NewRegion, ProductFilter, ProductStatus,
};
use rustok_commerce::{
    CartService, CatalogService, CheckoutService, CommerceContext, PriceMode, RegionService,
    seed_catalog,
};
use rustok_core::{EventBus, LocalePolicy, TenantId};
use rustok_outbox::{OutboxStats, OutboxTransport};
use rustok_tenant::{NewTenant, TenantService};
use sea_orm::{ConnectionTrait, Database};
use tokio::sync::Notify;

const PRODUCTS: usize = 1_000;
const READS: usize = 2_000;
const CHECKOUTS: usize = 200;

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let total: Duration = samples.iter().sum();
    let p = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    println!(
        "{name:<28} n={:<5} p50={:>8.3} ms  p99={:>8.3} ms  {:>8.0} ops/s (sequential)",
        samples.len(),
        p(0.50).as_secs_f64() * 1e3,
        p(0.99).as_secs_f64() * 1e3,
        samples.len() as f64 / total.as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/bench.sqlite?mode=rwc", dir.path().display());
    let db = Database::connect(&url).await.expect("connect");
    db.execute_unprepared(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;",
    )
    .await
    .expect("pragmas");
    Migrator::up(&db, None).await.expect("migrate");
    let events = EventBus::new(Arc::new(OutboxTransport::new(
        db.clone(),
        Arc::new(OutboxStats::default()),
        Arc::new(Notify::new()),
    )));
    let tenant = TenantService::create(
        &db,
        NewTenant {
            name: "Bench".into(),
            slug: "bench".into(),
            settings: None,
        },
    )
    .await
    .expect("tenant");
    let ctx = CommerceContext {
        tenant: TenantId::from_uuid(tenant.id),
        actor: None,
        locales: LocalePolicy::single("en".parse().expect("locale")),
    };

    let started = Instant::now();
    seed_catalog(&db, &events, &ctx, PRODUCTS, "EUR")
        .await
        .expect("seed");
    println!(
        "seed_catalog: {PRODUCTS} products in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let region = RegionService::new(&db, &events)
        .create(
            &ctx,
            NewRegion {
                name: "Europe".into(),
                currency: "EUR".into(),
                countries: vec!["DE".into()],
                tax_rate_bp: Some(2000),
                tax_inclusive: Some(true),
            },
        )
        .await
        .expect("region");
    let eur = PriceMode::Region("EUR".parse().expect("currency"));
    let catalog = CatalogService::new(&db, &events);

    let mut samples = Vec::with_capacity(READS);
    for i in 0..READS {
        let handle = format!("product-{:04}", i % PRODUCTS + 1);
        let t = Instant::now();
        let product = catalog
            .get_by_handle(&ctx, &handle, None, eur, true)
            .await
            .expect("product");
        samples.push(t.elapsed());
        assert!(product.variants[0].calculated_price.is_some());
    }
    report("product by handle + price", samples);

    let mut samples = Vec::with_capacity(READS / 4);
    for _ in 0..READS / 4 {
        let t = Instant::now();
        let page = catalog
            .list_products(
                &ctx,
                ProductFilter {
                    status: Some(ProductStatus::Published),
                    limit: 20,
                    ..ProductFilter::default()
                },
                None,
                eur,
            )
            .await
            .expect("list");
        samples.push(t.elapsed());
        assert_eq!(page.items.len(), 20);
    }
    report("listing of 20 + prices", samples);

    let carts = CartService::new(&db);
    let checkout = CheckoutService::new(&db, &events);
    let mut samples = Vec::with_capacity(CHECKOUTS);
    for i in 0..CHECKOUTS {
        let product = catalog
            .get_by_handle(
                &ctx,
                &format!("product-{:04}", i % PRODUCTS + 1),
                None,
                eur,
                true,
            )
            .await
            .expect("product");
        let t = Instant::now();
        let cart = carts
            .create(
                &ctx,
                NewCart {
                    region_id: region.id,
                    email: Some("bench@example.com".into()),
                },
            )
            .await
            .expect("cart");
        carts
            .add_item(
                &ctx,
                cart.id,
                CartItemInput {
                    variant_id: product.variants[1].id,
                    quantity: 1,
                },
            )
            .await
            .expect("item");
        checkout
            .checkout(
                &ctx,
                cart.id,
                CheckoutInput {
                    idempotency_key: Some(format!("bench-{i}")),
                    email: None,
                    payment_provider: None,
                    shipping_address: None,
                    billing_address: None,
                },
            )
            .await
            .expect("checkout");
        samples.push(t.elapsed());
    }
    report("cart + item + checkout", samples);
}
