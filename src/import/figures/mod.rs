//! Key figures: money, quantities with units, percentages and counts of
//! people killed or hurt, read out of sentences with the value normalised,
//! the words as written, the period the sentence states and what it measures.

use std::sync::LazyLock;

use regex::{Captures, Regex};

mod context;
pub mod counts;
mod label;
mod merge;
mod number;
mod period;
mod words;

use label::{measure_near, tail};
use merge::{digits_value, drop_conversions, is_location_or_size, join_ranges, weight_not_money};

pub use period::period_of;

/// A figure as read from one sentence; the importer adds the sentence and
/// its countries.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureReading {
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub label: String,
    pub text: String,
    pub qualifier: String,
    pub period: String,
    /// Byte range of the figure in its sentence.
    pub start: usize,
    pub end: usize,
}

const NUMBER: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    let currency_symbol =
        r"US\$|CDN\$|CA\$|C\$|A\$|AU\$|NZ\$|HK\$|S\$|\$|€|£|¥|₼|₹|Rs\.?\s?|INR\s?";
    let currency_word = r"(?:Hong\sKong|Canadian|Australian|Singapore|New\sZealand|Taiwan)\sdollars|(?:US\s)?dollars|USD|złotys?|zlotys?|PLN|euros?|EUR|manats?|AZN|rubles|roubles|RUB|rials|IRR|pounds(?:\ssterling)?|GBP|yuan|CNY|yen|JPY|liras?|TRY|tenge|KZT|lari|GEL|hryvnias?|UAH|rupees|INR";
    let quantity = r"square\s(?:feet|foot|miles|kilometres|kilometers|metres|meters)|sq\.?\s?(?:ft|km|mi|m)|km2|km²|degrees\s(?:Celsius|Fahrenheit|C|F)|°C|°F|(?:metric\s)?(?:tonnes|tonne|tons|ton)|barrels|bbl|bcm|cubic\s(?:meters|metres)|m3|m³|km/h|kph|kilometers|kilometres|km|megawatts|MW|gigawatts|GW|kWh|MWh|GWh|TWh|hectares";
    Regex::new(&format!(
        r"(?x)
        (?P<qual>(?-u:\b)(?i:more\sthan|over|about|approximately|nearly|near|almost|around|some|up\sto|at\sleast|less\sthan|roughly|close\sto)\s+)?
        (?P<cur>{currency_symbol}|(?:USD|EUR|AZN|RUB|GBP|SEK|NOK|DKK|CHF|CAD|AUD|JPY|CNY|PLN|TRY|UAH|KZT|GEL|IRR)\s?)?
        (?P<n1>{NUMBER})
        (?:\s?(?:-|–|to)\s?(?:{currency_symbol})?(?P<n2>{NUMBER}))?
        (?:\s?(?P<scale>thousand|million|billion|trillion|lakh|lakhs|crore|crores|mln|bn|mn|m|k|M|B|K)(?-u:\b))?
        (?:\s?(?P<unit>%|(?i:percent|per\scent)(?-u:\b)|(?:{currency_word})(?-u:\b)|(?:{quantity})(?-u:\b)))?"
    ))
    .unwrap()
});

/// After a number: "civilians have been killed", "injured".
static CASUALTY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s+(?:(?:civilians|people|persons|soldiers|troops|servicemen|militants|protesters|children|others|migrants|refugees|policemen|police officers|workers|fighters|passengers)\s+)?(?:(?:have|had|were|was|are|has|being)\s+(?:been\s+)?)?(?:reportedly\s+)?(?P<verb>killed|injured|wounded|dead|died|displaced|arrested|detained|evacuated|missing|hurt)(?-u:\b)",
    )
    .unwrap()
});

/// Before a number: "killing 12", "a death toll of 50".
static CASUALTY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<verb>killing|killed|injuring|injured|wounding|death toll (?:rose |climbed |reached |stood )?(?:to|of|at))\s+(?:at least |more than )?$").unwrap()
});

/// A vote's tally: "voted 66 to 27", "passed 230-to-198", "a 52–48 vote".
static VOTE_TALLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?P<before>vot(?:e|ed|es|ing)\s+(?:of\s+)?|passed\s+|approved\s+|rejected\s+|confirmed\s+|by\s+|an?\s+)?(?P<yes>\d{1,3}(?:,\d{3})*)\s?(?:-to-|–|—|-|\s+to\s+)(?P<no>\d{1,3}(?:,\d{3})*)(?P<after>\s+(?:vote|votes|margin|in\s+favou?r))?(?-u:\b)").unwrap()
});

/// A share written as a fraction: "a quarter of", "two-thirds of the votes".
static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?P<qual>(?:about|nearly|almost|around|roughly|approximately|more\s+than|over|some|just\s+over|just\s+under|less\s+than)\s+)?(?P<share>a\s+quarter|one\s+quarter|a\s+third|one\s+third|half|one\s+half|two[\s-]thirds|three[\s-]quarters|a\s+fifth|one\s+fifth|a\s+tenth|one\s+tenth)\s+of(?-u:\b)").unwrap()
});

/// Words that make a share a rule or a wish, not a fact: "two-thirds of
/// the Senate must vote".
static RULE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:must|would|need|needs|needed|required|requires|shall|could|should)(?-u:\b)").unwrap()
});

fn fraction_percent(share: &str) -> f64 {
    let share = share.to_lowercase().replace('-', " ");
    match share.split_whitespace().last().unwrap_or("") {
        "quarter" => 25.0,
        "third" => 100.0 / 3.0,
        "half" => 50.0,
        "thirds" => 200.0 / 3.0,
        "quarters" => 75.0,
        "fifth" => 20.0,
        "tenth" => 10.0,
        _ => 0.0,
    }
}

/// What a fraction is a share of: the first lowercase words after "of",
/// names and determiners passed over ("of the U.S. federal government").
fn fraction_of(after: &str) -> String {
    after
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
        .skip_while(|w| {
            ["the", "a", "an", "its", "their", "all", "this", "that"].contains(w)
                || w.chars().next().is_some_and(char::is_uppercase)
        })
        .take(2)
        .take_while(|w| w.len() > 2 && w.chars().all(|c| c.is_lowercase() || c == '-'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// After a quantity: the time it is counted over ("of gas each year").
static PER_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:of\s+[a-z]+\s+)?(?:(?:each|per|a|every)\s+(?P<unit>year|day|month)|(?P<adverb>annually|yearly|daily|per annum))\b").unwrap()
});

/// What a figure measures: the nearest of these words before it (else after).
static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(trade turnover|non-oil trade|non-oil goods|turnover|trade|traded|exports?|imports?|investments?|budget|GDP|inflation|growth|deliveries|supplies|production|output|sales|revenues?|loans?|aid|debt|reserves|capacity|prices?|tariffs?|gas|oil|electricity|increase|decrease|decline|rise)(?-u:\b)").unwrap()
});

fn currency_code(symbol: &str) -> Option<&'static str> {
    let lower = symbol.trim().to_lowercase();
    Some(match lower.as_str() {
        "$" | "us$" | "usd" => "USD",
        "cdn$" | "ca$" | "c$" | "canadian dollars" => "CAD",
        "a$" | "au$" | "australian dollars" => "AUD",
        "nz$" | "new zealand dollars" => "NZD",
        "hk$" | "hong kong dollars" => "HKD",
        "s$" | "singapore dollars" => "SGD",
        "taiwan dollars" => "TWD",
        "₹" | "rs" | "rs." => "INR",
        "złoty" | "złotys" | "zloty" | "zlotys" | "pln" => "PLN",
        "€" | "eur" | "euro" | "euros" => "EUR",
        "£" | "gbp" | "pounds" | "pounds sterling" => "GBP",
        "¥" | "yen" | "jpy" => "JPY",
        "₼" | "azn" | "manat" | "manats" => "AZN",
        "rubles" | "roubles" | "rub" => "RUB",
        "rials" | "irr" => "IRR",
        "yuan" | "cny" => "CNY",
        "lira" | "liras" | "try" => "TRY",
        "tenge" | "kzt" => "KZT",
        "lari" | "gel" => "GEL",
        "hryvnia" | "hryvnias" | "uah" => "UAH",
        "rupees" | "inr" => "INR",
        "sek" => "SEK",
        "nok" => "NOK",
        "dkk" => "DKK",
        "chf" => "CHF",
        "cad" => "CAD",
        "aud" => "AUD",
        _ if lower.ends_with("dollars") => "USD",
        _ => return None,
    })
}

/// A quantity's unit and the factor that takes its value to that unit.
fn quantity_unit(word: &str) -> Option<(&'static str, f64)> {
    let lower = word.to_lowercase();
    let lower = lower.trim_start_matches("metric ");
    Some(match lower {
        "tonnes" | "tonne" | "tons" | "ton" => ("t", 1.0),
        "barrels" | "bbl" => ("bbl", 1.0),
        "bcm" => ("m3", 1e9),
        "cubic meters" | "cubic metres" | "m3" | "m³" => ("m3", 1.0),
        "kilometers" | "kilometres" | "km" => ("km", 1.0),
        "km/h" | "kph" => ("km/h", 1.0),
        "megawatts" | "mw" => ("MW", 1.0),
        "gigawatts" | "gw" => ("GW", 1.0),
        "kwh" => ("kWh", 1.0),
        "mwh" => ("MWh", 1.0),
        "gwh" => ("GWh", 1.0),
        "twh" => ("TWh", 1.0),
        "hectares" => ("ha", 1.0),
        "square feet" | "square foot" | "sq ft" | "sq. ft" | "sqft" => ("sq ft", 1.0),
        "square miles" | "sq mi" => ("sq mi", 1.0),
        "square kilometres" | "square kilometers" | "sq km" | "km2" | "km²" => ("km2", 1.0),
        "square metres" | "square meters" | "sq m" => ("m2", 1.0),
        "degrees celsius" | "degrees c" | "°c" => ("°C", 1.0),
        "degrees fahrenheit" | "degrees f" | "°f" => ("°F", 1.0),
        _ => return None,
    })
}

fn scale_factor(scale: &str) -> i32 {
    match scale.to_lowercase().as_str() {
        "thousand" | "k" => 3,
        // Indian English: a lakh is 100,000, a crore ten million.
        "lakh" | "lakhs" => 5,
        "crore" | "crores" => 7,
        "million" | "mln" | "mn" | "m" => 6,
        "billion" | "bn" | "b" => 9,
        "trillion" => 12,
        _ => 0,
    }
}

/// "2.403" with a power of ten → the exact value, with no binary rounding
/// beyond the final conversion ("2.403 billion" is 2403000000 exactly).
fn scaled(number: &str, power: i32) -> Option<f64> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    let mantissa: i128 = digits.parse().ok()?;
    let exponent = power - decimals;
    Some(if exponent >= 0 {
        (mantissa * 10i128.checked_pow(exponent as u32)?) as f64
    } else {
        mantissa as f64 / 10f64.powi(-exponent)
    })
}

/// Every key figure in one sentence; `english` lets the reader of counts
/// ("48 apartments", "killing seven") run, which reads English words only.
pub fn figures_in(sentence: &str, english: bool) -> Vec<FigureReading> {
    let mut out = Vec::new();
    if context::addresses_the_reader(sentence) {
        return out;
    }
    // The pattern needs digits; numbers in words are the counts reader's.
    let has_digits = sentence.bytes().any(|b| b.is_ascii_digit());
    // Patterns that need digits are not run on a sentence without any.
    let with_digits = |pattern: &'static Regex| {
        has_digits
            .then(|| pattern.captures_iter(sentence))
            .into_iter()
            .flatten()
    };
    for c in with_digits(&FIGURE) {
        out.extend(reading(sentence, &c));
    }
    for tally in with_digits(&VOTE_TALLY) {
        // A tally needs the word "vote" at it, or in the sentence.
        let voting = tally.name("before").is_some_and(|b| {
            let b = b.as_str().to_lowercase();
            b.starts_with("vot")
                || b.starts_with("pass")
                || b.starts_with("appro")
                || b.starts_with("reject")
        }) || tally.name("after").is_some()
            || sentence.to_lowercase().contains(" vote");
        let (Some(yes), Some(no)) = (tally.name("yes"), tally.name("no")) else {
            continue;
        };
        let (Some(y), Some(n)) = (digits_value(yes.as_str()), digits_value(no.as_str())) else {
            continue;
        };
        if !voting
            || y < n
            || out
                .iter()
                .any(|f| f.start < no.end() && yes.start() < f.end)
        {
            continue;
        }
        for (value, part, label) in [(y, yes, "votes in favour"), (n, no, "votes against")] {
            out.push(FigureReading {
                value,
                value_max: None,
                unit: "votes".into(),
                label: label.into(),
                text: sentence[yes.start()..no.end()].to_string(),
                qualifier: String::new(),
                period: String::new(),
                start: part.start(),
                end: part.end(),
            });
        }
    }
    for fraction in FRACTION.captures_iter(sentence) {
        let whole = fraction.get(0).unwrap();
        let value = fraction_percent(&fraction["share"]);
        let label = fraction_of(&sentence[whole.end()..]);
        // "a quarter of a million" is a number, not a share.
        let rest = sentence[whole.end()..].trim_start();
        let of_a_number = ["a million", "a billion", "a thousand", "a mile"]
            .iter()
            .any(|n| rest.starts_with(n));
        if value == 0.0 || label.is_empty() || of_a_number || RULE_WORDS.is_match(sentence) {
            continue;
        }
        out.push(FigureReading {
            value,
            value_max: None,
            unit: "%".into(),
            label,
            text: whole.as_str().trim_end_matches(" of").to_string(),
            qualifier: fraction
                .name("qual")
                .map_or(String::new(), |q| q.as_str().trim().to_lowercase()),
            period: String::new(),
            start: whole.start(),
            end: whole.end(),
        });
    }
    let taken: Vec<(usize, usize)> = out.iter().map(|f| (f.start, f.end)).collect();
    let counts = if english {
        counts::counts_in(sentence, &taken)
    } else {
        Vec::new()
    };
    for count in counts {
        let text = sentence[count.start..count.end].trim().to_string();
        out.push(FigureReading {
            value: count.value,
            value_max: count.value_max,
            unit: count.unit,
            label: if count.label.is_empty() {
                measure_near(sentence, count.start, count.end)
            } else {
                count.label
            },
            qualifier: qualifier_before(&sentence[..count.start]),
            text,
            period: String::new(),
            start: count.start,
            end: count.end,
        });
    }
    for magnitude in with_digits(&MAGNITUDE) {
        let Some(n) = magnitude.name("n").or_else(|| magnitude.name("m")) else {
            continue;
        };
        if out.iter().any(|f| f.start < n.end() && n.start() < f.end) {
            continue;
        }
        let Some(value) = digits_value(n.as_str()) else {
            continue;
        };
        // "magnitude 2+ earthquakes", "magnitude 4.5 or greater": a threshold.
        let rest = sentence[n.end()..].trim_start();
        if rest.starts_with('+')
            || [
                "or greater",
                "or higher",
                "or above",
                "or more",
                "and above",
            ]
            .iter()
            .any(|t| rest.starts_with(t))
        {
            continue;
        }
        out.push(FigureReading {
            value,
            value_max: None,
            unit: "magnitude".into(),
            label: "magnitude".into(),
            text: magnitude.get(0).unwrap().as_str().to_string(),
            qualifier: String::new(),
            period: String::new(),
            start: n.start(),
            end: n.end(),
        });
    }
    for figure in &mut out {
        weight_not_money(sentence, figure);
    }
    out.sort_by_key(|f| f.start);
    join_ranges(sentence, &mut out);
    // "49% for ZMapp, 53% for remdesivir, 29% for REGN-EB3": a list's later
    // items measure what its first does.
    for k in 1..out.len() {
        if out[k].label.is_empty() && out[k - 1].unit == out[k].unit {
            let between = sentence.get(out[k - 1].end..out[k].start).unwrap_or("");
            if between.len() <= 40 && between.contains([',', ';']) || between.trim() == "and" {
                out[k].label = out[k - 1].label.clone();
            }
        }
    }
    drop_conversions(sentence, &mut out);
    // After conversions: a dropped length takes its bracket with it.
    out.retain(|f| {
        !is_location_or_size(sentence, f)
            && !context::is_product_specification(sentence, f)
            && !context::is_bracketed_conversion(sentence, f)
            && !context::is_threshold(sentence, f)
            && !context::is_family_size(sentence, f)
            && !context::is_anonymous_sources(sentence, f)
    });
    out
}

/// "magnitude 4.9", "a magnitude of 5.5", "magnitude was 5.5", "5.8 on the
/// Richter scale".
static MAGNITUDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:magnitude(?:\s+of|\s+was|\s+is|\s+at)?\s+(?P<n>\d(?:\.\d)?)|(?P<m>\d(?:\.\d)?)\s+on\s+the\s+Richter)(?-u:\b)").unwrap()
});

/// "more than", "at least", … written just before a number.
fn qualifier_before(before: &str) -> String {
    static QUALIFIER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(more\s+than|over|about|approximately|nearly|near|almost|around|some|up\s+to|at\s+least|less\s+than|fewer\s+than|roughly|close\s+to|an\s+estimated|as\s+many\s+as)\s+$").unwrap()
    });
    QUALIFIER
        .captures(tail(before, 40))
        .map_or(String::new(), |c| c[1].to_lowercase())
}

/// The figure a match of the pattern states, or the two it compares
/// ("50.1 to 42.9 percent"), or none.
fn reading(sentence: &str, c: &Captures<'_>) -> Vec<FigureReading> {
    reading_of(sentence, c).unwrap_or_default()
}

fn reading_of(sentence: &str, c: &Captures<'_>) -> Option<Vec<FigureReading>> {
    let whole = c.get(0)?;
    let n1 = c.name("n1")?;
    let number_start = c.name("cur").map_or(n1.start(), |m| m.start());
    // Part of a word or a code ("COP29", "F-16", "A320"), or a decimal's tail.
    let before = sentence[..number_start].chars().next_back();
    if before.is_some_and(|ch| ch.is_alphanumeric() || ch == '-' || ch == '.' || ch == ',') {
        return None;
    }
    let mut end = whole.end();
    let after = sentence[end..].chars().next();
    if after.is_some_and(char::is_alphanumeric) {
        return None; // "15th", "2nd"
    }
    let currency_prefix = c.name("cur").map(|m| m.as_str());
    let scale = c.name("scale").map(|m| m.as_str());
    let unit_word = c.name("unit").map(|m| m.as_str());
    // "m", "k", "M", "B" scale money only ("$5m", "$300M"); after a bare
    // number they are units or something else.
    if scale.is_some_and(|s| s.len() == 1) && currency_prefix.is_none() {
        return None;
    }
    let power = scale.map_or(0, scale_factor);

    let (unit, factor, label) = if let Some(code) = currency_prefix.and_then(currency_code) {
        (code.to_string(), 1.0, None)
    } else if let Some(word) = unit_word {
        if word == "%" || word.to_lowercase().starts_with("per") {
            ("%".to_string(), 1.0, None)
        } else if let Some(code) = currency_code(word) {
            (code.to_string(), 1.0, None)
        } else {
            let (unit, factor) = quantity_unit(word)?;
            let mut unit = unit.to_string();
            let per_hour = sentence[end..].trim_start().strip_prefix("per hour");
            if unit == "km"
                && let Some(rest) = per_hour
            {
                // "120 kilometers per hour": a speed.
                unit = "km/h".into();
                end = sentence.len() - rest.len();
            } else if let Some(p) = PER_TIME.captures(&sentence[end..]) {
                let per = match p.name("unit") {
                    Some(u) => u.as_str(),
                    None if &p["adverb"] == "daily" => "day",
                    None => "year",
                };
                unit = format!("{unit}/{per}");
                end += p.get(0)?.end();
            }
            (unit, factor, None)
        }
    } else if let Some(casualty) = CASUALTY_AFTER.captures(&sentence[end..]) {
        let verb = casualty["verb"].to_string();
        ("people".to_string(), 1.0, Some(verb))
    } else if let Some(casualty) = CASUALTY_BEFORE.captures(tail(&sentence[..whole.start()], 48)) {
        let verb = casualty["verb"].split(' ').next().unwrap_or("").to_string();
        ("people".to_string(), 1.0, Some(verb.replace("ing", "ed")))
    } else {
        return None; // a bare number: a year, a day, a count of things
    };
    if unit == "people" && scale.is_none() && n1.as_str().contains('.') {
        return None;
    }

    let value = scaled(n1.as_str(), power)? * factor;
    let value_max = match c.name("n2") {
        Some(n2) => Some(scaled(n2.as_str(), power)? * factor),
        None => None,
    };
    let label = label.unwrap_or_else(|| measure_near(sentence, whole.start(), end));
    let qualifier = c
        .name("qual")
        .map_or(String::new(), |q| q.as_str().trim().to_lowercase());
    let text = sentence[whole.start()..end].trim().to_string();
    if let Some(max) = value_max
        && max <= value
    {
        // "50.1 to 42.9 percent" compares two shares; "10-5" is a score.
        let n2 = c.name("n2")?;
        let compared = unit == "%" && sentence[n1.end()..n2.start()].contains("to");
        if !compared {
            return None;
        }
        let second = FigureReading {
            value: max,
            value_max: None,
            unit: unit.clone(),
            label: label.clone(),
            text: text.clone(),
            qualifier: String::new(),
            period: String::new(),
            start: n2.start(),
            end,
        };
        let first = FigureReading {
            value,
            value_max: None,
            unit,
            label,
            text,
            qualifier,
            period: String::new(),
            start: whole.start(),
            end: n2.start(),
        };
        return Some(vec![first, second]);
    }
    Some(vec![FigureReading {
        value,
        value_max,
        unit,
        label,
        text,
        qualifier,
        period: String::new(),
        start: whole.start(),
        end,
    }])
}

#[cfg(test)]
mod tests;
