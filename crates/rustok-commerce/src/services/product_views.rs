//! What every product read returns. [`product_views`] loads the parts of a whole page of
//! products with one query per table (no N+1) and groups them by parent id once; building each
//! view is then a lookup of its own parts, never a scan of everyone's.

use std::collections::HashMap;

use chrono::Utc;
use rustok_core::Locale;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::products::PriceMode;
use super::scoped::children_of;
use super::{CommerceContext, pricing};
use crate::CommerceError;
use crate::dto::{ImageView, OptionValueView, OptionView, PriceView, ProductView, VariantView};
use crate::entities::{
    inventory_levels, prices, product_categories, product_images, product_options, product_tags,
    product_translations, products, variant_translations, variants,
};
use crate::totals::select_price;

/// Options are shown by position (then id, for a stable order).
pub(super) const OPTION_ORDER: [product_options::Column; 2] = [
    product_options::Column::Position,
    product_options::Column::Id,
];
/// Variants likewise.
pub(super) const VARIANT_ORDER: [variants::Column; 2] =
    [variants::Column::Position, variants::Column::Id];

/// Views of `rows`, in their order, with texts in `locale` (else the tenant's fallbacks) and
/// prices as `price_mode` says.
pub(super) async fn product_views(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    rows: Vec<products::Model>,
    locale: Option<&Locale>,
    price_mode: PriceMode,
) -> Result<Vec<ProductView>, CommerceError> {
    let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
    let mut parts = Parts::load(conn, ctx, &ids, price_mode).await?;
    let texts = Texts {
        chain: ctx.locales.fallback_chain(locale),
        default: ctx.locales.default.to_string(),
    };
    Ok(rows
        .into_iter()
        .map(|product| parts.product_view(product, &texts))
        .collect())
}

pub(super) fn price_view(price: prices::Model) -> PriceView {
    PriceView {
        id: price.id,
        currency: price.currency_code,
        amount: price.amount,
        min_quantity: price.min_quantity,
        price_list_id: price.price_list_id,
    }
}

/// Which translation a read shows: the first locale of `chain` that has one.
struct Texts {
    chain: Vec<Locale>,
    /// The locale a product without any translation is shown in.
    default: String,
}

impl Texts {
    /// Where `locale` stands in the fallback chain (`usize::MAX`: not in it).
    fn rank(&self, locale: &str) -> usize {
        self.chain
            .iter()
            .position(|l| l.as_str() == locale)
            .unwrap_or(usize::MAX)
    }

    /// The row whose locale comes first in the chain; the first row when none is in it.
    fn preferred<'r, T>(&self, rows: &'r [T], locale: impl Fn(&T) -> &str) -> Option<&'r T> {
        rows.iter().min_by_key(|row| self.rank(locale(row)))
    }
}

/// How a page's variants are priced.
enum Prices {
    /// Every stored price, by variant (staff reads).
    All(HashMap<Uuid, Vec<prices::Model>>),
    /// The price one unit costs now in the region's currency, by variant (storefront reads).
    Region {
        currency: String,
        calculated: HashMap<Uuid, i64>,
    },
}

/// The parts of a page of products: product parts by product id, variant parts by variant id.
struct Parts {
    translations: HashMap<Uuid, Vec<product_translations::Model>>,
    options: HashMap<Uuid, Vec<product_options::Model>>,
    variants: HashMap<Uuid, Vec<variants::Model>>,
    images: HashMap<Uuid, Vec<product_images::Model>>,
    tags: HashMap<Uuid, Vec<product_tags::Model>>,
    categories: HashMap<Uuid, Vec<product_categories::Model>>,
    variant_titles: HashMap<Uuid, Vec<variant_translations::Model>>,
    /// On hand and reserved, summed over the locations.
    stock: HashMap<Uuid, (i64, i64)>,
    prices: Prices,
}

impl Parts {
    /// One query per table for the whole page.
    async fn load(
        conn: &impl ConnectionTrait,
        ctx: &CommerceContext,
        ids: &[Uuid],
        price_mode: PriceMode,
    ) -> Result<Self, CommerceError> {
        let variants = children_of(conn, ctx, variants::Column::ProductId, ids, &VARIANT_ORDER);
        let variants = variants.await?;
        let variant_ids: Vec<Uuid> = variants.values().flatten().map(|v| v.id).collect();
        let stock = children_of(
            conn,
            ctx,
            inventory_levels::Column::VariantId,
            &variant_ids,
            &[],
        );
        let stock = stock.await?.into_iter().map(|(id, levels)| {
            let total = levels.iter().fold((0, 0), |(on_hand, reserved), level| {
                (on_hand + level.on_hand, reserved + level.reserved)
            });
            (id, total)
        });
        let translations = product_translations::Column::ProductId;
        let variant_titles = variant_translations::Column::VariantId;
        let image_order = [product_images::Column::Position];
        let tag_order = [product_tags::Column::Tag];
        Ok(Self {
            translations: children_of(conn, ctx, translations, ids, &[]).await?,
            options: children_of(
                conn,
                ctx,
                product_options::Column::ProductId,
                ids,
                &OPTION_ORDER,
            )
            .await?,
            images: children_of(
                conn,
                ctx,
                product_images::Column::ProductId,
                ids,
                &image_order,
            )
            .await?,
            tags: children_of(conn, ctx, product_tags::Column::ProductId, ids, &tag_order).await?,
            categories: children_of(conn, ctx, product_categories::Column::ProductId, ids, &[])
                .await?,
            variant_titles: children_of(conn, ctx, variant_titles, &variant_ids, &[]).await?,
            stock: stock.collect(),
            prices: load_prices(conn, ctx, &variant_ids, price_mode).await?,
            variants,
        })
    }

    fn product_view(&mut self, product: products::Model, texts: &Texts) -> ProductView {
        let translations = self.translations.remove(&product.id).unwrap_or_default();
        let (locale, title, subtitle, description) =
            match texts.preferred(&translations, |t| &t.locale) {
                Some(t) => (
                    t.locale.clone(),
                    t.title.clone(),
                    t.subtitle.clone(),
                    t.description.clone(),
                ),
                None => (texts.default.clone(), product.handle.clone(), None, None),
            };
        let options: Vec<OptionView> = take(&mut self.options, product.id)
            .into_iter()
            .map(|o| OptionView {
                id: o.id,
                title: o.title,
                values: serde_json::from_value(o.values).unwrap_or_default(),
            })
            .collect();
        let variants = take(&mut self.variants, product.id)
            .into_iter()
            .map(|v| self.variant_view(v, &options, texts))
            .collect();
        ProductView {
            id: product.id,
            handle: product.handle,
            status: product.status,
            discountable: product.discountable,
            collection_id: product.collection_id,
            locale,
            title,
            subtitle,
            description,
            options,
            variants,
            images: take(&mut self.images, product.id)
                .into_iter()
                .map(|i| ImageView {
                    url: i.url,
                    alt: i.alt,
                    position: i.position,
                })
                .collect(),
            tags: take(&mut self.tags, product.id)
                .into_iter()
                .map(|t| t.tag)
                .collect(),
            category_ids: take(&mut self.categories, product.id)
                .into_iter()
                .map(|l| l.category_id)
                .collect(),
            metadata: product.metadata,
            published_at: product.published_at,
            created_at: product.created_at,
            updated_at: product.updated_at,
        }
    }

    fn variant_view(
        &mut self,
        variant: variants::Model,
        options: &[OptionView],
        texts: &Texts,
    ) -> VariantView {
        let titles = take(&mut self.variant_titles, variant.id);
        // A variant title only in a locale outside the chain is not shown: its own title is.
        let title = texts
            .preferred(&titles, |t| &t.locale)
            .filter(|t| texts.rank(&t.locale) != usize::MAX)
            .map_or_else(|| variant.title.clone(), |t| t.title.clone());
        let (on_hand, reserved) = self.stock.get(&variant.id).copied().unwrap_or((0, 0));
        let (prices, calculated_price, currency) = match &mut self.prices {
            Prices::All(all) => (take(all, variant.id), None, None),
            Prices::Region {
                currency,
                calculated,
            } => (
                Vec::new(),
                calculated.get(&variant.id).copied(),
                Some(currency.clone()),
            ),
        };
        VariantView {
            id: variant.id,
            product_id: variant.product_id,
            title,
            sku: variant.sku,
            barcode: variant.barcode,
            manage_inventory: variant.manage_inventory,
            allow_backorder: variant.allow_backorder,
            weight: variant.weight,
            length: variant.length,
            height: variant.height,
            width: variant.width,
            position: variant.position,
            options: option_values(&variant.options, options),
            prices: prices.into_iter().map(price_view).collect(),
            calculated_price,
            currency,
            in_stock: !variant.manage_inventory
                || variant.allow_backorder
                || on_hand - reserved > 0,
        }
    }
}

/// The parts of one parent, taken out of the page's (each parent is built once).
fn take<T>(parts: &mut HashMap<Uuid, Vec<T>>, parent: Uuid) -> Vec<T> {
    parts.remove(&parent).unwrap_or_default()
}

async fn load_prices(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    variant_ids: &[Uuid],
    price_mode: PriceMode,
) -> Result<Prices, CommerceError> {
    match price_mode {
        PriceMode::All => {
            let order = [prices::Column::CurrencyCode, prices::Column::MinQuantity];
            let all = children_of(conn, ctx, prices::Column::VariantId, variant_ids, &order);
            Ok(Prices::All(all.await?))
        }
        PriceMode::Region(currency) => {
            let now = Utc::now();
            let candidates = pricing::candidates(conn, ctx, variant_ids, currency.code()).await?;
            let calculated = candidates
                .iter()
                .filter_map(|(id, c)| select_price(c, 1, now).map(|p| (*id, p)))
                .collect();
            Ok(Prices::Region {
                currency: currency.code().to_string(),
                calculated,
            })
        }
    }
}

/// A variant's values, in the order of the product's options.
fn option_values(values: &serde_json::Value, options: &[OptionView]) -> Vec<OptionValueView> {
    let mut out: Vec<OptionValueView> = values
        .as_object()
        .map(|map| {
            map.iter()
                .map(|(option, value)| OptionValueView {
                    option: option.clone(),
                    value: value.as_str().unwrap_or_default().to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|value| {
        options
            .iter()
            .position(|o| o.title == value.option)
            .unwrap_or(usize::MAX)
    });
    out
}
