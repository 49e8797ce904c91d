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

/// The URL schemes a link or image in stored HTML may use; relative URLs are kept too.
pub const URL_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Keeps formatting markup, drops scripts, event handlers, iframes, styles and every URL whose
/// scheme is not in [`URL_SCHEMES`] (`javascript:`, `data:`, `vbscript:`, `tel:` …; relative
/// URLs stay); links get `rel="noopener noreferrer"`.
pub fn sanitize_html(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(URL_SCHEMES.into_iter().collect())
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

    /// Inputs of the OWASP XSS filter evasion cheat sheet (the ones that apply to HTML a
    /// browser renders from a page body: script tags in disguise, handlers, URL schemes in
    /// attributes, encoded schemes, SVG and nested markup).
    const EVASIONS: [&str; 24] = [
        "<SCRIPT SRC=https://xss.test/xss.js></SCRIPT>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=javascript:alert('XSS')>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
        "<IMG SRC=# onmouseover=\"alert('xxs')\">",
        "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
        "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<SCRIPT/XSS SRC=\"https://xss.test/xss.js\"></SCRIPT>",
        "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<SCRIPT SRC=//xss.test/.j>",
        "<iframe src=https://xss.test/scriptlet.html <",
        "<svg/onload=alert('XSS')>",
        "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<a href=\"vbscript:msgbox('XSS')\">x</a>",
    ];

    #[test]
    fn only_web_and_mail_links_and_relative_ones_are_kept() {
        let html = sanitize_html(
            "<a href=\"https://example.test/a\">a</a><a href=\"/b\">b</a><a href=\"#c\">c</a>\
             <a href=\"mailto:shop@example.test\">d</a><a href=\"tel:+100\">e</a>\
             <a href=\"ftp://example.test/f\">f</a><img src=\"data:image/png;base64,AAAA\">",
        );
        for kept in [
            "https://example.test/a",
            "href=\"/b\"",
            "href=\"#c\"",
            "mailto:shop@example.test",
        ] {
            assert!(html.contains(kept), "{kept}: {html}");
        }
        for dropped in ["tel:", "ftp:", "data:"] {
            assert!(!html.contains(dropped), "{dropped}: {html}");
        }
    }

    /// The tags of `html` (`<…>`, without the brackets); text, escaped as `&lt;`, has none.
    fn tags(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap_or(rest))
            .collect()
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
        for attack in attacks.iter().chain(EVASIONS.iter()) {
            // Through Markdown (where raw HTML passes) and as an HTML body.
            for html in [render_markdown(attack), sanitize_html(attack)] {
                let html = html.to_lowercase();
                // What a browser would run is markup: the tags, not text escaped as `&lt;…`.
                for tag in tags(&html) {
                    let name = tag.trim_start_matches('/').split([' ', '/']).next();
                    let banned_tags = ["script", "iframe", "svg", "body", "style", "object"];
                    assert!(
                        !banned_tags.contains(&name.unwrap_or("")),
                        "{attack} -> {html}"
                    );
                    let banned = [
                        "onerror",
                        "onload",
                        "onmouseover",
                        " style=",
                        "=\"javascript:",
                        "=\"vbscript:",
                        "=\"data:",
                    ];
                    for banned in banned {
                        assert!(!tag.contains(banned), "{attack} -> {html}");
                    }
                }
            }
        }
    }
}
