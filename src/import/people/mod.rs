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

pub mod lexicon;
mod role;

pub use lexicon::{is_given_name, is_person_noun};

use std::collections::{BTreeMap, HashMap};

use crate::content::front_matter::Person;

use super::gazetteer::Gazetteer;
use lexicon::{
    PARTICLES, REGNAL_TITLES, is_common_word, is_everyday, is_given_word, is_honorific,
    is_known_person, is_not_name_word, is_role_word, is_speech_verb, is_surname,
};
use role::{better_role, role_apposed, role_before};

/// One word of a sentence, with what surrounds it.
#[derive(Debug)]
pub(super) struct Word<'a> {
    pub(super) text: &'a str,
    /// Byte offset of `text` in the sentence.
    pub(super) start: usize,
    /// Punctuation right after the word ends a run of names.
    pub(super) breaks_after: bool,
    /// A comma right after the word (an appositive may follow).
    pub(super) comma_after: bool,
    /// Written with a possessive ("Aliyev's"): ends a run of names too.
    pub(super) possessive: bool,
    pub(super) quoted: bool,
    /// Part of a country's or a city's name.
    pub(super) place: bool,
    /// A capital and a period: an initial ("J." in "Donald J. Trump").
    pub(super) initial: bool,
    /// A place's name that is a given name here: "Chad Thomas",
    /// "Rep. Alexandria Ocasio-Cortez".
    pub(super) given_place: bool,
}

/// A quotation of more words than this is speech, whose names count; a
/// shorter one is a title or a nickname ("“The Irishman”", "“Spike”").
const SHORT_QUOTE: usize = 5;

fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word> = Vec::new();
    let mut quoted = false;
    let mut quote_start = 0;
    for raw in sentence.split_whitespace() {
        let opens = raw.starts_with(['“', '"', '(', '[', '‘']);
        if raw.starts_with(['“', '"', '‘']) && !quoted {
            quoted = true;
            quote_start = out.len();
        }
        if opens && let Some(previous) = out.last_mut() {
            previous.breaks_after = true;
        }
        let trimmed = raw.trim_start_matches(['“', '"', '(', '[', '‘']);
        let closes_quote = trimmed.ends_with(['”', '"']) || trimmed.contains(['”']);
        let text = trimmed.trim_end_matches(['.', ',', ';', ':', ')', ']', '”', '"', '!', '?']);
        let breaks_after = text.len() < trimmed.len();
        let comma_after = trimmed[text.len()..].starts_with(',');
        // "Jo JorgensenImage: …": a caption's credit glued to the name.
        let text = match text.strip_suffix("Image") {
            Some(name) if name.ends_with(|c: char| c.is_lowercase()) => name,
            _ => text,
        };
        let (text, possessive) = match text
            .strip_suffix("’s")
            .or_else(|| text.strip_suffix("'s"))
            .or_else(|| text.strip_suffix('’'))
            .or_else(|| text.strip_suffix("s'").map(|_| &text[..text.len() - 1]))
        {
            Some(stem) => (stem, true),
            None => (text, false),
        };
        let start = text.as_ptr() as usize - sentence.as_ptr() as usize;
        // "J.J." in "J.J. Abrams" is initials too.
        let initials = text.len() >= 3
            && text
                .split('.')
                .all(|c| c.chars().count() == 1 && c.chars().all(char::is_uppercase));
        let initial = (text.chars().count() == 1 && text.chars().all(char::is_uppercase)
            || initials)
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
            given_place: false,
        });
        if closes_quote && quoted {
            quoted = false;
            if out.len() - quote_start > SHORT_QUOTE {
                out[quote_start..].iter_mut().for_each(|w| w.quoted = false);
            }
        }
    }
    // A quotation still open at the sentence's end goes on past it: speech.
    if quoted {
        out[quote_start..].iter_mut().for_each(|w| w.quoted = false);
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
        // "Tsai Ing-wen", "Kim Jong-un": a romanised syllable after the hyphen.
        let syllable = i == 1
            && (2..=4).contains(&part.len())
            && part.chars().all(|c| c.is_ascii_lowercase())
            && word.split('-').next().is_some_and(|first| first.len() <= 5)
            && !is_everyday(part)
            && !is_everyday(word);
        particle
            || syllable
            || (first_upper
                && part.chars().count() >= 2
                && part.chars().skip(1).any(char::is_lowercase)
                && part
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
                && !is_not_name_word(part)
                && !is_role_word(part)
                && !is_honorific(part)
                && gazetteer.canonical(part).is_none())
    }) && word.chars().next().is_some_and(char::is_uppercase)
        || is_particle_name(word)
}

/// Given names that are also words names are refused for: months, bills,
/// ranks. Months are a name only after a given name ("Theresa May"), never
/// at the start of a run ("May Trump" is "in May").
const AMBIGUOUS_NAMES: &[&str] = &[
    "Bill", "May", "Major", "Mayor", "Day", "June", "April", "August", "West", "Hill", "Hall",
];
/// Of those, the ones that are a name only after a given name.
const AFTER_GIVEN_ONLY: &[&str] = &[
    "May", "June", "April", "August", "West", "Hill", "Hall", "Day",
];

/// A given name that is also a word names and roles are refused for ("Bill",
/// "May", "Major", "Mayor"): part of a name when a given name stands before
/// it ("Theresa May", "John Major") or, at the start of a run, when a name
/// word or particle follows ("Bill Clinton", "Bill de Blasio").
fn ambiguous_name_word(words: &[Word], i: usize, start: usize, gazetteer: &Gazetteer) -> bool {
    let word = words[i].text;
    if !AMBIGUOUS_NAMES.contains(&word) {
        return false;
    }
    if i > start {
        let before = words[i - 1].text;
        // "Fiona Hill", "Kanye West", but not "Lincoln Park" or "Capitol Hill".
        let followed = words
            .get(i + 1)
            .is_some_and(|n| !words[i].breaks_after && is_name_part(n.text, gazetteer));
        return is_given_name(before) && !followed;
    }
    !AFTER_GIVEN_ONLY.contains(&word)
        && !words[i].breaks_after
        && !words[i].possessive
        && words.get(i + 1).is_some_and(|next| {
            !next.place && (PARTICLES.contains(&next.text) || is_name_part(next.text, gazetteer))
        })
}

/// Initials that open a name: "J.J. Abrams", "P.J. Fleck".
fn opening_initials(words: &[Word], i: usize, gazetteer: &Gazetteer) -> bool {
    words[i].initial
        && words[i].text.contains('.')
        && words
            .get(i + 1)
            .is_some_and(|next| is_name_part(next.text, gazetteer))
}

/// "al-Assad", "el-Sisi": a particle joined to a capitalised name.
/// A capitalised word right before a run that is neither a name nor a
/// role word: the run was cut from a longer capitalised title.
fn continues_title(previous: &Word) -> bool {
    !previous.breaks_after
        && previous.text.chars().next().is_some_and(char::is_uppercase)
        && !is_role_word(previous.text)
        && !is_honorific(previous.text)
        && !is_given_name(previous.text)
        && !is_surname(previous.text)
}

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

/// Words before "by" that credit a person with the writing ("Reporting
/// by"); not a photo's or an image's credit, whose names the page drops.
const CREDIT_WORDS: &[&str] = &[
    "reporting",
    "editing",
    "writing",
    "written",
    "compiled",
    "tested",
    "reviewed",
    "interview",
    "interviewed",
    "edited",
    "translated",
    "translation",
];

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
    // "said Kanaani", "according to Kanaani", a wire story's credit line
    // "(Reporting by Will Dunham; Editing by Tom Brown)", "Tested by: …".
    let credit = start >= 2
        && words[start - 1].text == "by"
        && CREDIT_WORDS.contains(&words[start - 2].text.to_lowercase().as_str());
    let before = credit
        || start >= 1 && matches!(words[start - 1].text, "said" | "says" | "told")
        || start >= 2
            && words[start - 2].text.eq_ignore_ascii_case("according")
            && words[start - 1].text == "to";
    after || before
}

/// How much the reader trusts capitalisation: in English only names and a
/// few kinds of words are capitalised; in German every noun is, and other
/// languages have other function words ("der", "dan", "da") that look like
/// particles of names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Language {
    English,
    /// Only a known name, or a given name the lexicon knows opening a run.
    Other,
}

fn mentions_in(
    sentence: &str,
    gazetteer: &Gazetteer,
    aliases: &Aliases,
    language: Language,
    out: &mut Vec<Mention>,
) {
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
    // A one-word place that is also a given name, before a surname or after
    // a role, is the given name: "Chad Thomas", "Rep. Alexandria
    // Ocasio-Cortez", "Prime Minister Georgia Meloni".
    for i in 0..words.len() {
        let word = &words[i];
        // The place is this word alone, a country's or a city's.
        let place = (word.place || gazetteer.canonical(word.text).is_some())
            && !(i >= 1 && words[i - 1].place);
        // Only one name word after it: in "Ambassador to Germany Richard
        // Grenell" the place ends the role.
        let named_next = words.get(i + 1).is_some_and(|next| {
            !next.place && is_name_part(next.text, gazetteer) && !next.text.contains('.')
        }) && (words[i + 1].breaks_after
            || words[i + 1].possessive
            || words
                .get(i + 2)
                .is_none_or(|after| !is_name_part(after.text, gazetteer)));
        let titled = i >= 1 && {
            let before = words[i - 1].text;
            is_role_word(before)
                || is_honorific(before)
                || before.chars().next().is_some_and(char::is_lowercase) && is_person_noun(before)
        };
        if place
            && !word.breaks_after
            && !word.possessive
            && (is_given_name(word.text) || is_given_word(word.text))
            && named_next
            && (titled || is_surname(words[i + 1].text))
        {
            words[i].place = false;
            words[i].given_place = true;
        }
    }
    let outside = |w: &Word| w.quoted || w.place;
    let mut i = 0;
    while i < words.len() {
        if outside(&words[i])
            || !(words[i].given_place
                || is_name_part(words[i].text, gazetteer)
                || opening_initials(&words, i, gazetteer)
                || ambiguous_name_word(&words, i, i, gazetteer))
        {
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
            if !(word.given_place
                || is_name_part(word.text, gazetteer)
                || i == start && opening_initials(&words, i, gazetteer)
                || inside
                || regnal
                || ambiguous_name_word(&words, i, start, gazetteer))
            {
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
        // Before a known given name, an unknown word is the place of the role
        // before it ("Mayor of Koszalin Piotr Jedlinski") or a title the
        // lexicon lacks ("Podcaster Spike Cohen", "Monsenor Jorge Scheinig").
        let first_word = words[run_start].text;
        let place_of_role = run_start >= 1
            && ["of", "in", "for"].contains(&words[run_start - 1].text)
            && !role_before(&words, run_start - 1).is_empty();
        let agent_noun = ["er", "or", "ist", "ive", "ant", "ent", "man"]
            .iter()
            .any(|end| first_word.ends_with(end));
        if (place_of_role || agent_noun)
            && !is_given_name(first_word)
            && !is_given_word(first_word)
            && !is_surname(first_word)
            && run_end - run_start >= 3
            && is_given_name(words[run_start + 1].text)
        {
            run_start += 1;
        }
        // A capitalised person noun opening the run is a title: "Whistleblower
        // Edward Snowden", "Broadcaster Piers Morgan"; an everyday word is a
        // sentence's first word: "Afterwards Trump".
        let mut titled = false;
        let mut in_title = place_of_role || run_start > 0 && continues_title(&words[run_start - 1]);
        while run_end - run_start >= 2 {
            let word = words[run_start].text;
            // A weak given name before a strong one is a place or a word:
            // "Scotland Nicola Sturgeon".
            let weak_before_strong = run_end - run_start >= 3
                && is_given_word(word)
                && !is_surname(word)
                && is_given_name(words[run_start + 1].text)
                && !is_surname(words[run_start + 1].text);
            let named = is_given_name(word) || is_given_word(word) || is_surname(word);
            if named && !weak_before_strong {
                break;
            }
            // Mid-sentence a capitalised everyday word is part of the name
            // ("Zippy Duvall"); only a sentence's first word is capitalised
            // for being first.
            // A title's own capitalised words are not the name: "Director
            // of National Intelligence John Ratcliffe".
            let opens = run_start == 0
                || words[run_start - 1].breaks_after && !words[run_start - 1].comma_after
                || in_title;
            if is_person_noun(word) {
                titled = true;
            } else if !(weak_before_strong || is_everyday(word) && opens) {
                break;
            }
            in_title = place_of_role && !titled;
            run_start += 1;
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
            .enumerate()
            // "J.J. Abrams": initials that open a name stand for its given name.
            .filter(|(k, w)| {
                (!w.initial || *k == 0 && w.text.contains('.'))
                    && !PARTICLES.contains(&w.text)
                    && !is_regnal_number(w.text)
            })
            .map(|(_, w)| w)
            .map(|w| {
                // "al-Assad", and "Al-Qaeda" too: a particle opening a
                // hyphenated word is not a part; "Ben", "Al" alone are names.
                let hyphenated = w.text.contains('-');
                w.text
                    .split('-')
                    .filter(|p| {
                        let particle = |p: &str| PARTICLES.contains(&p);
                        !(particle(p) || hyphenated && particle(&p.to_lowercase()))
                    })
                    .count()
            })
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
        let known = aliases.get(&name).is_some() || (parts >= 2 && is_known_person(&name));
        let first = run[0].text;
        let last_word = run[run.len() - 1].text;
        let lone = parts < 2;
        // A noun for a person just before ("rapper Kanye West", "his son
        // Abhijit Mukherjee", "his counterparts, Nikos Dendias").
        // "Serbia's Novak Djokovic", "Russia's Vladimir Putin".
        let country_before = before.is_some_and(|w| w.place && w.possessive);
        let noun_before = titled
            || country_before
            || before.is_some_and(|w| {
                w.text.chars().next().is_some_and(char::is_lowercase)
                    && is_person_noun(w.text)
                    && !w.quoted
                    && (!w.breaks_after || w.comma_after)
            });
        // "Echo Dot", "Emirates Airline", "Peter Koros Design": a run that
        // ends in an everyday word names a thing, unless it opens with a
        // given name and the word is a rare one ("Elon Musk", "Donald Tusk").
        // A role word right before says it is a person all the same:
        // "Taliban spokesman Zabihullah Mujahid".
        let role_word_before = before.is_some_and(|w| {
            is_role_word(w.text) && w.text.chars().next().is_some_and(char::is_lowercase)
        });
        if !known
            && !lone
            && !role_word_before
            && is_everyday(last_word)
            && (!is_given_name(first) || is_common_word(last_word))
        {
            continue;
        }
        // "Chief Technical Officer", "Prime Minister's Questions": a lone
        // everyday word after a role word is part of a title, not a name.
        let role_adjacent = role_adjacent && !(lone && is_everyday(first) && !is_surname(first));
        let evidence = if language == Language::Other {
            known || !lone && is_given_name(first)
        } else {
            known
                || (lone && (role_adjacent || honorific || regnal.is_some()))
                || (!lone
                    && (!role.is_empty()
                        || honorific
                        || regnal.is_some()
                        || noun_before
                        || is_given_name(first)
                        || is_given_word(first) && is_surname(last_word)
                        || is_surname(last_word)
                        || run
                            .iter()
                            .any(|w| PARTICLES.contains(&w.text) || is_particle_name(w.text))
                        || context_evidence(&words, run_start, run_end)))
        };
        if !evidence {
            continue;
        }
        // A role set off by commas is not evidence of a person (a firm
        // has "a spokesman" too), only what an accepted name holds.
        let role = if role.is_empty() {
            role_apposed(&words, run_start, run_end)
        } else {
            role
        };
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

/// A heading that is only a person's name, as profiles and interviews set
/// them ("Андрей Рудьков", "Maria Zakharova"): two or three capitalised
/// words, the first a given name the lexicon knows.
pub fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && is_given_name(words[0])
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        })
}

/// What tells one person's name from another's: its words without
/// initials and "Jr.", letters only, marks taken off.
fn person_key(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| {
            let bare = w.trim_end_matches(['.', ',']);
            let initial = bare.chars().count() == 1 && w.ends_with('.');
            !initial && !matches!(bare, "Jr" | "Sr" | "Jnr" | "Snr")
        })
        .collect();
    lexicon::deunicode_ascii(&fold(&words.join(" ")))
}

/// The people named in `sentences`, in order of first mention, each once.
pub fn people_in<'a>(
    sentences: impl IntoIterator<Item = &'a str>,
    gazetteer: &Gazetteer,
    aliases: &Aliases,
    language: Language,
) -> Vec<Person> {
    let mut mentions = Vec::new();
    for sentence in sentences {
        mentions_in(sentence, gazetteer, aliases, language, &mut mentions);
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
        // "Jaroslaw Kaczynski" in a headline, "Jarosław Kaczyński" in the
        // text: one person, under the spelling with its marks.
        // "Patrick W. Carlineo" and "Patrick Carlineo Jr." too: initials and
        // suffixes aside, the same person, under the fuller form.
        match people
            .iter_mut()
            .find(|p| person_key(&p.name) == person_key(&name))
        {
            Some(person) => {
                let words = |n: &str| n.split_whitespace().count();
                if person.name.is_ascii() && !name.is_ascii()
                    || person.name.is_ascii() == name.is_ascii()
                        && words(&name) > words(&person.name)
                {
                    person.name = name;
                }
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
        people_in([text], &gazetteer, &Aliases::new(&table), Language::English)
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

    fn names(text: &str) -> Vec<String> {
        read(text, &[]).into_iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn a_place_that_is_a_given_name_opens_a_name_before_a_surname_or_after_a_role() {
        assert_eq!(
            names("Since the injury, Chad Thomas has filled in."),
            ["Chad Thomas"]
        );
        assert_eq!(
            names("He spoke with congresswoman Alexandria Ocasio-Cortez."),
            ["Alexandria Ocasio-Cortez"]
        );
        // The place ends the role when a full name follows it.
        assert_eq!(
            names("US Ambassador to Germany Richard Grenell objected."),
            ["Richard Grenell"]
        );
        assert!(names("Troops left Chad last year.").is_empty());
    }

    #[test]
    fn one_person_written_with_and_without_initials_and_suffix_is_listed_once() {
        assert_eq!(
            names("Patrick W. Carlineo said so. Later Patrick Carlineo Jr. pleaded guilty."),
            ["Patrick W. Carlineo"]
        );
        assert_eq!(
            names("Pedro Pierluisi spoke. Pedro R. Pierluisi agreed."),
            ["Pedro R. Pierluisi"]
        );
    }

    #[test]
    fn credit_lines_initials_and_honorifics_are_evidence() {
        assert_eq!(
            names("(Reporting by Will Dunham; Editing by Tom Brown)"),
            ["Will Dunham", "Tom Brown"]
        );
        assert_eq!(names("Producer J.J. Abrams declined."), ["J.J. Abrams"]);
        assert_eq!(
            names("Hon. Funke Adedoyin moved the motion."),
            ["Funke Adedoyin"]
        );
        assert_eq!(
            names("Taliban spokesman Zabihullah Mujahid said in a tweet."),
            ["Zabihullah Mujahid"]
        );
        assert_eq!(
            names("In May, Zippy Duvall, the president of the Farm Bureau, wrote."),
            ["Zippy Duvall"]
        );
        assert_eq!(
            names("Current Director of National Intelligence John Ratcliffe said so."),
            ["John Ratcliffe"]
        );
        // A photo's credit is not a person of the story.
        assert!(names("Photo by Staff.").is_empty());
    }

    #[test]
    fn cyrillic_given_names_are_known_by_their_romanisations() {
        for name in ["Андрей", "Евгения", "Дарья", "Олег", "Анн-Софи"]
        {
            assert!(is_given_name(name), "{name}");
        }
        assert!(!is_given_name("Москва"));
        assert!(is_name_line("Евгения Левицкая"));
        assert!(is_name_line("Maria Zakharova"));
        assert!(!is_name_line("Energy Security Outlook"));
        assert!(!is_name_line("Maria Zakharova Said Nothing New"));
    }

    #[test]
    fn a_noun_for_a_person_before_a_name_is_evidence_and_a_capitalised_one_is_a_title() {
        assert_eq!(
            names("The crowd cheered rapper Kanye Westbrook."),
            ["Kanye Westbrook"]
        );
        assert_eq!(
            names("Whistleblower Edward Snowden spoke by video."),
            ["Edward Snowden"]
        );
        assert_eq!(names("Later Vladimir Putin arrived."), ["Vladimir Putin"]);
    }

    #[test]
    fn given_names_that_are_also_words_count_beside_a_name() {
        assert_eq!(
            names("Bill Clinton and Theresa May met John Major."),
            ["Bill Clinton", "Theresa May", "John Major"]
        );
        assert!(names("In May Parliament passed the Bill.").is_empty());
        assert!(names("They walked to Lincoln Park and Capitol Hill.").is_empty());
    }

    #[test]
    fn a_run_ending_in_an_everyday_word_is_a_thing_not_a_person() {
        assert!(names("He bought an Echo Dot at Emirates Airline.").is_empty());
        assert_eq!(names("Elon Musk spoke."), ["Elon Musk"]);
    }

    #[test]
    fn people_in_the_reference_works_need_no_other_evidence() {
        assert_eq!(
            names("A coalition ousted Saddam Hussein in 2003."),
            ["Saddam Hussein"]
        );
    }

    #[test]
    fn names_in_speech_count_but_short_quoted_titles_do_not() {
        assert_eq!(
            names("He said: “Think of Donald Trump rather than Barack Obama in this case.”"),
            ["Donald Trump", "Barack Obama"]
        );
        assert!(names("The film “Luke Skywalker” opened.").is_empty());
    }

    #[test]
    fn in_another_language_only_a_known_given_name_opens_a_name() {
        let gazetteer = Gazetteer::new(&BTreeMap::new());
        let aliases = Aliases::new(&BTreeMap::new());
        let found: Vec<String> = people_in(
            ["Im Bereich der Gesundheitsversorgung sprach Roger Waters mit Der Patient."],
            &gazetteer,
            &aliases,
            Language::Other,
        )
        .into_iter()
        .map(|p| p.name)
        .collect();
        assert_eq!(found, ["Roger Waters"]);
    }
}
