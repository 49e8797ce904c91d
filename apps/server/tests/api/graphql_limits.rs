//! What one GraphQL request may ask for: depth, aliases, root fields and cost are checked on the
//! document before any resolver runs (no statement reaches the database), a batch is refused,
//! and introspection follows its setting.

use serde_json::{Value, json};

use crate::support::client::Client;
use crate::support::{TestApp, backend};

/// Sends `query` (no variables) and returns the answer and the statements it cost.
async fn sent(client: &Client, query: &str, variables: Value) -> (Value, u64) {
    let (response, statements) = client
        .post(
            "/api/graphql",
            json!({"query": query, "variables": variables}),
        )
        .count_statements()
        .await;
    (response.json(), statements)
}

/// Asserts `query` is refused as too complex, naming `limit`, with no more statements than a
/// request that reads nothing (`{ __typename }`: the request pipeline's own).
async fn refused(client: &Client, query: &str, variables: Value, limit: &str) {
    let (_, baseline) = sent(client, "{ __typename }", json!({})).await;
    let (answer, statements) = sent(client, query, variables).await;
    let error = &answer["errors"][0];
    assert_eq!(
        error["extensions"]["code"],
        "query_too_complex",
        "[{}] {answer}",
        backend()
    );
    assert_eq!(error["extensions"]["status"], 400);
    assert_eq!(error["extensions"]["classification"], "BAD_REQUEST");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.contains(&format!("the {limit} limit")), "{message}");
    assert!(answer["data"].is_null(), "{answer}");
    assert!(
        statements <= baseline,
        "[{}] refused before any resolver ran: {statements} statements, {baseline} without resolvers",
        backend()
    );
}

#[tokio::test]
async fn hostile_documents_are_refused_before_any_resolver_runs() {
    let app = TestApp::spawn().await;
    let visitor = app.guest();
    // Warm the tenant cache so a refusal is seen to cost nothing.
    sent(&visitor, "{ tenant { id } }", json!({})).await;

    // 40 aliased pages of 100 nodes with their bodies, anonymous.
    let aliased: String = (0..40)
        .map(|i| format!("n{i}: nodes(first: 100) {{ items {{ id title body {{ html }} }} }} "))
        .collect();
    refused(&visitor, &format!("{{ {aliased} }}"), json!({}), "alias").await;

    // Aliases count anywhere in the document, fragments included.
    let fields: String = (0..11).map(|i| format!("a{i}: id ")).collect();
    refused(
        &visitor,
        &format!("{{ tenant {{ ...t }} }} fragment t on TenantInfo {{ {fields} }}"),
        json!({}),
        "alias",
    )
    .await;

    // 11 root fields with 10 aliases.
    let roots: String = (0..10).map(|i| format!("t{i}: tenant {{ id }} ")).collect();
    refused(
        &visitor,
        &format!("{{ tenant {{ id }} {roots} }}"),
        json!({}),
        "root field",
    )
    .await;

    // Deeper than 20, whatever the fields are (validation would refuse them later).
    let deep = format!("{{ {}x{} }}", "a { ".repeat(21), " }".repeat(21));
    refused(&visitor, &deep, json!({}), "depth").await;

    // Five pages of 100 products with their variants' prices: rows multiply.
    let heavy: String = (0..5)
        .map(|i| {
            format!("p{i}: products(first: 100) {{ items {{ variants {{ prices {{ amount currency }} }} }} }} ")
        })
        .collect();
    refused(&visitor, &format!("{{ {heavy} }}"), json!({}), "cost").await;
    // A page size in a variable counts as written.
    let query = "query($n: Int) { a: products(first: $n) { items { variants { prices { amount currency } } } } \
        b: products(first: $n) { items { variants { prices { amount currency } } } } \
        c: products(first: $n) { items { variants { prices { amount currency } } } } \
        d: products(first: $n) { items { variants { prices { amount currency } } } } \
        e: products(first: $n) { items { variants { prices { amount currency } } } } }";
    refused(&visitor, query, json!({"n": 100}), "cost").await;
    let (answer, _) = sent(&visitor, query, json!({"n": 10})).await;
    assert!(answer["errors"].is_null(), "[{}] {answer}", backend());
    assert!(answer["data"]["a"]["items"].is_array(), "{answer}");
}

#[tokio::test]
async fn real_storefront_and_admin_queries_are_within_the_limits() {
    let (app, as_admin) = TestApp::with_admin("acme").await;
    // A full product page of 100 with variants, options, images and prices.
    let page = "{ products(first: 100) { items { id handle title tags categoryIds images { url alt } \
        options { id title values } variants { id sku title inStock options { option value } \
        prices { id currency amount minQuantity priceListId } } } nextCursor } }";
    let (answer, _) = sent(&app.anonymous("acme"), page, json!({})).await;
    assert!(answer["errors"].is_null(), "[{}] {answer}", backend());
    // An admin dashboard: several listings and the pipeline's state in one request.
    let dashboard = "{ me { id email role } tenant { id slug name } modules { slug enabled } \
        orders(first: 10) { items { id status } } nodes(first: 10) { items { id status } } \
        products(first: 10) { items { id title } } auditLog(first: 10) { items { eventId eventType } } }";
    let (answer, _) = sent(&as_admin, dashboard, json!({})).await;
    assert!(answer["errors"].is_null(), "[{}] {answer}", backend());
    // GraphiQL's introspection query (its `TypeRef` nests `ofType` nine levels).
    let of_type = "kind name ofType { ".repeat(8) + "kind name" + &" }".repeat(8);
    let introspection = format!(
        "{{ __schema {{ queryType {{ name }} types {{ kind name fields(includeDeprecated: true) \
         {{ name args {{ name type {{ {of_type} }} }} type {{ {of_type} }} }} }} }} }}"
    );
    let (answer, _) = sent(&as_admin, &introspection, json!({})).await;
    assert!(answer["errors"].is_null(), "[{}] {answer}", backend());
    assert!(answer["data"]["__schema"]["types"].is_array());
}

#[tokio::test]
async fn a_batch_of_operations_is_refused() {
    let app = TestApp::spawn().await;
    let batch = json!([{"query": "{ tenant { id } }"}, {"query": "{ tenant { id } }"}]);
    let problem = app
        .guest()
        .post("/api/graphql", batch)
        .problem(422, "validation_failed")
        .await;
    assert_eq!(problem["errors"][0]["message"], "must be a JSON object");
}

#[tokio::test]
async fn introspection_follows_its_setting() {
    let app = TestApp::spawn_with(&[("RUSTOK_GRAPHQL_INTROSPECTION", "false")]).await;
    let (answer, _) = sent(&app.guest(), "{ __schema { types { name } } }", json!({})).await;
    assert!(
        answer["data"]["__schema"].is_null(),
        "[{}] {answer}",
        backend()
    );
    let (answer, _) = sent(&app.guest(), "{ tenant { slug } }", json!({})).await;
    assert_eq!(answer["data"]["tenant"]["slug"], "demo", "{answer}");
}
