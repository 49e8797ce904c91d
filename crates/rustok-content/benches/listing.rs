//! Content hot paths: `cargo bench -p rustok-content` (SQLite in a temp file; PostgreSQL when
//! `TEST_DATABASE_URL` names an admin database, as for the tests).
//!
//! Seeds 1000 published posts (English, half also in German, three tags each), then reports
//! latency (p50/p99) and sequential throughput of:
//! - a page of 20 posts, latest published first, in German with fallback (a blog index);
//! - a post by slug in German (a blog post page);
//! - a post created with translation, body and tags (a write with its event).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

use std::time::{Duration, Instant};

use rustok_content::dto::{
    BodyFormat, BodyInput, NewNode, NodeFilter, NodePatch, TranslationInput,
};
use rustok_content::{ContentContext, NodeService, NodeSort, NodeStatus, Transition};
use rustok_testkit::{TestDb, english_and_german, locale};

const POSTS: usize = 1_000;
const READS: usize = 1_000;
const WRITES: usize = 200;

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let total: Duration = samples.iter().sum();
    let p = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    println!(
        "{name:<34} n={:<5} p50={:>8.3} ms  p99={:>8.3} ms  {:>8.0} ops/s (sequential)",
        samples.len(),
        p(0.50).as_secs_f64() * 1e3,
        p(0.99).as_secs_f64() * 1e3,
        samples.len() as f64 / total.as_secs_f64()
    );
}

fn post(i: usize) -> NewNode {
    NewNode {
        kind: "post".into(),
        parent_id: None,
        category_id: None,
        position: 0,
        metadata: None,
        translation: TranslationInput {
            locale: "en".into(),
            title: format!("Post number {i:05}"),
            slug: None,
            excerpt: Some("A short summary of the post".into()),
            seo_title: None,
            seo_description: None,
        },
        body: Some(BodyInput {
            locale: "en".into(),
            format: BodyFormat::Markdown,
            source: "# Heading\n\nSome *markdown* with a [link](https://example.com).\n".repeat(8),
            blocks: None,
        }),
        tags: vec![
            "news".into(),
            format!("topic-{}", i % 20),
            format!("series-{}", i % 7),
        ],
    }
}

#[tokio::main]
async fn main() {
    let db = TestDb::new("content_bench").await;
    let ctx = ContentContext {
        tenant: db.tenant("bench").await,
        actor: Some(rustok_core::generate_id()),
        locales: english_and_german(),
    };
    let service = NodeService::new(&db.db, &db.events);
    let backend = format!("{:?}", db.db.get_database_backend());

    let started = Instant::now();
    for i in 0..POSTS {
        let node = service
            .create_with_status(&ctx, post(i), NodeStatus::Draft)
            .await
            .expect("create");
        if i % 2 == 0 {
            let patch = NodePatch {
                translation: Some(TranslationInput {
                    locale: "de".into(),
                    title: format!("Beitrag Nummer {i:05}"),
                    slug: None,
                    excerpt: None,
                    seo_title: None,
                    seo_description: None,
                }),
                ..NodePatch::default()
            };
            service
                .update(&ctx, node.id, patch)
                .await
                .expect("translate");
        }
        service
            .transition(&ctx, node.id, Transition::Publish, None)
            .await
            .expect("publish");
    }
    println!(
        "backend {backend}: seeded {POSTS} posts in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let german = locale("de");
    let mut samples = Vec::with_capacity(READS);
    for _ in 0..READS {
        let at = Instant::now();
        let page = service
            .list(
                &ctx,
                NodeFilter {
                    kind: Some("post".into()),
                    status: Some(NodeStatus::Published),
                    sort: NodeSort::PublishedAt,
                    limit: 20,
                    ..NodeFilter::default()
                },
                Some(&german),
            )
            .await
            .expect("list");
        samples.push(at.elapsed());
        assert_eq!(page.items.len(), 20);
    }
    report("listing: 20 latest, de + fallback", samples);

    let mut samples = Vec::with_capacity(READS);
    for i in 0..READS {
        let slug = format!("post-number-{:05}", (i * 7) % POSTS);
        let at = Instant::now();
        service
            .get_by_slug(&ctx, "post", &slug, Some(&german))
            .await
            .expect("by slug");
        samples.push(at.elapsed());
    }
    report("post by slug, de", samples);

    let mut samples = Vec::with_capacity(WRITES);
    for i in 0..WRITES {
        let at = Instant::now();
        service.create(&ctx, post(POSTS + i)).await.expect("create");
        samples.push(at.elapsed());
    }
    report("create post (+ tags, event)", samples);
}
