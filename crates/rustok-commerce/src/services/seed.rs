//! Deterministic catalogues: a small demo shop and a large benchmark catalogue.

use std::collections::HashSet;

use rustok_core::{DomainEvent, EventBus, begin_write};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

use super::products::writable_locale;
use super::scoped::in_tenant;
use super::{CatalogService, CommerceContext, DEFAULT_LOCATION, RegionService, now};
use crate::dto::{
    NewProduct, NewRegion, NewShippingOption, NewVariant, OptionInput, OptionValueInput,
    PriceInput, ProductStatus, ProductTranslationInput,
};
use crate::entities::{
    inventory_levels, prices, product_options, product_tags, product_translations, products,
    regions, variants,
};
use crate::{CommerceError, Currency};

/// Products written per transaction by [`seed_catalog`]: large enough that a statement carries
/// hundreds of rows, small enough that memory stays flat and every multi-row insert stays below
/// the databases' limits of bound parameters (variants: 17 columns × 3 per product).
const SEED_CHUNK: usize = 500;
const _: () = assert!(SEED_CHUNK <= rustok_core::events::MAX_IMPORTED);
/// Rows per multi-row insert (at most 17 columns × 1 500 rows ≈ 25 500 parameters; SQLite
/// allows 32 766, PostgreSQL 65 535).
const INSERT_ROWS: usize = 1500;
const SIZES: [&str; 3] = ["S", "M", "L"];

/// Creates `count` published products `product-0001`, `product-0002`, ... each with variants
/// S/M/L, one price in `currency` and stock 100, skipping handles that already exist (so a
/// re-run completes a partial load). Returns how many products it created.
///
/// The rows are those [`CatalogService::create_product`] writes for the same input, but written
/// [`SEED_CHUNK`] products per transaction with multi-row inserts: one query finds the chunk's
/// existing handles, one statement per table writes its rows, and one
/// [`DomainEvent::ProductsImported`] naming the chunk's new products goes to the outbox in the
/// same transaction (instead of the `ProductCreated`, `ProductPublished`, `VariantUpdated`,
/// `PriceUpdated` and `StockChanged` each product would announce through `create_product`): the
/// index refreshes the chunk in one batch, so the storefront follows a 100 000-product seed in
/// minutes.
pub async fn seed_catalog(
    db: &DatabaseConnection,
    events: &EventBus,
    ctx: &CommerceContext,
    count: usize,
    currency: &str,
) -> Result<usize, CommerceError> {
    let currency: Currency = currency.parse()?;
    let locale = writable_locale(ctx, "en")?;
    let width = count.to_string().len().max(4);
    let mut created = 0;
    let mut first = 1;
    while first <= count {
        let last = (first + SEED_CHUNK - 1).min(count);
        let handles: Vec<(usize, String)> = (first..=last)
            .map(|n| (n, format!("product-{n:0width$}")))
            .collect();
        created += seed_chunk(db, events, ctx, handles, currency, locale.as_str()).await?;
        first = last + 1;
    }
    Ok(created)
}

/// One transaction: the products of `handles` that do not exist yet, with their parts and events.
async fn seed_chunk(
    db: &DatabaseConnection,
    events: &EventBus,
    ctx: &CommerceContext,
    handles: Vec<(usize, String)>,
    currency: Currency,
    locale: &str,
) -> Result<usize, CommerceError> {
    let txn = begin_write(db).await?;
    let existing: HashSet<String> = in_tenant::<products::Entity>(ctx)
        .select_only()
        .column(products::Column::Handle)
        .filter(products::Column::Handle.is_in(handles.iter().map(|(_, h)| h.clone())))
        .into_tuple()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    let mut rows = SeedRows::default();
    let mut product_ids = Vec::new();
    for (n, handle) in handles {
        if existing.contains(&handle) {
            continue;
        }
        product_ids.push(rows.product(ctx, n, &handle, currency, locale));
    }
    let created = rows.products.len();
    if created == 0 {
        return Ok(0);
    }
    rows.insert(&txn).await?;
    events
        .emit_in_tx(
            &txn,
            ctx.tenant,
            ctx.actor,
            DomainEvent::ProductsImported { product_ids },
        )
        .await?;
    txn.commit().await?;
    Ok(created)
}

/// The rows of a chunk of seeded products, table by table.
#[derive(Default)]
struct SeedRows {
    products: Vec<products::ActiveModel>,
    translations: Vec<product_translations::ActiveModel>,
    options: Vec<product_options::ActiveModel>,
    tags: Vec<product_tags::ActiveModel>,
    variants: Vec<variants::ActiveModel>,
    stock: Vec<inventory_levels::ActiveModel>,
    prices: Vec<prices::ActiveModel>,
}

impl SeedRows {
    /// Adds product number `n` (what [`sized_product`] describes); returns its id.
    fn product(
        &mut self,
        ctx: &CommerceContext,
        n: usize,
        handle: &str,
        currency: Currency,
        locale: &str,
    ) -> Uuid {
        let tenant_id = ctx.tenant_id();
        let now = now();
        let product_id = rustok_core::generate_id();
        let title = format!("Product {n}");
        self.products.push(products::ActiveModel {
            id: Set(product_id),
            tenant_id: Set(tenant_id),
            handle: Set(handle.to_string()),
            status: Set(ProductStatus::Published.as_str().to_string()),
            discountable: Set(true),
            collection_id: Set(None),
            metadata: Set(serde_json::json!({})),
            published_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
        });
        self.translations.push(product_translations::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(tenant_id),
            product_id: Set(product_id),
            locale: Set(locale.to_string()),
            description: Set(Some(format!("{title}, in three sizes."))),
            title: Set(title),
            subtitle: Set(None),
        });
        self.options.push(product_options::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(tenant_id),
            product_id: Set(product_id),
            title: Set("Size".to_string()),
            values: Set(serde_json::json!(SIZES)),
            position: Set(0),
        });
        self.tags.push(product_tags::ActiveModel {
            product_id: Set(product_id),
            tag: Set("demo".to_string()),
            tenant_id: Set(tenant_id),
        });
        let amount = seeded_amount(n);
        for (position, size) in SIZES.into_iter().enumerate() {
            let variant_id = rustok_core::generate_id();
            self.variants.push(variants::ActiveModel {
                id: Set(variant_id),
                tenant_id: Set(tenant_id),
                product_id: Set(product_id),
                title: Set(size.to_string()),
                sku: Set(Some(seeded_sku(handle, size))),
                barcode: Set(None),
                manage_inventory: Set(true),
                allow_backorder: Set(false),
                weight: Set(None),
                length: Set(None),
                height: Set(None),
                width: Set(None),
                position: Set(position as i32),
                options: Set(serde_json::json!({ "Size": size })),
                metadata: Set(serde_json::json!({})),
                created_at: Set(now),
                updated_at: Set(now),
            });
            self.stock.push(inventory_levels::ActiveModel {
                id: Set(rustok_core::generate_id()),
                tenant_id: Set(tenant_id),
                variant_id: Set(variant_id),
                location: Set(DEFAULT_LOCATION.to_string()),
                on_hand: Set(SEED_STOCK),
                reserved: Set(0),
                updated_at: Set(now),
            });
            self.prices.push(prices::ActiveModel {
                id: Set(rustok_core::generate_id()),
                tenant_id: Set(tenant_id),
                variant_id: Set(variant_id),
                currency_code: Set(currency.code().to_string()),
                amount: Set(amount),
                price_list_id: Set(None),
                min_quantity: Set(1),
                created_at: Set(now),
            });
        }
        product_id
    }

    /// Parents before children, as the foreign keys want.
    async fn insert(self, conn: &impl ConnectionTrait) -> Result<(), CommerceError> {
        insert_all(conn, self.products).await?;
        insert_all(conn, self.translations).await?;
        insert_all(conn, self.options).await?;
        insert_all(conn, self.tags).await?;
        insert_all(conn, self.variants).await?;
        insert_all(conn, self.stock).await?;
        insert_all(conn, self.prices).await?;
        Ok(())
    }
}

/// `rows` in multi-row inserts of at most [`INSERT_ROWS`].
async fn insert_all<A>(conn: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), CommerceError>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(INSERT_ROWS).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Stock on hand of every seeded variant.
const SEED_STOCK: i64 = 100;

/// Prices vary deterministically between 5.00 and 104.99.
fn seeded_amount(n: usize) -> i64 {
    500 + ((n as i64 * 7919) % 10_000)
}

fn seeded_sku(handle: &str, size: &str) -> String {
    format!("{}-{}", handle.to_uppercase(), size)
}

fn sized_product(handle: &str, title: &str, currency: &str, amount: i64) -> NewProduct {
    let variants = SIZES
        .into_iter()
        .map(|size| NewVariant {
            title: size.to_string(),
            sku: Some(seeded_sku(handle, size)),
            manage_inventory: Some(true),
            allow_backorder: Some(false),
            options: vec![OptionValueInput {
                option: "Size".into(),
                value: size.into(),
            }],
            prices: vec![PriceInput {
                currency: currency.to_string(),
                amount,
                ..PriceInput::default()
            }],
            stock: Some(SEED_STOCK),
            ..NewVariant::default()
        })
        .collect();
    NewProduct {
        handle: handle.to_string(),
        status: Some(ProductStatus::Published),
        translations: vec![ProductTranslationInput {
            locale: "en".into(),
            title: title.to_string(),
            description: Some(format!("{title}, in three sizes.")),
            ..ProductTranslationInput::default()
        }],
        options: vec![OptionInput {
            title: "Size".into(),
            values: SIZES.into_iter().map(String::from).collect(),
        }],
        variants,
        tags: vec!["demo".into()],
        ..NewProduct::default()
    }
}

/// A small demo shop, once per tenant: a Europe region (EUR, 20 % VAT included, two shipping
/// options) and a dozen published products with S/M/L variants. Does nothing when the tenant
/// already has a region.
pub async fn seed_demo_shop(
    db: &DatabaseConnection,
    events: &EventBus,
    ctx: &CommerceContext,
) -> Result<bool, CommerceError> {
    let has_region = in_tenant::<regions::Entity>(ctx).count(db).await? > 0;
    if has_region {
        return Ok(false);
    }
    let regions = RegionService::new(db, events);
    let region = regions
        .create(
            ctx,
            NewRegion {
                name: "Europe".into(),
                currency: "EUR".into(),
                countries: vec![
                    "DE".into(),
                    "FR".into(),
                    "IT".into(),
                    "ES".into(),
                    "NL".into(),
                ],
                tax_rate_bp: Some(2000),
                tax_inclusive: Some(true),
            },
        )
        .await?;
    for (name, amount) in [("Standard", 495), ("Express", 1495)] {
        regions
            .add_shipping_option(
                ctx,
                region.id,
                NewShippingOption {
                    name: name.into(),
                    amount,
                },
            )
            .await?;
    }
    let catalog = CatalogService::new(db, events);
    let items = [
        ("classic-tee", "Classic T-Shirt", 1999),
        ("organic-hoodie", "Organic Hoodie", 5999),
        ("linen-shirt", "Linen Shirt", 4499),
        ("denim-jacket", "Denim Jacket", 8999),
        ("wool-beanie", "Wool Beanie", 1999),
        ("canvas-sneakers", "Canvas Sneakers", 6499),
        ("running-shorts", "Running Shorts", 2999),
        ("rain-jacket", "Rain Jacket", 9999),
        ("cotton-socks", "Cotton Socks", 899),
        ("chino-trousers", "Chino Trousers", 5499),
        ("polo-shirt", "Polo Shirt", 3499),
        ("fleece-vest", "Fleece Vest", 4999),
    ];
    for (handle, title, amount) in items {
        catalog
            .create_product(ctx, sized_product(handle, title, "EUR", amount))
            .await?;
    }
    Ok(true)
}
