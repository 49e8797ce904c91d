//! Collections and the category tree: created, renamed, moved and removed; every change of the
//! shop's setup announced once, failures never.

use rustok_commerce::dto::{
    NewPriceList, NewProductCollection, NewShippingOption, ProductCategoryPatch,
    ProductCollectionPatch, ProductFilter, RegionPatch,
};
use rustok_commerce::{CatalogService, CommerceError, PriceMode, RegionService};
use uuid::Uuid;

use crate::support::{
    events_of, new_category, new_collection, price, product, region, shop, staff_listing, tax_rate,
    tenant, variant,
};

#[tokio::test]
async fn collections_categories_and_variants_can_be_removed() {
    let (h, ctx) = shop().await;
    let other = tenant(&h, "other").await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let summer = new_collection(&catalog, &ctx, "summer", "Summer").await;
    let clothing = new_category(&catalog, &ctx, ("clothing", "Clothing"), None).await;
    let shirts = new_category(&catalog, &ctx, ("shirts", "Shirts"), Some(clothing.id)).await;
    let mut input = product(
        "shirt",
        vec![
            variant("S", "SH-S", 1, vec![price("EUR", 100)]),
            variant("M", "SH-M", 1, vec![price("EUR", 100)]),
        ],
    );
    input.collection_id = Some(summer.id);
    input.category_ids = vec![shirts.id];
    let created = catalog.create_product(&ctx, input).await.unwrap();
    let in_shirts = ProductFilter {
        category_id: Some(shirts.id),
        collection_id: Some(summer.id),
        ..ProductFilter::default()
    };
    let in_shirts = staff_listing(&catalog, &ctx, in_shirts).await;
    assert_eq!(in_shirts.items.len(), 1);

    // Another tenant cannot delete them.
    assert!(matches!(
        catalog.delete_category(&other, clothing.id).await,
        Err(CommerceError::NotFound(_))
    ));
    assert!(matches!(
        catalog.delete_variant(&other, created.variants[0].id).await,
        Err(CommerceError::NotFound(_))
    ));

    catalog.delete_category(&ctx, clothing.id).await.unwrap();
    assert!(
        catalog.list_categories(&ctx).await.unwrap().is_empty(),
        "subtree goes too"
    );
    catalog.delete_collection(&ctx, summer.id).await.unwrap();
    catalog
        .delete_variant(&ctx, created.variants[0].id)
        .await
        .unwrap();
    let after = catalog
        .get_product(&ctx, created.id, None, PriceMode::All, false)
        .await
        .unwrap();
    assert!(after.category_ids.is_empty());
    assert_eq!(after.collection_id, None);
    assert_eq!(after.variants.len(), 1);
}

#[tokio::test]
async fn shop_setup_changes_are_announced_once_and_failures_never() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let regions = RegionService::new(&h.db, &h.events);
    let changed = || events_of(&h, &ctx, "commerce.catalog_changed");

    let collection = new_collection(&catalog, &ctx, "summer", "Summer").await;
    assert_eq!(changed().await, 1);
    // A taken handle writes nothing.
    assert!(
        catalog
            .create_collection(
                &ctx,
                NewProductCollection {
                    handle: "summer".into(),
                    title: "Again".into(),
                },
            )
            .await
            .is_err()
    );
    assert_eq!(changed().await, 1);
    let category = new_category(&catalog, &ctx, ("shirts", "Shirts"), None).await;
    catalog
        .create_price_list(
            &ctx,
            NewPriceList {
                title: "Sale".into(),
                starts_at: None,
                ends_at: None,
            },
        )
        .await
        .unwrap();
    let region = region(&h, &ctx, "EUR", 1900, true).await;
    regions.update(&ctx, region, tax_rate(700)).await.unwrap();
    let option = regions
        .add_shipping_option(
            &ctx,
            region,
            NewShippingOption {
                name: "Standard".into(),
                amount: 490,
            },
        )
        .await
        .unwrap();
    assert_eq!(changed().await, 6);
    regions
        .delete_shipping_option(&ctx, option.id)
        .await
        .unwrap();
    catalog.delete_category(&ctx, category.id).await.unwrap();
    catalog
        .delete_collection(&ctx, collection.id)
        .await
        .unwrap();
    assert_eq!(changed().await, 9);
    // Deleting what is gone (or another tenant's) writes nothing.
    assert!(
        catalog
            .delete_collection(&ctx, collection.id)
            .await
            .is_err()
    );
    let other = tenant(&h, "other").await;
    assert!(
        RegionService::new(&h.db, &h.events)
            .update(&other, region, RegionPatch::default())
            .await
            .is_err()
    );
    assert_eq!(changed().await, 9);
    assert_eq!(events_of(&h, &other, "commerce.catalog_changed").await, 0);
}

#[tokio::test]
async fn collections_and_categories_can_be_renamed_and_moved() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let clothes = new_category(&catalog, &ctx, ("clothes", "CLOTHES"), None).await;
    let shirts = new_category(&catalog, &ctx, ("shirts", "SHIRTS"), Some(clothes.id)).await;
    let sale = new_category(&catalog, &ctx, ("sale", "SALE"), None).await;
    let before = events_of(&h, &ctx, "commerce.catalog_changed").await;

    // Rename and move under another root; then back to the root level.
    let rename_and_move = ProductCategoryPatch {
        name: Some("T-Shirts".into()),
        ..moved_under(Some(sale.id))
    };
    let moved = catalog.update_category(&ctx, shirts.id, rename_and_move);
    let moved = moved.await.unwrap();
    assert_eq!(
        (moved.name.as_str(), moved.parent_id),
        ("T-Shirts", Some(sale.id))
    );
    let root = catalog
        .update_category(&ctx, shirts.id, moved_under(None))
        .await
        .unwrap();
    assert_eq!(root.parent_id, None);
    assert_eq!(root.handle, "shirts", "absent fields keep their value");
    assert_eq!(
        events_of(&h, &ctx, "commerce.catalog_changed").await,
        before + 2
    );

    // Never under itself or its own subtree; a taken handle is refused; nothing is written.
    catalog
        .update_category(&ctx, shirts.id, moved_under(Some(clothes.id)))
        .await
        .unwrap();
    let cycle = catalog
        .update_category(&ctx, clothes.id, moved_under(Some(shirts.id)))
        .await;
    assert!(
        matches!(
            cycle,
            Err(CommerceError::Invalid {
                field: "parent_id",
                ..
            })
        ),
        "{cycle:?}"
    );
    let selfish = catalog
        .update_category(&ctx, clothes.id, moved_under(Some(clothes.id)))
        .await;
    assert!(selfish.is_err());
    let handle_of_clothes = ProductCategoryPatch {
        handle: Some("clothes".into()),
        ..ProductCategoryPatch::default()
    };
    let taken = catalog.update_category(&ctx, sale.id, handle_of_clothes);
    let taken = taken.await;
    assert!(
        matches!(taken, Err(CommerceError::Taken { .. })),
        "{taken:?}"
    );
    assert_eq!(
        events_of(&h, &ctx, "commerce.catalog_changed").await,
        before + 3
    );

    // Collections: rename; another tenant cannot touch them.
    let summer = new_collection(&catalog, &ctx, "summer", "Summer").await;
    let title = Some("Summer 2027".into());
    let rename = ProductCollectionPatch {
        title,
        ..ProductCollectionPatch::default()
    };
    let renamed = catalog.update_collection(&ctx, summer.id, rename);
    let renamed = renamed.await.unwrap();
    assert_eq!(
        (renamed.handle.as_str(), renamed.title.as_str()),
        ("summer", "Summer 2027")
    );
    let other = tenant(&h, "other").await;
    let foreign = catalog
        .update_collection(&other, summer.id, ProductCollectionPatch::default())
        .await;
    assert!(
        matches!(foreign, Err(CommerceError::NotFound(_))),
        "{foreign:?}"
    );
    let foreign = catalog
        .update_category(&other, sale.id, ProductCategoryPatch::default())
        .await;
    assert!(
        matches!(foreign, Err(CommerceError::NotFound(_))),
        "{foreign:?}"
    );
}

/// A patch that only moves a category: under `parent`, or to the root level (`None`).
fn moved_under(parent: Option<Uuid>) -> ProductCategoryPatch {
    ProductCategoryPatch {
        parent_id: Some(parent),
        ..ProductCategoryPatch::default()
    }
}
