//! Markdown to HTML with pulldown-cmark: tables, footnotes, smart punctuation,
//! and an id on every heading so sections can be linked to.

use std::collections::HashSet;

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
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Renders `source` to HTML. Raw HTML in the Markdown is shown as text, not
/// interpreted: article text comes from outside and is never trusted as markup.
pub fn render(source: &str) -> RenderedMarkdown {
    let mut events: Vec<Event<'_>> = Parser::new_ext(source, options())
        .map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
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
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            other => other,
        })
        .collect();
    let headings = assign_heading_ids(&mut events);
    let mut html_out = String::with_capacity(source.len() * 5 / 4);
    html::push_html(&mut html_out, events.into_iter());
    RenderedMarkdown {
        html: html_out,
        headings,
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
    fn headings_get_unique_ids() {
        let out = render("## Caspian Region\n\ntext\n\n## Caspian Region\n\n### Own {#mine}\n");
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
        let out = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n\"quoted\"[^1]\n\n[^1]: note\n");
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("“quoted”"));
        assert!(out.html.contains("footnote-definition"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = render("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>\n");
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert!(!out.html.contains("<img"), "{}", out.html);
        assert!(out.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn script_urls_are_dropped() {
        let out =
            render("[x](javascript:alert(1)) [y]( JavaScript:alert(1)) [ok](https://a.org/x:y)");
        assert!(
            !out.html.to_lowercase().contains("javascript:"),
            "{}",
            out.html
        );
        assert!(out.html.contains("https://a.org/x:y"));
    }
}
