//! No N+1: the SQL statements one staff or admin listing costs do not grow with its page size.
//! Each listing is asked for 5 and for 20 items (GraphQL with every nested list it offers, and
//! the REST listing that builds the same views); both must cost the same number of statements.
//! Unpaged lists (menus, categories, tags) are measured at 5 entries and again at 20.
//!
//! The app's pool counts the statements of the task serving a request
//! (`rustok_core::count_statements`), so the relay and other background work do not blur the
//! figures.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::client::Client;
use crate::support::{TestApp, backend};

const SMALL: u64 = 5;
const LARGE: u64 = 20;

/// The answer's JSON and the statements it cost; asserts a 200 without GraphQL errors.
async fn measured(client: &Client, request: Request) -> (Value, u64) {
    let call = match &request {
        Request::Get(path) => client.get(path),
        Request::Graphql(query, variables) => client.post(
            "/api/graphql",
            json!({"query": query, "variables": variables}),
        ),
    };
    let (response, statements) = call.count_statements().await;
    let body = response.assert_status(StatusCode::OK).json();
    assert!(body["errors"].is_null(), "[{}] {body}", backend());
    (body, statements)
}

/// One read: a REST `GET` or a GraphQL query with its variables.
enum Request {
    Get(String),
    Graphql(&'static str, Value),
}

/// The length of the array at `pointer` in `body`.
fn length(body: &Value, pointer: &str) -> u64 {
    body.pointer(pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no list at {pointer} in {body}"))
        .len() as u64
}

/// Statements of one listing of `size` items (after a warm-up call that fills the per-tenant
/// caches), checking it did list `size` items.
async fn cost(client: &Client, request: impl Fn(u64) -> Request, items: &str, size: u64) -> u64 {
    measured(client, request(size)).await;
    let (body, statements) = measured(client, request(size)).await;
    assert_eq!(length(&body, items), size, "[{}] {body}", backend());
    statements
}

/// A paged listing costs as many statements for [`LARGE`] items as for [`SMALL`].
async fn assert_flat(client: &Client, what: &str, request: impl Fn(u64) -> Request, items: &str) {
    let small = cost(client, &request, items, SMALL).await;
    let large = cost(client, &request, items, LARGE).await;
    assert!(small > 0, "[{}] {what}: no statements counted", backend());
    assert_eq!(
        small,
        large,
        "[{}] {what}: {small} statements for {SMALL} items, {large} for {LARGE}",
        backend()
    );
}

/// `path` with `limit=<size>` added to its query string.
fn limited(path: &str, size: u64) -> Request {
    let separator = if path.contains('?') { '&' } else { '?' };
    Request::Get(format!("{path}{separator}limit={size}"))
}

fn graphql(query: &'static str, variables: Value) -> Request {
    Request::Graphql(query, variables)
}

const PRODUCTS: &str = "query($first: Int) { products(first: $first) { items { id handle title \
    tags categoryIds images { url alt } options { id title values } \
    variants { id sku title inStock options { option value } \
    prices { id currency amount minQuantity priceListId } } } } }";
const ORDERS: &str = "query($first: Int) { orders(first: $first) { items { id displayId total \
    items { id title quantity total } payments { id amount } notes { id body } } } }";
const CART: &str =
    "query($id: ID!) { cart(id: $id) { id total items { id quantity unitPrice total } } }";
const TENANTS: &str =
    "query($first: Int) { tenants(first: $first) { items { id slug settings } } }";
const AUDIT: &str =
    "query($first: Int) { auditLog(first: $first) { items { eventId eventType payload } } }";

/// A product with two variants (base price and a tier each), a category, tags and an image.
fn product(n: usize, category: &str) -> Value {
    json!({
        "handle": format!("shirt-{n:02}"),
        "status": "published",
        "translations": [{"locale": "en", "title": format!("Shirt {n}"), "description": "Linen."}],
        "options": [{"title": "Size", "values": ["S", "M"]}],
        "variants": [
            {"title": "S", "sku": format!("SHIRT-{n:02}-S"), "stock": 50,
             "options": [{"option": "Size", "value": "S"}],
             "prices": [{"currency": "EUR", "amount": 1000 + n}, {"currency": "EUR", "amount": 900, "min_quantity": 3}],
             "translations": [{"locale": "en", "title": "Small"}]},
            {"title": "M", "sku": format!("SHIRT-{n:02}-M"), "stock": 50,
             "options": [{"option": "Size", "value": "M"}],
             "prices": [{"currency": "EUR", "amount": 1100 + n}]}
        ],
        "images": [{"url": format!("/img/shirt-{n}.jpg"), "alt": "A shirt"}],
        "tags": ["summer", format!("batch-{}", n % 3)],
        "category_ids": [category]
    })
}

/// A guest's cart in `region` with one unit of each of `variants`; returns its id.
async fn guest_cart(guest: &Client, region: &str, variants: &[String]) -> String {
    let cart = guest
        .created(
            "/api/v1/commerce/carts",
            json!({"region_id": region, "email": "guest@example.com"}),
        )
        .await;
    let id = cart["id"].as_str().unwrap().to_string();
    for variant in variants {
        guest
            .post(
                &format!("/api/v1/commerce/carts/{id}/items"),
                json!({"variant_id": variant, "quantity": 1}),
            )
            .expect_status(StatusCode::OK)
            .await;
    }
    id
}

#[tokio::test]
async fn commerce_listings_cost_the_same_for_5_and_20_items() {
    let (app, admin) = TestApp::with_admin("acme").await;
    let region = admin
        .created(
            "/api/v1/commerce/regions",
            json!({"name": "Europe", "currency": "EUR", "countries": ["DE"], "tax_rate_bp": 2000}),
        )
        .await;
    let region = region["id"].as_str().unwrap().to_string();
    let mut categories = Vec::new();
    for n in 0..LARGE {
        let category = admin
            .created(
                "/api/v1/commerce/categories",
                json!({"handle": format!("cat-{n}"), "name": format!("Category {n}")}),
            )
            .await;
        categories.push(category["id"].as_str().unwrap().to_string());
    }
    let mut variants = Vec::new();
    for n in 0..22 {
        let created = admin
            .created(
                "/api/v1/commerce/products",
                product(n, &categories[n % categories.len()]),
            )
            .await;
        for variant in created["variants"].as_array().unwrap() {
            variants.push(variant["id"].as_str().unwrap().to_string());
        }
    }
    let guest = app.anonymous("acme");
    for n in 0..22 {
        let lines = [variants[n].clone(), variants[n + 1].clone()];
        let cart = guest_cart(&guest, &region, &lines).await;
        let order = guest
            .created(
                &format!("/api/v1/commerce/carts/{cart}/checkout"),
                json!({"idempotency_key": format!("order-{n}")}),
            )
            .await;
        let order = order["id"].as_str().unwrap();
        admin
            .created(
                &format!("/api/v1/commerce/orders/{order}/notes"),
                json!({"body": "Gift wrap"}),
            )
            .await;
    }

    let products = |first| graphql(PRODUCTS, json!({"first": first}));
    assert_flat(&admin, "GraphQL products", products, "/data/products/items").await;
    let rest = |limit| limited("/api/v1/commerce/products", limit);
    assert_flat(&admin, "REST products", rest, "/items").await;
    let orders = |first| graphql(ORDERS, json!({"first": first}));
    assert_flat(&admin, "GraphQL orders", orders, "/data/orders/items").await;
    let rest = |limit| limited("/api/v1/commerce/orders", limit);
    assert_flat(&admin, "REST orders", rest, "/items").await;

    // A cart of 5 lines and one of 20.
    let small = guest_cart(&guest, &region, &variants[..SMALL as usize]).await;
    let large = guest_cart(&guest, &region, &variants[..LARGE as usize]).await;
    let carts = [small, large];
    let cart = |lines: u64| {
        let id = &carts[usize::from(lines == LARGE)];
        graphql(CART, json!({"id": id}))
    };
    assert_flat(&guest, "GraphQL cart lines", cart, "/data/cart/items").await;
    let cart = |lines: u64| {
        let id = &carts[usize::from(lines == LARGE)];
        Request::Get(format!("/api/v1/commerce/carts/{id}"))
    };
    assert_flat(&guest, "REST cart lines", cart, "/items").await;

    // The tenant's audit trail (every write above left events).
    app.caught_up().await;
    let audit = |first| graphql(AUDIT, json!({"first": first}));
    assert_flat(&admin, "GraphQL audit log", audit, "/data/auditLog/items").await;
    let rest = |limit| limited("/api/v1/audit", limit);
    assert_flat(&admin, "REST audit log", rest, "/items").await;
}

#[tokio::test]
async fn the_platforms_tenant_listing_costs_the_same_for_5_and_20_tenants() {
    let (app, operator) = TestApp::with_operator().await;
    for n in 0..LARGE {
        let slug = format!("shop-{n:02}");
        operator
            .created(
                "/api/v1/tenants",
                json!({"name": format!("Shop {n}"), "slug": slug,
                       "admin_email": format!("owner@{slug}.test"),
                       "admin_password": "owner-pass-123"}),
            )
            .await;
    }
    let tenants = |first| graphql(TENANTS, json!({"first": first}));
    assert_flat(&operator, "GraphQL tenants", tenants, "/data/tenants/items").await;
    let rest = |limit| limited("/api/v1/tenants", limit);
    assert_flat(&operator, "REST tenants", rest, "/items").await;
    drop(app);
}

const POSTS: &str = "query($first: Int) { blogPosts(first: $first) { items { id title slug \
    categoryId tags { slug name } body { html } } } }";
const NODES: &str = "query($first: Int) { nodes(kind: \"post\", first: $first) { items { id title \
    tags { slug } body { html } } } }";
const COMMENTS: &str = "query($post: ID!, $first: Int) { blogComments(postId: $post, first: $first) \
    { items { id html source } } }";
const TOPICS: &str = "query($forum: ID!, $first: Int) { forumTopics(forumId: $forum, first: $first) \
    { items { id title replyCount lastActivityAt body { html } tags { slug } } } }";
const REPLIES: &str = "query($topic: ID!, $first: Int) { forumReplies(topicId: $topic, first: $first) \
    { items { id body { html } } } }";
const PAGES: &str =
    "query($first: Int) { pages(first: $first) { items { id title slug blocks html } } }";
const MENUS: &str = "{ menus { id handle items { id url labels { locale label } } } }";
const CATEGORIES: &str = "{ contentCategories { id name slug } productCategories { id handle } }";
const TAGS: &str = "{ contentTags { slug name } }";

#[tokio::test]
async fn content_listings_cost_the_same_for_5_and_20_items() {
    let (app, admin) = TestApp::with_admin("acme").await;
    let news = admin.create_category("News").await;
    let news = news["id"].as_str().unwrap().to_string();
    let mut posts = Vec::new();
    for n in 0..22 {
        let post = admin
            .created(
                "/api/v1/blog/posts",
                json!({
                    "translation": {"locale": "en", "title": format!("Post {n}")},
                    "body": {"locale": "en", "format": "markdown", "source": "Some *text*"},
                    "category_id": news,
                    "tags": ["news"]
                }),
            )
            .await;
        posts.push(post["id"].as_str().unwrap().to_string());
    }
    admin
        .transition(&format!("/api/v1/blog/posts/{}", posts[0]), "publish")
        .await
        .assert_status(StatusCode::OK);
    for n in 0..22 {
        admin
            .created(
                &format!("/api/v1/blog/posts/{}/comments", posts[0]),
                json!({"body": format!("Comment **{n}**")}),
            )
            .await;
    }
    let forum = admin
        .created(
            "/api/v1/forum/forums",
            json!({"title": "General", "description": "Talk about it"}),
        )
        .await;
    let forum = forum["id"].as_str().unwrap().to_string();
    let mut topics = Vec::new();
    for n in 0..22 {
        let topic = admin
            .created(
                &format!("/api/v1/forum/forums/{forum}/topics"),
                json!({"title": format!("Topic {n}"), "body": "What do you **think**?"}),
            )
            .await;
        let topic = topic["id"].as_str().unwrap().to_string();
        admin
            .created(
                &format!("/api/v1/forum/topics/{topic}/replies"),
                json!({"body": "Agreed."}),
            )
            .await;
        topics.push(topic);
    }
    for n in 0..21 {
        admin
            .created(
                &format!("/api/v1/forum/topics/{}/replies", topics[0]),
                json!({"body": format!("Reply {n}")}),
            )
            .await;
    }
    for n in 0..22 {
        admin
            .created(
                "/api/v1/pages",
                json!({
                    "translation": {"locale": "en", "title": format!("Page {n}")},
                    "blocks": [
                        {"type": "heading", "level": 1, "text": format!("Page {n}")},
                        {"type": "text", "markdown": "We **build**."}
                    ]
                }),
            )
            .await;
    }

    let posts_query = |first| graphql(POSTS, json!({"first": first}));
    assert_flat(
        &admin,
        "GraphQL blog posts",
        posts_query,
        "/data/blogPosts/items",
    )
    .await;
    let rest = |limit| limited("/api/v1/blog/posts", limit);
    assert_flat(&admin, "REST blog posts", rest, "/items").await;
    let nodes = |first| graphql(NODES, json!({"first": first}));
    assert_flat(&admin, "GraphQL nodes", nodes, "/data/nodes/items").await;
    let rest = |limit| limited("/api/v1/content/nodes?kind=post", limit);
    assert_flat(&admin, "REST nodes", rest, "/items").await;
    let post = posts[0].clone();
    let comments = move |first| graphql(COMMENTS, json!({"post": post, "first": first}));
    assert_flat(
        &admin,
        "GraphQL comments",
        comments,
        "/data/blogComments/items",
    )
    .await;
    let path = format!("/api/v1/blog/posts/{}/comments", posts[0]);
    let rest = move |limit| limited(&path, limit);
    assert_flat(&admin, "REST comments", rest, "/items").await;
    let in_forum = forum.clone();
    let topics_query = move |first| graphql(TOPICS, json!({"forum": in_forum, "first": first}));
    assert_flat(
        &admin,
        "GraphQL forum topics",
        topics_query,
        "/data/forumTopics/items",
    )
    .await;
    let path = format!("/api/v1/forum/forums/{forum}/topics");
    let rest = move |limit| limited(&path, limit);
    assert_flat(&admin, "REST forum topics", rest, "/items").await;
    let topic = topics[0].clone();
    let replies = move |first| graphql(REPLIES, json!({"topic": topic, "first": first}));
    assert_flat(
        &admin,
        "GraphQL forum replies",
        replies,
        "/data/forumReplies/items",
    )
    .await;
    let path = format!("/api/v1/forum/topics/{}/replies", topics[0]);
    let rest = move |limit| limited(&path, limit);
    assert_flat(&admin, "REST forum replies", rest, "/items").await;
    let pages = |first| graphql(PAGES, json!({"first": first}));
    assert_flat(&admin, "GraphQL pages", pages, "/data/pages/items").await;
    let rest = |limit| limited("/api/v1/pages", limit);
    assert_flat(&admin, "REST pages", rest, "/items").await;

    // Unpaged lists: 5 entries, then 20.
    let mut unpaged = Vec::new();
    for target in [SMALL, LARGE] {
        grow_unpaged(&admin, target).await;
        measured(&admin, graphql(MENUS, json!({}))).await;
        let menus = measured(&admin, graphql(MENUS, json!({}))).await;
        assert_eq!(length(&menus.0, "/data/menus"), target);
        let rest_menus = measured(&admin, Request::Get("/api/v1/pages/menus".into())).await;
        let categories = measured(&admin, graphql(CATEGORIES, json!({}))).await;
        assert_eq!(length(&categories.0, "/data/productCategories"), target);
        let tags = measured(&admin, graphql(TAGS, json!({}))).await;
        let rest_tags = measured(&admin, Request::Get("/api/v1/content/tags".into())).await;
        unpaged.push([menus.1, rest_menus.1, categories.1, tags.1, rest_tags.1]);
    }
    assert!(
        unpaged[0].iter().all(|&n| n > 0),
        "[{}] no statements counted",
        backend()
    );
    assert_eq!(
        unpaged[0],
        unpaged[1],
        "[{}] menus, REST menus, categories, tags, REST tags at {SMALL} and {LARGE} entries",
        backend()
    );
    drop(app);
}

/// Menus (two items each, labelled), product and content categories and tags (through posts)
/// up to `target` of each.
async fn grow_unpaged(admin: &Client, target: u64) {
    let menus = admin
        .get("/api/v1/pages/menus")
        .expect_json(StatusCode::OK)
        .await;
    let have = menus.as_array().map_or(0, Vec::len) as u64;
    for n in have..target {
        let menu = admin
            .created(
                "/api/v1/pages/menus",
                json!({"handle": format!("menu-{n}"), "name": format!("Menu {n}")}),
            )
            .await;
        let path = format!("/api/v1/pages/menus/{}/items", menu["id"].as_str().unwrap());
        for item in ["/a", "/b"] {
            admin
                .created(
                    &path,
                    json!({"url": item, "labels": [{"locale": "en", "label": item}]}),
                )
                .await;
        }
        admin
            .created(
                "/api/v1/commerce/categories",
                json!({"handle": format!("cat-{n}"), "name": format!("Category {n}")}),
            )
            .await;
        admin.create_category(&format!("Section {n}")).await;
        admin
            .created(
                "/api/v1/blog/posts",
                json!({"translation": {"locale": "en", "title": format!("Tagged {n}")},
                       "tags": [format!("extra-{n}")]}),
            )
            .await;
    }
}
