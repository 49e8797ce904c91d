//! Products: creation, edits and deletion with translations and locale fallback, filtered and
//! paginated listings, the deterministic seeded catalogue.

use rustok_commerce::dto::{
    OptionInput, OptionValueInput, ProductFilter, ProductPatch, ProductStatus,
    ProductTranslationInput, VariantTranslationInput,
};
use rustok_commerce::{CatalogService, CommerceError, PriceMode};
use rustok_testkit::locale;

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
