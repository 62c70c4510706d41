//! The same story twice: from two outlets (a wire story republished), or the
//! same page saved twice. Two articles are one story when they have the same
//! canonical address, or when their texts share at least 80 % of their
//! five-word runs (Jaccard similarity of shingles). Candidates are found by
//! a bottom-k sketch of each text's shingle hashes, so a run of 10,000
//! articles compares each with a handful of others, not with all.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Shingles kept in an article's sketch: two articles that are one story
/// share most of them.
const SKETCH: usize = 16;
/// Texts shorter than this many shingles are never called duplicates: a
/// two-line brief says too little to tell.
const MIN_SHINGLES: usize = 25;
const SAME_STORY: f64 = 0.8;

/// What is compared of one article.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    url: String,
    /// Sorted, without repeats.
    shingles: Vec<u64>,
}

impl Fingerprint {
    pub fn new(url: &str, text: &str) -> Fingerprint {
        // Each word is hashed once and five neighbours' hashes are mixed, so
        // a run over 10,000 content files stays cheap.
        let words: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                // DefaultHasher::new() has fixed keys: the same hash every run.
                let mut hasher = DefaultHasher::new();
                for c in w.chars().flat_map(char::to_lowercase) {
                    c.hash(&mut hasher);
                }
                hasher.finish()
            })
            .collect();
        let mut shingles: Vec<u64> = words
            .windows(5)
            .map(|run| {
                run.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &w| {
                    (h ^ w).wrapping_mul(0x0100_0000_01b3).rotate_left(29)
                })
            })
            .collect();
        shingles.sort_unstable();
        shingles.dedup();
        Fingerprint {
            url: normal_url(url),
            shingles,
        }
    }

    /// The smallest hashes: two near-identical texts share most of these.
    fn sketch(&self) -> impl Iterator<Item = u64> + '_ {
        self.shingles.iter().copied().take(SKETCH)
    }

    fn similarity(&self, other: &Fingerprint) -> f64 {
        // Both lists are sorted: count the shared hashes in one pass.
        let (mut a, mut b, mut shared) = (0, 0, 0);
        while a < self.shingles.len() && b < other.shingles.len() {
            match self.shingles[a].cmp(&other.shingles[b]) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    a += 1;
                    b += 1;
                }
            }
        }
        let all = self.shingles.len() + other.shingles.len() - shared;
        if all == 0 {
            0.0
        } else {
            shared as f64 / all as f64
        }
    }
}

/// `https://www.x.org/a/?utm_source=…#top` and `http://x.org/a` are one address.
pub(crate) fn normal_url(url: &str) -> String {
    let url = url.trim();
    if url.is_empty() {
        return String::new();
    }
    let rest = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .trim_start_matches("www.");
    let rest = rest.split('#').next().unwrap_or(rest);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("utm_"))
        .collect();
    let path = path.trim_end_matches('/').to_lowercase();
    if kept.is_empty() {
        path
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// The articles seen so far, to find a new one's earlier copy.
#[derive(Debug)]
pub struct Seen<K> {
    items: Vec<(Fingerprint, K)>,
    by_url: HashMap<String, usize>,
    by_shingle: HashMap<u64, Vec<usize>>,
}

impl<K> Default for Seen<K> {
    fn default() -> Self {
        Seen {
            items: Vec::new(),
            by_url: HashMap::new(),
            by_shingle: HashMap::new(),
        }
    }
}

impl<K: Clone> Seen<K> {
    /// The earlier article `fingerprint` is a copy of, if any.
    pub fn original_of(&self, fingerprint: &Fingerprint) -> Option<K> {
        if !fingerprint.url.is_empty()
            && let Some(&i) = self.by_url.get(&fingerprint.url)
        {
            return Some(self.items[i].1.clone());
        }
        if fingerprint.shingles.len() < MIN_SHINGLES {
            return None;
        }
        let mut candidates: BTreeMap<usize, usize> = BTreeMap::new();
        for hash in fingerprint.sketch() {
            for &i in self.by_shingle.get(&hash).into_iter().flatten() {
                *candidates.entry(i).or_default() += 1;
            }
        }
        candidates
            .into_iter()
            .filter(|&(_, shared)| shared * 4 >= SKETCH)
            .map(|(i, _)| (i, fingerprint.similarity(&self.items[i].0)))
            .filter(|&(_, similarity)| similarity >= SAME_STORY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| self.items[i].1.clone())
    }

    pub fn add(&mut self, fingerprint: Fingerprint, key: K) {
        let i = self.items.len();
        if !fingerprint.url.is_empty() {
            self.by_url.entry(fingerprint.url.clone()).or_insert(i);
        }
        if fingerprint.shingles.len() >= MIN_SHINGLES {
            for hash in fingerprint.sketch() {
                self.by_shingle.entry(hash).or_default().push(i);
            }
        }
        self.items.push((fingerprint, key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Azerbaijan and Iran have agreed to extend their gas swap arrangement \
        for another five years, the two governments said on Sunday after talks in Tehran between \
        their energy ministers. Under the deal Azerbaijan will continue to deliver up to two \
        billion cubic metres of natural gas a year to Turkmenistan through Iranian territory, with \
        Iran keeping a share of the volume as a transit fee.";

    #[test]
    fn a_republished_wire_story_is_the_same_story() {
        let mut seen = Seen::default();
        seen.add(Fingerprint::new("https://a.example/1", WIRE), "trend");
        let republished = format!("BAKU (Caspian Wire) - {WIRE} Follow us on social media.");
        assert_eq!(
            seen.original_of(&Fingerprint::new("https://b.example/9", &republished)),
            Some("trend")
        );
        let other = WIRE
            .replace("gas swap", "rail")
            .replace("natural gas", "grain");
        let other = format!(
            "{other} The ministers also discussed customs, rail tariffs, \
            visas for truck drivers and a new bridge over the Astarachay river at the border."
        );
        assert_eq!(seen.original_of(&Fingerprint::new("", &other)), None);
    }

    #[test]
    fn the_same_address_is_the_same_story_whatever_the_text() {
        let mut seen = Seen::default();
        seen.add(
            Fingerprint::new("https://www.a.example/news/1/?utm_source=x", "short"),
            1,
        );
        assert_eq!(
            seen.original_of(&Fingerprint::new("http://a.example/news/1", "other")),
            Some(1)
        );
        assert_eq!(
            seen.original_of(&Fingerprint::new("http://a.example/news/2", "other")),
            None
        );
    }

    #[test]
    fn short_briefs_are_never_called_duplicates() {
        let mut seen = Seen::default();
        seen.add(
            Fingerprint::new("", "Talks were held in Baku on Monday."),
            1,
        );
        assert_eq!(
            seen.original_of(&Fingerprint::new("", "Talks were held in Baku on Monday.")),
            None
        );
    }
}
