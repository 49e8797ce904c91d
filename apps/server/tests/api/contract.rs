//! Snapshots of the shapes integrators build on: the OpenAPI document and the GraphQL SDL. A
//! changed snapshot is a reviewed API change: `INSTA_UPDATE=always cargo test -p rustok-server
//! --test api contract` rewrites them (or `cargo insta review`).

use crate::support::TestApp;

#[tokio::test]
async fn the_openapi_document_is_the_reviewed_one() {
    let app = TestApp::spawn().await;
    let doc = app.get("/api/openapi.json").send().await;
    assert_eq!(doc.status, 200);
    insta::assert_json_snapshot!("openapi", doc.json());
}

#[test]
fn the_graphql_schema_is_the_reviewed_one() {
    insta::assert_snapshot!("graphql_sdl", rustok_server::graphql::build_schema().sdl());
}
