//! The search index: one Pagefind record per article, made in process from
//! the model (no Node, no second pass over the written pages), with country,
//! topic and year filters, in shards (`shards.rs`) that the browser merges.
//! The browser loads it from `pagefind/` only when someone searches, a few
//! chunks of each shard per query.

use std::collections::BTreeMap;

use rayon::prelude::*;

mod client;
mod index;
mod shards;
mod words;

pub use shards::SHARDS;

use super::{FileKind, OutputFile, Sink};
use crate::error::BuildError;
use crate::model::Site;

/// Where the index lives, relative to the output root.
pub const BUNDLE: &str = "pagefind/";

/// The file in [`BUNDLE`] and in each shard's folder that names the input
/// it was made from.
pub const STAMP: &str = "briefing-input.blake3";

/// The file in [`BUNDLE`] that lists the shards, newest first, for the
/// search page to merge.
pub const SHARD_LIST: &str = "briefing-shards.json";

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

/// The records of the articles at `articles` (positions in
/// `site.articles`), in that order.
pub fn records(site: &Site, articles: &[usize]) -> Vec<SearchRecord> {
    let base = site.config.base_path();
    // The built-in month names of the language (a site's own table is read
    // by the renderer; the index is made from the model alone).
    let strings =
        super::strings::Strings::load(&site.config.language, std::path::Path::new("")).ok();
    let months = strings.as_ref().and_then(|s| s.months());
    let dates = super::context::DateFormat::new(&site.config.date_format, months);
    articles
        .par_iter()
        .map(|&at| {
            let (article, filed) = (&site.articles[at], &site.filed[at]);
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
            }
            // Pagefind leaves a page without the sort key out of a sorted
            // search (the filters alone): undated articles sort oldest.
            let date = meta.date.map(|d| d.to_string()).unwrap_or_default();
            sort.insert("date".to_string(), date);
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

/// Adds one length-prefixed field, so that fields cannot run together.
fn field(hasher: &mut blake3::Hasher, text: &str) {
    hasher.update(&(text.len() as u64).to_le_bytes());
    hasher.update(text.as_bytes());
}

/// The digest the search index in the folder `output` was made from, if any.
pub fn stamp_in(output: &std::path::Path) -> Option<String> {
    std::fs::read_to_string(output.join(BUNDLE).join(STAMP)).ok()
}

/// The digest of everything the index of `site` is made from.
pub fn digest(site: &Site) -> String {
    shards::digest(&shards::plan(site))
}

/// What [`write_index`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WrittenIndex {
    /// Files written and their bytes.
    pub files: usize,
    pub bytes: u64,
    /// The shards' folders inside the bundle (`shards/DIGEST/`), newest
    /// first, those kept from the output as they were included.
    pub shards: Vec<String>,
    /// How many shards were kept.
    pub kept: usize,
}

/// Makes the index of `site` and writes it: each shard the sink does not
/// already hold (see [`Sink::reuse`]), then the bundle's own files, the
/// list of shards the search page merges last of all.
pub fn write_index(site: &Site, sink: &impl Sink) -> Result<WrittenIndex, BuildError> {
    let language = language_code(&site.config.language);
    let client = client::client(&language)?;
    let shards = shards::plan(site);
    let mut written = WrittenIndex::default();
    let mut write = |file: OutputFile| -> Result<(), BuildError> {
        written.files += 1;
        written.bytes += file.bytes.len() as u64;
        sink.write(file)
    };
    let mut kept = 0;
    for shard in &shards {
        if sink.reuse(&shard.dir(), STAMP, &shard.digest)? {
            kept += 1;
            continue;
        }
        let records = records(site, &shard.articles);
        let built = index::build(&records, &language, &client.version, shard.older);
        drop(records);
        let dir = shard.dir();
        write(bundle_file(
            &dir,
            "pagefind-entry.json",
            entry(&client, &language, &built).into_bytes(),
        ))?;
        for file in built.files {
            write(bundle_file(&dir, &file.path, file.bytes))?;
        }
        write(bundle_file(&dir, STAMP, shard.digest.clone().into_bytes()))?;
    }
    // The bundle's own index holds no page: Pagefind's client needs one
    // where its script is, and every shard is merged into it alike.
    let empty = index::build(&[], &language, &client.version, 0);
    for (name, bytes) in &client.files {
        write(bundle_file(BUNDLE, name, bytes.clone()))?;
    }
    write(bundle_file(
        BUNDLE,
        "pagefind-entry.json",
        entry(&client, &language, &empty).into_bytes(),
    ))?;
    for file in empty.files {
        write(bundle_file(BUNDLE, &file.path, file.bytes))?;
    }
    let folders: Vec<String> = shards.iter().map(shards::Shard::folder).collect();
    let list = serde_json::json!({ "shards": folders });
    write(bundle_file(
        BUNDLE,
        SHARD_LIST,
        list.to_string().into_bytes(),
    ))?;
    write(bundle_file(
        BUNDLE,
        STAMP,
        shards::digest(&shards).into_bytes(),
    ))?;
    written.shards = folders;
    written.kept = kept;
    Ok(written)
}

/// A bundle's `pagefind-entry.json`, which the client reads first.
fn entry(client: &client::Client, language: &str, built: &index::BuiltIndex) -> String {
    serde_json::json!({
        "version": client.version,
        "languages": {
            language: {
                "hash": built.meta_hash,
                "wasm": client.has_wasm.then_some(language),
                "page_count": built.page_count,
            }
        },
        "include_characters": words::WORD_SYMBOLS,
    })
    .to_string()
}

fn bundle_file(dir: &str, name: &str, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path: format!("{dir}{name}"),
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
