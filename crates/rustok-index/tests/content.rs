//! The content read model against real content writes, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL: events flow through the outbox and a relay into the index,
//! and what visitors read through it is what the write model says.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::sync::Arc;

use rustok_content::dto::{NodeFilter, NodePatch};
use rustok_content::{
    ContentContext, NodeService, NodeSort, NodeStatus, StorefrontContent, Transition,
};
use rustok_core::{
    ContentReads, ContentSearch, ContentSearchFilters, ContentSearchResults, EventHandler,
    SearchLimits, TenantId, generate_id,
};
use rustok_index::entities::{index_builds, index_content};
use rustok_index::{ContentIndex, IndexConsumer, ProductIndex, database_search};
use rustok_outbox::{OutboxStats, Relay, RelayConfig, claim_strategy_for};
use rustok_tenant::{NewTenant, TenantService};
use rustok_testkit::content::{markdown_post, translation};
use rustok_testkit::{TestDb, english_and_german, locale};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use tokio::sync::Notify;
use uuid::Uuid;

struct Site {
    h: TestDb,
    index: ContentIndex,
    relay: Relay,
    staff: ContentContext,
}

impl Site {
    async fn new() -> Self {
        let h = TestDb::new("rustok_index_content").await;
        let products =
            ProductIndex::new(h.db.clone(), Arc::new(rustok_commerce::StorefrontCatalog));
        let index = content_index(&h.db, &products);
        let consumer = IndexConsumer::new(products).with_content(index.clone());
        let handlers: Vec<Arc<dyn EventHandler>> = vec![consumer.shared()];
        let relay = Relay::new(
            h.db.clone(),
            claim_strategy_for(&h.db, generate_id().to_string()),
            handlers,
            RelayConfig::default(),
            Arc::new(OutboxStats::default()),
            Arc::new(Notify::new()),
        );
        let staff = tenant(&h, "acme").await;
        index.rebuild(staff.tenant, true, &|_| {}).await.unwrap();
        Self {
            h,
            index,
            relay,
            staff,
        }
    }

    fn nodes(&self) -> NodeService<'_> {
        NodeService::new(&self.h.db, &self.h.events)
    }

    /// The service a visitor reads through.
    fn visitor(&self) -> NodeService<'_> {
        let reads: Arc<dyn ContentReads> = Arc::new(self.index.clone());
        self.nodes().published_from(Some(reads))
    }

    async fn settle(&self) {
        while self.relay.relay_pending_events().await.unwrap() > 0 {}
    }

    /// A published post tagged `tags`, in English and German.
    async fn post(&self, title: &str, tags: &[&str]) -> Uuid {
        self.post_with_body(title, "Some *text*", tags).await
    }

    /// A published post with this (markdown) body, tagged `tags`, in English and German.
    async fn post_with_body(&self, title: &str, body: &str, tags: &[&str]) -> Uuid {
        let mut input = markdown_post(title, body);
        input.tags = tags.iter().map(|t| t.to_string()).collect();
        let post = self.nodes().create(&self.staff, input).await.unwrap();
        let patch = NodePatch {
            translation: Some(translation("de", &format!("{title} (de)"))),
            ..NodePatch::default()
        };
        self.nodes()
            .update(&self.staff, post.id, patch)
            .await
            .unwrap();
        self.nodes()
            .transition(&self.staff, post.id, Transition::Publish, None)
            .await
            .unwrap();
        self.settle().await;
        post.id
    }
}

fn content_index(db: &sea_orm::DatabaseConnection, products: &ProductIndex) -> ContentIndex {
    ContentIndex::new(
        db.clone(),
        Arc::new(StorefrontContent),
        products.generations().clone(),
    )
}

/// A tenant speaking English (default) and German, and its staff.
async fn tenant(h: &TestDb, slug: &str) -> ContentContext {
    let settings = json!({"locales": {"default": "en", "enabled": ["en", "de"]}});
    let tenant = TenantService::create(
        &h.db,
        NewTenant {
            name: slug.into(),
            slug: slug.into(),
            settings: Some(settings),
        },
    )
    .await
    .unwrap();
    ContentContext {
        tenant: TenantId::from_uuid(tenant.id),
        actor: Some(generate_id()),
        locales: english_and_german(),
    }
}

fn published(sort: NodeSort, limit: u64) -> NodeFilter {
    NodeFilter {
        kind: Some("post".into()),
        status: Some(NodeStatus::Published),
        sort,
        pinned_first: true,
        limit,
        ..NodeFilter::default()
    }
}

#[tokio::test]
async fn visitors_read_what_the_write_model_says_and_never_a_draft() {
    let site = Site::new().await;
    let first = site.post("First", &["news"]).await;
    site.post("Second", &["news", "rust"]).await;
    site.post("Third", &[]).await;
    let draft = site
        .nodes()
        .create(&site.staff, markdown_post("Draft", "hidden"))
        .await
        .unwrap();
    site.settle().await;

    for requested in [None, Some(locale("de")), Some(locale("fr"))] {
        let staff = site
            .nodes()
            .get(&site.staff, first, requested.as_ref())
            .await
            .unwrap();
        let visitor = site
            .visitor()
            .get(&site.staff, first, requested.as_ref())
            .await
            .unwrap();
        assert_eq!(visitor, staff, "{requested:?}");
        for sort in [NodeSort::Newest, NodeSort::PublishedAt, NodeSort::Oldest] {
            let mut filter = published(sort, 2);
            filter.tag = Some("news".into());
            let staff = site
                .nodes()
                .list(&site.staff, filter.clone(), requested.as_ref())
                .await
                .unwrap();
            let visitor = site
                .visitor()
                .list(&site.staff, filter, requested.as_ref())
                .await
                .unwrap();
            assert_eq!(visitor, staff, "{sort:?} {requested:?}");
        }
    }
    // Pages follow the same cursors.
    let staff = site
        .nodes()
        .list(&site.staff, published(NodeSort::PublishedAt, 2), None)
        .await
        .unwrap();
    let mut next = published(NodeSort::PublishedAt, 2);
    next.after = staff.next_cursor.clone();
    assert_eq!(
        site.visitor()
            .list(&site.staff, next.clone(), None)
            .await
            .unwrap(),
        site.nodes().list(&site.staff, next, None).await.unwrap()
    );
    // By its German slug, answered in English.
    let by_slug = site
        .visitor()
        .get_by_slug(&site.staff, "post", "first-de", None)
        .await
        .unwrap();
    assert_eq!((by_slug.id, by_slug.locale.as_str()), (first, "en"));

    assert!(
        site.visitor()
            .get(&site.staff, draft.id, None)
            .await
            .is_err()
    );
    let rows = index_content::Entity::find()
        .filter(index_content::Column::NodeId.eq(draft.id))
        .all(&site.h.db)
        .await
        .unwrap();
    assert!(rows.is_empty(), "a draft reached the index");
}

#[tokio::test]
async fn an_interrupted_rebuild_resumes_after_its_last_page() {
    let site = Site::new().await;
    let first = site.post("First", &[]).await;
    let second = site.post("Second", &[]).await;
    let third = site.post("Third", &[]).await;
    let tenant = site.staff.tenant;
    // As if a build had stopped after the page ending at `second`: the third post's rows are
    // not written yet.
    index_content::Entity::delete_many()
        .filter(index_content::Column::NodeId.eq(third))
        .exec(&site.h.db)
        .await
        .unwrap();
    index_builds::ActiveModel {
        tenant_id: Set(tenant.as_uuid()),
        kind: Set(rustok_index::CONTENT.into()),
        status: Set("building".into()),
        cursor: Set(Some(second)),
        done: Set(2),
        ..Default::default()
    }
    .update(&site.h.db)
    .await
    .unwrap();
    let fresh = content_index(
        &site.h.db,
        &ProductIndex::new(
            site.h.db.clone(),
            Arc::new(rustok_commerce::StorefrontCatalog),
        ),
    );
    assert!(!fresh.ready(tenant).await.unwrap());
    let rebuilt = fresh.rebuild(tenant, false, &|_| {}).await.unwrap();
    assert_eq!((rebuilt.products, rebuilt.rows), (1, 2));
    let status = fresh.status(tenant).await.unwrap();
    assert_eq!(
        (status.status.as_str(), status.done, status.rows),
        ("ready", 3, 6)
    );
    for id in [first, second, third] {
        assert!(fresh.node(tenant, "en", id).await.unwrap().is_some());
    }
}

/// A connection that counts the statements sent through it.
fn counting(
    db: &sea_orm::DatabaseConnection,
) -> (
    sea_orm::DatabaseConnection,
    Arc<std::sync::atomic::AtomicUsize>,
) {
    let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut counted = db.clone();
    let seen = count.clone();
    counted.set_metric_callback(move |_| {
        seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    (counted, count)
}

#[tokio::test]
async fn a_visitor_read_of_content_is_one_statement_whatever_the_page_size() {
    let site = Site::new().await;
    let mut ids = Vec::new();
    for n in 0..22 {
        ids.push(site.post(&format!("Post {n:02}"), &["news"]).await);
    }
    let (db, statements) = counting(&site.h.db);
    let products = ProductIndex::new(db.clone(), Arc::new(rustok_commerce::StorefrontCatalog));
    let index: Arc<dyn ContentReads> = Arc::new(content_index(&db, &products));
    let visitor = NodeService::new(&db, &site.h.events).published_from(Some(index.clone()));
    assert!(index.ready(site.staff.tenant).await.unwrap());
    let count = || statements.swap(0, std::sync::atomic::Ordering::SeqCst);
    count();
    for limit in [5, 20] {
        let mut filter = published(NodeSort::PublishedAt, limit);
        filter.tag = Some("news".into());
        filter.translated_into = Some("de".into());
        let page = visitor
            .list(&site.staff, filter, Some(&locale("de")))
            .await
            .unwrap();
        assert_eq!(page.items.len() as u64, limit);
        assert_eq!(count(), 1, "a listing of {limit}");
    }
    visitor.get(&site.staff, ids[3], None).await.unwrap();
    assert_eq!(count(), 1, "a node by id");
    visitor
        .get_by_slug(&site.staff, "post", "post-03", Some(&locale("de")))
        .await
        .unwrap();
    assert_eq!(count(), 1, "a node by slug");
    visitor
        .get_many(&site.staff, &ids[..10], None)
        .await
        .unwrap();
    assert_eq!(count(), 1, "ten nodes by id");
}

/// A content search of `q` in `ctx`'s tenant, facets counted.
async fn search(
    site: &Site,
    ctx: &ContentContext,
    locale: &str,
    q: &str,
    filters: ContentSearchFilters,
) -> ContentSearchResults {
    database_search(site.h.db.clone(), SearchLimits::default())
        .search_content(&ContentSearch {
            tenant: ctx.tenant,
            locale: locale.into(),
            q: q.into(),
            filters,
            offset: 0,
            limit: 20,
            facets: true,
        })
        .await
        .unwrap()
}

fn ids(results: &ContentSearchResults) -> Vec<Uuid> {
    results.hits.iter().map(|hit| hit.id).collect()
}

#[tokio::test]
async fn content_search_finds_published_nodes_and_follows_edits_unpublishing_and_deletes() {
    let site = Site::new().await;
    let none = ContentSearchFilters::default;
    let rust = site
        .post_with_body(
            "Rust ownership explained",
            "Borrowing and *lifetimes*, step by step.",
            &["rust", "news"],
        )
        .await;
    let pasta = site
        .post_with_body(
            "Cooking pasta",
            "Salt the water; rust never sleeps.",
            &["food"],
        )
        .await;
    let draft = site
        .nodes()
        .create(&site.staff, markdown_post("Secret rust plans", "hidden"))
        .await
        .unwrap();
    let other = tenant(&site.h, "other").await;
    site.nodes()
        .create(&other, markdown_post("Rust in another tenant", "theirs"))
        .await
        .unwrap();
    site.settle().await;

    // Title words rank first; a word of the body matches too; never a draft or another
    // tenant's node.
    let found = search(&site, &site.staff, "en", "rust", none()).await;
    assert_eq!(ids(&found), [rust, pasta]);
    assert!((found.total, found.total_exact, found.fuzzy) == (2, true, false));
    assert!(found.hits[0].snippet.contains("<mark>Rust</mark>"));
    assert_eq!(found.hits[0].node.document["id"], json!(rust.to_string()));
    let facets = found.facets.unwrap();
    assert_eq!(facets.kinds[0].value, "post");
    assert_eq!(facets.kinds[0].count, 2);
    let tags: Vec<&str> = facets.tags.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(tags, ["food", "news", "rust"]);
    assert!(!ids(&search(&site, &site.staff, "en", "secret", none()).await).contains(&draft.id));
    assert!(ids(&search(&site, &other, "en", "rust", none()).await).is_empty());
    // A prefix of a body word; the German rows hold the German titles.
    assert_eq!(
        ids(&search(&site, &site.staff, "en", "lifetim", none()).await),
        [rust]
    );
    assert_eq!(
        ids(&search(&site, &site.staff, "de", "pasta de", none()).await),
        [pasta]
    );
    // Filters combine with the query.
    let tagged = ContentSearchFilters {
        tag: Some("food".into()),
        ..none()
    };
    assert_eq!(
        ids(&search(&site, &site.staff, "en", "rust", tagged).await),
        [pasta]
    );
    let pages = ContentSearchFilters {
        kind: Some("page".into()),
        ..none()
    };
    assert!(ids(&search(&site, &site.staff, "en", "rust", pages).await).is_empty());
    // A typo finds the title; hostile text is only text.
    let typo = search(&site, &site.staff, "en", "ownrship", none()).await;
    assert!(typo.fuzzy && ids(&typo) == [rust], "{typo:?}");
    for hostile in [
        r#""NEAR( OR *"#,
        "'; DROP TABLE index_content; --",
        "🎉",
        "a:b -c ^d",
    ] {
        search(&site, &site.staff, "en", hostile, none()).await;
    }

    // An edit, an unpublish and a delete each reach the search.
    let patch = NodePatch {
        translation: Some(translation("en", "Ferris the crab")),
        ..NodePatch::default()
    };
    site.nodes().update(&site.staff, rust, patch).await.unwrap();
    site.settle().await;
    assert_eq!(
        ids(&search(&site, &site.staff, "en", "ferris", none()).await),
        [rust]
    );
    assert!(ids(&search(&site, &site.staff, "en", "ownership", none()).await).is_empty());
    site.nodes()
        .transition(&site.staff, rust, Transition::Unpublish, None)
        .await
        .unwrap();
    site.settle().await;
    assert!(ids(&search(&site, &site.staff, "en", "ferris", none()).await).is_empty());
    site.nodes().delete(&site.staff, pasta).await.unwrap();
    site.settle().await;
    assert!(ids(&search(&site, &site.staff, "en", "pasta", none()).await).is_empty());
}
