//! Product options (Size, Color) and their values, also after a product is created, and the
//! rules every variant keeps with them: exactly one value of each option; no two variants of a
//! product with the same values; option titles unique per product and values unique per option
//! (both ignoring case). A product without options may have several variants (they differ by
//! title and SKU only).
//!
//! Variants store their values by option title (`{"Size": "M"}`), so a rename rewrites the
//! product's variants in the same transaction; a change that would leave a variant without its
//! value, or two variants alike, is refused and changes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use rustok_core::{DomainEvent, begin_write};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, Set,
};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::product_views::{OPTION_ORDER, VARIANT_ORDER};
use super::products::CatalogService;
use super::scoped::{children_of, delete_owned, find_owned};
use super::{CommerceContext, check_at_most, commit_with, now, required_text};
use crate::CommerceError;
use crate::dto::{
    NewProductOption, OptionInput, OptionValueInput, ProductOptionPatch, ProductView,
};
use crate::entities::{product_options, products, variants};

/// The most options a product has.
pub(crate) const MAX_OPTIONS: usize = 10;
/// The most values an option has.
pub(crate) const MAX_VALUES: usize = 100;
/// The longest option title or value, in characters.
pub(crate) const MAX_TEXT: usize = 100;

/// A product's options in display order: title and values.
pub(crate) type Options = Vec<(String, Vec<String>)>;

/// A variant's values keyed by lower-cased option title, for comparing variants.
type Combination = BTreeMap<String, String>;

impl CatalogService<'_> {
    /// Adds an option to a product (`ProductUpdated`). Existing variants take
    /// `values_by_variant` or else `value_for_variants`; a product with variants and neither is
    /// refused, as is a value that would make two variants alike.
    pub async fn add_option(
        &self,
        ctx: &CommerceContext,
        product_id: Uuid,
        input: NewProductOption,
    ) -> Result<ProductView, CommerceError> {
        let title = required_text("title", &input.title, MAX_TEXT)?;
        let values = validate_values("values", &input.values)?;
        let (txn, product) = lock_product(self.db, ctx, product_id).await?;
        let (rows, variant_rows) = options_and_variants(&txn, ctx, product.id).await?;
        if rows.len() >= MAX_OPTIONS {
            return Err(CommerceError::invalid(
                "options",
                format!("a product has at most {MAX_OPTIONS} options"),
            ));
        }
        if let Some(other) = rows.iter().find(|o| same(&o.title, &title)) {
            return Err(CommerceError::invalid(
                "title",
                format!("the product already has an option `{}`", other.title),
            ));
        }
        let picked = values_for_variants(&input, &values, &variant_rows)?;
        let mut seen = HashSet::new();
        let mut changed = Vec::with_capacity(variant_rows.len());
        for (variant, value) in variant_rows.into_iter().zip(picked) {
            let mut map = variant.options.as_object().cloned().unwrap_or_default();
            map.insert(title.clone(), Value::from(value));
            let options = Value::Object(map);
            if !seen.insert(combination(&options)) {
                return Err(CommerceError::VariantOptionsTaken {
                    combination: describe(&options),
                });
            }
            changed.push((variant, options));
        }
        let position = input.position.unwrap_or_else(|| {
            rows.iter()
                .map(|o| o.position.saturating_add(1))
                .max()
                .unwrap_or(0)
        });
        insert_option(&txn, ctx, product.id, &title, &values, position).await?;
        for (variant, options) in changed {
            set_variant_options(&txn, variant, options).await?;
        }
        self.product_changed(txn, ctx, product.id).await
    }

    /// Renames an option or its values (variants follow), adds and removes values, moves it
    /// (`ProductUpdated`). Removing a value a variant has is `option_value_in_use` (409).
    pub async fn update_option(
        &self,
        ctx: &CommerceContext,
        product_id: Uuid,
        option_id: Uuid,
        patch: ProductOptionPatch,
    ) -> Result<ProductView, CommerceError> {
        let new_title = patch
            .title
            .as_deref()
            .map(|t| required_text("title", t, MAX_TEXT))
            .transpose()?;
        let new_values = patch
            .values
            .as_deref()
            .map(|v| validate_values("values", v))
            .transpose()?;
        let (txn, product) = lock_product(self.db, ctx, product_id).await?;
        let (rows, variant_rows) = options_and_variants(&txn, ctx, product.id).await?;
        let option = option_of(&rows, option_id)?;
        if let Some(title) = &new_title
            && let Some(other) = rows
                .iter()
                .find(|o| o.id != option.id && same(&o.title, title))
        {
            return Err(CommerceError::invalid(
                "title",
                format!("the product already has an option `{}`", other.title),
            ));
        }
        // Each variant's value of this option, followed through the renames.
        let mut held: Vec<Option<String>> = variant_rows
            .iter()
            .map(|v| value_of(&v.options, &option.title).map(str::to_string))
            .collect();
        let mut current = values_of(&option);
        for rename in patch.rename_values.iter().flatten() {
            let from = rename.from.trim();
            let to = required_text("rename_values", &rename.to, MAX_TEXT)?;
            let Some(at) = current.iter().position(|v| v == from) else {
                return Err(CommerceError::invalid(
                    "rename_values",
                    format!("`{from}` is not a value of `{}`", option.title),
                ));
            };
            if current
                .iter()
                .enumerate()
                .any(|(i, v)| i != at && same(v, &to))
            {
                return Err(CommerceError::invalid(
                    "rename_values",
                    format!("`{to}` is already a value of `{}`", option.title),
                ));
            }
            current[at] = to.clone();
            for value in held.iter_mut().flatten().filter(|v| *v == from) {
                *value = to.clone();
            }
        }
        let title = new_title.unwrap_or_else(|| option.title.clone());
        let values = match new_values {
            Some(values) => {
                for removed in current.iter().filter(|v| !values.contains(v)) {
                    let users = held.iter().flatten().filter(|v| *v == removed).count();
                    if users > 0 {
                        return Err(CommerceError::OptionValueInUse {
                            option: title,
                            value: removed.clone(),
                            variants: users,
                        });
                    }
                }
                values
            }
            None => current,
        };
        for (variant, value) in variant_rows.into_iter().zip(held) {
            // A variant from before options were enforced may lack this one: left as it is.
            let Some(value) = value else { continue };
            let mut map = variant.options.as_object().cloned().unwrap_or_default();
            if map.get(&title).and_then(Value::as_str) == Some(value.as_str()) {
                continue;
            }
            map.retain(|key, _| !same(key, &option.title));
            map.insert(title.clone(), Value::from(value));
            set_variant_options(&txn, variant, Value::Object(map)).await?;
        }
        let mut active: product_options::ActiveModel = option.into();
        active.title = Set(title);
        active.values = Set(serde_json::json!(values));
        if let Some(position) = patch.position {
            active.position = Set(position);
        }
        active.update(&txn).await?;
        self.product_changed(txn, ctx, product.id).await
    }

    /// Removes an option and its value from every variant (`ProductUpdated`); refused with
    /// `option_in_use` (409) when two variants differ in this option only.
    pub async fn delete_option(
        &self,
        ctx: &CommerceContext,
        product_id: Uuid,
        option_id: Uuid,
    ) -> Result<ProductView, CommerceError> {
        let (txn, product) = lock_product(self.db, ctx, product_id).await?;
        let (rows, variant_rows) = options_and_variants(&txn, ctx, product.id).await?;
        let option = option_of(&rows, option_id)?;
        let others_remain = rows.len() > 1;
        let mut seen = HashSet::new();
        let mut changed = Vec::new();
        for variant in variant_rows {
            let mut map = variant.options.as_object().cloned().unwrap_or_default();
            let before = map.len();
            map.retain(|key, _| !same(key, &option.title));
            let had_value = map.len() != before;
            let options = Value::Object(map);
            if others_remain && !seen.insert(combination(&options)) {
                return Err(CommerceError::OptionInUse {
                    option: option.title,
                    combination: describe(&options),
                });
            }
            if had_value {
                changed.push((variant, options));
            }
        }
        delete_owned::<product_options::Entity>(&txn, ctx, option.id).await?;
        for (variant, options) in changed {
            set_variant_options(&txn, variant, options).await?;
        }
        self.product_changed(txn, ctx, product.id).await
    }

    /// Writes `ProductUpdated`, commits, and reads the product back as staff see it.
    async fn product_changed(
        &self,
        txn: DatabaseTransaction,
        ctx: &CommerceContext,
        product_id: Uuid,
    ) -> Result<ProductView, CommerceError> {
        let updated = DomainEvent::ProductUpdated { product_id };
        commit_with(self.events, txn, ctx, vec![updated]).await?;
        self.staff_view(ctx, product_id).await
    }
}

/// What a new variant must satisfy: the product's options, and the combinations of values its
/// other variants already have.
pub(crate) struct OptionRules {
    options: Options,
    used: HashSet<Combination>,
}

impl OptionRules {
    /// The rules of a product being created with `options` (no variants yet).
    pub(crate) fn new(options: Options) -> Self {
        Self {
            options,
            used: HashSet::new(),
        }
    }

    /// The rules of an existing product.
    pub(crate) async fn load(
        conn: &impl ConnectionTrait,
        ctx: &CommerceContext,
        product_id: Uuid,
    ) -> Result<Self, CommerceError> {
        let (rows, variants) = options_and_variants(conn, ctx, product_id).await?;
        let options = rows
            .into_iter()
            .map(|o| {
                let values = values_of(&o);
                (o.title, values)
            })
            .collect();
        let used = variants.iter().map(|v| combination(&v.options)).collect();
        Ok(Self { options, used })
    }

    /// A new variant's options from its picks: exactly one value of each option, in a
    /// combination no other variant of the product has (then taken by this one).
    pub(crate) fn claim(&mut self, picks: &[OptionValueInput]) -> Result<Value, CommerceError> {
        let field = "variants.options";
        let mut chosen = Map::new();
        for pick in picks {
            let name = pick.option.trim();
            let Some((title, values)) = self.options.iter().find(|(t, _)| same(t, name)) else {
                return Err(CommerceError::invalid(
                    field,
                    format!("the product has no option `{name}`"),
                ));
            };
            let value = pick.value.trim();
            if !values.iter().any(|v| v == value) {
                return Err(CommerceError::invalid(
                    field,
                    format!("`{value}` is not a value of `{title}`"),
                ));
            }
            if chosen.insert(title.clone(), Value::from(value)).is_some() {
                return Err(CommerceError::invalid(
                    field,
                    format!("`{title}` is given twice"),
                ));
            }
        }
        if let Some((title, _)) = self.options.iter().find(|(t, _)| !chosen.contains_key(t)) {
            return Err(CommerceError::invalid(
                field,
                format!("give a value of `{title}`"),
            ));
        }
        let chosen = Value::Object(chosen);
        if !self.options.is_empty() && !self.used.insert(combination(&chosen)) {
            return Err(CommerceError::VariantOptionsTaken {
                combination: describe(&chosen),
            });
        }
        Ok(chosen)
    }
}

/// The options of a new product: at most ten, titles unique, each with valid values.
pub(crate) fn validate_options(input: &[OptionInput]) -> Result<Options, CommerceError> {
    check_at_most("options", input.len(), MAX_OPTIONS)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(input.len());
    for option in input {
        let title = required_text("options.title", &option.title, MAX_TEXT)?;
        if !seen.insert(title.to_lowercase()) {
            return Err(CommerceError::invalid(
                "options.title",
                format!("`{title}` is given twice"),
            ));
        }
        let values = validate_values("options.values", &option.values)?;
        out.push((title, values));
    }
    Ok(out)
}

/// One to a hundred trimmed values, unique ignoring case.
fn validate_values(field: &'static str, values: &[String]) -> Result<Vec<String>, CommerceError> {
    if values.is_empty() {
        return Err(CommerceError::invalid(field, "give at least one value"));
    }
    check_at_most(field, values.len(), MAX_VALUES)?;
    let mut seen = HashSet::new();
    values
        .iter()
        .map(|value| {
            let value = required_text(field, value, MAX_TEXT)?;
            if seen.insert(value.to_lowercase()) {
                Ok(value)
            } else {
                Err(CommerceError::invalid(
                    field,
                    format!("`{value}` is given twice"),
                ))
            }
        })
        .collect()
}

/// The value each existing variant takes of a new option, in the order of `variants`.
fn values_for_variants(
    input: &NewProductOption,
    values: &[String],
    variants: &[variants::Model],
) -> Result<Vec<String>, CommerceError> {
    let for_all = input
        .value_for_variants
        .as_deref()
        .map(|v| known_value("value_for_variants", values, v))
        .transpose()?;
    let mut by_variant = HashMap::new();
    for entry in &input.values_by_variant {
        if !variants.iter().any(|v| v.id == entry.variant_id) {
            return Err(CommerceError::invalid(
                "values_by_variant",
                format!("{} is not a variant of this product", entry.variant_id),
            ));
        }
        let value = known_value("values_by_variant", values, &entry.value)?;
        if by_variant.insert(entry.variant_id, value).is_some() {
            return Err(CommerceError::invalid(
                "values_by_variant",
                format!("{} is given twice", entry.variant_id),
            ));
        }
    }
    variants
        .iter()
        .map(|variant| {
            by_variant
                .get(&variant.id)
                .or(for_all.as_ref())
                .cloned()
                .ok_or_else(|| {
                    CommerceError::invalid(
                        "value_for_variants",
                        format!(
                            "the product has variants: give the value they take (`{}` has none)",
                            variant.title
                        ),
                    )
                })
        })
        .collect()
}

fn known_value(
    field: &'static str,
    values: &[String],
    value: &str,
) -> Result<String, CommerceError> {
    let value = value.trim();
    values
        .iter()
        .find(|v| *v == value)
        .cloned()
        .ok_or_else(|| CommerceError::invalid(field, format!("`{value}` is not one of `values`")))
}

/// A write transaction with the product read in it, its `updated_at` bumped first: on
/// PostgreSQL the row lock this takes makes concurrent option and variant writes of one product
/// wait for each other, so each checks the variants the other committed (SQLite runs one
/// writer at a time anyway).
pub(crate) async fn lock_product(
    db: &DatabaseConnection,
    ctx: &CommerceContext,
    product_id: Uuid,
) -> Result<(DatabaseTransaction, products::Model), CommerceError> {
    let txn = begin_write(db).await?;
    let touched = products::Entity::update_many()
        .col_expr(products::Column::UpdatedAt, Expr::value(now()))
        .filter(products::Column::Id.eq(product_id))
        .filter(products::Column::TenantId.eq(ctx.tenant_id()))
        .exec(&txn)
        .await?;
    if touched.rows_affected == 0 {
        return Err(CommerceError::NotFound("product"));
    }
    let product = find_owned::<products::Entity>(&txn, ctx, product_id).await?;
    Ok((txn, product))
}

/// A product's options and variants, in display order.
async fn options_and_variants(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    product_id: Uuid,
) -> Result<(Vec<product_options::Model>, Vec<variants::Model>), CommerceError> {
    let product = [product_id];
    let options = children_of(
        conn,
        ctx,
        product_options::Column::ProductId,
        &product,
        &OPTION_ORDER,
    );
    let variants = children_of(
        conn,
        ctx,
        variants::Column::ProductId,
        &product,
        &VARIANT_ORDER,
    );
    let options = options.await?.remove(&product_id).unwrap_or_default();
    let variants = variants.await?.remove(&product_id).unwrap_or_default();
    Ok((options, variants))
}

fn option_of(
    rows: &[product_options::Model],
    option_id: Uuid,
) -> Result<product_options::Model, CommerceError> {
    rows.iter()
        .find(|o| o.id == option_id)
        .cloned()
        .ok_or(CommerceError::NotFound("option"))
}

/// Stores one option of a product: its title and values in display order.
pub(crate) async fn insert_option(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    product_id: Uuid,
    title: &str,
    values: &[String],
    position: i32,
) -> Result<(), CommerceError> {
    product_options::ActiveModel {
        id: Set(rustok_core::generate_id()),
        tenant_id: Set(ctx.tenant_id()),
        product_id: Set(product_id),
        title: Set(title.to_string()),
        values: Set(serde_json::json!(values)),
        position: Set(position),
    }
    .insert(txn)
    .await?;
    Ok(())
}

async fn set_variant_options(
    txn: &DatabaseTransaction,
    variant: variants::Model,
    options: Value,
) -> Result<(), CommerceError> {
    let mut active: variants::ActiveModel = variant.into();
    active.options = Set(options);
    active.updated_at = Set(now());
    active.update(txn).await?;
    Ok(())
}

fn values_of(option: &product_options::Model) -> Vec<String> {
    serde_json::from_value(option.values.clone()).unwrap_or_default()
}

/// The value a variant holds for the option `title`.
fn value_of<'a>(options: &'a Value, title: &str) -> Option<&'a str> {
    options
        .as_object()?
        .iter()
        .find(|(key, _)| same(key, title))
        .and_then(|(_, value)| value.as_str())
}

fn same(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

fn combination(options: &Value) -> Combination {
    options
        .as_object()
        .map(|map| {
            map.iter()
                .map(|(key, value)| {
                    let value = value.as_str().unwrap_or_default().to_string();
                    (key.to_lowercase(), value)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `Size: M, Color: Red`, for error messages.
fn describe(options: &Value) -> String {
    let parts: Vec<String> = options
        .as_object()
        .map(|map| {
            map.iter()
                .map(|(key, value)| format!("{key}: {}", value.as_str().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    format!("`{}`", parts.join(", "))
}
