//! Retention: abandoned anonymous carts, revisions beyond the kept number and old audit rows
//! go; customers' carts, recent carts, the newest revisions and recent audit rows stay.

use axum::http::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::support::content::new_post;
use crate::support::shop::demo_cart;
use crate::support::{TestApp, backend};
use rustok_server::settings::RetentionSettings;
use rustok_server::state::retain;

#[tokio::test]
async fn what_is_past_its_keep_goes_and_nothing_else() {
    let app = TestApp::spawn_with(&[("RUSTOK_SEED_DEMO_SHOP", "true")]).await;
    let db = &app.state.db;
    let customer = app.customer("demo", "shopper@demo.local").await;
    let abandoned = demo_cart(&app, None, None).await;
    let recent = demo_cart(&app, None, None).await;
    let customers = demo_cart(&app, Some(&customer), None).await;
    let long_ago = (chrono::Utc::now() - chrono::Duration::days(40)).fixed_offset();
    use rustok_commerce::entities::{cart_items, carts};
    for id in [&abandoned, &customers] {
        carts::Entity::update_many()
            .col_expr(carts::Column::UpdatedAt, Expr::value(long_ago))
            .filter(carts::Column::Id.eq(uuid::Uuid::parse_str(id).unwrap()))
            .exec(db)
            .await
            .unwrap();
    }

    // A node edited four times has four revisions.
    let admin = app.operator().await;
    let node = admin.create_node(new_post("Draft", "v0")).await;
    let node_id = node["id"].as_str().unwrap().to_string();
    for version in 1..=4 {
        admin
            .patch(
                &format!("/api/v1/content/nodes/{node_id}"),
                json!({"body": {"locale": "en", "format": "markdown", "source": format!("v{version}")},
                       "expected_version": version}),
            )
            .expect_status(StatusCode::OK)
            .await;
    }

    // Audit rows: the oldest one recorded long ago.
    app.delivered().await;
    use rustok_server::models::audit_log;
    let audit_rows = audit_log::Entity::find().count(db).await.unwrap();
    assert!(audit_rows >= 2, "[{}] {audit_rows}", backend());
    let oldest = audit_log::Entity::find().one(db).await.unwrap().unwrap();
    audit_log::Entity::update_many()
        .col_expr(audit_log::Column::RecordedAt, Expr::value(long_ago))
        .filter(audit_log::Column::Id.eq(oldest.id))
        .exec(db)
        .await
        .unwrap();

    let settings = RetentionSettings {
        abandoned_cart_days: 30,
        revisions_per_node: 2,
        audit_days: 30,
    };
    let retained = retain(db, &settings).await;
    assert_eq!(retained.carts, 1, "[{}] {retained:?}", backend());
    assert_eq!(retained.revisions, 2, "[{}] {retained:?}", backend());
    assert_eq!(retained.audit_rows, 1, "[{}] {retained:?}", backend());

    let left: Vec<String> = carts::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|cart| cart.id.to_string())
        .collect();
    assert!(!left.contains(&abandoned), "{left:?}");
    assert!(
        left.contains(&recent) && left.contains(&customers),
        "{left:?}"
    );
    let lines = cart_items::Entity::find()
        .filter(cart_items::Column::CartId.eq(uuid::Uuid::parse_str(&abandoned).unwrap()))
        .count(db)
        .await
        .unwrap();
    assert_eq!(lines, 0, "the abandoned cart's lines went with it");
    let revisions = admin
        .get(&format!("/api/v1/content/nodes/{node_id}/revisions"))
        .send()
        .await
        .json();
    let versions: Vec<i64> = revisions
        .as_array()
        .unwrap()
        .iter()
        .map(|revision| revision["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [4, 3], "the newest two stay");
    assert_eq!(
        audit_log::Entity::find().count(db).await.unwrap(),
        audit_rows - 1
    );
    // A second round finds nothing to do; 0 keeps forever.
    assert_eq!(retain(db, &settings).await, Default::default());
    let forever = RetentionSettings {
        abandoned_cart_days: 0,
        revisions_per_node: 0,
        audit_days: 0,
    };
    assert_eq!(retain(db, &forever).await, Default::default());
}
