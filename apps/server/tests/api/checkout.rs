//! A signed-in customer's checkout: the order takes the account's email unless the request or
//! the cart names another one.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::shop::demo_cart;

/// A customer's own cart (REST) with one unit of the demo shop's first variant.
async fn customer_cart(app: &TestApp, token: &str, email: Option<&str>) -> String {
    demo_cart(app, Some(token), email).await
}

async fn checkout(app: &TestApp, token: &str, cart_id: &str, body: Value) -> Value {
    let order = app
        .post(&format!("/api/v1/commerce/carts/{cart_id}/checkout"), body)
        .bearer(token)
        .expect_status(StatusCode::CREATED)
        .await;
    order.json()
}

#[tokio::test]
async fn a_customer_checks_out_with_the_account_email() {
    let app = TestApp::spawn_with(&[("RUSTOK_SEED_DEMO_SHOP", "true")]).await;
    app.caught_up().await;
    let token = app.customer("demo", "ann@example.com").await;

    let cart = customer_cart(&app, &token, None).await;
    let order = checkout(&app, &token, &cart, json!({})).await;
    assert_eq!(order["email"], "ann@example.com", "{order}");

    // The request's email wins, then the cart's, then the account's.
    let cart = customer_cart(&app, &token, Some("cart@example.com")).await;
    let order = checkout(&app, &token, &cart, json!({})).await;
    assert_eq!(order["email"], "cart@example.com");
    let cart = customer_cart(&app, &token, Some("cart@example.com")).await;
    let order = checkout(&app, &token, &cart, json!({"email": "gift@example.com"})).await;
    assert_eq!(order["email"], "gift@example.com");

    // Through GraphQL as well.
    let cart = customer_cart(&app, &token, None).await;
    let placed = app
        .with_token(&token)
        .graphql(
            "mutation($cart: ID!) { checkout(cartId: $cart, input: {}) { email } }",
            json!({"cart": cart}),
        )
        .await;
    assert_eq!(
        placed["data"]["checkout"]["email"], "ann@example.com",
        "{placed}"
    );
}

#[tokio::test]
async fn a_guest_still_needs_an_email() {
    let app = TestApp::spawn_with(&[("RUSTOK_SEED_DEMO_SHOP", "true")]).await;
    app.caught_up().await;
    let regions = app.guest().graphql("{ regions { id } }", json!({})).await;
    let cart = app
        .post(
            "/api/v1/commerce/carts",
            json!({"region_id": regions["data"]["regions"][0]["id"]}),
        )
        .send()
        .await
        .json();
    let products = app
        .guest()
        .graphql(
            "query($r: ID!) { products(regionId: $r, first: 1) { items { variants { id } } } }",
            json!({"r": regions["data"]["regions"][0]["id"]}),
        )
        .await;
    let cart_id = cart["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/commerce/carts/{cart_id}/items"),
        json!({"variant_id": products["data"]["products"]["items"][0]["variants"][0]["id"], "quantity": 1}),
    )
    .send()
    .await;
    app.post(
        &format!("/api/v1/commerce/carts/{cart_id}/checkout"),
        json!({}),
    )
    .problem(422, "validation_failed")
    .await;
}
