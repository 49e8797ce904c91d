//! What callers send and get back. Entities never leave the crate. Every amount is an `i64` of
//! minor units next to its ISO 4217 `currency`.

use async_graphql::{Enum, InputObject, SimpleObject};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Where a product is in its life: `draft` (being prepared, staff only), `published` (on
/// sale: storefront reads, listings, search, carts) or `archived` (withdrawn, staff only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Enum)]
#[serde(rename_all = "snake_case")]
pub enum ProductStatus {
    /// Being prepared: staff see it, the storefront does not.
    Draft,
    /// On sale: the storefront shows it and carts may hold its variants.
    Published,
    /// Withdrawn from sale: staff see it, the storefront does not; orders keep their copies.
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

/// A product's texts in one locale. Texts are trimmed before their limits apply; a translation
/// replaces the product's stored one in its locale, so an optional text left out is cleared.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductTranslationInput {
    /// A locale the tenant enabled, e.g. `en`, `de`, `pt-BR` (a language of 2–3 letters, then
    /// `-` subtags of 2–8 letters or digits; `_` is read as `-`); a locale the tenant has not
    /// enabled is 422 `validation_failed`.
    #[schema(schema_with = crate::schemas::locale)]
    pub locale: String,
    /// Display title in this locale: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub title: String,
    /// A line under the title, at most 255 characters; absent or blank: none.
    #[schema(max_length = 255)]
    pub subtitle: Option<String>,
    /// Long description, at most 65,536 characters, stored as given (not rendered or
    /// sanitised); absent or blank: none.
    #[schema(max_length = 65536)]
    pub description: Option<String>,
}

/// An option of a new product, e.g. `Size` with `S`, `M`, `L`: every variant picks one value of
/// each of the product's options.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct OptionInput {
    /// e.g. `Size`: 1 to 100 characters, not blank, unique among the product's options
    /// (ignoring case).
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]",
        examples("Size")
    )]
    pub title: String,
    /// The option's values in display order, e.g. `["S", "M", "L"]`: 1 to 100, each 1 to 100
    /// characters (not blank, stored trimmed), unique ignoring case.
    #[schema(schema_with = crate::schemas::new_option_values)]
    pub values: Vec<String>,
}

/// An image of a product; images show in the order of their list.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct ImageInput {
    /// Where the image is: an `http://` or `https://` URL, or a path on this site starting with
    /// `/`; at most 2,048 characters. Stored as given, never fetched.
    #[schema(
        min_length = 1,
        max_length = 2048,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:https?://|/)"
    )]
    pub url: String,
    /// Text for those who cannot see the image, at most 255 characters; absent or blank: none.
    #[schema(max_length = 255)]
    pub alt: Option<String>,
}

/// A new variant's value of one of its product's options.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct OptionValueInput {
    /// Title of one of the product's options (ignoring case), e.g. `Size`; another is 422
    /// `validation_failed`.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]",
        examples("Size")
    )]
    pub option: String,
    /// One of that option's values, exactly (case counts), e.g. `M`; another is 422
    /// `validation_failed`.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]",
        examples("M")
    )]
    pub value: String,
}

/// A variant's title in one locale; it replaces the variant's stored one in that locale.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct VariantTranslationInput {
    /// A locale the tenant enabled, e.g. `en`, `de`, `pt-BR` (a language of 2–3 letters, then
    /// `-` subtags of 2–8 letters or digits; `_` is read as `-`); a locale the tenant has not
    /// enabled is 422 `validation_failed`.
    #[schema(schema_with = crate::schemas::locale)]
    pub locale: String,
    /// The variant's title in this locale, e.g. `Large / Red`: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub title: String,
}

/// One price of a variant in one currency: a base price, a tier (applies from `min_quantity`
/// units on) or a price of a price list (a sale). A price with the same currency, price list
/// and `min_quantity` as a stored one replaces its amount. A cart line costs the cheapest price
/// that applies to its quantity now.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct PriceInput {
    /// ISO 4217 code of a currency in current use, e.g. `EUR`, `USD`, `JPY`; any case, stored
    /// upper-case. A code that is not in the list (e.g. `XXX`) is 422 `validation_failed`.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[A-Za-z]{3}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$",
        examples("EUR")
    )]
    pub currency: String,
    /// Minor units of `currency` (cents for EUR, yen for JPY), 0 to 10^15.
    #[schema(minimum = 0, maximum = 1_000_000_000_000_000_i64)]
    pub amount: i64,
    /// The price applies from this quantity of one cart line on, 1 to 10,000; default 1.
    #[schema(minimum = 1, maximum = 10000)]
    pub min_quantity: Option<i32>,
    /// A price of this price list (valid only while the list is) instead of a base price; a
    /// price list of the shop, otherwise 422 `validation_failed`.
    pub price_list_id: Option<Uuid>,
}

/// A new variant: what is bought, with its option values, prices and initial stock.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct NewVariant {
    /// The variant's own title, e.g. `Large / Red` (shown where it has no translation in the
    /// locale read): 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub title: String,
    /// Stock keeping unit, at most 64 characters; unique in the shop (409 `already_taken`).
    /// Absent or blank: none.
    #[schema(max_length = 64)]
    pub sku: Option<String>,
    /// EAN, UPC or another barcode, at most 64 characters (not checked); absent or blank: none.
    #[schema(max_length = 64)]
    pub barcode: Option<String>,
    /// Whether stock is counted: `false` never runs out (no stock kept). Default `true`.
    pub manage_inventory: Option<bool>,
    /// Whether it sells past zero (stock on hand may go negative). Default `false`.
    pub allow_backorder: Option<bool>,
    /// Shipping weight in the shop's own unit (stored as given), never negative.
    #[schema(minimum = 0)]
    pub weight: Option<i32>,
    /// Length in the shop's own unit (stored as given), never negative.
    #[schema(minimum = 0)]
    pub length: Option<i32>,
    /// Height in the shop's own unit (stored as given), never negative.
    #[schema(minimum = 0)]
    pub height: Option<i32>,
    /// Width in the shop's own unit (stored as given), never negative.
    #[schema(minimum = 0)]
    pub width: Option<i32>,
    /// Sort key among the product's variants (ascending); default: after the existing ones
    /// (in a new product: the variant's index in `variants`).
    pub position: Option<i32>,
    /// Exactly one value of each of the product's options (so at most 10), in a combination no
    /// other variant of the product has (409 `variant_options_taken`). Default: none, for a
    /// product without options.
    #[serde(default)]
    #[graphql(default)]
    #[schema(max_items = 10)]
    pub options: Vec<OptionValueInput>,
    /// Titles in other locales. Default: none.
    #[serde(default)]
    #[graphql(default)]
    pub translations: Vec<VariantTranslationInput>,
    /// Its prices; without one in a cart's currency it cannot be added to that cart (409
    /// `price_missing`). Default: none.
    #[serde(default)]
    #[graphql(default)]
    pub prices: Vec<PriceInput>,
    /// Initial stock on hand at the default location, 0 to 10^15; default 0.
    #[schema(minimum = 0, maximum = 1_000_000_000_000_000_i64)]
    pub stock: Option<i64>,
}

/// Changes to a variant; absent (or `null`) fields stay as they are. Its option values and
/// prices change elsewhere (options of the product; `setVariantPrice`, `PUT
/// /variants/{id}/prices`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct VariantPatch {
    /// A new title: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub title: Option<String>,
    /// A new SKU, at most 64 characters; unique in the shop (409 `already_taken`). Blank keeps
    /// the current one (a SKU cannot be removed).
    #[schema(max_length = 64)]
    pub sku: Option<String>,
    /// A new barcode, at most 64 characters. Blank keeps the current one.
    #[schema(max_length = 64)]
    pub barcode: Option<String>,
    /// Whether stock is counted (`false`: never runs out).
    pub manage_inventory: Option<bool>,
    /// Whether it sells past zero.
    pub allow_backorder: Option<bool>,
    /// Sort key among the product's variants (ascending).
    pub position: Option<i32>,
    /// Shipping weight in the shop's own unit, never negative.
    #[schema(minimum = 0)]
    pub weight: Option<i32>,
    /// Length in the shop's own unit, never negative.
    #[schema(minimum = 0)]
    pub length: Option<i32>,
    /// Height in the shop's own unit, never negative.
    #[schema(minimum = 0)]
    pub height: Option<i32>,
    /// Width in the shop's own unit, never negative.
    #[schema(minimum = 0)]
    pub width: Option<i32>,
    /// Adds or replaces translations of their locales; others stay.
    pub translations: Option<Vec<VariantTranslationInput>>,
}

/// A new product with everything it holds, created in one step (all or nothing).
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct NewProduct {
    /// URL key, e.g. `linen-shirt`: lower-case letters and digits in groups joined by single
    /// dashes, at most 200 characters; unique in the shop (409 `already_taken`).
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z0-9]+(?:-[a-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub handle: String,
    /// Default `draft`; `published` puts it on sale at once.
    pub status: Option<ProductStatus>,
    /// Whether discounts may apply to it. Default `true`.
    pub discountable: Option<bool>,
    /// A collection of the shop (otherwise 422 `validation_failed`); default: none.
    pub collection_id: Option<Uuid>,
    /// Free data for integrations: a JSON object of at most 16 KiB as compact JSON (another
    /// JSON value or a larger object is 422 `validation_failed`). Default `{}`.
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    /// Its texts, at least one, each in a locale the tenant enabled. Reads show the requested
    /// locale, else the tenant default, else another one it has.
    #[schema(min_items = 1)]
    pub translations: Vec<ProductTranslationInput>,
    /// Its options, at most 10, titles unique ignoring case. Default: none.
    #[serde(default)]
    #[graphql(default)]
    #[schema(max_items = 10)]
    pub options: Vec<OptionInput>,
    /// Its variants, at most 100 (a product has at most 100). Default: none.
    #[serde(default)]
    #[graphql(default)]
    #[schema(max_items = 100)]
    pub variants: Vec<NewVariant>,
    /// Its images in display order, at most 50. Default: none.
    #[serde(default)]
    #[graphql(default)]
    #[schema(max_items = 50)]
    pub images: Vec<ImageInput>,
    /// Free tags, at most 32, each 1 to 100 characters (not blank); stored trimmed and
    /// lower-cased, a repeat (ignoring case) is dropped. Default: none.
    #[serde(default)]
    #[graphql(default)]
    #[schema(schema_with = crate::schemas::new_product_tags)]
    pub tags: Vec<String>,
    /// Categories of the shop it is in (an unknown one is 422 `validation_failed`); repeats
    /// count once. Default: none.
    #[serde(default)]
    #[graphql(default)]
    pub category_ids: Vec<Uuid>,
}

/// Changes to a product. Absent (or `null`) fields stay as they are; lists given replace the
/// old ones, except `translations`, which adds or replaces per locale.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductPatch {
    /// A new URL key: lower-case letters and digits in groups joined by single dashes, at most
    /// 200 characters; unique in the shop (409 `already_taken`).
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z0-9]+(?:-[a-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub handle: Option<String>,
    /// A new status; the first move to `published` sets `published_at`.
    pub status: Option<ProductStatus>,
    /// Whether discounts may apply to it.
    pub discountable: Option<bool>,
    /// Moves it into this collection of the shop (otherwise 422 `validation_failed`). Absent
    /// or `null`: unchanged (a product leaves its collection only when that is deleted).
    pub collection_id: Option<Uuid>,
    /// Replaces the metadata: a JSON object of at most 16 KiB as compact JSON (another JSON
    /// value or a larger object is 422 `validation_failed`).
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    /// Adds or replaces translations of their locales (each one the tenant enabled); others
    /// stay.
    pub translations: Option<Vec<ProductTranslationInput>>,
    /// Replaces every image: at most 50, in display order; `[]` removes all.
    #[schema(max_items = 50)]
    pub images: Option<Vec<ImageInput>>,
    /// Replaces every tag: at most 32, each 1 to 100 characters (not blank); stored trimmed and
    /// lower-cased, a repeat (ignoring case) is dropped. `[]` removes all; absent or `null`:
    /// unchanged.
    #[schema(schema_with = crate::schemas::product_patch_tags)]
    pub tags: Option<Vec<String>>,
    /// Replaces every category: categories of the shop (an unknown one is 422
    /// `validation_failed`), repeats count once; `[]` removes all.
    pub category_ids: Option<Vec<Uuid>>,
}

/// An option of a product (e.g. `Size`) with its values in display order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct OptionView {
    /// Addresses the option in `/products/{id}/options/{option_id}`.
    pub id: Uuid,
    /// e.g. `Size`; unique in the product ignoring case.
    pub title: String,
    /// e.g. `["S", "M", "L"]`, in display order.
    pub values: Vec<String>,
}

/// An option added to an existing product. When the product has variants, each of them needs
/// a value of the new option: `value_for_variants` for all, `values_by_variant` for some.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewProductOption {
    /// e.g. `Material`: 1 to 100 characters, not blank; unique in the product ignoring case
    /// (a title the product has is 422 `validation_failed`). A product has at most 10 options.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]",
        examples("Material")
    )]
    pub title: String,
    /// The option's values in display order, e.g. `["S", "M", "L"]`: 1 to 100, each 1 to 100
    /// characters (not blank, stored trimmed), unique ignoring case.
    #[schema(schema_with = crate::schemas::new_option_values)]
    pub values: Vec<String>,
    /// Sort key among the product's options (ascending); default: after the last one.
    pub position: Option<i32>,
    /// The value the product's existing variants take: one of `values`, exactly. Needed when
    /// the product has variants that `values_by_variant` does not name.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub value_for_variants: Option<String>,
    /// Values for single variants, taken before `value_for_variants`: each a variant of this
    /// product, named once (so at most 100). Default: none.
    #[serde(default)]
    #[graphql(default)]
    #[schema(max_items = 100)]
    pub values_by_variant: Vec<VariantValueInput>,
}

/// The value one existing variant takes of a new option.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct VariantValueInput {
    /// A variant of this product (another is 422 `validation_failed`).
    pub variant_id: Uuid,
    /// One of the new option's `values`, exactly.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub value: String,
}

/// Changes to an option; absent (or `null`) fields stay as they are. Renames keep every variant
/// linked: a variant with `M` shows `Medium` after renaming `M` to `Medium`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductOptionPatch {
    /// A new title, 1 to 100 characters, not blank, unique in the product ignoring case;
    /// variants keep their values under it.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub title: Option<String>,
    /// Renamed values, applied in order before `values`.
    pub rename_values: Option<Vec<ValueRenameInput>>,
    /// The whole list of values after the renames, in display order: 1 to 100, each 1 to 100
    /// characters (not blank, stored trimmed), unique ignoring case. Values not there yet are
    /// added; values left out are removed, which is refused (409 `option_value_in_use`) while
    /// a variant has them. Absent or `null`: unchanged.
    #[schema(schema_with = crate::schemas::option_patch_values)]
    pub values: Option<Vec<String>>,
    /// A new sort key among the product's options (ascending).
    pub position: Option<i32>,
}

/// One renamed value of an option.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct ValueRenameInput {
    /// A value the option has (after the renames before this one), exactly; another is 422
    /// `validation_failed`.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub from: String,
    /// Its new text: 1 to 100 characters, not blank, not another value of the option (ignoring
    /// case).
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub to: String,
}

/// A variant's value of one option of its product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct OptionValueView {
    /// The option's title, e.g. `Size`.
    pub option: String,
    /// The variant's value of it, e.g. `M`.
    pub value: String,
}

/// An image of a product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ImageView {
    /// An `http(s)://` URL or a path on this site starting with `/`.
    pub url: String,
    /// Text for those who cannot see the image.
    pub alt: Option<String>,
    /// Display order, from 0.
    pub position: i32,
}

/// A stored price of a variant (staff reads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct PriceView {
    /// Addresses the price in `DELETE /prices/{id}` (`deletePrice`).
    pub id: Uuid,
    /// ISO 4217 code, upper-case.
    pub currency: String,
    /// Minor units of `currency`.
    pub amount: i64,
    /// The price applies from this quantity of one cart line on (1: always).
    pub min_quantity: i32,
    /// The price list it belongs to; absent for a base price.
    pub price_list_id: Option<Uuid>,
}

/// A variant of a product: what is bought.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct VariantView {
    /// Addresses the variant in `/variants/{id}` and in cart items.
    pub id: Uuid,
    /// The product it belongs to.
    pub product_id: Uuid,
    /// In the product's locale (with fallback to the tenant default), else its own title.
    pub title: String,
    /// Stock keeping unit, unique in the shop.
    pub sku: Option<String>,
    /// EAN, UPC or another barcode.
    pub barcode: Option<String>,
    /// Whether stock is counted (`false`: never runs out).
    pub manage_inventory: bool,
    /// Whether it sells past zero.
    pub allow_backorder: bool,
    /// Shipping weight in the shop's own unit.
    pub weight: Option<i32>,
    /// Length in the shop's own unit.
    pub length: Option<i32>,
    /// Height in the shop's own unit.
    pub height: Option<i32>,
    /// Width in the shop's own unit.
    pub width: Option<i32>,
    /// Sort key among the product's variants (ascending).
    pub position: i32,
    /// Its value of each of the product's options, in the options' order.
    pub options: Vec<OptionValueView>,
    /// Every stored price (staff views); empty on storefront reads.
    pub prices: Vec<PriceView>,
    /// For a region read: the cheapest price applicable now for one unit (minor units);
    /// absent without a region or without a price in its currency.
    pub calculated_price: Option<i64>,
    /// For a region read: the region's currency, of `calculated_price`.
    pub currency: Option<String>,
    /// Whether one unit can be bought now: stock not counted, back-orders allowed, or more on
    /// hand than reserved.
    pub in_stock: bool,
}

/// A product with its texts in one locale, options, variants, images, tags and categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, SimpleObject)]
pub struct ProductView {
    /// Addresses the product in `/products/{id}`.
    pub id: Uuid,
    /// URL key, unique in the shop; `/products/{handle}` reads it too.
    pub handle: String,
    /// `draft`, `published` or `archived`.
    pub status: String,
    /// Whether discounts may apply to it.
    pub discountable: bool,
    /// The collection it is in.
    pub collection_id: Option<Uuid>,
    /// The locale of the texts below (the requested one, or the tenant default as fallback,
    /// else another one the product has).
    pub locale: String,
    /// Display title in `locale` (the handle when the product has no translation).
    pub title: String,
    /// A line under the title, in `locale`.
    pub subtitle: Option<String>,
    /// Long description in `locale`, as stored.
    pub description: Option<String>,
    /// Its options in display order.
    pub options: Vec<OptionView>,
    /// Its variants by `position`.
    pub variants: Vec<VariantView>,
    /// Its images in display order.
    pub images: Vec<ImageView>,
    /// Its tags, lower-case.
    pub tags: Vec<String>,
    /// The categories it is in.
    pub category_ids: Vec<Uuid>,
    /// Free data for integrations (a JSON object; `{}` when none).
    #[schema(value_type = Object)]
    pub metadata: serde_json::Value,
    /// When it was first published; absent while it never was.
    pub published_at: Option<DateTime<FixedOffset>>,
    /// When it was created.
    pub created_at: DateTime<FixedOffset>,
    /// When it last changed.
    pub updated_at: DateTime<FixedOffset>,
}

/// A page of products.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct ProductPage {
    /// The products of this page, in the listing's order.
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

/// A new product collection (a flat grouping, e.g. `Summer 2026`).
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewProductCollection {
    /// URL key, e.g. `summer-2026`: lower-case letters and digits in groups joined by single
    /// dashes, at most 200 characters; unique among the shop's collections (409
    /// `already_taken`).
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z0-9]+(?:-[a-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub handle: String,
    /// Display title: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub title: String,
}

/// A product collection.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct ProductCollectionView {
    /// Addresses the collection; products name it in `collection_id`.
    pub id: Uuid,
    /// URL key, unique among the shop's collections.
    pub handle: String,
    /// Display title.
    pub title: String,
}

/// Changes to a collection; absent (or `null`) fields keep their value.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductCollectionPatch {
    /// A new URL key: lower-case letters and digits in groups joined by single dashes, at most
    /// 200 characters; unique among the shop's collections (409 `already_taken`).
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z0-9]+(?:-[a-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub handle: Option<String>,
    /// A new title: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub title: Option<String>,
}

/// Changes to a category; absent fields keep their value.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct ProductCategoryPatch {
    /// A new URL key: lower-case letters and digits in groups joined by single dashes, at most
    /// 200 characters; unique among the shop's categories (409 `already_taken`).
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z0-9]+(?:-[a-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub handle: Option<String>,
    /// A new display name: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub name: Option<String>,
    /// A new sort key among its siblings (ascending; ties by handle).
    pub position: Option<i32>,
    /// Absent: stays; `null`: becomes a root; an id: moves under that category of the shop
    /// (an unknown one, one in its own subtree or one more than 64 levels deep is 422
    /// `validation_failed`). In GraphQL: the mutation's `parentId` argument.
    #[graphql(skip)]
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
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

/// A new product category, a node of the shop's category tree.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewProductCategory {
    /// URL key, e.g. `shirts`: lower-case letters and digits in groups joined by single
    /// dashes, at most 200 characters; unique among the shop's categories (409
    /// `already_taken`).
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[a-z0-9]+(?:-[a-z0-9]+)*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub handle: String,
    /// Display name: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub name: String,
    /// The category it goes under, one of the shop's (otherwise 422 `validation_failed`);
    /// absent: a root.
    pub parent_id: Option<Uuid>,
    /// Sort key among its siblings (ascending; ties by handle); default 0.
    pub position: Option<i32>,
}

/// A node of the product category tree.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct ProductCategoryView {
    /// Addresses the category; products name it in `category_ids`.
    pub id: Uuid,
    /// The category it is under; absent for a root.
    pub parent_id: Option<Uuid>,
    /// URL key, unique among the shop's categories.
    pub handle: String,
    /// Display name.
    pub name: String,
    /// Sort key among its siblings (ascending; ties by handle).
    pub position: i32,
}

/// A new region: where the shop sells, in which currency, with which tax.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewRegion {
    /// Display name, e.g. `Europe`: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub name: String,
    /// ISO 4217 code of the region's prices, carts and orders, e.g. `EUR`: a currency in
    /// current use, any case, stored upper-case (`XXX` and other codes not in the list are
    /// 422 `validation_failed`). It never changes.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[A-Za-z]{3}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$",
        examples("EUR")
    )]
    pub currency: String,
    /// Countries of the region as ISO 3166-1 alpha-2 codes, e.g. `["DE", "AT"]`: two letters
    /// each (any case, stored upper-case; not checked against the ISO list). Default: none.
    #[serde(default)]
    #[graphql(default)]
    #[schema(schema_with = crate::schemas::new_region_countries)]
    pub countries: Vec<String>,
    /// Tax rate in basis points, 0 to 10,000 (2000 = 20 %); default 0.
    #[schema(minimum = 0, maximum = 10000)]
    pub tax_rate_bp: Option<i32>,
    /// `true`: prices include tax (EU style); `false`: tax is added at checkout (US style).
    /// Default `false`.
    pub tax_inclusive: Option<bool>,
}

/// Changes to a region; absent (or `null`) fields stay as they are. The currency of a region
/// never changes (carts and orders refer to it); create another region instead.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, InputObject)]
pub struct RegionPatch {
    /// A new display name: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub name: Option<String>,
    /// Replaces the region's countries: ISO 3166-1 alpha-2 codes, two letters each (any case,
    /// stored upper-case; not checked against the ISO list). Absent or `null`: unchanged.
    #[schema(schema_with = crate::schemas::region_patch_countries)]
    pub countries: Option<Vec<String>>,
    /// A new tax rate in basis points, 0 to 10,000 (2000 = 20 %). Orders keep the rate they
    /// were placed with; open carts use the new one.
    #[schema(minimum = 0, maximum = 10000)]
    pub tax_rate_bp: Option<i32>,
    /// `true`: prices include tax; `false`: tax is added at checkout.
    pub tax_inclusive: Option<bool>,
}

/// A flat-rate shipping option of a region.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct ShippingOptionView {
    /// What a cart chooses in `shipping_option_id`.
    pub id: Uuid,
    /// The region it belongs to.
    pub region_id: Uuid,
    /// Display name, e.g. `Standard`.
    pub name: String,
    /// Flat price in minor units of `currency`, untaxed.
    pub amount: i64,
    /// The region's currency.
    pub currency: String,
}

/// A new flat-rate shipping option of a region.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewShippingOption {
    /// Display name, e.g. `Standard`: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub name: String,
    /// Flat price, minor units of the region's currency, 0 to 10^15; added untaxed.
    #[schema(minimum = 0, maximum = 1_000_000_000_000_000_i64)]
    pub amount: i64,
}

/// A region: countries, a currency, a tax rule and shipping options.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct RegionView {
    /// Addresses the region; carts are created in one (`region_id`).
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// ISO 4217 code of its prices, carts and orders, upper-case.
    pub currency: String,
    /// ISO 3166-1 alpha-2 codes, upper-case.
    pub countries: Vec<String>,
    /// Tax rate in basis points (2000 = 20 %).
    pub tax_rate_bp: i32,
    /// `true`: prices include tax; `false`: tax is added at checkout.
    pub tax_inclusive: bool,
    /// Its shipping options, cheapest first.
    pub shipping_options: Vec<ShippingOptionView>,
}

/// A new price list: a set of prices (a sale) that applies only while it is valid. Variants get
/// its prices with `price_list_id`.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewPriceList {
    /// Display title, e.g. `Summer sale`: 1 to 255 characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 255,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub title: String,
    /// RFC 3339 instant from which its prices apply (inclusive); absent: already.
    pub starts_at: Option<DateTime<Utc>>,
    /// RFC 3339 instant from which they no longer apply (exclusive), after `starts_at` (else
    /// 422 `validation_failed`); absent: no end.
    pub ends_at: Option<DateTime<Utc>>,
}

/// A price list.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct PriceListView {
    /// What prices name in `price_list_id`.
    pub id: Uuid,
    /// Display title.
    pub title: String,
    /// From when its prices apply (inclusive); absent: always did.
    pub starts_at: Option<DateTime<FixedOffset>>,
    /// From when they no longer apply (exclusive); absent: no end.
    pub ends_at: Option<DateTime<FixedOffset>>,
}

/// A variant's stock at one location.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct StockView {
    /// The variant.
    pub variant_id: Uuid,
    /// The stock location; `default` (the only one so far).
    pub location: String,
    /// Units on the shelf (negative only for back-ordered variants).
    pub on_hand: i64,
    /// Units held for placed orders not yet fulfilled.
    pub reserved: i64,
    /// `on_hand - reserved`; negative only for back-ordered variants.
    pub available: i64,
}

/// A new cart. A signed-in caller owns it (only they can read it); an anonymous cart is
/// reached by its id, so keep the id like a secret.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewCart {
    /// A region of the shop: the cart's currency and tax (an unknown one is 404 `not_found`).
    pub region_id: Uuid,
    /// The buyer's email, at most 255 characters: something `@` something with a `.`, no white
    /// space (a wrong one is 422 `validation_failed`). Absent or blank: none yet.
    #[schema(
        max_length = 255,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+@[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\.[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub email: Option<String>,
}

/// A variant to put in a cart.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct CartItemInput {
    /// A variant of a published product (another is 404 `not_found`) with a price in the
    /// cart's currency (otherwise 409 `price_missing`).
    pub variant_id: Uuid,
    /// 1 to 10,000 units. Added to a line of the same variant, whose total must stay within
    /// 10,000 (422 `validation_failed`); a cart has at most 100 lines.
    #[schema(minimum = 1, maximum = 10000)]
    pub quantity: i64,
}

/// A line of a cart, priced now.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CartLineView {
    /// Addresses the line in `/carts/{id}/items/{item_id}`.
    pub id: Uuid,
    /// The variant bought.
    pub variant_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// `<product title> - <variant title>`: the product's title in the tenant default locale,
    /// the variant's own title.
    pub title: String,
    /// The variant's SKU.
    pub sku: Option<String>,
    /// Units, 1 to 10,000.
    pub quantity: i64,
    /// The cheapest price applicable now to this quantity (minor units), as prices are stated
    /// (tax included when `tax_inclusive`).
    pub unit_price: i64,
    /// `unit_price * quantity`.
    pub subtotal: i64,
    /// Tax of this line, rounded half-up to the minor unit (contained in `subtotal` when
    /// `tax_inclusive`).
    pub tax_total: i64,
    /// What the line costs the buyer: `subtotal`, plus `tax_total` unless `tax_inclusive`.
    pub total: i64,
}

/// A cart with what checkout would charge now: prices and totals are computed on every read.
/// Amounts are minor units of `currency`.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct CartView {
    /// The cart's id: the key to an anonymous cart.
    pub id: Uuid,
    /// Its region.
    pub region_id: Uuid,
    /// The signed-in customer who owns it; absent for an anonymous cart.
    pub customer_id: Option<Uuid>,
    /// The buyer's email, once given.
    pub email: Option<String>,
    /// `open`, or `completed` once checked out (then it no longer changes).
    pub status: String,
    /// The region's ISO 4217 currency code.
    pub currency: String,
    /// The chosen shipping option of the region.
    pub shipping_option_id: Option<Uuid>,
    /// Its lines.
    pub items: Vec<CartLineView>,
    /// Sum of the lines' subtotals.
    pub subtotal: i64,
    /// Sum of the lines' tax.
    pub tax_total: i64,
    /// The chosen shipping option's flat amount (0 without one), untaxed.
    pub shipping_total: i64,
    /// Discounts taken off (0: discounts are not applied yet).
    pub discount_total: i64,
    /// What checkout charges: `subtotal + shipping_total` (plus `tax_total` unless
    /// `tax_inclusive`) `- discount_total`.
    pub total: i64,
    /// Whether the prices include tax (the region's rule).
    pub tax_inclusive: bool,
    /// The order this cart became, once checked out.
    pub order_id: Option<Uuid>,
}

/// How to place the order of a cart.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct CheckoutInput {
    /// A client-chosen key, at most 255 characters: retrying a checkout of the same cart with
    /// the same key returns the same order; a key used for another cart is 409
    /// `idempotency_key_reused`. Absent: REST takes the `Idempotency-Key` header instead;
    /// blank: no key.
    #[schema(max_length = 255)]
    pub idempotency_key: Option<String>,
    /// The order's email, at most 255 characters: something `@` something with a `.`, no white
    /// space (a wrong one is 422 `validation_failed`). Absent or blank: the cart's, else the
    /// signed-in customer's; with none of them 422 `validation_failed`.
    #[schema(
        max_length = 255,
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+@[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\.[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub email: Option<String>,
    /// The payment provider that authorizes the total. Default `manual` (payment outside the
    /// platform), the only one built in: another is 422 `validation_failed`.
    #[schema(examples("manual"))]
    pub payment_provider: Option<String>,
    /// Where to ship: a JSON object of at most 4 KiB as compact JSON, stored as given (another
    /// JSON value or a larger object is 422 `validation_failed`).
    #[schema(value_type = Option<Object>)]
    pub shipping_address: Option<serde_json::Value>,
    /// Where to bill: a JSON object of at most 4 KiB as compact JSON, stored as given (another
    /// JSON value or a larger object is 422 `validation_failed`).
    #[schema(value_type = Option<Object>)]
    pub billing_address: Option<serde_json::Value>,
}

/// A line of an order: a copy of the cart line at checkout, with its frozen price.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct OrderLineView {
    /// The line's id.
    pub id: Uuid,
    /// The product bought (it may since be deleted).
    pub product_id: Uuid,
    /// The variant bought (it may since be deleted).
    pub variant_id: Uuid,
    /// `<product title> - <variant title>` at checkout.
    pub title: String,
    /// The variant's SKU at checkout.
    pub sku: Option<String>,
    /// Units, 1 to 10,000.
    pub quantity: i64,
    /// Price of one unit (minor units), as prices were stated.
    pub unit_price: i64,
    /// `unit_price * quantity`.
    pub subtotal: i64,
    /// Tax of this line (contained in `subtotal` when the order is `tax_inclusive`).
    pub tax_total: i64,
    /// What the line costs the buyer.
    pub total: i64,
}

/// A payment operation on an order, as its provider answered it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct PaymentView {
    /// The operation's id.
    pub id: Uuid,
    /// The payment provider, e.g. `manual`.
    pub provider: String,
    /// `authorize` (at checkout), `capture` or `refund`.
    pub kind: String,
    /// Minor units of `currency`: the order's total.
    pub amount: i64,
    /// ISO 4217 code, upper-case.
    pub currency: String,
    /// The provider's own reference for the operation, when it gives one.
    pub reference: Option<String>,
    /// When it happened.
    pub created_at: DateTime<FixedOffset>,
}

/// A staff note on an order.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct OrderNoteView {
    /// The note's id.
    pub id: Uuid,
    /// The staff member who wrote it.
    pub author_id: Option<Uuid>,
    /// Its text.
    pub body: String,
    /// When it was written.
    pub created_at: DateTime<FixedOffset>,
}

/// An order: a checked-out cart with its frozen lines and totals, payments and notes. Amounts
/// are minor units of `currency`.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct OrderView {
    /// Addresses the order in `/orders/{id}`.
    pub id: Uuid,
    /// Sequential order number per tenant, from 1.
    pub display_id: i64,
    /// `pending`, `paid`, `fulfilled`, `shipped`, `completed`, `canceled` or `refunded`.
    pub status: String,
    /// The customer who placed it; absent for a guest checkout.
    pub customer_id: Option<Uuid>,
    /// The cart it came from.
    pub cart_id: Option<Uuid>,
    /// The buyer's email.
    pub email: Option<String>,
    /// ISO 4217 code, upper-case.
    pub currency: String,
    /// Sum of the lines' subtotals.
    pub subtotal: i64,
    /// Sum of the lines' tax.
    pub tax_total: i64,
    /// Flat shipping amount, untaxed.
    pub shipping_total: i64,
    /// Discounts taken off.
    pub discount_total: i64,
    /// What the buyer pays.
    pub total: i64,
    /// Whether the prices include tax (the region's rule at checkout).
    pub tax_inclusive: bool,
    /// Its lines.
    pub items: Vec<OrderLineView>,
    /// Its payment operations, oldest first.
    pub payments: Vec<PaymentView>,
    /// Staff notes, oldest first; empty for customers.
    pub notes: Vec<OrderNoteView>,
    /// The shipping address given at checkout, as given.
    #[schema(value_type = Option<Object>)]
    pub shipping_address: Option<serde_json::Value>,
    /// When it was placed.
    pub created_at: DateTime<FixedOffset>,
    /// When its status last changed.
    pub updated_at: DateTime<FixedOffset>,
}

/// A page of orders, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct OrderPage {
    /// The orders of this page.
    pub items: Vec<OrderView>,
    /// Pass as `after` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
}

/// A new staff note on an order.
#[derive(Debug, Clone, Deserialize, ToSchema, InputObject)]
pub struct NewOrderNote {
    /// The note: 1 to 10,000 characters, not blank (stored trimmed).
    #[schema(
        min_length = 1,
        max_length = 10000,
        pattern = r"[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
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
    /// The region's ISO 4217 currency code.
    pub currency: String,
    /// Lower bound, inclusive (minor units).
    pub min: i64,
    /// Upper bound, exclusive (minor units); absent for the last band.
    pub max: Option<i64>,
    /// Matches with a base price in the band.
    pub count: u64,
}

/// Counts over every ranked match (not only the page; past `search.max_total_hits`, the ranked
/// set), after the filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema, SimpleObject)]
pub struct SearchFacetsView {
    /// Matches per collection id.
    pub collections: Vec<FacetCountView>,
    /// Matches per category id.
    pub categories: Vec<FacetCountView>,
    /// Matches per tag.
    pub tags: Vec<FacetCountView>,
    /// In the region's currency; empty without `region_id`.
    pub price_bands: Vec<PriceBandView>,
    /// Matches with a variant that can be bought now.
    pub in_stock: u64,
}

/// A page of search results, best first.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, SimpleObject)]
pub struct SearchPage {
    /// The products of this page, best first.
    pub hits: Vec<SearchHitView>,
    /// Every match, not only this page's, up to `search.max_total_hits` (1,000 by default).
    pub total: u64,
    /// Whether `total` counts every match; `false`: more matched, and only the bound's worth
    /// (those with every word in the title first) are ranked and paged.
    pub total_exact: bool,
    /// Counts of the matches, with `facets=true`; absent otherwise.
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
