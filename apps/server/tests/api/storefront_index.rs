//! Visitors read products from the read model once their tenant's index is built; staff keep
//! reading the write model. The relay is off in these apps, so each test decides when events
//! reach the index.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::client::Client;

/// `status_path` (an index status) as `caller` reads it once the build is `ready`, or as it
/// stands after `seconds`.
pub async fn index_status_when_ready(caller: &Client, status_path: &str, seconds: u64) -> Value {
    let mut status = json!(null);
    for _ in 0..seconds * 100 {
        status = caller.get(status_path).expect_json(StatusCode::OK).await;
        if status["status"] == "ready" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    status
}

/// The demo shop, with delivery and the index build in the test's hands.
async fn shop() -> TestApp {
    TestApp::spawn_with(&[
        ("RUSTOK_SEED_DEMO_SHOP", "true"),
        ("RUSTOK_OUTBOX_RELAY", "false"),
        ("RUSTOK_INDEX_FILL_ON_BOOT", "false"),
    ])
    .await
}

impl TestApp {
    /// Delivers every pending event, as the server's relay does continuously.
    pub async fn settle(&self) {
        let relay = self.state.relay().expect("the outbox relay");
        while relay.relay_pending_events().await.expect("relay") > 0 {}
    }

    /// Builds the index of every tenant not built yet, as the server does at boot.
    pub async fn build_index(&self) {
        self.settle().await;
        self.state
            .product_index
            .fill_missing()
            .await
            .expect("index build");
    }
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
async fn visitors_get_the_same_answers_from_the_index_as_from_the_write_model() {
    let app = shop().await;
    let region = region_id(&app).await;
    let paths = [
        "/api/v1/commerce/products".to_string(),
        "/api/v1/commerce/products?limit=5".to_string(),
        format!("/api/v1/commerce/products?region_id={region}"),
        format!("/api/v1/commerce/products?region_id={region}&min_price=1000&max_price=3000"),
        "/api/v1/commerce/products?in_stock=true&locale=de".to_string(),
        "/api/v1/commerce/products?tag=demo".to_string(),
    ];
    let mut before = Vec::new();
    for path in &paths {
        before.push(app.guest().get(path).expect_json(StatusCode::OK).await);
    }
    let first = before[0]["items"][0].clone();
    let handle = first["handle"].as_str().unwrap().to_string();
    let by_handle = format!("/api/v1/commerce/products/{handle}?region_id={region}");
    let single = app
        .guest()
        .get(&by_handle)
        .expect_json(StatusCode::OK)
        .await;

    app.build_index().await;
    for (path, expected) in paths.iter().zip(&before) {
        let answer = app.guest().get(path).expect_json(StatusCode::OK).await;
        assert_eq!(&answer, expected, "{path}");
    }
    assert_eq!(
        app.guest()
            .get(&by_handle)
            .expect_json(StatusCode::OK)
            .await,
        single
    );
    // The second page follows the first's cursor, as before.
    let page = &before[1];
    let cursor = page["next_cursor"].as_str().expect("a second page");
    let next = app
        .guest()
        .get(&format!("/api/v1/commerce/products?limit=5&after={cursor}"))
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(next["items"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn an_edit_reaches_visitors_when_its_event_is_indexed_and_staff_see_it_at_once() {
    let app = shop().await;
    app.build_index().await;
    let operator = app.operator().await;
    let listed = app
        .guest()
        .get("/api/v1/commerce/products?limit=1")
        .expect_json(StatusCode::OK)
        .await;
    let product: &Value = &listed["items"][0];
    let id = product["id"].as_str().unwrap();
    let path = format!("/api/v1/commerce/products/{id}");
    let edit = json!({"translations": [{"locale": "en", "title": "Renamed"}]});
    operator
        .patch(&path, edit)
        .expect_json(StatusCode::OK)
        .await;

    let staff = operator.get(&path).expect_json(StatusCode::OK).await;
    assert_eq!(staff["title"], "Renamed");
    // Visitors read the index: the old title until the event is delivered.
    let visitor = app.guest().get(&path).expect_json(StatusCode::OK).await;
    assert_eq!(visitor["title"], product["title"]);
    app.settle().await;
    let visitor = app.guest().get(&path).expect_json(StatusCode::OK).await;
    assert_eq!(visitor["title"], "Renamed");

    // Archived: 404 for visitors (REST) and null (GraphQL), still there for staff.
    operator
        .patch(&path, json!({"status": "archived"}))
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    app.guest().get(&path).problem(404, "not_found").await;
    let query = format!(r#"{{ product(id: "{id}") {{ id }} }}"#);
    let answer = app.guest().graphql_data(&query, json!({})).await;
    assert!(answer["product"].is_null(), "{answer}");
    operator.get(&path).expect_json(StatusCode::OK).await;
}

#[tokio::test]
async fn graphql_visitors_list_from_the_index_with_calculated_prices() {
    let app = shop().await;
    let region = region_id(&app).await;
    let query = r#"query($region: ID!) {
      products(regionId: $region, first: 50) {
        items { id handle title variants { id calculatedPrice currency inStock } }
        nextCursor
      }
    }"#;
    let before = app
        .guest()
        .graphql_data(query, json!({"region": region}))
        .await;
    app.build_index().await;
    let after = app
        .guest()
        .graphql_data(query, json!({"region": region}))
        .await;
    assert_eq!(after, before);
    assert_eq!(after["products"]["items"].as_array().unwrap().len(), 12);
}

#[tokio::test]
async fn the_hot_cache_answers_304_to_a_known_etag_and_drops_bytes_when_the_index_changes() {
    let app = shop().await;
    app.build_index().await;
    let path = "/api/v1/commerce/products/classic-tee";
    let first = app.guest().get(path).expect_status(StatusCode::OK).await;
    let etag = first.headers["etag"].to_str().unwrap().to_string();
    assert_eq!(first.headers["cache-control"], "public, no-cache");
    let again = app.guest().get(path).expect_status(StatusCode::OK).await;
    assert_eq!(again.body, first.body);
    assert_eq!(again.headers["etag"].to_str().unwrap(), etag);
    let revalidated = app
        .guest()
        .get(path)
        .header("If-None-Match", &etag)
        .expect_status(StatusCode::NOT_MODIFIED)
        .await;
    assert!(revalidated.body.is_empty());

    let operator = app.operator().await;
    let id = first.json()["id"].as_str().unwrap().to_string();
    let edit = json!({"translations": [{"locale": "en", "title": "Classic Tee, reissued"}]});
    operator
        .patch(&format!("/api/v1/commerce/products/{id}"), edit)
        .expect_json(StatusCode::OK)
        .await;
    app.settle().await;
    let changed = app
        .guest()
        .get(path)
        .header("If-None-Match", &etag)
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(changed.json()["title"], "Classic Tee, reissued");
    assert_ne!(changed.headers["etag"].to_str().unwrap(), etag);
}

#[tokio::test]
async fn cached_bytes_never_cross_tenants_and_staff_reads_bypass_the_cache() {
    let app = shop().await;
    app.create_tenant("other", "owner@other.test", "owner-pass-123")
        .await;
    let owner = crate::support::accounts::access_token(
        &app.login(Some("other"), "owner@other.test", "owner-pass-123")
            .await,
    );
    let staff = app.signed_in("other", &owner);
    let product = json!({
        "handle": "classic-tee",
        "status": "published",
        "translations": [{"locale": "en", "title": "Other tenant's tee"}],
        "variants": [{"title": "One", "prices": [{"currency": "EUR", "amount": 100}], "stock": 1}],
    });
    staff
        .post("/api/v1/commerce/products", product)
        .expect_json(StatusCode::CREATED)
        .await;
    let draft = json!({"handle": "secret", "translations": [{"locale": "en", "title": "Secret"}]});
    staff
        .post("/api/v1/commerce/products", draft)
        .expect_json(StatusCode::CREATED)
        .await;
    app.build_index().await;

    let path = "/api/v1/commerce/products/classic-tee";
    let demo = app.guest().get(path).expect_json(StatusCode::OK).await;
    let other = app
        .anonymous("other")
        .get(path)
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(demo["title"], "Classic T-Shirt");
    assert_eq!(other["title"], "Other tenant's tee");
    assert_eq!(
        app.guest().get(path).expect_json(StatusCode::OK).await,
        demo
    );

    // Staff see the draft (they never read cached bytes); visitors never do.
    let secret = "/api/v1/commerce/products/secret";
    staff.get(secret).expect_json(StatusCode::OK).await;
    app.anonymous("other")
        .get(secret)
        .problem(404, "not_found")
        .await;
    staff.get(secret).expect_json(StatusCode::OK).await;
    let listed = app
        .anonymous("other")
        .get("/api/v1/commerce/products")
        .expect_json(StatusCode::OK)
        .await;
    let handles: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["handle"].as_str().unwrap())
        .collect();
    assert_eq!(handles, vec!["classic-tee"]);
}

#[tokio::test]
async fn a_module_switched_off_stops_cached_answers_at_once() {
    let app = shop().await;
    app.build_index().await;
    let path = "/api/v1/commerce/products";
    app.guest().get(path).expect_json(StatusCode::OK).await;
    let operator = app.operator().await;
    operator
        .put("/api/v1/modules/commerce", json!({"enabled": false}))
        .expect_json(StatusCode::OK)
        .await;
    app.guest().get(path).problem(404, "module_disabled").await;
}

#[tokio::test]
async fn a_server_fills_a_missing_index_in_the_background_while_visitors_read_the_write_model() {
    // The demo shop was seeded with the relay off: no event reached the index, no build ran.
    let app = TestApp::spawn_with(&[
        ("RUSTOK_SEED_DEMO_SHOP", "true"),
        ("RUSTOK_OUTBOX_RELAY", "false"),
    ])
    .await;
    let operator = app.operator().await;
    // Visitors are served at once, whatever the build's progress.
    let listed = app
        .guest()
        .get("/api/v1/commerce/products?limit=100")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 12);
    let status = index_status_when_ready(&operator, "/api/v1/index/status", 30).await;
    assert_eq!(
        (status["status"].as_str(), status["rows"].as_u64()),
        (Some("ready"), Some(24)),
        "{status}"
    );
    let indexed = app
        .guest()
        .get("/api/v1/commerce/products?limit=100")
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(indexed, listed);
}

#[tokio::test]
async fn tenant_admins_see_the_index_status_and_rebuild_it_in_the_background() {
    let app = shop().await;
    let operator = app.operator().await;
    app.build_index().await;
    let ready = operator
        .get("/api/v1/index/status")
        .expect_json(StatusCode::OK)
        .await;
    // A dozen demo products in English and German.
    assert_eq!(
        (ready["status"].as_str(), ready["rows"].as_u64()),
        (Some("ready"), Some(24))
    );

    let started = operator
        .post("/api/v1/index/rebuild", json!({}))
        .expect_json(StatusCode::ACCEPTED)
        .await;
    assert_eq!(started["status"], "building");
    let status = index_status_when_ready(&operator, "/api/v1/index/status", 5).await;
    assert_eq!(
        (status["status"].as_str(), status["rows"].as_u64()),
        (Some("ready"), Some(24))
    );
    assert_eq!(status["done"], 12);
    let gql = operator
        .graphql_data("{ indexStatus { status rows errors } }", json!({}))
        .await;
    assert_eq!(
        gql["indexStatus"],
        json!({"status": "ready", "rows": 24, "errors": 0})
    );

    // Customers and visitors may not.
    let customer = app.customer("demo", "ann@example.com").await;
    app.with_token(&customer)
        .get("/api/v1/index/status")
        .problem(403, "forbidden")
        .await;
    app.guest()
        .post("/api/v1/index/rebuild", json!({}))
        .problem(401, "missing_token")
        .await;
}

#[tokio::test]
async fn a_region_read_by_one_tenant_is_never_another_tenants() {
    let app = shop().await;
    let region = region_id(&app).await;
    let priced = format!("/api/v1/commerce/products?limit=1&region_id={region}");
    // The demo shop's priced read keeps the region's currency in the process.
    let page = app.guest().get(&priced).expect_json(StatusCode::OK).await;
    assert_eq!(page["items"][0]["variants"][0]["currency"], "EUR");
    app.tenant_admin("acme").await;
    let acme = app.anonymous("acme");
    for _ in 0..2 {
        acme.get(&priced).problem(404, "not_found").await;
    }
}
