use axum::http::{Method, StatusCode};
use rustok_core::TenantId;
use rustok_rbac::Role;
use rustok_server::services::auth::{Claims, JwtKeys};
use serde_json::json;

use crate::support::accounts::{MEMBER_PASSWORD, OWNER_PASSWORD};
use crate::support::{ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, all_at_once, count_status, texts};

#[tokio::test]
async fn demo_admin_logs_in_and_calls_me() {
    let app = TestApp::spawn().await;
    let tokens = app.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 900);
    assert!(tokens["refresh_token"].as_str().unwrap().len() >= 64);

    let me = app
        .get("/api/v1/auth/me")
        .bearer(tokens["access_token"].as_str().unwrap())
        .expect_json(StatusCode::OK)
        .await;
    assert_eq!(me["email"], ADMIN_EMAIL);
    assert_eq!(me["role"], "super_admin");
    assert!(me.get("password_hash").is_none());
}

#[tokio::test]
async fn wrong_password_and_unknown_email_look_the_same() {
    let app = TestApp::spawn().await;
    let wrong = app
        .post(
            "/api/v1/auth/login",
            json!({"email": ADMIN_EMAIL, "password": "not-the-password"}),
        )
        .send()
        .await;
    let wrong = wrong.assert_problem(401, "invalid_credentials");
    let unknown = app
        .post(
            "/api/v1/auth/login",
            json!({"email": "nobody@demo.local", "password": "whatever1"}),
        )
        .send()
        .await;
    let unknown = unknown.assert_problem(401, "invalid_credentials");
    assert_eq!(wrong["detail"], unknown["detail"]);
}

#[tokio::test]
async fn malformed_input_is_a_clear_problem() {
    let app = TestApp::spawn().await;
    app.call(Method::POST, "/api/v1/auth/login")
        .raw("application/json", "{\"email\": ")
        .problem(400, "malformed_json")
        .await;
    let missing = app
        .post("/api/v1/auth/login", json!({"email": ADMIN_EMAIL}))
        .problem(422, "validation_failed")
        .await;
    assert!(
        missing["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("password")
    );
    // serde would read the struct from an array of its fields; a body is an object.
    let array = app
        .call(Method::POST, "/api/v1/auth/login")
        .raw(
            "application/json",
            format!("[\"{ADMIN_EMAIL}\", \"password\"]"),
        )
        .problem(422, "validation_failed")
        .await;
    assert_eq!(array["errors"][0]["message"], "must be a JSON object");
    app.call(Method::POST, "/api/v1/auth/login")
        .raw("text/plain", "email=x")
        .problem(415, "unsupported_media_type")
        .await;
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let app = TestApp::spawn_with(&[("RUSTOK_BODY_LIMIT_BYTES", "4096")]).await;
    let big = json!({"email": ADMIN_EMAIL, "password": "x".repeat(10_000)}).to_string();
    app.call(Method::POST, "/api/v1/auth/login")
        .raw("application/json", big.clone())
        .problem(413, "payload_too_large")
        .await;
    // Without a Content-Length the limit applies while reading.
    app.call(Method::POST, "/api/v1/auth/login")
        .streamed("application/json", big.into_bytes())
        .problem(413, "payload_too_large")
        .await;
}

#[tokio::test]
async fn default_body_limit_is_two_mebibytes() {
    let app = TestApp::spawn().await;
    let body = vec![b' '; 2 * 1024 * 1024 + 1];
    app.call(Method::POST, "/api/graphql")
        .raw("application/json", body)
        .problem(413, "payload_too_large")
        .await;
}

#[tokio::test]
async fn expired_and_forged_tokens_are_rejected() {
    let app = TestApp::spawn().await;
    let tokens = app.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let me = app
        .get("/api/v1/auth/me")
        .bearer(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .json();
    let user_id = me["id"].as_str().unwrap().parse().unwrap();
    let tenant_id: uuid::Uuid = me["tenant_id"].as_str().unwrap().parse().unwrap();

    let now = chrono::Utc::now().timestamp();
    let expired = app
        .state
        .auth
        .keys()
        .encode(&Claims {
            sub: user_id,
            tid: tenant_id,
            role: Role::SuperAdmin,
            iat: now - 3600,
            exp: now - 600,
        })
        .unwrap();
    app.get("/api/v1/auth/me")
        .bearer(&expired)
        .problem(401, "token_expired")
        .await;

    let forged = JwtKeys::new(b"someone-elses-secret-of-enough-length!!", 900)
        .issue(user_id, TenantId::from_uuid(tenant_id), Role::SuperAdmin)
        .unwrap();
    app.get("/api/v1/auth/me")
        .bearer(&forged)
        .problem(401, "invalid_token")
        .await;

    app.get("/api/v1/auth/me")
        .bearer("not.a.jwt")
        .problem(401, "invalid_token")
        .await;
    app.get("/api/v1/auth/me")
        .header("Authorization", "Basic YWRtaW46YWRtaW4=")
        .problem(401, "invalid_token")
        .await;
    let missing = app.get("/api/v1/auth/me").send().await;
    missing.assert_problem(401, "missing_token");
    assert_eq!(missing.headers.get("www-authenticate").unwrap(), "Bearer");
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = TestApp::spawn().await;
    let first = app.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let refresh = |token: &str| {
        app.post("/api/v1/auth/refresh", json!({"refresh_token": token}))
            .send()
    };

    let second = refresh(first["refresh_token"].as_str().unwrap()).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text());
    let second = second.json();
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    app.get("/api/v1/auth/me")
        .bearer(second["access_token"].as_str().unwrap())
        .expect_status(StatusCode::OK)
        .await;

    // The rotated token is spent: using it again is treated as theft...
    refresh(first["refresh_token"].as_str().unwrap())
        .await
        .assert_problem(401, "token_reused");
    // ...and the whole family, including the newest token, is revoked.
    refresh(second["refresh_token"].as_str().unwrap())
        .await
        .assert_problem(401, "token_reused");

    // A separate login is unaffected.
    let other = app.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(
        refresh(other["refresh_token"].as_str().unwrap())
            .await
            .status,
        StatusCode::OK
    );

    refresh("0000").await.assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn concurrent_refreshes_of_one_token_yield_one_winner() {
    let app = TestApp::spawn().await;
    let tokens = app.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let token = tokens["refresh_token"].as_str().unwrap();
    let attempts =
        (0..4).map(|_| app.post("/api/v1/auth/refresh", json!({"refresh_token": token})));
    let results = all_at_once(attempts).await;
    let winners = count_status(&results, StatusCode::OK);
    assert!(winners <= 1, "{winners} concurrent refreshes succeeded");
}

#[tokio::test]
async fn logout_ends_the_login() {
    let app = TestApp::spawn().await;
    let tokens = app.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let refresh = json!({"refresh_token": tokens["refresh_token"]});
    let logout = || app.post("/api/v1/auth/logout", refresh.clone());
    logout().expect_status(StatusCode::NO_CONTENT).await;
    app.post("/api/v1/auth/refresh", refresh.clone())
        .problem(401, "token_reused")
        .await;
    // Logging out twice is fine.
    logout().expect_status(StatusCode::NO_CONTENT).await;
}

#[tokio::test]
async fn repeated_failed_logins_are_rate_limited() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        app.post(
            "/api/v1/auth/login",
            json!({"email": ADMIN_EMAIL, "password": "wrong-password"}),
        )
        .problem(401, "invalid_credentials")
        .await;
    }
    let limited = app
        .post(
            "/api/v1/auth/login",
            json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
        )
        .send()
        .await;
    limited.assert_problem(429, "rate_limited");
    assert!(limited.headers.get("retry-after").is_some());
    // Another account is not affected.
    app.registered("demo", "c@demo.local").await;
    app.login(None, "c@demo.local", MEMBER_PASSWORD).await;
}

/// Parallel guesses cannot outrun the limit: each takes its attempt before its password is
/// checked, so of 20 sent at once only the configured 5 are checked at all.
#[tokio::test]
async fn parallel_wrong_logins_stay_within_the_limit() {
    let app = TestApp::spawn().await;
    let guesses = (0..20).map(|i| {
        app.post(
            "/api/v1/auth/login",
            json!({"email": ADMIN_EMAIL, "password": format!("wrong-password-{i}")}),
        )
    });
    let answers = all_at_once(guesses).await;
    assert_eq!(count_status(&answers, StatusCode::UNAUTHORIZED), 5);
    assert_eq!(count_status(&answers, StatusCode::TOO_MANY_REQUESTS), 15);
    // The right password is refused too until the window ends.
    app.post(
        "/api/v1/auth/login",
        json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
    )
    .problem(429, "rate_limited")
    .await;
}

/// Sign-in is limited per client address (`rate_limit.auth`, burst 10): an address over its
/// limit is answered 429 with `Retry-After` whatever it sends, while another address is
/// served; a forwarded address is believed from a trusted proxy only.
#[tokio::test]
async fn an_address_over_its_sign_in_limit_waits_while_others_are_served() {
    let app = TestApp::spawn_with(&[("RUSTOK_RATE_LIMIT_ENABLED", "true")]).await;
    let login = |i: usize| {
        app.post(
            "/api/v1/auth/login",
            json!({"email": format!("nobody{i}@demo.local"), "password": "wrong-password"}),
        )
    };
    for i in 0..10 {
        login(i)
            .peer("198.51.100.7:40000")
            .problem(401, "invalid_credentials")
            .await;
    }
    let limited = login(10).peer("198.51.100.7:40001").send().await;
    limited.assert_problem(429, "rate_limited");
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    // Another address; and a forwarded header from an untrusted peer changes nothing.
    login(11)
        .peer("198.51.100.8:40000")
        .problem(401, "invalid_credentials")
        .await;
    login(12)
        .peer("198.51.100.7:40002")
        .header("X-Forwarded-For", "203.0.113.5")
        .problem(429, "rate_limited")
        .await;
    // Other routes of the limited address keep their own, wider limit.
    app.get("/api/v1/auth/me")
        .peer("198.51.100.7:40003")
        .problem(401, "missing_token")
        .await;
}

#[tokio::test]
async fn registration_creates_a_customer_once() {
    let app = TestApp::spawn().await;
    let body = json!({"email": " Shopper@Example.COM ", "password": "shopper-pass", "name": "Ann"});
    let created = app
        .post("/api/v1/auth/register", body.clone())
        .expect_json(StatusCode::CREATED)
        .await;
    assert_eq!(created["user"]["email"], "shopper@example.com");
    assert_eq!(created["user"]["role"], "customer");
    assert!(created["access_token"].is_string());

    app.post("/api/v1/auth/register", body)
        .problem(409, "email_taken")
        .await;
    let bad = app
        .post(
            "/api/v1/auth/register",
            json!({"email": "not-an-email", "password": "short"}),
        )
        .problem(422, "validation_failed")
        .await;
    let fields = texts(&bad["errors"], "field");
    assert_eq!(fields, vec!["email", "password"]);
    app.login(None, "shopper@example.com", "shopper-pass").await;
}

#[tokio::test]
async fn registration_can_be_closed() {
    let app = TestApp::spawn_with(&[("RUSTOK_FEATURE_REGISTRATION", "false")]).await;
    app.post(
        "/api/v1/auth/register",
        json!({"email": "x@demo.local", "password": "password1"}),
    )
    .problem(403, "registration_closed")
    .await;
}

#[tokio::test]
async fn tokens_of_one_tenant_are_rejected_in_another() {
    let app = TestApp::spawn().await;
    let acme = app.tenant_owner("acme").await;
    let acme_token = acme["access_token"].as_str().unwrap();

    let home = app
        .get("/api/v1/auth/me")
        .bearer(acme_token)
        .tenant("acme")
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(home.json()["role"], "admin");

    app.get("/api/v1/auth/me")
        .bearer(acme_token)
        .tenant("demo")
        .problem(401, "invalid_token")
        .await;
    // Refresh tokens are tenant-scoped too.
    app.post(
        "/api/v1/auth/refresh",
        json!({"refresh_token": acme["refresh_token"]}),
    )
    .tenant("demo")
    .problem(401, "invalid_token")
    .await;
    // The same credentials do not exist in the demo tenant.
    app.post(
        "/api/v1/auth/login",
        json!({"email": "owner@acme.test", "password": OWNER_PASSWORD}),
    )
    .problem(401, "invalid_credentials")
    .await;
}

#[tokio::test]
async fn expired_refresh_tokens_are_purged() {
    use rustok_server::models::refresh_tokens;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, sea_query::Expr};
    let app = TestApp::spawn().await;
    app.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let live = app.login(None, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let first = refresh_tokens::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    let long_ago = chrono::Utc::now().fixed_offset() - chrono::Duration::days(3);
    refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::ExpiresAt, Expr::value(long_ago))
        .filter(refresh_tokens::Column::Id.eq(first[0].id))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(app.state.auth.purge_expired_tokens().await.unwrap(), 1);
    assert_eq!(
        refresh_tokens::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
    let refreshed = app
        .post(
            "/api/v1/auth/refresh",
            json!({"refresh_token": live["refresh_token"]}),
        )
        .send()
        .await;
    assert_eq!(
        refreshed.status,
        StatusCode::OK,
        "the live token still works"
    );
}
