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

/// Integrators read the schema in their GraphQL client: every type, field, argument, input
/// field and enum value of the public schema carries a description (doc comments on the Rust
/// side). The built-in scalars of the GraphQL spec are the only exception.
#[tokio::test]
async fn every_graphql_type_field_argument_and_enum_value_is_described() {
    const QUERY: &str = "{ __schema { types { name kind description \
        fields(includeDeprecated: true) { name description args { name description } } \
        inputFields { name description } \
        enumValues(includeDeprecated: true) { name description } } } }";
    const BUILT_IN: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];
    let schema = rustok_server::graphql::build_schema();
    let response = schema.execute(QUERY).await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    let data = response.data.into_json().unwrap();
    let described = |item: &serde_json::Value| {
        item["description"]
            .as_str()
            .is_some_and(|text| !text.trim().is_empty())
    };
    let mut missing = Vec::new();
    for ty in data["__schema"]["types"].as_array().unwrap() {
        let name = ty["name"].as_str().unwrap();
        if name.starts_with("__") || BUILT_IN.contains(&name) {
            continue;
        }
        if !described(ty) {
            missing.push(name.to_string());
        }
        let members = ["fields", "inputFields", "enumValues"];
        for member in members
            .iter()
            .filter_map(|key| ty[*key].as_array())
            .flatten()
        {
            let field = format!("{name}.{}", member["name"].as_str().unwrap());
            if !described(member) {
                missing.push(field.clone());
            }
            for arg in member["args"].as_array().into_iter().flatten() {
                if !described(arg) {
                    missing.push(format!("{field}({})", arg["name"].as_str().unwrap()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} schema items without a description:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
