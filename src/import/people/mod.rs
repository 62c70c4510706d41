//! People: runs of capitalised words that read as a person's name, taken
//! only on evidence — a given name the lexicon knows, a role or title just
//! before ("Foreign Minister Jeyhun Bayramov", "Mr Aliyev"), a verb of
//! saying next to it, a surname the lexicon knows, a name's particles
//! ("al-", "bin", "van") — and refused on evidence too: the words
//! organisations, places, documents and events are made of, a place the
//! gazetteer knows, an article before it ("the Grateful Dead"). Names merge
//! across spellings by the site's alias table and within an article (a
//! surname alone after the full name); each person keeps the most specific
//! role the article gives.

mod lexicon;

pub use lexicon::is_given_name;

use std::collections::{BTreeMap, HashMap};

use crate::content::front_matter::Person;

use super::gazetteer::Gazetteer;
use lexicon::{
    PARTICLES, REGNAL_TITLES, is_honorific, is_not_name_word, is_role_word, is_speech_verb,
    is_surname,
};

/// Small words that may sit inside a role ("Minister of Economy of the Republic").
const ROLE_CONNECTORS: &[&str] = &["of", "for", "the", "to", "on", "and"];

/// One word of a sentence, with what surrounds it.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    /// Byte offset of `text` in the sentence.
    start: usize,
    /// Punctuation right after the word ends a run of names.
    breaks_after: bool,
    /// A comma right after the word (an appositive may follow).
    comma_after: bool,
    /// Written with a possessive ("Aliyev's"): ends a run of names too.
    possessive: bool,
    quoted: bool,
    /// Part of a country's or a city's name.
    place: bool,
    /// A capital and a period: an initial ("J." in "Donald J. Trump").
    initial: bool,
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
        let comma_after = trimmed[text.len()..].starts_with(',');
        let (text, possessive) = match text
            .strip_suffix("’s")
            .or_else(|| text.strip_suffix("'s"))
            .or_else(|| text.strip_suffix('’'))
        {
            Some(stem) => (stem, true),
            None => (text, false),
        };
        let start = text.as_ptr() as usize - sentence.as_ptr() as usize;
        let initial = text.chars().count() == 1
            && text.chars().all(char::is_uppercase)
            && trimmed[text.len()..].starts_with('.');
        out.push(Word {
            text,
            start,
            // An initial's period does not end the name.
            breaks_after: breaks_after && !(initial && trimmed.len() == text.len() + 1),
            comma_after,
            possessive,
            quoted,
            place: false,
            initial,
        });
        if closes_quote {
            quoted = false;
        }
    }
    out
}

/// A word that can be part of a person's name: capitalised, with lowercase
/// letters (not an acronym), not an organisation's or a country's word.
fn is_name_part(word: &str, gazetteer: &Gazetteer) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    word.split('-').enumerate().all(|(i, part)| {
        let mut chars = part.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        // "al-Assad", "bin-Salman": a particle may open a hyphenated name.
        let particle = i == 0 && PARTICLES.contains(&part);
        particle
            || (first_upper
                && part.chars().count() >= 2
                && part.chars().skip(1).any(char::is_lowercase)
                && part
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
                && !is_not_name_word(part)
                && !is_role_word(part)
                && gazetteer.canonical(part).is_none())
    }) && word.chars().next().is_some_and(char::is_uppercase)
        || is_particle_name(word)
}

/// "al-Assad", "el-Sisi": a particle joined to a capitalised name.
fn is_particle_name(word: &str) -> bool {
    word.split_once('-').is_some_and(|(particle, rest)| {
        PARTICLES.contains(&particle) && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// A regnal or family number after a name: "Elizabeth II", "Henry VIII".
fn is_regnal_number(word: &str) -> bool {
    (2..=4).contains(&word.len()) && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
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
    let mut role: Vec<&str> = span[from..].iter().map(|w| w.text).collect();
    while role
        .last()
        .is_some_and(|w| ROLE_CONNECTORS.contains(&w.to_lowercase().as_str()))
    {
        role.pop();
    }
    role.join(" ")
}

/// What stands around a run of name words that says it is a person.
fn context_evidence(words: &[Word], start: usize, end: usize) -> bool {
    let last = &words[end - 1];
    let next = words.get(end).map(|w| w.text);
    // "Kanaani said", "Smith, who", "Smith, 45,", "Smith, a lawyer".
    let after = match next {
        Some(verb) if is_speech_verb(verb) => !last.comma_after || verb == "who",
        Some(word) if last.comma_after => {
            word == "who"
                || word.bytes().all(|b| b.is_ascii_digit()) && (1..=3).contains(&word.len())
                || (["a", "an", "the"].contains(&word)
                    && words.get(end + 1).is_some_and(|w| {
                        is_role_word(w.text)
                            || words.get(end + 2).is_some_and(|w2| is_role_word(w2.text))
                    }))
        }
        _ => false,
    };
    // "said Kanaani", "according to Kanaani".
    let before = start >= 1 && matches!(words[start - 1].text, "said" | "says" | "told")
        || start >= 2
            && words[start - 2].text.eq_ignore_ascii_case("according")
            && words[start - 1].text == "to";
    after || before
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
    let outside = |w: &Word| w.quoted || w.place;
    let mut i = 0;
    while i < words.len() {
        if outside(&words[i]) || !is_name_part(words[i].text, gazetteer) {
            i += 1;
            continue;
        }
        // The run: name words, with initials and particles inside it.
        let start = i;
        while i < words.len() && !outside(&words[i]) {
            let word = &words[i];
            let inside = i > start
                && (word.initial || PARTICLES.contains(&word.text))
                && words
                    .get(i + 1)
                    .is_some_and(|n| is_name_part(n.text, gazetteer));
            let regnal = i > start && is_regnal_number(word.text);
            if !(is_name_part(word.text, gazetteer) || inside || regnal) {
                break;
            }
            i += 1;
            if word.breaks_after || word.possessive {
                break;
            }
        }
        let mut run_start = start;
        let run_end = i;
        // "Non-Aligned Movement", "Araz River": the run names an organisation or a place.
        let last = &words[run_end - 1];
        let next_is_org = !last.breaks_after
            && !last.possessive
            && words.get(run_end).is_some_and(|w| {
                is_not_name_word(w.text) && w.text.chars().next().is_some_and(char::is_uppercase)
            });
        if next_is_org || run_end - run_start > 6 {
            continue;
        }
        // Capitalised words before a known given name are a title or a
        // sentence's first word: "Ecologist Ryan Norris", "Later Vladimir Putin".
        if !is_given_name(words[run_start].text)
            && let Some(k) =
                (run_start + 1..run_end.saturating_sub(1)).find(|&k| is_given_name(words[k].text))
        {
            run_start = k;
        }
        let run = &words[run_start..run_end];
        let name_words: Vec<String> = run
            .iter()
            .map(|w| {
                if w.initial {
                    format!("{}.", w.text)
                } else {
                    w.text.to_string()
                }
            })
            .collect();
        let parts: usize = run
            .iter()
            .filter(|w| !w.initial && !PARTICLES.contains(&w.text) && !is_regnal_number(w.text))
            .map(|w| w.text.split('-').filter(|p| !PARTICLES.contains(p)).count())
            .sum();
        let mut name = name_words.join(" ");
        let before = run_start.checked_sub(1).map(|k| &words[k]);
        let role = role_before(&words, run_start);
        // The role counts as evidence for a lone name only when its role
        // word stands right before it ("Minister Lavrov", not "Ecologist Ryan
        // Norris of the University Guelph").
        // A lone name takes a role as evidence only right after its role
        // word ("Minister Lavrov") or after the country the role is of
        // ("the Minister of Economy of Russia Reshetnikov"); after "of" it
        // ends the role's own place ("mayor of South Bend").
        let role_adjacent = !role.is_empty()
            && before.is_some_and(|w| is_role_word(w.text) || w.place && !w.breaks_after);
        let honorific = before.is_some_and(|w| {
            is_honorific(w.text)
                && w.text.chars().skip(1).any(char::is_lowercase)
                && (!w.breaks_after || w.text.len() <= 4)
        });
        let regnal = before
            .filter(|w| REGNAL_TITLES.contains(&w.text))
            .map(|w| w.text);
        // "the Grateful Dead", "a Lion Air jet": an article before the run
        // makes it a thing, unless a role stands between.
        let article_before =
            before.is_some_and(|w| ["the", "a", "an"].contains(&w.text.to_lowercase().as_str()));
        if article_before {
            continue;
        }
        let known = aliases.get(&name).is_some();
        let first = run[0].text;
        let lone = parts < 2;
        let evidence = known
            || (lone && (role_adjacent || honorific || regnal.is_some()))
            || (!lone
                && (!role.is_empty()
                    || honorific
                    || regnal.is_some()
                    || is_given_name(first)
                    || is_surname(run[run.len() - 1].text)
                    || run
                        .iter()
                        .any(|w| PARTICLES.contains(&w.text) || is_particle_name(w.text))
                    || context_evidence(&words, run_start, run_end)));
        if !evidence {
            continue;
        }
        // "Pope Francis", "Queen Elizabeth": one name and its title.
        if let Some(title) = regnal
            && lone
            && !run.iter().any(|w| is_regnal_number(w.text))
        {
            name = format!("{title} {name}");
        }
        // "President Trump" with no full name in the article: the one
        // person in the news that surname stands for.
        if lone
            && regnal.is_none()
            && let Some(full) = lexicon::notable(&name)
        {
            out.push(Mention {
                name: full.to_string(),
                parts: full.split_whitespace().count(),
                role,
            });
            continue;
        }
        out.push(Mention { name, parts, role });
    }
}

/// The more specific of two roles: the one with more words, the first on a tie.
fn better_role(current: &str, candidate: &str) -> bool {
    let words = |r: &str| r.split_whitespace().count();
    !candidate.is_empty()
        && (current.is_empty() || words(candidate) > words(current))
        && !(candidate.chars().all(|c| c.is_lowercase() || c == ' ') && candidate.ends_with('s'))
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
                if better_role(&person.role, &mention.role) {
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
