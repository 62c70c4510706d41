//! The words that tell a count from a number that counts nothing: nouns
//! of time, things never counted, casualty and result verbs, units.

use foldhash::HashSet;
use std::sync::LazyLock;

const ABSTRACT_NOUNS: &str = include_str!("../../../data/words/abstract-nouns.txt");

static ABSTRACT: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    ABSTRACT_NOUNS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect()
});

/// A plural whose noun names an idea, a message, a quality, a substance,
/// a part of the body or the like ("symbols", "findings", "pellets"): a
/// small count of it is a detail (data/words/make.py says which).
pub(super) fn is_abstract(plural: &str) -> bool {
    let lower = plural.to_lowercase();
    let singulars = [
        lower.strip_suffix("ies").map(|s| format!("{s}y")),
        lower.strip_suffix("es").map(str::to_string),
        lower.strip_suffix('s').map(str::to_string),
    ];
    singulars
        .iter()
        .flatten()
        .any(|s| ABSTRACT.contains(s.as_str()))
}

/// Nouns that count time, not things: a number before one is a duration or
/// an age.
pub(super) const TIME_NOUNS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "night",
    "nights",
    "weekend",
    "weekends",
    "season",
    "seasons",
    "term",
    "times",
    "time",
    "am",
    "pm",
    "a.m",
    "p.m",
    "o'clock",
    "year-old",
    "years-old",
    "year-olds",
    "generation",
    "generations",
];

/// Plural nouns that are never what a key figure counts.
pub(super) const NOT_COUNTED: &[&str] = &[
    "countries",
    "nations",
    "signatories",
    "parties",
    "ones",
    "things",
    "ways",
    "times",
    "occasions",
    "percent",
    "points",
    "steps",
    "parts",
    "sides",
    "stages",
    "phases",
    "rounds",
    "goals",
    "laps",
    "sets",
    "levels",
    "kinds",
    "types",
    "reasons",
    "issues",
    "questions",
    "topics",
    "aspects",
    "options",
    "words",
    "letters",
    "pages",
    "chapters",
    "episodes",
    "books",
    "songs",
    "albums",
    "films",
    "games",
    "matches",
    "wins",
    "losses",
    "runs",
    "innings",
    "shots",
    "minutes",
    "items",
    "examples",
    // Sports statistics: results, not facts of the news.
    "yards",
    "carries",
    "snaps",
    "tackles",
    "attempts",
    "hits",
    "touchdowns",
    "rebounds",
    "assists",
    "wickets",
    "strokes",
    "saves",
    "passes",
    "catches",
    "receptions",
    "interceptions",
    "sacks",
    "pitches",
    "strikeouts",
    // Sizes and features of goods and data.
    "megabytes",
    "gigabytes",
    "terabytes",
    "kilobytes",
    "bytes",
    "megabits",
    "gigabits",
    "frames",
    "pixels",
    "megapixels",
    "colors",
    "colours",
    "finishes",
    "reviews",
    "passwords",
];

/// Words of the physical units this reader knows, with the unit written.
pub(super) fn physical_unit(word: &str) -> Option<&'static str> {
    // "M" is a solar mass or a million, never a metre.
    if word == "M" {
        return None;
    }
    Some(match word.to_lowercase().as_str() {
        "mile" | "miles" | "mi" => "mi",
        "kilowatts" | "kilowatt" | "kw" => "kW",
        "foot" | "feet" | "ft" => "ft",
        "inch" | "inches" => "in",
        "metre" | "metres" | "meter" | "meters" | "m" => "m",
        "centimetres" | "centimeters" | "cm" => "cm",
        "millimetres" | "millimeters" | "mm" => "mm",
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" => "km",
        "kilograms" | "kilogrammes" | "kg" | "kilos" => "kg",
        "grams" | "g" => "g",
        "tonnes" | "tons" | "tonne" | "ton" => "t",
        "mph" => "mph",
        "km/h" | "kph" => "km/h",
        "acres" | "acre" => "acres",
        "hectares" | "hectare" | "ha" => "ha",
        "gallons" => "gal",
        "lb" | "lbs" => "lb",
        "litres" | "liters" => "L",
        "barrels" => "bbl",
        "megawatts" | "megawatt" | "mw" => "MW",
        "gigawatts" | "gw" => "GW",
        "magnitude" => "magnitude",
        _ => return None,
    })
}

/// Money named after a number in words: "one million rubles".
pub(super) fn currency_after(word: &str) -> Option<&'static str> {
    Some(match word.to_lowercase().as_str() {
        "dollars" | "dollar" => "USD",
        "euros" | "euro" => "EUR",
        "pounds" => "GBP",
        "rubles" | "roubles" => "RUB",
        "manat" | "manats" => "AZN",
        "rupees" => "INR",
        "yuan" => "CNY",
        "yen" => "JPY",
        "rials" => "IRR",
        "lira" | "liras" => "TRY",
        "złoty" | "złotys" | "zloty" | "zlotys" => "PLN",
        "hryvnia" | "hryvnias" => "UAH",
        "tenge" => "KZT",
        "lari" => "GEL",
        _ => return None,
    })
}

/// Casualty and event words: a count before one of these is a figure
/// ("twelve were killed", "three died").
pub(super) const EVENT_WORDS: &[&str] = &[
    "killed",
    "died",
    "dead",
    "injured",
    "wounded",
    "hurt",
    "missing",
    "arrested",
    "detained",
    "evacuated",
    "displaced",
    "hospitalised",
    "hospitalized",
    "rescued",
    "infected",
    "confirmed",
    "affected",
    "trapped",
    "drowned",
    "deaths",
    "casualties",
];

/// Words before a count that make it an event's toll: "killing four".
pub(super) const EVENT_VERBS_BEFORE: &[&str] = &[
    "killing",
    "killed",
    "injuring",
    "injured",
    "kills",
    "injures",
    "wounding",
    "leaving",
    "evacuated",
    "arrested",
    "rescued",
    "infected",
];

/// Verbs an event's toll follows with no noun: "kills three", "wounded 110".
pub(super) const TOLL_VERBS: &[&str] = &[
    "killing",
    "killed",
    "kills",
    "kill",
    "injuring",
    "injured",
    "injures",
    "wounding",
    "wounded",
    "wounds",
    "hospitalising",
    "hospitalizing",
    "infecting",
    "infected",
];

/// Verbs a result follows ("received 192", "won 54"), the counted noun
/// said elsewhere in the sentence.
pub(super) const RESULT_VERBS: &[&str] = &[
    "received",
    "receiving",
    "won",
    "winning",
    "secured",
    "securing",
    "earned",
    "earning",
    "gained",
    "gaining",
    "took",
    "got",
    "garnered",
    "collected",
    "captured",
    "with",
    "had",
];

/// Verbs a market index's move in points follows ("fell 102.2 points");
/// not "won by", whose points are a margin.
#[rustfmt::skip]
pub(super) const INDEX_MOVES: &[&str] = &[
    "fell", "rose", "lost", "gained", "added", "dropped", "jumped", "climbed", "slid", "declined",
    "shed", "surged", "plunged", "tumbled", "advanced", "sank", "slipped", "soared", "rallied",
    "dipped", "edged", "retreated",
];

/// Of the measure nouns, those a result's number leaves unsaid.
pub(super) const RESULT_NOUNS: &[&str] = &["votes", "delegates", "seats", "ballots", "electors"];

/// Things whose count measures an event or a result.
#[rustfmt::skip]
pub(super) const MEASURE_NOUNS: &[&str] = &[
    "seats", "votes", "delegates", "ballots", "homes", "houses", "buildings", "apartments",
    "flights", "jobs", "cases", "deaths", "infections", "casualties", "fatalities", "injuries",
    "arrests", "signatures", "vehicles", "ships", "aircraft", "planes", "jets", "tanks",
    "missiles", "rockets", "drones", "troops", "soldiers", "refugees", "migrants", "hostages",
    "prisoners", "victims", "bodies", "survivors", "passengers", "candidates", "electors",
    "districts", "counties", "states", "constituencies", "branches", "stores", "schools",
    "hospitals", "beds", "doses", "tests", "members", "employees", "workers", "protesters",
    "demonstrators", "residents", "households", "families", "animals", "species", "acres",
    "charges", "counts", "murders", "crimes", "accidents", "attacks", "strikes", "fires",
];
