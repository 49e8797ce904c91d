//! What callers send and get back. Entities never leave the crate. Every amount is an `i64` of
//! minor units next to its ISO 4217 `currency`.

use async_graphql::{Enum, InputObject, SimpleObject};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum ProductStatus {
    Draft,
    Published,
    Archived,
}

impl ProductStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Archived => "archived",
        }
    }
}

impl std::str::FromStr for ProductStatus {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "draft" => Ok(Self::Draft),
            "published" => Ok(Self::Published),
            "archived" => Ok(Self::Archived),
            _ => Err("use `draft`, `published` or `archived`".into()),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductTranslationInput {
    /// A locale the tenant enabled, e.g. `en`, `de`.
    pub locale: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct OptionInput {
    /// e.g. `Size`.
    pub title: String,
    /// e.g. `["S", "M", "L"]`, in display order.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct ImageInput {
    pub url: String,
    pub alt: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct OptionValueInput {
    /// Title of one of the product's options.
    pub option: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct VariantTranslationInput {
    pub locale: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct PriceInput {
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
    /// Minor units (cents), never negative.
    pub amount: i64,
    /// The price applies from this quantity on (tiers); default 1.
    pub min_quantity: Option<i32>,
    /// A price of this price list (sale price) instead of the base price.
    pub price_list_id: Option<Uuid>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct NewVariant {
    pub title: String,
    /// Unique per tenant when given.
    pub sku: Option<String>,
    pub barcode: Option<String>,
    /// `false`: never runs out (no stock kept).
    pub manage_inventory: Option<bool>,
    /// `true`: sells past zero (stock may go negative).
    pub allow_backorder: Option<bool>,
    pub weight: Option<i32>,
    pub length: Option<i32>,
    pub height: Option<i32>,
    pub width: Option<i32>,
    pub position: Option<i32>,
    #[serde(default)]
    #[graphql(default)]
    pub options: Vec<OptionValueInput>,
    #[serde(default)]
    #[graphql(default)]
    pub translations: Vec<VariantTranslationInput>,
    #[serde(default)]
    #[graphql(default)]
    pub prices: Vec<PriceInput>,
    /// Initial stock on hand at the default location.
    pub stock: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct VariantPatch {
    pub title: Option<String>,
    pub sku: Option<String>,
    pub barcode: Option<String>,
    pub manage_inventory: Option<bool>,
    pub allow_backorder: Option<bool>,
    pub position: Option<i32>,
    pub weight: Option<i32>,
    pub length: Option<i32>,
    pub height: Option<i32>,
    pub width: Option<i32>,
    /// Adds or replaces translations of their locales.
    pub translations: Option<Vec<VariantTranslationInput>>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct NewProduct {
    /// URL key, unique per tenant: lower-case letters, digits and `-`.
    pub handle: String,
    /// Default `draft`.
    pub status: Option<ProductStatus>,
    pub discountable: Option<bool>,
    pub collection_id: Option<Uuid>,
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    /// At least the tenant default locale.
    pub translations: Vec<ProductTranslationInput>,
    #[serde(default)]
    #[graphql(default)]
    pub options: Vec<OptionInput>,
    #[serde(default)]
    #[graphql(default)]
    pub variants: Vec<NewVariant>,
    #[serde(default)]
    #[graphql(default)]
    pub images: Vec<ImageInput>,
    #[serde(default)]
    #[graphql(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    #[graphql(default)]
    pub category_ids: Vec<Uuid>,
}

/// Absent fields stay as they are; lists given replace the old ones.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductPatch {
    pub handle: Option<String>,
    pub status: Option<ProductStatus>,
    pub discountable: Option<bool>,
    pub collection_id: Option<Uuid>,
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    /// Adds or replaces translations of their locales.
    pub translations: Option<Vec<ProductTranslationInput>>,
    pub images: Option<Vec<ImageInput>>,
    pub tags: Option<Vec<String>>,
    pub category_ids: Option<Vec<Uuid>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct OptionView {
    /// Addresses the option in `/products/{id}/options/{option_id}`.
    pub id: Uuid,
    pub title: String,
    pub values: Vec<String>,
}

/// An option added to an existing product. When the product has variants, each of them needs
/// a value of the new option: `value_for_variants` for all, `values_by_variant` for some.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewProductOption {
    /// e.g. `Material`; unique per product (ignoring case).
    pub title: String,
    /// e.g. `["Cotton", "Linen"]`, in display order; unique (ignoring case).
    pub values: Vec<String>,
    /// Among the product's options; default: last.
    pub position: Option<i32>,
    /// The value the product's existing variants take.
    pub value_for_variants: Option<String>,
    /// Values for single variants, before `value_for_variants`.
    #[serde(default)]
    #[graphql(default)]
    pub values_by_variant: Vec<VariantValueInput>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct VariantValueInput {
    pub variant_id: Uuid,
    pub value: String,
}

/// Absent fields stay as they are. Renames keep every variant linked: a variant with `M`
/// shows `Medium` after renaming `M` to `Medium`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductOptionPatch {
    /// A new title; variants keep their values under it.
    pub title: Option<String>,
    /// Renamed values, applied in order before `values`.
    pub rename_values: Option<Vec<ValueRenameInput>>,
    /// The whole list of values after the renames, in display order: values not there yet are
    /// added; values left out are removed, which is refused (409 `option_value_in_use`) while a
    /// variant has them.
    pub values: Option<Vec<String>>,
    pub position: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct ValueRenameInput {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct OptionValueView {
    pub option: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ImageView {
    pub url: String,
    pub alt: Option<String>,
    pub position: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct PriceView {
    pub id: Uuid,
    pub currency: String,
    pub amount: i64,
    pub min_quantity: i32,
    pub price_list_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct VariantView {
    pub id: Uuid,
    pub product_id: Uuid,
    /// In the product's locale (with fallback to the tenant default).
    pub title: String,
    pub sku: Option<String>,
    pub barcode: Option<String>,
    pub manage_inventory: bool,
    pub allow_backorder: bool,
    pub weight: Option<i32>,
    pub length: Option<i32>,
    pub height: Option<i32>,
    pub width: Option<i32>,
    pub position: i32,
    pub options: Vec<OptionValueView>,
    /// Every stored price (staff views); empty on storefront reads.
    pub prices: Vec<PriceView>,
    /// For a region read: the cheapest price applicable now for one unit (minor units).
    pub calculated_price: Option<i64>,
    /// The currency of `calculated_price`.
    pub currency: Option<String>,
    /// Whether one unit can be bought now.
    pub in_stock: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ProductView {
    pub id: Uuid,
    pub handle: String,
    pub status: String,
    pub discountable: bool,
    pub collection_id: Option<Uuid>,
    /// The locale of the texts below (the requested one, or the tenant default as fallback).
    pub locale: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub description: Option<String>,
    pub options: Vec<OptionView>,
    pub variants: Vec<VariantView>,
    pub images: Vec<ImageView>,
    pub tags: Vec<String>,
    pub category_ids: Vec<Uuid>,
    #[schema(value_type = Object)]
    pub metadata: serde_json::Value,
    pub published_at: Option<DateTime<FixedOffset>>,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct ProductPage {
    pub items: Vec<ProductView>,
    /// Pass as `after` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
}

/// Which products a listing returns (tenant-scoped by the service).
#[derive(Debug, Clone, Default)]
pub struct ProductFilter {
    pub status: Option<ProductStatus>,
    pub collection_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub tag: Option<String>,
    /// Price range (inclusive, minor units) over base prices in the region's currency.
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    /// Only products with at least one variant that can be bought now.
    pub in_stock: Option<bool>,
    pub after: Option<Uuid>,
    pub limit: u64,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewProductCollection {
    pub handle: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct ProductCollectionView {
    pub id: Uuid,
    pub handle: String,
    pub title: String,
}

/// Absent fields keep their value.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductCollectionPatch {
    pub handle: Option<String>,
    pub title: Option<String>,
}

/// Absent fields keep their value.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductCategoryPatch {
    pub handle: Option<String>,
    pub name: Option<String>,
    pub position: Option<i32>,
    /// Absent: stays; `null`: becomes a root; an id: moves under that category (never into its
    /// own subtree). In GraphQL: the mutation's `parentId` argument.
    #[graphql(skip)]
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub parent_id: Option<Option<Uuid>>,
}

/// Tells a field sent as `null` (`Some(None)`) from an absent one (`None`, via `default`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewProductCategory {
    pub handle: String,
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub position: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct ProductCategoryView {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub handle: String,
    pub name: String,
    pub position: i32,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewRegion {
    pub name: String,
    /// ISO 4217 code of the region's prices.
    pub currency: String,
    /// ISO 3166-1 alpha-2 codes, e.g. `["DE", "AT"]`.
    #[serde(default)]
    #[graphql(default)]
    pub countries: Vec<String>,
    /// Basis points: 2000 = 20 %.
    pub tax_rate_bp: Option<i32>,
    /// `true`: prices include tax (EU style); `false`: tax is added at checkout (US style).
    pub tax_inclusive: Option<bool>,
}

/// Absent fields stay as they are. The currency of a region never changes (carts and orders
/// refer to it); create another region instead.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct RegionPatch {
    pub name: Option<String>,
    pub countries: Option<Vec<String>>,
    pub tax_rate_bp: Option<i32>,
    pub tax_inclusive: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct ShippingOptionView {
    pub id: Uuid,
    pub region_id: Uuid,
    pub name: String,
    pub amount: i64,
    pub currency: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewShippingOption {
    pub name: String,
    /// Flat price, minor units of the region's currency.
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct RegionView {
    pub id: Uuid,
    pub name: String,
    pub currency: String,
    pub countries: Vec<String>,
    pub tax_rate_bp: i32,
    pub tax_inclusive: bool,
    pub shipping_options: Vec<ShippingOptionView>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewPriceList {
    pub title: String,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct PriceListView {
    pub id: Uuid,
    pub title: String,
    pub starts_at: Option<DateTime<FixedOffset>>,
    pub ends_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct StockView {
    pub variant_id: Uuid,
    pub location: String,
    pub on_hand: i64,
    pub reserved: i64,
    /// `on_hand - reserved`; negative only for back-ordered variants.
    pub available: i64,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewCart {
    pub region_id: Uuid,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct CartItemInput {
    pub variant_id: Uuid,
    /// 1..=10000.
    pub quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CartLineView {
    pub id: Uuid,
    pub variant_id: Uuid,
    pub product_id: Uuid,
    pub title: String,
    pub sku: Option<String>,
    pub quantity: i64,
    pub unit_price: i64,
    pub subtotal: i64,
    pub tax_total: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CartView {
    pub id: Uuid,
    pub region_id: Uuid,
    pub customer_id: Option<Uuid>,
    pub email: Option<String>,
    pub status: String,
    pub currency: String,
    pub shipping_option_id: Option<Uuid>,
    pub items: Vec<CartLineView>,
    pub subtotal: i64,
    pub tax_total: i64,
    pub shipping_total: i64,
    pub discount_total: i64,
    pub total: i64,
    pub tax_inclusive: bool,
    /// The order this cart became, once checked out.
    pub order_id: Option<Uuid>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct CheckoutInput {
    /// A client-chosen key: retrying a checkout with the same key returns the same order.
    pub idempotency_key: Option<String>,
    /// Required when neither the cart nor the customer has one.
    pub email: Option<String>,
    /// Default `manual`.
    pub payment_provider: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub shipping_address: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub billing_address: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct OrderLineView {
    pub id: Uuid,
    pub product_id: Uuid,
    pub variant_id: Uuid,
    pub title: String,
    pub sku: Option<String>,
    pub quantity: i64,
    pub unit_price: i64,
    pub subtotal: i64,
    pub tax_total: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct PaymentView {
    pub id: Uuid,
    pub provider: String,
    /// `authorize`, `capture` or `refund`.
    pub kind: String,
    pub amount: i64,
    pub currency: String,
    pub reference: Option<String>,
    pub created_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct OrderNoteView {
    pub id: Uuid,
    pub author_id: Option<Uuid>,
    pub body: String,
    pub created_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct OrderView {
    pub id: Uuid,
    /// Sequential order number per tenant.
    pub display_id: i64,
    pub status: String,
    pub customer_id: Option<Uuid>,
    pub cart_id: Option<Uuid>,
    pub email: Option<String>,
    pub currency: String,
    pub subtotal: i64,
    pub tax_total: i64,
    pub shipping_total: i64,
    pub discount_total: i64,
    pub total: i64,
    pub tax_inclusive: bool,
    pub items: Vec<OrderLineView>,
    pub payments: Vec<PaymentView>,
    /// Staff notes; empty for customers.
    pub notes: Vec<OrderNoteView>,
    #[schema(value_type = Option<Object>)]
    pub shipping_address: Option<serde_json::Value>,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct OrderPage {
    pub items: Vec<OrderView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewOrderNote {
    pub body: String,
}

/// One product found by a search.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct SearchHitView {
    /// The product as a listing shows it (priced for the region when one is given).
    pub product: ProductView,
    /// Relevance, higher is better; comparable only within one answer.
    pub score: f64,
    /// HTML: the matched text escaped, each match inside `<mark>…</mark>`.
    pub snippet: String,
}

/// A facet value (collection id, category id or tag) and how many matches have it.
pub use rustok_api::FacetCountView;

/// Matches with a base price in `[min, max)` (minor units of `currency`; no `max`: no bound).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema, SimpleObject)]
pub struct PriceBandView {
    pub currency: String,
    pub min: i64,
    pub max: Option<i64>,
    pub count: u64,
}

/// Counts over every ranked match (not only the page; past `search.max_total_hits`, the ranked
/// set), after the filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema, SimpleObject)]
pub struct SearchFacetsView {
    pub collections: Vec<FacetCountView>,
    pub categories: Vec<FacetCountView>,
    pub tags: Vec<FacetCountView>,
    /// In the region's currency; empty without `region_id`.
    pub price_bands: Vec<PriceBandView>,
    pub in_stock: u64,
}

/// A page of search results, best first.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct SearchPage {
    pub hits: Vec<SearchHitView>,
    /// Every match, not only this page's, up to `search.max_total_hits` (1,000 by default).
    pub total: u64,
    /// Whether `total` counts every match; `false`: more matched, and only the bound's worth
    /// (those with every word in the title first) are ranked and paged.
    pub total_exact: bool,
    /// With `facets=true`.
    pub facets: Option<SearchFacetsView>,
    /// Whether no product matched every word and these are typo-tolerant matches.
    pub fuzzy: bool,
    /// Pass as `after` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
}

impl SearchPage {
    /// The answer to a blank query: nothing matches.
    pub fn empty(facets: bool) -> Self {
        Self {
            hits: Vec::new(),
            total: 0,
            total_exact: true,
            facets: facets.then(|| SearchFacetsView {
                collections: Vec::new(),
                categories: Vec::new(),
                tags: Vec::new(),
                price_bands: Vec::new(),
                in_stock: 0,
            }),
            fuzzy: false,
            next_cursor: None,
        }
    }
}
