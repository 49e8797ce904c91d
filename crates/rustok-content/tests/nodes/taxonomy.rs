//! Tags and categories: per tenant, filtering listings, announced once.

use rustok_content::dto::{
    CategoryPatch, CategoryTranslationInput, NewCategory, NodeFilter, NodePatch,
};
use rustok_content::{CategoryService, ContentError, NodeService};
use rustok_testkit::locale;

use crate::support::{acme, invalid, listed, post};

#[tokio::test]
async fn tags_are_shared_per_tenant_and_filter_listings() {
    let (h, ctx) = acme().await;
    let other = h.content_writer("globex").await;
    let service = NodeService::new(&h.db, &h.events);
    let mut rust = post("Rust news", "");
    rust.tags = vec!["Rust".into(), "rust".into(), "Databases".into()];
    let rust = service.create(&ctx, rust).await.unwrap();
    let tags: Vec<&str> = rust.tags.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(tags, vec!["databases", "rust"], "deduplicated by slug");
    let mut plain = post("Other news", "");
    plain.tags = vec!["Databases".into()];
    service.create(&ctx, plain).await.unwrap();
    let mut foreign = post("Foreign", "");
    foreign.tags = vec!["Rust".into()];
    service.create(&other, foreign).await.unwrap();

    let by_tag = |tag: &str| NodeFilter {
        tag: Some(tag.into()),
        ..NodeFilter::default()
    };
    let rusty = listed(&service, &ctx, by_tag("rust")).await;
    assert_eq!(
        rusty.len(),
        1,
        "the other tenant's `rust` node is not listed"
    );
    assert_eq!(listed(&service, &ctx, by_tag("databases")).await.len(), 2);
    assert!(listed(&service, &ctx, by_tag("nope")).await.is_empty());
    assert_eq!(service.tags(&ctx).await.unwrap().len(), 2);

    let cleared = service
        .update(
            &ctx,
            rust.id,
            NodePatch {
                tags: Some(Vec::new()),
                ..NodePatch::default()
            },
        )
        .await
        .unwrap();
    assert!(cleared.tags.is_empty());
    let mut bad = post("Bad tags", "");
    bad.tags = vec!["!!!".into()];
    invalid("tags", service.create(&ctx, bad).await);
}

#[tokio::test]
async fn a_new_tag_is_announced_once() {
    let (h, ctx) = acme().await;
    let service = NodeService::new(&h.db, &h.events);
    let mut first = post("One", "");
    first.tags = vec!["Rust".into(), "News".into()];
    service.create(&ctx, first).await.unwrap();
    assert_eq!(h.events_of("content.tag_created").await, 2);
    // Reusing a tag (even spelt differently) creates nothing; a new one is announced.
    let mut second = post("Two", "");
    second.tags = vec!["rust".into()];
    let second = service.create(&ctx, second).await.unwrap();
    assert_eq!(h.events_of("content.tag_created").await, 2);
    let patch = NodePatch {
        tags: Some(vec!["rust".into(), "Databases".into()]),
        ..NodePatch::default()
    };
    service.update(&ctx, second.id, patch).await.unwrap();
    assert_eq!(h.events_of("content.tag_created").await, 3);
    // Another tenant's first use is its own tag.
    let other = h.content_writer("other").await;
    let mut theirs = post("Three", "");
    theirs.tags = vec!["Rust".into()];
    service.create(&other, theirs).await.unwrap();
    assert_eq!(h.events_of("content.tag_created").await, 4);
}

#[tokio::test]
async fn categories_form_a_translated_tree_nodes_point_into() {
    let (h, ctx) = acme().await;
    let other = h.content_writer("globex").await;
    let categories = CategoryService::new(&h.db, &h.events);
    let nodes = NodeService::new(&h.db, &h.events);
    let named = |name: &str, parent| NewCategory {
        parent_id: parent,
        position: 0,
        translation: CategoryTranslationInput {
            locale: "en".into(),
            name: name.into(),
            slug: None,
            description: None,
        },
    };
    let news = categories.create(&ctx, named("News", None)).await.unwrap();
    let tech = categories
        .create(&ctx, named("Tech News", Some(news.id)))
        .await
        .unwrap();
    assert_eq!(
        (tech.slug.as_str(), tech.parent_id),
        ("tech-news", Some(news.id))
    );
    let german = CategoryPatch {
        translation: Some(CategoryTranslationInput {
            locale: "de".into(),
            name: "Technik".into(),
            slug: None,
            description: None,
        }),
        ..CategoryPatch::default()
    };
    categories.update(&ctx, tech.id, german).await.unwrap();
    let in_german = categories.list(&ctx, Some(&locale("de"))).await.unwrap();
    let names: Vec<&str> = in_german.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 2);
    assert!(
        names.contains(&"Technik") && names.contains(&"News"),
        "{names:?}"
    );

    // No cycles: a category cannot move under its own descendant.
    let cycle = CategoryPatch {
        parent_id: Some(Some(tech.id)),
        ..CategoryPatch::default()
    };
    invalid("parent_id", categories.update(&ctx, news.id, cycle).await);

    // Nodes may only use categories of their tenant.
    let mut foreign = post("Foreign", "");
    foreign.category_id = Some(tech.id);
    invalid("category_id", nodes.create(&other, foreign).await);
    let mut article = post("Chips", "");
    article.category_id = Some(tech.id);
    let article = nodes.create(&ctx, article).await.unwrap();
    let in_tech = listed(
        &nodes,
        &ctx,
        NodeFilter {
            category_id: Some(tech.id),
            ..NodeFilter::default()
        },
    )
    .await;
    assert_eq!(in_tech.len(), 1);

    // Deleting a parent removes the subtree and un-categorises its nodes.
    categories.delete(&ctx, news.id).await.unwrap();
    assert!(categories.list(&ctx, None).await.unwrap().is_empty());
    assert_eq!(
        nodes.get(&ctx, article.id, None).await.unwrap().category_id,
        None
    );
    assert_eq!(h.events_of("content.category_created").await, 2);
    assert_eq!(h.events_of("content.category_deleted").await, 1);
    assert!(matches!(
        categories.delete(&other, tech.id).await,
        Err(ContentError::CategoryNotFound)
    ));
}
