//! The gazetteer: which countries a text names, by their names, adjectives
//! and cities. The data lives in `data/gazetteer.toml`, embedded in the
//! binary; a site extends it in site.toml under `[gazetteer]`.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use crate::config::GazetteerEntry;

const DATA: &str = include_str!("../../data/gazetteer.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    countries: BTreeMap<String, GazetteerEntry>,
    guards: Guards,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Guards {
    first_names: Vec<String>,
    us_context: Vec<String>,
}

/// One place in a text where a country is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryHit {
    pub country: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
struct Term {
    country: usize,
    /// Also a first name or surname: only counts away from other names.
    name_like: bool,
    /// "Georgia" and "Georgian": the US state near American places.
    georgia: bool,
}

/// Country names compiled into one automaton, built once per import run.
#[derive(Debug)]
pub struct Gazetteer {
    countries: Vec<String>,
    terms: Vec<Term>,
    matcher: AhoCorasick,
    /// Every name, for exact lookups: name → country.
    exact: HashMap<String, usize>,
    us_context: Vec<String>,
}

/// Capitalised words that open sentences and clauses: a name after one of
/// them is not a surname ("In Jordan", not "Michael Jordan").
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "A", "About", "Across", "After", "Against", "And", "As", "At", "Before", "Between", "Both",
    "But", "By", "During", "For", "From", "If", "In", "Into", "Like", "Near", "Of", "On", "Over",
    "Since", "The", "Then", "To", "Under", "Unlike", "Via", "When", "While", "With",
];

/// Words after a country's name that still read as the country
/// ("Jordan Foreign Minister"), not as a person's surname.
#[rustfmt::skip]
const INSTITUTION_WORDS: &[&str] = &[
    "Ambassador", "Armed", "Army", "Central", "Defence", "Defense", "Embassy", "Foreign",
    "Government", "Minister", "Ministry", "National", "Parliament", "President", "Prime",
];

/// A plural of a built-in country adjective: "Israelis", "Pakistanis",
/// "Azerbaijanis" (whose "-is" ending otherwise reads as "crisis").
pub fn is_demonym_plural(word: &str) -> bool {
    static ADJECTIVES: LazyLock<HashSet<String>> = LazyLock::new(|| {
        let file: GazetteerFile = toml::from_str(DATA).expect("the built-in gazetteer parses");
        file.countries
            .into_values()
            .flat_map(|entry| entry.adjectives)
            .collect()
    });
    word.strip_suffix('s')
        .is_some_and(|singular| ADJECTIVES.contains(singular))
}

impl Gazetteer {
    /// The built-in gazetteer extended by a site's entries: an entry named
    /// like a known country (or one of its names) adds to it; any other adds
    /// a country.
    pub fn new(extension: &BTreeMap<String, GazetteerEntry>) -> Gazetteer {
        let file: GazetteerFile = toml::from_str(DATA).expect("the built-in gazetteer parses");
        let mut entries: Vec<(String, GazetteerEntry)> = file.countries.into_iter().collect();
        for (name, extra) in extension {
            let known = entries
                .iter()
                .position(|(n, e)| n == name || e.also.contains(name));
            match known {
                Some(i) => {
                    let entry = &mut entries[i].1;
                    entry.also.extend(extra.also.iter().cloned());
                    entry.adjectives.extend(extra.adjectives.iter().cloned());
                    entry.places.extend(extra.places.iter().cloned());
                }
                None => entries.push((name.clone(), extra.clone())),
            }
        }

        let mut patterns = Vec::new();
        let mut terms = Vec::new();
        let mut add = |pattern: &str, country: usize| {
            let pattern = pattern.trim();
            if pattern.is_empty() {
                return;
            }
            terms.push(Term {
                country,
                name_like: file.guards.first_names.iter().any(|n| n == pattern),
                georgia: pattern.starts_with("Georgia"),
            });
            patterns.push(pattern.to_string());
        };
        for (country, (name, entry)) in entries.iter().enumerate() {
            add(name, country);
            for also in entry.also.iter().chain(&entry.places) {
                add(also, country);
            }
            for adjective in &entry.adjectives {
                add(adjective, country);
                // Demonyms in the plural: "Azerbaijanis", "Iranians", "Uzbeks".
                if adjective.ends_with(['n', 'i', 'k']) {
                    add(&format!("{adjective}s"), country);
                }
            }
        }
        let exact = patterns
            .iter()
            .zip(&terms)
            .map(|(p, t)| (p.clone(), t.country))
            .collect();
        // A DFA: a few hundred kilobytes, and the fastest scan per byte.
        let matcher = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("gazetteer patterns compile");
        Gazetteer {
            countries: entries.into_iter().map(|(name, _)| name).collect(),
            terms,
            matcher,
            exact,
            us_context: file.guards.us_context,
        }
    }

    pub fn country_name(&self, country: usize) -> &str {
        &self.countries[country]
    }

    pub fn country_count(&self) -> usize {
        self.countries.len()
    }

    /// The canonical name for any name of a country ("Türkiye" → "Turkey").
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.exact.get(name).map(|&c| self.country_name(c))
    }

    /// Every place in `text` that names a country, in order.
    pub fn scan(&self, text: &str) -> Vec<CountryHit> {
        let mut hits = Vec::new();
        for m in self.matcher.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !is_word_boundary(text, start, end) {
                continue;
            }
            let term = &self.terms[m.pattern().as_usize()];
            if term.name_like && reads_as_person(text, start, end) {
                continue;
            }
            if term.georgia && self.near_us_place(text, start) {
                continue;
            }
            hits.push(CountryHit {
                country: term.country,
                start,
                end,
            });
        }
        hits
    }

    /// The places in `text` that name a country as a subject of the text:
    /// not inside the name of an organisation, treaty, process or group
    /// ("Shanghai Cooperation Organisation", "Paris Agreement", "OSCE Minsk
    /// Group", "Astana process").
    pub fn scan_subjects(&self, text: &str) -> Vec<CountryHit> {
        let mut hits = self.scan(text);
        hits.retain(|hit| !names_an_institution(&text[hit.end..]));
        hits
    }

    fn near_us_place(&self, text: &str, at: usize) -> bool {
        let from = floor_char_boundary(text, at.saturating_sub(160));
        let to = floor_char_boundary(text, (at + 160).min(text.len()));
        let window = &text[from..to];
        self.us_context.iter().any(|c| window.contains(c.as_str()))
    }
}

/// Words that end the name of an organisation, a treaty, a process or a
/// group: a country's name just before one is part of that name.
#[rustfmt::skip]
const INSTITUTION_HEADS: &[&str] = &[
    "Agreement", "Agreements", "Accord", "Accords", "Organisation", "Organization", "Group",
    "Process", "Format", "Treaty", "Protocol", "Declaration", "Convention", "Pact", "Cooperation",
    "Forum", "Summit", "Initiative", "Charter", "Statute", "Doctrine", "Dialogue", "Platform",
    "Talks", "Conference", "Communiqué", "Communique", "Memorandum", "Consensus", "Club",
];

/// Whether the words right after a country's name make it part of an
/// institution's name: one of the heads above within the next three
/// capitalised words, or "process", "format", "talks" right after it.
fn names_an_institution(after: &str) -> bool {
    let mut words = after.split_whitespace();
    if let Some(first) = words.clone().next() {
        let first = first.trim_end_matches([',', '.', ';', ':', ')']);
        if [
            "process",
            "format",
            "talks",
            "agreement",
            "accord",
            "accords",
            "pact",
            "group",
        ]
        .contains(&first)
        {
            return !after.starts_with(|c: char| c.is_alphanumeric());
        }
    }
    !after.starts_with(|c: char| c.is_alphanumeric())
        && words
            .by_ref()
            .take(3)
            .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
            .any(|w| {
                INSTITUTION_HEADS
                    .contains(&w.trim_end_matches([',', '.', ';', ':', ')', '’', '\'']))
            })
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// "Chad Smith", "Michael Jordan", "Washington Post": the name sits next to
/// another capitalised word that is not a country's institution.
fn reads_as_person(text: &str, start: usize, end: usize) -> bool {
    let next = text[end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.split([' ', ',', '.', ';', ':']).next())
        .unwrap_or("");
    let next_is_name =
        next.chars().next().is_some_and(char::is_uppercase) && !INSTITUTION_WORDS.contains(&next);
    let previous = text[..start]
        .strip_suffix(' ')
        .and_then(|rest| rest.rsplit(' ').next())
        .unwrap_or("");
    let previous_is_name = previous.chars().next().is_some_and(char::is_uppercase)
        && previous.chars().all(char::is_alphabetic)
        && !FUNCTION_WORDS.contains(&previous);
    next_is_name || previous_is_name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let gazetteer = Gazetteer::new(&BTreeMap::new());
        gazetteer
            .scan(text)
            .iter()
            .map(|h| gazetteer.country_name(h.country).to_string())
            .collect()
    }

    #[test]
    fn every_un_member_and_observer_plus_kosovo_and_taiwan() {
        let gazetteer = Gazetteer::new(&BTreeMap::new());
        assert_eq!(gazetteer.country_count(), 193 + 2 + 2);
        for name in [
            "Kosovo",
            "Taiwan",
            "Holy See",
            "Palestine",
            "Tuvalu",
            "Eswatini",
        ] {
            assert_eq!(gazetteer.canonical(name), Some(name));
        }
        assert_eq!(gazetteer.canonical("Türkiye"), Some("Turkey"));
    }

    #[test]
    fn names_adjectives_demonyms_and_cities() {
        assert_eq!(
            names("Azeri and Iranian officials met in Baku; Azerbaijanis in Ganja and Sochi."),
            [
                "Azerbaijan",
                "Iran",
                "Azerbaijan",
                "Azerbaijan",
                "Azerbaijan",
                "Russia"
            ]
        );
        assert_eq!(
            names("Turkmen gas reaches Tehran."),
            ["Turkmenistan", "Iran"]
        );
    }

    #[test]
    fn the_longest_name_wins_and_words_stay_whole() {
        assert_eq!(
            names("Papua New Guinea, South Sudanese refugees, Nigeria and Niger."),
            ["Papua New Guinea", "South Sudan", "Nigeria", "Niger"]
        );
        assert!(names("Iranianism, Omaning, Bakuvian").is_empty());
        assert_eq!(names("Azerbaijan-Russia forum"), ["Azerbaijan", "Russia"]);
    }

    #[test]
    fn false_friends_are_not_countries() {
        assert_eq!(
            names("Chad Smith met Michael Jordan in Atlanta, Georgia."),
            ["United States"]
        );
        assert!(names("They roasted a turkey and read the Washington Post.").is_empty());
        assert!(names("The governor of Georgia spoke in Savannah.").is_empty());
        assert_eq!(
            names("In Jordan, the Georgia Foreign Minister met Chad's president."),
            ["Jordan", "Georgia", "Chad"]
        );
    }

    #[test]
    fn a_site_adds_names_and_countries() {
        let mut extension = BTreeMap::new();
        extension.insert(
            "Azerbaijan".to_string(),
            GazetteerEntry {
                places: vec!["Khankendi".into()],
                ..Default::default()
            },
        );
        extension.insert(
            "Somaliland".to_string(),
            GazetteerEntry {
                places: vec!["Hargeisa".into()],
                ..Default::default()
            },
        );
        let gazetteer = Gazetteer::new(&extension);
        let found: Vec<&str> = gazetteer
            .scan("From Khankendi to Hargeisa.")
            .iter()
            .map(|h| gazetteer.country_name(h.country))
            .collect();
        assert_eq!(found, ["Azerbaijan", "Somaliland"]);
    }

    #[test]
    fn countries_inside_institutions_names_are_not_subjects() {
        let g = Gazetteer::new(&BTreeMap::new());
        let names = |text: &str| -> Vec<String> {
            g.scan_subjects(text)
                .iter()
                .map(|h| g.country_name(h.country).to_string())
                .collect()
        };
        assert!(names("The Shanghai Cooperation Organisation met.").is_empty());
        assert!(names("Under the Paris Agreement, emissions fall.").is_empty());
        assert!(names("The OSCE Minsk Group co-chairs and the Astana process.").is_empty());
        assert_eq!(
            names("Russian Foreign Minister spoke in Paris."),
            ["Russia", "France"]
        );
    }
}
