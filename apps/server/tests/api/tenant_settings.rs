//! A tenant's own admins manage their tenant (name, languages, domains) without the platform
//! operator, and never another tenant; every tenant has exactly one primary domain.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;

async fn tenant_id(app: &TestApp, slug: &str) -> String {
    let token = app.admin_token().await;
    let page = app
        .get("/api/v1/tenants?limit=100")
        .bearer(&token)
        .send()
        .await
        .json();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["slug"] == slug)
        .map(|t| t["id"].as_str().unwrap().to_string())
        .unwrap()
}

#[tokio::test]
async fn tenant_admin_reads_and_updates_own_tenant_only() {
    let app = TestApp::spawn().await;
    let acme_token = app.tenant_admin("acme").await;
    let acme = tenant_id(&app, "acme").await;
    let demo = tenant_id(&app, "demo").await;
    let own =
        |method: Method, path: String| app.call(method, &path).tenant("acme").bearer(&acme_token);

    let read = own(Method::GET, format!("/api/v1/tenants/{acme}"))
        .send()
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text());
    assert_eq!(read.json()["slug"], "acme");
    let updated = own(Method::PATCH, format!("/api/v1/tenants/{acme}"))
        .json(json!({
            "name": "Acme Shop",
            "settings": {"locales": {"default": "de", "enabled": ["de", "en"]}}
        }))
        .send()
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text());
    assert_eq!(updated.json()["name"], "Acme Shop");
    let domain = own(Method::POST, format!("/api/v1/tenants/{acme}/domains"))
        .json(json!({"host": "shop.acme.test"}))
        .send()
        .await;
    assert_eq!(domain.status, StatusCode::CREATED, "{}", domain.text());
    let listed = own(Method::GET, format!("/api/v1/tenants/{acme}/domains"))
        .send()
        .await
        .json();
    assert_eq!(listed[0]["host"], "shop.acme.test");
    // The tenant's own requests see the change at once.
    assert_eq!(
        app.graphql(None, Some("acme"), "{ tenant { name } }", json!({}))
            .await["data"]["tenant"]["name"],
        "Acme Shop"
    );

    // Switching the tenant off stays with the platform operator.
    own(Method::PATCH, format!("/api/v1/tenants/{acme}"))
        .json(json!({"is_active": false}))
        .send()
        .await
        .assert_problem(403, "forbidden");
    own(Method::DELETE, format!("/api/v1/tenants/{acme}"))
        .send()
        .await
        .assert_problem(403, "forbidden");

    // Another tenant is out of reach, through REST and GraphQL, and stays as it was.
    own(Method::GET, format!("/api/v1/tenants/{demo}"))
        .send()
        .await
        .assert_problem(403, "forbidden");
    own(Method::PATCH, format!("/api/v1/tenants/{demo}"))
        .json(json!({"name": "Taken over"}))
        .send()
        .await
        .assert_problem(403, "forbidden");
    own(Method::POST, format!("/api/v1/tenants/{demo}/domains"))
        .json(json!({"host": "evil.example.test"}))
        .send()
        .await
        .assert_problem(403, "forbidden");
    let gql = app
        .graphql(
            Some(&acme_token),
            Some("acme"),
            "mutation($id: ID!) { updateTenant(id: $id, input: {name: \"Taken\"}) { name } }",
            json!({"id": demo}),
        )
        .await;
    assert_eq!(gql["errors"][0]["extensions"]["code"], "forbidden", "{gql}");
    let gql = app
        .graphql(
            Some(&acme_token),
            Some("acme"),
            "query($id: ID!) { tenantById(id: $id) { name } }",
            json!({"id": acme}),
        )
        .await;
    assert_eq!(gql["data"]["tenantById"]["name"], "Acme Shop", "{gql}");
    let token = app.admin_token().await;
    let demo_now = app
        .get(&format!("/api/v1/tenants/{demo}"))
        .bearer(&token)
        .send()
        .await
        .json();
    assert_eq!(demo_now["name"], "Demo Store");

    // A customer of the tenant is not one of its admins.
    let customer = app.customer("acme", "buyer@acme.test").await;
    app.get(&format!("/api/v1/tenants/{acme}"))
        .tenant("acme")
        .bearer(&customer)
        .send()
        .await
        .assert_problem(403, "forbidden");
}

fn primaries(domains: &Value) -> Vec<String> {
    domains
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["is_primary"] == true)
        .map(|d| d["host"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_tenant_has_exactly_one_primary_domain() {
    let app = TestApp::spawn().await;
    let token = app.admin_token().await;
    app.tenant_admin("acme").await;
    let acme = tenant_id(&app, "acme").await;
    let domains = format!("/api/v1/tenants/{acme}/domains");
    let add = |host: &str, primary: bool| {
        app.post(&domains, json!({"host": host, "is_primary": primary}))
            .bearer(&token)
    };
    let list = || app.get(&domains).bearer(&token);

    // The first domain is primary even when not asked; a new primary takes over.
    let first = add("a.acme.test", false).send().await.json();
    assert_eq!(first["is_primary"], true);
    add("b.acme.test", false).send().await;
    assert_eq!(primaries(&list().send().await.json()), ["a.acme.test"]);
    let c = add("c.acme.test", true).send().await.json();
    assert_eq!(primaries(&list().send().await.json()), ["c.acme.test"]);

    // Removing the primary hands it to the oldest remaining domain.
    let removed = app
        .call(
            Method::DELETE,
            &format!("{domains}/{}", c["id"].as_str().unwrap()),
        )
        .bearer(&token)
        .send()
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert_eq!(primaries(&list().send().await.json()), ["a.acme.test"]);

    // Concurrent "make mine primary" requests leave exactly one primary.
    let hosts: Vec<String> = (0..8).map(|i| format!("p{i}.acme.test")).collect();
    let results = futures::future::join_all(hosts.iter().map(|h| add(h, true).send())).await;
    for result in &results {
        assert_eq!(result.status, StatusCode::CREATED, "{}", result.text());
    }
    let all = list().send().await.json();
    assert_eq!(all.as_array().unwrap().len(), 10);
    assert_eq!(primaries(&all).len(), 1, "{all}");
}
