//! Completes the generated OpenAPI document with what every operation shares: the problem
//! responses the request pipeline can give (tenant resolution, tokens, extractors, body limit,
//! module switches, server errors), each with a description and the `Problem` schema narrowed
//! to its `code` values, a summary on every operation and the `servers` list.
//!
//! Handlers declare what is theirs (`409 slug_taken`, `422 validation_failed: ...`): the
//! description of a declared problem response starts with its codes (`a | b`, `a, b` or `a`),
//! optionally followed by `:` or `(` and an explanation. This module adds the shared causes, so
//! a handler never repeats them and a new one cannot forget them.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

/// The problem JSON media type (RFC 7807).
const PROBLEM: &str = "application/problem+json";
/// Paths of modules a tenant can switch off (404 `module_disabled`).
const MODULE_PREFIXES: [&str; 5] = [
    "/api/v1/content",
    "/api/v1/blog",
    "/api/v1/forum",
    "/api/v1/pages",
    "/api/v1/commerce",
];
/// Paths outside any tenant: no tenant resolution, no tokens.
const TENANT_FREE: [&str; 5] = [
    "/health",
    "/metrics",
    "/api/openapi.json",
    "/swagger",
    "/assets",
];
/// What `rustok_core::parse_id` reads: a ULID (26 Crockford base-32 characters) or a UUID
/// (hyphenated or 32 hex digits).
const ID_PATTERN: &str = "^([0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})$";
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The completed document as served at `/api/openapi.json`.
pub fn completed(doc: &utoipa::openapi::OpenApi) -> Value {
    let mut value = serde_json::to_value(doc).unwrap_or_else(|_| json!({}));
    complete(&mut value);
    value
}

/// Adds the shared problem responses, summaries, the `Problem` schema and `servers`.
pub fn complete(doc: &mut Value) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    root.insert(
        "servers".into(),
        json!([{"url": "/", "description": "This server (the tenant comes from the host name or `X-Tenant-ID`)"}]),
    );
    let schemas = root
        .entry("components")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .and_then(|components| {
            components
                .entry("schemas")
                .or_insert_with(|| json!({}))
                .as_object_mut()
        });
    if let Some(schemas) = schemas {
        schemas.insert("Problem".into(), problem_schema());
        schemas.insert("FieldError".into(), field_error_schema());
    }
    let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            if let Some(operation) = operation.as_object_mut() {
                complete_operation(path, operation);
            }
        }
    }
}

/// What one operation can answer besides what its handler declares.
fn shared_causes(path: &str, operation: &Map<String, Value>) -> Vec<(&'static str, &'static str)> {
    let mut causes = Vec::new();
    if TENANT_FREE.iter().any(|free| path.starts_with(free)) {
        causes.push(("500", "internal_error"));
        return causes;
    }
    // A token is required when every alternative names a scheme.
    let secured = operation
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|alternatives| {
            !alternatives.is_empty()
                && alternatives
                    .iter()
                    .all(|alternative| alternative.as_object().is_some_and(|a| !a.is_empty()))
        });
    let parameters = operation
        .get("parameters")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let has = |place: &str| {
        parameters
            .iter()
            .any(|parameter| parameter.get("in").and_then(Value::as_str) == Some(place))
    };
    // Every tenant route: the tenant is resolved first, and a token, when sent, is checked.
    causes.extend([
        ("400", "invalid_tenant"),
        ("401", "invalid_token"),
        ("401", "token_expired"),
        ("403", "tenant_inactive"),
        ("404", "not_found"),
        ("500", "internal_error"),
        ("500", "database_error"),
    ]);
    if secured {
        causes.extend([("401", "missing_token"), ("403", "forbidden")]);
    }
    if MODULE_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix))
    {
        causes.push(("404", "module_disabled"));
    }
    if has("query") {
        causes.extend([("400", "invalid_query"), ("422", "validation_failed")]);
    }
    if has("path") {
        causes.extend([("400", "invalid_path"), ("400", "invalid_id")]);
    }
    if operation.contains_key("requestBody") {
        causes.extend([
            ("400", "malformed_json"),
            ("400", "invalid_body"),
            ("413", "payload_too_large"),
            ("415", "unsupported_media_type"),
            ("422", "validation_failed"),
        ]);
    }
    causes
}

fn complete_operation(path: &str, operation: &mut Map<String, Value>) {
    if !operation.contains_key("summary") {
        let summary = operation
            .get("operationId")
            .and_then(Value::as_str)
            .map(sentence)
            .unwrap_or_else(|| path.to_string());
        operation.insert("summary".into(), Value::String(summary));
    }
    if let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
        parameters.iter_mut().for_each(describe_id);
    }
    let causes = shared_causes(path, operation);
    // A route without a declared requirement serves anyone; on a tenant route a token may still
    // be sent (staff see more) and is then checked.
    if !operation.contains_key("security") {
        let security = if TENANT_FREE.iter().any(|free| path.starts_with(free)) {
            json!([])
        } else {
            json!([{}, {"bearer": []}])
        };
        operation.insert("security".into(), security);
    }
    let responses = operation
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    let Some(responses) = responses else {
        return;
    };
    for (status, code) in &causes {
        let response = responses
            .entry(status.to_string())
            .or_insert_with(|| json!({"description": ""}));
        if let Some(response) = response.as_object_mut()
            && !declares_success(status)
        {
            add_code(response, code);
        }
    }
    for (status, response) in responses.iter_mut() {
        let Some(response) = response.as_object_mut() else {
            continue;
        };
        if declares_success(status) {
            if response
                .get("description")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                response.insert(
                    "description".into(),
                    Value::String(reason(status).to_string()),
                );
            }
            continue;
        }
        finish_problem(status, response);
    }
}

/// An `id` or `*_id` parameter states the id formats the server reads (others are 400
/// `invalid_id`).
fn describe_id(parameter: &mut Value) {
    let named_id = parameter
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(|name| name == "id" || name.ends_with("_id"));
    let Some(schema) = parameter.get_mut("schema").and_then(Value::as_object_mut) else {
        return;
    };
    let text = match schema.get("type") {
        Some(Value::String(kind)) => kind == "string",
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| kind == "string"),
        _ => false,
    };
    if named_id && text && !schema.contains_key("pattern") {
        schema.insert("pattern".into(), Value::String(ID_PATTERN.into()));
    }
}

fn declares_success(status: &str) -> bool {
    status.starts_with(['1', '2', '3'])
}

/// Records `code` as one more cause of a problem response (kept in `x-codes` until
/// [`finish_problem`] writes description and schema).
fn add_code(response: &mut Map<String, Value>, code: &str) {
    let codes = response
        .entry("x-shared-codes")
        .or_insert_with(|| json!([]));
    if let Some(codes) = codes.as_array_mut()
        && !codes.iter().any(|known| known == code)
    {
        codes.push(Value::String(code.to_string()));
    }
}

/// The description names every code (the handler's first, with its explanation) and the
/// schema is `Problem` with `code` narrowed to them.
fn finish_problem(status: &str, response: &mut Map<String, Value>) {
    let declared = response
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let (mut codes, explanation) = declared_codes(&declared);
    let shared = response
        .remove("x-shared-codes")
        .and_then(|codes| codes.as_array().cloned())
        .unwrap_or_default();
    for code in shared.iter().filter_map(Value::as_str) {
        if !codes.iter().any(|known| known == code) {
            codes.push(code.to_string());
        }
    }
    let mut description = format!(
        "{}: {}",
        reason(status),
        codes
            .iter()
            .map(|code| format!("`{code}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(explanation) = explanation {
        description.push_str(" — ");
        description.push_str(&explanation);
    }
    let unique: BTreeSet<&String> = codes.iter().collect();
    let schema = json!({
        "allOf": [
            {"$ref": "#/components/schemas/Problem"},
            {"type": "object", "properties": {"code": {"enum": unique}}}
        ]
    });
    response.insert("description".into(), Value::String(description));
    response.insert("content".into(), json!({ PROBLEM: {"schema": schema} }));
}

/// `a | b: why` → (`[a, b]`, `Some("why")`); `a (why)` → (`[a]`, `Some("why")`).
fn declared_codes(description: &str) -> (Vec<String>, Option<String>) {
    let end = description.find([':', '(']).unwrap_or(description.len());
    let (head, rest) = description.split_at(end);
    let codes: Vec<String> = head
        .split(['|', ','])
        .map(str::trim)
        .filter(|code| {
            !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        })
        .map(str::to_string)
        .collect();
    let explanation = rest
        .trim_start_matches([':', '('])
        .trim_end_matches(')')
        .trim();
    let explanation = (!explanation.is_empty()).then(|| explanation.to_string());
    (codes, explanation)
}

/// `list_posts` → "List posts".
fn sentence(operation_id: &str) -> String {
    let words = operation_id.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

fn reason(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No content",
        "304" => "Not modified",
        "400" => "Bad request",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "Not found",
        "405" => "Method not allowed",
        "409" => "Conflict",
        "413" => "Payload too large",
        "415" => "Unsupported media type",
        "422" => "Unprocessable content",
        "429" => "Too many requests",
        "503" => "Service unavailable",
        _ => "Server error",
    }
}

fn problem_schema() -> Value {
    json!({
        "type": "object",
        "description": "An RFC 7807 problem with RusToK's stable `code` (clients switch on `code`, never on `detail`).",
        "required": ["type", "title", "status", "detail", "code"],
        "properties": {
            "type": {"type": "string", "description": "`urn:rustok:problem:<code>`", "examples": ["urn:rustok:problem:not_found"]},
            "title": {"type": "string", "description": "The HTTP reason phrase of `status`"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string", "description": "A human-readable explanation (not a contract)"},
            "code": {"type": "string", "description": "Stable machine-readable code"},
            "errors": {
                "type": "array",
                "description": "The invalid fields of a `validation_failed` problem",
                "items": {"$ref": "#/components/schemas/FieldError"}
            }
        }
    })
}

fn field_error_schema() -> Value {
    json!({
        "type": "object",
        "required": ["field", "message"],
        "properties": {
            "field": {"type": "string", "description": "The field's path in the request (`body`, `translations[0].title`, a query parameter)"},
            "message": {"type": "string"}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_codes_are_read_with_their_explanation() {
        assert_eq!(
            declared_codes("node_locked | version_conflict"),
            (vec!["node_locked".into(), "version_conflict".into()], None)
        );
        assert_eq!(
            declared_codes("validation_failed: unknown kind"),
            (
                vec!["validation_failed".into()],
                Some("unknown kind".into())
            )
        );
        assert_eq!(
            declared_codes("forbidden (not the author)"),
            (vec!["forbidden".into()], Some("not the author".into()))
        );
        assert_eq!(
            declared_codes("query_too_long, invalid_cursor, invalid_id"),
            (
                vec![
                    "query_too_long".into(),
                    "invalid_cursor".into(),
                    "invalid_id".into()
                ],
                None
            )
        );
    }

    #[test]
    fn a_secured_module_write_documents_every_shared_cause() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "paths": {"/api/v1/blog/posts/{id}": {"patch": {
                "operationId": "update_post",
                "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {}}},
                "responses": {
                    "200": {"content": {"application/json": {}}},
                    "409": {"description": "version_conflict | slug_taken"}
                }
            }}}
        });
        complete(&mut doc);
        let op = &doc["paths"]["/api/v1/blog/posts/{id}"]["patch"];
        assert_eq!(op["summary"], "Update post");
        assert_eq!(op["parameters"][0]["schema"]["pattern"], ID_PATTERN);
        assert_eq!(op["responses"]["200"]["description"], "OK");
        let codes = |status: &str| -> Vec<String> {
            serde_json::from_value(
                op["responses"][status]["content"][PROBLEM]["schema"]["allOf"][1]["properties"]
                    ["code"]["enum"]
                    .clone(),
            )
            .unwrap()
        };
        assert_eq!(codes("409"), ["slug_taken", "version_conflict"]);
        assert!(codes("400").contains(&"malformed_json".to_string()));
        assert!(codes("400").contains(&"invalid_id".to_string()));
        assert!(codes("401").contains(&"missing_token".to_string()));
        assert!(codes("403").contains(&"forbidden".to_string()));
        assert!(codes("404").contains(&"module_disabled".to_string()));
        assert_eq!(codes("415"), ["unsupported_media_type"]);
        assert_eq!(
            op["responses"]["409"]["description"],
            "Conflict: `version_conflict`, `slug_taken`"
        );
        assert!(doc["components"]["schemas"]["Problem"].is_object());
        assert_eq!(doc["servers"][0]["url"], "/");
    }

    #[test]
    fn operations_routes_need_no_tenant() {
        let mut doc = json!({"paths": {"/health": {"get": {
            "operationId": "health",
            "responses": {"200": {"description": "ok"}}
        }}}});
        complete(&mut doc);
        let responses = doc["paths"]["/health"]["get"]["responses"]
            .as_object()
            .unwrap();
        assert!(!responses.contains_key("400"));
        assert!(!responses.contains_key("401"));
        assert!(responses.contains_key("500"));
        assert_eq!(doc["paths"]["/health"]["get"]["security"], json!([]));
    }

    #[test]
    fn a_public_tenant_route_takes_an_optional_token() {
        let mut doc = json!({"paths": {"/api/v1/blog/posts": {"get": {
            "operationId": "list_posts",
            "responses": {"200": {"description": "ok"}}
        }}}});
        complete(&mut doc);
        let op = &doc["paths"]["/api/v1/blog/posts"]["get"];
        assert_eq!(op["security"], json!([{}, {"bearer": []}]));
        let unauthorized = op["responses"]["401"]["description"].as_str().unwrap();
        assert!(unauthorized.contains("invalid_token"));
        assert!(!unauthorized.contains("missing_token"));
    }
}
