//! A page's layout: typed blocks, validated on write and rendered to sanitised HTML.
//!
//! The blocks are stored as the body's JSON (`bodies.blocks`, format `blocks`) and their HTML
//! rendering as the body's HTML, so a storefront can either render the blocks itself or print
//! the HTML. Every URL is checked here (http, https or site-relative only), and the rendered HTML
//! goes through the content sanitiser, so neither route lets a script through.

use rustok_content::markdown::{render_markdown, sanitize_html};
use serde::{Deserialize, Serialize};

use crate::PagesError;

/// Blocks in one layout, nested ones included.
pub const MAX_BLOCKS: usize = 200;
/// Levels of blocks: the layout, the cells of a columns block, the cells of a columns block
/// inside those; a columns block on the deepest level is refused.
pub const MAX_NESTING: usize = 3;
pub const MAX_COLUMNS: usize = 6;
/// Markdown or HTML of one block.
pub const MAX_BLOCK_TEXT: usize = 64 * 1024;
/// Headings, labels, captions, alt texts.
pub const MAX_SHORT_TEXT: usize = 500;
pub const MAX_URL_LEN: usize = 2_048;
/// What [`validate_url`] accepts, as an ECMA-262 pattern (OpenAPI `pattern`; see
/// [`rustok_core::pattern`]): `http(s)://` (any case) and a host, or `/path` (not `//`),
/// `#anchor`, `?query`; no whitespace, control characters or backslashes anywhere. It ends with
/// `(?![\s\S])`, not `$`: Python's `$` also matches before a final newline. The limit of
/// [`MAX_URL_LEN`] bytes is the schema's `maxLength` (characters) and the description.
pub const URL_PATTERN: &str = r"^(?:[Hh][Tt][Tt][Pp][Ss]?://[0-9A-Za-z\[]|/(?:[^/\x00-\x20\x7f-\xa0\\\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|(?![\s\S]))|[#?])[^\x00-\x20\x7f-\xa0\\\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?![\s\S])";

/// One block of a page layout. JSON: `{"type": "heading", "level": 2, "text": "…"}`. Its
/// OpenAPI schema is written by hand (`schema` below): the derive can neither refuse unknown
/// fields nor state the limits of `validate` level by level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// `<h1>`…`<h6>`; plain text.
    Heading { level: u8, text: String },
    /// Markdown (CommonMark with tables).
    Text { markdown: String },
    /// An image by URL (http, https or site-relative).
    Image {
        url: String,
        #[serde(default)]
        alt: String,
    },
    Quote {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    /// A call-to-action link.
    Button { label: String, url: String },
    /// Side-by-side columns, each a list of blocks (nesting limited to [`MAX_NESTING`]).
    Columns { columns: Vec<Vec<Block>> },
    /// Raw HTML, sanitised (scripts, handlers, iframes and styles are removed).
    Html { html: String },
}

/// Checks limits and URLs of a whole layout.
pub fn validate(blocks: &[Block]) -> Result<(), PagesError> {
    let mut count = 0;
    validate_level(blocks, 1, &mut count)
}

fn validate_level(blocks: &[Block], level: usize, count: &mut usize) -> Result<(), PagesError> {
    for block in blocks {
        *count += 1;
        if *count > MAX_BLOCKS {
            return Err(PagesError::invalid(
                "blocks",
                format!("at most {MAX_BLOCKS} blocks"),
            ));
        }
        validate_block(block, level, count)?;
    }
    Ok(())
}

fn validate_block(block: &Block, level: usize, count: &mut usize) -> Result<(), PagesError> {
    match block {
        Block::Heading { level: h, text } => {
            if !(1..=6).contains(h) {
                return Err(PagesError::invalid("blocks", "heading level must be 1-6"));
            }
            short_text("heading text", text, true)
        }
        Block::Text { markdown } => long_text("markdown", markdown),
        Block::Html { html } => long_text("html", html),
        Block::Image { url, alt } => {
            check_url(url)?;
            short_text("image alt", alt, false)
        }
        Block::Quote { text, cite } => {
            long_text("quote", text)?;
            cite.as_deref()
                .map_or(Ok(()), |c| short_text("quote cite", c, false))
        }
        Block::Button { label, url } => {
            check_url(url)?;
            short_text("button label", label, true)
        }
        Block::Columns { columns } => {
            if level >= MAX_NESTING {
                return Err(PagesError::invalid(
                    "blocks",
                    format!("columns nest at most {MAX_NESTING} levels deep"),
                ));
            }
            if columns.is_empty() || columns.len() > MAX_COLUMNS {
                return Err(PagesError::invalid(
                    "blocks",
                    format!("columns need 1-{MAX_COLUMNS} columns"),
                ));
            }
            columns
                .iter()
                .try_for_each(|column| validate_level(column, level + 1, count))
        }
    }
}

fn short_text(what: &str, text: &str, required: bool) -> Result<(), PagesError> {
    if (required && text.trim().is_empty())
        || text.chars().count() > MAX_SHORT_TEXT
        || text.chars().any(char::is_control)
    {
        let need = if required { "1" } else { "0" };
        return Err(PagesError::invalid(
            "blocks",
            format!("{what} must be {need}-{MAX_SHORT_TEXT} characters without control characters"),
        ));
    }
    Ok(())
}

fn long_text(what: &str, text: &str) -> Result<(), PagesError> {
    if text.len() > MAX_BLOCK_TEXT {
        return Err(PagesError::invalid(
            "blocks",
            format!("{what} must be at most 64 KiB"),
        ));
    }
    Ok(())
}

/// An `http(s)://` URL with a host, or a site-relative one (`/path`, `#anchor`, `?query`).
/// Everything else (`javascript:`, `data:`, protocol-relative `//host`) is refused.
pub fn validate_url(url: &str) -> Result<(), &'static str> {
    if url.is_empty() || url.len() > MAX_URL_LEN {
        return Err("must be 1-2048 characters");
    }
    if url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Err("must not contain spaces, control characters or backslashes");
    }
    let lower = url.to_ascii_lowercase();
    let absolute = ["http://", "https://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    match absolute {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '[') => Ok(()),
        Some(_) => Err("needs a host after the scheme"),
        None if url.starts_with("//") => Err("use http:// or https:// for other sites"),
        None if url.starts_with(['/', '#', '?']) => Ok(()),
        None => Err("use http://, https:// or a path starting with /"),
    }
}

fn check_url(url: &str) -> Result<(), PagesError> {
    validate_url(url).map_err(|message| PagesError::invalid("url", format!("`{url}`: {message}")))
}

/// The layout as sanitised HTML.
pub fn render(blocks: &[Block]) -> String {
    let mut html = String::new();
    render_into(&mut html, blocks);
    sanitize_html(&html)
}

fn render_into(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Heading { level, text } => {
                out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(text)));
            }
            Block::Text { markdown } => out.push_str(&render_markdown(markdown)),
            Block::Image { url, alt } => out.push_str(&format!(
                "<figure><img src=\"{}\" alt=\"{}\"></figure>\n",
                escape(url),
                escape(alt)
            )),
            Block::Quote { text, cite } => {
                out.push_str(&format!("<blockquote><p>{}</p>", escape(text)));
                if let Some(cite) = cite {
                    out.push_str(&format!("<cite>{}</cite>", escape(cite)));
                }
                out.push_str("</blockquote>\n");
            }
            Block::Button { label, url } => out.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>\n",
                escape(url),
                escape(label)
            )),
            Block::Columns { columns } => {
                out.push_str("<div>");
                for column in columns {
                    out.push_str("<div>");
                    render_into(out, column);
                    out.push_str("</div>");
                }
                out.push_str("</div>\n");
            }
            Block::Html { html } => out.push_str(&sanitize_html(html)),
        }
    }
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The OpenAPI schema of [`Block`]: a `oneOf` discriminated by `type`, each block an object
/// with exactly its fields and the limits [`validate`] enforces. The levels are schemas of their
/// own (`Block`, `NestedBlock`, `InnermostBlock`), so the document states how deep columns
/// nest; only the count of [`MAX_BLOCKS`] over the whole layout is left to descriptions.
mod schema {
    use std::borrow::Cow;

    use utoipa::openapi::schema::{
        AdditionalProperties, ArrayBuilder, Discriminator, ObjectBuilder, OneOfBuilder, Schema,
        SchemaType, Type,
    };
    use utoipa::openapi::{Ref, RefOr};
    use utoipa::{PartialSchema, ToSchema};

    use super::{Block, MAX_BLOCK_TEXT, MAX_COLUMNS, MAX_SHORT_TEXT, MAX_URL_LEN, URL_PATTERN};

    // Patterns end with `(?![\s\S])`, not `$`: Python's `$` also matches before a final
    // newline, which these texts (no control characters) must not end with.

    /// Plain text with a character that is neither whitespace nor a control character, and no
    /// control character anywhere (`short_text`, required).
    const SHORT_TEXT: &str = r"^[^\x00-\x1f\x7f-\x9f]*[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][^\x00-\x1f\x7f-\x9f]*(?![\s\S])";
    /// Plain text without control characters, possibly empty (`short_text`, optional).
    const OPTIONAL_SHORT_TEXT: &str = r"^[^\x00-\x1f\x7f-\x9f]*(?![\s\S])";

    /// The schemas of the three levels, the deepest last.
    const LEVELS: [&str; 3] = ["Block", "NestedBlock", "InnermostBlock"];
    /// The columns block of each level that may hold one, by the level its cells are.
    const COLUMNS: [(&str, &str); 2] = [
        ("ColumnsBlock", "NestedBlock"),
        ("NestedColumnsBlock", "InnermostBlock"),
    ];

    fn reference(name: &str) -> Ref {
        Ref::from_schema_name(name)
    }

    fn text(description: &str) -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(description))
    }

    fn short_text(description: &str, required: bool) -> ObjectBuilder {
        let (min, pattern) = if required {
            (1, SHORT_TEXT)
        } else {
            (0, OPTIONAL_SHORT_TEXT)
        };
        text(description)
            .min_length(Some(min))
            .max_length(Some(MAX_SHORT_TEXT))
            .pattern(Some(pattern))
    }

    fn long_text(description: &str) -> ObjectBuilder {
        text(description).max_length(Some(MAX_BLOCK_TEXT))
    }

    fn url(description: &str) -> ObjectBuilder {
        text(description)
            .min_length(Some(1))
            .max_length(Some(MAX_URL_LEN))
            .pattern(Some(URL_PATTERN))
    }

    /// An object of `kind` with exactly these properties (`type` included) and the required
    /// ones.
    fn block(
        kind: &str,
        description: &str,
        properties: Vec<(&str, RefOr<Schema>)>,
        required: &[&str],
    ) -> RefOr<Schema> {
        let tag = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some([kind]))
            .description(Some(format!("The block's kind: `{kind}`.")));
        let mut object = ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(description))
            .property("type", tag)
            .required("type")
            .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false)));
        for (name, schema) in properties {
            object = object.property(name, schema);
        }
        for name in required {
            object = object.required(*name);
        }
        object.into()
    }

    /// The blocks every level has, by schema name, with their `type`.
    fn leaves() -> Vec<(&'static str, &'static str, RefOr<Schema>)> {
        vec![
            (
                "HeadingBlock",
                "heading",
                block(
                    "heading",
                    "`<h1>`…`<h6>`; plain text.",
                    vec![
                        (
                            "level",
                            ObjectBuilder::new()
                                .schema_type(Type::Integer)
                                .minimum(Some(1))
                                .maximum(Some(6))
                                .description(Some("1-6: `<h1>` to `<h6>`."))
                                .into(),
                        ),
                        (
                            "text",
                            short_text("1-500 characters, not blank, no control characters.", true)
                                .into(),
                        ),
                    ],
                    &["level", "text"],
                ),
            ),
            (
                "TextBlock",
                "text",
                block(
                    "text",
                    "Markdown (CommonMark with tables).",
                    vec![(
                        "markdown",
                        long_text("At most 64 KiB (65,536 bytes of UTF-8).").into(),
                    )],
                    &["markdown"],
                ),
            ),
            (
                "ImageBlock",
                "image",
                block(
                    "image",
                    "An image by URL (http, https or site-relative).",
                    vec![
                        (
                            "url",
                            url(
                                "`http(s)://` and a host, or a site-relative `/path`, `#anchor` \
                                 or `?query`; no whitespace, control characters or backslashes; \
                                 at most 2,048 bytes.",
                            )
                            .into(),
                        ),
                        (
                            "alt",
                            short_text(
                                "At most 500 characters, no control characters. Default: empty.",
                                false,
                            )
                            .into(),
                        ),
                    ],
                    &["url"],
                ),
            ),
            (
                "QuoteBlock",
                "quote",
                block(
                    "quote",
                    "A quotation, with its source.",
                    vec![
                        (
                            "text",
                            long_text("Plain text, at most 64 KiB (65,536 bytes of UTF-8).").into(),
                        ),
                        (
                            "cite",
                            short_text(
                                "Who said it: at most 500 characters, no control characters. \
                                 Absent when none.",
                                false,
                            )
                            .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
                            .into(),
                        ),
                    ],
                    &["text"],
                ),
            ),
            (
                "ButtonBlock",
                "button",
                block(
                    "button",
                    "A call-to-action link.",
                    vec![
                        (
                            "label",
                            short_text("1-500 characters, not blank, no control characters.", true)
                                .into(),
                        ),
                        (
                            "url",
                            url(
                                "`http(s)://` and a host, or a site-relative `/path`, `#anchor` \
                                 or `?query`; no whitespace, control characters or backslashes; \
                                 at most 2,048 bytes.",
                            )
                            .into(),
                        ),
                    ],
                    &["label", "url"],
                ),
            ),
            (
                "HtmlBlock",
                "html",
                block(
                    "html",
                    "Raw HTML, sanitised (scripts, handlers, iframes and styles are removed).",
                    vec![(
                        "html",
                        long_text("At most 64 KiB (65,536 bytes of UTF-8).").into(),
                    )],
                    &["html"],
                ),
            ),
        ]
    }

    /// A columns block whose cells are blocks of the schema `cells`.
    fn columns(cells: &str) -> RefOr<Schema> {
        let cell = ArrayBuilder::new()
            .items(reference(cells))
            .description(Some("One column: its blocks, top to bottom."));
        block(
            "columns",
            "Side-by-side columns, each a list of blocks.",
            vec![(
                "columns",
                ArrayBuilder::new()
                    .items(cell)
                    .min_items(Some(1))
                    .max_items(Some(MAX_COLUMNS))
                    .description(Some("1-6 columns, left to right."))
                    .into(),
            )],
            &["columns"],
        )
    }

    /// The union of a level: its leaves and, above the deepest level, its columns block.
    fn level(depth: usize) -> RefOr<Schema> {
        let mut members: Vec<(&str, &str)> = leaves()
            .into_iter()
            .map(|(name, kind, _)| (name, kind))
            .collect();
        if let Some((columns, _)) = COLUMNS.get(depth) {
            members.insert(5, (columns, "columns"));
        }
        let description = match depth {
            0 => {
                "One block of a page layout, told apart by `type`. A layout holds at most 200 \
                 blocks in all, nested ones included; columns nest two deep."
            }
            1 => "A block in a column of a top-level columns block (columns may nest once more).",
            _ => "A block in a column of a nested columns block (no columns this deep).",
        };
        let mapping = members
            .iter()
            .map(|(name, kind)| (kind.to_string(), reference(name).ref_location));
        let mut union = OneOfBuilder::new()
            .description(Some(description))
            .discriminator(Some(Discriminator::with_mapping("type", mapping)));
        for (name, _) in &members {
            union = union.item(reference(name));
        }
        union.into()
    }

    impl PartialSchema for Block {
        fn schema() -> RefOr<Schema> {
            level(0)
        }
    }

    impl ToSchema for Block {
        fn name() -> Cow<'static, str> {
            Cow::Borrowed(LEVELS[0])
        }

        fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
            for (depth, name) in LEVELS.iter().enumerate().skip(1) {
                schemas.push((name.to_string(), level(depth)));
            }
            for (name, cells) in COLUMNS {
                schemas.push((name.to_string(), columns(cells)));
            }
            for (name, _, schema) in leaves() {
                schemas.push((name.to_string(), schema));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(text: &str) -> Block {
        Block::Heading {
            level: 2,
            text: text.into(),
        }
    }

    #[test]
    fn renders_every_block_type() {
        let blocks = vec![
            heading("Hello & welcome"),
            Block::Text {
                markdown: "*hi*".into(),
            },
            Block::Image {
                url: "/img/a.png".into(),
                alt: "An \"a\"".into(),
            },
            Block::Quote {
                text: "Quoted".into(),
                cite: Some("Someone".into()),
            },
            Block::Button {
                label: "Go".into(),
                url: "https://example.test/x".into(),
            },
            Block::Columns {
                columns: vec![vec![heading("Left")], vec![heading("Right")]],
            },
            Block::Html {
                html: "<b>bold</b>".into(),
            },
        ];
        validate(&blocks).unwrap();
        let html = render(&blocks);
        for expected in [
            "<h2>Hello &amp; welcome</h2>",
            "<em>hi</em>",
            "<img src=\"/img/a.png\" alt=\"An &quot;a&quot;\">",
            "<cite>Someone</cite>",
            "href=\"https://example.test/x\"",
            "<h2>Left</h2>",
            "<b>bold</b>",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
    }

    #[test]
    fn the_json_form_is_tagged_by_type() {
        let json = serde_json::json!([
            {"type": "heading", "level": 1, "text": "T"},
            {"type": "columns", "columns": [[{"type": "text", "markdown": "x"}]]}
        ]);
        let blocks: Vec<Block> = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&blocks).unwrap(), json);
        let unknown = serde_json::json!([{"type": "script", "src": "x"}]);
        assert!(serde_json::from_value::<Vec<Block>>(unknown).is_err());
    }

    #[test]
    fn unknown_fields_are_refused() {
        let extra = serde_json::json!([{"type": "heading", "level": 1, "text": "T", "id": 1}]);
        assert!(serde_json::from_value::<Vec<Block>>(extra).is_err());
    }

    /// The document: one schema per level, each a `oneOf` told apart by `type`; columns only
    /// above the deepest level; every block closed to other fields.
    #[test]
    fn the_schema_states_each_level() {
        use utoipa::{PartialSchema, ToSchema};
        let mut schemas = vec![(Block::name().to_string(), Block::schema())];
        Block::schemas(&mut schemas);
        let schemas: std::collections::BTreeMap<String, serde_json::Value> = schemas
            .into_iter()
            .map(|(name, schema)| (name, serde_json::to_value(schema).unwrap()))
            .collect();
        let members = |name: &str| -> Vec<String> {
            schemas[name]["oneOf"]
                .as_array()
                .unwrap()
                .iter()
                .map(|member| member["$ref"].as_str().unwrap().to_string())
                .collect()
        };
        let columns = "#/components/schemas/ColumnsBlock".to_string();
        let nested = "#/components/schemas/NestedColumnsBlock".to_string();
        assert!(members("Block").contains(&columns));
        assert!(members("NestedBlock").contains(&nested));
        assert_eq!(members("InnermostBlock").len(), 6);
        assert!(
            !members("InnermostBlock")
                .iter()
                .any(|m| m.contains("Columns"))
        );
        assert_eq!(
            schemas["Block"]["discriminator"]["mapping"]["columns"],
            columns.as_str()
        );
        assert_eq!(
            schemas["ColumnsBlock"]["properties"]["columns"]["items"]["items"]["$ref"],
            "#/components/schemas/NestedBlock"
        );
        for (name, schema) in &schemas {
            if name.ends_with("Block") && schema.get("oneOf").is_none() {
                assert_eq!(schema["additionalProperties"], false, "{name}");
                let kind = &schema["properties"]["type"]["enum"][0];
                assert!(kind.is_string(), "{name}");
            }
        }
        let heading = &schemas["HeadingBlock"]["properties"]["level"];
        assert_eq!(
            (&heading["minimum"], &heading["maximum"]),
            (&1.into(), &6.into())
        );
    }

    #[test]
    fn only_web_and_relative_urls_pass() {
        for good in [
            "https://example.test",
            "HTTP://example.test/a?b#c",
            "/about",
            "#top",
            "?page=2",
        ] {
            assert!(validate_url(good).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "//evil.test",
            "/\\evil.test",
            "https://",
            "https:///x",
            "about",
            "",
            "java\tscript:alert(1)",
        ] {
            assert!(validate_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn limits_are_enforced() {
        let too_deep = Block::Columns {
            columns: vec![vec![Block::Columns {
                columns: vec![vec![Block::Columns {
                    columns: vec![vec![heading("x")]],
                }]],
            }]],
        };
        assert!(validate(&[too_deep]).is_err());
        let two_levels = Block::Columns {
            columns: vec![vec![Block::Columns {
                columns: vec![vec![heading("x")]],
            }]],
        };
        assert!(validate(&[two_levels]).is_ok());
        assert!(validate(&vec![heading("x"); MAX_BLOCKS + 1]).is_err());
        assert!(
            validate(&[Block::Heading {
                level: 7,
                text: "x".into()
            }])
            .is_err()
        );
        assert!(validate(&[Block::Columns { columns: vec![] }]).is_err());
        assert!(validate(&[heading("")]).is_err());
    }

    #[test]
    fn scripts_never_survive_rendering() {
        let blocks = vec![
            Block::Html {
                html: "<script>alert(1)</script><img src=x onerror=alert(1)>".into(),
            },
            Block::Text {
                markdown: "[x](javascript:alert(1))".into(),
            },
            heading("<script>alert(1)</script>"),
        ];
        let html = render(&blocks).to_lowercase();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }
}
