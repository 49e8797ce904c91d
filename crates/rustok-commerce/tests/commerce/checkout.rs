//! Checkout: the order placed with stock reserved and events written exactly once; a failed
//! checkout leaves nothing; backorders; concurrent last-unit checkouts and retries.

use rustok_commerce::dto::{CartItemInput, ProductPatch, ProductStatus};
use rustok_commerce::{
    CartService, CatalogService, CheckoutService, CommerceError, InventoryService,
};

use crate::support::{
    all_events, cart_with, checkout_input, events_of, guest, price, product, region, selling, shop,
    stock_of, stocked_variant, variant,
};

#[tokio::test]
async fn checkout_places_order_reserves_stock_and_emits_events_once() {
    let (h, ctx, v, r, g) = selling("lamp", 5, 2500, 1000).await;
    let cart = cart_with(&h, &g, r, v, 2).await;
    let checkout = CheckoutService::new(&h.db, &h.events);
    let order = checkout
        .checkout(&g, cart, checkout_input(Some("key-1")))
        .await
        .unwrap();
    assert_eq!(order.display_id, 1);
    assert_eq!(order.status, "pending");
    assert_eq!(
        (order.subtotal, order.tax_total, order.total),
        (5000, 500, 5500)
    );
    assert_eq!(order.items[0].quantity, 2);
    assert_eq!(order.payments[0].kind, "authorize");
    assert_eq!(order.email.as_deref(), Some("guest@example.com"));
    let stock = stock_of(&h, &ctx, v).await;
    assert_eq!((stock.on_hand, stock.reserved, stock.available), (5, 2, 3));
    assert_eq!(events_of(&h, &ctx, "commerce.order_placed").await, 1);
    assert_eq!(events_of(&h, &ctx, "commerce.cart_checked_out").await, 1);

    // The same key returns the same order, with no new events.
    let before = all_events(&h).await;
    let again = checkout
        .checkout(&g, cart, checkout_input(Some("key-1")))
        .await
        .unwrap();
    assert_eq!(again.id, order.id);
    assert_eq!(all_events(&h).await, before);
    // Without the key, a second checkout of the finished cart is refused.
    assert!(matches!(
        checkout.checkout(&g, cart, checkout_input(None)).await,
        Err(CommerceError::CartCompleted)
    ));
    // The next order gets the next number; a key of another cart is refused.
    let cart2 = cart_with(&h, &g, r, v, 1).await;
    assert!(matches!(
        checkout
            .checkout(&g, cart2, checkout_input(Some("key-1")))
            .await,
        Err(CommerceError::IdempotencyKeyReused)
    ));
    let second = checkout
        .checkout(&g, cart2, checkout_input(None))
        .await
        .unwrap();
    assert_eq!(second.display_id, 2);
}

#[tokio::test]
async fn failed_checkout_changes_nothing_and_emits_nothing() {
    let (h, ctx, v, r, g) = selling("rare", 1, 1000, 0).await;
    let plenty = stocked_variant(&h, &ctx, "common", 100, 100).await;
    let cart = cart_with(&h, &g, r, plenty, 3).await;
    CartService::new(&h.db)
        .add_item(
            &g,
            cart,
            CartItemInput {
                variant_id: v,
                quantity: 2,
            },
        )
        .await
        .unwrap();
    let before = all_events(&h).await;
    let err = CheckoutService::new(&h.db, &h.events)
        .checkout(&g, cart, checkout_input(Some("k")))
        .await
        .unwrap_err();
    assert!(matches!(err, CommerceError::OutOfStock { variant_id } if variant_id == v));
    assert_eq!(all_events(&h).await, before);
    let inventory = InventoryService::new(&h.db, &h.events);
    assert_eq!(inventory.get(&ctx, plenty).await.unwrap().reserved, 0);
    assert_eq!(inventory.get(&ctx, v).await.unwrap().reserved, 0);
    assert_eq!(
        CartService::new(&h.db).get(&g, cart).await.unwrap().status,
        "open"
    );
}

#[tokio::test]
async fn backorder_and_unmanaged_variants_are_not_limited() {
    let (h, ctx) = shop().await;
    let mut backorder = variant("B", "B-1", 1, vec![price("EUR", 100)]);
    backorder.allow_backorder = Some(true);
    let mut unlimited = variant("U", "U-1", 0, vec![price("EUR", 100)]);
    unlimited.manage_inventory = Some(false);
    let p = CatalogService::new(&h.db, &h.events)
        .create_product(&ctx, product("digital", vec![backorder, unlimited]))
        .await
        .unwrap();
    let r = region(&h, &ctx, "EUR", 0, false).await;
    let g = guest(&ctx);
    let cart = cart_with(&h, &g, r, p.variants[0].id, 3).await;
    CartService::new(&h.db)
        .add_item(
            &g,
            cart,
            CartItemInput {
                variant_id: p.variants[1].id,
                quantity: 50,
            },
        )
        .await
        .unwrap();
    CheckoutService::new(&h.db, &h.events)
        .checkout(&g, cart, checkout_input(None))
        .await
        .unwrap();
    let stock = stock_of(&h, &ctx, p.variants[0].id).await;
    assert_eq!(stock.available, -2);
}

#[tokio::test]
async fn concurrent_checkouts_of_the_last_unit_make_exactly_one_order() {
    let (h, ctx, v, r, g) = selling("last", 1, 1000, 0).await;
    const N: usize = 50;
    let mut carts = Vec::with_capacity(N);
    for _ in 0..N {
        carts.push(cart_with(&h, &g, r, v, 1).await);
    }
    let tasks: Vec<_> = carts
        .into_iter()
        .enumerate()
        .map(|(i, cart)| {
            let (db, events, g) = (h.db.clone(), h.events.clone(), g.clone());
            tokio::spawn(async move {
                CheckoutService::new(&db, &events)
                    .checkout(&g, cart, checkout_input(Some(&format!("k{i}"))))
                    .await
            })
        })
        .collect();
    let results = futures::future::join_all(tasks).await;
    let mut placed = 0;
    let mut out_of_stock = 0;
    for result in results {
        match result.unwrap() {
            Ok(_) => placed += 1,
            Err(CommerceError::OutOfStock { .. }) => out_of_stock += 1,
            Err(other) => panic!("unexpected error: {other}"),
        }
    }
    assert_eq!((placed, out_of_stock), (1, N - 1));
    let stock = stock_of(&h, &ctx, v).await;
    assert_eq!((stock.on_hand, stock.reserved, stock.available), (1, 1, 0));
    assert_eq!(events_of(&h, &ctx, "commerce.order_placed").await, 1);
}

#[tokio::test]
async fn concurrent_retries_with_one_key_make_one_order() {
    let (h, ctx, v, r, g) = selling("retry", 10, 1000, 0).await;
    let cart = cart_with(&h, &g, r, v, 1).await;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (db, events, g) = (h.db.clone(), h.events.clone(), g.clone());
            tokio::spawn(async move {
                CheckoutService::new(&db, &events)
                    .checkout(&g, cart, checkout_input(Some("same")))
                    .await
            })
        })
        .collect();
    let mut ids = Vec::new();
    for result in futures::future::join_all(tasks).await {
        ids.push(result.unwrap().unwrap().id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "every retry answers with the one order");
    assert_eq!(events_of(&h, &ctx, "commerce.order_placed").await, 1);
}

#[tokio::test]
async fn a_product_unpublished_after_carting_cannot_be_bought() {
    let (h, ctx, v, r, g) = selling("gone", 5, 1000, 0).await;
    let cart = cart_with(&h, &g, r, v, 1).await;
    let product_id = CartService::new(&h.db).get(&g, cart).await.unwrap().items[0].product_id;
    CatalogService::new(&h.db, &h.events)
        .update_product(
            &ctx,
            product_id,
            ProductPatch {
                status: Some(ProductStatus::Archived),
                ..ProductPatch::default()
            },
        )
        .await
        .unwrap();
    let err = CheckoutService::new(&h.db, &h.events)
        .checkout(&g, cart, checkout_input(None))
        .await
        .unwrap_err();
    assert!(
        matches!(err, CommerceError::Invalid { field: "items", .. }),
        "{err}"
    );
    assert_eq!(
        InventoryService::new(&h.db, &h.events)
            .get(&ctx, v)
            .await
            .unwrap()
            .reserved,
        0
    );
}
