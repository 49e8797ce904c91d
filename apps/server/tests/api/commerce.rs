//! The commerce module through the real router: a guest buys through the storefront GraphQL
//! API only, staff work the order through the admin API; tenants are isolated; bad input is
//! problem+json. The demo tenant comes with the seeded demo shop (region "Europe", EUR).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::accounts::access_token;
use crate::support::{TestApp, all_at_once, count_status, each_problem};

/// The app with the demo shop seeded (tests default to an empty demo tenant), once its events
/// reached the storefront index.
async fn shop() -> TestApp {
    let app = TestApp::spawn_with(&[("RUSTOK_SEED_DEMO_SHOP", "true")]).await;
    app.caught_up().await;
    app
}

const PRODUCTS: &str = r#"query($region: ID!) {
  regions { id name currency taxInclusive shippingOptions { id name amount } }
  products(regionId: $region, first: 50) {
    items { id handle title variants { id title calculatedPrice currency inStock } }
    nextCursor
  }
}"#;

const CART_FIELDS: &str = "id status currency subtotal taxTotal shippingTotal total items { id quantity unitPrice total }";

async fn demo_region(app: &TestApp) -> Value {
    let regions = app
        .guest()
        .graphql(
            "{ regions { id name currency shippingOptions { id amount } } }",
            json!({}),
        )
        .await;
    assert!(regions["errors"].is_null(), "{regions}");
    regions["data"]["regions"][0].clone()
}

/// A guest cart with one unit of the demo shop's first variant; (cart id, variant id).
async fn guest_cart(app: &TestApp, region: &Value) -> (String, String) {
    let region_id = region["id"].as_str().unwrap();
    let listed = app
        .guest()
        .graphql_data(PRODUCTS, json!({"region": region_id}))
        .await;
    let variant = listed["products"]["items"][0]["variants"][0].clone();
    let created = app
        .guest()
        .graphql_data(
            &format!(
                "mutation($input: NewCart!) {{ createCart(input: $input) {{ {CART_FIELDS} }} }}"
            ),
            json!({"input": {"regionId": region_id, "email": "guest@example.com"}}),
        )
        .await;
    let cart_id = created["createCart"]["id"].as_str().unwrap().to_string();
    app
        .guest().graphql_data(&format!(
                "mutation($cart: ID!, $input: CartItemInput!) {{ addCartItem(cartId: $cart, input: $input) {{ {CART_FIELDS} }} }}"
            ),
            json!({"cart": cart_id, "input": {"variantId": variant["id"], "quantity": 1}}),
        )
        .await;
    (cart_id, variant["id"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn guest_checks_out_through_storefront_graphql_and_staff_ship_the_order() {
    let app = shop().await;
    let region = demo_region(&app).await;
    assert_eq!(region["currency"], "EUR");
    let region_id = region["id"].as_str().unwrap();

    // Browse: published products with a calculated integer price in the region currency.
    let listed = app
        .guest()
        .graphql_data(PRODUCTS, json!({"region": region_id}))
        .await;
    let items = listed["products"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 12);
    let variant = &items[0]["variants"][0];
    let unit_price = variant["calculatedPrice"].as_i64().unwrap();
    assert!(unit_price > 0);
    assert_eq!(variant["currency"], "EUR");

    // Fill a cart: two units, a shipping option.
    let (cart_id, variant_id) = guest_cart(&app, &region).await;
    app
        .guest().graphql_data(&format!(
                "mutation($cart: ID!, $item: ID!) {{ updateCartItem(cartId: $cart, itemId: $item, quantity: 2) {{ {CART_FIELDS} }} }}"
            ),
            json!({"cart": cart_id, "item": app
                .guest().graphql("query($id: ID!) { cart(id: $id) { items { id } } }", json!({"id": cart_id}))
                .await["data"]["cart"]["items"][0]["id"]}),
        )
        .await;
    let shipping = &region["shippingOptions"][0];
    let cart = app
        .guest().graphql_data(&format!(
                "mutation($cart: ID!, $option: ID) {{ setCartShippingOption(cartId: $cart, shippingOptionId: $option) {{ {CART_FIELDS} }} }}"
            ),
            json!({"cart": cart_id, "option": shipping["id"]}),
        )
        .await;
    let cart = &cart["setCartShippingOption"];
    assert_eq!(cart["subtotal"].as_i64().unwrap(), unit_price * 2);
    assert_eq!(cart["shippingTotal"], shipping["amount"]);
    // Tax is included in EU prices: the total is subtotal + shipping.
    assert_eq!(
        cart["total"].as_i64().unwrap(),
        unit_price * 2 + shipping["amount"].as_i64().unwrap()
    );

    // Guest checkout with the manual provider; a retry with the same key is the same order.
    let checkout = r#"mutation($cart: ID!, $input: CheckoutInput!) {
        checkout(cartId: $cart, input: $input) { id displayId status total currency payments { kind provider amount } }
    }"#;
    let vars = json!({"cart": cart_id, "input": {"idempotencyKey": "order-1"}});
    let placed = app.guest().graphql_data(checkout, vars.clone()).await;
    let order = &placed["checkout"];
    assert_eq!(order["status"], "pending");
    assert_eq!(order["displayId"], 1);
    assert_eq!(order["total"], cart["total"]);
    assert_eq!(order["payments"][0]["provider"], "manual");
    let retried = app.guest().graphql(checkout, vars).await;
    assert_eq!(retried["data"]["checkout"]["id"], order["id"], "{retried}");

    // Visitors cannot see the admin order list.
    app.guest()
        .graphql_error("{ orders { items { id } } }", json!({}), "missing_token")
        .await;

    // Staff see, capture and ship it.
    let operator = app.operator().await;
    let orders = operator
        .graphql("{ orders { items { id status email } } }", json!({}))
        .await;
    assert_eq!(
        orders["data"]["orders"]["items"][0]["id"], order["id"],
        "{orders}"
    );
    let transition = "mutation($id: ID!, $action: OrderAction!) { transitionOrder(id: $id, action: $action) { status payments { kind } } }";
    let early = operator
        .graphql(transition, json!({"id": order["id"], "action": "SHIP"}))
        .await;
    assert_eq!(
        early["errors"][0]["extensions"]["code"],
        "invalid_transition"
    );
    assert_eq!(early["errors"][0]["extensions"]["status"], 409);
    for (action, status) in [
        ("CAPTURE", "paid"),
        ("FULFILL", "fulfilled"),
        ("SHIP", "shipped"),
    ] {
        let moved = operator
            .graphql(transition, json!({"id": order["id"], "action": action}))
            .await;
        assert_eq!(
            moved["data"]["transitionOrder"]["status"], status,
            "{moved}"
        );
    }
    let stock = operator
        .graphql(
            "query($id: ID!) { variantStock(variantId: $id) { onHand reserved available } }",
            json!({"id": variant_id}),
        )
        .await;
    assert_eq!(stock["data"]["variantStock"]["onHand"], 98, "{stock}");
    assert_eq!(stock["data"]["variantStock"]["reserved"], 0);

    // The same flow over REST answers with 409 problem+json for an invalid transition.
    let id = order["id"].as_str().unwrap();
    let transitions = format!("/api/v1/commerce/orders/{id}/transitions");
    operator
        .post(&transitions, json!({"action": "cancel"}))
        .problem(409, "invalid_transition")
        .await;
}

#[tokio::test]
async fn other_tenants_ids_are_not_found() {
    let app = shop().await;
    let region = demo_region(&app).await;
    let (cart_id, variant_id) = guest_cart(&app, &region).await;
    let placed = app
        .post(
            &format!("/api/v1/commerce/carts/{cart_id}/checkout"),
            json!({}),
        )
        .header("Idempotency-Key", "rest-1")
        .expect_status(StatusCode::CREATED)
        .await;
    let order = placed.json();
    let order_id = order["id"].as_str().unwrap();
    let product_id = order["items"][0]["product_id"].as_str().unwrap();

    app.create_tenant("acme", "owner@acme.test", "acme-owner-pass")
        .await;
    let acme = app
        .login(Some("acme"), "owner@acme.test", "acme-owner-pass")
        .await;
    let as_acme = app.signed_in("acme", &access_token(&acme));
    each_problem(
        [
            as_acme.get(&format!("/api/v1/commerce/products/{product_id}")),
            as_acme.get(&format!("/api/v1/commerce/carts/{cart_id}")),
            as_acme.get(&format!("/api/v1/commerce/orders/{order_id}")),
            as_acme.get(&format!("/api/v1/commerce/variants/{variant_id}/stock")),
            as_acme.post(
                &format!("/api/v1/commerce/orders/{order_id}/transitions"),
                json!({"action": "capture"}),
            ),
            as_acme.put(
                &format!("/api/v1/commerce/variants/{variant_id}/prices"),
                json!({"currency": "EUR", "amount": 1}),
            ),
        ],
        404,
        "not_found",
    )
    .await;
    // Acme's storefront does not list the demo shop's products.
    let listed = app
        .anonymous("acme")
        .get("/api/v1/commerce/products")
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(listed.json()["items"], json!([]));
}

#[tokio::test]
async fn bad_input_is_problem_json_and_changes_nothing() {
    let app = shop().await;
    let region = demo_region(&app).await;
    let (cart_id, variant_id) = guest_cart(&app, &region).await;
    let items = format!("/api/v1/commerce/carts/{cart_id}/items");
    for quantity in [json!(-1), json!(0), json!(1_000_000), json!(i64::MAX)] {
        app.post(
            &items,
            json!({"variant_id": variant_id, "quantity": quantity}),
        )
        .problem(422, "validation_failed")
        .await;
    }
    app.post(&items, json!({"variant_id": variant_id, "quantity": 1.5}))
        .problem(422, "validation_failed")
        .await;
    app.post(&items, json!({"variant_id": "not-an-id", "quantity": 1}))
        .problem(422, "validation_failed")
        .await;
    app.get("/api/v1/commerce/carts/not-an-id")
        .problem(400, "invalid_id")
        .await;
    let cart = app
        .get(&format!("/api/v1/commerce/carts/{cart_id}"))
        .send()
        .await
        .json();
    assert_eq!(cart["items"][0]["quantity"], 1, "{cart}");

    let operator = app.operator().await;
    for body in [
        json!({"currency": "EURO", "amount": 100}),
        json!({"currency": "XXX", "amount": 100}),
        json!({"currency": "EUR", "amount": -1}),
    ] {
        operator
            .put(
                &format!("/api/v1/commerce/variants/{variant_id}/prices"),
                body,
            )
            .problem(422, "validation_failed")
            .await;
    }
    operator
        .post(
            "/api/v1/commerce/regions",
            json!({"name": "Mars", "currency": "MRS"}),
        )
        .problem(422, "validation_failed")
        .await;
    // Staff operations need staff.
    app.post(
        "/api/v1/commerce/products",
        json!({"handle": "x", "translations": [{"locale": "en", "title": "X"}]}),
    )
    .problem(401, "missing_token")
    .await;
}

#[tokio::test]
async fn a_tenant_can_switch_commerce_off() {
    let app = shop().await;
    let operator = app.operator().await;
    operator
        .set_module("commerce", false)
        .await
        .assert_status(StatusCode::OK);
    app.get("/api/v1/commerce/products")
        .problem(404, "module_disabled")
        .await;
    app.guest()
        .graphql_error("{ regions { id } }", json!({}), "module_disabled")
        .await;
}

#[tokio::test]
async fn fifty_buyers_race_for_the_last_unit_and_one_wins() {
    let app = shop().await;
    let region = demo_region(&app).await;
    let (first_cart, variant_id) = guest_cart(&app, &region).await;
    let operator = app.operator().await;
    operator
        .put(
            &format!("/api/v1/commerce/variants/{variant_id}/stock"),
            json!({"on_hand": 1}),
        )
        .expect_status(StatusCode::OK)
        .await;
    let mut carts = vec![first_cart];
    for _ in 1..50 {
        carts.push(guest_cart(&app, &region).await.0);
    }
    let attempts = carts.iter().enumerate().map(|(i, cart)| {
        app.post(
            &format!("/api/v1/commerce/carts/{cart}/checkout"),
            json!({"idempotency_key": format!("race-{i}")}),
        )
    });
    let answers = all_at_once(attempts).await;
    let placed = count_status(&answers, StatusCode::CREATED);
    assert_eq!(placed, 1);
    for answer in answers.iter().filter(|a| a.status != StatusCode::CREATED) {
        answer.assert_problem(409, "out_of_stock");
    }
    let stock = operator
        .get(&format!("/api/v1/commerce/variants/{variant_id}/stock"))
        .send()
        .await
        .json();
    assert_eq!(
        (stock["on_hand"].as_i64(), stock["available"].as_i64()),
        (Some(1), Some(0))
    );
}

#[tokio::test]
async fn customers_see_their_own_carts_and_orders_only() {
    let app = shop().await;
    let region = demo_region(&app).await;
    let mut tokens = Vec::new();
    for email in ["ann@example.com", "bob@example.com"] {
        let created = app
            .post(
                "/api/v1/auth/register",
                json!({"email": email, "password": "shopper-pass"}),
            )
            .expect_status(StatusCode::CREATED)
            .await;
        tokens.push(created.json()["access_token"].as_str().unwrap().to_string());
    }
    let (ann, bob) = (&tokens[0], &tokens[1]);
    let listed = app
        .guest()
        .graphql(PRODUCTS, json!({"region": region["id"]}))
        .await;
    let variant = listed["data"]["products"]["items"][1]["variants"][2]["id"].clone();

    let cart = app
        .with_token(ann)
        .graphql(
            "mutation($input: NewCart!) { createCart(input: $input) { id customerId } }",
            json!({"input": {"regionId": region["id"]}}),
        )
        .await;
    assert!(
        cart["data"]["createCart"]["customerId"].is_string(),
        "{cart}"
    );
    let cart_id = cart["data"]["createCart"]["id"].clone();
    let add = "mutation($cart: ID!, $input: CartItemInput!) { addCartItem(cartId: $cart, input: $input) { total } }";
    let vars = json!({"cart": cart_id, "input": {"variantId": variant, "quantity": 3}});
    let stolen = app.with_token(bob).graphql(add, vars.clone()).await;
    assert_eq!(
        stolen["errors"][0]["extensions"]["code"], "not_found",
        "{stolen}"
    );
    app.guest()
        .graphql_error(add, vars.clone(), "not_found")
        .await;
    app.with_token(ann).graphql_data(add, vars).await;

    let placed = app
        .with_token(ann).graphql_data("mutation($cart: ID!) { checkout(cartId: $cart, input: {email: \"ann@example.com\"}) { id customerId } }",
            json!({"cart": cart_id}),
        )
        .await;
    let mine = "{ myOrders { items { id total currency items { quantity unitPrice } } } }";
    let ann_orders = app.with_token(ann).graphql(mine, json!({})).await;
    assert_eq!(
        ann_orders["data"]["myOrders"]["items"][0]["id"],
        placed["checkout"]["id"]
    );
    assert_eq!(
        ann_orders["data"]["myOrders"]["items"][0]["items"][0]["quantity"],
        3
    );
    let bob_orders = app.with_token(bob).graphql(mine, json!({})).await;
    assert_eq!(bob_orders["data"]["myOrders"]["items"], json!([]));
    // Customers hold `orders:read_own`, not the staff order list.
    app.with_token(ann)
        .graphql_error("{ orders { items { id } } }", json!({}), "forbidden")
        .await;
    let rest = app
        .get("/api/v1/commerce/me/orders")
        .bearer(ann)
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(rest.json()["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn staff_build_a_catalogue_through_admin_graphql() {
    let (app, operator) = TestApp::with_operator().await;
    let region = operator.graphql("mutation { createRegion(input: {name: \"US\", currency: \"usd\", countries: [\"us\"], taxRateBp: 725}) { id currency countries taxInclusive } }",
            json!({}),
        )
        .await;
    assert!(region["errors"].is_null(), "{region}");
    assert_eq!(region["data"]["createRegion"]["currency"], "USD");
    let region_id = region["data"]["createRegion"]["id"].clone();
    let created = operator
        .graphql(
            r#"mutation($input: NewProduct!) { createProduct(input: $input) {
                id handle status title options { title values }
                variants { id title sku options { option value } prices { currency amount } }
            } }"#,
            json!({"input": {
                "handle": "mug",
                "status": "PUBLISHED",
                "translations": [
                    {"locale": "en", "title": "Mug"},
                    {"locale": "de", "title": "Tasse"}
                ],
                "options": [{"title": "Color", "values": ["White", "Black"]}],
                "variants": [{
                    "title": "White", "sku": "MUG-W", "stock": 5,
                    "options": [{"option": "Color", "value": "White"}],
                    "prices": [{"currency": "USD", "amount": 1250}]
                }],
                "images": [{"url": "https://cdn.example.com/mug.jpg", "alt": "A mug"}],
                "tags": ["kitchen"]
            }}),
        )
        .await;
    assert!(created["errors"].is_null(), "{created}");
    let product = &created["data"]["createProduct"];
    assert_eq!(product["variants"][0]["prices"][0]["amount"], 1250);
    let variant_id = product["variants"][0]["id"].clone();
    let tier = operator.graphql("mutation($v: ID!) { setVariantPrice(variantId: $v, input: {currency: \"USD\", amount: 1000, minQuantity: 6}) { amount minQuantity } }",
            json!({"v": variant_id}),
        )
        .await;
    assert_eq!(tier["data"]["setVariantPrice"]["minQuantity"], 6, "{tier}");
    operator.graphql_error("mutation($v: ID!) { setVariantPrice(variantId: $v, input: {currency: \"ABC\", amount: 1}) { amount } }",
            json!({"v": variant_id}), "validation_failed")
        .await;

    // Visitors read it in German with the region price; the draft filter is staff-only.
    app.caught_up().await;
    let read = app
        .guest().graphql("query($r: ID!) { product(handle: \"mug\", regionId: $r, locale: \"de\") { title locale variants { calculatedPrice currency inStock } } }",
            json!({"r": region_id}),
        )
        .await;
    assert!(read["errors"].is_null(), "{read}");
    let read = &read["data"]["product"];
    assert_eq!(
        (read["title"].as_str(), read["locale"].as_str()),
        (Some("Tasse"), Some("de"))
    );
    assert_eq!(read["variants"][0]["calculatedPrice"], 1250);
    assert_eq!(read["variants"][0]["inStock"], true);
    app.guest()
        .graphql_error(
            "mutation { createRegion(input: {name: \"X\", currency: \"EUR\"}) { id } }",
            json!({}),
            "missing_token",
        )
        .await;
}

#[tokio::test]
async fn a_cart_outlives_the_server_that_made_it() {
    let first = shop().await;
    let region = demo_region(&first).await;
    let (cart_id, variant_id) = guest_cart(&first, &region).await;
    let query = format!("query($id: ID!) {{ cart(id: $id) {{ {CART_FIELDS} }} }}");
    let before = first
        .guest()
        .graphql_data(&query, json!({"id": cart_id}))
        .await;

    // A new server process on the same database (nothing kept in memory) has the same cart.
    let second = TestApp::spawn_with(&[("DATABASE_URL", first.database_url.as_str())]).await;
    let after = second
        .guest()
        .graphql_data(&query, json!({"id": cart_id}))
        .await;
    assert_eq!(after["cart"], before["cart"]);
    assert_eq!(after["cart"]["items"][0]["quantity"], 1);
    assert!(!variant_id.is_empty());
}

/// The create-product example of docs/api.md ("Creating a product"), as a user would paste it.
fn documented_product_example() -> Value {
    let guide = include_str!("../../../../docs/api.md");
    let section = guide
        .split("### Creating a product")
        .nth(1)
        .expect("docs/api.md has a `Creating a product` section");
    let block = section
        .split("```json")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a JSON block in the section");
    serde_json::from_str(block).expect("the example is valid JSON")
}

fn option_id(product: &Value, title: &str) -> String {
    product["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == title)
        .and_then(|o| o["id"].as_str())
        .unwrap_or_else(|| panic!("no option {title} in {product}"))
        .to_string()
}

/// Each variant as `SKU: Option=value …`, in variant order.
fn variant_values(product: &Value) -> Vec<String> {
    product["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let values: Vec<String> = v["options"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| {
                    format!(
                        "{}={}",
                        o["option"].as_str().unwrap(),
                        o["value"].as_str().unwrap()
                    )
                })
                .collect();
            format!("{}: {}", v["sku"].as_str().unwrap(), values.join(" "))
        })
        .collect()
}

#[tokio::test]
async fn staff_change_product_options_over_rest() {
    let (app, operator) = TestApp::with_operator().await;
    let created = operator
        .post("/api/v1/commerce/products", documented_product_example())
        .expect_status(StatusCode::CREATED)
        .await;
    let product = created.json();
    assert_eq!(
        variant_values(&product),
        vec!["LIN-S-W: Size=S Color=White", "LIN-M-B: Size=M Color=Blue"]
    );
    let id = product["id"].as_str().unwrap().to_string();
    let size = option_id(&product, "Size");
    let variants = format!("/api/v1/commerce/products/{id}/variants");
    let size_path = format!("/api/v1/commerce/products/{id}/options/{size}");
    let large = json!({
        "title": "L / White", "sku": "LIN-L-W", "stock": 2,
        "options": [{"option": "Size", "value": "L"}, {"option": "Color", "value": "White"}],
        "prices": [{"currency": "EUR", "amount": 4900}]
    });

    // `L` is not a size yet; once added, a variant can use it.
    operator
        .post(&variants, large.clone())
        .problem(422, "validation_failed")
        .await;
    let added = operator
        .patch(&size_path, json!({"values": ["S", "M", "L"]}))
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(added.json()["options"][0]["values"], json!(["S", "M", "L"]));
    operator
        .post(&variants, large)
        .expect_status(StatusCode::CREATED)
        .await;

    // A rename keeps the variants: the M variant now shows `Medium`.
    operator
        .patch(
            &size_path,
            json!({"title": "Fit", "rename_values": [{"from": "M", "to": "Medium"}]}),
        )
        .expect_status(StatusCode::OK)
        .await;
    app.caught_up().await;
    let read = app
        .get(&format!("/api/v1/commerce/products/{id}"))
        .send()
        .await
        .json();
    assert_eq!(
        variant_values(&read),
        vec![
            "LIN-S-W: Fit=S Color=White",
            "LIN-M-B: Fit=Medium Color=Blue",
            "LIN-L-W: Fit=L Color=White"
        ]
    );

    // Removing a value a variant has is refused and changes nothing.
    let refused = operator
        .patch(&size_path, json!({"title": "Size", "values": ["S", "L"]}))
        .problem(409, "option_value_in_use")
        .await;
    assert!(
        refused["detail"].as_str().unwrap().contains("`Medium`"),
        "{refused}"
    );
    let after = app
        .get(&format!("/api/v1/commerce/products/{id}"))
        .send()
        .await
        .json();
    assert_eq!(after, read);

    // A new option needs a value for the existing variants; the error names the field.
    let options = format!("/api/v1/commerce/products/{id}/options");
    let missing = operator
        .post(
            &options,
            json!({"title": "Sleeve", "values": ["Short", "Long"]}),
        )
        .problem(422, "validation_failed")
        .await;
    assert_eq!(
        missing["errors"][0]["field"], "value_for_variants",
        "{missing}"
    );
    let sleeve = operator
        .post(
            &options,
            json!({"title": "Sleeve", "values": ["Short", "Long"], "value_for_variants": "Short"}),
        )
        .expect_json(StatusCode::CREATED)
        .await;
    assert_eq!(
        variant_values(&sleeve)[0],
        "LIN-S-W: Fit=S Color=White Sleeve=Short"
    );
    // Dropping Color would make no two variants alike here (sizes differ): allowed.
    let color = option_id(&sleeve, "Color");
    let dropped = operator
        .call(
            Method::DELETE,
            &format!("/api/v1/commerce/products/{id}/options/{color}"),
        )
        .expect_status(StatusCode::OK)
        .await;
    assert_eq!(
        variant_values(&dropped.json())[1],
        "LIN-M-B: Fit=Medium Sleeve=Short"
    );

    // Another tenant's staff do not find the product.
    let acme = app.tenant_admin("acme").await;
    app.post(
        &options,
        json!({"title": "Color", "values": ["Red"], "value_for_variants": "Red"}),
    )
    .tenant("acme")
    .bearer(&acme)
    .problem(404, "not_found")
    .await;
    app.call(Method::DELETE, &size_path)
        .tenant("acme")
        .bearer(&acme)
        .problem(404, "not_found")
        .await;
    app.caught_up().await;
    let unchanged = app
        .get(&format!("/api/v1/commerce/products/{id}"))
        .send()
        .await
        .json();
    assert_eq!(unchanged["options"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn staff_change_product_options_over_graphql() {
    let (app, operator) = TestApp::with_operator().await;
    let fields = "id options { id title values } variants { sku options { option value } }";
    let created = operator.graphql_data(&format!("mutation($input: NewProduct!) {{ createProduct(input: $input) {{ {fields} }} }}"),
            json!({"input": {
                "handle": "mug",
                "translations": [{"locale": "en", "title": "Mug"}],
                "options": [{"title": "Color", "values": ["White", "Black"]}],
                "variants": [
                    {"title": "White", "sku": "MUG-W", "options": [{"option": "Color", "value": "White"}]},
                    {"title": "Black", "sku": "MUG-B", "options": [{"option": "Color", "value": "Black"}]}
                ]
            }}),
        )
        .await;
    let product = &created["createProduct"];
    let (id, color) = (product["id"].clone(), product["options"][0]["id"].clone());

    let add = format!(
        "mutation($id: ID!, $input: NewProductOption!) {{ addProductOption(productId: $id, input: $input) {{ {fields} }} }}"
    );
    let sized = operator.graphql_data(&add,
            json!({"id": id, "input": {"title": "Size", "values": ["Regular", "Large"], "valueForVariants": "Regular"}}),
        )
        .await;
    assert_eq!(
        sized["addProductOption"]["variants"][1]["options"],
        json!([{"option": "Color", "value": "Black"}, {"option": "Size", "value": "Regular"}])
    );

    let update = format!(
        "mutation($id: ID!, $option: ID!, $input: ProductOptionPatch!) {{ updateProductOption(productId: $id, optionId: $option, input: $input) {{ {fields} }} }}"
    );
    let renamed = operator.graphql_data(&update,
            json!({"id": id, "option": color, "input": {"renameValues": [{"from": "Black", "to": "Charcoal"}]}}),
        )
        .await;
    assert_eq!(
        renamed["updateProductOption"]["variants"][1]["options"][0]["value"],
        "Charcoal"
    );
    let in_use = operator
        .graphql(
            &update,
            json!({"id": id, "option": color, "input": {"values": ["White"]}}),
        )
        .await;
    assert_eq!(
        in_use["errors"][0]["extensions"]["code"], "option_value_in_use",
        "{in_use}"
    );
    assert_eq!(in_use["errors"][0]["extensions"]["status"], 409);

    // Without Color the two mugs would be alike: refused, and nothing changes.
    let delete = "mutation($id: ID!, $option: ID!) { deleteProductOption(productId: $id, optionId: $option) { id } }";
    let alike = operator
        .graphql(delete, json!({"id": id, "option": color}))
        .await;
    assert_eq!(
        alike["errors"][0]["extensions"]["code"], "option_in_use",
        "{alike}"
    );
    let read = operator
        .graphql(
            &format!("query($id: ID!) {{ product(id: $id) {{ {fields} }} }}"),
            json!({"id": id}),
        )
        .await;
    assert_eq!(read["data"]["product"], renamed["updateProductOption"]);

    // Another tenant's staff get not_found; visitors get missing_token.
    let acme = app.tenant_admin("acme").await;
    let foreign = app
        .graphql(
            Some(&acme),
            Some("acme"),
            delete,
            json!({"id": id, "option": color}),
        )
        .await;
    assert_eq!(
        foreign["errors"][0]["extensions"]["code"], "not_found",
        "{foreign}"
    );
    app.guest()
        .graphql_error(delete, json!({"id": id, "option": color}), "missing_token")
        .await;
}
