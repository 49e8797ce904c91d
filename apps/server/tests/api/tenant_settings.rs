//! A tenant's own admins manage their tenant (name, languages, domains) without the platform
//! operator, and never another tenant; every tenant has exactly one primary domain.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, all_at_once, each_problem};

#[tokio::test]
async fn tenant_admin_reads_and_updates_own_tenant_only() {
    let (app, as_owner) = TestApp::with_admin("acme").await;
    let acme = app.tenant_id("acme").await;
    let demo = app.tenant_id("demo").await;
    let acme_path = format!("/api/v1/tenants/{acme}");
    let demo_path = format!("/api/v1/tenants/{demo}");

    let read = as_owner.get(&acme_path).expect_status(StatusCode::OK).await;
    assert_eq!(read.json()["slug"], "acme");
    let updated = as_owner
        .patch(
            &acme_path,
            json!({
                "name": "Acme Shop",
                "settings": {"locales": {"default": "de", "enabled": ["de", "en"]}}
            }),
        )
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(updated.json()["name"], "Acme Shop");
    as_owner
        .post(
            &format!("{acme_path}/domains"),
            json!({"host": "shop.acme.test"}),
        )
        .expect_status(StatusCode::CREATED)
        .await;
    let listed = as_owner
        .get(&format!("{acme_path}/domains"))
        .send()
        .await
        .json();
    assert_eq!(listed[0]["host"], "shop.acme.test");
    // The tenant's own requests see the change at once.
    let visitor = app.anonymous("acme");
    assert_eq!(
        visitor.graphql_data("{ tenant { name } }", json!({})).await["tenant"]["name"],
        "Acme Shop"
    );

    // Switching the tenant off stays with the platform operator; another tenant is out of
    // reach, through REST and GraphQL, and stays as it was.
    each_problem(
        [
            as_owner.patch(&acme_path, json!({"is_active": false})),
            as_owner.delete(&acme_path),
            as_owner.get(&demo_path),
            as_owner.patch(&demo_path, json!({"name": "Taken over"})),
            as_owner.post(
                &format!("{demo_path}/domains"),
                json!({"host": "evil.example.test"}),
            ),
        ],
        403,
        "forbidden",
    )
    .await;
    as_owner
        .graphql_error(
            "mutation($id: ID!) { updateTenant(id: $id, input: {name: \"Taken\"}) { name } }",
            json!({"id": demo}),
            "forbidden",
        )
        .await;
    let gql = as_owner
        .graphql(
            "query($id: ID!) { tenantById(id: $id) { name } }",
            json!({"id": acme}),
        )
        .await;
    assert_eq!(gql["data"]["tenantById"]["name"], "Acme Shop", "{gql}");
    let operator = app.operator().await;
    let demo_now = operator.get(&demo_path).send().await.json();
    assert_eq!(demo_now["name"], "Demo Store");

    // A customer of the tenant is not one of its admins.
    let customer = app.customer("acme", "buyer@acme.test").await;
    let as_customer = app.signed_in("acme", &customer);
    as_customer
        .get(&format!("/api/v1/tenants/{acme}"))
        .problem(403, "forbidden")
        .await;
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
    let (app, operator) = TestApp::with_operator().await;
    app.tenant_admin("acme").await;
    let acme = app.tenant_id("acme").await;
    let domains = format!("/api/v1/tenants/{acme}/domains");
    let add = |host: &str, primary: bool| {
        operator.post(&domains, json!({"host": host, "is_primary": primary}))
    };
    let list = || operator.get(&domains);

    // The first domain is primary even when not asked; a new primary takes over.
    let first = add("a.acme.test", false).send().await.json();
    assert_eq!(first["is_primary"], true);
    add("b.acme.test", false).send().await;
    assert_eq!(primaries(&list().send().await.json()), ["a.acme.test"]);
    let c = add("c.acme.test", true).send().await.json();
    assert_eq!(primaries(&list().send().await.json()), ["c.acme.test"]);

    // Removing the primary hands it to the oldest remaining domain.
    operator
        .delete(&format!("{domains}/{}", c["id"].as_str().unwrap()))
        .expect_status(StatusCode::NO_CONTENT)
        .await;
    assert_eq!(primaries(&list().send().await.json()), ["a.acme.test"]);

    // Concurrent "make mine primary" requests leave exactly one primary.
    let hosts: Vec<String> = (0..8).map(|i| format!("p{i}.acme.test")).collect();
    let results = all_at_once(hosts.iter().map(|h| add(h, true))).await;
    for result in &results {
        assert_eq!(result.status, StatusCode::CREATED, "{}", result.text());
    }
    let all = list().send().await.json();
    assert_eq!(all.as_array().unwrap().len(), 10);
    assert_eq!(primaries(&all).len(), 1, "{all}");
}
