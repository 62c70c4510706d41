//! Topics: the lexicon of `data/topics.toml`, merged with a site's own, and
//! how an article's text scores against it.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use crate::config::TopicRule;

const DATA: &str = include_str!("../../data/topics.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    ignore: Vec<String>,
    topics: BTreeMap<String, TopicRule>,
}

/// The lexicon as shipped; a unit test checks that it parses.
fn shipped() -> LexiconFile {
    toml::from_str(DATA).expect("the built-in topic lexicon parses")
}

#[derive(Debug)]
enum Pattern {
    Topic {
        topic: usize,
        prefix: bool,
    },
    /// A phrase that holds a topic word without being about the topic.
    Ignore,
}

/// The lexicon compiled into one case-insensitive automaton.
#[derive(Debug)]
pub struct Lexicon {
    topics: Vec<(String, usize)>,
    patterns: Vec<Pattern>,
    matcher: AhoCorasick,
}

impl Lexicon {
    /// The defaults with the site's topics laid over them by name; a site
    /// topic with no words removes the default of that name.
    pub fn new(site: &BTreeMap<String, TopicRule>) -> Lexicon {
        let file = shipped();
        let mut rules = file.topics;
        for (name, rule) in site {
            rules.insert(name.clone(), rule.clone());
        }
        rules.retain(|_, rule| !rule.words.is_empty());

        let mut words = Vec::new();
        let mut patterns = Vec::new();
        let mut topics = Vec::new();
        for (topic, (name, rule)) in rules.into_iter().enumerate() {
            for word in &rule.words {
                let prefix = word.ends_with('*');
                words.push(word.trim_end_matches('*').to_string());
                patterns.push(Pattern::Topic { topic, prefix });
            }
            topics.push((name, rule.threshold));
        }
        for phrase in file.ignore {
            words.push(phrase);
            patterns.push(Pattern::Ignore);
        }
        let matcher = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&words)
            .expect("topic patterns compile");
        Lexicon {
            topics,
            patterns,
            matcher,
        }
    }

    /// The topics whose words occur at least their threshold times in
    /// `text`, most hits first (ties by name).
    /// Whether `topic` is one of the lexicon's topics.
    pub fn knows(&self, topic: &str) -> bool {
        self.topics.iter().any(|(name, _)| name == topic)
    }

    pub fn topics_of(&self, text: &str) -> Vec<String> {
        let mut hits = vec![0usize; self.topics.len()];
        for m in self.matcher.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            if before.is_some_and(char::is_alphanumeric) {
                continue;
            }
            match self.patterns[m.pattern().as_usize()] {
                Pattern::Ignore => {}
                Pattern::Topic { topic, prefix } => {
                    let after = text[m.end()..].chars().next();
                    if prefix || !after.is_some_and(char::is_alphanumeric) {
                        hits[topic] += 1;
                    }
                }
            }
        }
        let mut found: Vec<(usize, &str)> = self
            .topics
            .iter()
            .zip(&hits)
            .filter(|((_, threshold), count)| **count >= *threshold)
            .map(|((name, _), count)| (*count, name.as_str()))
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        found
            .into_iter()
            .map(|(_, name)| name.to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_hold_the_eight_topics() {
        let names: Vec<String> = shipped().topics.into_keys().collect();
        assert_eq!(
            names,
            [
                "climate",
                "conflict",
                "diplomacy",
                "economy",
                "energy",
                "military",
                "trade",
                "transport"
            ]
        );
    }

    #[test]
    fn topics_need_their_threshold_and_rank_by_hits() {
        let lexicon = Lexicon::new(&BTreeMap::new());
        let text = "Gas exports and oil exports grew; the pipeline carries gas. \
                    The ambassador spoke on trade.";
        assert_eq!(lexicon.topics_of(text), ["energy", "trade"]);
        // One mention is not enough for diplomacy's threshold of two.
        assert!(
            !lexicon
                .topics_of("The ambassador arrived.")
                .contains(&"diplomacy".into())
        );
    }

    #[test]
    fn ignored_phrases_and_word_parts_do_not_count() {
        let lexicon = Lexicon::new(&BTreeMap::new());
        let text = "Non-oil trade with the Economic Cooperation Organization; \
                    economic economic. Soil and boiler.";
        assert!(!lexicon.topics_of(text).contains(&"energy".into()));
        assert!(!lexicon.topics_of(text).contains(&"economy".into()));
    }

    #[test]
    fn a_site_replaces_adds_and_removes_topics() {
        let mut site = BTreeMap::new();
        site.insert(
            "water".to_string(),
            TopicRule {
                words: vec!["water*".into(), "river".into()],
                threshold: 2,
            },
        );
        site.insert("energy".to_string(), TopicRule::default());
        let lexicon = Lexicon::new(&site);
        let text = "Gas, gas and oil; waterways and the river.";
        assert_eq!(lexicon.topics_of(text), ["water"]);
    }
}
