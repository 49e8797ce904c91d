//! The search backend of the engine the tests run on (SQLite FTS5; PostgreSQL full-text search
//! with `TEST_DATABASE_URL`) against rows the index writes from real commerce writes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::sync::Arc;

use rustok_commerce::dto::{
    NewProduct, NewVariant, PriceInput, ProductPatch, ProductStatus, ProductTranslationInput,
};
use rustok_commerce::{CatalogService, CommerceContext, StorefrontCatalog};
use rustok_core::{
    EventHandler, ProductSearch, SearchBackend, SearchFilters, SearchLimits, SearchResults,
    TenantId, generate_id,
};
use rustok_index::{IndexConsumer, ProductIndex, database_search};
use rustok_outbox::{OutboxStats, Relay, RelayConfig, claim_strategy_for};
use rustok_tenant::{NewTenant, TenantService};
use rustok_testkit::{TestDb, english_and_german};
use serde_json::json;
use tokio::sync::Notify;

struct Shop {
    h: TestDb,
    index: ProductIndex,
    search: Arc<dyn SearchBackend>,
    relay: Relay,
    staff: CommerceContext,
}

impl Shop {
    async fn new() -> Self {
        let h = TestDb::new("rustok_index_search").await;
        let index = ProductIndex::new(h.db.clone(), Arc::new(StorefrontCatalog));
        let handlers: Vec<Arc<dyn EventHandler>> = vec![IndexConsumer::new(index.clone()).shared()];
        let relay = Relay::new(
            h.db.clone(),
            claim_strategy_for(&h.db, generate_id().to_string()),
            handlers,
            RelayConfig::default(),
            Arc::new(OutboxStats::default()),
            Arc::new(Notify::new()),
        );
        let settings = json!({"locales": {"default": "en", "enabled": ["en", "de"]}});
        let tenant = TenantService::create(
            &h.db,
            NewTenant {
                name: "shop".into(),
                slug: "shop".into(),
                settings: Some(settings),
            },
        )
        .await
        .unwrap();
        let staff = CommerceContext {
            tenant: TenantId::from_uuid(tenant.id),
            actor: Some(generate_id()),
            locales: english_and_german(),
        };
        index.rebuild(staff.tenant, true, &|_| {}).await.unwrap();
        let search = database_search(h.db.clone(), SearchLimits::default());
        Self {
            h,
            index,
            search,
            relay,
            staff,
        }
    }

    fn catalog(&self) -> CatalogService<'_> {
        CatalogService::new(&self.h.db, &self.h.events)
    }

    async fn settle(&self) {
        while self.relay.relay_pending_events().await.unwrap() > 0 {}
    }

    async fn create(&self, handle: &str, en: &str, de: &str, description: &str) -> uuid::Uuid {
        let translation = |locale: &str, title: &str| ProductTranslationInput {
            locale: locale.into(),
            title: title.into(),
            description: Some(description.into()),
            ..ProductTranslationInput::default()
        };
        let input = NewProduct {
            handle: handle.into(),
            status: Some(ProductStatus::Published),
            translations: vec![translation("en", en), translation("de", de)],
            variants: vec![NewVariant {
                title: "One".into(),
                sku: Some(format!("{}-ONE", handle.to_uppercase())),
                prices: vec![PriceInput {
                    currency: "EUR".into(),
                    amount: 1500,
                    ..PriceInput::default()
                }],
                stock: Some(3),
                ..NewVariant::default()
            }],
            ..NewProduct::default()
        };
        let product = self
            .catalog()
            .create_product(&self.staff, input)
            .await
            .unwrap();
        self.settle().await;
        product.id
    }

    async fn search(&self, locale: &str, q: &str) -> SearchResults {
        self.search
            .search_products(&ProductSearch {
                tenant: self.staff.tenant,
                locale: locale.into(),
                q: q.into(),
                filters: SearchFilters::default(),
                currency: Some("EUR".into()),
                offset: 0,
                limit: 20,
                facets: true,
            })
            .await
            .unwrap()
    }

    async fn found(&self, locale: &str, q: &str) -> Vec<uuid::Uuid> {
        self.search(locale, q)
            .await
            .hits
            .into_iter()
            .map(|hit| hit.id)
            .collect()
    }
}

#[tokio::test]
async fn each_locale_is_searched_in_its_own_rows_and_hostile_queries_never_fail() {
    let shop = Shop::new().await;
    let shirt = shop
        .create("t-shirt", "T-Shirt", "Hemd", "Soft cotton \"tee\" (unisex)")
        .await;
    let boots = shop
        .create("boots", "Rain Boots", "Gummistiefel", "Waterproof")
        .await;

    assert_eq!(shop.found("en", "cotton").await, [shirt]);
    assert_eq!(shop.found("de", "gummistiefel").await, [boots]);
    assert!(shop.found("en", "gummistiefel").await.is_empty());
    assert_eq!(shop.found("en", "T-SHIRT-ONE").await, [shirt]);
    let typo = shop.search("en", "tshrit").await;
    assert!(typo.fuzzy);
    assert_eq!(typo.hits[0].id, shirt);
    let facets = shop.search("en", "rain").await.facets.unwrap();
    assert_eq!(facets.in_stock, 1);
    assert_eq!(facets.price_bands.len(), 1);
    assert_eq!(
        (facets.price_bands[0].min, facets.price_bands[0].count),
        (1000, 1)
    );

    for q in [
        "\"",
        "NEAR(",
        "tee\" OR \"",
        "*",
        ") AND (",
        "^-:",
        "'\\",
        "🎉",
        "\u{0}",
        "--",
    ] {
        let results = shop.search("en", q).await;
        assert!(results.hits.len() <= 2, "{q:?}");
    }
}

#[tokio::test]
async fn the_search_tables_follow_refreshes_deletes_and_rebuilds() {
    let shop = Shop::new().await;
    let id = shop
        .create("mug", "Coffee Mug", "Kaffeebecher", "Ceramic")
        .await;
    assert_eq!(shop.found("en", "coffee").await, [id]);

    shop.catalog()
        .update_product(
            &shop.staff,
            id,
            ProductPatch {
                translations: Some(vec![ProductTranslationInput {
                    locale: "en".into(),
                    title: "Espresso Cup".into(),
                    ..ProductTranslationInput::default()
                }]),
                ..ProductPatch::default()
            },
        )
        .await
        .unwrap();
    shop.settle().await;
    assert_eq!(shop.found("en", "espresso").await, [id]);
    assert!(shop.found("en", "coffee").await.is_empty());

    shop.index
        .rebuild(shop.staff.tenant, true, &|_| {})
        .await
        .unwrap();
    assert_eq!(shop.found("en", "espresso cup").await, [id]);

    shop.catalog()
        .delete_product(&shop.staff, id)
        .await
        .unwrap();
    shop.settle().await;
    assert!(shop.found("en", "espresso").await.is_empty());
    assert!(shop.found("de", "kaffeebecher").await.is_empty());
    assert_eq!(shop.search("en", "espresso").await.total, 0);
}

#[tokio::test]
async fn past_the_bound_whole_title_matches_are_ranked_first_and_the_total_says_it_is_cut() {
    let shop = Shop::new().await;
    let mut in_text = Vec::new();
    for n in 0..3 {
        let handle = format!("bag-{n}");
        in_text.push(
            shop.create(&handle, "Bag", "Tasche", "Room for a lamp")
                .await,
        );
    }
    let lamp = shop.create("lamp", "Desk Lamp", "Lampe", "Bright").await;
    let shade = shop.create("shade", "Lampshade", "Schirm", "Linen").await;

    let bounded =
        |max_total_hits| database_search(shop.h.db.clone(), SearchLimits { max_total_hits });
    let request = |offset| ProductSearch {
        tenant: shop.staff.tenant,
        locale: "en".into(),
        q: "lamp".into(),
        filters: SearchFilters::default(),
        currency: Some("EUR".into()),
        offset,
        limit: 20,
        facets: true,
    };

    // Unbounded enough: every match, whole title word first, then a word's start, then the text.
    let all = shop.search("en", "lamp").await;
    assert_eq!((all.total, all.total_exact), (5, true));
    let order: Vec<_> = all.hits.iter().map(|h| h.id).collect();
    assert_eq!(order[..2], [lamp, shade]);
    assert!(all.hits[0].score > all.hits[1].score && all.hits[1].score > all.hits[2].score);
    // The newer of equal matches first.
    assert_eq!(order[2..], [in_text[2], in_text[1], in_text[0]]);
    assert!(
        all.hits[0].snippet.contains("<mark>Lamp</mark>"),
        "{}",
        all.hits[0].snippet
    );

    // Two ranked: the whole title match and one more; the total is the bound, not exact.
    let two = bounded(2).search_products(&request(0)).await.unwrap();
    assert_eq!((two.total, two.total_exact), (2, false));
    assert_eq!(two.hits[0].id, lamp);
    assert_eq!(two.facets.unwrap().in_stock, 2);
    // Paging stops at the bound.
    let past = bounded(2).search_products(&request(2)).await.unwrap();
    assert!(past.hits.is_empty());
    // Exactly as many as match: exact.
    let five = bounded(5).search_products(&request(0)).await.unwrap();
    assert_eq!(
        (five.total, five.total_exact, five.hits.len()),
        (5, true, 5)
    );
}
