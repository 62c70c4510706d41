//! Markdown to HTML with pulldown-cmark: tables, footnotes, smart punctuation,
//! and an id on every heading so sections can be linked to.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::nesting;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Headings of an article body, for a table of contents.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The file's HTML was too deeply nested to sanitise and is shown as text.
    pub raw_html_as_text: bool,
    /// Images and links to local files outside the site (`file:` addresses,
    /// relative paths that climb above it), dropped.
    pub outside: Vec<String>,
}

/// How deep below the site's root an article's page lies
/// (`articles/<slug>/index.html`): a relative path that climbs more folders
/// than this leaves the site.
const PAGE_DEPTH: usize = 2;

/// Whether `url` names a local file outside the site: a `file:` address,
/// or a relative path that climbs above the site's root.
fn leaves_site(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("file:") {
        return true;
    }
    if lower.contains(':') || lower.starts_with('/') || lower.starts_with('#') {
        return false;
    }
    let mut depth: isize = PAGE_DEPTH as isize;
    for part in lower.split(['?', '#']).next().unwrap_or("").split('/') {
        match part {
            ".." => depth -= 1,
            "." | "" => {}
            _ => depth += 1,
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// What to do with HTML written into the Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RawHtml {
    /// Article text comes from outside: its HTML is cleaned with ammonia,
    /// keeping formatting and dropping scripts, event handlers and frames.
    #[default]
    Sanitise,
    /// The site trusts its content (`allow_raw_html = true`): HTML is kept as written.
    Allow,
}

/// Renders `source` to HTML. Links and images whose URL could run script
/// lose it in any case.
pub fn render(source: &str, raw_html: RawHtml) -> RenderedMarkdown {
    let mut outside = Vec::new();
    let (mut events, has_raw_html) = parse(source, false, &mut outside);
    let headings = assign_heading_ids(&mut events);
    let mut html_out = to_html(events, source.len());
    // Markdown alone cannot produce script: only files with HTML of their
    // own pay for sanitising, and the whole document is cleaned so a tag
    // split over several HTML blocks cannot slip through.
    let mut raw_html_as_text = false;
    if has_raw_html && raw_html == RawHtml::Sanitise {
        if nesting::depth(html_out.as_bytes()) <= nesting::MAX_DEPTH {
            html_out = SANITISER.clean(&html_out).to_string();
        } else {
            // Sanitising is quadratic in depth; HTML this deep is not
            // formatting anyone meant, so it is shown as the text it is.
            let (mut events, _) = parse(source, true, &mut Vec::new());
            assign_heading_ids(&mut events);
            html_out = to_html(events, source.len());
            raw_html_as_text = true;
        }
    }
    RenderedMarkdown {
        html: html_out,
        headings,
        raw_html_as_text,
        outside,
    }
}

/// The events of `source` with script URLs dropped, and whether it holds
/// HTML of its own (turned into text when `html_as_text`).
fn parse<'a>(
    source: &'a str,
    html_as_text: bool,
    outside: &mut Vec<String>,
) -> (Vec<Event<'a>>, bool) {
    let mut has_raw_html = false;
    let mut local = |url: CowStr<'a>| -> CowStr<'a> {
        if leaves_site(&url) {
            outside.push(url.to_string());
            CowStr::Borrowed("")
        } else {
            safe_url(url)
        }
    };
    let events = Parser::new_ext(source, options())
        .map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) if html_as_text => Event::Text(raw),
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                event
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: local(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: local(dest_url),
                title,
                id,
            }),
            other => other,
        })
        .collect();
    (events, has_raw_html)
}

fn to_html(events: Vec<Event<'_>>, source_len: usize) -> String {
    let mut html_out = String::with_capacity(source_len * 5 / 4);
    html::push_html(&mut html_out, events.into_iter());
    html_out
}

/// ammonia's safe defaults, plus what pulldown-cmark itself writes: heading
/// and footnote ids, footnote classes and table alignment.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_relative(ammonia::UrlRelative::Custom(Box::new(ClimbOut)))
        .add_generic_attributes(["id", "class"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"]);
    builder
});

/// HTML written into an article keeps its relative URLs, but not one that
/// climbs out of the site.
struct ClimbOut;

impl ammonia::UrlRelativeEvaluate<'static> for ClimbOut {
    fn evaluate<'a>(&self, url: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        (!leaves_site(url)).then_some(std::borrow::Cow::Borrowed(url))
    }
}

/// Drops URLs whose scheme could run script when followed.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take_while(|c| *c != ':' && *c != '/' && *c != '?' && *c != '#')
        .collect::<String>()
        .to_ascii_lowercase();
    let has_scheme = url.contains(':') && !scheme.is_empty();
    if has_scheme && matches!(scheme.as_str(), "javascript" | "vbscript" | "data") {
        CowStr::Borrowed("#")
    } else {
        url
    }
}

/// Gives every heading without an explicit `{#id}` one made from its text,
/// unique within the document.
fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut used: HashSet<String> = HashSet::new();
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i] else {
            i += 1;
            continue;
        };
        let level = *level as u8;
        let explicit = id.as_ref().map(|id| id.to_string());
        let mut text = String::new();
        let mut end = i + 1;
        while end < events.len() && !matches!(events[end], Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[end] {
                text.push_str(t);
            }
            end += 1;
        }
        let base = explicit.unwrap_or_else(|| {
            let slug = slug::slugify(&text);
            if slug.is_empty() {
                "section".to_string()
            } else {
                slug
            }
        });
        let mut unique = base.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
            *id = Some(CowStr::from(unique.clone()));
        }
        headings.push(Heading {
            level,
            id: unique,
            text,
        });
        i = end;
    }
    headings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_files_outside_the_site_are_dropped_and_named() {
        let rendered = render(
            "![a](../../../etc/secret.svg) ![b](file:///srv/x.png) ![c](../../theme/ok.png) \
             ![d](/srv/web.png) ![e](https://example.org/x.png) <img src=\"../../../../y.png\">",
            RawHtml::Sanitise,
        );
        assert_eq!(
            rendered.outside,
            ["../../../etc/secret.svg", "file:///srv/x.png"]
        );
        assert!(!rendered.html.contains("secret.svg"), "{}", rendered.html);
        assert!(!rendered.html.contains("file:"), "{}", rendered.html);
        assert!(!rendered.html.contains("y.png"), "{}", rendered.html);
        for kept in [
            "../../theme/ok.png",
            "/srv/web.png",
            "https://example.org/x.png",
        ] {
            assert!(rendered.html.contains(kept), "{kept}: {}", rendered.html);
        }
    }

    #[test]
    fn headings_get_unique_ids() {
        let out = render(
            "## Caspian Region\n\ntext\n\n## Caspian Region\n\n### Own {#mine}\n",
            RawHtml::Sanitise,
        );
        assert!(
            out.html.contains(r#"<h2 id="caspian-region">"#),
            "{}",
            out.html
        );
        assert!(
            out.html.contains(r#"<h2 id="caspian-region-1">"#),
            "{}",
            out.html
        );
        assert!(out.html.contains(r#"<h3 id="mine">"#), "{}", out.html);
        assert_eq!(out.headings.len(), 3);
    }

    #[test]
    fn tables_footnotes_and_smart_quotes() {
        let out = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n\"quoted\"[^1]\n\n[^1]: note\n",
            RawHtml::Sanitise,
        );
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("“quoted”"));
        assert!(out.html.contains("footnote-definition"));
    }

    #[test]
    fn raw_html_loses_scripts_and_handlers_but_keeps_formatting() {
        let out = render(
            "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and <b>bold</b>\n\n\
             <div onclick=\"alert(1)\"><a href=\"javascript:alert(1)\">x</a>\n\n\
             <iframe src=\"https://evil.example/\"></iframe></div>\n\n## Kept {#kept}\n\n\
             | a |\n|:-:|\n| 1 |\n",
            RawHtml::Sanitise,
        );
        let html = out.html.to_lowercase();
        for banned in ["<script", "onerror", "onclick", "javascript:", "<iframe"] {
            assert!(!html.contains(banned), "{banned} in {html}");
        }
        assert!(html.contains("<b>bold</b>"), "{html}");
        assert!(html.contains("<img src=\"x\">"), "{html}");
        assert!(html.contains(r#"<h2 id="kept">"#), "{html}");
        assert!(html.contains("text-align: center"), "{html}");
    }

    #[test]
    fn html_too_deep_to_sanitise_is_shown_as_text() {
        let source = "<div>".repeat(5000) + "x\n\n[a](https://a.org)\n";
        let out = render(&source, RawHtml::Sanitise);
        assert!(out.raw_html_as_text);
        assert!(!out.html.contains("<div>"));
        assert!(out.html.contains("&lt;div&gt;"));
        assert!(out.html.contains(r#"<a href="https://a.org">"#));
    }

    #[test]
    fn raw_html_is_kept_when_the_site_allows_it() {
        let out = render("<aside class=\"note\">Trusted</aside>\n", RawHtml::Allow);
        assert!(out.html.contains(r#"<aside class="note">"#), "{}", out.html);
    }

    #[test]
    fn script_urls_are_dropped() {
        let out = render(
            "[x](javascript:alert(1)) [y]( JavaScript:alert(1)) [z](data:text/html,x) \
                 <javascript:alert(1)> [ok](https://a.org/x:y)",
            RawHtml::Sanitise,
        );
        assert_eq!(out.html.matches(r##"href="#""##).count(), 4, "{}", out.html);
        assert!(out.html.contains(r#"href="https://a.org/x:y""#));
    }
}
