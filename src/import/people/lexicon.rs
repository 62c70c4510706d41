//! The words the people reader weighs: given names and surnames (from
//! `data/names/`), the words of roles and titles, and the words that make a
//! run of capitalised words an organisation, a place, a document or an
//! event rather than a person.

// foldhash: the importer asks these sets about every word; SipHash was
// a tenth of its time.
use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::LazyLock;

use crate::import::text::with_lower;

const GIVEN: &str = include_str!("../../../data/names/given.txt");
const SURNAMES: &str = include_str!("../../../data/names/surnames.txt");
const NOTABLE: &str = include_str!("../../../data/names/notable.txt");
const GIVEN_WORDS: &str = include_str!("../../../data/names/given-words.txt");
const PERSON_NOUNS: &str = include_str!("../../../data/names/person-nouns.txt");
const KNOWN_PEOPLE: &str = include_str!("../../../data/names/known-people.txt");
const EVERYDAY: &str = include_str!("../../../data/names/everyday.txt");

/// Lone surname → the full name of the one person in the news it stands for.
static NOTABLE_PEOPLE: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for name in NOTABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        if let Some(surname) = name.split_whitespace().last() {
            map.insert(super::fold(surname), name.trim());
            // "Erdoğan" and "Erdogan", "Sánchez" and "Sanchez" alike.
            map.insert(super::fold(&deunicode_ascii(surname)), name.trim());
        }
    }
    map
});

/// Latin letters with their marks taken off, for matching spellings.
pub fn deunicode_ascii(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ğ' => 'g',
            'ş' => 's',
            'ñ' => 'n',
            'ł' => 'l',
            'ń' | 'ň' => 'n',
            'ś' | 'š' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ć' | 'č' => 'c',
            'ř' => 'r',
            'ą' => 'a',
            'ę' | 'ě' => 'e',
            'ý' => 'y',
            'ø' => 'o',
            'å' => 'a',
            other => other,
        })
        .collect()
}

/// The full name a lone surname stands for, when it is one person's.
pub fn notable(surname: &str) -> Option<&'static str> {
    NOTABLE_PEOPLE
        .get(&super::fold(&deunicode_ascii(surname)))
        .copied()
}

fn word_set(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| word_set(GIVEN));
static SURNAME_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| word_set(SURNAMES));
static GIVEN_WORD_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| word_set(GIVEN_WORDS));
/// How `everyday.txt` marks a word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Everyday {
    Rare,
    /// Marked `*`: SemCor tags it often.
    Common,
    /// Marked `!`: a name whose stem is a word ("Waters"), taken as it is.
    Name,
}

static EVERYDAY_SET: LazyLock<HashMap<&'static str, Everyday>> = LazyLock::new(|| {
    word_set(EVERYDAY)
        .into_iter()
        .map(|w| {
            if let Some(word) = w.strip_suffix('*') {
                (word, Everyday::Common)
            } else if let Some(word) = w.strip_suffix('!') {
                (word, Everyday::Name)
            } else {
                (w, Everyday::Rare)
            }
        })
        .collect()
});

/// How the word, or failing that one of its stems, is marked: the stems
/// its English endings may hide, "equities" → "equity", "hosting" → "host",
/// "closed" → "close" (make.py tries the same).
fn everyday_mark(lower: &str) -> Option<Everyday> {
    if let Some(mark) = EVERYDAY_SET.get(lower) {
        return Some(*mark);
    }
    // The first stem the list has decides; a name's stem is not a word.
    let mut buffer = String::new();
    let mut look = |suffix: &str, add: &str| -> Option<Option<Everyday>> {
        let stem = lower.strip_suffix(suffix).filter(|stem| stem.len() >= 3)?;
        let stem = if add.is_empty() {
            stem
        } else {
            buffer.clear();
            buffer.push_str(stem);
            buffer.push_str(add);
            &buffer
        };
        Some(EVERYDAY_SET.get(stem).copied())
    };
    let found = look("s", "")
        .flatten()
        .or_else(|| look("ies", "y").flatten())
        .or_else(|| look("ing", "").or_else(|| look("ed", "")).flatten())
        .or_else(|| look("ing", "e").or_else(|| look("ed", "e")).flatten());
    found.filter(|mark| *mark != Everyday::Name)
}
static PERSON_NOUN_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| word_set(PERSON_NOUNS));
static KNOWN_PEOPLE_SET: LazyLock<HashSet<String>> = LazyLock::new(|| {
    word_set(KNOWN_PEOPLE)
        .into_iter()
        .map(super::fold)
        .collect()
});

/// A given name the lexicon knows ("Jeyhun", "Sergei", "Mohammad-Reza"),
/// in Cyrillic too ("Андрей", "Евгения"), through its romanisations.
pub fn is_given_name(word: &str) -> bool {
    let known = |word: &str| {
        GIVEN_NAMES.contains(word)
            || crate::import::text::split_at_hyphen(word)
                .is_some_and(|(first, _)| GIVEN_NAMES.contains(first))
    };
    known(word) || cyrillic_romanisations(word).iter().any(|w| known(w))
}

/// The spellings English uses for a Cyrillic word: "Евгения" is
/// "Evgeniya" and "Yevgeniya", "Дарья" is "Darya". Empty for other words.
fn cyrillic_romanisations(word: &str) -> Vec<String> {
    if !word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        return Vec::new();
    }
    // deunicode writes я as "ia", ю as "iu", ь and ъ as apostrophes.
    let plain: String = deunicode::deunicode(word)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    let soft = plain.replace("ia", "ya").replace("iu", "yu");
    let mut out = vec![plain.clone(), soft.clone()];
    for spelling in [&plain, &soft] {
        if let Some(rest) = spelling.strip_prefix('E') {
            out.push(format!("Ye{rest}"));
        }
    }
    out
}

/// A given name that is also an everyday word ("Grace", "Bill", "Rocky"):
/// evidence only beside other evidence.
pub fn is_given_word(word: &str) -> bool {
    GIVEN_WORD_SET.contains(word)
}

/// A noun whose first sense is a person ("rapper", "whistleblower", "son"):
/// one right before a capitalised run says a person's name follows.
pub fn is_person_noun(word: &str) -> bool {
    with_lower(word, |lower| {
        let known = |noun: &str| {
            PERSON_NOUN_SET.contains(noun)
                || noun
                    .strip_suffix('s')
                    .is_some_and(|stem| PERSON_NOUN_SET.contains(stem))
        };
        // "co-author", "ex-husband", "vice-captain": a prefix keeps the
        // noun a person.
        known(lower)
            || lower.split_once('-').is_some_and(|(prefix, noun)| {
                ["co", "ex", "vice", "deputy", "former", "joint", "step"].contains(&prefix)
                    && known(noun)
            })
    })
}

/// An everyday English word that is no one's name ("Later", "Former").
pub fn is_everyday(word: &str) -> bool {
    with_lower(word, |lower| {
        matches!(
            everyday_mark(lower),
            Some(Everyday::Rare | Everyday::Common)
        )
    })
}

/// A common everyday word ("Design", "Machines", "Equities").
pub fn is_common_word(word: &str) -> bool {
    with_lower(word, |lower| everyday_mark(lower) == Some(Everyday::Common))
}

/// A full name the reference works list as a person ("Saddam Hussein").
pub fn is_known_person(name: &str) -> bool {
    KNOWN_PEOPLE_SET.contains(&super::fold(name))
}

/// A surname the lexicon knows ("Aliyev", "Pashinyan").
pub fn is_surname(word: &str) -> bool {
    SURNAME_SET.contains(word)
}

/// Words that hold a role when they come before a name.
#[rustfmt::skip]
pub const ROLE_WORDS: &[&str] = &[
    "adviser", "advisor", "aide", "admiral", "ambassador", "analyst", "archbishop", "assemblyman",
    "assemblywoman", "astronaut", "astronomer", "attorney", "author", "ayatollah", "biologist",
    "bishop", "candidate", "captain", "cardinal", "ceo", "chair", "chairman", "chairperson",
    "chairwoman", "chancellor", "chief", "coach", "colonel", "commandant", "commander",
    "commissioner", "congressman", "congresswoman", "councillor", "councilman", "councilwoman",
    "counterpart", "cfo", "coo", "cto", "czar", "deputy", "director", "ecologist", "economist",
    "editor", "emir", "envoy", "executive", "founder", "general", "geologist", "governor", "head",
    "imam", "inspector", "journalist", "judge", "king", "lawmaker", "lawyer", "leader",
    "lieutenant", "major", "manager", "marshal", "mayor", "minister", "mufti", "nominee",
    "officer", "official", "patriarch", "photographer", "physicist", "player", "pope", "premier",
    "president", "priest", "prince", "princess", "professor", "prosecutor", "queen", "rabbi",
    "rapporteur", "representative", "reporter", "researcher", "scientist", "secretary",
    "senator", "sergeant", "sheikh", "sheriff", "speaker", "spokesman", "spokesperson",
    "spokeswoman", "sultan", "superintendent", "tsar", "vice", "whip",
];

/// Titles written before a name: evidence that a person follows.
#[rustfmt::skip]
pub const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mme", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
    "reverend", "fr", "father", "sister", "brother", "sen", "rep", "gov", "gen", "lt", "col",
    "capt", "sgt", "adm", "cpl", "pvt", "maj", "insp", "supt", "det", "judge", "justice", "hon",
    "rt",
];

/// Titles that stay part of the name of someone known by one name
/// ("Pope Francis", "Queen Elizabeth", "Prince Andrew").
pub const REGNAL_TITLES: &[&str] = &[
    "Pope", "King", "Queen", "Prince", "Princess", "Emperor", "Empress", "Sultan", "Emir",
];

/// Lowercase words that sit inside names: "Bashar al-Assad", "Mohammed bin
/// Salman", "Ursula von der Leyen", "Rocky De La Fuente".
#[rustfmt::skip]
pub const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "van", "von", "der", "den", "de", "da", "di", "du",
    "dos", "das", "del", "della", "dela", "la", "le", "ter", "zu", "y", "ben",
];

/// Capitalised words that are never part of a person's name: function words,
/// months and days, and the words organisations, places, documents, events
/// and works are made of.
#[rustfmt::skip]
pub const NOT_NAME_WORDS: &[&str] = &[
    "a", "abbey", "about", "so", "co", "plc", "gmbh", "ag", "san", "santa", "saint", "st",
    "fort", "ciudad", "prime", "image", "investment", "investments", "construction",
    "research", "partners", "ventures", "pharmaceuticals", "tribe", "members", "although", "though", "regarding", "our", "my", "your", "despite",
    "meanwhile", "instead", "today", "yesterday", "tomorrow", "tonight", "now", "some", "many",
    "most", "several", "other", "others", "each", "every", "all", "any", "no", "not", "if",
    "because", "once", "until", "unlike", "like", "whether", "where", "why", "how", "what",
    "which", "who", "whom", "whose", "there", "here", "those", "one", "two", "three", "academy", "accord", "accords", "according", "act", "additionally",
    "administration", "advances", "affairs", "africa", "after", "agency", "agreement",
    "agriculture", "air", "aircraft", "airlines", "airport", "airways", "alliance", "also",
    "america", "americas", "amendment", "amidst", "an", "and", "april", "arena", "armed",
    "army", "as", "asia", "assembly", "association", "at", "attack", "august", "authority",
    "avenue", "award", "awards", "balkans", "bank", "base", "basin", "battalion", "battle", "bay",
    "beach", "before", "bill", "board", "books", "borough", "both", "boulevard", "brigade",
    "brigades", "bridge", "bulletin", "bureau", "but", "by", "canal", "canyon", "cape",
    "capital", "caspian", "cathedral", "catholic", "caucasus", "caucus", "center", "central",
    "centre", "century", "championship", "championships", "channel", "chapel", "charter",
    "chat", "christmas", "church", "cinema", "city", "civil", "clause", "climate", "clinic",
    "club", "coalition", "coast", "college", "command", "commission", "committee", "communist",
    "company", "conference", "congress", "conservative", "constitution", "contest", "control",
    "convention", "cooperation", "corp", "corporation", "corps", "corridor", "council",
    "county", "court", "covid", "creek", "crew", "crimea", "crisis", "culture", "cup", "cyclone",
    "daily", "dam", "day", "debate", "debates", "december", "declaration", "defence", "defense",
    "democrat", "democratic", "democrats", "department", "desert", "development", "disaster",
    "district", "division", "donbas", "drive", "during", "dynasty", "earlier", "earthquake",
    "east", "easter", "eastern", "economic", "economy", "edition", "education", "eid",
    "election", "elections", "embassy", "emirate", "empire", "energy", "entertainment",
    "equinox", "europe", "exchange", "expedition", "expeditions", "expo", "express", "faculty",
    "fair", "falls", "february", "federal", "federation", "festival", "films", "finance",
    "fleet", "flight", "flood", "for", "force", "forces", "forest", "forum", "foundation",
    "friday", "from", "front", "fund", "furthermore", "galaxy", "gallery", "games", "garden",
    "gardens", "gazette", "glacier", "global", "god", "government", "grand", "great", "group",
    "guard", "guards", "gulf", "hall", "harbor", "harbour", "he", "health", "her", "herald",
    "high", "highway", "hill", "hills", "his", "holding", "holdings", "hospital", "hotel",
    "house", "however", "hurricane", "in", "inc", "index", "industries", "initiative",
    "institute", "institution", "interior", "international", "internet", "into", "is",
    "islamic", "island", "islands", "it", "its", "jail", "january", "jazeera", "journal", "july",
    "june", "justice", "karabakh", "kingdom", "krai", "kurdistan", "lab", "laboratory", "lake",
    "later", "law", "league", "letters", "library", "likewise", "lines", "lives", "llc",
    "logistics", "ltd", "madam", "magazine", "mall", "march", "marine", "marines", "market",
    "massacre", "matter", "may", "media", "medicine", "meeting", "memorial", "middle", "militia",
    "ministry", "monastery", "monday", "moreover", "mosque", "motors", "mount", "mountain",
    "mountains", "movement", "mr", "mrs", "ms", "municipality", "museum", "nagorno", "national",
    "nations", "navy", "network", "networks", "new", "news", "newspaper", "north", "northern",
    "november", "oblast", "observatory", "ocean", "october", "of", "office", "oil", "old",
    "olympic", "olympics", "on", "operation", "organisation", "organization", "out", "overall",
    "palace", "pandemic", "park", "parliament", "party", "patrol", "peninsula", "people",
    "pictures", "place", "plan", "plaza", "police", "policy", "port", "post", "prefecture",
    "presidential", "press", "prison", "prize", "process", "productions", "prof", "program",
    "programme", "project", "protocol", "province", "publishing", "radio", "railway",
    "ramadan", "range", "read", "records", "reef", "region", "regiment", "reports", "republic",
    "republican", "republicans", "reserve", "resolution", "review", "revolution", "river",
    "road", "route", "royal", "safety", "saturday", "school", "science", "sciences", "sea",
    "season", "security", "senate", "september", "series", "service", "services", "she",
    "shrine", "since", "social", "society", "south", "southern", "space", "sports", "square",
    "stadium", "state", "statement", "states", "station", "storm", "strait", "strategy",
    "street", "studios", "summit", "sunday", "supreme", "survey", "syndrome", "synagogue",
    "system", "systems", "talks", "team", "technologies", "technology", "telegraph",
    "television", "temple", "terminal", "territory", "that", "the", "theater", "theatre",
    "their", "then", "these", "they", "this", "thursday", "thus", "times", "to", "tourism",
    "town", "township", "tracker", "trade", "transportation", "treaty", "tribunal", "tribune",
    "trust", "tuesday", "tunnel", "typhoon", "union", "united", "university", "uprising",
    "valley", "via", "village", "virus", "volcano", "war", "way", "we", "wednesday", "week",
    "west", "western", "when", "while", "with", "world", "yet", "zone", "zoo",
];

static NOT_NAME: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_NAME_WORDS.iter().copied().collect());

/// A word (any case) that never belongs to a person's name.
pub fn is_not_name_word(word: &str) -> bool {
    with_lower(word, |lower| NOT_NAME.contains(lower))
}

// Sets, not slices: the importer asks about every capitalised word.
static ROLE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ROLE_WORDS.iter().copied().collect());
static HONORIFIC_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| HONORIFICS.iter().copied().collect());

/// The three sets a name's word must be in none of, in one map: the
/// importer asks it of every capitalised word.
const NOT_NAME_CLASS: u8 = 1;
const ROLE_CLASS: u8 = 2;
const HONORIFIC_CLASS: u8 = 4;
static WORD_CLASSES: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut classes = HashMap::new();
    for (words, class) in [
        (NOT_NAME_WORDS, NOT_NAME_CLASS),
        (ROLE_WORDS, ROLE_CLASS),
        (HONORIFICS, HONORIFIC_CLASS),
    ] {
        for word in words {
            *classes.entry(*word).or_insert(0) |= class;
        }
    }
    classes
});

/// `is_not_name_word(word) || is_role_word(word) || is_honorific(word)`
/// for a word without a final period, lowercased once.
pub fn is_barred_from_names(word: &str) -> bool {
    with_lower(word, |lower| {
        let class = |w: &str| WORD_CLASSES.get(w).copied().unwrap_or(0);
        class(lower) != 0
            || lower
                .strip_suffix('s')
                .is_some_and(|stem| class(stem) & ROLE_CLASS != 0)
    })
}

pub fn is_role_word(word: &str) -> bool {
    with_lower(word, |lower| {
        ROLE_SET.contains(lower)
            || lower
                .strip_suffix('s')
                .is_some_and(|stem| ROLE_SET.contains(stem))
    })
}

pub fn is_honorific(word: &str) -> bool {
    with_lower(word.trim_end_matches('.'), |lower| {
        HONORIFIC_SET.contains(lower)
    })
}

/// Verbs of saying: "Kanaani said", "said Kanaani", "told reporters".
#[rustfmt::skip]
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "explained", "explains", "wrote", "writes",
    "stated", "states", "noted", "notes", "announced", "announces", "stressed", "emphasized",
    "emphasised", "asked", "asks", "replied", "answered", "argued", "argues", "claimed", "claims",
    "confirmed", "denied", "insisted", "warned", "warns", "recalled", "recalls", "tweeted",
    "posted", "commented", "remarked", "declared", "believes", "believed", "thinks", "thought",
    "described", "continued", "concluded", "urged", "spoke", "speaks", "resigned", "who",
];

pub fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(&word)
}
