//! Saved web pages (`.html`, `.htm`, gzipped or not): the article body is
//! found by rs-trafilatura (chosen by measurement on the shared extraction
//! benchmark, `benches/extraction.sh`), the metadata read from the page's
//! own machine-readable tags (`page_meta`), and the body then goes through
//! the same readers as a text article.

use std::io::Read;

use super::article::{ImportedArticle, Importer, Stated, as_text};
use super::page_meta::{self, PageMeta};

/// Whether a raw file is a web page, by its name.
pub fn is_page(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml")
}

/// A page's body and metadata, before the text readers run.
#[derive(Debug, Clone, Default)]
pub struct ExtractedPage {
    pub meta: PageMeta,
    /// The body as plain text, one paragraph a line.
    pub text: String,
    /// The body as Markdown (headings, lists, quotes, tables).
    pub markdown: String,
}

/// Unpacks (gzip) and decodes a page: `limit` bounds the unpacked size.
pub fn decode(bytes: &[u8], limit: u64) -> Result<String, String> {
    let unpacked;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("not a readable gzip file: {e}"))?;
        if out.len() as u64 > limit {
            return Err(format!(
                "too large: over {} MB unpacked (max_article_mb in site.toml)",
                limit / 1_048_576
            ));
        }
        unpacked = out;
        &unpacked[..]
    } else {
        bytes
    };
    if let Ok(text) = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)) {
        return Ok(text.to_string());
    }
    // Not UTF-8: the page's own charset, read from its first bytes (the
    // tags that name it are ASCII in every charset a page may use).
    let head = &bytes[..bytes.len().min(4096)];
    let label = String::from_utf8_lossy(head).to_ascii_lowercase();
    let encoding = label
        .split("charset=")
        .nth(1)
        .map(|rest| {
            rest.trim_start_matches(['"', '\''])
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .next()
                .unwrap_or("")
                .to_string()
        })
        .and_then(|name| encoding_rs::Encoding::for_label(name.as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    Ok(encoding.decode(bytes).0.into_owned())
}

/// Finds the article in a decoded page. Fails, with the reason, for a page
/// that is not HTML or holds no article body.
pub fn extract(html: &str) -> Result<ExtractedPage, String> {
    let head = html.trim_start().get(..1024).unwrap_or(html.trim_start());
    if !head.to_ascii_lowercase().contains('<') {
        return Err("not HTML: no markup in the file".into());
    }
    let meta = page_meta::read(html);
    let options = rs_trafilatura::Options {
        output_markdown: true,
        include_tables: true,
        ..rs_trafilatura::Options::default()
    };
    let result = extract_article(html, &options)?;
    let text = result
        .content_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    // Counted in letters, not words: Japanese or Chinese text has no spaces.
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 80 {
        return Err("no article body found: the page holds too little text".into());
    }
    let mut meta = meta;
    if meta.headline.is_empty() {
        meta.headline = result.metadata.title.clone().unwrap_or_default();
    }
    // trafilatura's site-name guess can be page furniture (a weather box
    // read "55°F Clear 67° 46° Wichita, KS", a menu "F1 | Indy | MotoGP",
    // a navigation bar's links "Home   Region"): an outlet's name is one
    // short line of single-spaced words.
    if meta.publisher.is_empty()
        && let Some(name) = result.metadata.sitename.as_deref()
        && !name.contains(['\n', '\t', '|'])
        && !name.trim().contains("  ")
        && !name.trim_start().starts_with("Home")
        && name.split_whitespace().count() <= 6
    {
        meta.publisher = name.trim().to_string();
    }
    if meta.authors.is_empty()
        && let Some(author) = result.metadata.author.as_deref()
    {
        meta.authors = author
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
    }
    Ok(ExtractedPage {
        meta,
        markdown: result.content_markdown.unwrap_or_default(),
        text,
    })
}

/// Runs rs-trafilatura as a news importer needs it. Its page classifier
/// picks an extraction profile; two of its choices suit other kinds of page
/// and cost a news article its precision (measured on the extraction
/// benchmark: F1 0.957 -> 0.962), so the page is read again as an article:
/// - a page taken for a forum has its comments read as content, but the
///   reader's comments are not the outlet's report;
/// - gathering the best blocks of a page into one (meant for a landing page
///   in sections) adds a "More from …" block or a list of links beside an
///   article that one block already held; the reading that keeps one
///   block is taken.
fn extract_article(
    html: &str,
    options: &rs_trafilatura::Options,
) -> Result<rs_trafilatura::ExtractResult, String> {
    use rs_trafilatura::page_type::PageType;
    let first = rs_trafilatura::extract_with_options(html, options)
        .map_err(|e| format!("no article body found ({e})"))?;
    let gathered = |result: &rs_trafilatura::ExtractResult| {
        result
            .warnings
            .iter()
            .any(|w| w.starts_with("Used multi-candidate merge"))
    };
    let again_as = if first.metadata.page_type.as_deref() == Some("forum") {
        PageType::Article
    } else if gathered(&first) {
        // The article profile without gathering: the library's category
        // profile differs from it only in putting a shop category's
        // description ("category-description", "seo-text") first.
        PageType::Category
    } else {
        return Ok(first);
    };
    let options = rs_trafilatura::Options {
        page_type: Some(again_as),
        ..options.clone()
    };
    match rs_trafilatura::extract_with_options(html, &options) {
        Ok(second) if !gathered(&second) => Ok(second),
        _ => Ok(first),
    }
}

impl Importer {
    /// Reads a saved web page into an article: the body through the text
    /// readers, then what the page states about itself in its tags put
    /// above what the text suggests (title, date, outlet, address).
    pub(super) fn read_page(
        &self,
        bytes: &[u8],
        source_file: &str,
    ) -> Result<ImportedArticle, String> {
        let html = decode(bytes, self.max_bytes.saturating_mul(4))?;
        let page = extract(&html)?;
        let meta = &page.meta;
        let text = as_text(&meta.headline, page.text.lines());
        let mut article = self.read_text(&text, source_file, Vec::new())?;
        article.take_stated(Stated {
            title: &meta.headline,
            published: meta.published,
            updated: meta.modified,
            outlet: &meta.publisher,
            url: &meta.canonical,
            authors: &meta.authors,
            language: &meta.language,
        });
        // The page's own structure (lists, quotes, tables, headings) is kept;
        // its headline is the title, not a heading of the body. The build
        // sanitises the Markdown's HTML as for any article.
        let markdown = flush_left(without_headline(&page.markdown));
        if !markdown.trim().is_empty() {
            article.body = format!("{}\n", markdown.trim());
        }
        Ok(article)
    }
}

/// The Markdown with the page's source indentation removed: four spaces
/// before a line would make it a code block. Fenced code is kept as it is.
fn flush_left(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut fenced = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fenced = !fenced;
        }
        out.push_str(if fenced { line } else { trimmed });
        out.push('\n');
    }
    out
}

/// The Markdown without a leading level-one heading (the headline), which
/// may run over several lines.
fn without_headline(markdown: &str) -> &str {
    let trimmed = markdown.trim_start();
    if !(trimmed.starts_with("# ") || trimmed.starts_with("#\n")) {
        return trimmed;
    }
    match trimmed.find("\n\n") {
        Some(end) => trimmed[end..].trim_start(),
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indented_page_text_is_not_code_but_fenced_code_stays() {
        assert_eq!(
            flush_left("Text\n\n        Previous\n\n```\n    code\n```\n"),
            "Text\n\nPrevious\n\n```\n    code\n```\n"
        );
    }

    #[test]
    fn the_headline_heading_is_dropped_from_the_body() {
        assert_eq!(
            without_headline("# Gas deal\n\nText.\n\n## More"),
            "Text.\n\n## More"
        );
        assert_eq!(without_headline("#\n   Gas deal\n\n\nText."), "Text.");
        assert_eq!(without_headline("Text.\n\n# Later"), "Text.\n\n# Later");
    }

    #[test]
    fn pages_are_known_by_their_names() {
        for name in ["a.html", "b/C.HTM", "c.html.gz", "d.xhtml"] {
            assert!(is_page(name), "{name}");
        }
        for name in ["a.txt", "html", "a.gz", "a.html.txt"] {
            assert!(!is_page(name), "{name}");
        }
    }

    #[test]
    fn gzip_and_a_declared_charset_are_decoded() {
        use std::io::Write;
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>";
        let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        packed.write_all(page).unwrap();
        let packed = packed.finish().unwrap();
        let text = decode(&packed, 1 << 20).unwrap();
        assert!(text.contains("Привет"), "{text}");
        assert!(decode(&packed, 10).unwrap_err().starts_with("too large"));
    }

    #[test]
    fn a_section_of_other_stories_beside_the_article_is_not_its_body() {
        let paragraph = "The gas pipeline from Baku reached another compressor \
            station on Tuesday, officials in the ministry said, adding that the work \
            would go on through the winter despite the delays at the border crossing.";
        let article: String = (1..=8)
            .map(|i| format!("<p>{i}. {paragraph}</p>"))
            .collect();
        let teasers: String = (1..=15)
            .map(|i| {
                format!(
                    "<div class=teaser><h3><a href=/s{i}>Story {i} about something else</a></h3>\
                     <p>A teaser paragraph that tells of another story of the outlet in some \
                     detail, so that it is a block of text of its own, number {i}.</p></div>"
                )
            })
            .collect();
        let html = format!(
            "<!doctype html><html lang=en><head><title>Gas pipeline reaches station</title></head>\
             <body><nav><a href=/>Home</a> <a href=/news>News</a></nav><main>\
             <article><h1>Gas pipeline reaches station</h1>{article}</article>\
             <section class=more-stories><h2>More from the Caspian Wire</h2>{teasers}</section>\
             </main><footer>Caspian Wire</footer></body></html>"
        );
        let page = extract(&html).unwrap();
        assert!(page.text.contains("8. The gas pipeline"), "{}", page.text);
        assert!(!page.text.contains("Story 3"), "{}", page.text);
        assert!(!page.text.contains("teaser paragraph"), "{}", page.text);
    }

    #[test]
    fn a_page_without_markup_or_body_fails_with_the_reason() {
        assert!(extract("just words").unwrap_err().starts_with("not HTML"));
        let empty = "<html><body><nav><a href=/>Home</a></nav></body></html>";
        assert!(
            extract(empty)
                .unwrap_err()
                .starts_with("no article body found")
        );
    }
}
