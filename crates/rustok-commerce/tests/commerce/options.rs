//! Product options after creation: adding, renaming and removing options and values keeps every
//! variant with exactly one value of each option and no two variants alike; refusals change
//! nothing and emit nothing.

use rustok_commerce::dto::{
    NewProduct, NewProductOption, NewVariant, OptionInput, OptionValueInput, ProductFilter,
    ProductOptionPatch, ProductView, ValueRenameInput, VariantValueInput,
};
use rustok_commerce::{CatalogService, CommerceContext, CommerceError, PriceMode};
use uuid::Uuid;

use crate::support::{self, Harness, events_of, harness, price, shop, staff_listing, tenant};

/// A variant `sku` with one value of each option picked, stock 3 at 15.00 EUR.
fn variant(sku: &str, picks: &[(&str, &str)]) -> NewVariant {
    let options = picks
        .iter()
        .map(|(option, value)| OptionValueInput {
            option: (*option).into(),
            value: (*value).into(),
        })
        .collect();
    NewVariant {
        options,
        ..support::variant(sku, sku, 3, vec![price("EUR", 1500)])
    }
}

fn option(title: &str, values: &[&str]) -> OptionInput {
    OptionInput {
        title: title.into(),
        values: values.iter().map(|v| (*v).into()).collect(),
    }
}

fn product(handle: &str, options: Vec<OptionInput>, variants: Vec<NewVariant>) -> NewProduct {
    NewProduct {
        options,
        ..support::product(handle, variants)
    }
}

/// A T-shirt in sizes S and M, one variant each.
async fn shirt(catalog: &CatalogService<'_>, ctx: &CommerceContext) -> ProductView {
    catalog
        .create_product(
            ctx,
            product(
                "shirt",
                vec![option("Size", &["S", "M"])],
                vec![
                    variant("SH-S", &[("Size", "S")]),
                    variant("SH-M", &[("Size", "M")]),
                ],
            ),
        )
        .await
        .unwrap()
}

fn values_patch(values: &[&str]) -> ProductOptionPatch {
    ProductOptionPatch {
        values: Some(values.iter().map(|v| (*v).into()).collect()),
        ..ProductOptionPatch::default()
    }
}

fn new_option(title: &str, values: &[&str]) -> NewProductOption {
    NewProductOption {
        title: title.into(),
        values: values.iter().map(|v| (*v).into()).collect(),
        position: None,
        value_for_variants: None,
        values_by_variant: Vec::new(),
    }
}

/// Each variant's SKU with its values, e.g. `SH-S: Size=S`.
fn variant_values(product: &ProductView) -> Vec<String> {
    product
        .variants
        .iter()
        .map(|v| {
            let values: Vec<String> = v
                .options
                .iter()
                .map(|o| format!("{}={}", o.option, o.value))
                .collect();
            format!("{}: {}", v.sku.as_deref().unwrap_or(""), values.join(" "))
        })
        .collect()
}

async fn read(catalog: &CatalogService<'_>, ctx: &CommerceContext, id: Uuid) -> ProductView {
    catalog
        .get_product(ctx, id, None, PriceMode::All, false)
        .await
        .unwrap()
}

async fn updates(h: &Harness, ctx: &CommerceContext) -> u64 {
    events_of(h, ctx, "commerce.product_updated").await
}

fn invalid_field(err: &CommerceError) -> &'static str {
    match err {
        CommerceError::Invalid { field, .. } => field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_new_value_lets_a_variant_use_it() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let shirt = shirt(&catalog, &ctx).await;
    let size = shirt.options[0].id;

    let refused = catalog
        .add_variant(&ctx, shirt.id, variant("SH-L", &[("Size", "L")]))
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&refused), "variants.options");

    let before = updates(&h, &ctx).await;
    let changed = catalog
        .update_option(&ctx, shirt.id, size, values_patch(&["S", "M", "L"]))
        .await
        .unwrap();
    assert_eq!(changed.options[0].values, vec!["S", "M", "L"]);
    assert_eq!(updates(&h, &ctx).await, before + 1);
    let large = catalog
        .add_variant(&ctx, shirt.id, variant("SH-L", &[("Size", "L")]))
        .await
        .unwrap();
    assert_eq!(large.options[0].value, "L");
    assert_eq!(read(&catalog, &ctx, shirt.id).await.variants.len(), 3);
}
#[tokio::test]
async fn renames_keep_variants_linked() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let shirt = shirt(&catalog, &ctx).await;
    let renamed = catalog
        .update_option(
            &ctx,
            shirt.id,
            shirt.options[0].id,
            ProductOptionPatch {
                title: Some("Fit size".into()),
                rename_values: Some(vec![ValueRenameInput {
                    from: "M".into(),
                    to: "Medium".into(),
                }]),
                ..ProductOptionPatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.options[0].title, "Fit size");
    assert_eq!(renamed.options[0].values, vec!["S", "Medium"]);
    assert_eq!(
        variant_values(&read(&catalog, &ctx, shirt.id).await),
        vec!["SH-S: Fit size=S", "SH-M: Fit size=Medium"]
    );
    // New variants use the new names; the renamed value is still taken by its variant.
    let old = catalog
        .add_variant(&ctx, shirt.id, variant("SH-X", &[("Size", "M")]))
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&old), "variants.options");
    let twin = catalog
        .add_variant(&ctx, shirt.id, variant("SH-X", &[("fit size", "Medium")]))
        .await
        .unwrap_err();
    assert!(
        matches!(twin, CommerceError::VariantOptionsTaken { .. }),
        "{twin:?}"
    );

    // A rename onto another value (ignoring case) would merge two values: refused.
    let merge = catalog
        .update_option(
            &ctx,
            shirt.id,
            shirt.options[0].id,
            ProductOptionPatch {
                rename_values: Some(vec![ValueRenameInput {
                    from: "S".into(),
                    to: "medium".into(),
                }]),
                ..ProductOptionPatch::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&merge), "rename_values");
}
#[tokio::test]
async fn removing_a_used_value_is_refused_and_changes_nothing() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let shirt = shirt(&catalog, &ctx).await;
    let size = shirt.options[0].id;
    let before = read(&catalog, &ctx, shirt.id).await;
    let events = updates(&h, &ctx).await;

    let refused = catalog
        .update_option(
            &ctx,
            shirt.id,
            size,
            ProductOptionPatch {
                title: Some("Sizes".into()),
                values: Some(vec!["S".into(), "XL".into()]),
                ..ProductOptionPatch::default()
            },
        )
        .await
        .unwrap_err();
    match refused {
        CommerceError::OptionValueInUse {
            value, variants, ..
        } => assert_eq!((value.as_str(), variants), ("M", 1)),
        other => panic!("expected option_value_in_use, got {other:?}"),
    }
    assert_eq!(read(&catalog, &ctx, shirt.id).await, before);
    assert_eq!(updates(&h, &ctx).await, events);

    // Once its variant is gone, the value can go.
    catalog
        .delete_variant(&ctx, shirt.variants[1].id)
        .await
        .unwrap();
    let changed = catalog
        .update_option(&ctx, shirt.id, size, values_patch(&["S"]))
        .await
        .unwrap();
    assert_eq!(changed.options[0].values, vec!["S"]);

    // Duplicates and empty lists are refused on the field.
    for values in [vec!["S", "s"], vec![], vec!["S", " "]] {
        let err = catalog
            .update_option(&ctx, shirt.id, size, values_patch(&values))
            .await
            .unwrap_err();
        assert_eq!(invalid_field(&err), "values", "{values:?}");
    }
}
#[tokio::test]
async fn adding_an_option_to_a_product_with_variants_needs_their_values() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let shirt = shirt(&catalog, &ctx).await;
    let before = read(&catalog, &ctx, shirt.id).await;
    let events = updates(&h, &ctx).await;

    let missing = catalog
        .add_option(&ctx, shirt.id, new_option("Color", &["Red", "Blue"]))
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&missing), "value_for_variants");
    let unknown = catalog
        .add_option(
            &ctx,
            shirt.id,
            NewProductOption {
                value_for_variants: Some("Green".into()),
                ..new_option("Color", &["Red", "Blue"])
            },
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&unknown), "value_for_variants");
    let taken = catalog
        .add_option(
            &ctx,
            shirt.id,
            NewProductOption {
                value_for_variants: Some("Red".into()),
                ..new_option("size", &["Red"])
            },
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&taken), "title");
    assert_eq!(read(&catalog, &ctx, shirt.id).await, before);
    assert_eq!(updates(&h, &ctx).await, events);

    let colored = catalog
        .add_option(
            &ctx,
            shirt.id,
            NewProductOption {
                value_for_variants: Some("Red".into()),
                values_by_variant: vec![VariantValueInput {
                    variant_id: shirt.variants[1].id,
                    value: "Blue".into(),
                }],
                ..new_option("Color", &["Red", "Blue"])
            },
        )
        .await
        .unwrap();
    assert_eq!(
        colored
            .options
            .iter()
            .map(|o| o.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Size", "Color"]
    );
    assert_eq!(
        variant_values(&colored),
        vec!["SH-S: Size=S Color=Red", "SH-M: Size=M Color=Blue"]
    );
    assert_eq!(updates(&h, &ctx).await, events + 1);
    // New variants now need both values.
    let partial = catalog
        .add_variant(&ctx, shirt.id, variant("SH-L", &[("Size", "S")]))
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&partial), "variants.options");

    // Two option-less variants cannot take the same value of a first option.
    let plain = catalog
        .create_product(
            &ctx,
            product(
                "plain",
                Vec::new(),
                vec![variant("P-1", &[]), variant("P-2", &[])],
            ),
        )
        .await
        .unwrap();
    let alike = catalog
        .add_option(
            &ctx,
            plain.id,
            NewProductOption {
                value_for_variants: Some("Oak".into()),
                ..new_option("Wood", &["Oak", "Ash"])
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(alike, CommerceError::VariantOptionsTaken { .. }),
        "{alike:?}"
    );
    let woods = catalog
        .add_option(
            &ctx,
            plain.id,
            NewProductOption {
                value_for_variants: Some("Oak".into()),
                values_by_variant: vec![VariantValueInput {
                    variant_id: plain.variants[0].id,
                    value: "Ash".into(),
                }],
                ..new_option("Wood", &["Oak", "Ash"])
            },
        )
        .await
        .unwrap();
    assert_eq!(
        variant_values(&woods),
        vec!["P-1: Wood=Ash", "P-2: Wood=Oak"]
    );
    // Another product's variant is not one of this product's.
    let foreign = catalog
        .add_option(
            &ctx,
            plain.id,
            NewProductOption {
                value_for_variants: Some("Yes".into()),
                values_by_variant: vec![VariantValueInput {
                    variant_id: shirt.variants[0].id,
                    value: "Yes".into(),
                }],
                ..new_option("Varnished", &["Yes"])
            },
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&foreign), "values_by_variant");
}
#[tokio::test]
async fn deleting_an_option_drops_it_from_variants_unless_two_would_be_alike() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let created = catalog
        .create_product(
            &ctx,
            product(
                "hoodie",
                vec![
                    option("Size", &["S", "M"]),
                    option("Color", &["Red", "Blue"]),
                ],
                vec![
                    variant("H-SR", &[("Size", "S"), ("Color", "Red")]),
                    variant("H-SB", &[("Size", "S"), ("Color", "Blue")]),
                    variant("H-MR", &[("Size", "M"), ("Color", "Red")]),
                ],
            ),
        )
        .await
        .unwrap();
    let (size, color) = (created.options[0].id, created.options[1].id);
    let before = read(&catalog, &ctx, created.id).await;
    let events = updates(&h, &ctx).await;
    let refused = catalog
        .delete_option(&ctx, created.id, color)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, CommerceError::OptionInUse { .. }),
        "{refused:?}"
    );
    assert_eq!(read(&catalog, &ctx, created.id).await, before);
    assert_eq!(updates(&h, &ctx).await, events);

    catalog
        .delete_variant(&ctx, created.variants[1].id)
        .await
        .unwrap();
    let left = catalog
        .delete_option(&ctx, created.id, color)
        .await
        .unwrap();
    assert_eq!(left.options.len(), 1);
    assert_eq!(variant_values(&left), vec!["H-SR: Size=S", "H-MR: Size=M"]);
    // The last option can go too; the variants stay.
    let bare = catalog.delete_option(&ctx, created.id, size).await.unwrap();
    assert!(bare.options.is_empty());
    assert_eq!(bare.variants.len(), 2);
    assert!(matches!(
        catalog.delete_option(&ctx, created.id, size).await,
        Err(CommerceError::NotFound("option"))
    ));
}
#[tokio::test]
async fn creation_needs_one_value_of_each_option_and_distinct_variants() {
    let (h, ctx) = shop().await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let sizes = || vec![option("Size", &["S", "M"])];
    let missing = catalog
        .create_product(&ctx, product("a", sizes(), vec![variant("A-1", &[])]))
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&missing), "variants.options");
    let twice = catalog
        .create_product(
            &ctx,
            product(
                "a",
                sizes(),
                vec![variant("A-1", &[("Size", "S"), ("size", "M")])],
            ),
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&twice), "variants.options");
    let alike = catalog
        .create_product(
            &ctx,
            product(
                "a",
                sizes(),
                vec![
                    variant("A-1", &[("Size", "S")]),
                    variant("A-2", &[("Size", "S")]),
                ],
            ),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(alike, CommerceError::VariantOptionsTaken { .. }),
        "{alike:?}"
    );
    let duplicate_value = catalog
        .create_product(
            &ctx,
            product("a", vec![option("Size", &["S", "s"])], Vec::new()),
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&duplicate_value), "options.values");
    // Nothing of the refused products was stored.
    let listed = staff_listing(&catalog, &ctx, ProductFilter::default()).await;
    assert!(listed.items.is_empty());
}
#[tokio::test]
async fn other_tenants_products_and_options_are_not_found() {
    let h = harness().await;
    let shop = tenant(&h, "shop").await;
    let acme = tenant(&h, "acme").await;
    let catalog = CatalogService::new(&h.db, &h.events);
    let shirt = shirt(&catalog, &shop).await;
    let size = shirt.options[0].id;
    assert!(matches!(
        catalog
            .add_option(&acme, shirt.id, new_option("Color", &["Red"]))
            .await,
        Err(CommerceError::NotFound("product"))
    ));
    assert!(matches!(
        catalog
            .update_option(&acme, shirt.id, size, values_patch(&["S"]))
            .await,
        Err(CommerceError::NotFound("product"))
    ));
    assert!(matches!(
        catalog.delete_option(&acme, shirt.id, size).await,
        Err(CommerceError::NotFound("product"))
    ));
    // An option of another product is not found under this one.
    let other = catalog
        .create_product(
            &shop,
            product(
                "mug",
                vec![option("Color", &["White"])],
                vec![variant("MUG-W", &[("Color", "White")])],
            ),
        )
        .await
        .unwrap();
    assert!(matches!(
        catalog
            .update_option(&shop, other.id, size, values_patch(&["S"]))
            .await,
        Err(CommerceError::NotFound("option"))
    ));
    assert_eq!(
        read(&catalog, &shop, shirt.id).await.options[0].values,
        vec!["S", "M"]
    );
}
