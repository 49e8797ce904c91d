//! Listings: filters, every sort order with pinned nodes first, and cursors across pages.

use rustok_content::dto::{NodeFilter, NodePatch};
use rustok_content::{ContentContext, NodeFlags, NodeService, NodeSort, Transition};

use crate::support::{acme, invalid, listed, post, translation};

/// Every page of a listing in `sort` order, following the cursors.
async fn all_pages(
    service: &NodeService<'_>,
    ctx: &ContentContext,
    base: NodeFilter,
) -> Vec<uuid::Uuid> {
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = service
            .list(
                ctx,
                NodeFilter {
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
async fn listings_filter_by_author_and_locale_and_page_both_ways() {
    let (h, ann) = acme().await;
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
        translation: Some(translation("de", "Auf Deutsch")),
        ..NodePatch::default()
    };
    service.update(&ann, ids[1], german).await.unwrap();

    let by_bob = listed(
        &service,
        &ann,
        NodeFilter {
            author_id: bob.actor,
            ..NodeFilter::default()
        },
    )
    .await;
    assert_eq!(by_bob.len(), 2);
    let in_german = listed(
        &service,
        &ann,
        NodeFilter {
            translated_into: Some("de".into()),
            ..NodeFilter::default()
        },
    )
    .await;
    assert_eq!(in_german, vec![ids[1]]);

    // Oldest first, two per page, following the cursor to the end.
    let oldest = NodeFilter {
        sort: NodeSort::Oldest,
        ..NodeFilter::default()
    };
    let seen = all_pages(&service, &ann, oldest).await;
    assert_eq!(seen, ids);
}

#[tokio::test]
async fn listings_sort_by_activity_publication_and_position_with_pinned_first() {
    let (h, ctx) = acme().await;
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
    let sorted = |sort: NodeSort| NodeFilter {
        kind: Some("topic".into()),
        sort,
        ..NodeFilter::default()
    };

    // A reply makes the first topic the most recently active.
    let mut reply = post("Re: First", "me too");
    reply.kind = "reply".into();
    reply.parent_id = Some(topics[0]);
    service.create(&ctx, reply).await.unwrap();
    let by_activity = all_pages(&service, &ctx, sorted(NodeSort::LastActivity)).await;
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
        NodeFilter {
            pinned_first: true,
            ..sorted(NodeSort::LastActivity)
        },
    )
    .await;
    assert_eq!(
        pinned_first,
        vec![topics[2], topics[0], topics[4], topics[3], topics[1]]
    );

    // By position, lowest first.
    let by_position = all_pages(&service, &ctx, sorted(NodeSort::Position)).await;
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
    let published = all_pages(&service, &ctx, sorted(NodeSort::PublishedAt)).await;
    assert_eq!(published, vec![topics[3], topics[1]]);

    // A cursor of one order is refused by another.
    let page = service
        .list(
            &ctx,
            NodeFilter {
                limit: 1,
                ..sorted(NodeSort::LastActivity)
            },
            None,
        )
        .await
        .unwrap();
    let refused = service
        .list(
            &ctx,
            NodeFilter {
                after: page.next_cursor,
                ..sorted(NodeSort::Position)
            },
            None,
        )
        .await;
    invalid("after", refused);
}
