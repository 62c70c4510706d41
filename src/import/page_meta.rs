//! What a saved web page says about itself in machine-readable form: JSON-LD
//! (`NewsArticle`, `Article`, `ReportageNewsArticle`, …), OpenGraph and other
//! meta tags, `<time datetime>`, `<link rel=canonical>` and `<html lang>`.
//! Dates are kept as the page writes them (`2024-03-03T09:30:00+04:00` is
//! 3 March, where the outlet is), never moved to UTC.

use jiff::civil::Date;
use lol_html::{HtmlRewriter, Settings, element, text};
use serde_json::Value;

/// A page's metadata, each field from the most reliable place that gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub headline: String,
    pub published: Option<Date>,
    pub modified: Option<Date>,
    pub authors: Vec<String>,
    /// The outlet: JSON-LD publisher, else `og:site_name`.
    pub publisher: String,
    pub canonical: String,
    pub language: String,
    /// `<meta charset>` or the `http-equiv` content type's charset.
    pub charset: String,
}

/// Everything the page's head and body offer, before choosing.
#[derive(Default)]
struct Found {
    json_ld: Vec<String>,
    meta: Vec<(String, String)>,
    times: Vec<String>,
    canonical: String,
    lang: String,
    charset: String,
    title: String,
}

/// Reads the metadata of `html` (already decoded).
pub fn read(html: &str) -> PageMeta {
    let found = scan(html);
    let mut meta = PageMeta {
        charset: found.charset.clone(),
        ..PageMeta::default()
    };
    for block in &found.json_ld {
        if let Ok(value) = serde_json::from_str::<Value>(block.trim()) {
            for article in articles_in(&value) {
                take_json_ld(article, &mut meta);
            }
        }
    }
    let tag = |names: &[&str]| -> String {
        names
            .iter()
            .find_map(|name| {
                found
                    .meta
                    .iter()
                    .find(|(key, value)| key.eq_ignore_ascii_case(name) && !value.trim().is_empty())
                    .map(|(_, value)| clean(value))
            })
            .unwrap_or_default()
    };
    if meta.headline.is_empty() {
        meta.headline = tag(&["og:title", "twitter:title"]);
    }
    if meta.headline.is_empty() {
        meta.headline = clean(&found.title);
    }
    if meta.published.is_none() {
        meta.published = day_of(&tag(&[
            "article:published_time",
            "og:article:published_time",
            "datePublished",
            "pubdate",
            "publish-date",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date",
            "dcterms.date",
            "date",
        ]))
        .or_else(|| found.times.iter().find_map(|t| day_of(t)));
    }
    if meta.modified.is_none() {
        meta.modified = day_of(&tag(&[
            "article:modified_time",
            "og:updated_time",
            "dateModified",
        ]));
    }
    if meta.authors.is_empty() {
        let author = tag(&["author", "article:author", "parsely-author", "dc.creator"]);
        // `article:author` is often a profile address, not a name.
        if !author.is_empty() && !author.contains("://") {
            meta.authors.push(author);
        }
    }
    if meta.publisher.is_empty() {
        meta.publisher = tag(&["og:site_name", "application-name"]);
    }
    meta.canonical = if found.canonical.starts_with("http") {
        found.canonical.clone()
    } else {
        let og = tag(&["og:url"]);
        if og.starts_with("http") {
            og
        } else if meta.canonical.is_empty() {
            saved_from(html).unwrap_or_default()
        } else {
            meta.canonical
        }
    };
    meta.language = primary_language(&found.lang)
        .or_else(|| primary_language(&meta.language))
        .or_else(|| primary_language(&tag(&["og:locale", "content-language", "language"])))
        .unwrap_or_default();
    meta
}

fn scan(html: &str) -> Found {
    use std::cell::RefCell;
    let found = RefCell::new(Found::default());
    let script = RefCell::new(None::<String>);
    let title = RefCell::new(None::<String>);
    let handlers = vec![
        element!("html[lang]", |el| {
            found.borrow_mut().lang = el.get_attribute("lang").unwrap_or_default();
            Ok(())
        }),
        element!("meta", |el| {
            let mut found = found.borrow_mut();
            if let Some(charset) = el.get_attribute("charset") {
                found.charset = charset.trim().to_string();
            }
            let key = el
                .get_attribute("property")
                .or_else(|| el.get_attribute("name"))
                .or_else(|| el.get_attribute("itemprop"))
                .or_else(|| el.get_attribute("http-equiv"));
            if let (Some(key), Some(content)) = (key, el.get_attribute("content")) {
                if key.eq_ignore_ascii_case("content-type")
                    && let Some((_, charset)) = content.split_once("charset=")
                {
                    found.charset = charset.trim().to_string();
                }
                found.meta.push((key, content));
            }
            Ok(())
        }),
        element!("link[rel=canonical][href]", |el| {
            let mut found = found.borrow_mut();
            if found.canonical.is_empty() {
                found.canonical = el.get_attribute("href").unwrap_or_default();
            }
            Ok(())
        }),
        element!("time[datetime]", |el| {
            found
                .borrow_mut()
                .times
                .push(el.get_attribute("datetime").unwrap_or_default());
            Ok(())
        }),
        element!("script[type='application/ld+json']", |_| {
            *script.borrow_mut() = Some(String::new());
            Ok(())
        }),
        text!("script[type='application/ld+json']", |chunk| {
            if let Some(text) = script.borrow_mut().as_mut() {
                text.push_str(chunk.as_str());
            }
            if chunk.last_in_text_node()
                && let Some(text) = script.borrow_mut().take()
            {
                found.borrow_mut().json_ld.push(text);
            }
            Ok(())
        }),
        element!("head title", |_| {
            *title.borrow_mut() = Some(String::new());
            Ok(())
        }),
        text!("head title", |chunk| {
            if let Some(text) = title.borrow_mut().as_mut() {
                text.push_str(chunk.as_str());
            }
            if chunk.last_in_text_node()
                && let Some(text) = title.borrow_mut().take()
                && found.borrow().title.is_empty()
            {
                found.borrow_mut().title = text;
            }
            Ok(())
        }),
    ];
    let settings = handlers
        .into_iter()
        .fold(Settings::new(), |settings, handler| {
            settings.append_element_content_handler(handler)
        });
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A page the rewriter cannot follow simply yields what was read so far.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    found.into_inner()
}

/// The article objects of a JSON-LD block: itself, the items of a list or
/// `@graph`, in document order.
fn articles_in(value: &Value) -> Vec<&Value> {
    const ARTICLE_TYPES: &[&str] = &[
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "Report",
        "LiveBlogPosting",
    ];
    let mut out = Vec::new();
    match value {
        Value::Array(items) => items.iter().for_each(|v| out.extend(articles_in(v))),
        Value::Object(object) => {
            if let Some(graph) = object.get("@graph") {
                out.extend(articles_in(graph));
            }
            let typed = |t: &Value| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t));
            let is_article = match object.get("@type") {
                Some(Value::Array(types)) => types.iter().any(typed),
                Some(t) => typed(t),
                None => false,
            };
            if is_article {
                out.push(value);
            }
        }
        _ => {}
    }
    out
}

/// Fills what `meta` still lacks from one JSON-LD article.
fn take_json_ld(article: &Value, meta: &mut PageMeta) {
    let text = |key: &str| article.get(key).and_then(Value::as_str).map(clean);
    if meta.headline.is_empty() {
        meta.headline = text("headline")
            .or_else(|| text("name"))
            .unwrap_or_default();
    }
    if meta.published.is_none() {
        meta.published = text("datePublished").and_then(|d| day_of(&d));
    }
    if meta.modified.is_none() {
        meta.modified = text("dateModified").and_then(|d| day_of(&d));
    }
    if meta.authors.is_empty() {
        meta.authors = names(article.get("author"));
    }
    if meta.publisher.is_empty() {
        meta.publisher = names(article.get("publisher"))
            .into_iter()
            .next()
            .unwrap_or_default();
    }
    if meta.canonical.is_empty()
        && let Some(url) = text("url").or_else(|| {
            article
                .get("mainEntityOfPage")
                .and_then(|m| m.get("@id").or(Some(m)))
                .and_then(Value::as_str)
                .map(clean)
        })
        && url.starts_with("http")
    {
        meta.canonical = url;
    }
    if meta.language.is_empty() {
        meta.language = text("inLanguage").unwrap_or_default();
    }
}

/// Names from a JSON-LD person or organisation: a string, an object with
/// `name`, or a list of them.
fn names(value: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    match value {
        Some(Value::String(name)) => out.push(clean(name)),
        Some(Value::Object(object)) => {
            if let Some(name) = object.get("name").and_then(Value::as_str) {
                out.push(clean(name));
            }
        }
        Some(Value::Array(items)) => items.iter().for_each(|v| out.extend(names(Some(v)))),
        _ => {}
    }
    out.retain(|n| !n.is_empty() && !n.contains("://"));
    out.dedup();
    out
}

/// The calendar day a timestamp names, as written: `2024-03-03T23:30:00-05:00`
/// is 3 March.
fn day_of(text: &str) -> Option<Date> {
    let text = text.trim();
    let day = text.get(..10)?;
    let date: Date = day.parse().ok()?;
    (date.year() >= 1990).then_some(date)
}

/// `en-GB` → `en`; nothing for an empty or odd value.
/// The address a browser (or `briefing import URL`) noted when it saved
/// the page: `<!-- saved from url=(0042)https://… -->` at its top.
fn saved_from(html: &str) -> Option<String> {
    let head = html.get(..html.len().min(1024)).unwrap_or(html);
    let rest = head.split_once("<!-- saved from url=(")?.1;
    let (_, rest) = rest.split_once(')')?;
    let url = rest.split_whitespace().next()?;
    url.starts_with("http").then(|| url.to_string())
}

fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.chars().all(|c| c.is_ascii_lowercase()))
        .then_some(primary)
}

/// Text with entities' leftovers and runs of white space tidied.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
<meta charset="utf-8"><title>Gas deal | Caspian Wire</title>
<meta property="og:title" content="Gas deal signed (OG)">
<meta property="og:site_name" content="Caspian Wire">
<meta property="article:published_time" content="2024-03-01T10:00:00Z">
<link rel="canonical" href="https://caspianwire.example/2024/gas-deal">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Caspian Wire"},
 {"@type":"NewsArticle","headline":"Gas deal signed","datePublished":"2024-03-03T23:30:00-05:00",
  "dateModified":"2024-03-04T08:00:00-05:00",
  "author":[{"@type":"Person","name":"Leyla Mammadova"},{"@type":"Person","name":"Tom Reed"}],
  "publisher":{"@type":"Organization","name":"Caspian Wire News"}}]}</script>
</head><body><time datetime="2020-01-01">old</time></body></html>"#;

    #[test]
    fn json_ld_comes_first_and_dates_stay_where_the_outlet_is() {
        let meta = read(PAGE);
        assert_eq!(meta.headline, "Gas deal signed");
        assert_eq!(meta.published, Some(date(2024, 3, 3)));
        assert_eq!(meta.modified, Some(date(2024, 3, 4)));
        assert_eq!(meta.authors, ["Leyla Mammadova", "Tom Reed"]);
        assert_eq!(meta.publisher, "Caspian Wire News");
        assert_eq!(meta.canonical, "https://caspianwire.example/2024/gas-deal");
        assert_eq!(meta.language, "en");
        assert_eq!(meta.charset, "utf-8");
    }

    #[test]
    fn without_json_ld_meta_tags_and_time_elements_are_read() {
        let page = r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<meta name="author" content="Anna Petrova"><meta property="og:url" content="https://news.example/a">
<title> Talks in Baku </title></head><body><p>x</p><time datetime="2023-11-27T09:00">27 Nov</time></body></html>"#;
        let meta = read(page);
        assert_eq!(meta.headline, "Talks in Baku");
        assert_eq!(meta.published, Some(date(2023, 11, 27)));
        assert_eq!(meta.authors, ["Anna Petrova"]);
        assert_eq!(meta.canonical, "https://news.example/a");
        assert_eq!(meta.charset, "windows-1251");
        assert_eq!(meta.language, "");
    }

    #[test]
    fn broken_json_ld_and_profile_addresses_are_ignored() {
        let page = r#"<html><head><script type="application/ld+json">{"@type": "NewsArticle", </script>
<meta property="article:author" content="https://facebook.com/someone"></head></html>"#;
        let meta = read(page);
        assert_eq!(meta, PageMeta::default());
    }

    #[test]
    fn a_page_saved_with_its_address_noted_has_that_url_unless_it_names_its_own() {
        let saved =
            "<!-- saved from url=(0027)https://news.example/a-b-c -->\n<html><head></head></html>";
        assert_eq!(read(saved).canonical, "https://news.example/a-b-c");
        let own = "<!-- saved from url=(0020)https://x.example/a -->\n\
                   <html><head><link rel=canonical href=\"https://x.example/story\"></head></html>";
        assert_eq!(read(own).canonical, "https://x.example/story");
        assert_eq!(
            read("<html><!-- saved from url=(0003)abc --></html>").canonical,
            ""
        );
    }
}
