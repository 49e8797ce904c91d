//! The demo shop (`RUSTOK_SEED_DEMO_SHOP=true`) as a visitor or customer uses it.

use axum::http::StatusCode;
use serde_json::json;

use super::{Call, TestApp};

/// A cart of the demo tenant (a customer's with `token`, else anonymous, with `email` if
/// given) holding one unit of the demo shop's first variant; its id.
pub async fn demo_cart<'a>(app: &'a TestApp, token: Option<&str>, email: Option<&str>) -> String {
    let regions = app.guest().graphql("{ regions { id } }", json!({})).await;
    let region = regions["data"]["regions"][0]["id"].clone();
    let products = app
        .guest()
        .graphql(
            "query($r: ID!) { products(regionId: $r, first: 1) { items { variants { id } } } }",
            json!({"r": region}),
        )
        .await;
    let variant = products["data"]["products"]["items"][0]["variants"][0]["id"].clone();
    let signed = |call: Call<'a>| signed_by(call, token);
    let mut body = json!({"region_id": region});
    if let Some(email) = email {
        body["email"] = json!(email);
    }
    let cart = signed(app.post("/api/v1/commerce/carts", body))
        .expect_status(StatusCode::CREATED)
        .await;
    let cart_id = cart.json()["id"].as_str().unwrap().to_string();
    signed(app.post(
        &format!("/api/v1/commerce/carts/{cart_id}/items"),
        json!({"variant_id": variant, "quantity": 1}),
    ))
    .expect_status(StatusCode::OK)
    .await;
    cart_id
}

fn signed_by<'a>(call: Call<'a>, token: Option<&str>) -> Call<'a> {
    match token {
        Some(token) => call.bearer(token),
        None => call,
    }
}
