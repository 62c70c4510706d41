//! One sentence read for names: the runs of capitalised words, each kept
//! or refused on the evidence around it, with the role the sentence gives.

use super::super::gazetteer::Gazetteer;
use super::lexicon::{
    PARTICLES, REGNAL_TITLES, is_barred_from_names, is_common_word, is_everyday, is_given_name,
    is_given_word, is_honorific, is_known_person, is_not_name_word, is_person_noun, is_role_word,
    is_speech_verb, is_surname,
};
use super::role::{role_apposed, role_before};
use super::words::{Word, words};
use super::{Aliases, Language};

/// A word that can be part of a person's name: capitalised, with lowercase
/// letters (not an acronym), not an organisation's or a country's word.
fn is_name_part(word: &str, gazetteer: &Gazetteer) -> bool {
    // Most words are lowercase: of those only "al-Assad" and its kind.
    if !word.starts_with(char::is_uppercase) {
        return is_particle_name(word);
    }
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
                && !is_barred_from_names(part)
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
    crate::import::text::split_at_hyphen(word).is_some_and(|(particle, rest)| {
        PARTICLES.contains(&particle) && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// A regnal or family number after a name: "Elizabeth II", "Henry VIII".
fn is_regnal_number(word: &str) -> bool {
    (2..=4).contains(&word.len()) && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// A name as first read, before merging.
pub(super) struct Mention {
    pub(super) name: String,
    pub(super) parts: usize,
    pub(super) role: String,
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

pub(super) fn mentions_in(
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
        // Cheapest tests first: this runs for every word of the text.
        if word.breaks_after
            || !word.text.starts_with(char::is_uppercase)
            || word.possessive
            || i >= 1 && words[i - 1].place
            || !(is_given_name(word.text) || is_given_word(word.text))
            || !(word.place || gazetteer.canonical(word.text).is_some())
        {
            continue;
        }
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
        if named_next && (titled || is_surname(words[i + 1].text)) {
            words[i].place = false;
            words[i].given_place = true;
        }
    }
    let outside = |w: &Word| w.quoted || w.place;
    let mut i = 0;
    while i < words.len() {
        // After a credit line's underscore the name starts, whatever its
        // first word: "Art Director_Park Dong Woo".
        let credited =
            i > 0 && words[i - 1].role_joint && words[i].text.starts_with(char::is_uppercase);
        if outside(&words[i])
            || !(words[i].given_place
                || credited
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
            // "Liu He": a Chinese given name after a short surname, never
            // the pronoun, which is capitalised only first in a sentence.
            let chinese_he = i > start
                && word.text == "He"
                && !words[i - 1].breaks_after
                && words[i - 1].text.len() <= 5;
            if !(word.given_place
                || chinese_he
                || i == start && credited
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
        let mut in_title = place_of_role
            || run_start > 0
                && continues_title(&words[run_start - 1])
                && !words[run_start - 1].role_joint;
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
                || words[run_start - 1].breaks_after
                    && !words[run_start - 1].comma_after
                    && !words[run_start - 1].role_joint
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
            || before.is_some_and(|w| w.role_joint && is_person_noun(w.text))
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
                        || context_evidence(&words, run_start, run_end)
                        // "Pankaj Pandey, Head of Research at ICICI
                        // Securities, said": a full name with its office
                        // beside it.
                        || !role_apposed(&words, run_start, run_end).is_empty()))
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
            && let Some(full) = super::lexicon::notable(&name)
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
