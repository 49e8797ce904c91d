//! NodeService against a real database: SQLite by default, PostgreSQL with TEST_DATABASE_URL.

use chrono::Utc;
use rustok_content::dto::NodeFilter as Filter;
use rustok_content::dto::{BodyFormat, BodyInput, NewNode, NodePatch, TranslationInput};
use rustok_content::{ContentContext, ContentError, NodeFlags, NodeService, NodeSort, Transition};
use rustok_core::Locale;
use rustok_outbox::entities::sys_events;
use rustok_tenant::TenantService;
use rustok_testkit::{TestDb, english_and_german, locale};
use sea_orm::{EntityTrait, PaginatorTrait};

type Harness = TestDb;

async fn harness() -> Harness {
    TestDb::new("content").await
}

async fn tenant(h: &Harness, slug: &str) -> ContentContext {
    ContentContext {
        tenant: h.tenant(slug).await,
        actor: Some(rustok_core::generate_id()),
        locales: english_and_german(),
    }
}

fn post(title: &str, body: &str) -> NewNode {
    NewNode {
        kind: "post".into(),
        parent_id: None,
        category_id: None,
        position: 0,
        metadata: None,
        translation: TranslationInput {
            locale: "en".into(),
            title: title.into(),
            slug: None,
            excerpt: None,
            seo_title: None,
            seo_description: None,
        },
        body: Some(BodyInput {
            locale: "en".into(),
            format: BodyFormat::Markdown,
            source: body.into(),
            blocks: None,
        }),
        tags: Vec::new(),
    }
}

async fn events_of(h: &Harness, event_type: &str) -> u64 {
    h.events_of(event_type).await
}

#[tokio::test]
async fn translations_fall_back_to_the_tenant_default() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let node = service
        .create(&ctx, post("Hello World", "# Hi"))
        .await
        .unwrap();
    assert_eq!(
        (
            node.slug.as_str(),
            node.locale.as_str(),
            node.status.as_str()
        ),
        ("hello-world", "en", "draft")
    );
    assert!(node.body.unwrap().html.contains("<h1>Hi</h1>"));

    let patch = NodePatch {
        translation: Some(TranslationInput {
            locale: "de".into(),
            title: "Hallo Welt".into(),
            slug: None,
            excerpt: Some("<b>kurz</b> & <script>alert(1)</script>gut".into()),
            seo_title: None,
            seo_description: None,
        }),
        ..NodePatch::default()
    };
    let german = service.update(&ctx, node.id, patch).await.unwrap();
    assert_eq!(
        (german.locale.as_str(), german.title.as_str()),
        ("de", "Hallo Welt")
    );
    assert_eq!(
        german.excerpt.as_deref(),
        Some("kurz &amp; gut"),
        "excerpts are plain text: tags dropped, the rest escaped, spaces kept"
    );
    assert!(german.body.is_none(), "no German body yet");

    let requested = |tag: &str| locale(tag);
    assert_eq!(
        service
            .get(&ctx, node.id, Some(&requested("de")))
            .await
            .unwrap()
            .locale,
        "de"
    );
    assert_eq!(
        service
            .get(&ctx, node.id, Some(&requested("fr")))
            .await
            .unwrap()
            .locale,
        "en"
    );
    assert_eq!(service.get(&ctx, node.id, None).await.unwrap().locale, "en");

    // Writing a locale the tenant has not enabled is refused.
    let mut french = post("Bonjour", "");
    french.translation.locale = "fr".into();
    let refused = service.create(&ctx, french).await.unwrap_err();
    assert!(
        matches!(
            refused,
            ContentError::Invalid {
                field: "locale",
                ..
            }
        ),
        "{refused:?}"
    );
    let mut garbage = post("Nope", "");
    garbage.translation.locale = "<script>".into();
    assert!(matches!(
        service.create(&ctx, garbage).await,
        Err(ContentError::Invalid {
            field: "locale",
            ..
        })
    ));
}

#[tokio::test]
async fn the_workflow_allows_only_drawn_transitions() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let id = service.create(&ctx, post("Flow", "")).await.unwrap().id;
    let step = |t: Transition| service.transition(&ctx, id, t, None);

    assert_eq!(step(Transition::Submit).await.unwrap().status, "review");
    assert_eq!(step(Transition::Reject).await.unwrap().status, "draft");
    let published = step(Transition::Publish).await.unwrap();
    assert_eq!(published.status, "published");
    assert!(published.published_at.is_some());
    assert!(matches!(
        step(Transition::Publish).await,
        Err(ContentError::InvalidTransition { .. })
    ));
    assert!(matches!(
        step(Transition::Submit).await,
        Err(ContentError::InvalidTransition { .. })
    ));
    assert_eq!(step(Transition::Archive).await.unwrap().status, "archived");
    assert!(matches!(
        step(Transition::Unpublish).await,
        Err(ContentError::InvalidTransition { .. })
    ));
    assert_eq!(step(Transition::Restore).await.unwrap().status, "draft");

    // Scheduling needs a future time; the scheduler publishes when it comes.
    assert!(matches!(
        step(Transition::Schedule).await,
        Err(ContentError::Invalid {
            field: "publish_at",
            ..
        })
    ));
    let soon = Utc::now() + chrono::Duration::milliseconds(300);
    let scheduled = service
        .transition(&ctx, id, Transition::Schedule, Some(soon))
        .await
        .unwrap();
    assert_eq!(scheduled.status, "scheduled");
    assert_eq!(service.publish_due(Utc::now()).await.unwrap(), 0, "not yet");
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(service.publish_due(Utc::now()).await.unwrap(), 1);
    assert_eq!(
        service.get(&ctx, id, None).await.unwrap().status,
        "published"
    );
    assert_eq!(
        service.publish_due(Utc::now()).await.unwrap(),
        0,
        "published once"
    );
    assert_eq!(events_of(&h, "content.node_published").await, 2);
}

#[tokio::test]
async fn updates_keep_revisions_that_can_be_restored() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let node = service
        .create(&ctx, post("First title", "v1 body"))
        .await
        .unwrap();
    let retitle = |title: &str, version: i32| NodePatch {
        translation: Some(TranslationInput {
            locale: "en".into(),
            title: title.into(),
            slug: Some("same-slug".into()),
            excerpt: None,
            seo_title: None,
            seo_description: None,
        }),
        expected_version: Some(version),
        ..NodePatch::default()
    };
    assert_eq!(
        service
            .update(&ctx, node.id, retitle("Second title", 1))
            .await
            .unwrap()
            .version,
        2
    );
    assert_eq!(
        service
            .update(&ctx, node.id, retitle("Third title", 2))
            .await
            .unwrap()
            .version,
        3
    );
    // A stale editor is refused instead of overwriting.
    assert!(matches!(
        service.update(&ctx, node.id, retitle("Stale", 1)).await,
        Err(ContentError::VersionConflict { current: 3 })
    ));
    let versions: Vec<i32> = service
        .revisions(&ctx, node.id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.version)
        .collect();
    assert_eq!(versions, vec![2, 1]);

    let restored = service.restore_revision(&ctx, node.id, 1).await.unwrap();
    assert_eq!(
        (
            restored.title.as_str(),
            restored.slug.as_str(),
            restored.version
        ),
        ("First title", "first-title", 4)
    );
    assert!(restored.body.unwrap().html.contains("v1 body"));
    assert!(matches!(
        service.restore_revision(&ctx, node.id, 99).await,
        Err(ContentError::RevisionNotFound)
    ));
}

#[tokio::test]
async fn every_change_writes_one_event_and_a_failed_one_none() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let node = service.create(&ctx, post("Evented", "")).await.unwrap();
    service
        .update(
            &ctx,
            node.id,
            NodePatch {
                position: Some(3),
                ..NodePatch::default()
            },
        )
        .await
        .unwrap();
    service
        .transition(&ctx, node.id, Transition::Publish, None)
        .await
        .unwrap();
    service
        .transition(&ctx, node.id, Transition::Unpublish, None)
        .await
        .unwrap();
    assert_eq!(events_of(&h, "content.node_created").await, 1);
    assert_eq!(events_of(&h, "content.node_updated").await, 1);
    assert_eq!(events_of(&h, "content.node_published").await, 1);
    assert_eq!(events_of(&h, "content.node_unpublished").await, 1);

    // A slug collision fails the whole create: no node, no event.
    let before = sys_events::Entity::find().count(&h.db).await.unwrap();
    let clash = service.create(&ctx, post("Evented", "")).await;
    assert!(
        matches!(clash, Err(ContentError::SlugTaken(ref slug)) if slug == "evented"),
        "{clash:?}"
    );
    assert_eq!(
        sys_events::Entity::find().count(&h.db).await.unwrap(),
        before
    );
    // An invalid transition writes nothing either.
    let _ = service
        .transition(&ctx, node.id, Transition::Restore, None)
        .await
        .unwrap_err();
    assert_eq!(
        sys_events::Entity::find().count(&h.db).await.unwrap(),
        before
    );

    service.delete(&ctx, node.id).await.unwrap();
    assert_eq!(events_of(&h, "content.node_deleted").await, 1);
    assert!(matches!(
        service.get(&ctx, node.id, None).await,
        Err(ContentError::NotFound)
    ));
}

#[tokio::test]
async fn tenants_never_see_each_others_nodes_and_slugs() {
    let h = harness().await;
    let acme = tenant(&h, "acme").await;
    let globex = tenant(&h, "globex").await;
    let service = NodeService::new(&h.db, &h.events);
    let node = service
        .create(&acme, post("Shared slug", ""))
        .await
        .unwrap();
    // The same slug is free in another tenant...
    service
        .create(&globex, post("Shared slug", ""))
        .await
        .unwrap();
    // ...and acme's node does not exist for globex, whatever the operation.
    assert!(matches!(
        service.get(&globex, node.id, None).await,
        Err(ContentError::NotFound)
    ));
    assert!(matches!(
        service
            .transition(&globex, node.id, Transition::Publish, None)
            .await,
        Err(ContentError::NotFound)
    ));
    assert!(matches!(
        service.delete(&globex, node.id).await,
        Err(ContentError::NotFound)
    ));
    let mut reply = post("Sneaky reply", "");
    reply.kind = "comment".into();
    reply.parent_id = Some(node.id);
    assert!(matches!(
        service.create(&globex, reply).await,
        Err(ContentError::Invalid {
            field: "parent_id",
            ..
        })
    ));
    assert_eq!(
        service.get(&acme, node.id, None).await.unwrap().reply_count,
        0
    );
}

#[tokio::test]
async fn hostile_input_is_sanitised_or_refused() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let node = service
        .create(&ctx, post("XSS", "Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"))
        .await
        .unwrap();
    let html = node.body.unwrap().html.to_lowercase();
    assert!(
        !html.contains("<script") && !html.contains("javascript:") && !html.contains("onerror"),
        "{html}"
    );

    let mut big = post("Big", "");
    big.body.as_mut().unwrap().source = "x".repeat(600 * 1024);
    assert!(matches!(
        service.create(&ctx, big).await,
        Err(ContentError::Invalid { field: "body", .. })
    ));
    let mut bad_slug = post("Bad", "");
    bad_slug.translation.slug = Some("../../etc".into());
    assert!(matches!(
        service.create(&ctx, bad_slug).await,
        Err(ContentError::Invalid { field: "slug", .. })
    ));
    let mut bad_kind = post("Bad", "");
    bad_kind.kind = "Post; DROP TABLE nodes".into();
    assert!(matches!(
        service.create(&ctx, bad_kind).await,
        Err(ContentError::Invalid { field: "kind", .. })
    ));
    assert!("xx-not-a-locale".parse::<Locale>().is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_replies_are_all_counted() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let topic = NodeService::new(&h.db, &h.events)
        .create(&ctx, post("Topic", ""))
        .await
        .unwrap();
    let replies = (0..20).map(|i| {
        let (db, events, ctx) = (h.db.clone(), h.events.clone(), ctx.clone());
        tokio::spawn(async move {
            let mut reply = post(&format!("Reply {i}"), "me too");
            reply.kind = "reply".into();
            reply.parent_id = Some(topic.id);
            NodeService::new(&db, &events)
                .create(&ctx, reply)
                .await
                .unwrap()
        })
    });
    for reply in futures::future::join_all(replies).await {
        assert_eq!(reply.unwrap().depth, 1);
    }
    let topic = NodeService::new(&h.db, &h.events)
        .get(&ctx, topic.id, None)
        .await
        .unwrap();
    assert_eq!(topic.reply_count, 20);
}

#[tokio::test]
async fn tags_are_shared_per_tenant_and_filter_listings() {
    use rustok_content::dto::NodeFilter;
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let other = tenant(&h, "globex").await;
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
        limit: 10,
        ..NodeFilter::default()
    };
    let rusty = service.list(&ctx, by_tag("rust"), None).await.unwrap();
    assert_eq!(
        rusty.items.len(),
        1,
        "the other tenant's `rust` node is not listed"
    );
    assert_eq!(
        service
            .list(&ctx, by_tag("databases"), None)
            .await
            .unwrap()
            .items
            .len(),
        2
    );
    assert!(
        service
            .list(&ctx, by_tag("nope"), None)
            .await
            .unwrap()
            .items
            .is_empty()
    );
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
    assert!(matches!(
        service.create(&ctx, bad).await,
        Err(ContentError::Invalid { field: "tags", .. })
    ));
}

#[tokio::test]
async fn categories_form_a_translated_tree_nodes_point_into() {
    use rustok_content::CategoryService;
    use rustok_content::dto::{CategoryPatch, CategoryTranslationInput, NewCategory, NodeFilter};
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let other = tenant(&h, "globex").await;
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
    assert!(matches!(
        categories.update(&ctx, news.id, cycle).await,
        Err(ContentError::Invalid {
            field: "parent_id",
            ..
        })
    ));

    // Nodes may only use categories of their tenant.
    let mut foreign = post("Foreign", "");
    foreign.category_id = Some(tech.id);
    assert!(matches!(
        nodes.create(&other, foreign).await,
        Err(ContentError::Invalid {
            field: "category_id",
            ..
        })
    ));
    let mut article = post("Chips", "");
    article.category_id = Some(tech.id);
    let article = nodes.create(&ctx, article).await.unwrap();
    let in_tech = nodes
        .list(
            &ctx,
            NodeFilter {
                category_id: Some(tech.id),
                limit: 10,
                ..NodeFilter::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(in_tech.items.len(), 1);

    // Deleting a parent removes the subtree and un-categorises its nodes.
    categories.delete(&ctx, news.id).await.unwrap();
    assert!(categories.list(&ctx, None).await.unwrap().is_empty());
    assert_eq!(
        nodes.get(&ctx, article.id, None).await.unwrap().category_id,
        None
    );
    assert_eq!(events_of(&h, "content.category_created").await, 2);
    assert_eq!(events_of(&h, "content.category_deleted").await, 1);
    assert!(matches!(
        categories.delete(&other, tech.id).await,
        Err(ContentError::CategoryNotFound)
    ));
}

#[tokio::test]
async fn listings_filter_by_author_and_locale_and_page_both_ways() {
    use rustok_content::dto::NodeFilter;
    let h = harness().await;
    let ann = tenant(&h, "acme").await;
    let bob = ContentContext {
        actor: Some(rustok_core::generate_id()),
        ..ann.clone()
    };
    let service = NodeService::new(&h.db, &h.events);
    let mut ids = Vec::new();
    for i in 0..5 {
        let who = if i % 2 == 0 { &ann } else { &bob };
        ids.push(
            service
                .create(who, post(&format!("Post {i}"), ""))
                .await
                .unwrap()
                .id,
        );
    }
    let german = NodePatch {
        translation: Some(TranslationInput {
            locale: "de".into(),
            title: "Auf Deutsch".into(),
            slug: None,
            excerpt: None,
            seo_title: None,
            seo_description: None,
        }),
        ..NodePatch::default()
    };
    service.update(&ann, ids[1], german).await.unwrap();

    let filter = |f: NodeFilter| NodeFilter { limit: 2, ..f };
    let by_bob = service
        .list(
            &ann,
            NodeFilter {
                author_id: bob.actor,
                limit: 10,
                ..NodeFilter::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(by_bob.items.len(), 2);
    let in_german = service
        .list(
            &ann,
            NodeFilter {
                translated_into: Some("de".into()),
                limit: 10,
                ..NodeFilter::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        in_german.items.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![ids[1]]
    );

    // Oldest first, two per page, following the cursor to the end.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = service
            .list(
                &ann,
                filter(NodeFilter {
                    sort: NodeSort::Oldest,
                    after,
                    ..NodeFilter::default()
                }),
                None,
            )
            .await
            .unwrap();
        seen.extend(page.items.iter().map(|n| n.id));
        match page.next_cursor {
            Some(cursor) => after = Some(cursor),
            None => break,
        }
    }
    assert_eq!(seen, ids);
}

#[tokio::test]
async fn deleting_a_thread_reports_every_removed_node() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let topic = service.create(&ctx, post("Thread", "")).await.unwrap();
    let mut parent = topic.id;
    for i in 0..3 {
        let mut reply = post(&format!("Reply {i}"), "");
        reply.kind = "reply".into();
        reply.parent_id = Some(parent);
        parent = service.create(&ctx, reply).await.unwrap().id;
    }
    service.delete(&ctx, topic.id).await.unwrap();
    assert_eq!(
        events_of(&h, "content.node_deleted").await,
        4,
        "the topic and its three nested replies"
    );
    assert!(matches!(
        service.get(&ctx, parent, None).await,
        Err(ContentError::NotFound)
    ));
}

/// Every page of a listing in `sort` order, following the cursors.
async fn all_pages(
    service: &NodeService<'_>,
    ctx: &ContentContext,
    base: Filter,
) -> Vec<uuid::Uuid> {
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = service
            .list(
                ctx,
                Filter {
                    after,
                    limit: 2,
                    ..base.clone()
                },
                None,
            )
            .await
            .unwrap();
        seen.extend(page.items.iter().map(|n| n.id));
        match page.next_cursor {
            Some(cursor) => after = Some(cursor),
            None => break,
        }
    }
    seen
}

#[tokio::test]
async fn listings_sort_by_activity_publication_and_position_with_pinned_first() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let mut topics = Vec::new();
    for (i, title) in ["First", "Second", "Third", "Fourth", "Fifth"]
        .iter()
        .enumerate()
    {
        let mut input = post(title, "text");
        input.kind = "topic".into();
        input.position = 10 - i as i32;
        topics.push(service.create(&ctx, input).await.unwrap().id);
    }
    let topic = Filter {
        kind: Some("topic".into()),
        ..Filter::default()
    };

    // A reply makes the first topic the most recently active.
    let mut reply = post("Re: First", "me too");
    reply.kind = "reply".into();
    reply.parent_id = Some(topics[0]);
    service.create(&ctx, reply).await.unwrap();
    let by_activity = all_pages(
        &service,
        &ctx,
        Filter {
            sort: NodeSort::LastActivity,
            ..topic.clone()
        },
    )
    .await;
    assert_eq!(
        by_activity,
        vec![topics[0], topics[4], topics[3], topics[2], topics[1]]
    );

    // Pinned first, then activity; the cursor carries the pin across page boundaries.
    service
        .set_flags(
            &ctx,
            topics[2],
            NodeFlags {
                pinned: Some(true),
                locked: None,
            },
        )
        .await
        .unwrap();
    let pinned_first = all_pages(
        &service,
        &ctx,
        Filter {
            sort: NodeSort::LastActivity,
            pinned_first: true,
            ..topic.clone()
        },
    )
    .await;
    assert_eq!(
        pinned_first,
        vec![topics[2], topics[0], topics[4], topics[3], topics[1]]
    );

    // By position, lowest first.
    let by_position = all_pages(
        &service,
        &ctx,
        Filter {
            sort: NodeSort::Position,
            ..topic.clone()
        },
    )
    .await;
    assert_eq!(
        by_position,
        vec![topics[4], topics[3], topics[2], topics[1], topics[0]]
    );

    // By publication: only published nodes, latest first.
    for id in [topics[1], topics[3]] {
        service
            .transition(&ctx, id, Transition::Publish, None)
            .await
            .unwrap();
    }
    let published = all_pages(
        &service,
        &ctx,
        Filter {
            sort: NodeSort::PublishedAt,
            ..topic.clone()
        },
    )
    .await;
    assert_eq!(published, vec![topics[3], topics[1]]);

    // A cursor of one order is refused by another.
    let page = service
        .list(
            &ctx,
            Filter {
                sort: NodeSort::LastActivity,
                limit: 1,
                ..topic.clone()
            },
            None,
        )
        .await
        .unwrap();
    let refused = service
        .list(
            &ctx,
            Filter {
                sort: NodeSort::Position,
                after: page.next_cursor,
                ..topic.clone()
            },
            None,
        )
        .await;
    assert!(matches!(
        refused,
        Err(ContentError::Invalid { field: "after", .. })
    ));
}

#[tokio::test]
async fn a_locked_node_takes_no_replies_and_slugs_find_nodes() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let topic = service
        .create(&ctx, post("Closed topic", "x"))
        .await
        .unwrap();
    let before = events_of(&h, "content.node_updated").await;
    let locked = service
        .set_flags(
            &ctx,
            topic.id,
            NodeFlags {
                pinned: None,
                locked: Some(true),
            },
        )
        .await
        .unwrap();
    assert!(locked.locked && !locked.pinned);
    assert_eq!(events_of(&h, "content.node_updated").await, before + 1);
    let mut reply = post("Re", "y");
    reply.parent_id = Some(topic.id);
    let created_before = events_of(&h, "content.node_created").await;
    assert!(matches!(
        service.create(&ctx, reply).await,
        Err(ContentError::Locked)
    ));
    assert_eq!(events_of(&h, "content.node_created").await, created_before);

    // By slug, in any locale, answered in the requested one.
    let patch = NodePatch {
        translation: Some(TranslationInput {
            locale: "de".into(),
            title: "Geschlossen".into(),
            slug: None,
            excerpt: None,
            seo_title: None,
            seo_description: None,
        }),
        ..NodePatch::default()
    };
    service.update(&ctx, topic.id, patch).await.unwrap();
    let found = service
        .get_by_slug(&ctx, "post", "geschlossen", None)
        .await
        .unwrap();
    assert_eq!((found.id, found.locale.as_str()), (topic.id, "en"));
    let german = service
        .get_by_slug(&ctx, "post", "closed-topic", Some(&locale("de")))
        .await
        .unwrap();
    assert_eq!(german.title, "Geschlossen");
    assert!(matches!(
        service
            .get_by_slug(&ctx, "page", "closed-topic", None)
            .await,
        Err(ContentError::NotFound)
    ));
    let other = tenant(&h, "other").await;
    assert!(matches!(
        service
            .get_by_slug(&other, "post", "closed-topic", None)
            .await,
        Err(ContentError::NotFound)
    ));
}

#[tokio::test]
async fn a_new_tag_is_announced_once() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let mut first = post("One", "");
    first.tags = vec!["Rust".into(), "News".into()];
    service.create(&ctx, first).await.unwrap();
    assert_eq!(events_of(&h, "content.tag_created").await, 2);
    // Reusing a tag (even spelt differently) creates nothing; a new one is announced.
    let mut second = post("Two", "");
    second.tags = vec!["rust".into()];
    let second = service.create(&ctx, second).await.unwrap();
    assert_eq!(events_of(&h, "content.tag_created").await, 2);
    let patch = NodePatch {
        tags: Some(vec!["rust".into(), "Databases".into()]),
        ..NodePatch::default()
    };
    service.update(&ctx, second.id, patch).await.unwrap();
    assert_eq!(events_of(&h, "content.tag_created").await, 3);
    // Another tenant's first use is its own tag.
    let other = tenant(&h, "other").await;
    let mut theirs = post("Three", "");
    theirs.tags = vec!["Rust".into()];
    service.create(&other, theirs).await.unwrap();
    assert_eq!(events_of(&h, "content.tag_created").await, 4);
}

#[tokio::test]
async fn scheduled_nodes_wait_while_the_module_is_off() {
    let h = harness().await;
    let ctx = tenant(&h, "acme").await;
    let service = NodeService::new(&h.db, &h.events);
    let id = service.create(&ctx, post("Later", "")).await.unwrap().id;
    let soon = Utc::now() + chrono::Duration::milliseconds(200);
    service
        .transition(&ctx, id, Transition::Schedule, Some(soon))
        .await
        .unwrap();
    TenantService::set_module_enabled(&h.db, ctx.tenant, "content", false)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        service.publish_due(Utc::now()).await.unwrap(),
        0,
        "module off"
    );
    assert_eq!(
        service.get(&ctx, id, None).await.unwrap().status,
        "scheduled"
    );
    TenantService::set_module_enabled(&h.db, ctx.tenant, "content", true)
        .await
        .unwrap();
    assert_eq!(
        service.publish_due(Utc::now()).await.unwrap(),
        1,
        "caught up"
    );
    assert_eq!(
        service.get(&ctx, id, None).await.unwrap().status,
        "published"
    );
}
