//! Deterministic catalogues: a small demo shop and a large benchmark catalogue.

use rustok_core::EventBus;
use sea_orm::{ColumnTrait, DatabaseConnection, PaginatorTrait, QueryFilter};

use super::scoped::in_tenant;
use super::{CatalogService, CommerceContext, RegionService};
use crate::CommerceError;
use crate::dto::{
    NewProduct, NewRegion, NewShippingOption, NewVariant, OptionInput, OptionValueInput,
    PriceInput, ProductStatus, ProductTranslationInput,
};
use crate::entities::{products, regions};

/// Creates `count` published products `product-0001`, `product-0002`, ... each with variants
/// S/M/L, one price in `currency` and stock 100, skipping handles that already exist (so a
/// re-run completes a partial load). Returns how many products it created.
pub async fn seed_catalog(
    db: &DatabaseConnection,
    events: &EventBus,
    ctx: &CommerceContext,
    count: usize,
    currency: &str,
) -> Result<usize, CommerceError> {
    let catalog = CatalogService::new(db, events);
    let width = count.to_string().len().max(4);
    let mut created = 0;
    for n in 1..=count {
        let handle = format!("product-{n:0width$}");
        let exists = in_tenant::<products::Entity>(ctx)
            .filter(products::Column::Handle.eq(handle.as_str()))
            .count(db)
            .await?
            > 0;
        if exists {
            continue;
        }
        // Prices vary deterministically between 5.00 and 104.99.
        let amount = 500 + ((n as i64 * 7919) % 10_000);
        catalog
            .create_product(
                ctx,
                sized_product(&handle, &format!("Product {n}"), currency, amount),
            )
            .await?;
        created += 1;
    }
    Ok(created)
}

fn sized_product(handle: &str, title: &str, currency: &str, amount: i64) -> NewProduct {
    let variants = ["S", "M", "L"]
        .into_iter()
        .map(|size| NewVariant {
            title: size.to_string(),
            sku: Some(format!("{}-{}", handle.to_uppercase(), size)),
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
            stock: Some(100),
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
            values: vec!["S".into(), "M".into(), "L".into()],
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
