//! The search index: one Pagefind record per article, made in process from
//! the model (no Node, no second pass over the written pages), with country,
//! topic and year filters. The browser loads it from `pagefind/` only when
//! someone searches, a few chunks per query.

use std::collections::BTreeMap;

use rayon::prelude::*;

mod client;
mod index;
mod words;

use super::{FileKind, OutputFile, Sink};
use crate::error::BuildError;
use crate::model::Site;

/// Where the index lives, relative to the output root.
pub const BUNDLE: &str = "pagefind/";

/// The file in [`BUNDLE`] that names the input the index was made from.
pub const STAMP: &str = "briefing-input.blake3";

/// What Pagefind indexes of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRecord {
    /// The article page's path from the server root, under the base path.
    pub url: String,
    /// Title and text as HTML text (entities kept), as Pagefind's own HTML
    /// reader would give it: excerpts come back as HTML with `<mark>`s.
    pub content: String,
    /// Shown with each result: title, date, source.
    pub meta: BTreeMap<String, String>,
    /// `country`, `topic`, `year`.
    pub filters: BTreeMap<String, Vec<String>>,
    /// `date` (ISO), so results can be sorted newest first.
    pub sort: BTreeMap<String, String>,
}

/// One record per article, in `site.articles` order.
pub fn records(site: &Site) -> Vec<SearchRecord> {
    let base = site.config.base_path();
    // The built-in month names of the language (a site's own table is read
    // by the renderer; the index is made from the model alone).
    let strings =
        super::strings::Strings::load(&site.config.language, std::path::Path::new("")).ok();
    let months = strings.as_ref().and_then(|s| s.months());
    let dates = super::context::DateFormat::new(&site.config.date_format, months);
    site.articles
        .par_iter()
        .zip(site.filed.par_iter())
        .map(|(article, filed)| {
            let meta = &article.meta;
            let mut content = String::with_capacity(article.body_html.len());
            push_escaped(&mut content, &meta.title);
            content.push_str(". ");
            text_of(&article.body_html, &mut content);
            let mut record_meta = BTreeMap::from([
                ("title".to_string(), meta.title.clone()),
                ("source".to_string(), meta.source.clone()),
            ]);
            let mut filters = BTreeMap::new();
            let mut sort = BTreeMap::new();
            let names = |terms: &[usize], all: &[crate::model::Term]| -> Vec<String> {
                terms.iter().map(|&t| all[t].name.clone()).collect()
            };
            filters.insert(
                "country".to_string(),
                names(&filed.countries, &site.countries),
            );
            filters.insert("topic".to_string(), names(&filed.topics, &site.topics));
            if let Some(date) = meta.date {
                record_meta.insert("date".to_string(), dates.show(date));
                filters.insert("year".to_string(), vec![date.year().to_string()]);
                sort.insert("date".to_string(), date.to_string());
            }
            SearchRecord {
                url: format!("{base}articles/{}/", article.slug),
                content,
                meta: record_meta,
                filters,
                sort,
            }
        })
        .collect()
}

/// A digest of everything the index is made from: each article's record
/// (taken from the article, which the record is made of), the language, and
/// the versions of briefing and Pagefind. Indexing takes seconds per
/// thousand articles, so an unchanged index is kept.
pub fn digest(site: &Site) -> String {
    let base = site.config.base_path();
    let per_article: Vec<blake3::Hash> = site
        .articles
        .par_iter()
        .zip(site.filed.par_iter())
        .map(|(article, filed)| {
            let mut hasher = blake3::Hasher::new();
            let meta = &article.meta;
            let date = meta.date.map(|d| d.to_string()).unwrap_or_default();
            let texts = [
                base,
                &article.slug,
                &meta.title,
                &meta.source,
                &date,
                &article.body_html,
            ];
            for text in texts {
                field(&mut hasher, text);
            }
            for &t in &filed.countries {
                field(&mut hasher, &site.countries[t].name);
            }
            field(&mut hasher, "");
            for &t in &filed.topics {
                field(&mut hasher, &site.topics[t].name);
            }
            hasher.finalize()
        })
        .collect();
    let mut hasher = blake3::Hasher::new();
    field(&mut hasher, env!("CARGO_PKG_VERSION"));
    field(&mut hasher, &language_code(&site.config.language));
    field(&mut hasher, &site.config.date_format);
    for hash in per_article {
        hasher.update(hash.as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// Adds one length-prefixed field, so that fields cannot run together.
fn field(hasher: &mut blake3::Hasher, text: &str) {
    hasher.update(&(text.len() as u64).to_le_bytes());
    hasher.update(text.as_bytes());
}

/// The digest the search index in the folder `output` was made from, if any.
pub fn stamp_in(output: &std::path::Path) -> Option<String> {
    std::fs::read_to_string(output.join(BUNDLE).join(STAMP)).ok()
}

/// Makes the index of `site` and writes it, with the stamp naming `digest`.
/// Returns how many files it wrote and their bytes.
pub fn write_index(
    site: &Site,
    digest: &str,
    sink: &impl Sink,
) -> Result<(usize, u64), BuildError> {
    let (mut files, mut bytes) = (0, 0);
    for file in index_files(site, records(site))? {
        files += 1;
        bytes += file.bytes.len() as u64;
        sink.write(file)?;
    }
    sink.write(OutputFile {
        path: format!("{BUNDLE}{STAMP}"),
        bytes: digest.as_bytes().to_vec(),
        kind: FileKind::Other,
    })?;
    Ok((files + 1, bytes + digest.len() as u64))
}

/// Builds the index and returns its files, paths relative to the output root.
pub fn index_files(site: &Site, records: Vec<SearchRecord>) -> Result<Vec<OutputFile>, BuildError> {
    let language = language_code(&site.config.language);
    let client = client::client(&language)?;
    let built = index::build(&records, &language, &client.version);
    let entry = serde_json::json!({
        "version": client.version,
        "languages": {
            language.as_str(): {
                "hash": built.meta_hash,
                "wasm": client.has_wasm.then_some(language.as_str()),
                "page_count": built.page_count,
            }
        },
        "include_characters": words::WORD_SYMBOLS,
    });
    let mut files: Vec<OutputFile> = client
        .files
        .iter()
        .map(|(name, bytes)| bundle_file(name, bytes.clone()))
        .collect();
    files.push(bundle_file(
        "pagefind-entry.json",
        entry.to_string().into_bytes(),
    ));
    files.extend(
        built
            .files
            .into_iter()
            .map(|f| bundle_file(&f.path, f.bytes)),
    );
    Ok(files)
}

fn bundle_file(name: &str, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path: format!("{BUNDLE}{name}"),
        bytes,
        kind: FileKind::Other,
    }
}

/// Pagefind's stemmers and its wasm file go by the ISO 639-1 code: `en`
/// of `en-GB`.
fn language_code(tag: &str) -> String {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    if primary.is_empty() {
        "en".into()
    } else {
        primary.to_ascii_lowercase()
    }
}

/// Appends the text of an HTML fragment, as HTML text (entities as they
/// are), with a space where a block ends so words do not run together.
fn text_of(html: &str, out: &mut String) {
    use lol_html::{HtmlRewriter, Settings, doc_text, element};
    const INLINE: [&str; 12] = [
        "a", "abbr", "b", "code", "em", "i", "mark", "q", "small", "span", "strong", "sub",
    ];
    let text = std::cell::RefCell::new(std::mem::take(out));
    {
        let mut rewriter = HtmlRewriter::new(
            Settings::new()
                .append_element_content_handler(element!("*", |el| {
                    if !INLINE.contains(&el.tag_name().as_str()) {
                        text.borrow_mut().push(' ');
                    }
                    Ok(())
                }))
                .append_document_content_handler(doc_text!(|chunk| {
                    text.borrow_mut().push_str(chunk.as_str());
                    Ok(())
                })),
            |_: &[u8]| {},
        );
        // The body was written by our own Markdown renderer: it parses.
        let _ = rewriter.write(html.as_bytes());
        let _ = rewriter.end();
    }
    *out = text.into_inner();
}

fn push_escaped(out: &mut String, text: &str) {
    // Writing to a String cannot fail.
    let _ =
        pulldown_cmark_escape::escape_html_body_text(pulldown_cmark_escape::FmtWriter(out), text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_entities_and_separates_blocks() {
        let mut out = String::new();
        text_of(
            "<h2>Gas</h2><p>Swap of <em>2 bcm</em> &amp; more</p><ul><li>one</li><li>two</li></ul>",
            &mut out,
        );
        let words: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "Gas", "Swap", "of", "2", "bcm", "&amp;", "more", "one", "two"
            ]
        );
    }

    #[test]
    fn language_is_the_primary_subtag() {
        assert_eq!(language_code("en-GB"), "en");
        assert_eq!(language_code("AZ"), "az");
        assert_eq!(language_code(""), "en");
    }
}
