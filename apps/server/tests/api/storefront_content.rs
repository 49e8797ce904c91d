//! Visitors read content (posts, comments, pages, forum topics and replies, nodes) from the read
//! model once their tenant's content index is built; staff keep reading the write model. The
//! relay is off in these apps, so each test decides when events reach the index.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::client::Client;

/// An app with delivery in the test's hands.
async fn app() -> TestApp {
    TestApp::spawn_with(&[
        ("RUSTOK_OUTBOX_RELAY", "false"),
        ("RUSTOK_INDEX_FILL_ON_BOOT", "false"),
    ])
    .await
}

impl TestApp {
    /// Wipes tenant `slug`'s content rows and rebuilds them, as `task reindex kind:content`.
    async fn rebuild_content(&self, slug: &str) {
        let tenant = rustok_core::TenantId::from_uuid(self.tenant_id(slug).await.parse().unwrap());
        self.state
            .content_index
            .rebuild(tenant, true, &|_| {})
            .await
            .expect("content rebuild");
    }

    /// Whether tenant `slug`'s content index is built (visitors read it).
    async fn content_index_ready(&self, slug: &str) -> bool {
        let tenant = rustok_core::TenantId::from_uuid(self.tenant_id(slug).await.parse().unwrap());
        let status = self.state.content_index.status(tenant).await.unwrap();
        status.status == "ready"
    }
}

/// Acme speaking English and German, with its admin: (admin client, ids by name).
struct Site {
    admin: Client,
    post: String,
    second: String,
    draft: String,
    page: String,
    forum: String,
    topic: String,
    category: String,
}

async fn site(app: &TestApp, slug: &str) -> Site {
    let token = app.tenant_admin(slug).await;
    app.speak_english_and_german(slug).await;
    let admin = app.signed_in(slug, &token);
    let category = admin.create_category("News").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let post = admin.published_post("Hello world").await;
    let second = admin.published_post("Second post").await;
    admin
        .patch(
            &format!("/api/v1/blog/posts/{second}"),
            json!({
                "category_id": category,
                "tags": ["news", "rust"],
                "translation": {"locale": "de", "title": "Zweiter Beitrag", "slug": "zweiter"}
            }),
        )
        .expect_json(StatusCode::OK)
        .await;
    admin.published_post("Third post").await;
    let draft = admin
        .created(
            "/api/v1/blog/posts",
            json!({"translation": {"locale": "en", "title": "Secret draft"}, "tags": ["news"]}),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    admin
        .created(
            &format!("/api/v1/blog/posts/{post}/comments"),
            json!({"body": "First!"}),
        )
        .await;
    let page = admin
        .created(
            "/api/v1/pages",
            json!({
                "translation": {"locale": "en", "title": "About"},
                "blocks": [{"type": "text", "markdown": "We **build**."}]
            }),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    admin
        .transition(&format!("/api/v1/pages/{page}"), "publish")
        .await
        .assert_status(StatusCode::OK);
    let forum = admin
        .created(
            "/api/v1/forum/forums",
            json!({"title": "General", "description": "Talk"}),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let topic = admin
        .created(
            &format!("/api/v1/forum/forums/{forum}/topics"),
            json!({"title": "Help", "body": "What do you **think**?"}),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    admin
        .created(
            &format!("/api/v1/forum/topics/{topic}/replies"),
            json!({"body": "I think so."}),
        )
        .await;
    Site {
        admin,
        post,
        second,
        draft,
        page,
        forum,
        topic,
        category,
    }
}

/// Every visitor read of the site, REST.
fn paths(site: &Site) -> Vec<String> {
    let Site {
        post,
        second,
        page,
        forum,
        topic,
        category,
        ..
    } = site;
    vec![
        "/api/v1/blog/posts".into(),
        "/api/v1/blog/posts?limit=2".into(),
        "/api/v1/blog/posts?tag=news".into(),
        "/api/v1/blog/posts?tag=nope".into(),
        format!("/api/v1/blog/posts?category_id={category}"),
        "/api/v1/blog/posts?locale=de".into(),
        "/api/v1/blog/posts?translated_into=de".into(),
        format!("/api/v1/blog/posts/{post}"),
        format!("/api/v1/blog/posts/{second}?locale=de"),
        "/api/v1/blog/posts/by-slug/hello-world".into(),
        "/api/v1/blog/posts/by-slug/zweiter".into(),
        "/api/v1/blog/posts/by-slug/zweiter?locale=de".into(),
        format!("/api/v1/blog/posts/{post}/comments"),
        "/api/v1/content/nodes".into(),
        "/api/v1/content/nodes?kind=post&sort=published_at".into(),
        "/api/v1/content/nodes?sort=oldest&limit=3".into(),
        "/api/v1/content/nodes?sort=position&kind=forum".into(),
        format!("/api/v1/content/nodes?parent_id={topic}&sort=oldest"),
        format!("/api/v1/content/nodes/{post}"),
        "/api/v1/content/nodes/by-slug/post/second-post?locale=de".into(),
        "/api/v1/pages".into(),
        format!("/api/v1/pages/{page}"),
        "/api/v1/pages/by-slug/about".into(),
        "/api/v1/forum/forums".into(),
        format!("/api/v1/forum/forums/{forum}"),
        format!("/api/v1/forum/forums/{forum}/topics"),
        format!("/api/v1/forum/topics/{topic}"),
        "/api/v1/forum/topics/by-slug/help".into(),
        format!("/api/v1/forum/topics/{topic}/replies"),
    ]
}

const GRAPHQL: &str = r#"{
    blogPosts(first: 2) { items { id title slug locale tags { slug name } replyCount body { html } } nextCursor }
    nodes(kind: "post", sort: PUBLISHED_AT) { items { id slug publishedAt } nextCursor }
    nodeBySlug(kind: "post", slug: "hello-world") { id title version updatedAt }
    pages { items { id slug html } }
    forumTopics(forumId: FORUM) { items { id title replyCount lastActivityAt } }
}"#;

async fn answers(app: &TestApp, slug: &str, site: &Site) -> (Vec<Value>, Value) {
    let visitor = app.anonymous(slug);
    let mut rest = Vec::new();
    for path in paths(site) {
        rest.push(visitor.get(&path).expect_json(StatusCode::OK).await);
    }
    let query = GRAPHQL.replace("FORUM", &format!("\"{}\"", site.forum));
    let graphql = visitor.graphql_data(&query, json!({})).await;
    (rest, graphql)
}

#[tokio::test]
async fn visitors_get_the_same_content_from_the_index_as_from_the_write_model() {
    let app = app().await;
    let site = site(&app, "acme").await;
    app.settle().await;
    assert!(app.content_index_ready("acme").await);
    // The index as the events left it.
    let (indexed, indexed_graphql) = answers(&app, "acme", &site).await;
    // While a build runs, visitors read the write model: what the index must equal.
    let tenant = rustok_core::TenantId::from_uuid(app.tenant_id("acme").await.parse().unwrap());
    app.state.content_index.begin_rebuild(tenant).await.unwrap();
    app.state.content_index.generations().bump(tenant);
    assert!(!app.content_index_ready("acme").await);
    let (rest, graphql) = answers(&app, "acme", &site).await;
    for ((path, expected), answer) in paths(&site).iter().zip(&rest).zip(&indexed) {
        assert_eq!(answer, expected, "{path}");
    }
    assert_eq!(indexed_graphql, graphql);

    // The second page follows the first's cursor, as before.
    let visitor = app.anonymous("acme");
    let cursor = rest[1]["next_cursor"].as_str().expect("a second page");
    let next = visitor
        .get(&format!("/api/v1/blog/posts?limit=2&after={cursor}"))
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(next["items"].as_array().unwrap().len(), 1);
    assert!(next["next_cursor"].is_null());

    // A draft never reaches the index: visitors get 404 by id, staff see it.
    let draft = format!("/api/v1/blog/posts/{}", site.draft);
    visitor.get(&draft).problem(404, "not_found").await;
    site.admin.get(&draft).expect_json(StatusCode::OK).await;
    let listed = visitor
        .get("/api/v1/content/nodes?kind=post")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 3);

    // A rebuild after wiping the rows gives identical answers.
    app.rebuild_content("acme").await;
    let (rebuilt, rebuilt_graphql) = answers(&app, "acme", &site).await;
    assert_eq!(rebuilt, rest);
    assert_eq!(rebuilt_graphql, graphql);
}

#[tokio::test]
async fn edits_unpublishing_and_deletes_reach_visitors_when_their_events_are_indexed() {
    let app = app().await;
    let site = site(&app, "acme").await;
    app.settle().await;
    let visitor = app.anonymous("acme");
    let path = format!("/api/v1/blog/posts/{}", site.post);

    site.admin
        .patch(
            &path,
            json!({"translation": {"locale": "en", "title": "Renamed", "slug": "hello-world"}}),
        )
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(
        site.admin.get(&path).expect_json(StatusCode::OK).await["title"],
        "Renamed"
    );
    // Visitors read the index: the old title until the event is delivered.
    assert_eq!(
        visitor.get(&path).expect_json(StatusCode::OK).await["title"],
        "Hello world"
    );
    app.settle().await;
    assert_eq!(
        visitor.get(&path).expect_json(StatusCode::OK).await["title"],
        "Renamed"
    );

    // A translation added reaches visitors asking for its locale.
    site.admin
        .patch(
            &path,
            json!({"translation": {"locale": "de", "title": "Hallo Welt"}}),
        )
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    let german = visitor
        .get(&format!("{path}?locale=de"))
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(
        (german["title"].as_str(), german["locale"].as_str()),
        (Some("Hallo Welt"), Some("de"))
    );

    // A comment bumps the post's counter in the index too.
    let comments = format!("{path}/comments");
    site.admin
        .created(&comments, json!({"body": "Again"}))
        .await;
    app.settle().await;
    let listed = visitor.get(&comments).expect_json(StatusCode::OK).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);
    let post = visitor.get(&path).expect_json(StatusCode::OK).await;
    assert_eq!(post["reply_count"], 2);

    // Unpublishing hides it.
    site.admin
        .transition(&path, "unpublish")
        .await
        .assert_status(StatusCode::OK);
    app.settle().await;
    visitor.get(&path).problem(404, "not_found").await;
    visitor
        .get("/api/v1/blog/posts/by-slug/hello-world")
        .problem(404, "not_found")
        .await;

    // Deleting a page removes it.
    let page = format!("/api/v1/pages/{}", site.page);
    visitor.get(&page).expect_json(StatusCode::OK).await;
    site.admin
        .delete(&page)
        .send()
        .await
        .assert_status(StatusCode::NO_CONTENT);
    app.settle().await;
    visitor.get(&page).problem(404, "not_found").await;
    let pages = visitor
        .get("/api/v1/pages")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(pages["items"].as_array().unwrap().len(), 0);

    // A reply deleted: the topic's counter drops for visitors.
    let replies = format!("/api/v1/forum/topics/{}/replies", site.topic);
    let listed = visitor.get(&replies).expect_json(StatusCode::OK).await;
    let reply = listed["items"][0]["id"].as_str().unwrap().to_string();
    site.admin
        .delete(&format!("/api/v1/forum/replies/{reply}"))
        .send()
        .await
        .assert_status(StatusCode::NO_CONTENT);
    app.settle().await;
    let topic = visitor
        .get(&format!("/api/v1/forum/topics/{}", site.topic))
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(topic["reply_count"], 0);
    let listed = visitor.get(&replies).expect_json(StatusCode::OK).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn a_tenant_locale_change_and_scheduled_publishing_reach_the_index() {
    let app = app().await;
    let site = site(&app, "acme").await;
    app.settle().await;
    let visitor = app.anonymous("acme");
    let second = format!("/api/v1/blog/posts/{}?locale=de", site.second);
    assert_eq!(
        visitor.get(&second).expect_json(StatusCode::OK).await["locale"],
        "de"
    );
    // German is switched off: the index follows the tenant's languages.
    app.set_locales("acme", json!({"default": "en", "enabled": ["en"]}))
        .await
        .assert_status(StatusCode::OK);
    app.settle().await;
    let answer = visitor.get(&second).expect_json(StatusCode::OK).await;
    assert_eq!(answer["locale"], "en");

    // A scheduled post is published by the scheduler and then reaches visitors.
    let draft = format!("/api/v1/blog/posts/{}", site.draft);
    let at = chrono::Utc::now() + chrono::Duration::hours(1);
    site.admin
        .post(
            &format!("{draft}/transitions"),
            json!({"transition": "schedule", "publish_at": at}),
        )
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    visitor.get(&draft).problem(404, "not_found").await;
    let switches = rustok_tenant::StoredModuleSwitches::new(app.state.db.clone());
    let published = rustok_content::NodeService::new(&app.state.db, &app.state.events)
        .publish_due(&switches, at + chrono::Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(published, 1);
    visitor.get(&draft).problem(404, "not_found").await;
    app.settle().await;
    let shown = visitor.get(&draft).expect_json(StatusCode::OK).await;
    assert_eq!(shown["status"], "published");
}

#[tokio::test]
async fn two_tenants_with_the_same_slug_see_only_their_own() {
    let app = app().await;
    let acme = app.tenant_admin("acme").await;
    let globex = app.tenant_admin("globex").await;
    app.signed_in("acme", &acme).published_post("Hello").await;
    app.signed_in("globex", &globex)
        .published_post("Hello")
        .await;
    let globex_post = app
        .signed_in("globex", &globex)
        .published_post("Only here")
        .await;
    app.settle().await;
    let path = "/api/v1/blog/posts/by-slug/hello";
    let at_acme = app
        .anonymous("acme")
        .get(path)
        .expect_json(StatusCode::OK)
        .await;
    let at_globex = app
        .anonymous("globex")
        .get(path)
        .expect_json(StatusCode::OK)
        .await;
    assert_ne!(at_acme["id"], at_globex["id"]);
    // The hot cache keeps each tenant's bytes apart: asking again gives each its own.
    for _ in 0..2 {
        let again = app
            .anonymous("acme")
            .get(path)
            .expect_json(StatusCode::OK)
            .await;
        assert_eq!(again["id"], at_acme["id"]);
        let again = app
            .anonymous("globex")
            .get(path)
            .expect_json(StatusCode::OK)
            .await;
        assert_eq!(again["id"], at_globex["id"]);
    }
    app.anonymous("acme")
        .get(&format!("/api/v1/blog/posts/{globex_post}"))
        .problem(404, "not_found")
        .await;
    let listed = app
        .anonymous("acme")
        .get("/api/v1/blog/posts")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn cached_content_follows_edits_and_never_shows_a_draft() {
    let app = app().await;
    let site = site(&app, "acme").await;
    app.settle().await;
    let visitor = app.anonymous("acme");
    let path = "/api/v1/blog/posts/by-slug/hello-world";
    let first = visitor.get(path).send().await;
    let etag = first.headers.get("etag").expect("an ETag").clone();
    // Staff's draft is not in the index, cached or not.
    let draft = format!("/api/v1/blog/posts/{}", site.draft);
    site.admin.get(&draft).expect_json(StatusCode::OK).await;
    visitor.get(&draft).problem(404, "not_found").await;
    visitor.get(&draft).problem(404, "not_found").await;
    // An edit bumps the tenant's generation: the next visitor read has the new bytes.
    site.admin
        .patch(
            &format!("/api/v1/blog/posts/{}", site.post),
            json!({"translation": {"locale": "en", "title": "Fresh", "slug": "hello-world"}}),
        )
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    let fresh = visitor.get(path).send().await;
    assert_eq!(fresh.json()["title"], "Fresh");
    assert_ne!(fresh.headers.get("etag"), Some(&etag));
}

#[tokio::test]
async fn tenant_admins_see_and_rebuild_the_content_index() {
    let app = app().await;
    let site = site(&app, "acme").await;
    app.settle().await;
    let admin = &site.admin;
    let ready = admin
        .get("/api/v1/index/status?kind=content")
        .expect_json(StatusCode::OK)
        .await;
    // Forum, topic, reply, page, three posts and a comment, in English and German.
    assert_eq!(
        (
            ready["kind"].as_str(),
            ready["status"].as_str(),
            ready["rows"].as_u64()
        ),
        (Some("content"), Some("ready"), Some(16))
    );
    let started = admin
        .post("/api/v1/index/rebuild?kind=content", json!({}))
        .expect_json(StatusCode::ACCEPTED)
        .await;
    assert_eq!(
        (started["kind"].as_str(), started["status"].as_str()),
        (Some("content"), Some("building"))
    );
    let status = crate::storefront_index::index_status_when_ready(
        admin,
        "/api/v1/index/status?kind=content",
        5,
    )
    .await;
    assert_eq!(
        (status["status"].as_str(), status["rows"].as_u64()),
        (Some("ready"), Some(16))
    );
    let gql = admin
        .graphql_data(
            r#"{ indexStatus(kind: "content") { kind status rows } indexStatuses { kind } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        gql,
        json!({
            "indexStatus": {"kind": "content", "status": "ready", "rows": 16},
            "indexStatuses": [{"kind": "products"}, {"kind": "content"}]
        })
    );
    admin
        .get("/api/v1/index/status?kind=posts")
        .problem(422, "validation_failed")
        .await;
}

/// The node ids of a search page's hits.
fn hit_ids(page: &Value) -> Vec<String> {
    page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["node"]["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn visitors_search_published_content_over_rest_and_graphql() {
    let app = app().await;
    let site = site(&app, "acme").await;
    app.settle().await;
    let visitor = app.anonymous("acme");

    // Title words; a body word of a topic and of its reply; the German rows in German.
    let page = visitor
        .get("/api/v1/content/search?q=Second&facets=true")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(hit_ids(&page), [site.second.as_str()]);
    assert_eq!(
        (page["total"].as_u64(), page["fuzzy"].as_bool()),
        (Some(1), Some(false))
    );
    let snippet = page["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.starts_with("<mark>Second</mark> post "),
        "{snippet}"
    );
    assert_eq!(
        page["facets"]["kinds"],
        json!([{"value": "post", "count": 1}])
    );
    assert_eq!(
        page["facets"]["categories"][0]["value"],
        site.category.as_str()
    );
    let think = visitor
        .get("/api/v1/content/search?q=think&facets=true")
        .expect_json(StatusCode::OK)
        .await;
    assert!(hit_ids(&think).contains(&site.topic), "{think}");
    let kinds: Vec<&str> = think["facets"]["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["value"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"topic") && kinds.len() == 2, "{kinds:?}");
    let german = visitor
        .get("/api/v1/content/search?q=zweiter&locale=de")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(hit_ids(&german), [site.second.as_str()]);
    assert_eq!(german["hits"][0]["node"]["title"], "Zweiter Beitrag");
    // Filters combine; paging follows `next_cursor`.
    let posts = visitor
        .get("/api/v1/content/search?q=post&kind=post&tag=rust")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(hit_ids(&posts), [site.second.as_str()]);
    let first = visitor
        .get("/api/v1/content/search?q=post&kind=post&limit=1")
        .expect_json(StatusCode::OK)
        .await;
    let cursor = first["next_cursor"].as_str().expect("a second page");
    let next = visitor
        .get(&format!(
            "/api/v1/content/search?q=post&kind=post&limit=1&after={cursor}"
        ))
        .expect_json(StatusCode::OK)
        .await;
    assert_ne!(hit_ids(&first), hit_ids(&next));
    // A draft is found by nobody, staff included (search reads the read model).
    for client in [&visitor, &site.admin] {
        let secret = client
            .get("/api/v1/content/search?q=secret%20draft")
            .expect_json(StatusCode::OK)
            .await;
        assert!(!hit_ids(&secret).contains(&site.draft), "{secret}");
    }

    // `q` on the listing: the listing's items, ranked.
    let listed = visitor
        .get("/api/v1/content/nodes?q=second")
        .expect_json(StatusCode::OK)
        .await;
    let by_id = visitor
        .get(&format!("/api/v1/content/nodes/{}", site.second))
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(listed["items"], json!([by_id]));
    let graphql = visitor
        .graphql_data(
            r#"{ contentSearch(q: "second", facets: true) { hits { node { id } snippet } total totalExact facets { kinds { value count } } }
                 nodes(q: "second") { items { id } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        graphql["contentSearch"]["hits"][0]["node"]["id"],
        site.second.as_str()
    );
    assert_eq!(graphql["contentSearch"]["total"], 1);
    assert_eq!(graphql["nodes"]["items"][0]["id"], site.second.as_str());

    // Any text is safe; bad input is refused with its code.
    for q in [
        "%22NEAR(%20OR%20*",
        "%27%3B%20DROP%20TABLE%20nodes%3B--",
        "%F0%9F%8E%89",
        "a%3Ab%20-c",
    ] {
        visitor
            .get(&format!("/api/v1/content/search?q={q}"))
            .expect_json(StatusCode::OK)
            .await;
    }
    let long = "a".repeat(201);
    visitor
        .get(&format!("/api/v1/content/search?q={long}"))
        .problem(400, "query_too_long")
        .await;
    visitor
        .get("/api/v1/content/search?q=post&after=nope")
        .problem(400, "invalid_cursor")
        .await;
    visitor
        .get("/api/v1/content/nodes?q=post&translated_into=de")
        .problem(422, "validation_failed")
        .await;

    // An edit reaches the search (cached answers included) once indexed.
    site.admin
        .patch(
            &format!("/api/v1/blog/posts/{}", site.second),
            json!({"translation": {"locale": "en", "title": "Ferris the crab"}}),
        )
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    let crab = visitor
        .get("/api/v1/content/search?q=Second")
        .expect_json(StatusCode::OK)
        .await;
    assert!(
        !hit_ids(&crab).contains(&site.second) || crab["fuzzy"] == true,
        "{crab}"
    );
    let ferris = visitor
        .get("/api/v1/content/search?q=ferris")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(hit_ids(&ferris), [site.second.as_str()]);

    // While the site's index is being built, search says so rather than answer partly.
    let tenant = rustok_core::TenantId::from_uuid(app.tenant_id("acme").await.parse().unwrap());
    app.state.content_index.begin_rebuild(tenant).await.unwrap();
    app.state.content_index.generations().bump(tenant);
    visitor
        .get("/api/v1/content/search?q=ferris")
        .problem(503, "unavailable")
        .await;
}
