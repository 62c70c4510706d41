//! The files' records.

use std::collections::BTreeMap;

use minicbor::Encode;

// The CBOR records, field for field Pagefind's (`index_words.rs`,
// `index_filter.rs`, `index_metadata.rs`).

#[derive(Encode)]
pub(super) struct WordIndex<'a> {
    #[n(0)]
    pub(super) words: &'a [PackedWord],
}

#[derive(Encode, Clone, Debug, PartialEq)]
pub(super) struct PackedWord {
    #[n(0)]
    pub(super) word: String,
    #[n(1)]
    pub(super) pages: Vec<PackedPage>,
    #[n(2)]
    pub(super) additional_variants: Vec<PackedVariant>,
}

#[derive(Encode, Clone, Debug, PartialEq)]
pub(super) struct PackedVariant {
    #[n(0)]
    pub(super) form: String,
    #[n(1)]
    pub(super) pages: Vec<PackedPage>,
}

#[derive(Encode, Clone, Debug, PartialEq)]
pub(super) struct PackedPage {
    #[n(0)]
    pub(super) page_number: usize,
    #[n(1)]
    pub(super) locs: Vec<i32>,
    #[n(2)]
    pub(super) meta_locs: Vec<i32>,
}

#[derive(Encode)]
pub(super) struct FilterIndex<'a> {
    #[n(0)]
    pub(super) filter: &'a str,
    #[n(1)]
    pub(super) values: Vec<PackedValue<'a>>,
}

#[derive(Encode)]
pub(super) struct PackedValue<'a> {
    #[n(0)]
    pub(super) value: &'a str,
    #[n(1)]
    pub(super) pages: &'a [usize],
}

#[derive(Encode)]
pub(super) struct MetaIndex<'a> {
    #[n(0)]
    pub(super) version: &'a str,
    #[n(1)]
    pub(super) pages: Vec<MetaPage<'a>>,
    #[n(2)]
    pub(super) index_chunks: Vec<MetaChunk>,
    #[n(3)]
    pub(super) filters: Vec<MetaFilter<'a>>,
    #[n(4)]
    pub(super) sorts: Vec<MetaSort<'a>>,
    #[n(5)]
    pub(super) meta_fields: &'a [String],
}

#[derive(Encode, Debug, PartialEq)]
pub(super) struct MetaChunk {
    #[n(0)]
    pub(super) from: String,
    #[n(1)]
    pub(super) to: String,
    #[n(2)]
    pub(super) hash: String,
}

#[derive(Encode)]
pub(super) struct MetaPage<'a> {
    #[n(0)]
    pub(super) hash: &'a str,
    #[n(1)]
    pub(super) word_count: u32,
    #[n(2)]
    pub(super) group_hash: &'a str,
}

#[derive(Encode)]
pub(super) struct MetaFilter<'a> {
    #[n(0)]
    pub(super) filter: &'a str,
    #[n(1)]
    pub(super) hash: String,
}

#[derive(Encode)]
pub(super) struct MetaSort<'a> {
    #[n(0)]
    pub(super) sort: &'a str,
    #[n(1)]
    pub(super) pages: Vec<usize>,
}

/// What the result list fetches of one page: `fragment/HASH.pf_fragment`.
#[derive(serde::Serialize)]
pub(super) struct Fragment<'a> {
    pub(super) url: &'a str,
    pub(super) content: &'a str,
    pub(super) word_count: usize,
    pub(super) filters: &'a BTreeMap<String, Vec<String>>,
    pub(super) meta: &'a BTreeMap<String, String>,
    pub(super) anchors: [(); 0],
}
