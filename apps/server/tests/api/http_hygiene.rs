//! HTTP hygiene: security headers on every answer, HSTS when configured, CORS for the tenants'
//! own domains only, and a 413 that reaches a client that sends its whole oversized body.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::process;
use crate::support::{ADMIN_PASSWORD, TestApp, fresh_database};

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for response in [
        app.get("/api/v1/blog/posts").send().await,
        app.get("/api/v1/nowhere").send().await,
        app.get("/health").send().await,
    ] {
        let headers = &response.headers;
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["content-security-policy"], "frame-ancestors 'none'");
        assert!(headers.get("strict-transport-security").is_none());
        assert!(headers.get("server").is_none());
    }
    let behind_tls = TestApp::spawn_with(&[("RUSTOK_HSTS_MAX_AGE_SECS", "31536000")]).await;
    let response = behind_tls.get("/health").send().await;
    assert_eq!(
        response.headers["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

#[tokio::test]
async fn browsers_may_call_from_a_tenant_domain_only() {
    let app = TestApp::spawn().await;
    let created = app
        .create_tenant("acme", "owner@acme.test", "acme-owner-pass")
        .await;
    let acme_id = created["tenant"]["id"].as_str().unwrap().to_string();
    app.operator()
        .await
        .post(
            &format!("/api/v1/tenants/{acme_id}/domains"),
            json!({"host": "shop.acme.test"}),
        )
        .expect_status(StatusCode::CREATED)
        .await;
    let preflight = |origin: &str| {
        app.call(Method::OPTIONS, "/api/v1/commerce/products")
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header(
                "Access-Control-Request-Headers",
                "authorization, x-tenant-id",
            )
            .send()
    };
    let allowed = preflight("https://shop.acme.test").await;
    assert_eq!(allowed.status, StatusCode::OK);
    assert_eq!(
        allowed.headers["access-control-allow-origin"],
        "https://shop.acme.test"
    );
    let headers = allowed.headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(headers.contains("authorization") && headers.contains("x-tenant-id"));
    let refused = preflight("https://evil.test").await;
    assert!(refused.headers.get("access-control-allow-origin").is_none());
    // A simple request from the tenant's site can read the answer; one from elsewhere cannot.
    let read = app
        .get("/api/v1/blog/posts")
        .header("Origin", "http://shop.acme.test:8080")
        .send()
        .await;
    assert_eq!(
        read.headers["access-control-allow-origin"],
        "http://shop.acme.test:8080"
    );
    let foreign = app
        .get("/api/v1/blog/posts")
        .header("Origin", "https://evil.test")
        .send()
        .await;
    assert!(foreign.headers.get("access-control-allow-origin").is_none());
}

/// A client that writes its whole 3 MiB body before reading (as Python's `urllib` does) gets
/// the 413 problem, not a reset connection.
#[tokio::test]
async fn an_oversized_body_sent_whole_gets_its_413() {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, _guard) = fresh_database(dir.path()).await;
    let env = [
        ("RUSTOK_ADMIN_PASSWORD", ADMIN_PASSWORD),
        ("RUSTOK_SEED_DEMO_SHOP", "false"),
    ];
    let mut server = process::spawn(dir.path(), &database_url, &env);
    server.wait_ready().await;
    let body = format!("{{\"email\": \"{}\"}}", "x".repeat(3 * 1024 * 1024));
    for _ in 0..5 {
        let (status, answer) =
            process::request(server.port, "POST", "/api/v1/auth/login", &[], &body)
                .await
                .expect("an answer, not a reset");
        assert_eq!(status, 413, "{answer}");
        assert!(answer.contains("payload_too_large"), "{answer}");
    }
}
