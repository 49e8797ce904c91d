//! A page's layout: typed blocks, validated on write and rendered to sanitised HTML.
//!
//! The blocks are stored as the body's JSON (`bodies.blocks`, format `blocks`) and their HTML
//! rendering as the body's HTML, so a storefront can either render the blocks itself or print
//! the HTML. Every URL is checked here (http, https or site-relative only), and the rendered HTML
//! goes through the content sanitiser, so neither route lets a script through.

use rustok_content::markdown::{render_markdown, sanitize_html};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::PagesError;

/// Blocks in one layout, nested ones included.
pub const MAX_BLOCKS: usize = 200;
/// Columns inside columns inside columns, no deeper.
pub const MAX_NESTING: usize = 3;
pub const MAX_COLUMNS: usize = 6;
/// Markdown or HTML of one block.
pub const MAX_BLOCK_TEXT: usize = 64 * 1024;
/// Headings, labels, captions, alt texts.
pub const MAX_SHORT_TEXT: usize = 500;
pub const MAX_URL_LEN: usize = 2_048;

/// One block of a page layout. JSON: `{"type": "heading", "level": 2, "text": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
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
    Columns {
        #[schema(no_recursion)]
        columns: Vec<Vec<Block>>,
    },
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
