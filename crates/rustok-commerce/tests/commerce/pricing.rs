//! Prices: currency, price-list windows and quantity tiers; cart totals with inclusive and
//! exclusive tax, rounding and shipping; prices, regions and shipping options changed later.

use chrono::{DateTime, Duration, Utc};
use rustok_commerce::dto::{NewPriceList, NewShippingOption, PriceListView, RegionPatch};
use rustok_commerce::{
    CartService, CatalogService, CommerceContext, CommerceError, PriceMode, RegionService,
};

use crate::support::{
    cart_with, guest, price, region, selling, shop, stocked_variant, tax_rate, tenant,
};

#[tokio::test]
async fn price_selection_uses_currency_window_and_tiers() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let variant_id = stocked_variant(&h, &ctx, "mug", 100, 1000).await;
    let mut tier = price("EUR", 800);
    tier.min_quantity = Some(10);
    catalog.set_price(&ctx, variant_id, tier).await.unwrap();
    catalog
        .set_price(&ctx, variant_id, price("USD", 1100))
        .await
        .unwrap();
    let ended = (
        Utc::now() - Duration::days(10),
        Utc::now() - Duration::days(1),
    );
    let expired = price_list(&catalog, &ctx, "Old sale", ended).await;
    let mut old_sale = price("EUR", 100);
    old_sale.price_list_id = Some(expired.id);
    catalog.set_price(&ctx, variant_id, old_sale).await.unwrap();

    let eur_region = region(&h, &ctx, "EUR", 0, false).await;
    let usd_region = region(&h, &ctx, "USD", 0, false).await;
    // The mug as the storefront shows it in a currency.
    let mug_in = |currency: &str| {
        let mode = PriceMode::Region(currency.parse().unwrap());
        catalog.get_by_handle(&ctx, "mug", None, mode, true)
    };
    let eur = mug_in("EUR").await.unwrap();
    assert_eq!(
        eur.variants[0].calculated_price,
        Some(1000),
        "expired sale ignored"
    );
    let usd = mug_in("USD").await.unwrap();
    assert_eq!(usd.variants[0].calculated_price, Some(1100));

    // A live sale beats the base price; the tier applies from 10 units.
    let running = (
        Utc::now() - Duration::hours(1),
        Utc::now() + Duration::hours(1),
    );
    let live = price_list(&catalog, &ctx, "Sale", running).await;
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
    let (h, ctx, v, excl, _) = selling("pen", 100, 333, 2000).await;
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
async fn prices_regions_and_shipping_options_can_be_changed() {
    let (h, ctx) = shop().await;
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
    let updated = regions.update(&ctx, r, tax_rate(1000)).await.unwrap();
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

/// A price list valid from the first to the second time of `window`.
async fn price_list(
    catalog: &CatalogService<'_>,
    ctx: &CommerceContext,
    title: &str,
    (starts_at, ends_at): (DateTime<Utc>, DateTime<Utc>),
) -> PriceListView {
    let input = NewPriceList {
        title: title.into(),
        starts_at: Some(starts_at),
        ends_at: Some(ends_at),
    };
    catalog.create_price_list(ctx, input).await.unwrap()
}

/// A stored copy of `price` under a new id (as a concurrent insert would write it).
fn duplicate_of(
    price: &rustok_commerce::entities::prices::Model,
) -> rustok_commerce::entities::prices::ActiveModel {
    use sea_orm::Set;
    rustok_commerce::entities::prices::ActiveModel {
        id: Set(rustok_core::generate_id()),
        tenant_id: Set(price.tenant_id),
        variant_id: Set(price.variant_id),
        currency_code: Set(price.currency_code.clone()),
        amount: Set(price.amount + 1),
        price_list_id: Set(price.price_list_id),
        min_quantity: Set(price.min_quantity),
        created_at: Set(price.created_at),
    }
}

#[tokio::test]
async fn the_database_refuses_a_second_price_for_the_same_key() {
    use rustok_commerce::entities::prices;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let variant_id = stocked_variant(&h, &ctx, "mug", 10, 1000).await;
    let window = (
        Utc::now() - Duration::days(1),
        Utc::now() + Duration::days(1),
    );
    let sale = price_list(&catalog, &ctx, "Sale", window).await;
    let mut on_sale = price("EUR", 800);
    on_sale.price_list_id = Some(sale.id);
    catalog.set_price(&ctx, variant_id, on_sale).await.unwrap();
    let stored = prices::Entity::find()
        .filter(prices::Column::VariantId.eq(variant_id))
        .all(&h.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 2, "a base price and a sale price");
    // The base price (no price list) and the sale price: a second row of either key is refused,
    // the NULL price list included.
    for price in &stored {
        let refused = duplicate_of(price).insert(&h.db).await.unwrap_err();
        assert!(
            matches!(
                refused.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ),
            "{refused}"
        );
    }
    // Another quantity tier of the same currency and list is a different key.
    let mut tier = duplicate_of(&stored[0]);
    tier.min_quantity = sea_orm::Set(5);
    tier.insert(&h.db).await.unwrap();
    // Through the service the same key is still an update, not a second row.
    catalog
        .set_price(&ctx, variant_id, price("EUR", 1200))
        .await
        .unwrap();
    let base = prices::Entity::find()
        .filter(prices::Column::VariantId.eq(variant_id))
        .filter(prices::Column::PriceListId.is_null())
        .filter(prices::Column::MinQuantity.eq(1))
        .all(&h.db)
        .await
        .unwrap();
    assert_eq!(base.len(), 1);
    assert_eq!(base[0].amount, 1200);
}
