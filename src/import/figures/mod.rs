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
mod tests {
    use super::*;

    fn read(sentence: &str) -> Vec<(f64, Option<f64>, String)> {
        figures_in(sentence, true)
            .into_iter()
            .map(|f| (f.value, f.value_max, f.unit))
            .collect()
    }

    #[test]
    fn a_change_after_a_price_is_labelled_by_what_the_price_measures() {
        let found = figures_in(
            "Alibaba shares closed on Tuesday at $185.25, up 0.35%.",
            true,
        );
        let labels: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.text.as_str(), f.label.as_str()))
            .collect();
        assert_eq!(labels, [("$185.25", "closed"), ("0.35%", "closed")]);
    }

    #[test]
    fn money_in_symbols_codes_words_and_scales() {
        assert_eq!(
            read("It reached approximately $334 million, then $1.99billion and $2.403 billion."),
            [
                (334e6, None, "USD".into()),
                (1.99e9, None, "USD".into()),
                (2_403_000_000.0, None, "USD".into())
            ]
        );
        assert_eq!(
            read("Loans of 5 bn euros, 300 million manat and US$12 mln, 40 billion rubles."),
            [
                (5e9, None, "EUR".into()),
                (300e6, None, "AZN".into()),
                (12e6, None, "USD".into()),
                (40e9, None, "RUB".into())
            ]
        );
    }

    #[test]
    fn a_range_written_once_with_its_scale_and_unit_is_one_figure() {
        assert_eq!(
            read("The artwork is worth five to six million US dollars."),
            [(5e6, Some(6e6), "USD".into())]
        );
        assert_eq!(
            read("Women were around seven or eight percent of staff; growth will be 0 – 1%."),
            [(7.0, Some(8.0), "%".into()), (0.0, Some(1.0), "%".into())]
        );
        assert_eq!(
            read("Protesters burned two to three hundred vehicles."),
            [(200.0, Some(300.0), "vehicles".into())]
        );
        // A change from one state to another is two figures, not a range.
        assert_eq!(read("Unemployment rose from 7 to 8 percent.").len(), 1);
    }

    #[test]
    fn a_person_and_n_others_counts_the_person_too() {
        assert_eq!(
            read("A helicopter with Kobe Bryant and eight others on board crashed."),
            [(9.0, None, "people".into())]
        );
        assert_eq!(
            read("His daughter, aged 13, and seven others died."),
            [(7.0, None, "people".into())]
        );
    }

    #[test]
    fn a_number_naming_a_model_is_not_a_count() {
        assert_eq!(
            read("Its fleet of roughly 400 737 Max jets has been grounded."),
            [(400.0, None, "jets".into())]
        );
        assert!(read("Some iPhone 11 Pro users will wait.").is_empty());
        // An address or a name after digits is not a count.
        assert!(read("They drank with him at 36 Quai des Orfèvres.").is_empty());
        assert_eq!(
            read("Four teenagers and two truck drivers were hurt; 74 Malaysian stores closed."),
            [
                (4.0, None, "people".into()),
                (2.0, None, "drivers".into()),
                (74.0, None, "stores".into())
            ]
        );
    }

    #[test]
    fn quantities_percentages_and_ranges() {
        assert_eq!(
            read("Trade rose by 0.26 percent to 461,000 tons, up 54% and 13.1 per cent."),
            [
                (0.26, None, "%".into()),
                (461_000.0, None, "t".into()),
                (54.0, None, "%".into()),
                (13.1, None, "%".into())
            ]
        );
        assert_eq!(
            read(
                "Deliveries of 1.5 to 2 billion cubic meters of gas each year, 5-6 million cubic meters of gas per day."
            ),
            [
                (1.5e9, Some(2e9), "m3/year".into()),
                (5e6, Some(6e6), "m3/day".into())
            ]
        );
        assert_eq!(read("A 10 bcm pipeline."), [(10e9, None, "m3".into())]);
    }

    #[test]
    fn casualties_are_counts_of_people() {
        let found = figures_in(
            "91 civilians have been killed and more than 400 injured since September 27.",
            true,
        );
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].value, found[0].label.as_str()), (91.0, "killed"));
        assert_eq!(
            (
                found[1].value,
                found[1].qualifier.as_str(),
                found[1].unit.as_str()
            ),
            (400.0, "more than", "people")
        );
        assert_eq!(read("The blast, killing 12, shook the city.")[0].0, 12.0);
    }

    #[test]
    fn a_sum_restated_in_another_currency_is_one_figure() {
        assert_eq!(
            read("One bitcoin is worth approximately US$8000 or €7000."),
            [(8000.0, None, "USD".into())]
        );
        assert_eq!(
            read("Exports were $5 billion or 4 percent of output."),
            [(5e9, None, "USD".into()), (4.0, None, "%".into())]
        );
    }

    #[test]
    fn a_code_with_digits_does_not_hide_what_a_figure_measures() {
        // Reuters writes instrument codes into the text ("CLc1", ".DJI").
        let found = figures_in("U.S. crude CLc1 fell 3.38% on Tuesday.", true);
        assert_eq!((found[0].value, found[0].label.as_str()), (3.38, "crude"));
    }

    #[test]
    fn dates_years_ordinals_and_counts_are_not_figures() {
        assert!(
            read("On November 28, 2021, the 15th summit met in 2020; COP29 and F-16s.").is_empty()
        );
    }

    #[test]
    fn rupees_lakhs_crores_and_letter_scales() {
        assert_eq!(
            read("He paid the agent Rs 25 lakh, and the state spent ₹3 crore."),
            [(25e5, None, "INR".into()), (3e7, None, "INR".into())]
        );
        assert_eq!(
            read("Braun purchased Big Machine for $300M and sold it for $1.2B."),
            [(300e6, None, "USD".into()), (1.2e9, None, "USD".into())]
        );
    }

    #[test]
    fn tallies_shares_ranges_and_magnitudes() {
        assert_eq!(
            read("The House voted 66 to 27 in favour."),
            [(66.0, None, "votes".into()), (27.0, None, "votes".into())]
        );
        assert_eq!(
            read("About a quarter of the federal government was shut down."),
            [(25.0, None, "%".into())]
        );
        assert!(read("Two-thirds of the Senate must vote to convict.").is_empty());
        assert_eq!(
            read("Reconstruction will cost between US$300 and 400 billion."),
            [(300e9, Some(400e9), "USD".into())]
        );
        assert_eq!(
            read("A magnitude 4.9 earthquake struck; it measured 5.8 on the Richter scale."),
            [
                (4.9, None, "magnitude".into()),
                (5.8, None, "magnitude".into())
            ]
        );
        assert_eq!(
            read("It raised CDN$11,000 and 88 billion Hong Kong dollars for the fund."),
            [(11000.0, None, "CAD".into()), (88e9, None, "HKD".into())]
        );
    }

    #[test]
    fn places_sizes_and_weights_are_told_apart() {
        assert!(read("The town is located 70 miles from Denver.").is_empty());
        assert_eq!(
            read("The storm was 90 miles (145 km) south of the coast."),
            [(90.0, None, "mi".into())]
        );
        assert_eq!(
            read("Winds of 75 miles per hour (120 kilometers per hour), moving at 3 mph (6 kph)."),
            [(75.0, None, "mph".into()), (3.0, None, "mph".into())]
        );
        assert!(read("The new 16-inch laptop has a 15.6-inch screen.").is_empty());
        assert_eq!(
            read("The oldest child weighed 82 pounds (37 kg)."),
            [(82.0, None, "lb".into())]
        );
        assert_eq!(
            read("Snow fell 10 inches of it."),
            [(10.0, None, "in".into())]
        );
    }

    #[test]
    fn counts_after_a_verb_of_harm_or_of_winning() {
        let found = figures_in("The fire kills three and injures sixteen.", true);
        let tolls: Vec<(f64, &str)> = found.iter().map(|f| (f.value, f.label.as_str())).collect();
        assert_eq!(tolls, [(3.0, "killed"), (16.0, "injured")]);
        assert_eq!(
            read("McCarthy received 192 while Pelosi won 220 votes."),
            [(192.0, None, "votes".into()), (220.0, None, "votes".into())]
        );
        assert!(figures_in("Zwei Drittel der Stimmen, 48 Wohnungen.", false).is_empty());
    }
}
