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
mod mention;
mod role;
mod words;

pub use lexicon::{is_given_name, is_person_noun};

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use crate::content::front_matter::Person;

use super::gazetteer::Gazetteer;
use mention::mentions_in;
use role::better_role;

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
    let words: Vec<String> = name
        .split_whitespace()
        .filter(|w| {
            let bare = w.trim_end_matches(['.', ',']);
            let initial = bare.chars().count() == 1 && w.ends_with('.');
            !initial && !matches!(bare, "Jr" | "Sr" | "Jnr" | "Snr")
        })
        .map(romanised_word)
        .collect();
    words.concat()
}

/// One word of a name, folded, with the endings romanisations write in
/// several ways made one: "Zelensky", "Zelenskiy" and "Zelenskyy" are one
/// name, as are "Dmitriy" and "Dmitry".
fn romanised_word(word: &str) -> String {
    let mut folded = lexicon::deunicode_ascii(&fold(word));
    for ending in ["iy", "yy", "ij", "yi"] {
        if folded.len() > 4 && folded.ends_with(ending) {
            folded.truncate(folded.len() - 2);
            folded.push('y');
            break;
        }
    }
    folded
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
    // Each with its folded form, worked out once.
    let full_names: Vec<(String, String, String)> = mentions
        .iter()
        .filter(|m| m.parts >= 2)
        .map(|m| {
            let last = m.name.split_whitespace().next_back().unwrap_or("");
            (m.name.clone(), fold(&m.name), romanised_word(last))
        })
        .collect();
    let mut people: Vec<Person> = Vec::new();
    // person_key of each of `people`, worked out once.
    let mut keys: Vec<String> = Vec::new();
    for mention in mentions {
        let canonical = aliases.get(&mention.name).map(str::to_string).or_else(|| {
            let folded = fold(&mention.name);
            let romanised = (mention.parts == 1).then(|| romanised_word(&mention.name));
            full_names
                .iter()
                .filter(|(full, _, _)| full.len() > mention.name.len())
                .find(|(full, full_fold, full_last)| {
                    full_fold.ends_with(&folded)
                        && full.ends_with(mention.name.split([' ', '-']).next_back().unwrap_or(""))
                        // "President Zelensky" after "Volodymyr Zelenskiy".
                        || romanised.as_ref() == Some(full_last)
                })
                .map(|(full, _, _)| aliases.get(full).unwrap_or(full).to_string())
        });
        let name = canonical.unwrap_or(mention.name);
        // "Jaroslaw Kaczynski" in a headline, "Jarosław Kaczyński" in the
        // text: one person, under the spelling with its marks.
        // "Patrick W. Carlineo" and "Patrick Carlineo Jr." too: initials and
        // suffixes aside, the same person, under the fuller form.
        let key = person_key(&name);
        match keys
            .iter()
            .position(|k| *k == key)
            .map(|at| &mut people[at])
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
            None => {
                keys.push(key);
                people.push(Person {
                    name,
                    role: mention.role,
                });
            }
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
            names("\"After listening to [Prime Minister Narendra] Modi's address, we left.\""),
            ["Narendra Modi"]
        );
        assert_eq!(
            names("Choreographer_Jeong Hye Jin, Director_Oh Kyeong Taek"),
            ["Jeong Hye Jin", "Oh Kyeong Taek"]
        );
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
    fn romanisations_of_one_name_are_one_person() {
        assert_eq!(
            names(
                "Ukrainian President Volodymyr Zelenskiy spoke. \
                 Later President Zelensky said Zelenskyy would travel."
            ),
            ["Volodymyr Zelenskiy"]
        );
    }

    #[test]
    fn a_chinese_given_name_he_is_a_name_part_but_the_pronoun_is_not() {
        assert_eq!(
            names("Chinese vice-premier Liu He arrived on Monday."),
            ["Liu He"]
        );
        assert_eq!(
            names("Prime Minister Narendra Modi spoke. He said more."),
            ["Narendra Modi"]
        );
    }

    #[test]
    fn an_underscore_in_a_credit_line_ends_the_role() {
        assert_eq!(
            names("Writer_Kyeong Min Seon, Art Director_Park Dong Woo"),
            ["Kyeong Min Seon", "Park Dong Woo"]
        );
        let found = read("Art Director_Kim Min Soo, Music_Lee Ji Hoon", &[]);
        assert_eq!(
            found,
            [
                ("Kim Min Soo".to_string(), "Art Director".to_string()),
                ("Lee Ji Hoon".to_string(), String::new())
            ]
        );
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
