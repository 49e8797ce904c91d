//! Writes: texts and locales, revisions, events, tenancy, hostile input, replies, deletes,
//! locks and slugs.

use rustok_content::dto::{NodePatch, TranslationInput};
use rustok_content::{ContentError, NodeFlags, NodeService, Transition};
use rustok_core::Locale;
use rustok_outbox::entities::sys_events;
use rustok_testkit::locale;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::support::{acme, invalid, not_found, post, translation};

#[tokio::test]
async fn translations_fall_back_to_the_tenant_default() {
    let (h, ctx) = acme().await;
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
            excerpt: Some("<b>kurz</b> & <script>alert(1)</script>gut".into()),
            ..translation("de", "Hallo Welt")
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
    invalid("locale", service.create(&ctx, garbage).await);
}

#[tokio::test]
async fn updates_keep_revisions_that_can_be_restored() {
    let (h, ctx) = acme().await;
    let service = NodeService::new(&h.db, &h.events);
    let node = service
        .create(&ctx, post("First title", "v1 body"))
        .await
        .unwrap();
    let retitle = |title: &str, version: i32| NodePatch {
        translation: Some(TranslationInput {
            slug: Some("same-slug".into()),
            ..translation("en", title)
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
    let (h, ctx) = acme().await;
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
    assert_eq!(h.events_of("content.node_created").await, 1);
    assert_eq!(h.events_of("content.node_updated").await, 1);
    assert_eq!(h.events_of("content.node_published").await, 1);
    assert_eq!(h.events_of("content.node_unpublished").await, 1);

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
    assert_eq!(h.events_of("content.node_deleted").await, 1);
    not_found(service.get(&ctx, node.id, None).await);
}

#[tokio::test]
async fn tenants_never_see_each_others_nodes_and_slugs() {
    let (h, acme) = acme().await;
    let globex = h.content_writer("globex").await;
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
    not_found(service.get(&globex, node.id, None).await);
    not_found(
        service
            .transition(&globex, node.id, Transition::Publish, None)
            .await,
    );
    not_found(service.delete(&globex, node.id).await);
    let mut reply = post("Sneaky reply", "");
    reply.kind = "comment".into();
    reply.parent_id = Some(node.id);
    invalid("parent_id", service.create(&globex, reply).await);
    assert_eq!(
        service.get(&acme, node.id, None).await.unwrap().reply_count,
        0
    );
}

#[tokio::test]
async fn hostile_input_is_sanitised_or_refused() {
    let (h, ctx) = acme().await;
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
    invalid("body", service.create(&ctx, big).await);
    let mut bad_slug = post("Bad", "");
    bad_slug.translation.slug = Some("../../etc".into());
    invalid("slug", service.create(&ctx, bad_slug).await);
    let mut bad_kind = post("Bad", "");
    bad_kind.kind = "Post; DROP TABLE nodes".into();
    invalid("kind", service.create(&ctx, bad_kind).await);
    assert!("xx-not-a-locale".parse::<Locale>().is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_replies_are_all_counted() {
    let (h, ctx) = acme().await;
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
async fn deleting_a_thread_reports_every_removed_node() {
    let (h, ctx) = acme().await;
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
        h.events_of("content.node_deleted").await,
        4,
        "the topic and its three nested replies"
    );
    not_found(service.get(&ctx, parent, None).await);
}

#[tokio::test]
async fn a_locked_node_takes_no_replies_and_slugs_find_nodes() {
    let (h, ctx) = acme().await;
    let service = NodeService::new(&h.db, &h.events);
    let topic = service
        .create(&ctx, post("Closed topic", "x"))
        .await
        .unwrap();
    let before = h.events_of("content.node_updated").await;
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
    assert_eq!(h.events_of("content.node_updated").await, before + 1);
    let mut reply = post("Re", "y");
    reply.parent_id = Some(topic.id);
    let created_before = h.events_of("content.node_created").await;
    assert!(matches!(
        service.create(&ctx, reply).await,
        Err(ContentError::Locked)
    ));
    assert_eq!(h.events_of("content.node_created").await, created_before);

    // By slug, in any locale, answered in the requested one.
    let patch = NodePatch {
        translation: Some(translation("de", "Geschlossen")),
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
    not_found(
        service
            .get_by_slug(&ctx, "page", "closed-topic", None)
            .await,
    );
    let other = h.content_writer("other").await;
    not_found(
        service
            .get_by_slug(&other, "post", "closed-topic", None)
            .await,
    );
}
