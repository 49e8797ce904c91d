use axum::http::StatusCode;
use rustok_server::app::shared_state;
use serde_json::json;

use crate::support::{TestApp, texts};

const TENANT_QUERY: &str = "{ tenant { id slug name } }";

async fn tenant_slug(call: crate::support::Call<'_>) -> String {
    let response = call.expect_status(StatusCode::OK).await;
    response.json()["data"]["tenant"]["slug"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn tenant_resolves_from_header_then_host_then_default() {
    let app = TestApp::spawn().await;
    let created = app
        .create_tenant("acme", "owner@acme.test", "acme-owner-pass")
        .await;
    let acme_id = created["tenant"]["id"].as_str().unwrap().to_string();
    let operator = app.operator().await;
    let domain = operator
        .post(
            &format!("/api/v1/tenants/{acme_id}/domains"),
            json!({"host": "Shop.Acme.TEST"}),
        )
        .expect_status(StatusCode::CREATED)
        .await;
    assert_eq!(domain.json()["host"], "shop.acme.test");

    let query = json!({"query": TENANT_QUERY});
    // default
    assert_eq!(
        tenant_slug(app.post("/api/graphql", query.clone())).await,
        "demo"
    );
    // header by slug and by id
    assert_eq!(
        tenant_slug(app.post("/api/graphql", query.clone()).tenant("acme")).await,
        "acme"
    );
    assert_eq!(
        tenant_slug(app.post("/api/graphql", query.clone()).tenant(&acme_id)).await,
        "acme"
    );
    // hostname (with port), and the header wins over the hostname
    assert_eq!(
        tenant_slug(
            app.post("/api/graphql", query.clone())
                .header("Host", "shop.acme.test:8080")
        )
        .await,
        "acme"
    );
    assert_eq!(
        tenant_slug(
            app.post("/api/graphql", query.clone())
                .header("Host", "shop.acme.test")
                .tenant("demo")
        )
        .await,
        "demo"
    );
    // an unknown host falls back to the default tenant
    assert_eq!(
        tenant_slug(
            app.post("/api/graphql", query)
                .header("Host", "elsewhere.test")
        )
        .await,
        "demo"
    );
}

#[tokio::test]
async fn invalid_and_unknown_tenants_are_refused() {
    let app = TestApp::spawn().await;
    let query = json!({"query": TENANT_QUERY});
    for bad in [
        "../etc/passwd",
        "a b",
        "x'; DROP TABLE tenants;--",
        "admin",
        &"a".repeat(65),
    ] {
        app.post("/api/graphql", query.clone())
            .tenant(bad)
            .problem(400, "invalid_tenant")
            .await;
    }
    app.post("/api/graphql", query.clone())
        .tenant("no-such-tenant")
        .problem(404, "not_found")
        .await;
    app.post("/api/graphql", query)
        .tenant(&uuid::Uuid::new_v4().to_string())
        .problem(404, "not_found")
        .await;
}

#[tokio::test]
async fn inactive_tenant_is_refused_and_can_be_reactivated() {
    let app = TestApp::spawn().await;
    let created = app
        .create_tenant("sleepy", "owner@sleepy.test", "sleepy-owner-pass")
        .await;
    let id = created["tenant"]["id"].as_str().unwrap();
    let operator = app.operator().await;
    let off = operator
        .delete(&format!("/api/v1/tenants/{id}"))
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(off.json()["is_active"], false);

    app.post(
        "/api/v1/auth/login",
        json!({"email": "owner@sleepy.test", "password": "sleepy-owner-pass"}),
    )
    .tenant("sleepy")
    .problem(403, "tenant_inactive")
    .await;

    operator
        .patch(
            &format!("/api/v1/tenants/{id}"),
            json!({"is_active": true, "name": "Awake"}),
        )
        .expect_status(StatusCode::OK)
        .await;
    app.login(Some("sleepy"), "owner@sleepy.test", "sleepy-owner-pass")
        .await;
}

#[tokio::test]
async fn super_admin_cannot_deactivate_own_tenant() {
    let (_, operator) = TestApp::with_operator().await;
    let demo = operator.graphql(TENANT_QUERY, json!({})).await;
    let id = demo["data"]["tenant"]["id"].as_str().unwrap();
    operator
        .delete(&format!("/api/v1/tenants/{id}"))
        .problem(409, "cannot_deactivate_own_tenant")
        .await;
}

#[tokio::test]
async fn tenant_creation_is_atomic_and_validated() {
    let (app, operator) = TestApp::with_operator().await;
    app.create_tenant("acme", "owner@acme.test", "acme-owner-pass")
        .await;

    // Slug taken.
    operator
        .post(
            "/api/v1/tenants",
            json!({"name": "Again", "slug": "acme", "admin_email": "a@b.test"}),
        )
        .problem(409, "tenant_slug_taken")
        .await;
    // Reserved / malformed slug.
    operator
        .post(
            "/api/v1/tenants",
            json!({"name": "Api", "slug": "api", "admin_email": "a@b.test"}),
        )
        .problem(400, "invalid_tenant")
        .await;
    // A bad admin email fails the whole transaction: no tenant row is left behind.
    operator
        .post(
            "/api/v1/tenants",
            json!({"name": "Half", "slug": "half", "admin_email": "nope"}),
        )
        .problem(422, "validation_failed")
        .await;
    // A taken domain also rolls back the tenant and its admin.
    operator.post(
        "/api/v1/tenants",
        json!({"name": "D1", "slug": "d-one", "admin_email": "a@d1.test", "domains": ["d.test"]}),
    )
    .send()
    .await;
    operator.post(
        "/api/v1/tenants",
        json!({"name": "D2", "slug": "d-two", "admin_email": "a@d2.test", "domains": ["d.test"]}),
    )
    .problem(409, "tenant_domain_taken")
    .await;

    let list = operator
        .get("/api/v1/tenants?limit=100")
        .send()
        .await
        .json();
    let slugs = texts(&list["items"], "slug");
    assert_eq!(slugs, vec!["demo", "acme", "d-one"]);
    app.post("/api/graphql", json!({"query": TENANT_QUERY}))
        .tenant("half")
        .problem(404, "not_found")
        .await;
}

#[tokio::test]
async fn created_tenant_gets_a_generated_admin_password_once() {
    let (app, operator) = TestApp::with_operator().await;
    let created = operator
        .post(
            "/api/v1/tenants",
            json!({"name": "Gen", "slug": "gen", "admin_email": "boss@gen.test"}),
        )
        .expect_json(StatusCode::CREATED)
        .await;
    let password = created["generated_password"].as_str().unwrap();
    assert!(password.len() >= 16);
    assert_eq!(created["admin"]["role"], "admin");
    app.login(Some("gen"), "boss@gen.test", password).await;
}

#[tokio::test]
async fn tenant_list_paginates_with_a_cursor() {
    let (_, operator) = TestApp::with_operator().await;
    for slug in ["t-one", "t-two", "t-three"] {
        operator
            .post(
                "/api/v1/tenants",
                json!({"name": slug, "slug": slug, "admin_email": format!("a@{slug}.test")}),
            )
            .send()
            .await;
    }
    let first = operator.get("/api/v1/tenants?limit=2").send().await.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = operator
        .get(&format!("/api/v1/tenants?limit=2&after={cursor}"))
        .send()
        .await
        .json();
    let slugs = texts(&second["items"], "slug");
    assert_eq!(slugs, vec!["t-two", "t-three"]);
    assert!(second["next_cursor"].is_null());
    operator
        .get("/api/v1/tenants?after=garbage")
        .problem(400, "invalid_id")
        .await;
}

#[tokio::test]
async fn only_the_super_admin_administers_tenants() {
    let app = TestApp::spawn().await;
    let acme_token = &app.tenant_admin("acme").await;

    app.post(
        "/api/v1/tenants",
        json!({"name": "Evil", "slug": "evil", "admin_email": "e@evil.test"}),
    )
    .tenant("acme")
    .bearer(acme_token)
    .problem(403, "forbidden")
    .await;
    app.get("/api/v1/tenants")
        .tenant("acme")
        .bearer(acme_token)
        .problem(403, "forbidden")
        .await;

    let gql = app
        .signed_in("acme", acme_token)
        .graphql_error(
            r#"mutation { createTenant(input: {name: "Evil", slug: "evil", adminEmail: "e@evil.test"}) { tenant { id } } }"#,
            json!({}),
            "forbidden",
        )
        .await;
    assert_eq!(gql["errors"][0]["extensions"]["status"], 403);

    // Nothing was created by the refused calls.
    let operator = app.operator().await;
    let list = operator.get("/api/v1/tenants").send().await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn tenant_admin_through_graphql() {
    let (app, operator) = TestApp::with_operator().await;
    let created = operator.graphql_data(r#"mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id slug isActive } admin { email role } generatedPassword } }"#,
            json!({"input": {"name": "Graph", "slug": "graph", "adminEmail": "g@graph.test", "adminPassword": "graph-admin-pass"}}),
        )
        .await;
    let tenant = &created["createTenant"];
    assert_eq!(tenant["tenant"]["slug"], "graph");
    assert_eq!(tenant["admin"]["role"], "admin");
    assert!(tenant["generatedPassword"].is_null());
    let id = tenant["tenant"]["id"].as_str().unwrap();

    let updated = operator.graphql_data(r#"mutation($id: ID!) { updateTenant(id: $id, input: {name: "Graph Co"}) { name } addTenantDomain(tenantId: $id, input: {host: "graph.test"}) { host } }"#,
            json!({"id": id}),
        )
        .await;
    assert_eq!(updated["updateTenant"]["name"], "Graph Co");

    let listed = operator
        .graphql(
            "{ tenants(first: 10) { items { slug } nextCursor } }",
            json!({}),
        )
        .await;
    let slugs = texts(&listed["data"]["tenants"]["items"], "slug");
    assert_eq!(slugs, vec!["demo", "graph"]);

    app.guest()
        .graphql_error("{ tenants { items { slug } } }", json!({}), "missing_token")
        .await;
}

#[tokio::test]
async fn same_email_in_two_tenants_is_two_separate_users() {
    let app = TestApp::spawn().await;
    app.create_tenant("acme", "same@people.test", "acme-pass-123")
        .await;
    app.create_tenant("globex", "same@people.test", "globex-pass-123")
        .await;
    let acme = app
        .login(Some("acme"), "same@people.test", "acme-pass-123")
        .await;
    let globex = app
        .login(Some("globex"), "same@people.test", "globex-pass-123")
        .await;
    app.post(
        "/api/v1/auth/login",
        json!({"email": "same@people.test", "password": "acme-pass-123"}),
    )
    .tenant("globex")
    .problem(401, "invalid_credentials")
    .await;
    let me_a = app
        .get("/api/v1/auth/me")
        .tenant("acme")
        .bearer(acme["access_token"].as_str().unwrap())
        .send()
        .await
        .json();
    let me_g = app
        .get("/api/v1/auth/me")
        .tenant("globex")
        .bearer(globex["access_token"].as_str().unwrap())
        .send()
        .await
        .json();
    assert_ne!(me_a["id"], me_g["id"]);
    assert_ne!(me_a["tenant_id"], me_g["tenant_id"]);
}

#[tokio::test]
async fn resolved_tenants_are_cached() {
    let app = TestApp::spawn().await;
    let before = app.state.tenants.stats();
    for _ in 0..5 {
        app.post("/api/graphql", json!({"query": TENANT_QUERY}))
            .tenant("demo")
            .send()
            .await;
    }
    let after = app.state.tenants.stats();
    assert_eq!(
        after.misses - before.misses,
        1,
        "only the first lookup queries the database"
    );
    assert!(after.hits - before.hits >= 4);
    let metrics = app.get("/metrics").send().await.text();
    assert!(
        metrics.contains(&format!("rustok_tenant_cache_hits_total {}", after.hits)),
        "{metrics}"
    );
}

#[tokio::test]
async fn create_tenant_task_creates_a_tenant_and_admin() {
    use loco_rs::task::{Task, Vars};
    let app = TestApp::spawn().await;
    let vars = Vars::from_cli_args(vec![
        ("slug".to_string(), "cli-shop".to_string()),
        ("name".to_string(), "CLI Shop".to_string()),
        ("admin_email".to_string(), "owner@cli.test".to_string()),
        ("admin_password".to_string(), "cli-owner-pass".to_string()),
    ]);
    rustok_server::tasks::create_tenant::CreateTenant
        .run(&app.ctx, &vars)
        .await
        .expect("task runs");
    assert!(shared_state(&app.ctx).is_ok());
    app.login(Some("cli-shop"), "owner@cli.test", "cli-owner-pass")
        .await;
}

#[tokio::test]
async fn malformed_query_and_path_parameters_are_problem_json() {
    let (_, operator) = TestApp::with_operator().await;
    operator
        .get("/api/v1/tenants?limit=lots")
        .problem(400, "invalid_query")
        .await;
    operator
        .post(
            "/api/v1/content/nodes/0193a0d2-7c1e-7000-8000-000000000001/revisions/latest/restore",
            json!({}),
        )
        .problem(400, "invalid_path")
        .await;
}

#[tokio::test]
async fn a_tenant_can_start_with_its_languages_and_bad_ones_are_refused() {
    let (_, operator) = TestApp::with_operator().await;
    let create = |slug: &str, locales: serde_json::Value| {
        operator.post(
            "/api/v1/tenants",
            json!({
                "name": slug, "slug": slug, "admin_email": format!("a@{slug}.test"),
                "settings": {"locales": locales}
            }),
        )
    };
    create("badlang", json!({"default": "fr", "enabled": ["en"]}))
        .problem(422, "validation_failed")
        .await;
    let listed = operator
        .get("/api/v1/tenants?limit=100")
        .send()
        .await
        .json();
    assert!(
        !listed.to_string().contains("badlang"),
        "nothing was created"
    );

    let created = create(
        "speaks",
        json!({"default": "de", "enabled": ["de", "pt_br"]}),
    )
    .expect_status(StatusCode::CREATED)
    .await;
    assert_eq!(
        created.json()["tenant"]["settings"]["locales"],
        json!({"default": "de", "enabled": ["de", "pt-BR"]}),
        "stored in canonical form"
    );
}
