//! The storefront search (`q` on the product listing, `GET /api/v1/commerce/search`, GraphQL
//! `search`) on the demo shop, on SQLite FTS5 or PostgreSQL full-text search, whichever the
//! suite runs on. The relay is off: each test decides when events reach the index.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;

async fn shop() -> TestApp {
    let app = TestApp::spawn_with(&[
        ("RUSTOK_SEED_DEMO_SHOP", "true"),
        ("RUSTOK_OUTBOX_RELAY", "false"),
        ("RUSTOK_INDEX_FILL_ON_BOOT", "false"),
    ])
    .await;
    app.build_index().await;
    app
}

/// `q` as a query-string value.
fn encode(q: &str) -> String {
    let mut out = String::new();
    for byte in q.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

impl TestApp {
    /// `GET /api/v1/commerce/search?q=…&…` as a visitor.
    async fn search(&self, q: &str, rest: &str) -> Value {
        let path = format!("/api/v1/commerce/search?q={}{rest}", encode(q));
        self.guest().get(&path).expect_json(StatusCode::OK).await
    }

    /// The handles a visitor's search finds, best first.
    async fn found(&self, q: &str) -> Vec<String> {
        handles(&self.search(q, "&limit=100").await)
    }
}

fn handles(page: &Value) -> Vec<String> {
    page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["product"]["handle"].as_str().unwrap().to_string())
        .collect()
}

fn listed(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["handle"].as_str().unwrap().to_string())
        .collect()
}

fn product(handle: &str, title: &str, description: &str, amount: i64, stock: i64) -> Value {
    json!({
        "handle": handle,
        "status": "published",
        "translations": [{"locale": "en", "title": title, "description": description}],
        "variants": [{
            "title": "One",
            "sku": format!("{}-ONE", handle.to_uppercase()),
            "manage_inventory": true,
            "allow_backorder": false,
            "prices": [{"currency": "EUR", "amount": amount}],
            "stock": stock,
        }],
    })
}

async fn region_id(app: &TestApp) -> String {
    let regions = app
        .guest()
        .get("/api/v1/commerce/regions")
        .expect_json(StatusCode::OK)
        .await;
    regions[0]["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_title_match_outranks_a_match_in_the_text_and_snippets_mark_it_escaped() {
    let app = shop().await;
    let operator = app.operator().await;
    operator
        .post(
            "/api/v1/commerce/products",
            product(
                "weekend-bag",
                "Weekend Bag",
                "Room for a <b>shirt</b> & two",
                12_000,
                5,
            ),
        )
        .expect_json(StatusCode::CREATED)
        .await;
    app.settle().await;

    let page = app.search("shirt", "").await;
    let found = handles(&page);
    assert_eq!(found.len(), 4, "{page}");
    assert_eq!(found.last().unwrap(), "weekend-bag", "{page}");
    for title_match in ["classic-tee", "linen-shirt", "polo-shirt"] {
        assert!(found[..3].contains(&title_match.to_string()), "{page}");
    }
    let scores: Vec<f64> = page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(scores[2] > scores[3], "{scores:?}");
    assert_eq!(page["total"], 4);
    assert_eq!(page["fuzzy"], false);
    let bag = &page["hits"][3];
    let snippet = bag["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>shirt</mark>"), "{snippet}");
    assert!(snippet.contains("&amp;"), "{snippet}");
    // Markup in the text is escaped (SQLite) or left out (PostgreSQL's `ts_headline` drops
    // what its parser reads as tags); it never comes through as markup.
    assert!(!snippet.contains("<b>"), "{snippet}");
    // The hit carries the listing's product view.
    assert_eq!(bag["product"]["title"], "Weekend Bag");

    // The listing with `q` has the same order, the listing's shape.
    let listing = app
        .guest()
        .get("/api/v1/commerce/products?q=shirt")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(listed(&listing), found);
    assert!(listing["next_cursor"].is_null());
}

#[tokio::test]
async fn filters_combine_with_q_and_facets_count_every_match() {
    let app = shop().await;
    let region = region_id(&app).await;
    let operator = app.operator().await;
    operator
        .post(
            "/api/v1/commerce/products",
            product("weekend-bag", "Weekend Bag", "Fits a shirt", 12_000, 0),
        )
        .expect_json(StatusCode::CREATED)
        .await;
    app.settle().await;

    let page = app
        .search("shirt", &format!("&facets=true&region_id={region}"))
        .await;
    assert_eq!(page["total"], 4, "{page}");
    let facets = &page["facets"];
    assert_eq!(facets["tags"], json!([{"value": "demo", "count": 3}]));
    assert_eq!(facets["in_stock"], 3);
    assert_eq!(
        facets["price_bands"],
        json!([
            {"currency": "EUR", "min": 1000, "max": 2500, "count": 1},
            {"currency": "EUR", "min": 2500, "max": 5000, "count": 2},
            {"currency": "EUR", "min": 10000, "max": 25000, "count": 1},
        ]),
        "{page}"
    );
    assert_eq!(facets["collections"], json!([]));

    let cheap = app
        .search(
            "shirt",
            &format!("&facets=true&region_id={region}&max_price=4000"),
        )
        .await;
    let mut cheap_found = handles(&cheap);
    cheap_found.sort();
    assert_eq!(cheap_found, ["classic-tee", "polo-shirt"]);
    assert_eq!(
        cheap["facets"]["tags"],
        json!([{"value": "demo", "count": 2}])
    );
    assert_eq!(app.search("shirt", "&tag=demo").await["total"], 3);
    let in_stock = app.search("shirt", "&in_stock=true").await;
    assert!(!handles(&in_stock).contains(&"weekend-bag".to_string()));
    assert_eq!(in_stock["total"], 3);

    // Pages by cursor, on both routes.
    let first = app.search("shirt", "&limit=3").await;
    assert_eq!(first["hits"].as_array().unwrap().len(), 3);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app
        .search("shirt", &format!("&limit=3&after={cursor}"))
        .await;
    assert_eq!(handles(&second).len(), 1);
    assert!(second["next_cursor"].is_null());
    let listing = app
        .guest()
        .get(&format!(
            "/api/v1/commerce/products?q=shirt&limit=3&after={cursor}"
        ))
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(listed(&listing), handles(&second));
    app.guest()
        .get("/api/v1/commerce/search?q=shirt&after=nope")
        .problem(400, "invalid_cursor")
        .await;
    app.guest()
        .get("/api/v1/commerce/search?q=shirt&max_price=10")
        .problem(422, "validation_failed")
        .await;
}

#[tokio::test]
async fn a_typo_sku_fragments_and_handles_still_find_the_product() {
    let app = shop().await;
    let operator = app.operator().await;
    operator
        .post(
            "/api/v1/commerce/products",
            product("product-0500", "Product 500", "A numbered product.", 999, 1),
        )
        .expect_json(StatusCode::CREATED)
        .await;
    app.settle().await;

    let typo = app.search("tshrit", "").await;
    assert_eq!(
        handles(&typo).first().map(String::as_str),
        Some("classic-tee"),
        "{typo}"
    );
    assert_eq!(typo["fuzzy"], true);
    assert_eq!(app.found("0500").await, ["product-0500"]);
    assert_eq!(app.found("product-0500").await, ["product-0500"]);
    assert_eq!(app.found("PRODUCT-0500-ONE").await, ["product-0500"]);
    assert_eq!(app.found("classic-tee-m").await, ["classic-tee"]);
    assert_eq!(app.found("hood").await, ["organic-hoodie"]);
    // German rows are searched in German.
    let de = app.search("hoodie", "&locale=de").await;
    assert_eq!(handles(&de), ["organic-hoodie"]);
}

#[tokio::test]
async fn hostile_queries_never_fail_and_overlong_ones_are_refused() {
    let app = shop().await;
    let long = "shirt ".repeat(33);
    let hostile = [
        "\"",
        "\"\"",
        "'",
        "''",
        "*",
        "shirt*",
        "NEAR(",
        "NEAR(shirt tee, 2)",
        "AND OR NOT",
        "shirt AND",
        "OR",
        "-shirt",
        "shirt -tee",
        ":",
        "title:shirt",
        "^shirt",
        "(shirt",
        "shirt)",
        "{}[]",
        "\\",
        "%_",
        "' OR 1=1 --",
        "'; DROP TABLE index_products; --",
        "Grüße аБв 日本語",
        "🎉👕",
        "<script>alert(1)</script>",
        "&amp; &lt;",
        "shirt:* & !tee | <->",
        "a",
        long.trim(),
        "     ",
    ];
    for q in hostile {
        let search = app.search(q, "&facets=true").await;
        assert!(search["total"].is_u64(), "{q:?}: {search}");
        let path = format!("/api/v1/commerce/products?q={}", encode(q));
        let listing = app.guest().get(&path).expect_json(StatusCode::OK).await;
        assert!(listing["items"].is_array(), "{q:?}");
        let gql = app
            .guest()
            .graphql_data(
                "query($q: String!) { search(q: $q) { total } }",
                json!({"q": q}),
            )
            .await;
        assert!(gql["search"]["total"].is_u64(), "{q:?}");
    }
    assert!(
        app.found("\"shirt\"")
            .await
            .contains(&"linen-shirt".to_string())
    );

    // PostgreSQL cannot compare U+0000: refused alike on every database and API.
    app.guest()
        .get("/api/v1/commerce/search?q=a%00b")
        .problem(400, "invalid_query")
        .await;
    app.guest()
        .get("/api/v1/commerce/products?q=%00")
        .problem(400, "invalid_query")
        .await;
    let refused = app
        .guest()
        .graphql_error(
            "query($q: String!) { search(q: $q) { total } }",
            json!({"q": "a\u{0}b"}),
            "validation_failed",
        )
        .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["errors"][0]["field"],
        "q"
    );

    let too_long = "x".repeat(201);
    app.guest()
        .get(&format!("/api/v1/commerce/search?q={too_long}"))
        .problem(400, "query_too_long")
        .await;
    app.guest()
        .get(&format!("/api/v1/commerce/products?q={too_long}"))
        .problem(400, "query_too_long")
        .await;
    app.guest()
        .graphql_error(
            "query($q: String!) { search(q: $q) { total } }",
            json!({"q": too_long}),
            "query_too_long",
        )
        .await;
    // A blank `q` is no search: the plain listing.
    let plain = app
        .guest()
        .get("/api/v1/commerce/products")
        .expect_json(StatusCode::OK)
        .await;
    let blank = app
        .guest()
        .get("/api/v1/commerce/products?q=%20%20")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(blank, plain);
}

#[tokio::test]
async fn edits_prices_stock_outs_unpublishing_and_deletes_reach_search_without_a_restart() {
    let app = shop().await;
    let region = region_id(&app).await;
    let operator = app.operator().await;
    let listed = app.search("beanie", "").await;
    let beanie = listed["hits"][0]["product"].clone();
    let id = beanie["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/commerce/products/{id}");

    operator
        .patch(
            &path,
            json!({"translations": [{"locale": "en", "title": "Merino Bobble Hat"}]}),
        )
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    assert_eq!(app.found("bobble").await, ["wool-beanie"]);
    assert_eq!(
        app.search("bobble", "").await["hits"][0]["product"]["title"],
        "Merino Bobble Hat"
    );

    let variant = beanie["variants"][0]["id"].as_str().unwrap().to_string();
    let cheap = format!("&region_id={region}&max_price=1000");
    assert!(handles(&app.search("bobble", &cheap).await).is_empty());
    operator
        .put(
            &format!("/api/v1/commerce/variants/{variant}/prices"),
            json!({"currency": "EUR", "amount": 500}),
        )
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    assert_eq!(
        handles(&app.search("bobble", &cheap).await),
        ["wool-beanie"]
    );

    for variant in beanie["variants"].as_array().unwrap() {
        let variant = variant["id"].as_str().unwrap();
        operator
            .put(
                &format!("/api/v1/commerce/variants/{variant}/stock"),
                json!({"on_hand": 0}),
            )
            .expect_status(StatusCode::OK)
            .await;
    }
    app.settle().await;
    assert!(handles(&app.search("bobble", "&in_stock=true").await).is_empty());
    assert_eq!(app.found("bobble").await, ["wool-beanie"]);

    operator
        .patch(&path, json!({"status": "archived"}))
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    assert!(app.found("bobble").await.is_empty());

    operator
        .patch(&path, json!({"status": "published"}))
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    assert_eq!(app.found("bobble").await, ["wool-beanie"]);
    operator
        .delete(&path)
        .expect_status(StatusCode::NO_CONTENT)
        .await;
    app.settle().await;
    assert!(app.found("bobble").await.is_empty());
    assert!(app.found("merino").await.is_empty());
}

#[tokio::test]
async fn tenants_with_the_same_handle_find_only_their_own_and_drafts_are_never_found() {
    let app = shop().await;
    app.create_tenant("other", "owner@other.test", "owner-pass-123")
        .await;
    let owner = crate::support::accounts::access_token(
        &app.login(Some("other"), "owner@other.test", "owner-pass-123")
            .await,
    );
    let staff = app.signed_in("other", &owner);
    staff
        .post(
            "/api/v1/commerce/products",
            product("classic-tee", "Other Tee", "Another shop's tee", 100, 1),
        )
        .expect_json(StatusCode::CREATED)
        .await;
    let draft =
        json!({"handle": "secret-tee", "translations": [{"locale": "en", "title": "Secret Tee"}]});
    staff
        .post("/api/v1/commerce/products", draft)
        .expect_json(StatusCode::CREATED)
        .await;
    app.settle().await;

    let demo = app.search("tee", "").await;
    assert_eq!(handles(&demo), ["classic-tee"]);
    assert_eq!(demo["hits"][0]["product"]["title"], "Classic T-Shirt");
    let path = "/api/v1/commerce/search?q=tee&facets=true";
    let other = app
        .anonymous("other")
        .get(path)
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(handles(&other), ["classic-tee"]);
    assert_eq!(other["hits"][0]["product"]["title"], "Other Tee");
    assert_eq!(other["total"], 1);
    // Staff search the read model too: published products only.
    let by_staff = staff.get(path).expect_json(StatusCode::OK).await;
    assert_eq!(handles(&by_staff), ["classic-tee"]);
    staff
        .get("/api/v1/commerce/products?q=tee&status=draft")
        .problem(422, "validation_failed")
        .await;
    assert!(handles(&app.search("secret", "").await).is_empty());
}

#[tokio::test]
async fn graphql_search_has_hits_snippets_totals_and_facets() {
    let app = shop().await;
    let region = region_id(&app).await;
    let query = r#"query($region: ID!) {
      search(q: "linen", regionId: $region, facets: true) {
        hits { score snippet product { handle variants { calculatedPrice currency } } }
        total fuzzy nextCursor
        facets { tags { value count } inStock priceBands { currency min max count } }
      }
    }"#;
    let data = app
        .guest()
        .graphql_data(query, json!({"region": region}))
        .await;
    let search = &data["search"];
    assert_eq!(search["total"], 1, "{search}");
    assert_eq!(search["hits"][0]["product"]["handle"], "linen-shirt");
    assert_eq!(
        search["hits"][0]["product"]["variants"][0]["currency"],
        "EUR"
    );
    let snippet = search["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.to_lowercase().contains("<mark>linen</mark>"),
        "{snippet}"
    );
    assert_eq!(
        search["facets"]["tags"],
        json!([{"value": "demo", "count": 1}])
    );
    assert_eq!(search["facets"]["inStock"], 1);
    assert_eq!(
        search["facets"]["priceBands"],
        json!([{"currency": "EUR", "min": 2500, "max": 5000, "count": 1}])
    );
}

#[tokio::test]
async fn search_waits_for_the_index_and_a_rebuild_gives_the_same_answers() {
    let app = TestApp::spawn_with(&[
        ("RUSTOK_SEED_DEMO_SHOP", "true"),
        ("RUSTOK_OUTBOX_RELAY", "false"),
        ("RUSTOK_INDEX_FILL_ON_BOOT", "false"),
    ])
    .await;
    app.guest()
        .get("/api/v1/commerce/search?q=shirt")
        .problem(503, "unavailable")
        .await;
    app.build_index().await;
    let queries = ["shirt", "tshrit", "0500", "jacket", "cotton socks", "hood"];
    let mut before = Vec::new();
    for q in queries {
        before.push(app.search(q, "&facets=true&limit=100").await);
    }
    use sea_orm::ConnectionTrait;
    for table in [
        "index_product_terms",
        "index_product_prices",
        "index_products",
        "index_builds",
    ] {
        app.state
            .db
            .execute_unprepared(&format!("DELETE FROM {table}"))
            .await
            .unwrap();
    }
    app.state.product_index.fill_missing().await.unwrap();
    for (q, expected) in queries.iter().zip(&before) {
        assert_eq!(
            &app.search(q, "&facets=true&limit=100").await,
            expected,
            "{q}"
        );
    }
}
