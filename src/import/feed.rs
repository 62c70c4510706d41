//! Feeds saved in the articles folder (`.rss`, `.atom`, `.xml`, JSON Feed
//! `.json`), read with feed-rs: every entry becomes an article of its own,
//! with the entry's title, link, dates and authors, and its content (or,
//! without content, its summary) as the body the text readers read.

use jiff::civil::Date;

use super::article::{ImportedArticle, Importer, Stated, as_text};

/// Whether a raw file is a feed, by its name.
pub fn is_feed(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".rss", ".atom", ".xml", ".json"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// One entry of a feed, as the importer needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedEntry {
    /// The entry's id (a GUID, or feed-rs's hash of its content), which names
    /// it in `source_file` after the feed's own name: `feed.xml#ID`.
    pub id: String,
    pub title: String,
    pub link: String,
    pub published: Option<Date>,
    pub updated: Option<Date>,
    pub authors: Vec<String>,
    /// The feed's own title: the outlet.
    pub outlet: String,
    pub language: String,
    /// The body's paragraphs, as text.
    pub paragraphs: Vec<String>,
    /// Only a summary was given, not the article's text.
    pub summary_only: bool,
}

/// The entries of a feed, in the feed's order.
pub fn entries(bytes: &[u8]) -> Result<Vec<FeedEntry>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("not a readable feed: {e}"))?;
    let outlet = feed
        .title
        .as_ref()
        .map(|t| one_line(&t.content))
        .unwrap_or_default();
    let language = feed.language.clone().unwrap_or_default();
    // feed-rs gives dates in UTC; the day as the feed writes it is the
    // outlet's, and is taken first.
    let day = |t: Option<String>| t.and_then(|t| t.parse::<Date>().ok());
    let written = super::feed_dates::written_days(bytes)
        .filter(|days| days.len() == feed.entries.len())
        .unwrap_or_default();
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let content = entry.content.as_ref().and_then(|c| c.body.clone());
            let summary = entry.summary.as_ref().map(|s| s.content.clone());
            let summary_only = content.as_deref().is_none_or(|c| c.trim().is_empty());
            let body = if summary_only { summary } else { content };
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .map(|l| l.href.clone())
                .unwrap_or_default();
            FeedEntry {
                id: entry.id.clone(),
                title: entry
                    .title
                    .as_ref()
                    .map(|t| one_line(&text_of(&t.content).join(" ")))
                    .unwrap_or_default(),
                link,
                published: written.get(i).copied().flatten().or_else(|| {
                    day(entry
                        .published
                        .or(entry.updated)
                        .map(|t| t.date_naive().to_string()))
                }),
                updated: day(entry.updated.map(|t| t.date_naive().to_string()))
                    .filter(|_| entry.published.is_some()),
                authors: entry
                    .authors
                    .iter()
                    .filter_map(|p| p.name.as_deref().map(one_line))
                    .filter(|n| !n.is_empty())
                    .collect(),
                outlet: outlet.clone(),
                language: entry.language.clone().unwrap_or_else(|| language.clone()),
                paragraphs: body.as_deref().map(text_of).unwrap_or_default(),
                summary_only,
            }
        })
        .collect())
}

/// The paragraphs of an entry's HTML (or plain text): a new paragraph at
/// every block element, tags dropped, entities decoded.
fn text_of(html: &str) -> Vec<String> {
    use lol_html::{HtmlRewriter, Settings, doc_text, element};
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "section",
        "article",
        "figure",
        "figcaption",
        "ul",
        "ol",
        "table",
        "pre",
        "hr",
    ];
    let text = std::cell::RefCell::new(String::new());
    {
        let mut rewriter = HtmlRewriter::new(
            Settings::new()
                .append_element_content_handler(element!("*", |el| {
                    let name = el.tag_name();
                    if BLOCKS.contains(&name.as_str()) {
                        text.borrow_mut().push('\n');
                    }
                    Ok(())
                }))
                .append_document_content_handler(doc_text!(|chunk| {
                    text.borrow_mut().push_str(chunk.as_str());
                    Ok(())
                })),
            |_: &[u8]| {},
        );
        // Scripts, styles and captions are not the article: ammonia drops
        // them with their content first.
        let cleaned = ammonia::Builder::default()
            .rm_tags(["figcaption"])
            .add_clean_content_tags(["figcaption"])
            .clean(html)
            .to_string();
        let _ = rewriter.write(cleaned.as_bytes());
        let _ = rewriter.end();
    }
    let text = text.into_inner();
    text.split('\n')
        .map(|p| one_line(&decode_entities(p)))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The entities a feed's text may hold, decoded (`&amp;` → `&`).
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Importer {
    /// Reads one feed entry into an article; `source_file` is the feed's
    /// name and the entry's id.
    pub fn read_entry(
        &self,
        entry: &FeedEntry,
        source_file: &str,
    ) -> Result<ImportedArticle, String> {
        if entry.paragraphs.is_empty() {
            return Err("the entry has neither content nor a summary".into());
        }
        let text = as_text(&entry.title, entry.paragraphs.iter().map(String::as_str));
        let mut warnings = Vec::new();
        if entry.summary_only {
            warnings.push(
                "the feed gives only a summary of this article, not its text: the figures and \
                 people come from the summary alone"
                    .to_string(),
            );
        }
        let mut article = self.read_text(&text, source_file, warnings)?;
        article.take_stated(Stated {
            title: &entry.title,
            published: entry.published,
            updated: entry.updated,
            outlet: &entry.outlet,
            url: &entry.link,
            authors: &entry.authors,
            language: &entry.language,
        });
        Ok(article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Caspian Wire</title><link>https://caspianwire.example/</link><language>en-gb</language>
<item><title>Baku and Tehran sign rail deal</title><link>https://caspianwire.example/rail</link>
<guid>cw-101</guid><pubDate>Sun, 03 Mar 2024 09:30:00 +0400</pubDate><dc:creator>Leyla Mammadova</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Azerbaijan and Iran signed a rail agreement &amp; a customs protocol on Sunday.</p><figure><img src="x.jpg"><figcaption>Photo: archive</figcaption></figure><p>The line will carry 5 million tonnes of cargo a year.</p>]]></content:encoded></item>
<item><title>Ports report record traffic</title><link>https://caspianwire.example/ports</link><guid>cw-102</guid>
<description>Caspian ports handled more cargo than ever in 2023.</description></item>
</channel></rss>"#;

    #[test]
    fn every_entry_is_read_with_its_content_or_summary() {
        let entries = entries(RSS.as_bytes()).unwrap();
        assert_eq!(entries.len(), 2);
        let rail = &entries[0];
        assert_eq!(rail.id, "cw-101");
        assert_eq!(rail.title, "Baku and Tehran sign rail deal");
        assert_eq!(rail.link, "https://caspianwire.example/rail");
        assert_eq!(rail.published, Some(date(2024, 3, 3)));
        assert_eq!(rail.authors, ["Leyla Mammadova"]);
        assert_eq!(rail.outlet, "Caspian Wire");
        assert_eq!(
            rail.paragraphs,
            [
                "Azerbaijan and Iran signed a rail agreement & a customs protocol on Sunday.",
                "The line will carry 5 million tonnes of cargo a year."
            ]
        );
        assert!(!rail.summary_only);
        assert!(entries[1].summary_only);
        assert_eq!(
            entries[1].paragraphs,
            ["Caspian ports handled more cargo than ever in 2023."]
        );
    }

    #[test]
    fn an_entry_published_after_midnight_in_baku_keeps_baku_s_day() {
        let rss = "<rss version=\"2.0\"><channel><title>T</title><item><title>Late</title>\
            <guid>x</guid><pubDate>Sun, 03 Mar 2024 01:30:00 +0400</pubDate>\
            <description>Text.</description></item></channel></rss>";
        // 2 March 21:30 in UTC.
        assert_eq!(
            entries(rss.as_bytes()).unwrap()[0].published,
            Some(date(2024, 3, 3))
        );
    }

    #[test]
    fn what_is_not_a_feed_is_refused_with_the_reason() {
        assert!(
            entries(b"<html><body>hi</body></html>")
                .unwrap_err()
                .starts_with("not a readable feed")
        );
        assert!(is_feed("news/caspian.RSS") && is_feed("a.atom") && !is_feed("a.txt"));
    }
}
