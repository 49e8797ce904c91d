//! Orders after checkout: the state machine with its payments and stock, staff notes, and
//! customers who see their own orders only.

use rustok_commerce::{
    CartService, CheckoutService, CommerceContext, CommerceError, InventoryService, OrderAction,
    OrderService,
};

use crate::support::{cart_with, checkout_input, events_of, selling};

#[tokio::test]
async fn order_transitions_follow_the_state_machine() {
    let (h, ctx, v, r, g) = selling("chair", 3, 4000, 0).await;
    let checkout = CheckoutService::new(&h.db, &h.events);
    let orders = OrderService::new(&h.db, &h.events);
    let step = |id, action| orders.transition(&ctx, id, action);
    let inventory = InventoryService::new(&h.db, &h.events);
    let cart = cart_with(&h, &g, r, v, 2).await;
    let order = checkout
        .checkout(&g, cart, checkout_input(None))
        .await
        .unwrap();

    let err = step(order.id, OrderAction::Ship).await.unwrap_err();
    assert!(matches!(err, CommerceError::InvalidTransition { .. }));
    assert_eq!(rustok_core::Error::from(err).status(), 409);

    let paid = step(order.id, OrderAction::Capture).await.unwrap();
    assert_eq!(paid.status, "paid");
    assert_eq!(paid.payments.last().unwrap().kind, "capture");
    assert_eq!(paid.payments.last().unwrap().amount, 8000);
    assert_eq!(events_of(&h, &ctx, "commerce.payment_captured").await, 1);
    step(order.id, OrderAction::Fulfill).await.unwrap();
    let stock = inventory.get(&ctx, v).await.unwrap();
    assert_eq!((stock.on_hand, stock.reserved), (1, 0));
    step(order.id, OrderAction::Ship).await.unwrap();
    let done = step(order.id, OrderAction::Complete).await.unwrap();
    assert_eq!(done.status, "completed");
    assert_eq!(
        events_of(&h, &ctx, "commerce.order_status_changed").await,
        4
    );
    assert!(matches!(
        orders.transition(&ctx, order.id, OrderAction::Cancel).await,
        Err(CommerceError::InvalidTransition { .. })
    ));

    // Cancel releases the reservation.
    let cart = cart_with(&h, &g, r, v, 1).await;
    let order = checkout
        .checkout(&g, cart, checkout_input(None))
        .await
        .unwrap();
    assert_eq!(inventory.get(&ctx, v).await.unwrap().reserved, 1);
    step(order.id, OrderAction::Cancel).await.unwrap();
    assert_eq!(inventory.get(&ctx, v).await.unwrap().reserved, 0);

    // Notes are staff-only and listed with the order.
    orders
        .add_note(
            &ctx,
            order.id,
            rustok_commerce::dto::NewOrderNote {
                body: "Called the customer".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        orders.get(&ctx, order.id, true).await.unwrap().notes.len(),
        1
    );
}

#[tokio::test]
async fn customers_see_their_own_orders_only() {
    let (h, ctx, v, r, _) = selling("book", 10, 1500, 0).await;
    let alice = CommerceContext {
        actor: Some(rustok_core::generate_id()),
        ..ctx.clone()
    };
    let bob = CommerceContext {
        actor: Some(rustok_core::generate_id()),
        ..ctx.clone()
    };
    let cart = cart_with(&h, &alice, r, v, 1).await;
    // Bob cannot read or use Alice's cart.
    assert!(matches!(
        CartService::new(&h.db).get(&bob, cart).await,
        Err(CommerceError::NotFound("cart"))
    ));
    let order = CheckoutService::new(&h.db, &h.events)
        .checkout(&alice, cart, checkout_input(None))
        .await
        .unwrap();
    let orders = OrderService::new(&h.db, &h.events);
    let mine = orders
        .list(
            &alice,
            rustok_commerce::OrderFilter {
                customer_id: alice.actor,
                limit: 10,
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    assert_eq!(mine.items.len(), 1);
    assert!(matches!(
        orders.get_own(&bob, bob.actor.unwrap(), order.id).await,
        Err(CommerceError::NotFound("order"))
    ));
}
