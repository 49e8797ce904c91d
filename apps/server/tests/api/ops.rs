use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::{ADMIN_EMAIL, TestApp, texts};

#[tokio::test]
async fn liveness_and_readiness_answer() {
    let app = TestApp::spawn().await;
    let live = app.get("/health").expect_status(StatusCode::OK).await;
    assert_eq!(live.json()["status"], "ok");

    let ready = app.get("/health/ready").expect_json(StatusCode::OK).await;
    assert_eq!(ready["status"], "healthy");
    let slugs = texts(&ready["modules"], "slug");
    assert_eq!(
        slugs,
        vec![
            "tenant", "rbac", "auth", "audit", "content", "blog", "forum", "pages", "commerce",
            "index", "events"
        ],
        "dependency order"
    );
    for module in ready["modules"].as_array().unwrap() {
        assert!(module["latency_ms"].as_f64().unwrap() >= 0.0);
    }
}

#[tokio::test]
async fn readiness_is_503_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.state.db.clone().close().await.unwrap();
    let ready = app
        .get("/health/ready")
        .expect_json(StatusCode::SERVICE_UNAVAILABLE)
        .await;
    assert_eq!(ready["status"], "unhealthy");
    let tenant = ready["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == "tenant")
        .unwrap();
    assert_eq!(tenant["status"], "unhealthy");
    assert!(tenant["reason"].as_str().unwrap().contains("database"));
}

#[tokio::test]
async fn metrics_count_requests_by_route_template() {
    let (app, operator) = TestApp::with_operator().await;
    let id = uuid::Uuid::new_v4();
    operator
        .get(&format!("/api/v1/tenants/{id}"))
        .problem(404, "not_found")
        .await;
    let text = app.get("/metrics").send().await.text();
    assert!(
        text.contains(r#"rustok_http_requests_total{method="GET",route="/api/v1/tenants/{id}",status="404"} 1"#),
        "{text}"
    );
    assert!(text.contains(
        r#"rustok_http_requests_total{method="POST",route="/api/v1/auth/login",status="200"} 1"#
    ));
    assert!(
        !text.contains(&id.to_string()),
        "raw paths must not become labels"
    );
    assert!(text.contains("rustok_http_request_duration_seconds_bucket"));
    for name in [
        "rustok_tenant_cache_hits_total",
        "rustok_tenant_cache_misses_total",
        "rustok_outbox_published_total",
        "rustok_outbox_dispatched_total",
        "rustok_outbox_failed_total",
        "rustok_outbox_dead_total",
    ] {
        assert!(
            text.contains(&format!("# TYPE {name} counter")),
            "{name} missing"
        );
    }
}

#[tokio::test]
async fn unknown_routes_are_problem_json() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/nothing-here")
        .problem(404, "not_found")
        .await;
}

/// Every REST route the router serves is in the OpenAPI document, and vice versa.
#[tokio::test]
async fn openapi_documents_every_route() {
    let app = TestApp::spawn().await;
    let doc = app
        .get("/api/openapi.json")
        .expect_json(StatusCode::OK)
        .await;
    let documented: BTreeSet<String> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |method| format!("{} {path}", method.to_uppercase()))
        })
        .collect();
    let expected: BTreeSet<String> = [
        "GET /health",
        "GET /health/ready",
        "GET /metrics",
        "POST /api/v1/auth/register",
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/refresh",
        "POST /api/v1/auth/logout",
        "GET /api/v1/auth/me",
        "GET /api/v1/tenants",
        "POST /api/v1/tenants",
        "GET /api/v1/tenants/{id}",
        "PATCH /api/v1/tenants/{id}",
        "DELETE /api/v1/tenants/{id}",
        "GET /api/v1/tenants/{id}/domains",
        "POST /api/v1/tenants/{id}/domains",
        "DELETE /api/v1/tenants/{id}/domains/{domain_id}",
        "GET /api/v1/modules",
        "PUT /api/v1/modules/{slug}",
        "GET /api/v1/rbac/roles",
        "PUT /api/v1/rbac/roles/{role}",
        "DELETE /api/v1/rbac/roles/{role}",
        "GET /api/v1/audit",
        "GET /api/v1/events/dead",
        "POST /api/v1/events/dead/retry",
        "POST /api/v1/events/{id}/retry",
        "POST /api/v1/events/replay",
        "GET /api/v1/events/consumers",
        "GET /api/v1/index/status",
        "POST /api/v1/index/rebuild",
        "GET /api/v1/content/nodes",
        "GET /api/v1/content/search",
        "POST /api/v1/content/nodes",
        "GET /api/v1/content/nodes/{id}",
        "GET /api/v1/content/nodes/by-slug/{kind}/{slug}",
        "PATCH /api/v1/content/nodes/{id}",
        "DELETE /api/v1/content/nodes/{id}",
        "POST /api/v1/content/nodes/{id}/transitions",
        "GET /api/v1/content/nodes/{id}/revisions",
        "POST /api/v1/content/nodes/{id}/revisions/{version}/restore",
        "GET /api/v1/content/tags",
        "GET /api/v1/content/categories",
        "POST /api/v1/content/categories",
        "PATCH /api/v1/content/categories/{id}",
        "DELETE /api/v1/content/categories/{id}",
        "GET /api/v1/blog/posts",
        "POST /api/v1/blog/posts",
        "GET /api/v1/blog/posts/{id}",
        "PATCH /api/v1/blog/posts/{id}",
        "DELETE /api/v1/blog/posts/{id}",
        "GET /api/v1/blog/posts/by-slug/{slug}",
        "POST /api/v1/blog/posts/{id}/transitions",
        "PUT /api/v1/blog/posts/{id}/flags",
        "GET /api/v1/blog/posts/{id}/comments",
        "POST /api/v1/blog/posts/{id}/comments",
        "GET /api/v1/blog/comments",
        "POST /api/v1/blog/comments/{id}/moderation",
        "DELETE /api/v1/blog/comments/{id}",
        "GET /api/v1/forum/forums",
        "POST /api/v1/forum/forums",
        "GET /api/v1/forum/forums/{id}",
        "PATCH /api/v1/forum/forums/{id}",
        "DELETE /api/v1/forum/forums/{id}",
        "GET /api/v1/forum/forums/by-slug/{slug}",
        "GET /api/v1/forum/forums/{id}/topics",
        "POST /api/v1/forum/forums/{id}/topics",
        "GET /api/v1/forum/topics/{id}",
        "PATCH /api/v1/forum/topics/{id}",
        "DELETE /api/v1/forum/topics/{id}",
        "GET /api/v1/forum/topics/by-slug/{slug}",
        "POST /api/v1/forum/topics/{id}/moderation",
        "GET /api/v1/forum/topics/{id}/replies",
        "POST /api/v1/forum/topics/{id}/replies",
        "PATCH /api/v1/forum/replies/{id}",
        "DELETE /api/v1/forum/replies/{id}",
        "GET /api/v1/pages",
        "POST /api/v1/pages",
        "GET /api/v1/pages/by-slug/{slug}",
        "GET /api/v1/pages/{id}",
        "PATCH /api/v1/pages/{id}",
        "DELETE /api/v1/pages/{id}",
        "POST /api/v1/pages/{id}/transitions",
        "GET /api/v1/pages/menus",
        "POST /api/v1/pages/menus",
        "GET /api/v1/pages/menus/by-handle/{handle}",
        "GET /api/v1/pages/menus/{id}",
        "PATCH /api/v1/pages/menus/{id}",
        "DELETE /api/v1/pages/menus/{id}",
        "POST /api/v1/pages/menus/{id}/items",
        "PATCH /api/v1/pages/menus/{id}/items/{item_id}",
        "DELETE /api/v1/pages/menus/{id}/items/{item_id}",
        "GET /api/v1/commerce/products",
        "POST /api/v1/commerce/products",
        "GET /api/v1/commerce/products/{id}",
        "PATCH /api/v1/commerce/products/{id}",
        "DELETE /api/v1/commerce/products/{id}",
        "POST /api/v1/commerce/products/{id}/variants",
        "POST /api/v1/commerce/products/{id}/options",
        "PATCH /api/v1/commerce/products/{id}/options/{option_id}",
        "DELETE /api/v1/commerce/products/{id}/options/{option_id}",
        "PATCH /api/v1/commerce/variants/{id}",
        "DELETE /api/v1/commerce/variants/{id}",
        "PUT /api/v1/commerce/variants/{id}/prices",
        "GET /api/v1/commerce/variants/{id}/stock",
        "PUT /api/v1/commerce/variants/{id}/stock",
        "GET /api/v1/commerce/regions",
        "POST /api/v1/commerce/regions",
        "PATCH /api/v1/commerce/regions/{id}",
        "POST /api/v1/commerce/regions/{id}/shipping-options",
        "DELETE /api/v1/commerce/shipping-options/{id}",
        "DELETE /api/v1/commerce/prices/{id}",
        "POST /api/v1/commerce/price-lists",
        "GET /api/v1/commerce/collections",
        "POST /api/v1/commerce/collections",
        "PATCH /api/v1/commerce/collections/{id}",
        "DELETE /api/v1/commerce/collections/{id}",
        "GET /api/v1/commerce/categories",
        "POST /api/v1/commerce/categories",
        "PATCH /api/v1/commerce/categories/{id}",
        "DELETE /api/v1/commerce/categories/{id}",
        "POST /api/v1/commerce/carts",
        "GET /api/v1/commerce/carts/{id}",
        "POST /api/v1/commerce/carts/{id}/items",
        "PATCH /api/v1/commerce/carts/{id}/items/{item_id}",
        "DELETE /api/v1/commerce/carts/{id}/items/{item_id}",
        "PUT /api/v1/commerce/carts/{id}/shipping-option",
        "POST /api/v1/commerce/carts/{id}/checkout",
        "GET /api/v1/commerce/orders",
        "GET /api/v1/commerce/orders/{id}",
        "POST /api/v1/commerce/orders/{id}/transitions",
        "POST /api/v1/commerce/orders/{id}/notes",
        "GET /api/v1/commerce/me/orders",
        "GET /api/v1/commerce/search",
        "GET /api/graphql",
        "POST /api/graphql",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(documented, expected);

    // Each documented route is really served (a concrete path answers with something other
    // than the router's "no route" fallback).
    let operator = app.operator().await;
    for entry in &documented {
        let (method, path) = entry.split_once(' ').unwrap();
        let concrete = path
            .replace("{id}", &uuid::Uuid::new_v4().to_string())
            .replace("{domain_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{slug}", "tenant")
            .replace("{role}", "editor")
            .replace("{version}", "1")
            .replace("{kind}", "post")
            .replace("{handle}", "main")
            .replace("{item_id}", &uuid::Uuid::new_v4().to_string());
        let method: Method = method.parse().unwrap();
        let mut call = operator.call(method.clone(), &concrete);
        if method != Method::GET && method != Method::DELETE {
            call = call.json(json!({}));
        }
        let response = call.send().await;
        let is_fallback = response.status == StatusCode::NOT_FOUND
            && response.json()["detail"] == "route not found";
        assert!(!is_fallback, "{entry} is documented but not routed");
        assert_ne!(response.status, StatusCode::METHOD_NOT_ALLOWED, "{entry}");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn swagger_and_graphql_explorer_are_served_offline() {
    let app = TestApp::spawn().await;
    let swagger = app.get("/swagger/").expect_status(StatusCode::OK).await;
    let html = swagger.text();
    assert!(html.contains("swagger"), "{html}");
    assert!(
        !html.contains("https://"),
        "Swagger UI must not load remote assets"
    );
    let bundle = app
        .get("/swagger/swagger-ui-bundle.js")
        .expect_status(StatusCode::OK)
        .await;
    assert!(bundle.body.len() > 100_000);

    let explorer = app.get("/api/graphql").expect_status(StatusCode::OK).await;
    let html = explorer.text();
    assert!(html.contains("GraphiQL"));
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "the IDE must not load remote assets"
    );
    for asset in [
        "graphiql.min.js",
        "graphiql.min.css",
        "react.production.min.js",
        "react-dom.production.min.js",
    ] {
        assert!(
            html.contains(&format!("/assets/graphiql/{asset}")),
            "{asset} not referenced"
        );
        let served = app.get(&format!("/assets/graphiql/{asset}")).send().await;
        assert_eq!(served.status, StatusCode::OK, "{asset}");
        assert_eq!(served.headers.get("content-encoding").unwrap(), "gzip");
        assert_eq!(&served.body[..2], &[0x1f, 0x8b], "{asset} is gzip data");
    }
    app.get("/assets/graphiql/nope.js")
        .problem(404, "not_found")
        .await;
}

#[tokio::test]
async fn graphql_answers_public_and_private_queries() {
    let app = TestApp::spawn().await;
    let anonymous = app
        .guest()
        .graphql(
            "{ me { id email role } tenant { id slug name } modules { slug enabled } }",
            json!({}),
        )
        .await;
    assert!(anonymous["errors"].is_null(), "{anonymous}");
    assert!(anonymous["data"]["me"].is_null());
    assert_eq!(anonymous["data"]["tenant"]["slug"], "demo");
    assert_eq!(anonymous["data"]["modules"][0]["slug"], "tenant");
    assert_eq!(anonymous["data"]["modules"][0]["enabled"], true);

    let operator = app.operator().await;
    let signed_in = operator.graphql("{ me { email role } }", json!({})).await;
    assert_eq!(signed_in["data"]["me"]["email"], ADMIN_EMAIL);
    assert_eq!(signed_in["data"]["me"]["role"], "super_admin");

    // A token that is sent must be valid: no silent downgrade to anonymous.
    app.post("/api/graphql", json!({"query": "{ me { id } }"}))
        .bearer("garbage")
        .problem(401, "invalid_token")
        .await;

    // The introspection query GraphQL IDEs send (9 levels of `ofType`) is within the limits.
    let type_ref = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }";
    let introspection = format!(
        "{{ __schema {{ queryType {{ name }} mutationType {{ name }} types {{ kind name fields(includeDeprecated: true) {{ name args {{ name type {{ {type_ref} }} }} type {{ {type_ref} }} }} inputFields {{ name type {{ {type_ref} }} }} }} }} }}"
    );
    let schema = app.guest().graphql(&introspection, json!({})).await;
    assert!(schema["errors"].is_null(), "{}", schema["errors"]);
    assert_eq!(schema["data"]["__schema"]["queryType"]["name"], "QueryRoot");
    let too_deep = format!(
        "{{ __schema {{ types {{ fields {{ type {{ {}name{} }} }} }} }} }}",
        "ofType { ".repeat(18),
        " }".repeat(18)
    );
    let refused = app.guest().graphql(&too_deep, json!({})).await;
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nested too deep"),
        "{refused}"
    );

    let syntax = app.guest().graphql("{ tenant { ", json!({})).await;
    assert!(syntax["errors"][0]["message"].is_string());
}

#[tokio::test]
async fn wrong_methods_are_problem_json_and_requests_get_ids() {
    let app = TestApp::spawn().await;
    let response = app.call(Method::DELETE, "/api/v1/auth/login").send().await;
    response.assert_problem(405, "method_not_allowed");
    let generated = response
        .headers
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(generated.len(), 26, "a ULID");
    let echoed = app
        .get("/health")
        .header("X-Request-Id", "trace-me-123")
        .send()
        .await;
    assert_eq!(echoed.headers.get("x-request-id").unwrap(), "trace-me-123");
    let replaced = app
        .get("/health")
        .header("X-Request-Id", "bad id!")
        .send()
        .await;
    assert_ne!(replaced.headers.get("x-request-id").unwrap(), "bad id!");
}

/// The GraphQL schema is kept in `docs/schema.graphql` for integrators (and so a change of the
/// public API shows in review). Regenerate: `UPDATE_GRAPHQL_SCHEMA=1 cargo test -p rustok-server
/// --test api graphql_schema`.
#[test]
fn the_published_graphql_schema_is_current() {
    let sdl = rustok_server::graphql::build_schema().sdl();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schema.graphql");
    if std::env::var_os("UPDATE_GRAPHQL_SCHEMA").is_some() {
        std::fs::write(path, &sdl).unwrap();
    }
    let published = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        published == sdl,
        "docs/schema.graphql is out of date: rerun with UPDATE_GRAPHQL_SCHEMA=1"
    );
    // Every module contributes its operations.
    for field in [
        "nodes(",
        "nodeBySlug(",
        "blogPosts(",
        "addBlogComment(",
        "forumTopics(",
        "forumCreateReply(",
        "pageBySlug(",
        "menu(",
        "products(",
        "checkout(",
        "transitionOrder(",
    ] {
        assert!(sdl.contains(field), "schema lacks {field}");
    }
}

/// Every pooled SQLite connection is opened alike: a pragma run after connecting would reach one
/// connection only, and the others would fsync each commit (`synchronous = FULL`) and map the
/// database file into memory.
#[tokio::test]
async fn every_sqlite_connection_of_the_pool_has_the_same_settings() {
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    if db.get_database_backend() != sea_orm::DbBackend::Sqlite {
        return;
    }
    // Transactions held open at once each keep a connection of their own.
    let mut open = Vec::new();
    for _ in 0..4 {
        open.push(db.begin().await.unwrap());
    }
    for txn in &open {
        let mut settings = Vec::new();
        for pragma in [
            "journal_mode",
            "synchronous",
            "foreign_keys",
            "busy_timeout",
            "cache_size",
            "mmap_size",
        ] {
            let row = txn
                .query_one_raw(Statement::from_string(
                    sea_orm::DbBackend::Sqlite,
                    format!("PRAGMA {pragma}"),
                ))
                .await
                .unwrap()
                .unwrap();
            let value = row
                .try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .unwrap();
            settings.push(value);
        }
        assert_eq!(settings, ["wal", "1", "1", "5000", "-2048", "0"]);
    }
}
