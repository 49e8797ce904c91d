//! Commerce services against a real database (`rustok-testkit`): SQLite by default,
//! PostgreSQL with TEST_DATABASE_URL (e.g. `postgres://postgres@127.0.0.1:5432/postgres`; a
//! fresh database is created per test and dropped after).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

use chrono::{Duration, Utc};
use rustok_commerce::dto::{
    CartItemInput, CheckoutInput, NewCart, NewPriceList, NewProduct, NewProductCategory,
    NewProductCollection, NewRegion, NewShippingOption, NewVariant, OptionInput, OptionValueInput,
    PriceInput, ProductCategoryPatch, ProductCollectionPatch, ProductFilter, ProductPatch,
    ProductStatus, ProductTranslationInput, RegionPatch, VariantTranslationInput,
};
use rustok_commerce::{
    CartService, CatalogService, CheckoutService, CommerceContext, CommerceError, InventoryService,
    OrderAction, OrderService, PriceMode, RegionService,
};
use rustok_outbox::entities::sys_events;
use rustok_testkit::{TestDb, english_and_german, locale};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

type Harness = TestDb;

async fn harness() -> Harness {
    TestDb::new("rustok_commerce").await
}

async fn tenant(h: &Harness, slug: &str) -> CommerceContext {
    CommerceContext {
        tenant: h.tenant(slug).await,
        actor: Some(rustok_core::generate_id()),
        locales: english_and_german(),
    }
}

/// A guest in the same tenant (no signed-in user).
fn guest(ctx: &CommerceContext) -> CommerceContext {
    CommerceContext {
        actor: None,
        ..ctx.clone()
    }
}

fn price(currency: &str, amount: i64) -> PriceInput {
    PriceInput {
        currency: currency.into(),
        amount,
        min_quantity: None,
        price_list_id: None,
    }
}

fn variant(title: &str, sku: &str, stock: i64, prices: Vec<PriceInput>) -> NewVariant {
    NewVariant {
        title: title.into(),
        sku: Some(sku.into()),
        barcode: None,
        manage_inventory: None,
        allow_backorder: None,
        weight: None,
        length: None,
        height: None,
        width: None,
        position: None,
        options: Vec::new(),
        translations: Vec::new(),
        prices,
        stock: Some(stock),
    }
}

fn product(handle: &str, variants: Vec<NewVariant>) -> NewProduct {
    NewProduct {
        handle: handle.into(),
        status: Some(ProductStatus::Published),
        discountable: None,
        collection_id: None,
        metadata: None,
        translations: vec![ProductTranslationInput {
            locale: "en".into(),
            title: format!("Title of {handle}"),
            subtitle: None,
            description: None,
        }],
        options: Vec::new(),
        variants,
        images: Vec::new(),
        tags: Vec::new(),
        category_ids: Vec::new(),
    }
}

async fn region(
    h: &Harness,
    ctx: &CommerceContext,
    currency: &str,
    bp: i32,
    inclusive: bool,
) -> Uuid {
    RegionService::new(&h.db, &h.events)
        .create(
            ctx,
            NewRegion {
                name: format!("{currency} region"),
                currency: currency.into(),
                countries: vec!["DE".into()],
                tax_rate_bp: Some(bp),
                tax_inclusive: Some(inclusive),
            },
        )
        .await
        .unwrap()
        .id
}

/// A published product with one variant of `stock` units at `amount` EUR; its variant id.
async fn stocked_variant(
    h: &Harness,
    ctx: &CommerceContext,
    handle: &str,
    stock: i64,
    amount: i64,
) -> Uuid {
    CatalogService::new(&h.db, &h.events)
        .create_product(
            ctx,
            product(
                handle,
                vec![variant(
                    "One",
                    &format!("{handle}-1"),
                    stock,
                    vec![price("EUR", amount)],
                )],
            ),
        )
        .await
        .unwrap()
        .variants[0]
        .id
}

async fn cart_with(
    h: &Harness,
    ctx: &CommerceContext,
    region_id: Uuid,
    variant_id: Uuid,
    quantity: i64,
) -> Uuid {
    let carts = CartService::new(&h.db);
    let cart = carts
        .create(
            ctx,
            NewCart {
                region_id,
                email: Some("guest@example.com".into()),
            },
        )
        .await
        .unwrap();
    carts
        .add_item(
            ctx,
            cart.id,
            CartItemInput {
                variant_id,
                quantity,
            },
        )
        .await
        .unwrap();
    cart.id
}

fn checkout_input(key: Option<&str>) -> CheckoutInput {
    CheckoutInput {
        idempotency_key: key.map(str::to_string),
        email: None,
        payment_provider: None,
        shipping_address: None,
        billing_address: None,
    }
}

async fn events_of(h: &Harness, ctx: &CommerceContext, event_type: &str) -> u64 {
    sys_events::Entity::find()
        .filter(sys_events::Column::EventType.eq(event_type))
        .filter(sys_events::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .count(&h.db)
        .await
        .unwrap()
}

async fn all_events(h: &Harness) -> u64 {
    sys_events::Entity::find().count(&h.db).await.unwrap()
}

#[tokio::test]
async fn catalogue_crud_with_translations_and_fallback() {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
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
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
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
    let page = catalog
        .list_products(
            &ctx,
            published(ProductFilter::default()),
            None,
            PriceMode::Region(eur),
        )
        .await
        .unwrap();
    assert_eq!(page.items.len(), 2);
    let next = page.next_cursor.clone().unwrap().parse().unwrap();
    let rest = catalog
        .list_products(
            &ctx,
            published(ProductFilter {
                after: Some(next),
                ..ProductFilter::default()
            }),
            None,
            PriceMode::Region(eur),
        )
        .await
        .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert!(rest.next_cursor.is_none());
    let priced = catalog
        .list_products(
            &ctx,
            published(ProductFilter {
                min_price: Some(1000),
                max_price: Some(2000),
                ..ProductFilter::default()
            }),
            None,
            PriceMode::Region(eur),
        )
        .await
        .unwrap();
    assert_eq!(priced.items.len(), 1);
    assert_eq!(priced.items[0].handle, "b");
    assert_eq!(priced.items[0].variants[0].calculated_price, Some(1500));
    let stocked = catalog
        .list_products(
            &ctx,
            ProductFilter {
                in_stock: Some(true),
                limit: 10,
                ..ProductFilter::default()
            },
            None,
            PriceMode::Region(eur),
        )
        .await
        .unwrap();
    let handles: Vec<_> = stocked.items.iter().map(|p| p.handle.as_str()).collect();
    assert_eq!(handles, vec!["c", "b"]);
}

#[tokio::test]
async fn price_selection_uses_currency_window_and_tiers() {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let variant_id = stocked_variant(&h, &ctx, "mug", 100, 1000).await;
    let mut tier = price("EUR", 800);
    tier.min_quantity = Some(10);
    catalog.set_price(&ctx, variant_id, tier).await.unwrap();
    catalog
        .set_price(&ctx, variant_id, price("USD", 1100))
        .await
        .unwrap();
    let expired = catalog
        .create_price_list(
            &ctx,
            NewPriceList {
                title: "Old sale".into(),
                starts_at: Some(Utc::now() - Duration::days(10)),
                ends_at: Some(Utc::now() - Duration::days(1)),
            },
        )
        .await
        .unwrap();
    let mut old_sale = price("EUR", 100);
    old_sale.price_list_id = Some(expired.id);
    catalog.set_price(&ctx, variant_id, old_sale).await.unwrap();

    let eur_region = region(&h, &ctx, "EUR", 0, false).await;
    let usd_region = region(&h, &ctx, "USD", 0, false).await;
    let eur = catalog
        .get_by_handle(
            &ctx,
            "mug",
            None,
            PriceMode::Region("EUR".parse().unwrap()),
            true,
        )
        .await
        .unwrap();
    assert_eq!(
        eur.variants[0].calculated_price,
        Some(1000),
        "expired sale ignored"
    );
    let usd = catalog
        .get_by_handle(
            &ctx,
            "mug",
            None,
            PriceMode::Region("USD".parse().unwrap()),
            true,
        )
        .await
        .unwrap();
    assert_eq!(usd.variants[0].calculated_price, Some(1100));

    // A live sale beats the base price; the tier applies from 10 units.
    let live = catalog
        .create_price_list(
            &ctx,
            NewPriceList {
                title: "Sale".into(),
                starts_at: Some(Utc::now() - Duration::hours(1)),
                ends_at: Some(Utc::now() + Duration::hours(1)),
            },
        )
        .await
        .unwrap();
    let mut sale = price("EUR", 900);
    sale.price_list_id = Some(live.id);
    catalog.set_price(&ctx, variant_id, sale).await.unwrap();
    let carts = CartService::new(&h.db);
    let cart = cart_with(&h, &guest(&ctx), eur_region, variant_id, 1).await;
    let view = carts.get(&guest(&ctx), cart).await.unwrap();
    assert_eq!(view.items[0].unit_price, 900);
    let view = carts
        .update_item(&guest(&ctx), cart, view.items[0].id, 10)
        .await
        .unwrap();
    assert_eq!(view.items[0].unit_price, 800);
    assert_eq!(view.subtotal, 8000);

    let usd_cart = cart_with(&h, &guest(&ctx), usd_region, variant_id, 2).await;
    assert_eq!(carts.get(&guest(&ctx), usd_cart).await.unwrap().total, 2200);
}

#[tokio::test]
async fn cart_totals_with_tax_and_shipping() {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let v = stocked_variant(&h, &ctx, "pen", 100, 333).await;
    let excl = region(&h, &ctx, "EUR", 2000, false).await;
    let incl = region(&h, &ctx, "EUR", 2000, true).await;
    let shipping = RegionService::new(&h.db, &h.events)
        .add_shipping_option(
            &ctx,
            excl,
            NewShippingOption {
                name: "Standard".into(),
                amount: 500,
            },
        )
        .await
        .unwrap();
    let carts = CartService::new(&h.db);
    let g = guest(&ctx);
    let cart = cart_with(&h, &g, excl, v, 3).await;
    let view = carts
        .set_shipping_option(&g, cart, Some(shipping.id))
        .await
        .unwrap();
    // 999 net, 199.8 -> 200 tax, 500 shipping
    assert_eq!(
        (
            view.subtotal,
            view.tax_total,
            view.shipping_total,
            view.total
        ),
        (999, 200, 500, 1699)
    );
    let cart = cart_with(&h, &g, incl, v, 3).await;
    let view = carts.get(&g, cart).await.unwrap();
    // 999 gross: net 832.5 -> 833 (half-up), tax 166
    assert_eq!((view.subtotal, view.tax_total, view.total), (999, 166, 999));
    // A shipping option of another region is refused.
    assert!(matches!(
        carts.set_shipping_option(&g, cart, Some(shipping.id)).await,
        Err(CommerceError::Invalid { .. })
    ));
}

#[tokio::test]
async fn checkout_places_order_reserves_stock_and_emits_events_once() {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let v = stocked_variant(&h, &ctx, "lamp", 5, 2500).await;
    let r = region(&h, &ctx, "EUR", 1000, false).await;
    let g = guest(&ctx);
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
    let stock = InventoryService::new(&h.db, &h.events)
        .get(&ctx, v)
        .await
        .unwrap();
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
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let v = stocked_variant(&h, &ctx, "rare", 1, 1000).await;
    let plenty = stocked_variant(&h, &ctx, "common", 100, 100).await;
    let r = region(&h, &ctx, "EUR", 0, false).await;
    let g = guest(&ctx);
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
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
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
    let stock = InventoryService::new(&h.db, &h.events)
        .get(&ctx, p.variants[0].id)
        .await
        .unwrap();
    assert_eq!(stock.available, -2);
}

#[tokio::test]
async fn concurrent_checkouts_of_the_last_unit_make_exactly_one_order() {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let v = stocked_variant(&h, &ctx, "last", 1, 1000).await;
    let r = region(&h, &ctx, "EUR", 0, false).await;
    let g = guest(&ctx);
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
    let stock = InventoryService::new(&h.db, &h.events)
        .get(&ctx, v)
        .await
        .unwrap();
    assert_eq!((stock.on_hand, stock.reserved, stock.available), (1, 1, 0));
    assert_eq!(events_of(&h, &ctx, "commerce.order_placed").await, 1);
}

#[tokio::test]
async fn concurrent_retries_with_one_key_make_one_order() {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let v = stocked_variant(&h, &ctx, "retry", 10, 1000).await;
    let r = region(&h, &ctx, "EUR", 0, false).await;
    let g = guest(&ctx);
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
async fn order_transitions_follow_the_state_machine() {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let v = stocked_variant(&h, &ctx, "chair", 3, 4000).await;
    let r = region(&h, &ctx, "EUR", 0, false).await;
    let g = guest(&ctx);
    let checkout = CheckoutService::new(&h.db, &h.events);
    let orders = OrderService::new(&h.db, &h.events);
    let inventory = InventoryService::new(&h.db, &h.events);
    let cart = cart_with(&h, &g, r, v, 2).await;
    let order = checkout
        .checkout(&g, cart, checkout_input(None))
        .await
        .unwrap();

    let err = orders
        .transition(&ctx, order.id, OrderAction::Ship)
        .await
        .unwrap_err();
    assert!(matches!(err, CommerceError::InvalidTransition { .. }));
    assert_eq!(rustok_core::Error::from(err).status(), 409);

    let paid = orders
        .transition(&ctx, order.id, OrderAction::Capture)
        .await
        .unwrap();
    assert_eq!(paid.status, "paid");
    assert_eq!(paid.payments.last().unwrap().kind, "capture");
    assert_eq!(paid.payments.last().unwrap().amount, 8000);
    assert_eq!(events_of(&h, &ctx, "commerce.payment_captured").await, 1);
    orders
        .transition(&ctx, order.id, OrderAction::Fulfill)
        .await
        .unwrap();
    let stock = inventory.get(&ctx, v).await.unwrap();
    assert_eq!((stock.on_hand, stock.reserved), (1, 0));
    orders
        .transition(&ctx, order.id, OrderAction::Ship)
        .await
        .unwrap();
    let done = orders
        .transition(&ctx, order.id, OrderAction::Complete)
        .await
        .unwrap();
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
    orders
        .transition(&ctx, order.id, OrderAction::Cancel)
        .await
        .unwrap();
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
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let v = stocked_variant(&h, &ctx, "book", 10, 1500).await;
    let r = region(&h, &ctx, "EUR", 0, false).await;
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
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let v = stocked_variant(&h, &ctx, "ok", 5, 1000).await;
    let r = region(&h, &ctx, "EUR", 0, false).await;
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

#[tokio::test]
async fn a_product_unpublished_after_carting_cannot_be_bought() {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let v = stocked_variant(&h, &ctx, "gone", 5, 1000).await;
    let r = region(&h, &ctx, "EUR", 0, false).await;
    let g = guest(&ctx);
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

#[tokio::test]
async fn collections_categories_and_variants_can_be_removed() {
    use rustok_commerce::dto::{NewProductCategory, NewProductCollection};
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let other = tenant(&h, "other").await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let summer = catalog
        .create_collection(
            &ctx,
            NewProductCollection {
                handle: "summer".into(),
                title: "Summer".into(),
            },
        )
        .await
        .unwrap();
    let clothing = catalog
        .create_category(
            &ctx,
            NewProductCategory {
                handle: "clothing".into(),
                name: "Clothing".into(),
                parent_id: None,
                position: None,
            },
        )
        .await
        .unwrap();
    let shirts = catalog
        .create_category(
            &ctx,
            NewProductCategory {
                handle: "shirts".into(),
                name: "Shirts".into(),
                parent_id: Some(clothing.id),
                position: None,
            },
        )
        .await
        .unwrap();
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
    let in_shirts = catalog
        .list_products(
            &ctx,
            ProductFilter {
                category_id: Some(shirts.id),
                collection_id: Some(summer.id),
                limit: 10,
                ..ProductFilter::default()
            },
            None,
            PriceMode::All,
        )
        .await
        .unwrap();
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
async fn prices_regions_and_shipping_options_can_be_changed() {
    use rustok_commerce::dto::RegionPatch;
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let other = tenant(&h, "other").await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let v = stocked_variant(&h, &ctx, "tiered", 50, 1000).await;
    let mut tier = price("EUR", 700);
    tier.min_quantity = Some(5);
    let tier = catalog.set_price(&ctx, v, tier).await.unwrap();
    let r = region(&h, &ctx, "EUR", 0, false).await;
    let g = guest(&ctx);
    let cart = cart_with(&h, &g, r, v, 5).await;
    let carts = CartService::new(&h.db);
    assert_eq!(carts.get(&g, cart).await.unwrap().subtotal, 3500);

    assert!(matches!(
        catalog.delete_price(&other, tier.id).await,
        Err(CommerceError::NotFound("price"))
    ));
    catalog.delete_price(&ctx, tier.id).await.unwrap();
    assert_eq!(carts.get(&g, cart).await.unwrap().subtotal, 5000);

    let regions = RegionService::new(&h.db, &h.events);
    let updated = regions
        .update(
            &ctx,
            r,
            RegionPatch {
                tax_rate_bp: Some(1000),
                ..RegionPatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.tax_rate_bp, 1000);
    assert_eq!(carts.get(&g, cart).await.unwrap().tax_total, 500);
    assert!(
        regions
            .update(
                &ctx,
                r,
                RegionPatch {
                    tax_rate_bp: Some(10_001),
                    ..RegionPatch::default()
                }
            )
            .await
            .is_err()
    );
    assert!(matches!(
        regions.update(&other, r, RegionPatch::default()).await,
        Err(CommerceError::NotFound("region"))
    ));

    let option = regions
        .add_shipping_option(
            &ctx,
            r,
            NewShippingOption {
                name: "Express".into(),
                amount: 900,
            },
        )
        .await
        .unwrap();
    carts
        .set_shipping_option(&g, cart, Some(option.id))
        .await
        .unwrap();
    assert!(matches!(
        regions.delete_shipping_option(&other, option.id).await,
        Err(CommerceError::NotFound(_))
    ));
    regions
        .delete_shipping_option(&ctx, option.id)
        .await
        .unwrap();
    assert_eq!(carts.get(&g, cart).await.unwrap().shipping_total, 0);
}

#[tokio::test]
async fn shop_setup_changes_are_announced_once_and_failures_never() {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let regions = RegionService::new(&h.db, &h.events);
    let changed = || events_of(&h, &ctx, "commerce.catalog_changed");

    let collection = catalog
        .create_collection(
            &ctx,
            NewProductCollection {
                handle: "summer".into(),
                title: "Summer".into(),
            },
        )
        .await
        .unwrap();
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
    let category = catalog
        .create_category(
            &ctx,
            NewProductCategory {
                handle: "shirts".into(),
                name: "Shirts".into(),
                parent_id: None,
                position: None,
            },
        )
        .await
        .unwrap();
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
    regions
        .update(
            &ctx,
            region,
            RegionPatch {
                tax_rate_bp: Some(700),
                ..RegionPatch::default()
            },
        )
        .await
        .unwrap();
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
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let category = |handle: &str, parent_id: Option<Uuid>| NewProductCategory {
        handle: handle.into(),
        name: handle.to_uppercase(),
        parent_id,
        position: None,
    };
    let clothes = catalog
        .create_category(&ctx, category("clothes", None))
        .await
        .unwrap();
    let shirts = catalog
        .create_category(&ctx, category("shirts", Some(clothes.id)))
        .await
        .unwrap();
    let sale = catalog
        .create_category(&ctx, category("sale", None))
        .await
        .unwrap();
    let before = events_of(&h, &ctx, "commerce.catalog_changed").await;

    // Rename and move under another root; then back to the root level.
    let moved = catalog
        .update_category(
            &ctx,
            shirts.id,
            ProductCategoryPatch {
                name: Some("T-Shirts".into()),
                parent_id: Some(Some(sale.id)),
                ..ProductCategoryPatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (moved.name.as_str(), moved.parent_id),
        ("T-Shirts", Some(sale.id))
    );
    let root = catalog
        .update_category(
            &ctx,
            shirts.id,
            ProductCategoryPatch {
                parent_id: Some(None),
                ..ProductCategoryPatch::default()
            },
        )
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
        .update_category(
            &ctx,
            shirts.id,
            ProductCategoryPatch {
                parent_id: Some(Some(clothes.id)),
                ..ProductCategoryPatch::default()
            },
        )
        .await
        .unwrap();
    let cycle = catalog
        .update_category(
            &ctx,
            clothes.id,
            ProductCategoryPatch {
                parent_id: Some(Some(shirts.id)),
                ..ProductCategoryPatch::default()
            },
        )
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
        .update_category(
            &ctx,
            clothes.id,
            ProductCategoryPatch {
                parent_id: Some(Some(clothes.id)),
                ..ProductCategoryPatch::default()
            },
        )
        .await;
    assert!(selfish.is_err());
    let taken = catalog
        .update_category(
            &ctx,
            sale.id,
            ProductCategoryPatch {
                handle: Some("clothes".into()),
                ..ProductCategoryPatch::default()
            },
        )
        .await;
    assert!(
        matches!(taken, Err(CommerceError::Taken { .. })),
        "{taken:?}"
    );
    assert_eq!(
        events_of(&h, &ctx, "commerce.catalog_changed").await,
        before + 3
    );

    // Collections: rename; another tenant cannot touch them.
    let summer = catalog
        .create_collection(
            &ctx,
            NewProductCollection {
                handle: "summer".into(),
                title: "Summer".into(),
            },
        )
        .await
        .unwrap();
    let renamed = catalog
        .update_collection(
            &ctx,
            summer.id,
            ProductCollectionPatch {
                title: Some("Summer 2027".into()),
                ..ProductCollectionPatch::default()
            },
        )
        .await
        .unwrap();
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
