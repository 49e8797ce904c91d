//! The product read model against real commerce writes, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL: events flow through the outbox and a relay into the index,
//! and what visitors read is what the catalogue says.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::sync::Arc;

use chrono::{Duration, Utc};
use rustok_commerce::dto::{
    NewPriceList, NewProduct, NewVariant, PriceInput, ProductFilter, ProductPatch, ProductStatus,
    ProductTranslationInput, ProductView,
};
use rustok_commerce::{
    CatalogService, CommerceContext, Currency, InventoryService, PriceMode, StorefrontCatalog,
    visitor_view,
};
use rustok_core::{EventHandler, ProductKey, ProductListing, ProductReads, TenantId, generate_id};
use rustok_index::entities::index_products;
use rustok_index::{IndexConsumer, ProductIndex};
use rustok_outbox::{OutboxStats, Relay, RelayConfig, claim_strategy_for};
use rustok_tenant::{NewTenant, TenantService};
use rustok_testkit::{TestDb, english_and_german, locale};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use tokio::sync::Notify;

struct Shop {
    h: TestDb,
    index: ProductIndex,
    relay: Relay,
    staff: CommerceContext,
}

impl Shop {
    async fn new() -> Self {
        let h = TestDb::new("rustok_index").await;
        let index = ProductIndex::new(h.db.clone(), Arc::new(StorefrontCatalog));
        let relay = relay(&h, &index);
        let staff = tenant(&h, "shop").await;
        index.rebuild(staff.tenant, true, &|_| {}).await.unwrap();
        Self {
            h,
            index,
            relay,
            staff,
        }
    }

    fn catalog(&self) -> CatalogService<'_> {
        CatalogService::new(&self.h.db, &self.h.events)
    }

    /// Delivers every pending event (what the server's relay does continuously).
    async fn settle(&self) {
        while self.relay.relay_pending_events().await.unwrap() > 0 {}
    }

    async fn visible(&self, tenant: TenantId, locale: &str, handle: &str) -> Option<ProductView> {
        let stored = self
            .index
            .product(tenant, locale, ProductKey::Handle(handle))
            .await
            .unwrap()?;
        Some(visitor_view(stored, None, Utc::now()).unwrap())
    }

    async fn listed(&self, listing: ProductListing) -> Vec<String> {
        let page = self
            .index
            .products(self.staff.tenant, "en", &listing)
            .await
            .unwrap();
        page.items
            .into_iter()
            .map(|stored| visitor_view(stored, None, Utc::now()).unwrap().handle)
            .collect()
    }

    async fn create(&self, input: NewProduct) -> ProductView {
        let product = self
            .catalog()
            .create_product(&self.staff, input)
            .await
            .unwrap();
        self.settle().await;
        product
    }
}

fn relay(h: &TestDb, index: &ProductIndex) -> Relay {
    let handlers: Vec<Arc<dyn EventHandler>> = vec![IndexConsumer::new(index.clone()).shared()];
    Relay::new(
        h.db.clone(),
        claim_strategy_for(&h.db, generate_id().to_string()),
        handlers,
        RelayConfig::default(),
        Arc::new(OutboxStats::default()),
        Arc::new(Notify::new()),
    )
}

/// A tenant speaking English (default) and German, and its staff.
async fn tenant(h: &TestDb, slug: &str) -> CommerceContext {
    let settings = json!({"locales": {"default": "en", "enabled": ["en", "de"]}});
    let tenant = TenantService::create(
        &h.db,
        NewTenant {
            name: slug.into(),
            slug: slug.into(),
            settings: Some(settings),
        },
    )
    .await
    .unwrap();
    CommerceContext {
        tenant: TenantId::from_uuid(tenant.id),
        actor: Some(generate_id()),
        locales: english_and_german(),
    }
}

fn price(currency: &str, amount: i64) -> PriceInput {
    PriceInput {
        currency: currency.into(),
        amount,
        ..PriceInput::default()
    }
}

fn product(handle: &str, status: ProductStatus, amount: i64, stock: i64) -> NewProduct {
    NewProduct {
        handle: handle.into(),
        status: Some(status),
        translations: vec![
            ProductTranslationInput {
                locale: "en".into(),
                title: format!("{handle} in English"),
                ..ProductTranslationInput::default()
            },
            ProductTranslationInput {
                locale: "de".into(),
                title: format!("{handle} auf Deutsch"),
                ..ProductTranslationInput::default()
            },
        ],
        variants: vec![NewVariant {
            title: "One".into(),
            sku: Some(format!("SKU-{handle}")),
            prices: vec![price("EUR", amount)],
            stock: Some(stock),
            ..NewVariant::default()
        }],
        tags: vec!["summer".into()],
        ..NewProduct::default()
    }
}

/// What staff read from the write model, as a visitor (published only, every price).
async fn written(shop: &Shop, handle: &str, locale_tag: &str) -> ProductView {
    shop.catalog()
        .get_by_handle(
            &shop.staff,
            handle,
            Some(&locale(locale_tag)),
            PriceMode::All,
            true,
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn published_products_are_indexed_per_locale_as_the_write_model_shows_them() {
    let shop = Shop::new().await;
    shop.create(product("tee", ProductStatus::Published, 1500, 5))
        .await;
    let tenant = shop.staff.tenant;

    let en = shop.visible(tenant, "en", "tee").await.expect("indexed");
    assert_eq!(en, written(&shop, "tee", "en").await);
    assert_eq!(en.title, "tee in English");
    let de = shop
        .visible(tenant, "de", "tee")
        .await
        .expect("indexed in German");
    assert_eq!(de, written(&shop, "tee", "de").await);
    assert_eq!(de.title, "tee auf Deutsch");
    let by_id = shop
        .index
        .product(tenant, "en", ProductKey::Id(en.id))
        .await
        .unwrap()
        .expect("by id");
    assert_eq!(by_id.id, en.id);
}

#[tokio::test]
async fn a_draft_never_reaches_the_index_until_it_is_published() {
    let shop = Shop::new().await;
    let draft = shop
        .create(product("draft", ProductStatus::Draft, 900, 1))
        .await;
    assert_eq!(shop.visible(shop.staff.tenant, "en", "draft").await, None);
    assert!(shop.listed(listing()).await.is_empty());

    let publish = ProductPatch {
        status: Some(ProductStatus::Published),
        ..ProductPatch::default()
    };
    shop.catalog()
        .update_product(&shop.staff, draft.id, publish)
        .await
        .unwrap();
    shop.settle().await;
    assert!(
        shop.visible(shop.staff.tenant, "en", "draft")
            .await
            .is_some()
    );
}

fn listing() -> ProductListing {
    ProductListing {
        limit: 20,
        ..ProductListing::default()
    }
}

#[tokio::test]
async fn edits_prices_stock_outs_unpublishing_and_deletes_reach_visitors() {
    let shop = Shop::new().await;
    let tee = shop
        .create(product("tee", ProductStatus::Published, 1500, 1))
        .await;
    let mug = shop
        .create(product("mug", ProductStatus::Published, 800, 3))
        .await;
    let tenant = shop.staff.tenant;

    // An edit of the texts.
    let retitle = ProductPatch {
        translations: Some(vec![ProductTranslationInput {
            locale: "en".into(),
            title: "Tee, now organic".into(),
            ..ProductTranslationInput::default()
        }]),
        ..ProductPatch::default()
    };
    shop.catalog()
        .update_product(&shop.staff, tee.id, retitle)
        .await
        .unwrap();
    shop.settle().await;
    let seen = shop.visible(tenant, "en", "tee").await.unwrap();
    assert_eq!(seen.title, "Tee, now organic");

    // A price change moves the product in and out of a price filter.
    let cheap = |max| ProductListing {
        price: Some(("EUR".into(), None, Some(max))),
        ..listing()
    };
    assert_eq!(shop.listed(cheap(1000)).await, vec!["mug"]);
    let tee_variant = tee.variants[0].id;
    shop.catalog()
        .set_price(&shop.staff, tee_variant, price("EUR", 700))
        .await
        .unwrap();
    shop.settle().await;
    assert_eq!(shop.listed(cheap(1000)).await, vec!["mug", "tee"]);
    assert_eq!(
        shop.visible(tenant, "en", "tee").await.unwrap(),
        written(&shop, "tee", "en").await
    );

    // The last unit gone: out of stock, and out of the in-stock listing.
    let in_stock = ProductListing {
        in_stock: true,
        ..listing()
    };
    assert_eq!(shop.listed(in_stock.clone()).await, vec!["mug", "tee"]);
    InventoryService::new(&shop.h.db, &shop.h.events)
        .set_on_hand(&shop.staff, tee_variant, 0)
        .await
        .unwrap();
    shop.settle().await;
    assert!(!shop.visible(tenant, "en", "tee").await.unwrap().variants[0].in_stock);
    assert_eq!(shop.listed(in_stock).await, vec!["mug"]);

    // Unpublished: gone for visitors.
    let archive = ProductPatch {
        status: Some(ProductStatus::Archived),
        ..ProductPatch::default()
    };
    shop.catalog()
        .update_product(&shop.staff, tee.id, archive)
        .await
        .unwrap();
    shop.settle().await;
    assert_eq!(shop.visible(tenant, "en", "tee").await, None);
    assert_eq!(shop.listed(listing()).await, vec!["mug"]);

    // Deleted: gone too, in every locale.
    shop.catalog()
        .delete_product(&shop.staff, mug.id)
        .await
        .unwrap();
    shop.settle().await;
    assert_eq!(shop.visible(tenant, "de", "mug").await, None);
    assert!(shop.listed(listing()).await.is_empty());
}

#[tokio::test]
async fn listings_filter_by_tag_and_page_newest_first() {
    let shop = Shop::new().await;
    for handle in ["a", "b", "c"] {
        shop.create(product(handle, ProductStatus::Published, 100, 1))
            .await;
    }
    let mut plain = product("d", ProductStatus::Published, 100, 1);
    plain.tags = Vec::new();
    shop.create(plain).await;

    let summer = ProductListing {
        tag: Some("summer".into()),
        ..listing()
    };
    assert_eq!(shop.listed(summer).await, vec!["c", "b", "a"]);
    let first = shop
        .index
        .products(
            shop.staff.tenant,
            "en",
            &ProductListing {
                limit: 2,
                ..listing()
            },
        )
        .await
        .unwrap();
    assert_eq!(first.items.len(), 2);
    let second = ProductListing {
        limit: 2,
        after: first.next,
        ..listing()
    };
    assert_eq!(shop.listed(second).await, vec!["b", "a"]);
}

#[tokio::test]
async fn two_tenants_with_the_same_handle_see_only_their_own() {
    let shop = Shop::new().await;
    let other = tenant(&shop.h, "other").await;
    shop.index
        .rebuild(other.tenant, true, &|_| {})
        .await
        .unwrap();
    shop.create(product("tee", ProductStatus::Published, 1500, 1))
        .await;
    let mut theirs = product("tee", ProductStatus::Published, 99, 1);
    theirs.translations[0].title = "Their tee".into();
    shop.catalog().create_product(&other, theirs).await.unwrap();
    shop.settle().await;

    let ours = shop.visible(shop.staff.tenant, "en", "tee").await.unwrap();
    let theirs = shop.visible(other.tenant, "en", "tee").await.unwrap();
    assert_eq!(ours.title, "tee in English");
    assert_eq!(theirs.title, "Their tee");
    assert_ne!(ours.id, theirs.id);
    let listed = shop
        .index
        .products(other.tenant, "en", &listing())
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].id, theirs.id);
}

#[tokio::test]
async fn a_rebuild_after_wiping_the_index_returns_identical_documents() {
    let shop = Shop::new().await;
    for handle in ["a", "b", "c"] {
        shop.create(product(handle, ProductStatus::Published, 100, 1))
            .await;
    }
    shop.create(product("hidden", ProductStatus::Draft, 100, 1))
        .await;
    let before = shop
        .index
        .products(shop.staff.tenant, "de", &listing())
        .await
        .unwrap();
    assert_eq!(before.items.len(), 3);

    for table in [
        "index_products",
        "index_product_terms",
        "index_product_prices",
        "index_builds",
    ] {
        shop.h
            .db
            .execute_unprepared(&format!("DELETE FROM {table}"))
            .await
            .unwrap();
    }
    let fresh = ProductIndex::new(shop.h.db.clone(), Arc::new(StorefrontCatalog));
    assert!(!fresh.ready(shop.staff.tenant).await.unwrap());
    let rebuilt = fresh
        .rebuild(shop.staff.tenant, false, &|_| {})
        .await
        .unwrap();
    assert_eq!((rebuilt.products, rebuilt.rows), (4, 6));
    assert!(fresh.ready(shop.staff.tenant).await.unwrap());
    let after = fresh
        .products(shop.staff.tenant, "de", &listing())
        .await
        .unwrap();
    assert_eq!(after, before);
}

#[tokio::test]
async fn events_written_before_a_crash_are_indexed_by_the_next_relay() {
    let shop = Shop::new().await;
    // Written, committed, not yet delivered: the process "dies" here.
    shop.catalog()
        .create_product(
            &shop.staff,
            product("late", ProductStatus::Published, 100, 1),
        )
        .await
        .unwrap();
    assert_eq!(shop.visible(shop.staff.tenant, "en", "late").await, None);

    // A new process: a new index and relay over the same database.
    let index = ProductIndex::new(shop.h.db.clone(), Arc::new(StorefrontCatalog));
    let relay = relay(&shop.h, &index);
    while relay.relay_pending_events().await.unwrap() > 0 {}
    assert!(
        shop.visible(shop.staff.tenant, "en", "late")
            .await
            .is_some()
    );
}

#[tokio::test]
async fn a_bulk_seed_reaches_visitors_through_one_event_per_batch() {
    let shop = Shop::new().await;
    // 520 products: a batch of 500 and one of 20, each announced by one import event.
    let created =
        rustok_commerce::seed_catalog(&shop.h.db, &shop.h.events, &shop.staff, 520, "EUR")
            .await
            .unwrap();
    assert_eq!(created, 520);
    assert_eq!(
        shop.visible(shop.staff.tenant, "en", "product-0001").await,
        None
    );
    shop.settle().await;
    for handle in [
        "product-0001",
        "product-0250",
        "product-0501",
        "product-0520",
    ] {
        let product = shop
            .visible(shop.staff.tenant, "en", handle)
            .await
            .unwrap_or_else(|| panic!("{handle} not indexed"));
        assert_eq!(product.variants.len(), 3, "{handle}");
    }
    // Every product, in every locale of the tenant, and nothing else.
    let rows = index_products::Entity::find()
        .filter(index_products::Column::TenantId.eq(shop.staff.tenant.as_uuid()))
        .count(&shop.h.db)
        .await
        .unwrap();
    assert_eq!(rows, 520 * 2);
    assert_eq!(shop.listed(listing()).await.len(), 20);
}

#[tokio::test]
async fn region_prices_follow_price_list_windows_without_a_reindex() {
    let shop = Shop::new().await;
    let tee = shop
        .create(product("tee", ProductStatus::Published, 1500, 1))
        .await;
    let now = Utc::now();
    let sale = shop
        .catalog()
        .create_price_list(
            &shop.staff,
            NewPriceList {
                title: "Sale".into(),
                starts_at: Some(now + Duration::hours(1)),
                ends_at: Some(now + Duration::hours(2)),
            },
        )
        .await
        .unwrap();
    let sale_price = PriceInput {
        price_list_id: Some(sale.id),
        ..price("EUR", 1000)
    };
    shop.catalog()
        .set_price(&shop.staff, tee.variants[0].id, sale_price)
        .await
        .unwrap();
    shop.settle().await;

    let eur = "EUR".parse::<Currency>().unwrap();
    let stored = || async {
        shop.index
            .product(shop.staff.tenant, "en", ProductKey::Id(tee.id))
            .await
            .unwrap()
            .unwrap()
    };
    let at = |offset: i64| now + Duration::minutes(offset);
    let priced = |view: ProductView| {
        (
            view.variants[0].calculated_price,
            view.variants[0].prices.len(),
        )
    };
    let before = visitor_view(stored().await, Some(eur), at(0)).unwrap();
    assert_eq!(priced(before), (Some(1500), 0));
    let during = visitor_view(stored().await, Some(eur), at(90)).unwrap();
    assert_eq!(priced(during), (Some(1000), 0));
    let after = visitor_view(stored().await, Some(eur), at(150)).unwrap();
    assert_eq!(priced(after), (Some(1500), 0));
    // Without a region, every stored price, as the write model shows them.
    assert_eq!(
        visitor_view(stored().await, None, at(0)).unwrap().variants[0]
            .prices
            .len(),
        2
    );
}

#[tokio::test]
async fn a_new_locale_of_the_tenant_gets_rows_once_the_tenant_changes() {
    let shop = Shop::new().await;
    shop.create(product("tee", ProductStatus::Published, 100, 1))
        .await;
    assert_eq!(shop.visible(shop.staff.tenant, "fr", "tee").await, None);
    let settings = json!({"locales": {"default": "en", "enabled": ["en", "de", "fr"]}});
    let patch = rustok_tenant::TenantPatch {
        settings: Some(settings),
        ..rustok_tenant::TenantPatch::default()
    };
    TenantService::update(&shop.h.db, shop.staff.tenant, patch)
        .await
        .unwrap();
    shop.h
        .events
        .emit(
            shop.staff.tenant,
            None,
            rustok_core::DomainEvent::TenantUpdated {
                tenant_id: shop.staff.tenant.as_uuid(),
            },
        )
        .await
        .unwrap();
    shop.settle().await;
    // French has no translation: the tenant default's texts, as the write model falls back.
    let fr = shop.visible(shop.staff.tenant, "fr", "tee").await.unwrap();
    assert_eq!(fr.title, "tee in English");
}

#[tokio::test]
async fn the_filter_of_a_listing_is_the_write_models() {
    let shop = Shop::new().await;
    for (handle, amount) in [("a", 100), ("b", 500), ("c", 900)] {
        shop.create(product(handle, ProductStatus::Published, amount, 1))
            .await;
    }
    let filter = ProductFilter {
        status: Some(ProductStatus::Published),
        min_price: Some(200),
        max_price: Some(900),
        limit: 20,
        ..ProductFilter::default()
    };
    let eur = "EUR".parse::<Currency>().unwrap();
    let written = shop
        .catalog()
        .list_products(&shop.staff, filter, None, PriceMode::Region(eur))
        .await
        .unwrap();
    let written: Vec<String> = written.items.into_iter().map(|p| p.handle).collect();
    let listing = ProductListing {
        price: Some(("EUR".into(), Some(200), Some(900))),
        ..listing()
    };
    assert_eq!(shop.listed(listing).await, written);
    assert_eq!(written, vec!["c", "b"]);
}

/// A connection to the same database that counts the statements it runs.
fn counting(
    db: &sea_orm::DatabaseConnection,
) -> (
    sea_orm::DatabaseConnection,
    Arc<std::sync::atomic::AtomicUsize>,
) {
    let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut counted = db.clone();
    let seen = count.clone();
    counted.set_metric_callback(move |_| {
        seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    (counted, count)
}

#[tokio::test]
async fn a_visitor_read_is_one_statement_whatever_the_page_size() {
    let shop = Shop::new().await;
    for n in 0..25 {
        shop.create(product(
            &format!("p{n:02}"),
            ProductStatus::Published,
            100 + n,
            1,
        ))
        .await;
    }
    let (db, statements) = counting(&shop.h.db);
    let index = ProductIndex::new(db.clone(), Arc::new(StorefrontCatalog));
    assert!(index.ready(shop.staff.tenant).await.unwrap());
    let run = |limit: u64| {
        let index = index.clone();
        let statements = statements.clone();
        let tenant = shop.staff.tenant;
        async move {
            statements.store(0, std::sync::atomic::Ordering::SeqCst);
            let listing = ProductListing {
                limit,
                tag: Some("summer".into()),
                price: Some(("EUR".into(), Some(100), None)),
                in_stock: true,
                ..ProductListing::default()
            };
            let page = index.products(tenant, "de", &listing).await.unwrap();
            assert_eq!(page.items.len() as u64, limit);
            statements.load(std::sync::atomic::Ordering::SeqCst)
        }
    };
    assert_eq!(run(5).await, 1);
    assert_eq!(run(20).await, 1);
    statements.store(0, std::sync::atomic::Ordering::SeqCst);
    let one = index
        .product(shop.staff.tenant, "en", ProductKey::Handle("p07"))
        .await
        .unwrap();
    assert!(one.is_some());
    assert_eq!(statements.load(std::sync::atomic::Ordering::SeqCst), 1);

    // Staff read the write model: a fixed number of statements per page, not per product.
    let events = shop.h.events.clone();
    let catalog = CatalogService::new(&db, &events);
    let mut per_page = Vec::new();
    for limit in [5, 20] {
        statements.store(0, std::sync::atomic::Ordering::SeqCst);
        let filter = ProductFilter {
            limit,
            ..ProductFilter::default()
        };
        let page = catalog
            .list_products(&shop.staff, filter, None, PriceMode::All)
            .await
            .unwrap();
        assert_eq!(page.items.len() as u64, limit);
        per_page.push(statements.load(std::sync::atomic::Ordering::SeqCst));
    }
    assert_eq!(
        per_page[0], per_page[1],
        "statements for 5 and for 20 products"
    );
}
