//! What is refused and changes nothing: ids of another tenant (not found) and bad input
//! (quantities, prices, currencies, handles, totals that would overflow).

use rustok_commerce::dto::{CartItemInput, NewCart, NewRegion};
use rustok_commerce::{
    CartService, CatalogService, CheckoutService, CommerceError, InventoryService, OrderAction,
    OrderService, PriceMode, RegionService,
};

use crate::support::{
    all_events, cart_with, checkout_input, guest, harness, price, product, region, selling,
    stocked_variant, tenant,
};

#[tokio::test]
async fn other_tenants_ids_are_not_found() {
    let h = harness().await;
    let a = tenant(&h, "shop-a").await;
    let b = tenant(&h, "shop-b").await;
    let v = stocked_variant(&h, &a, "secret", 5, 1000).await;
    let ra = region(&h, &a, "EUR", 0, false).await;
    let rb = region(&h, &b, "EUR", 0, false).await;
    let ga = guest(&a);
    let cart = cart_with(&h, &ga, ra, v, 1).await;
    let order = CheckoutService::new(&h.db, &h.events)
        .checkout(&ga, cart, checkout_input(None))
        .await
        .unwrap();
    let product_id = order.items[0].product_id;

    let catalog = CatalogService::new(&h.db, &h.events);
    assert!(matches!(
        catalog
            .get_product(&b, product_id, None, PriceMode::All, false)
            .await,
        Err(CommerceError::NotFound(_))
    ));
    assert!(matches!(
        catalog.set_price(&b, v, price("EUR", 1)).await,
        Err(CommerceError::NotFound(_))
    ));
    assert!(matches!(
        InventoryService::new(&h.db, &h.events)
            .set_on_hand(&b, v, 100)
            .await,
        Err(CommerceError::NotFound(_))
    ));
    assert!(matches!(
        CartService::new(&h.db).get(&guest(&b), cart).await,
        Err(CommerceError::NotFound(_))
    ));
    assert!(matches!(
        OrderService::new(&h.db, &h.events)
            .transition(&b, order.id, OrderAction::Capture)
            .await,
        Err(CommerceError::NotFound(_))
    ));
    // B's cart cannot take A's variant, nor use A's region.
    let cb = CartService::new(&h.db)
        .create(
            &guest(&b),
            NewCart {
                region_id: rb,
                email: None,
            },
        )
        .await
        .unwrap();
    assert!(matches!(
        CartService::new(&h.db)
            .add_item(
                &guest(&b),
                cb.id,
                CartItemInput {
                    variant_id: v,
                    quantity: 1
                }
            )
            .await,
        Err(CommerceError::NotFound(_))
    ));
    assert!(matches!(
        CartService::new(&h.db)
            .create(
                &guest(&b),
                NewCart {
                    region_id: ra,
                    email: None
                }
            )
            .await,
        Err(CommerceError::NotFound(_))
    ));
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    let (h, ctx, v, r, _) = selling("ok", 5, 1000, 0).await;
    let carts = CartService::new(&h.db);
    let g = guest(&ctx);
    let cart = carts
        .create(
            &g,
            NewCart {
                region_id: r,
                email: None,
            },
        )
        .await
        .unwrap();
    for quantity in [0, -1, 10_001, i64::MAX] {
        let err = carts
            .add_item(
                &g,
                cart.id,
                CartItemInput {
                    variant_id: v,
                    quantity,
                },
            )
            .await
            .unwrap_err();
        assert_eq!(rustok_core::Error::from(err).status(), 422, "{quantity}");
    }
    assert!(carts.get(&g, cart.id).await.unwrap().items.is_empty());

    let catalog = CatalogService::new(&h.db, &h.events);
    let before = all_events(&h).await;
    for bad in [
        price("EURO", 1),
        price("XXX", 1),
        price("EUR", -5),
        price("EUR", i64::MAX),
    ] {
        let err = catalog.set_price(&ctx, v, bad).await.unwrap_err();
        assert_eq!(rustok_core::Error::from(err).status(), 422);
    }
    assert!(matches!(
        RegionService::new(&h.db, &h.events)
            .create(
                &ctx,
                NewRegion {
                    name: "Nowhere".into(),
                    currency: "ABC".into(),
                    countries: vec![],
                    tax_rate_bp: None,
                    tax_inclusive: None,
                }
            )
            .await,
        Err(CommerceError::UnknownCurrency(_))
    ));
    let bad_handle = catalog
        .create_product(&ctx, product("Bad Handle!", vec![]))
        .await
        .unwrap_err();
    assert_eq!(rustok_core::Error::from(bad_handle).status(), 422);
    assert_eq!(all_events(&h).await, before);

    // Totals that would overflow are refused, not wrapped: the largest price times the
    // largest quantity still fits, so build the overflow from many lines.
    let mut lines = Vec::new();
    for i in 0..3 {
        let id = stocked_variant(&h, &ctx, &format!("big-{i}"), 10_000, 999_999_999_999_999).await;
        lines.push(id);
    }
    let big = carts
        .create(
            &g,
            NewCart {
                region_id: r,
                email: Some("a@b.co".into()),
            },
        )
        .await
        .unwrap();
    let mut overflow = None;
    for id in &lines {
        let added = carts
            .add_item(
                &g,
                big.id,
                CartItemInput {
                    variant_id: *id,
                    quantity: 10_000,
                },
            )
            .await;
        if let Err(err) = added {
            overflow = Some(err);
            break;
        }
    }
    let err = overflow.expect("an overflowing cart is refused");
    assert!(matches!(err, CommerceError::AmountOverflow), "{err}");
    assert_eq!(rustok_core::Error::from(err).status(), 422);
    assert!(carts.get(&g, big.id).await.unwrap().items.is_empty());
}

/// Stock changes outside the documented ranges are 422 and change nothing; `i64::MIN` is one
/// of them (it has no absolute value to compare).
#[tokio::test]
async fn stock_changes_out_of_range_are_refused() {
    let (h, ctx, v, _, _) = selling("stocked", 5, 1000, 0).await;
    let inventory = InventoryService::new(&h.db, &h.events);
    let before = all_events(&h).await;
    for delta in [
        i64::MIN,
        -1_000_000_000_000_001,
        1_000_000_000_000_001,
        i64::MAX,
        -6,
    ] {
        let err = inventory.adjust(&ctx, v, delta).await.unwrap_err();
        assert_eq!(rustok_core::Error::from(err).status(), 422, "{delta}");
    }
    for on_hand in [-1, 1_000_000_000_000_001, i64::MAX] {
        let err = inventory.set_on_hand(&ctx, v, on_hand).await.unwrap_err();
        assert_eq!(rustok_core::Error::from(err).status(), 422, "{on_hand}");
    }
    assert_eq!(all_events(&h).await, before);
    assert_eq!(inventory.get(&ctx, v).await.unwrap().on_hand, 5);
}
