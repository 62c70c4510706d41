//! Writes the search index in the format Pagefind's browser client reads
//! (Pagefind 1.6: CBOR word, filter and meta files, JSON fragments, each
//! gzipped behind the `pagefind_dcd` signature), straight from the search
//! records.
//!
//! Pagefind's own indexer took about 3 ms and 240 kB per article (30 s and
//! 2.4 GB at 10,000 articles): it copies every record on the way in,
//! looks each new page up in a list of all the earlier ones, and compresses
//! at the slowest gzip level. The same files come out here in parallel, one
//! pass per article and one merge of the word lists; `tests` check that
//! the words, pages, positions and filters are the ones Pagefind writes.

use std::collections::BTreeMap;
use std::io::Write;

use foldhash::HashMap;
use minicbor::Encode;
use rayon::prelude::*;

use super::SearchRecord;
use super::words::{self, IndexableWord};
use format::*;

mod format;

/// Pagefind's default size of a word-index file, in postings: big enough
/// that a query fetches one or two files, small enough that each is a few
/// tens of kilobytes.
const CHUNK_POSTINGS: usize = 20_000;

/// A weight of 1.0 in Pagefind's positions (weights are stored ×24).
const BODY_WEIGHT: u8 = 24;

/// The gzip level of the word, filter and meta files, which every query
/// fetches: 6 makes them within 2 % of level 9 in a fifth of the time.
const GZIP_LEVEL: u32 = 6;

/// The level of the fragments (one per article, about half the bytes the
/// index holds; a query fetches five): level 1 takes half level 6's time
/// for files 10 % larger.
const FRAGMENT_GZIP_LEVEL: u32 = 1;

/// Hex digits of a file's content hash in its name (more where two files
/// would share a name).
const NAME_DIGITS: usize = 10;

/// Hex digits of a fragment's name, which the meta file lists for every
/// page and every query downloads: each digit costs about 1 kB per 2,500
/// pages. Names need only be unique within one index (a shard's folder),
/// and a clash gets longer names.
const FRAGMENT_DIGITS: usize = 7;

/// One file of the index, its path inside the bundle folder.
pub struct IndexFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The index of a set of records: its files, and what
/// `pagefind-entry.json` says of it.
pub struct BuiltIndex {
    pub files: Vec<IndexFile>,
    /// `LANG_HASH`, naming `pagefind.LANG_HASH.pf_meta`.
    pub meta_hash: String,
    pub page_count: usize,
}

/// Body positions with their weights, and meta positions by field.
type Postings = (Vec<(u32, u8)>, Vec<(u16, u32)>);

/// One word's postings on one page, before the merge.
#[derive(Default)]
struct PageWord {
    /// Positions of the word as written without diacritics.
    plain: Vec<(u32, u8)>,
    plain_meta: Vec<(u16, u32)>,
    /// Positions per original spelling with diacritics, first seen first.
    variants: BTreeMap<String, Postings>,
}

/// One word of one page, packed: the page's entry (page number set when
/// merged) and one per spelling with diacritics.
struct PackedPageWord {
    word: String,
    page: Option<PackedPage>,
    variants: Vec<(String, PackedPage)>,
}

/// One record, indexed: its fragment file and its words.
struct IndexedPage {
    /// The fragment's file name: set when the pages are named, in order.
    fragment_hash: String,
    fragment_digest: blake3::Hash,
    fragment_gz: Vec<u8>,
    word_count: usize,
    words: Vec<PackedPageWord>,
}

/// Builds the index of `records` for `language` (an ISO 639-1 code).
/// `version` is the Pagefind client's, which checks it. `sort_offset` is
/// where this index's pages start on the scale of sort positions that the
/// indexes merged beside it share (see [`sorts`]).
pub fn build(
    records: &[SearchRecord],
    language: &str,
    version: &str,
    sort_offset: usize,
) -> BuiltIndex {
    let mut meta_fields: Vec<String> = records
        .iter()
        .flat_map(|r| r.meta.keys().cloned())
        .collect();
    meta_fields.sort_unstable();
    meta_fields.dedup();

    let pages: Vec<IndexedPage> = records
        .par_iter()
        .map_init(
            || (words::stemmer_for(language), HashMap::default()),
            |(stemmer, cache), record| index_page(record, &meta_fields, stemmer.as_ref(), cache),
        )
        .collect();

    let mut files = Vec::new();
    let mut word_map: HashMap<String, PackedWord> = HashMap::default();
    let mut meta_pages = Vec::with_capacity(pages.len());
    let mut pages = pages;
    name_fragments(&mut pages, language);
    let page_words: Vec<Vec<PackedPageWord>> = pages
        .iter_mut()
        .map(|p| std::mem::take(&mut p.words))
        .collect();
    for page in &pages {
        meta_pages.push(MetaPage {
            hash: &page.fragment_hash,
            word_count: page.word_count as u32,
            group_hash: "",
        });
    }
    for (page_number, words) in page_words.into_iter().enumerate() {
        for word in words {
            merge_word(&mut word_map, word, page_number);
        }
    }
    let mut written_fragments = foldhash::HashSet::default();
    for page in &pages {
        // Pages with the same text share one fragment file.
        if written_fragments.insert(page.fragment_hash.as_str()) {
            files.push(IndexFile {
                path: format!("fragment/{}.pf_fragment", page.fragment_hash),
                bytes: page.fragment_gz.clone(),
            });
        }
    }

    let chunks = chunk_words(word_map.into_values().collect());
    let mut index_chunks = chunk_meta(&chunks);
    let encoded: Vec<(String, Vec<u8>)> = chunks
        .into_par_iter()
        .map(|mut chunk| {
            for word in &mut chunk {
                delta_encode(&mut word.pages);
                for variant in &mut word.additional_variants {
                    delta_encode(&mut variant.pages);
                }
            }
            let bytes = cbor(&WordIndex { words: &chunk });
            (
                format!("{language}_{}", short_hash(&bytes)),
                gzip(&bytes, GZIP_LEVEL),
            )
        })
        .collect();
    for (meta_chunk, (hash, bytes)) in index_chunks.iter_mut().zip(encoded) {
        files.push(IndexFile {
            path: format!("index/{hash}.pf_index"),
            bytes,
        });
        meta_chunk.hash = hash;
    }

    let filter_map = filter_map(records);
    let mut meta_filters = Vec::new();
    for (filter, values) in &filter_map {
        let bytes = cbor(&FilterIndex {
            filter,
            values: values
                .iter()
                .map(|(value, pages)| PackedValue { value, pages })
                .collect(),
        });
        let hash = format!("{language}_{}", short_hash(&bytes));
        files.push(IndexFile {
            path: format!("filter/{hash}.pf_filter"),
            bytes: gzip(&bytes, GZIP_LEVEL),
        });
        meta_filters.push(MetaFilter { filter, hash });
    }

    let sorts = sorts(records, sort_offset);
    let meta = cbor(&MetaIndex {
        version,
        pages: meta_pages,
        index_chunks,
        filters: meta_filters,
        sorts,
        meta_fields: &meta_fields,
    });
    let meta_hash = format!("{language}_{}", short_hash(&meta));
    files.push(IndexFile {
        path: format!("pagefind.{meta_hash}.pf_meta"),
        bytes: gzip(&meta, GZIP_LEVEL),
    });
    BuiltIndex {
        files,
        meta_hash,
        page_count: records.len(),
    }
}

/// Splits one record's text into words, as Pagefind does a custom record,
/// and writes its fragment.
fn index_page(
    record: &SearchRecord,
    meta_fields: &[String],
    stemmer: Option<&pagefind_stem::Stemmer>,
    cache: &mut HashMap<String, Vec<IndexableWord>>,
) -> IndexedPage {
    let mut map: HashMap<String, PageWord> = HashMap::default();
    let mut content = String::with_capacity(record.content.len());
    let mut position: u32 = 0;
    for raw in record.content.split_whitespace() {
        let word: std::borrow::Cow<str> = if raw.contains('\u{200B}') {
            raw.replace('\u{200B}', "").into()
        } else {
            raw.into()
        };
        if word.is_empty() {
            continue;
        }
        if position > 0 {
            content.push(' ');
        }
        content.push_str(&word);
        if !cache.contains_key(word.as_ref()) {
            cache.insert(word.to_string(), words::indexable_words(&word, stemmer));
        }
        let indexable = &cache[word.as_ref()];
        let compound_parts = indexable.iter().filter(|w| w.is_compound_part).count();
        let partial_weight = if compound_parts > 0 {
            (BODY_WEIGHT / u8::try_from(compound_parts).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        for w in indexable.iter() {
            let weight = if w.is_compound_part {
                partial_weight
            } else {
                BODY_WEIGHT
            };
            let entry = match map.get_mut(&w.stemmed) {
                Some(entry) => entry,
                None => map.entry(w.stemmed.clone()).or_default(),
            };
            match &w.original {
                None => entry.plain.push((position, weight)),
                Some(original) => entry
                    .variants
                    .entry(original.clone())
                    .or_default()
                    .0
                    .push((position, weight)),
            }
        }
        position += 1;
    }
    let word_count = (position as usize).max(1);

    for (field_id, field) in meta_fields.iter().enumerate() {
        let Some(value) = record.meta.get(field) else {
            continue;
        };
        for (index, raw) in value.split_whitespace().enumerate() {
            for w in words::indexable_meta_words(raw, stemmer) {
                let entry = map.entry(w.stemmed).or_default();
                let at = (field_id as u16, index as u32);
                match w.original {
                    None => entry.plain_meta.push(at),
                    Some(original) => entry.variants.entry(original).or_default().1.push(at),
                }
            }
        }
    }

    let json = serde_json::to_string(&Fragment {
        url: &record.url,
        content: &content,
        word_count,
        filters: &record.filters,
        meta: &record.meta,
        anchors: [],
    })
    .expect("a fragment serialises");
    IndexedPage {
        fragment_hash: String::new(),
        fragment_digest: blake3::hash(json.as_bytes()),
        fragment_gz: gzip(json.as_bytes(), FRAGMENT_GZIP_LEVEL),
        word_count,
        words: map
            .into_iter()
            .map(|(word, postings)| pack_page_word(word, postings))
            .collect(),
    }
}

/// One page's postings of a word, in Pagefind's order: the page, then its
/// spellings with diacritics, those in the body before those only in the
/// meta fields.
fn pack_page_word(word: String, postings: PageWord) -> PackedPageWord {
    let page =
        (!postings.plain.is_empty() || !postings.plain_meta.is_empty()).then(|| PackedPage {
            page_number: 0,
            locs: pack_locations(postings.plain),
            meta_locs: pack_meta_locations(postings.plain_meta),
        });
    let (body, meta_only): (Vec<_>, Vec<_>) = postings
        .variants
        .into_iter()
        .partition(|(_, (locs, _))| !locs.is_empty());
    let variants = body
        .into_iter()
        .chain(meta_only)
        .map(|(form, (locs, meta_locs))| {
            let page = PackedPage {
                page_number: 0,
                locs: pack_locations(locs),
                meta_locs: pack_meta_locations(meta_locs),
            };
            (form, page)
        })
        .collect();
    PackedPageWord {
        word,
        page,
        variants,
    }
}

/// Adds one page's postings of a word to the site's.
fn merge_word(map: &mut HashMap<String, PackedWord>, word: PackedPageWord, page_number: usize) {
    let PackedPageWord {
        word,
        page,
        variants,
    } = word;
    let packed = map.entry(word).or_insert_with_key(|word| PackedWord {
        word: word.clone(),
        pages: Vec::new(),
        additional_variants: Vec::new(),
    });
    if let Some(mut page) = page {
        page.page_number = page_number;
        packed.pages.push(page);
    }
    for (form, mut page) in variants {
        page.page_number = page_number;
        match packed
            .additional_variants
            .iter_mut()
            .find(|v| v.form == form)
        {
            Some(variant) => variant.pages.push(page),
            None => packed.additional_variants.push(PackedVariant {
                form,
                pages: vec![page],
            }),
        }
    }
}

/// Positions as Pagefind stores them: grouped by weight (the body weight
/// first), each group opened by `-(weight) - 1` and its first position,
/// then the gaps between positions.
fn pack_locations(mut sorted: Vec<(u32, u8)>) -> Vec<i32> {
    // Pagefind sorts weight 25 first, which never occurs (weights are ×24):
    // kept, so the files are the same.
    sorted.sort_by_key(|&(position, weight)| (if weight == 25 { 0 } else { weight }, position));
    let mut current_weight = 25;
    let mut last = 0;
    let mut out = Vec::with_capacity(sorted.len() + 2);
    for (position, weight) in sorted {
        if weight != current_weight {
            out.push(-(weight as i32) - 1);
            out.push(position as i32);
            current_weight = weight;
        } else {
            out.push((position - last) as i32);
        }
        last = position;
    }
    out
}

/// Meta positions: `-(field) - 1` opens each field, then gaps.
fn pack_meta_locations(mut sorted: Vec<(u16, u32)>) -> Vec<i32> {
    sorted.sort_unstable();
    let mut out = Vec::with_capacity(sorted.len() + 4);
    let mut current = None;
    let mut last = 0;
    for (field, position) in sorted {
        if current != Some(field) {
            out.push(-(field as i32) - 1);
            current = Some(field);
            last = 0;
        }
        out.push((position - last) as i32);
        last = position;
    }
    out
}

fn delta_encode(pages: &mut [PackedPage]) {
    let mut last = 0;
    for page in pages {
        let number = page.page_number;
        page.page_number = number - last;
        last = number;
    }
}

/// Words in order, cut into files of about [`CHUNK_POSTINGS`] postings.
fn chunk_words(mut words: Vec<PackedWord>) -> Vec<Vec<PackedWord>> {
    words.sort_unstable_by(|a, b| a.word.cmp(&b.word));
    let mut chunks = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for word in words {
        size += word
            .pages
            .iter()
            .chain(word.additional_variants.iter().flat_map(|v| &v.pages))
            .map(|p| p.locs.len() + p.meta_locs.len() + 1)
            .sum::<usize>()
            + word.additional_variants.len();
        chunk.push(word);
        if size >= CHUNK_POSTINGS {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}

/// Which words each file holds, by the shortest prefixes that tell
/// neighbouring files apart.
fn chunk_meta(chunks: &[Vec<PackedWord>]) -> Vec<MetaChunk> {
    let mut named: Vec<MetaChunk> = chunks
        .iter()
        .map(|chunk| MetaChunk {
            from: chunk.first().map_or(String::new(), |w| w.word.clone()),
            to: chunk.last().map_or(String::new(), |w| w.word.clone()),
            hash: String::new(),
        })
        .collect();
    for i in 1..named.len() {
        let (before, after) = named.split_at_mut(i);
        let (a, b) = (&mut before[i - 1], &mut after[0]);
        let common = b
            .from
            .chars()
            .zip(a.to.chars())
            .take_while(|(x, y)| x == y)
            .count();
        let a_prefix: String = a.to.chars().take(common + 1).collect();
        let b_prefix: String = b.from.chars().take(common + 1).collect();
        // Only trimmed where `to` stays after `from`.
        if a_prefix >= a.from {
            a.to = a_prefix;
        }
        b.from = b_prefix;
    }
    named
}

/// Each filter's values (in order), each with its pages (in order).
fn filter_map(records: &[SearchRecord]) -> BTreeMap<&str, BTreeMap<&str, Vec<usize>>> {
    let mut map: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (page, record) in records.iter().enumerate() {
        for (filter, values) in &record.filters {
            for value in values {
                map.entry(filter)
                    .or_default()
                    .entry(value)
                    .or_default()
                    .push(page);
            }
        }
    }
    map
}

/// Page numbers in the order of each sort key: as numbers when every value
/// is one, else as text; pages without the key are left out.
///
/// The client scores a sorted result by its position in this list, and a
/// search over merged indexes orders all their results by score. So that
/// the shards' positions are one scale, each list starts with
/// `offset` entries of a page number no page has (the client only looks
/// the results' own pages up): the shards older than this one hold that
/// many articles.
fn sorts(records: &[SearchRecord], offset: usize) -> Vec<MetaSort<'_>> {
    let mut keys: Vec<&str> = records
        .iter()
        .flat_map(|r| r.sort.keys().map(String::as_str))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let mut values: Vec<(&str, usize)> = records
                .iter()
                .enumerate()
                .filter_map(|(page, r)| r.sort.get(key).map(|v| (v.as_str(), page)))
                .collect();
            let number = |v: &str| {
                v.parse::<i32>()
                    .map(|i| i as f32)
                    .ok()
                    .or_else(|| v.parse::<f32>().ok())
            };
            if values.iter().all(|(v, _)| number(v).is_some()) {
                values.sort_by(|a, b| {
                    number(a.0)
                        .unwrap_or_default()
                        .total_cmp(&number(b.0).unwrap_or_default())
                });
            } else {
                values.sort_by_key(|v| v.0);
            }
            let no_page = records.len();
            MetaSort {
                sort: key,
                pages: std::iter::repeat_n(no_page, offset)
                    .chain(values.into_iter().map(|(_, page)| page))
                    .collect(),
            }
        })
        .collect()
}

fn cbor<T: Encode<()>>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::new();
    minicbor::encode(value, &mut bytes).expect("encoding into memory cannot fail");
    bytes
}

/// Gzip behind the signature the client looks for once it has unpacked a
/// file (`pagefind_dcd`: "decompressed").
fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 64),
        flate2::Compression::new(level),
    );
    // Writing into memory cannot fail.
    let _ = encoder.write_all(b"pagefind_dcd");
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Names a file by its content, so that a new index and the one a page
/// still reads can share a folder.
fn short_hash(bytes: &[u8]) -> String {
    let hex = blake3::hash(bytes).to_hex();
    hex[..NAME_DIGITS].to_string()
}

/// Names each page's fragment by its content: pages with the same text
/// share a file; two texts whose names would clash get longer names, the
/// later page the longer one.
fn name_fragments(pages: &mut [IndexedPage], language: &str) {
    let mut taken: HashMap<String, blake3::Hash> = HashMap::default();
    for page in pages {
        let hex = page.fragment_digest.to_hex();
        let mut digits = FRAGMENT_DIGITS;
        let name = loop {
            let name = format!("{language}_{}", &hex[..digits]);
            match taken.get(&name) {
                Some(digest) if *digest != page.fragment_digest && digits < hex.len() => {
                    digits += 1
                }
                Some(_) => break name,
                None => {
                    taken.insert(name.clone(), page.fragment_digest);
                    break name;
                }
            }
        };
        page.fragment_hash = name;
    }
}

#[cfg(test)]
mod tests;
