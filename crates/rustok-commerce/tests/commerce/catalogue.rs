//! Products: creation, edits and deletion with translations and locale fallback, filtered and
//! paginated listings, the deterministic seeded catalogue.

use rustok_commerce::dto::{NewProduct, NewVariant, PriceInput, ProductView};
use rustok_commerce::dto::{
    OptionInput, OptionValueInput, ProductFilter, ProductPatch, ProductStatus,
    ProductTranslationInput, VariantTranslationInput,
};
use rustok_commerce::{
    CatalogService, CommerceContext, CommerceError, InventoryService, PriceMode,
};
use rustok_core::DomainEvent;
use rustok_outbox::entities::sys_events;
use rustok_testkit::locale;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::support::{events_of, harness, price, product, shop, stocked_variant, tenant, variant};

#[tokio::test]
async fn catalogue_crud_with_translations_and_fallback() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let mut input = product("t-shirt", vec![]);
    input.status = None;
    input.options = vec![OptionInput {
        title: "Size".into(),
        values: vec!["S".into(), "M".into()],
    }];
    input.tags = vec!["Summer".into(), "summer".into()];
    let mut v = variant("Small", "TS-S", 5, vec![price("eur", 1999)]);
    v.options = vec![OptionValueInput {
        option: "size".into(),
        value: "S".into(),
    }];
    v.translations = vec![VariantTranslationInput {
        locale: "de".into(),
        title: "Klein".into(),
    }];
    input.variants = vec![v];
    let created = catalog.create_product(&ctx, input).await.unwrap();
    assert_eq!(created.status, "draft");
    assert_eq!(created.tags, vec!["summer".to_string()]);
    assert_eq!(created.variants[0].prices[0].currency, "EUR");
    assert_eq!(created.variants[0].options[0].option, "Size");
    assert_eq!(events_of(&h, &ctx, "commerce.product_created").await, 1);
    assert_eq!(events_of(&h, &ctx, "commerce.price_updated").await, 1);

    // German text added later; English stays the fallback.
    catalog
        .update_product(
            &ctx,
            created.id,
            ProductPatch {
                status: Some(ProductStatus::Published),
                translations: Some(vec![ProductTranslationInput {
                    locale: "de".into(),
                    title: "T-Shirt (de)".into(),
                    subtitle: None,
                    description: None,
                }]),
                ..ProductPatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(events_of(&h, &ctx, "commerce.product_published").await, 1);
    let de = catalog
        .get_product(&ctx, created.id, Some(&locale("de")), PriceMode::All, true)
        .await
        .unwrap();
    assert_eq!(
        (de.locale.as_str(), de.title.as_str()),
        ("de", "T-Shirt (de)")
    );
    assert_eq!(de.variants[0].title, "Klein");
    let fr = catalog
        .get_product(&ctx, created.id, Some(&locale("fr")), PriceMode::All, true)
        .await
        .unwrap();
    assert_eq!(fr.locale, "en");
    assert_eq!(fr.variants[0].title, "Small");

    // Handles and SKUs are unique per tenant.
    let dup = catalog
        .create_product(&ctx, product("t-shirt", vec![]))
        .await
        .unwrap_err();
    assert!(matches!(dup, CommerceError::Taken { what: "handle", .. }));
    let dup_sku = catalog
        .create_product(
            &ctx,
            product("other", vec![variant("x", "TS-S", 0, vec![])]),
        )
        .await
        .unwrap_err();
    assert!(matches!(dup_sku, CommerceError::Taken { what: "sku", .. }));

    catalog.delete_product(&ctx, created.id).await.unwrap();
    assert!(matches!(
        catalog
            .get_product(&ctx, created.id, None, PriceMode::All, false)
            .await,
        Err(CommerceError::NotFound("product"))
    ));
    assert_eq!(events_of(&h, &ctx, "commerce.product_deleted").await, 1);
}

#[tokio::test]
async fn listing_filters_and_paginates() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    for (handle, amount, stock) in [("a", 500, 0), ("b", 1500, 3), ("c", 2500, 1)] {
        stocked_variant(&h, &ctx, handle, stock, amount).await;
    }
    let mut draft = product("d", vec![]);
    draft.status = Some(ProductStatus::Draft);
    catalog.create_product(&ctx, draft).await.unwrap();
    let eur = "EUR".parse().unwrap();
    let published = |f: ProductFilter| ProductFilter {
        status: Some(ProductStatus::Published),
        limit: 2,
        ..f
    };
    // Storefront listings in EUR.
    let list = |filter| catalog.list_products(&ctx, filter, None, PriceMode::Region(eur));
    let page = list(published(ProductFilter::default())).await.unwrap();
    assert_eq!(page.items.len(), 2);
    let next = page.next_cursor.clone().unwrap().parse().unwrap();
    let rest = list(published(ProductFilter {
        after: Some(next),
        ..ProductFilter::default()
    }))
    .await
    .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert!(rest.next_cursor.is_none());
    let priced = list(published(ProductFilter {
        min_price: Some(1000),
        max_price: Some(2000),
        ..ProductFilter::default()
    }))
    .await
    .unwrap();
    assert_eq!(priced.items.len(), 1);
    assert_eq!(priced.items[0].handle, "b");
    assert_eq!(priced.items[0].variants[0].calculated_price, Some(1500));
    let stocked = list(ProductFilter {
        in_stock: Some(true),
        limit: 10,
        ..ProductFilter::default()
    })
    .await
    .unwrap();
    let handles: Vec<_> = stocked.items.iter().map(|p| p.handle.as_str()).collect();
    assert_eq!(handles, vec!["c", "b"]);
}

#[tokio::test]
async fn seeded_catalogue_is_deterministic() {
    let h = harness().await;
    let ctx = tenant(&h, "bench").await;
    let created = rustok_commerce::seed_catalog(&h.db, &h.events, &ctx, 5, "EUR")
        .await
        .unwrap();
    assert_eq!(created, 5);
    assert_eq!(
        rustok_commerce::seed_catalog(&h.db, &h.events, &ctx, 6, "EUR")
            .await
            .unwrap(),
        1
    );
    let p = CatalogService::new(&h.db, &h.events)
        .get_by_handle(&ctx, "product-0003", None, PriceMode::All, true)
        .await
        .unwrap();
    let sizes: Vec<_> = p.variants.iter().map(|v| v.title.as_str()).collect();
    assert_eq!(sizes, vec!["S", "M", "L"]);
    assert_eq!(p.variants[0].prices.len(), 1);
    assert!(
        rustok_commerce::seed_demo_shop(&h.db, &h.events, &ctx)
            .await
            .unwrap()
    );
    assert!(
        !rustok_commerce::seed_demo_shop(&h.db, &h.events, &ctx)
            .await
            .unwrap()
    );
}

/// Product `n` of the seeded catalogue as the API would be asked to create it.
fn seeded_input(n: usize) -> NewProduct {
    let handle = format!("product-{n:04}");
    let amount = 500 + ((n as i64 * 7919) % 10_000);
    let variants = ["S", "M", "L"]
        .into_iter()
        .map(|size| NewVariant {
            title: size.into(),
            sku: Some(format!("{}-{size}", handle.to_uppercase())),
            manage_inventory: Some(true),
            allow_backorder: Some(false),
            options: vec![OptionValueInput {
                option: "Size".into(),
                value: size.into(),
            }],
            prices: vec![PriceInput {
                currency: "EUR".into(),
                amount,
                ..PriceInput::default()
            }],
            stock: Some(100),
            ..NewVariant::default()
        })
        .collect();
    NewProduct {
        handle,
        status: Some(ProductStatus::Published),
        translations: vec![ProductTranslationInput {
            locale: "en".into(),
            title: format!("Product {n}"),
            description: Some(format!("Product {n}, in three sizes.")),
            ..ProductTranslationInput::default()
        }],
        options: vec![OptionInput {
            title: "Size".into(),
            values: vec!["S".into(), "M".into(), "L".into()],
        }],
        variants,
        tags: vec!["demo".into()],
        ..NewProduct::default()
    }
}

/// A product view without what differs between two equal products (ids and times).
fn comparable(view: &ProductView) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for key in [
                    "id",
                    "product_id",
                    "created_at",
                    "updated_at",
                    "published_at",
                ] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(view).unwrap();
    strip(&mut value);
    value
}

async fn staff_view(
    h: &crate::support::Harness,
    ctx: &CommerceContext,
    handle: &str,
) -> ProductView {
    CatalogService::new(&h.db, &h.events)
        .get_by_handle(ctx, handle, None, PriceMode::All, false)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_bulk_seed_writes_what_the_api_writes() {
    let h = harness().await;
    let seeded = tenant(&h, "seeded").await;
    let api = tenant(&h, "direct").await;
    assert_eq!(
        rustok_commerce::seed_catalog(&h.db, &h.events, &seeded, 3, "EUR")
            .await
            .unwrap(),
        3
    );
    let catalog = CatalogService::new(&h.db, &h.events);
    for n in 1..=3 {
        catalog.create_product(&api, seeded_input(n)).await.unwrap();
    }
    let inventory = InventoryService::new(&h.db, &h.events);
    for n in 1..=3 {
        let handle = format!("product-{n:04}");
        let (ours, theirs) = (
            staff_view(&h, &seeded, &handle).await,
            staff_view(&h, &api, &handle).await,
        );
        assert_eq!(comparable(&ours), comparable(&theirs), "{handle}");
        assert!(ours.published_at.is_some());
        for variant in &ours.variants {
            let stock = inventory.get(&seeded, variant.id).await.unwrap();
            assert_eq!((stock.on_hand, stock.reserved), (100, 0));
        }
    }
    // One event names the batch's new products, in the batch's transaction; no per-product
    // events for the relay to work through one by one.
    let announced: Vec<_> = sys_events::Entity::find()
        .filter(sys_events::Column::TenantId.eq(seeded.tenant.as_uuid()))
        .all(&h.db)
        .await
        .unwrap();
    assert_eq!(announced.len(), 1, "{announced:?}");
    let event = DomainEvent::from_stored(
        &announced[0].event_type,
        announced[0].schema_version as u16,
        announced[0].payload.clone(),
    )
    .unwrap();
    let DomainEvent::ProductsImported { product_ids } = event else {
        panic!("not an import: {event:?}");
    };
    let mut expected = Vec::new();
    for n in 1..=3 {
        expected.push(staff_view(&h, &seeded, &format!("product-{n:04}")).await.id);
    }
    let mut product_ids = product_ids;
    product_ids.sort();
    expected.sort();
    assert_eq!(product_ids, expected);
}

#[tokio::test]
async fn a_seed_rerun_completes_a_partial_load() {
    let h = harness().await;
    let ctx = tenant(&h, "bench").await;
    let catalog = CatalogService::new(&h.db, &h.events);
    // A partial load: some products of the first chunk exist, one of them made by hand.
    rustok_commerce::seed_catalog(&h.db, &h.events, &ctx, 3, "EUR")
        .await
        .unwrap();
    let second = staff_view(&h, &ctx, "product-0002").await;
    catalog.delete_product(&ctx, second.id).await.unwrap();
    catalog.create_product(&ctx, seeded_input(7)).await.unwrap();
    // 1 200 products span three chunks; the first chunk is partly there.
    let created = rustok_commerce::seed_catalog(&h.db, &h.events, &ctx, 1200, "EUR")
        .await
        .unwrap();
    assert_eq!(created, 1200 - 3);
    let all = catalog
        .list_products(
            &ctx,
            ProductFilter {
                limit: 100,
                ..ProductFilter::default()
            },
            None,
            PriceMode::All,
        )
        .await
        .unwrap();
    assert_eq!(all.items.len(), 100);
    for handle in ["product-0002", "product-0501", "product-1200"] {
        let view = staff_view(&h, &ctx, handle).await;
        let skus: Vec<_> = view.variants.iter().filter_map(|v| v.sku.clone()).collect();
        let upper = handle.to_uppercase();
        assert_eq!(
            skus,
            vec![
                format!("{upper}-S"),
                format!("{upper}-M"),
                format!("{upper}-L")
            ]
        );
    }
    // Run again: nothing left to do.
    assert_eq!(
        rustok_commerce::seed_catalog(&h.db, &h.events, &ctx, 1200, "EUR")
            .await
            .unwrap(),
        0
    );
    // One import event per chunk that created something (the first run's, then the three chunks
    // of 1 200); the product made by hand announced itself.
    assert_eq!(
        events_of(&h, &ctx, "commerce.products_imported").await,
        1 + 3
    );
    assert_eq!(events_of(&h, &ctx, "commerce.product_created").await, 1);
}
