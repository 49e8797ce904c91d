//! OpenAPI schemas of request fields that `#[schema(...)]` attributes cannot state: lists of
//! texts with limits on each item (attributes on a `Vec` field apply to the array) and fields
//! whose pattern is a shared constant ([`rustok_core::LOCALE_PATTERN`]). Used as
//! `#[schema(schema_with = ...)]`, which replaces the field's generated schema, doc comment
//! included: each description here repeats the field's doc comment (which GraphQL shows).
//!
//! Patterns are ECMA-262, as JSON Schema reads them (see [`rustok_core::pattern`]): the
//! services trim texts first, so the white space `str::trim` removes is spelled out
//! ([`TRIMMED`]) instead of `\s`. Attributes take literals only: the tests below compare every
//! pattern and limit of the request bodies with the ones built here and the services' own.

use rustok_core::pattern::TRIMMED;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};

use crate::services::{MAX_OPTION_TEXT, MAX_OPTION_VALUES, MAX_TAG_CHARS, MAX_TAGS};

/// Not blank once trimmed: a character `str::trim` keeps.
pub(crate) fn not_blank() -> String {
    format!("[^{TRIMMED}]")
}

/// A handle (`validate_handle`): lower-case letters and digits in groups joined by single
/// dashes, trimmed.
#[cfg(test)]
fn handle_pattern() -> String {
    format!("^[{TRIMMED}]*[a-z0-9]+(?:-[a-z0-9]+)*[{TRIMMED}]*$")
}

/// An ISO 4217 code as [`crate::Currency`] parses it: three letters, any case, trimmed (then
/// looked up in the list).
#[cfg(test)]
fn currency_pattern() -> String {
    format!("^[{TRIMMED}]*[A-Za-z]{{3}}[{TRIMMED}]*$")
}

/// What `validate_email` takes: blank (no email), or once trimmed a local part without `@`,
/// `@`, and a domain with a `.`, no white space anywhere.
#[cfg(test)]
fn email_pattern() -> String {
    format!("^[{TRIMMED}]*(?:[^@{TRIMMED}]+@[^{TRIMMED}]*\\.[^{TRIMMED}]*)?[{TRIMMED}]*$")
}

/// An image URL as `checked_images` takes it: `http://`, `https://` or `/` first, trimmed.
#[cfg(test)]
fn image_url_pattern() -> String {
    format!("^[{TRIMMED}]*(?:https?://|/)")
}

/// A country code as a region takes it: two letters, any case, trimmed.
fn country_pattern() -> String {
    format!("^[{TRIMMED}]*[A-Za-z]{{2}}[{TRIMMED}]*$")
}

/// `ProductTranslationInput.locale` and `VariantTranslationInput.locale`.
pub(crate) fn locale() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(
            "A locale the tenant enabled, e.g. `en`, `de`, `pt-BR` (a language of 2–3 letters, \
             then `-` subtags of 2–8 letters or digits; `_` is read as `-`); a locale the tenant \
             has not enabled is 422 `validation_failed`.",
        ))
        .min_length(Some(2))
        .max_length(Some(35))
        .pattern(Some(rustok_core::LOCALE_PATTERN))
        .examples(["en"])
        .into()
}

/// `ShippingChoice.shipping_option_id`: an id as `parse_id` reads it, or `null`.
pub(crate) fn shipping_option_id() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .description(Some(
            "The id (a UUID or a ULID) of one of the cart region's shipping options (another is \
             422 `validation_failed`, a malformed id 400 `invalid_id`); absent or `null` clears \
             the choice.",
        ))
        .pattern(Some(rustok_core::ID_PATTERN))
        .into()
}

/// A list of texts, each trimmed before its limits apply.
struct TextList {
    description: String,
    nullable: bool,
    min_items: Option<usize>,
    max_items: Option<usize>,
    /// Exact repeats are refused (the doc tells any wider rule, e.g. ignoring case).
    unique: bool,
    item_min_chars: Option<usize>,
    item_max_chars: Option<usize>,
    item_pattern: String,
}

impl TextList {
    fn schema(self) -> RefOr<Schema> {
        let item = ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(self.item_min_chars)
            .max_length(self.item_max_chars)
            .pattern(Some(self.item_pattern));
        let schema_type = if self.nullable {
            SchemaType::from_iter([Type::Array, Type::Null])
        } else {
            SchemaType::new(Type::Array)
        };
        ArrayBuilder::new()
            .schema_type(schema_type)
            .items(item)
            .description(Some(self.description))
            .min_items(self.min_items)
            .max_items(self.max_items)
            .unique_items(self.unique)
            .into()
    }
}

fn tags(description: String, nullable: bool) -> RefOr<Schema> {
    TextList {
        description,
        nullable,
        min_items: None,
        max_items: Some(MAX_TAGS),
        unique: false,
        item_min_chars: Some(1),
        item_max_chars: Some(MAX_TAG_CHARS),
        item_pattern: not_blank(),
    }
    .schema()
}

/// `NewProduct.tags`.
pub(crate) fn new_product_tags() -> RefOr<Schema> {
    tags(
        format!(
            "Free tags, at most {MAX_TAGS}, each 1 to {MAX_TAG_CHARS} characters (not blank); \
             stored trimmed and lower-cased, a repeat (ignoring case) is dropped. Default: none."
        ),
        false,
    )
}

/// `ProductPatch.tags`.
pub(crate) fn product_patch_tags() -> RefOr<Schema> {
    tags(
        format!(
            "Replaces every tag: at most {MAX_TAGS}, each 1 to {MAX_TAG_CHARS} characters (not \
             blank); stored trimmed and lower-cased, a repeat (ignoring case) is dropped. `[]` \
             removes all; absent or `null`: unchanged."
        ),
        true,
    )
}

fn option_values(description: String, nullable: bool) -> RefOr<Schema> {
    TextList {
        description,
        nullable,
        min_items: Some(1),
        max_items: Some(MAX_OPTION_VALUES),
        unique: true,
        item_min_chars: Some(1),
        item_max_chars: Some(MAX_OPTION_TEXT),
        item_pattern: not_blank(),
    }
    .schema()
}

/// `OptionInput.values` and `NewProductOption.values`.
pub(crate) fn new_option_values() -> RefOr<Schema> {
    option_values(
        format!(
            "The option's values in display order, e.g. `[\"S\", \"M\", \"L\"]`: 1 to \
             {MAX_OPTION_VALUES}, each 1 to {MAX_OPTION_TEXT} characters (not blank, stored \
             trimmed), unique ignoring case."
        ),
        false,
    )
}

/// `ProductOptionPatch.values`.
pub(crate) fn option_patch_values() -> RefOr<Schema> {
    option_values(
        format!(
            "The whole list of values after the renames, in display order: 1 to \
             {MAX_OPTION_VALUES}, each 1 to {MAX_OPTION_TEXT} characters (not blank, stored \
             trimmed), unique ignoring case. Values not there yet are added; values left out \
             are removed, which is refused (409 `option_value_in_use`) while a variant has \
             them. Absent or `null`: unchanged."
        ),
        true,
    )
}

fn countries(description: &str, nullable: bool) -> RefOr<Schema> {
    TextList {
        description: description.to_string(),
        nullable,
        min_items: None,
        max_items: None,
        unique: false,
        item_min_chars: None,
        item_max_chars: None,
        item_pattern: country_pattern(),
    }
    .schema()
}

/// `NewRegion.countries`.
pub(crate) fn new_region_countries() -> RefOr<Schema> {
    countries(
        "Countries of the region as ISO 3166-1 alpha-2 codes, e.g. `[\"DE\", \"AT\"]`: two \
         letters each (any case, stored upper-case; not checked against the ISO list). \
         Default: none.",
        false,
    )
}

/// `RegionPatch.countries`.
pub(crate) fn region_patch_countries() -> RefOr<Schema> {
    countries(
        "Replaces the region's countries: ISO 3166-1 alpha-2 codes, two letters each (any \
         case, stored upper-case; not checked against the ISO list). Absent or `null`: \
         unchanged.",
        true,
    )
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};
    use utoipa::PartialSchema;

    use super::*;
    use crate::dto::*;
    use crate::rest::{OrderTransitionInput, QuantityInput, ShippingChoice, StockInput};
    use crate::services::{
        MAX_AMOUNT, MAX_IMAGES, MAX_OPTION_TEXT, MAX_OPTION_VALUES, MAX_OPTIONS, MAX_QUANTITY,
        MAX_TAG_CHARS, MAX_TAGS, MAX_TAX_RATE_BP, MAX_VARIANTS,
    };

    fn property<T: PartialSchema>(name: &str) -> Value {
        let schema = serde_json::to_value(T::schema()).unwrap();
        schema["properties"][name].clone()
    }

    #[test]
    fn text_lists_state_their_item_limits() {
        for tags in [
            property::<NewProduct>("tags"),
            property::<ProductPatch>("tags"),
        ] {
            assert_eq!(tags["maxItems"], json!(MAX_TAGS));
            assert_eq!(tags["items"]["minLength"], 1);
            assert_eq!(tags["items"]["maxLength"], json!(MAX_TAG_CHARS));
            assert_eq!(tags["items"]["pattern"], json!(not_blank()));
            assert!(
                tags["description"]
                    .as_str()
                    .unwrap()
                    .contains("lower-cased")
            );
        }
        for values in [
            property::<OptionInput>("values"),
            property::<NewProductOption>("values"),
            property::<ProductOptionPatch>("values"),
        ] {
            assert_eq!(values["minItems"], 1);
            assert_eq!(values["maxItems"], json!(MAX_OPTION_VALUES));
            assert_eq!(values["uniqueItems"], true);
            assert_eq!(values["items"]["maxLength"], json!(MAX_OPTION_TEXT));
        }
        for countries in [
            property::<NewRegion>("countries"),
            property::<RegionPatch>("countries"),
        ] {
            assert_eq!(countries["items"]["pattern"], json!(country_pattern()));
        }
        assert_eq!(property::<NewProduct>("tags")["type"], "array");
        assert_eq!(
            property::<ProductPatch>("tags")["type"],
            json!(["array", "null"])
        );
        assert_eq!(
            property::<RegionPatch>("countries")["type"],
            json!(["array", "null"])
        );
    }

    /// The limits written as literals in `#[schema(...)]` attributes are the services' own.
    #[test]
    fn documented_limits_are_the_enforced_ones() {
        assert_eq!(
            property::<NewProduct>("options")["maxItems"],
            json!(MAX_OPTIONS)
        );
        assert_eq!(
            property::<NewProduct>("variants")["maxItems"],
            json!(MAX_VARIANTS)
        );
        assert_eq!(
            property::<NewProduct>("images")["maxItems"],
            json!(MAX_IMAGES)
        );
        assert_eq!(
            property::<ProductPatch>("images")["maxItems"],
            json!(MAX_IMAGES)
        );
        assert_eq!(
            property::<NewVariant>("options")["maxItems"],
            json!(MAX_OPTIONS)
        );
        assert_eq!(
            property::<NewProductOption>("values_by_variant")["maxItems"],
            json!(MAX_VARIANTS)
        );
        assert_eq!(
            property::<OptionInput>("title")["maxLength"],
            json!(MAX_OPTION_TEXT)
        );
        assert_eq!(
            property::<PriceInput>("amount")["maximum"],
            json!(MAX_AMOUNT)
        );
        assert_eq!(
            property::<NewShippingOption>("amount")["maximum"],
            json!(MAX_AMOUNT)
        );
        assert_eq!(
            property::<NewVariant>("stock")["maximum"],
            json!(MAX_AMOUNT)
        );
        assert_eq!(
            property::<StockInput>("on_hand")["maximum"],
            json!(MAX_AMOUNT)
        );
        assert_eq!(
            property::<StockInput>("delta")["minimum"],
            json!(-MAX_AMOUNT)
        );
        assert_eq!(
            property::<StockInput>("delta")["maximum"],
            json!(MAX_AMOUNT)
        );
        assert_eq!(
            property::<PriceInput>("min_quantity")["maximum"],
            json!(MAX_QUANTITY)
        );
        assert_eq!(
            property::<CartItemInput>("quantity")["maximum"],
            json!(MAX_QUANTITY)
        );
        assert_eq!(
            property::<QuantityInput>("quantity")["maximum"],
            json!(MAX_QUANTITY)
        );
        assert_eq!(
            property::<NewRegion>("tax_rate_bp")["maximum"],
            json!(MAX_TAX_RATE_BP)
        );
        assert_eq!(
            property::<RegionPatch>("tax_rate_bp")["maximum"],
            json!(MAX_TAX_RATE_BP)
        );
    }

    /// Every request body of the REST API.
    fn request_bodies() -> Vec<(&'static str, Value)> {
        fn body<T: PartialSchema>(name: &'static str) -> (&'static str, Value) {
            (name, serde_json::to_value(T::schema()).unwrap())
        }
        vec![
            body::<NewProduct>("NewProduct"),
            body::<ProductPatch>("ProductPatch"),
            body::<ProductTranslationInput>("ProductTranslationInput"),
            body::<OptionInput>("OptionInput"),
            body::<ImageInput>("ImageInput"),
            body::<OptionValueInput>("OptionValueInput"),
            body::<VariantTranslationInput>("VariantTranslationInput"),
            body::<PriceInput>("PriceInput"),
            body::<NewVariant>("NewVariant"),
            body::<VariantPatch>("VariantPatch"),
            body::<NewProductOption>("NewProductOption"),
            body::<VariantValueInput>("VariantValueInput"),
            body::<ProductOptionPatch>("ProductOptionPatch"),
            body::<ValueRenameInput>("ValueRenameInput"),
            body::<NewProductCollection>("NewProductCollection"),
            body::<ProductCollectionPatch>("ProductCollectionPatch"),
            body::<ProductCategoryPatch>("ProductCategoryPatch"),
            body::<NewProductCategory>("NewProductCategory"),
            body::<NewRegion>("NewRegion"),
            body::<RegionPatch>("RegionPatch"),
            body::<NewShippingOption>("NewShippingOption"),
            body::<NewPriceList>("NewPriceList"),
            body::<NewCart>("NewCart"),
            body::<CartItemInput>("CartItemInput"),
            body::<CheckoutInput>("CheckoutInput"),
            body::<NewOrderNote>("NewOrderNote"),
            body::<StockInput>("StockInput"),
            body::<QuantityInput>("QuantityInput"),
            body::<ShippingChoice>("ShippingChoice"),
            body::<OrderTransitionInput>("OrderTransitionInput"),
        ]
    }

    fn patterns<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(pattern)) = map.get("pattern") {
                    out.push(pattern);
                }
                map.values().for_each(|v| patterns(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| patterns(v, out)),
            _ => {}
        }
    }

    /// The patterns copied into `#[schema(pattern = ...)]` literals are the ones built from
    /// [`TRIMMED`] here, field by field.
    #[test]
    fn every_pattern_is_one_the_services_enforce() {
        let known = [
            not_blank(),
            handle_pattern(),
            currency_pattern(),
            email_pattern(),
            image_url_pattern(),
            country_pattern(),
            rustok_core::LOCALE_PATTERN.to_string(),
            rustok_core::ID_PATTERN.to_string(),
        ];
        for (name, schema) in request_bodies() {
            let mut found = Vec::new();
            patterns(&schema, &mut found);
            for pattern in found {
                assert!(known.iter().any(|k| k == pattern), "{name}: {pattern}");
            }
        }
        let handles = [
            property::<NewProduct>("handle"),
            property::<ProductPatch>("handle"),
            property::<NewProductCollection>("handle"),
            property::<ProductCollectionPatch>("handle"),
            property::<NewProductCategory>("handle"),
            property::<ProductCategoryPatch>("handle"),
        ];
        for handle in handles {
            assert_eq!(handle["pattern"], json!(handle_pattern()));
            assert_eq!(handle["maxLength"], 200);
        }
        for currency in [
            property::<PriceInput>("currency"),
            property::<NewRegion>("currency"),
        ] {
            assert_eq!(currency["pattern"], json!(currency_pattern()));
        }
        for email in [
            property::<NewCart>("email"),
            property::<CheckoutInput>("email"),
        ] {
            assert_eq!(email["pattern"], json!(email_pattern()));
            assert_eq!(email["maxLength"], 255);
        }
        assert_eq!(
            property::<ImageInput>("url")["pattern"],
            json!(image_url_pattern())
        );
        assert_eq!(
            property::<ProductTranslationInput>("locale")["pattern"],
            rustok_core::LOCALE_PATTERN
        );
        assert_eq!(
            property::<ShippingChoice>("shipping_option_id")["type"],
            json!(["string", "null"])
        );
    }
}
