//! Bodies are rendered to HTML on write and sanitised, so no script reaches a reader through
//! content, whatever an author (or a stolen editor account) submits.

use pulldown_cmark::{Options, Parser, html};

/// Markdown (CommonMark + tables, strikethrough, task lists, footnotes) to sanitised HTML.
pub fn render_markdown(source: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(source, options));
    sanitize_html(&unsafe_html)
}

/// Keeps formatting markup, drops scripts, event handlers, `javascript:` URLs, iframes and
/// styles; links get `rel="noopener noreferrer"`.
pub fn sanitize_html(html: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        let html = render_markdown("# Hello\n\n*world* and [a link](https://example.test)");
        assert!(html.contains("<h1>Hello</h1>"));
        assert!(html.contains("<em>world</em>"));
        assert!(html.contains("rel=\"noopener noreferrer\""));
    }

    #[test]
    fn strips_scripts_and_handlers() {
        let attacks = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.test\"></iframe>",
            "<svg><script>alert(1)</script></svg>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
        ];
        for attack in attacks {
            let html = render_markdown(attack).to_lowercase();
            assert!(!html.contains("<script"), "{attack} -> {html}");
            assert!(!html.contains("onerror"), "{attack} -> {html}");
            assert!(!html.contains("javascript:"), "{attack} -> {html}");
            assert!(!html.contains("<iframe"), "{attack} -> {html}");
            assert!(!html.contains("style="), "{attack} -> {html}");
        }
    }
}
