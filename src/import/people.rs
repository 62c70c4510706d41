//! People: runs of capitalised words that read as a person's name, with the
//! role the text gives just before them ("Foreign Minister Jeyhun Bayramov"),
//! merged across spellings by the site's alias table and within an article
//! (a surname alone after the full name).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use crate::content::front_matter::Person;

use super::gazetteer::Gazetteer;

/// Words that hold a role when they come before a name.
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "adviser", "advisor", "aide", "ambassador", "archbishop", "ayatollah", "bishop", "candidate",
    "captain", "cardinal", "ceo", "chair", "chairman", "chairwoman", "chancellor", "chief",
    "colonel", "commander", "congressman", "congresswoman", "counterpart", "czar", "deputy",
    "director", "emir", "envoy", "founder", "general", "governor", "head", "imam", "judge", "king",
    "leader", "lieutenant", "mayor", "minister", "mufti", "nominee", "official", "patriarch",
    "pope", "premier", "president", "prince", "professor", "prosecutor", "queen", "rabbi",
    "representative", "secretary", "senator", "sergeant", "sheikh", "speaker", "spokesman",
    "spokesperson", "spokeswoman", "sultan", "tsar",
];

/// Capitalised words that are never part of a person's name: function words,
/// titles, months, and the words organisations, places and events are made of.
#[rustfmt::skip]
const NOT_NAME_WORDS: &[&str] = &[
    "a", "about", "according", "act", "additionally", "administration", "affairs", "africa",
    "after", "agency", "agreement", "agriculture", "airlines", "airport", "airways", "also",
    "america", "americas", "amidst", "an", "and", "april", "armed", "army", "as", "asia",
    "assembly", "association", "at", "august", "authority", "award", "awards", "balkans", "bank",
    "bay", "before", "bill", "board", "both", "bridge", "bureau", "but", "by", "capital",
    "caspian", "catholic", "caucasus", "caucus", "center", "central", "centre", "championship",
    "channel", "chat", "christmas", "church", "city", "civil", "club", "college", "commission",
    "committee", "communist", "company", "conference", "congress", "conservative", "control",
    "convention", "cooperation", "coronavirus", "corporation", "corridor", "council", "county",
    "court", "covid", "crimea", "culture", "cup", "cyclone", "daily", "day", "debate", "debates",
    "december", "declaration", "defence", "defense", "democrat", "democratic", "democrats",
    "department", "development", "district", "donbas", "dr", "during", "earlier", "east", "easter",
    "eastern", "economic", "economy", "education", "eid", "energy", "europe", "exchange",
    "february", "federal", "federation", "festival", "finance", "for", "force", "forces",
    "foreign", "forum", "foundation", "friday", "from", "fund", "furthermore", "games", "gazette",
    "global", "god", "grand", "great", "group", "guard", "guards", "gulf", "he", "health", "her",
    "herald", "high", "his", "holding", "hospital", "hotel", "house", "however", "hurricane", "in",
    "index", "initiative", "institute", "interior", "international", "internet", "into", "is",
    "islamic", "island", "islands", "it", "its", "january", "jazeera", "journal", "july", "june",
    "justice", "karabakh", "kingdom", "kurdistan", "lake", "law", "league", "likewise", "lives",
    "logistics", "march", "marine", "market", "matter", "may", "media", "middle", "ministry",
    "monday", "moreover", "mosque", "mountain", "mountains", "movement", "mr", "mrs", "ms",
    "museum", "nagorno", "national", "nations", "navy", "network", "new", "news", "north",
    "northern", "november", "ocean", "october", "of", "office", "oil", "old", "olympic", "on",
    "organisation", "organization", "out", "overall", "palace", "park", "parliament", "party",
    "peninsula", "people", "police", "policy", "post", "presidential", "press", "prize", "prof",
    "program", "programme", "project", "protocol", "province", "radio", "ramadan", "read",
    "region", "republic", "republican", "republicans", "river", "road", "royal", "safety",
    "saturday", "school", "sea", "season", "security", "senate", "september", "series", "service",
    "services", "she", "since", "sir", "social", "south", "southern", "space", "square", "stadium",
    "state", "states", "station", "storm", "strait", "strategy", "street", "summit", "sunday",
    "supreme", "survey", "system", "team", "technology", "that", "the", "their", "then", "these",
    "they", "this", "thursday", "thus", "times", "to", "tourism", "trade", "transportation",
    "treaty", "tribune", "tuesday", "typhoon", "union", "united", "university", "valley", "via",
    "war", "we", "wednesday", "west", "western", "when", "while", "with", "world", "yet", "zone",
];

/// Small words that may sit inside a role ("Minister of Economy of the Republic").
const ROLE_CONNECTORS: &[&str] = &["of", "for", "the", "to", "on"];

static NOT_NAME: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_NAME_WORDS.iter().copied().collect());

/// One word of a sentence, with what surrounds it.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    /// Byte offset of `text` in the sentence.
    start: usize,
    /// Punctuation right after the word ends a run of names.
    breaks_after: bool,
    /// Written with a possessive ("Aliyev's"): ends a run of names too.
    possessive: bool,
    quoted: bool,
    /// Part of a country's or a city's name.
    place: bool,
}

fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word> = Vec::new();
    let mut quoted = false;
    for raw in sentence.split_whitespace() {
        let opens = raw.starts_with(['“', '"', '(', '[', '‘']);
        if raw.starts_with(['“', '"', '‘']) {
            quoted = true;
        }
        if opens && let Some(previous) = out.last_mut() {
            previous.breaks_after = true;
        }
        let trimmed = raw.trim_start_matches(['“', '"', '(', '[', '‘']);
        let closes_quote = trimmed.ends_with(['”', '"']) || trimmed.contains(['”']);
        let text = trimmed.trim_end_matches(['.', ',', ';', ':', ')', ']', '”', '"', '!', '?']);
        let breaks_after = text.len() < trimmed.len();
        let (text, possessive) = match text
            .strip_suffix("’s")
            .or_else(|| text.strip_suffix("'s"))
            .or_else(|| text.strip_suffix('’'))
        {
            Some(stem) => (stem, true),
            None => (text, false),
        };
        let start = text.as_ptr() as usize - sentence.as_ptr() as usize;
        out.push(Word {
            text,
            start,
            breaks_after,
            possessive,
            quoted,
            place: false,
        });
        if closes_quote {
            quoted = false;
        }
    }
    out
}

fn is_role_word(word: &str) -> bool {
    ROLE_WORDS.contains(&word.to_lowercase().trim_end_matches('s'))
}

/// A word that can be part of a person's name: capitalised, with lowercase
/// letters (not an acronym), not an organisation's or a country's word.
fn is_name_part(word: &str, gazetteer: &Gazetteer) -> bool {
    word.split('-').all(|part| {
        let mut chars = part.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        first_upper
            && part.chars().count() >= 2
            && part.chars().skip(1).any(char::is_lowercase)
            && part
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
            && !NOT_NAME.contains(part.to_lowercase().as_str())
            && !is_role_word(part)
            && gazetteer.canonical(part).is_none()
    }) && gazetteer.canonical(word).is_none()
}

/// Lowercase letters only: "Amir-Abdollahian" and "Amirabdollahian" fold alike.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The site's alias table, folded: any spelling → the canonical name.
pub struct Aliases(HashMap<String, String>);

impl Aliases {
    pub fn new(table: &BTreeMap<String, Vec<String>>) -> Aliases {
        let mut map = HashMap::new();
        for (canonical, spellings) in table {
            map.insert(fold(canonical), canonical.clone());
            for spelling in spellings {
                map.insert(fold(spelling), canonical.clone());
            }
        }
        Aliases(map)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0.get(&fold(name)).map(String::as_str)
    }
}

/// A name as first read, before merging.
struct Mention {
    name: String,
    parts: usize,
    role: String,
}

/// The role given just before the word at `index`: the words back to a
/// clause boundary, kept only when they hold a role word.
fn role_before(words: &[Word], index: usize) -> String {
    let mut start = index;
    while start > 0 && index - start < 10 {
        let word = &words[start - 1];
        if word.breaks_after || word.quoted {
            break;
        }
        let lower = word.text.to_lowercase();
        let after_of = start >= 2 && ["of", "for"].contains(&words[start - 2].text);
        let fits = word.text.chars().next().is_some_and(char::is_uppercase)
            || ROLE_CONNECTORS.contains(&lower.as_str())
            || is_role_word(&lower)
            || after_of;
        if !fits || word.possessive && !is_role_word(&lower) && start < index {
            break;
        }
        start -= 1;
    }
    let span = &words[start..index];
    let Some(first_role) = span.iter().position(|w| is_role_word(w.text)) else {
        return String::new();
    };
    // Capitalised words just before the role word qualify it ("Iranian
    // Foreign Minister"); leading connectors do not.
    let mut from = first_role;
    let determiner = |w: &str| {
        ["the", "a", "an", "his", "her", "its", "their"].contains(&w.to_lowercase().as_str())
    };
    while from > 0
        && span[from - 1]
            .text
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        && !determiner(span[from - 1].text)
    {
        from -= 1;
    }
    span[from..]
        .iter()
        .map(|w| w.text)
        .collect::<Vec<_>>()
        .join(" ")
}

fn mentions_in(sentence: &str, gazetteer: &Gazetteer, aliases: &Aliases, out: &mut Vec<Mention>) {
    let mut words = words(sentence);
    // Words inside a country's name or a city's ("Hong Kong", "United Arab
    // Emirates") are never a person's; mark them as breaks.
    let places = gazetteer.scan(sentence);
    for word in &mut words {
        let end = word.start + word.text.len();
        if places.iter().any(|p| p.start < end && word.start < p.end) {
            word.place = true;
        }
    }
    let mut i = 0;
    while i < words.len() {
        let outside = |w: &Word| w.quoted || w.place;
        if outside(&words[i]) || !is_name_part(words[i].text, gazetteer) {
            i += 1;
            continue;
        }
        let start = i;
        let mut parts = 0;
        while i < words.len() && !outside(&words[i]) && is_name_part(words[i].text, gazetteer) {
            parts += words[i].text.split('-').count();
            i += 1;
            if words[i - 1].breaks_after || words[i - 1].possessive {
                break;
            }
        }
        let run = &words[start..i];
        // "Non-Aligned Movement", "Araz River": the run names an organisation or a place.
        let last = &run[run.len() - 1];
        let next_is_org = !last.breaks_after
            && !last.possessive
            && words.get(i).is_some_and(|w| {
                NOT_NAME.contains(w.text.to_lowercase().as_str())
                    && w.text.chars().next().is_some_and(char::is_uppercase)
            });
        if next_is_org || run.len() > 5 {
            continue;
        }
        let name = run.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
        let role = role_before(&words, start);
        let known = aliases.get(&name).is_some();
        if parts >= 2 || known || !role.is_empty() {
            out.push(Mention { name, parts, role });
        }
    }
}

/// The people named in `sentences`, in order of first mention, each once.
pub fn people_in<'a>(
    sentences: impl IntoIterator<Item = &'a str>,
    gazetteer: &Gazetteer,
    aliases: &Aliases,
) -> Vec<Person> {
    let mut mentions = Vec::new();
    for sentence in sentences {
        mentions_in(sentence, gazetteer, aliases, &mut mentions);
    }
    // Full names first decide who is who; a shorter name that is the end of
    // a longer one ("Kanaani", "Amir Abdollahian") is that person.
    let full_names: Vec<String> = mentions
        .iter()
        .filter(|m| m.parts >= 2)
        .map(|m| m.name.clone())
        .collect();
    let mut people: Vec<Person> = Vec::new();
    for mention in mentions {
        let canonical = aliases.get(&mention.name).map(str::to_string).or_else(|| {
            let folded = fold(&mention.name);
            full_names
                .iter()
                .filter(|full| full.len() > mention.name.len())
                .find(|full| {
                    let full_fold = fold(full);
                    full_fold.ends_with(&folded)
                        && full.ends_with(mention.name.split([' ', '-']).next_back().unwrap_or(""))
                })
                .map(|full| aliases.get(full).unwrap_or(full).to_string())
        });
        let name = canonical.unwrap_or(mention.name);
        match people.iter_mut().find(|p| fold(&p.name) == fold(&name)) {
            Some(person) => {
                if person.role.is_empty() {
                    person.role = mention.role;
                }
            }
            None => people.push(Person {
                name,
                role: mention.role,
            }),
        }
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, aliases: &[(&str, &[&str])]) -> Vec<(String, String)> {
        let gazetteer = Gazetteer::new(&BTreeMap::new());
        let table = aliases
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
        people_in([text], &gazetteer, &Aliases::new(&table))
            .into_iter()
            .map(|p| (p.name, p.role))
            .collect()
    }

    #[test]
    fn a_name_with_its_role() {
        assert_eq!(
            read(
                "Iranian Foreign Minister Hossein Amirabdollahian spoke.",
                &[]
            ),
            [(
                "Hossein Amirabdollahian".into(),
                "Iranian Foreign Minister".into()
            )]
        );
        assert_eq!(
            read(
                "Azerbaijani ambassador to Iran Ali Alizada met officials.",
                &[]
            ),
            [(
                "Ali Alizada".into(),
                "Azerbaijani ambassador to Iran".into()
            )]
        );
    }

    #[test]
    fn organisations_places_and_quotes_are_not_people() {
        let found = read(
            "The Non-Aligned Movement met on the Araz River near “Qiz Qalasi” in the Persian Gulf, \
             said the Economic Cooperation Organization.",
            &[],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn surnames_and_aliases_merge() {
        let found = read(
            "Spokesman Nasser Kanaani spoke. Kanaani said more. \
             The minister of economy Roshetnikov agreed with Hossein Amir Abdollahian.",
            &[
                ("Maxim Reshetnikov", &["Reshetnikov", "Roshetnikov"]),
                ("Hossein Amir-Abdollahian", &[]),
            ],
        );
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Nasser Kanaani",
                "Maxim Reshetnikov",
                "Hossein Amir-Abdollahian"
            ]
        );
        assert_eq!(found[1].1, "minister of economy");
    }

    #[test]
    fn a_lone_capitalised_word_needs_a_role() {
        assert!(read("Moreover, Cooperation grew.", &[]).is_empty());
        let found = read(
            "He met the Minister of Economic Development of Russia Reshetnikov.",
            &[],
        );
        assert_eq!(found[0].0, "Reshetnikov");
    }
}
