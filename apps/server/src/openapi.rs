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
/// Tenant routes that read a token when one is sent (module routes through their request
/// context, GraphQL): anonymous callers are served, and a token sent is checked. Other routes
/// without a declared requirement (sign-in, registration, token refresh) never read one.
const OPTIONAL_TOKEN: [&str; 6] = [
    "/api/v1/content",
    "/api/v1/blog",
    "/api/v1/forum",
    "/api/v1/pages",
    "/api/v1/commerce",
    "/api/graphql",
];
/// What `rustok_core::parse_id` reads (a ULID or a UUID in any of its forms).
const ID_PATTERN: &str = rustok_core::ID_PATTERN;
/// Patterns end in `(?![\s\S])` rather than `$`, which Python's `re` (schemathesis, many
/// validators) also matches before a final newline that the parsers refuse.
///
/// What a JSON body's `uuid` field reads (the `uuid` crate's parser): hyphenated, 32 hex digits,
/// braced, or a `urn:uuid:` URN.
const UUID_PATTERN: &str = "^([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}|[uU][rR][nN]:[uU][uU][iI][dD]:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![\\s\\S])";
/// An RFC 3339 date-time with a real calendar day (29 February is read in leap years too,
/// which a pattern cannot say) and a `Z` or `±hh:mm` offset.
const DATE_TIME_PATTERN: &str = "^[0-9]{4}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])(?![\\s\\S])";
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
    if let Some(components) = root.get_mut("components") {
        state_formats(components);
    }
    if let Some(paths) = root.get_mut("paths") {
        state_formats(paths);
    }
    refuse_nul_in_bodies(root);
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
    share_problem_responses(root);
}

/// Defines every distinct problem response once, in `components/responses`, and has each
/// operation refer to it: operations that can fail alike (same status, codes and explanation)
/// share one response, so a generated client has one type for it rather than one per
/// operation. A response is named after its status and codes (`400_invalid_query_invalid_tenant`),
/// with a number appended when two responses of those codes explain them differently.
fn share_problem_responses(root: &mut Map<String, Value>) {
    let mut shared: Map<String, Value> = Map::new();
    let mut names: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for (method, operation) in item.iter_mut() {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let Some(responses) = operation
                .get_mut("responses")
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            for (status, response) in responses.iter_mut() {
                let problem = response
                    .pointer("/content")
                    .and_then(Value::as_object)
                    .is_some_and(|content| content.contains_key(PROBLEM));
                if !problem {
                    continue;
                }
                let key = response.to_string();
                let name = match names.get(&key) {
                    Some(name) => name.clone(),
                    None => {
                        let name = response_name(status, response, &shared);
                        shared.insert(name.clone(), response.clone());
                        names.insert(key, name.clone());
                        name
                    }
                };
                *response = json!({"$ref": format!("#/components/responses/{name}")});
            }
        }
    }
    if shared.is_empty() {
        return;
    }
    if let Some(components) = root
        .entry("components")
        .or_insert_with(|| json!({}))
        .as_object_mut()
    {
        components.insert("responses".into(), Value::Object(shared));
    }
}

/// `<status>_<code>_<code>…` from the response's `code` enum, unique among `taken`.
fn response_name(status: &str, response: &Value, taken: &Map<String, Value>) -> String {
    let codes: Vec<&str> = response
        .pointer(&format!(
            "/content/{}/schema/allOf/1/properties/code/enum",
            PROBLEM.replace('/', "~1")
        ))
        .and_then(Value::as_array)
        .map(|codes| codes.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let base = if codes.is_empty() {
        format!("{status}_problem")
    } else {
        format!("{status}_{}", codes.join("_"))
    };
    if !taken.contains_key(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|name| !taken.contains_key(name))
        .unwrap_or(base)
}

/// OpenAPI 3.1 formats are annotations: a client or a fuzzer may treat `format: uuid` as any
/// string. Each string or integer schema with a format the server parses strictly also states
/// it as a constraint (`pattern`, `minimum`/`maximum`), so the document says exactly what is
/// read: a UUID in one of the forms the parser takes, an RFC 3339 date-time, an integer within
/// the range of its type. A schema that states its own constraint keeps it.
fn state_formats(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(state_formats),
        Value::Object(object) => {
            let format = object
                .get("format")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some(format) = format {
                constrain(object, &format);
            }
            object.values_mut().for_each(state_formats);
        }
        _ => {}
    }
}

fn constrain(schema: &mut Map<String, Value>, format: &str) {
    let is = |kind: &str| match schema.get("type") {
        Some(Value::String(name)) => name == kind,
        Some(Value::Array(names)) => names.iter().any(|name| name == kind),
        _ => false,
    };
    let pattern = match format {
        "uuid" if is("string") => Some(UUID_PATTERN),
        "date-time" if is("string") => Some(DATE_TIME_PATTERN),
        _ => None,
    };
    if let Some(pattern) = pattern {
        schema
            .entry("pattern")
            .or_insert_with(|| Value::String(pattern.into()));
        return;
    }
    let range = match format {
        "int32" if is("integer") => Some((i64::from(i32::MIN), i64::from(i32::MAX))),
        "int64" if is("integer") => Some((i64::MIN, i64::MAX)),
        _ => None,
    };
    if let Some((min, max)) = range {
        schema.entry("minimum").or_insert_with(|| json!(min));
        schema.entry("maximum").or_insert_with(|| json!(max));
    }
}

/// A text of a REST request body may not hold U+0000 (`rustok_api::ApiJson`: PostgreSQL
/// `text` cannot store it), nor may a path or query parameter (`describe_id`). Every string
/// schema a request body reaches, inline or through `$ref`s, states it: a pattern that already
/// excludes the character stays as it is, one that could match it gets a leading
/// `^(?![\s\S]*\u0000)` (and `[\s\S]*?` when it is unanchored), and a string without a
/// pattern gets [`NO_NUL_PATTERN`]. Free-form JSON values (no `type`) cannot state it; their
/// field descriptions and `docs/api.md` do.
fn refuse_nul_in_bodies(root: &mut Map<String, Value>) {
    let mut names = BTreeSet::new();
    if let Some(paths) = root.get("paths").and_then(Value::as_object) {
        for item in paths.values().filter_map(Value::as_object) {
            for (method, operation) in item {
                if let Some(body) = operation
                    .get("requestBody")
                    .filter(|_| METHODS.contains(&method.as_str()))
                {
                    schema_refs(body, &mut names);
                }
            }
        }
    }
    // Follow `$ref`s between components until no new one appears.
    let mut queue: Vec<String> = names.iter().cloned().collect();
    while let Some(name) = queue.pop() {
        let mut found = BTreeSet::new();
        let schema = root
            .get("components")
            .and_then(|components| components.get("schemas"))
            .and_then(|schemas| schemas.get(&name));
        if let Some(schema) = schema {
            schema_refs(schema, &mut found);
        }
        for name in found {
            if names.insert(name.clone()) {
                queue.push(name);
            }
        }
    }
    if let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (method, operation) in item.iter_mut() {
                if let Some(body) = operation
                    .get_mut("requestBody")
                    .filter(|_| METHODS.contains(&method.as_str()))
                {
                    no_nul_strings(body);
                }
            }
        }
    }
    if let Some(schemas) = root
        .get_mut("components")
        .and_then(|components| components.get_mut("schemas"))
        .and_then(Value::as_object_mut)
    {
        for name in &names {
            if let Some(schema) = schemas.get_mut(name) {
                no_nul_strings(schema);
            }
        }
    }
}

/// The names of the component schemas `value` refers to.
fn schema_refs(value: &Value, names: &mut BTreeSet<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| schema_refs(item, names)),
        Value::Object(object) => {
            if let Some(name) = object
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|target| target.strip_prefix("#/components/schemas/"))
            {
                names.insert(name.to_string());
            }
            object.values().for_each(|value| schema_refs(value, names));
        }
        _ => {}
    }
}

/// The pattern of a body text without its own: anything but U+0000.
const NO_NUL_PATTERN: &str = r"^[^\u0000]*$";
/// Put before a pattern that could match U+0000.
const NO_NUL_LOOKAHEAD: &str = r"^(?![\s\S]*\u0000)";

fn no_nul_strings(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(no_nul_strings),
        Value::Object(object) => {
            let string = match object.get("type") {
                Some(Value::String(name)) => name == "string",
                Some(Value::Array(names)) => names.iter().any(|name| name == "string"),
                _ => false,
            };
            if string && !object.contains_key("enum") && !object.contains_key("const") {
                match object.get("pattern").and_then(Value::as_str) {
                    None => {
                        object.insert("pattern".into(), NO_NUL_PATTERN.into());
                    }
                    Some(pattern) if may_match_nul(pattern) => {
                        // An unanchored pattern is searched anywhere in the text: it
                        // stays so after the anchored lookahead.
                        let refused = if pattern.starts_with('^') {
                            format!("{NO_NUL_LOOKAHEAD}{pattern}")
                        } else {
                            format!("{NO_NUL_LOOKAHEAD}[\\s\\S]*?(?:{pattern})")
                        };
                        object.insert("pattern".into(), refused.into());
                    }
                    Some(_) => {}
                }
            }
            object.values_mut().for_each(no_nul_strings);
        }
        _ => {}
    }
}

/// Whether a pattern could match a text holding U+0000: it has a `.`, a negated class (but
/// one from U+0000), a negated escape (`\S`, `\W`, `\D`, `\P`) or names U+0000 by its code; a pattern of
/// explicit characters and ranges cannot (only a range from U+0000 holds it). The end-of-text lookahead `(?![\s\S])` matches
/// nothing, and a pattern already led by [`NO_NUL_LOOKAHEAD`] refuses the character.
fn may_match_nul(pattern: &str) -> bool {
    if pattern.starts_with(NO_NUL_LOOKAHEAD) {
        return false;
    }
    let pattern: Vec<char> = pattern.replace(r"(?![\s\S])", "").chars().collect();
    let mut in_class = false;
    let mut negated = false;
    let mut class_start = false;
    let mut at = 0;
    while let Some(&c) = pattern.get(at) {
        at += 1;
        let at_class_start = std::mem::take(&mut class_start);
        match c {
            // What a negated class lists it refuses; its first item decided above.
            '\\' if in_class && negated => at += 1,
            '\\' => {
                let escaped = pattern.get(at).copied();
                at += 1;
                match escaped {
                    Some('S' | 'W' | 'D' | 'P' | '0' | 'c') | None => return true,
                    // A character by its code: U+0000 only if the code is zero.
                    Some('x' | 'u') => {
                        let digits: String = if pattern.get(at) == Some(&'{') {
                            let end = pattern[at..].iter().position(|&c| c == '}');
                            let Some(end) = end else { return true };
                            let code = pattern[at + 1..at + end].iter().collect();
                            at += end + 1;
                            code
                        } else {
                            let width = if escaped == Some('x') { 2 } else { 4 };
                            let code = pattern.iter().skip(at).take(width).collect();
                            at += width;
                            code
                        };
                        if u32::from_str_radix(&digits, 16).is_ok_and(|code| code == 0) {
                            return true;
                        }
                    }
                    Some(_) => {}
                }
            }
            '[' if !in_class => {
                in_class = true;
                class_start = true;
            }
            // A negated class holds U+0000 unless it names it first (`[^\x00-\x1f]`).
            '^' if at_class_start => {
                let rest: String = pattern.iter().skip(at).take(6).collect();
                if !(rest.starts_with(r"\x00") || rest.starts_with(r"\u0000")) {
                    return true;
                }
                negated = true;
            }
            ']' if in_class => {
                in_class = false;
                negated = false;
            }
            '.' if !in_class => return true,
            _ => {}
        }
    }
    false
}

/// What one operation can answer besides what its handler declares.
fn shared_causes(path: &str, operation: &Map<String, Value>) -> Vec<(&'static str, &'static str)> {
    let mut causes = Vec::new();
    // Every route: a server error, and the request timeout (`middleware::http_headers`).
    causes.extend([("500", "internal_error"), ("503", "unavailable")]);
    if TENANT_FREE.iter().any(|free| path.starts_with(free)) {
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
    // Every tenant route: the tenant is resolved first; a token, when read, is checked; the
    // request rate limits apply (`middleware::rate_limit`).
    causes.extend([
        ("400", "invalid_tenant"),
        ("403", "tenant_inactive"),
        ("429", "rate_limited"),
    ]);
    if secured || reads_optional_token(path) {
        causes.extend([("401", "invalid_token"), ("401", "token_expired")]);
    }
    causes.extend([("404", "not_found"), ("500", "database_error")]);
    if secured {
        causes.extend([("401", "missing_token"), ("403", "forbidden")]);
    }
    if MODULE_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix))
    {
        causes.push(("404", "module_disabled"));
    }
    let id_in_query = parameters.iter().any(|parameter| {
        parameter.get("in").and_then(Value::as_str) == Some("query")
            && parameter
                .pointer("/schema/pattern")
                .and_then(Value::as_str)
                .is_some_and(|pattern| pattern == ID_PATTERN)
    });
    if id_in_query {
        causes.push(("400", "invalid_id"));
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
    // A route without a declared requirement serves anyone; on a module route a token may still
    // be sent (staff see more) and is then checked.
    if !operation.contains_key("security") {
        let security = if reads_optional_token(path) {
            json!([{}, {"bearer": []}])
        } else {
            json!([])
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

fn reads_optional_token(path: &str) -> bool {
    OPTIONAL_TOKEN.iter().any(|prefix| path.starts_with(prefix))
}

/// An `id` or `*_id` parameter states the id formats the server reads (others are 400
/// `invalid_id`); a `locale` parameter the language tags it reads (others are 422
/// `validation_failed`); no text parameter holds U+0000.
fn describe_id(parameter: &mut Value) {
    let name = parameter
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let Some(schema) = parameter.get_mut("schema").and_then(Value::as_object_mut) else {
        return;
    };
    let text = match schema.get("type") {
        Some(Value::String(kind)) => kind == "string",
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| kind == "string"),
        _ => false,
    };
    let pattern = match name.as_deref() {
        Some("id") => Some(ID_PATTERN),
        Some(name) if name.ends_with("_id") => Some(ID_PATTERN),
        Some("locale") => Some(rustok_core::LOCALE_PATTERN),
        _ => None,
    };
    if let Some(pattern) = pattern
        && text
        && !schema.contains_key("pattern")
    {
        schema.insert("pattern".into(), Value::String(pattern.into()));
    }
    // No `%00` in a URI (`middleware::uri_text`).
    if let Some(schema) = parameter.get_mut("schema") {
        no_nul_strings(schema);
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
    // A response with a body of its own (readiness answers 503 with its report) is not a
    // problem; it only needs a description.
    let own_body = response
        .get("content")
        .and_then(Value::as_object)
        .is_some_and(|content| content.keys().any(|media| media != PROBLEM));
    if own_body {
        response.remove("x-shared-codes");
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
        return;
    }
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
    if unique.is_empty() {
        response.insert(
            "description".into(),
            Value::String(reason(status).to_string()),
        );
        response.insert(
            "content".into(),
            json!({ PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}} }),
        );
        return;
    }
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
    use proptest::prelude::*;

    /// The response an operation documents for `status`, through its `$ref` when shared.
    fn response<'a>(doc: &'a Value, op: &'a Value, status: &str) -> &'a Value {
        let response = &op["responses"][status];
        match response["$ref"].as_str() {
            Some(target) => doc
                .pointer(target.trim_start_matches('#'))
                .unwrap_or(&Value::Null),
            None => response,
        }
    }

    /// proptest builds strings from a pattern without its anchors and end-of-text lookahead.
    fn unanchored(pattern: &str) -> String {
        rustok_core::pattern::without_lookaheads(pattern)
    }

    proptest! {
        /// Whatever a client generates from a stated pattern, the server reads.
        #[test]
        fn every_string_of_a_stated_pattern_is_read(
            uuid in proptest::string::string_regex(&unanchored(UUID_PATTERN)).unwrap(),
            date_time in proptest::string::string_regex(&unanchored(DATE_TIME_PATTERN)).unwrap(),
            id in proptest::string::string_regex(&unanchored(ID_PATTERN)).unwrap(),
        ) {
            prop_assert!(serde_json::from_value::<uuid::Uuid>(json!(uuid)).is_ok(), "{}", uuid);
            prop_assert!(
                serde_json::from_value::<chrono::DateTime<chrono::FixedOffset>>(json!(date_time)).is_ok(),
                "{}", date_time
            );
            prop_assert!(rustok_core::parse_id(&id).is_ok(), "{}", id);
        }
    }

    #[test]
    fn formats_are_stated_as_constraints_unless_a_schema_has_its_own() {
        let mut doc = json!({"components": {"schemas": {"Thing": {"properties": {
            "id": {"type": ["string", "null"], "format": "uuid"},
            "at": {"type": "string", "format": "date-time"},
            "count": {"type": "integer", "format": "int32"},
            "own": {"type": "string", "format": "uuid", "pattern": "^x$"},
        }}}}});
        complete(&mut doc);
        let thing = &doc["components"]["schemas"]["Thing"]["properties"];
        assert_eq!(thing["id"]["pattern"], UUID_PATTERN);
        assert_eq!(thing["at"]["pattern"], DATE_TIME_PATTERN);
        assert_eq!(thing["count"]["minimum"], i32::MIN);
        assert_eq!(thing["count"]["maximum"], i32::MAX);
        assert_eq!(thing["own"]["pattern"], "^x$");
        let matches = |pattern: &str, text: &str| {
            let rust = pattern.replace(r"(?![\s\S])", "$");
            regex::Regex::new(&rust).unwrap().is_match(text)
        };
        for refused in [
            "",
            "not-a-uuid",
            "{0190a1b2-0000-7000-8000-000000000000",
            "urn:uuid:0190a1b2",
            "0190a1b2-0000-7000-8000-000000000000\n",
        ] {
            assert!(!matches(UUID_PATTERN, refused), "{refused}");
            assert!(
                serde_json::from_value::<uuid::Uuid>(json!(refused)).is_err(),
                "{refused}"
            );
        }
        for refused in [
            "",
            "2026-02-30T00:00:00Z",
            "2026-12-04 10:00:00Z",
            "2026-12-04T24:00:00Z",
            "2026-12-04T10:00:00",
        ] {
            assert!(!matches(DATE_TIME_PATTERN, refused), "{refused}");
        }
    }

    #[test]
    fn request_body_texts_refuse_the_nul_character() {
        let mut doc = json!({
            "paths": {"/api/v1/things": {"post": {
                "operationId": "create_thing",
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewThing"}}}},
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
            }}},
            "components": {"schemas": {
                "NewThing": {"type": "object", "properties": {
                    "title": {"type": "string", "maxLength": 10},
                    "handle": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                    "name": {"type": "string", "pattern": "^\\S(.*\\S)?$"},
                    "note": {"type": "string", "pattern": "\\S"},
                    "kind": {"type": "string", "enum": ["a", "b"]},
                    "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}}
                }},
                "Part": {"type": ["string", "null"]},
                "Thing": {"type": "object", "properties": {"title": {"type": "string"}}}
            }}
        });
        complete(&mut doc);
        let schemas = &doc["components"]["schemas"];
        let new = &schemas["NewThing"]["properties"];
        assert_eq!(new["title"]["pattern"], NO_NUL_PATTERN);
        assert_eq!(new["handle"]["pattern"], "^[a-z0-9-]+$");
        assert_eq!(
            new["name"]["pattern"],
            format!("{NO_NUL_LOOKAHEAD}^\\S(.*\\S)?$")
        );
        assert!(new["kind"].get("pattern").is_none());
        let note = new["note"]["pattern"].as_str().unwrap();
        assert_eq!(note, format!("{NO_NUL_LOOKAHEAD}[\\s\\S]*?(?:\\S)"));
        let note = regex::Regex::new(&note.replace("(?![\\s\\S]*\\u0000)", "")).unwrap();
        assert!(note.is_match("  padded"), "still searched anywhere");
        assert_eq!(schemas["Part"]["pattern"], NO_NUL_PATTERN);
        assert!(
            schemas["Thing"]["properties"]["title"]
                .get("pattern")
                .is_none()
        );
        let no_nul = regex::Regex::new(NO_NUL_PATTERN).unwrap();
        assert!(no_nul.is_match("Grüße\n"));
        assert!(!no_nul.is_match("a\u{0}b"));
        for (pattern, nul) in [
            ("^[a-z]{3}$", false),
            ("^\\d+(\\.\\d+)?$", false),
            (ID_PATTERN, false),
            (UUID_PATTERN, false),
            (DATE_TIME_PATTERN, false),
            (rustok_core::LOCALE_PATTERN, false),
            ("^\\S+$", true),
            ("^.+$", true),
            ("^[^<>]+$", true),
            ("^[\\s\\S]*$", true),
            ("^a\\x00$", true),
            ("^[\\u0000-\\u001f]$", true),
            ("^\\u{0}$", true),
            ("^[\\x85\\u1680 a-z]+$", false),
            ("^[^\\x00-\\x1f\\x7f-\\x9f]*(?![\\s\\S])", false),
            ("^[^\\x01-\\x1f]*$", true),
            (&format!("{NO_NUL_LOOKAHEAD}^.+$"), false),
        ] {
            assert_eq!(may_match_nul(pattern), nul, "{pattern}");
        }
    }

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
                response(&doc, op, status)["content"][PROBLEM]["schema"]["allOf"][1]["properties"]
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
            response(&doc, op, "409")["description"],
            "Conflict: `version_conflict`, `slug_taken`"
        );
        assert_eq!(
            op["responses"]["409"]["$ref"],
            "#/components/responses/409_slug_taken_version_conflict"
        );
        assert!(doc["components"]["schemas"]["Problem"].is_object());
        assert_eq!(doc["servers"][0]["url"], "/");
    }

    /// Operations that fail alike share one response component; different ones get their own.
    #[test]
    fn alike_problem_responses_are_defined_once() {
        let op = |id: &str| {
            json!({"operationId": id, "security": [{"bearer": []}],
                   "responses": {"200": {"description": "ok"}}})
        };
        let mut doc = json!({"paths": {
            "/api/v1/things": {"get": op("list_things"), "post": op("create_thing")},
            "/api/v1/others": {"get": op("list_others")}
        }});
        doc["paths"]["/api/v1/things"]["post"]["responses"]["409"] =
            json!({"description": "slug_taken"});
        complete(&mut doc);
        let reference = |path: &str, method: &str, status: &str| {
            doc["paths"][path][method]["responses"][status]["$ref"].clone()
        };
        assert_eq!(
            reference("/api/v1/things", "get", "401"),
            reference("/api/v1/others", "get", "401")
        );
        assert_eq!(
            reference("/api/v1/things", "post", "409"),
            "#/components/responses/409_slug_taken"
        );
        let shared = doc["components"]["responses"].as_object().unwrap();
        assert!(shared.values().all(|r| r["content"][PROBLEM].is_object()));
        assert!(
            doc["paths"]["/api/v1/things"]["get"]["responses"]["200"]
                .get("$ref")
                .is_none()
        );
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
    fn a_tenant_route_that_reads_no_token_documents_none() {
        let mut doc = json!({"paths": {"/api/v1/auth/login": {"post": {
            "operationId": "login",
            "responses": {"200": {"description": "ok"}}
        }}}});
        complete(&mut doc);
        let op = &doc["paths"]["/api/v1/auth/login"]["post"];
        assert_eq!(op["security"], json!([]));
        assert!(op["responses"].get("401").is_none());
        assert!(
            response(&doc, op, "400")["description"]
                .as_str()
                .unwrap()
                .contains("invalid_tenant")
        );
    }

    #[test]
    fn a_response_with_its_own_body_stays_as_declared() {
        let report =
            json!({"application/json": {"schema": {"$ref": "#/components/schemas/ReadyResponse"}}});
        let mut doc = json!({"paths": {"/health/ready": {"get": {
            "operationId": "ready",
            "responses": {"200": {"content": report.clone()}, "503": {"content": report.clone()}}
        }}}});
        complete(&mut doc);
        let unavailable = &doc["paths"]["/health/ready"]["get"]["responses"]["503"];
        assert_eq!(unavailable["content"], report);
        assert_eq!(unavailable["description"], "Service unavailable");
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
        let unauthorized = response(&doc, op, "401")["description"].as_str().unwrap();
        assert!(unauthorized.contains("invalid_token"));
        assert!(!unauthorized.contains("missing_token"));
    }
}
