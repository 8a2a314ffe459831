//! Markdown that members wrote (the minutes), as HTML that is safe to put in a page.
//!
//! `pulldown-cmark` parses CommonMark; before the HTML is written, raw HTML in the text is
//! turned into plain text (escaped), images become their alt text as a link, and link targets
//! other than `http:`, `https:`, `mailto:`, a page of this site or an anchor are dropped, so a
//! `javascript:` link or a `<script>` in the minutes shows as text and never runs.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// The HTML for `markdown` (tables and strikethrough on; no raw HTML, no unsafe links).
pub fn to_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        // An image would load from anywhere when the page is opened: show a link instead.
        Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }
            | Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            },
        ) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// `url` when its scheme is harmless, else an empty target (the text stays, the link goes
/// nowhere).
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let relative = lower.starts_with('/') && !lower.starts_with("//") || lower.starts_with('#');
    let allowed = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme));
    if relative || allowed {
        url
    } else {
        CowStr::Borrowed("")
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn headings_lists_and_emphasis_become_html() {
        let html = to_html("## Decisions\n\n- Adopt the **rubric**\n- Book the hall\n");
        assert!(html.contains("<h2>Decisions</h2>"), "{html}");
        assert!(
            html.contains("<li>Adopt the <strong>rubric</strong></li>"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn only_harmless_links_keep_their_target() {
        let html = to_html(
            "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](data:text/html,x) \
             [d](https://example.org) [e](/teams/t/actions) [f](//evil.example) [g](mailto:a@b.c)",
        );
        assert!(!html.to_ascii_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(!html.contains("//evil.example"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(html.contains("href=\"/teams/t/actions\""), "{html}");
        assert!(html.contains("href=\"mailto:a@b.c\""), "{html}");
    }

    #[test]
    fn images_become_links_that_load_nothing() {
        let html = to_html("![tracker](https://example.org/pixel.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org/pixel.png\">tracker</a>"),
            "{html}"
        );
    }
}
