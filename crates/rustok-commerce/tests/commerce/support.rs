//! Shared setup: a fresh database per test, a tenant's commerce context, products, regions,
//! carts and event counts.

use rustok_commerce::dto::{
    CartItemInput, CheckoutInput, NewCart, NewProduct, NewProductCategory, NewProductCollection,
    NewRegion, NewVariant, PriceInput, ProductCategoryView, ProductCollectionView, ProductFilter,
    ProductPage, ProductStatus, ProductTranslationInput, RegionPatch, StockView,
};
use rustok_commerce::{
    CartService, CatalogService, CommerceContext, InventoryService, PriceMode, RegionService,
};
use rustok_outbox::entities::sys_events;
use rustok_testkit::{TestDb, english_and_german};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

pub type Harness = TestDb;

pub async fn harness() -> Harness {
    TestDb::new("rustok_commerce").await
}

/// Staff of a new tenant `slug` (English and German), acting as a fresh user.
pub async fn tenant(h: &Harness, slug: &str) -> CommerceContext {
    CommerceContext {
        tenant: h.tenant(slug).await,
        actor: Some(rustok_core::generate_id()),
        locales: english_and_german(),
    }
}

/// A fresh database with the tenant `shop`, and its staff.
pub async fn shop() -> (Harness, CommerceContext) {
    let h = harness().await;
    let ctx = tenant(&h, "shop").await;
    (h, ctx)
}

/// The shop selling a product, as [`selling`] sets it up: the database, its staff, the
/// product's variant, a EUR region and a guest.
pub type Selling = (Harness, CommerceContext, Uuid, Uuid, CommerceContext);

/// The shop selling `handle` (`stock` units at `amount` EUR) in a region adding `tax_bp` of tax.
pub async fn selling(handle: &str, stock: i64, amount: i64, tax_bp: i32) -> Selling {
    let (h, ctx) = shop().await;
    let variant = stocked_variant(&h, &ctx, handle, stock, amount).await;
    let region = region(&h, &ctx, "EUR", tax_bp, false).await;
    let guest = guest(&ctx);
    (h, ctx, variant, region, guest)
}

/// A guest in the same tenant (no signed-in user).
pub fn guest(ctx: &CommerceContext) -> CommerceContext {
    CommerceContext {
        actor: None,
        ..ctx.clone()
    }
}

pub fn price(currency: &str, amount: i64) -> PriceInput {
    PriceInput {
        currency: currency.into(),
        amount,
        ..PriceInput::default()
    }
}

pub fn variant(title: &str, sku: &str, stock: i64, prices: Vec<PriceInput>) -> NewVariant {
    NewVariant {
        title: title.into(),
        sku: Some(sku.into()),
        prices,
        stock: Some(stock),
        ..NewVariant::default()
    }
}

/// A published product with an English title and `variants`.
pub fn product(handle: &str, variants: Vec<NewVariant>) -> NewProduct {
    NewProduct {
        handle: handle.into(),
        status: Some(ProductStatus::Published),
        translations: vec![ProductTranslationInput {
            locale: "en".into(),
            title: format!("Title of {handle}"),
            ..ProductTranslationInput::default()
        }],
        variants,
        ..NewProduct::default()
    }
}

pub async fn new_collection(
    catalog: &CatalogService<'_>,
    ctx: &CommerceContext,
    handle: &str,
    title: &str,
) -> ProductCollectionView {
    let input = NewProductCollection {
        handle: handle.into(),
        title: title.into(),
    };
    catalog.create_collection(ctx, input).await.unwrap()
}

pub async fn new_category(
    catalog: &CatalogService<'_>,
    ctx: &CommerceContext,
    (handle, name): (&str, &str),
    parent_id: Option<Uuid>,
) -> ProductCategoryView {
    let input = NewProductCategory {
        handle: handle.into(),
        name: name.into(),
        parent_id,
        position: None,
    };
    catalog.create_category(ctx, input).await.unwrap()
}

/// A patch that only changes a region's tax rate.
pub fn tax_rate(bp: i32) -> RegionPatch {
    RegionPatch {
        tax_rate_bp: Some(bp),
        ..RegionPatch::default()
    }
}

/// A region of one country with its currency and tax rule; its id.
pub async fn region(
    h: &Harness,
    ctx: &CommerceContext,
    currency: &str,
    bp: i32,
    inclusive: bool,
) -> Uuid {
    let input = NewRegion {
        name: format!("{currency} region"),
        currency: currency.into(),
        countries: vec!["DE".into()],
        tax_rate_bp: Some(bp),
        tax_inclusive: Some(inclusive),
    };
    let regions = RegionService::new(&h.db, &h.events);
    regions.create(ctx, input).await.unwrap().id
}

/// A published product with one variant of `stock` units at `amount` EUR; its variant id.
pub async fn stocked_variant(
    h: &Harness,
    ctx: &CommerceContext,
    handle: &str,
    stock: i64,
    amount: i64,
) -> Uuid {
    let one = variant(
        "One",
        &format!("{handle}-1"),
        stock,
        vec![price("EUR", amount)],
    );
    let catalog = CatalogService::new(&h.db, &h.events);
    let created = catalog.create_product(ctx, product(handle, vec![one]));
    created.await.unwrap().variants[0].id
}

/// A guest-mailed cart in `region_id` holding `quantity` of `variant_id`; its id.
pub async fn cart_with(
    h: &Harness,
    ctx: &CommerceContext,
    region_id: Uuid,
    variant_id: Uuid,
    quantity: i64,
) -> Uuid {
    let carts = CartService::new(&h.db);
    let email = Some("guest@example.com".into());
    let cart = carts
        .create(ctx, NewCart { region_id, email })
        .await
        .unwrap();
    let item = CartItemInput {
        variant_id,
        quantity,
    };
    carts.add_item(ctx, cart.id, item).await.unwrap();
    cart.id
}

pub fn checkout_input(key: Option<&str>) -> CheckoutInput {
    CheckoutInput {
        idempotency_key: key.map(str::to_string),
        email: None,
        payment_provider: None,
        shipping_address: None,
        billing_address: None,
    }
}

/// The variant's stock at the default location.
pub async fn stock_of(h: &Harness, ctx: &CommerceContext, variant_id: Uuid) -> StockView {
    let inventory = InventoryService::new(&h.db, &h.events);
    inventory.get(ctx, variant_id).await.unwrap()
}

/// The first ten products matching `filter` as staff see them (any status, every price).
pub async fn staff_listing(
    catalog: &CatalogService<'_>,
    ctx: &CommerceContext,
    filter: ProductFilter,
) -> ProductPage {
    let filter = ProductFilter {
        limit: 10,
        ..filter
    };
    let listed = catalog.list_products(ctx, filter, None, PriceMode::All);
    listed.await.unwrap()
}

/// How many events of `event_type` the tenant's outbox holds.
pub async fn events_of(h: &Harness, ctx: &CommerceContext, event_type: &str) -> u64 {
    sys_events::Entity::find()
        .filter(sys_events::Column::EventType.eq(event_type))
        .filter(sys_events::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .count(&h.db)
        .await
        .unwrap()
}

/// How many events the outbox holds, of every tenant.
pub async fn all_events(h: &Harness) -> u64 {
    sys_events::Entity::find().count(&h.db).await.unwrap()
}
