//! The words a search index holds for one word of text, exactly as
//! Pagefind's indexer makes them: the browser's Pagefind client normalises
//! and stems a query the same way, so any difference here is a word that
//! cannot be found.
//!
//! Ported from Pagefind 1.6.0 (`pagefind/src/fossick/splitting.rs`, MIT
//! licence, © CloudCannon), without the dictionary segmentation of Chinese,
//! Japanese and Thai that its `extended` build adds (ours is not extended).
//! `tests::same_index_as_pagefind` in `index.rs` checks the port against
//! Pagefind itself.

use std::sync::LazyLock;

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Characters that count as part of a word (Unicode's "Punctuation,
/// Connector"), as Pagefind's `WORD_SYMBOLS`; the client is told them in
/// `pagefind-entry.json`.
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;
const MAX_DOTTED_TAIL_CHARS: usize = 64;

static EMOJI: LazyLock<Regex> = LazyLock::new(|| Regex::new("\\p{Emoji}").expect("valid regex"));

/// One word to put in the index for a word of text.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexableWord {
    /// Normalised (lowercase, letters and digits), diacritics removed, stemmed.
    pub stemmed: String,
    /// A part of a compound ("iran" of "Azerbaijan-Iran"): weighs less.
    pub is_compound_part: bool,
    /// The word before diacritics were removed, when that differs.
    pub original: Option<String>,
}

/// Pagefind's stemmer for a language (ISO 639-1 code, or a tag starting
/// with one); none for a language it cannot stem.
pub fn stemmer_for(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or("") {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Every word the index holds for `raw_word`: the whole word, its compound
/// parts, dotted tails ("is_python_build" of "sysconfig.is_python_build")
/// and emoji.
pub fn indexable_words(raw_word: &str, stemmer: Option<&Stemmer>) -> Vec<IndexableWord> {
    let mut words = whole_and_parts(raw_word, stemmer);
    let tails = dotted_tails(raw_word, stemmer, &words);
    words.extend(tails);
    words
}

/// The words of one meta field's word (title, source, date): the whole
/// word and its parts, without dotted tails, as Pagefind indexes meta.
pub fn indexable_meta_words(raw_word: &str, stemmer: Option<&Stemmer>) -> Vec<IndexableWord> {
    whole_and_parts(raw_word, stemmer)
}

fn whole_and_parts(raw_word: &str, stemmer: Option<&Stemmer>) -> Vec<IndexableWord> {
    let mut results = Vec::new();
    let normalized_word = normalize_word(raw_word);
    if !normalized_word.is_empty() {
        results.push(stem_word(&normalized_word, stemmer, false));
    }
    for suffix in katakana_suffixes(raw_word) {
        let suffix_diacritic = normalize_diacritics(suffix);
        results.push(IndexableWord {
            stemmed: suffix_diacritic
                .clone()
                .unwrap_or_else(|| suffix.to_string()),
            original: suffix_diacritic.map(|_| suffix.to_string()),
            is_compound_part: true,
        });
    }
    let possibly_compound = raw_word.chars().any(|c| !c.is_alphanumeric())
        || raw_word.chars().skip(1).any(|c| c.is_uppercase());
    if !possibly_compound {
        return results;
    }
    let (word_parts, extras) = discrete_words(raw_word);
    if !normalized_word.is_empty()
        && (word_parts.contains(char::is_whitespace) || !normalized_word.starts_with(&word_parts))
    {
        // Only parts of two or more bytes, as Pagefind.
        for part_word in word_parts.split_whitespace().filter(|w| w.len() > 1) {
            let part_diacritic = normalize_diacritics(part_word);
            let plain = part_diacritic.as_deref().unwrap_or(part_word);
            let stemmed = match stemmer {
                Some(stemmer) => stemmer.stem(plain).into_owned(),
                None => plain.to_string(),
            };
            results.push(IndexableWord {
                stemmed,
                original: part_diacritic.map(|_| part_word.to_string()),
                is_compound_part: true,
            });
        }
    }
    for extra in extras {
        results.push(IndexableWord {
            stemmed: extra,
            original: None,
            is_compound_part: false,
        });
    }
    results
}

fn dotted_tails(
    raw_word: &str,
    stemmer: Option<&Stemmer>,
    existing: &[IndexableWord],
) -> Vec<IndexableWord> {
    let mut tails: Vec<IndexableWord> = Vec::new();
    if !raw_word.contains('.') {
        return tails;
    }
    for (i, _) in raw_word.match_indices('.') {
        let rest = &raw_word[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let tail_is_compound = tail.chars().any(|c| !c.is_alphanumeric())
            || tail.chars().skip(1).any(|c| c.is_uppercase());
        if !tail_is_compound {
            // A plain tail is indexed already, as the last compound part.
            continue;
        }
        let tail_normalized = normalize_word(tail);
        if tail_normalized.chars().count() < 2 {
            continue;
        }
        let tail_word = stem_word(&tail_normalized, stemmer, true);
        let known = existing.iter().chain(tails.iter());
        if !known.into_iter().any(|w| w.stemmed == tail_word.stemmed) {
            tails.push(tail_word);
        }
    }
    tails
}

fn normalize_word(raw_word: &str) -> String {
    let mut normalized = String::with_capacity(raw_word.len());
    for mut c in raw_word.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                // A non-ASCII capital can lower to several characters.
                normalized.extend(c.to_lowercase());
            } else {
                normalized.push(c);
            }
        }
    }
    normalized
}

fn stem_word(
    normalized_word: &str,
    stemmer: Option<&Stemmer>,
    is_compound_part: bool,
) -> IndexableWord {
    let diacritic_normalized = normalize_diacritics(normalized_word);
    let plain = diacritic_normalized.as_deref().unwrap_or(normalized_word);
    let stemmed = match stemmer {
        Some(stemmer) => stemmer.stem(plain).into_owned(),
        None => plain.to_string(),
    };
    IndexableWord {
        stemmed,
        original: diacritic_normalized.map(|_| normalized_word.to_string()),
        is_compound_part,
    }
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of a katakana word, so that prefix search finds its parts
/// (Pagefind's stand-in for a katakana dictionary).
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.is_ascii() || word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut suffixes: Vec<&str> = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && !suffixes.contains(&suffix) {
            suffixes.push(suffix);
        }
    }
    suffixes
}

/// "café" → "cafe": the index finds either, and keeps the original so a
/// match with the same marks ranks first.
fn normalize_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    // The kana voiced sound marks are combining marks that tell words apart.
    let stripped: String = word
        .nfd()
        .filter(|c| {
            !unicode_normalization::char::is_combining_mark(*c)
                || matches!(*c, '\u{3099}' | '\u{309A}')
        })
        .collect();
    let normalized = if stripped
        .chars()
        .any(|c| matches!(c, '\u{3099}' | '\u{309A}'))
    {
        stripped.nfc().collect::<String>()
    } else {
        stripped
    };
    (normalized != word).then_some(normalized)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        unicode_normalization::char::is_combining_mark(c) || {
            let mut decomposes = false;
            unicode_normalization::char::decompose_canonical(c, |part| {
                decomposes = decomposes || part != c;
            });
            decomposes
        }
    })
}

/// The parts of a compound ("three antelopes" of "ThreeAntelopes",
/// "three-antelopes" and "three_antelopes"), and its emoji.
fn discrete_words(word: &str) -> (String, Vec<String>) {
    let parts = word
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // No emoji is ASCII, and an ASCII word is by far the common case.
    let extras = if !word.is_ascii() && EMOJI.is_match(word) {
        word.graphemes(true)
            .filter(|g| emojis::get(g).is_some())
            .map(str::to_string)
            .collect()
    } else {
        Vec::new()
    };
    (parts, extras)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str, language: &str) -> Vec<(String, bool, Option<String>)> {
        let stemmer = stemmer_for(language);
        indexable_words(word, stemmer.as_ref())
            .into_iter()
            .map(|w| (w.stemmed, w.is_compound_part, w.original))
            .collect()
    }

    #[test]
    fn a_plain_word_is_lowercased_and_stemmed() {
        assert_eq!(
            stems("Pipelines", "en"),
            [("pipelin".to_string(), false, None)]
        );
    }

    #[test]
    fn compounds_give_the_whole_and_its_parts() {
        let expected = vec![
            ("threeantelop".to_string(), false, None),
            ("three".to_string(), true, None),
            ("antelop".to_string(), true, None),
        ];
        assert_eq!(stems("ThreeAntelopes", "en"), expected);
        assert_eq!(stems("three-antelopes", "en"), expected);
        // An underscore is part of a word (a connector), so the whole keeps it.
        let mut snake = expected.clone();
        snake[0].0 = "three_antelop".into();
        assert_eq!(stems("three_antelopes", "en"), snake);
    }

    #[test]
    fn diacritics_are_removed_and_remembered() {
        assert_eq!(
            stems("café-crème", "fr"),
            [
                ("cafecrem".to_string(), false, Some("cafécrème".to_string())),
                ("caf".to_string(), true, Some("café".to_string())),
                ("crem".to_string(), true, Some("crème".to_string())),
            ]
        );
    }

    #[test]
    fn no_ascii_character_is_an_emoji() {
        // discrete_words skips the emoji scan for ASCII words.
        for byte in 0u8..128 {
            let c = (byte as char).to_string();
            assert!(emojis::get(&c).is_none(), "{c:?}");
        }
    }

    #[test]
    fn punctuation_alone_gives_nothing() {
        assert!(stems("—", "en").is_empty());
        assert!(stems("&amp;", "en").iter().all(|w| w.0 == "amp"));
    }
}
