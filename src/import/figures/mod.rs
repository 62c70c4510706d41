//! Key figures: money, quantities with units, percentages and counts of
//! people killed or hurt, read out of sentences with the value normalised,
//! the words as written, the period the sentence states and what it measures.

use std::sync::LazyLock;

use regex::{Captures, Regex};

pub mod counts;
mod number;
mod period;

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
    let currency_symbol = r"US\$|\$|€|£|¥|₼";
    let currency_word = r"(?:US\s)?dollars|USD|euros?|EUR|manats?|AZN|rubles|roubles|RUB|rials|IRR|pounds(?:\ssterling)?|GBP|yuan|CNY|yen|JPY|liras?|TRY|tenge|KZT|lari|GEL|hryvnias?|UAH|rupees|INR";
    let quantity = r"(?:metric\s)?(?:tonnes|tonne|tons|ton)|barrels|bbl|bcm|cubic\s(?:meters|metres)|m3|m³|kilometers|kilometres|km|megawatts|MW|gigawatts|GW|kWh|MWh|GWh|TWh|hectares";
    Regex::new(&format!(
        r"(?x)
        (?P<qual>(?-u:\b)(?i:more\sthan|over|about|approximately|nearly|almost|around|some|up\sto|at\sleast|less\sthan|roughly|close\sto)\s+)?
        (?P<cur>{currency_symbol}|(?:USD|EUR|AZN|RUB|GBP)\s?)?
        (?P<n1>{NUMBER})
        (?:\s?(?:-|–|to)\s?(?:{currency_symbol})?(?P<n2>{NUMBER}))?
        (?:\s?(?P<scale>thousand|million|billion|trillion|mln|bn|mn|m|k)(?-u:\b))?
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
        "megawatts" | "mw" => ("MW", 1.0),
        "gigawatts" | "gw" => ("GW", 1.0),
        "kwh" => ("kWh", 1.0),
        "mwh" => ("MWh", 1.0),
        "gwh" => ("GWh", 1.0),
        "twh" => ("TWh", 1.0),
        "hectares" => ("ha", 1.0),
        _ => return None,
    })
}

fn scale_factor(scale: &str) -> i32 {
    match scale.to_lowercase().as_str() {
        "thousand" | "k" => 3,
        "million" | "mln" | "mn" | "m" => 6,
        "billion" | "bn" => 9,
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

/// Every key figure in one sentence.
pub fn figures_in(sentence: &str) -> Vec<FigureReading> {
    let mut out = Vec::new();
    // The pattern needs digits; numbers in words are the counts reader's.
    let has_digits = sentence.bytes().any(|b| b.is_ascii_digit());
    for c in FIGURE.captures_iter(sentence).filter(|_| has_digits) {
        if let Some(figure) = reading(sentence, &c) {
            out.push(figure);
        }
    }
    let taken: Vec<(usize, usize)> = out.iter().map(|f| (f.start, f.end)).collect();
    for count in counts::counts_in(sentence, &taken) {
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
    out.sort_by_key(|f| f.start);
    drop_conversions(sentence, &mut out);
    out
}

/// The kind of quantity a unit measures, for telling a conversion
/// ("75 m (250 ft)", "€20,000 (£17,500; US$22,900)") from a second fact.
fn dimension(unit: &str) -> Option<&'static str> {
    let base = unit.split('/').next().unwrap_or(unit);
    Some(match base {
        "km" | "m" | "cm" | "mm" | "mi" | "ft" | "in" => "length",
        "kg" | "g" | "t" | "lb" => "mass",
        "km/h" | "mph" => "speed",
        "ha" | "km2" | "acres" => "area",
        "L" | "m3" | "gal" | "bbl" => "volume",
        _ if unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()) => "money",
        _ => return None,
    })
}

/// A figure in brackets right after another of the same kind restates it
/// in other units: the first, the article's own statement, is kept.
fn drop_conversions(sentence: &str, figures: &mut Vec<FigureReading>) {
    let mut drop = vec![false; figures.len()];
    for i in 1..figures.len() {
        // The nearest earlier figure not itself dropped.
        let Some(j) = (0..i).rev().find(|&j| !drop[j]) else {
            continue;
        };
        let (a, b) = (&figures[j], &figures[i]);
        let between = sentence.get(a.end..b.start).unwrap_or("");
        let bracketed =
            between.len() <= 24 && between.contains(['(', ';', '/']) && !between.contains(')');
        let (Some(da), Some(db)) = (dimension(&a.unit), dimension(&b.unit)) else {
            continue;
        };
        // The article's own statement comes first; the bracket converts it.
        if bracketed && da == db {
            drop[i] = true;
        }
    }
    let mut keep = drop.iter().map(|d| !d);
    figures.retain(|_| keep.next().unwrap_or(true));
}

/// "more than", "at least", … written just before a number.
fn qualifier_before(before: &str) -> String {
    static QUALIFIER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(more\s+than|over|about|approximately|nearly|almost|around|some|up\s+to|at\s+least|less\s+than|fewer\s+than|roughly|close\s+to|an\s+estimated|as\s+many\s+as)\s+$").unwrap()
    });
    QUALIFIER
        .captures(tail(before, 40))
        .map_or(String::new(), |c| c[1].to_lowercase())
}

fn reading(sentence: &str, c: &Captures<'_>) -> Option<FigureReading> {
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
    // "m" and "k" scale money only ("$5m"); after a bare number they are units.
    if scale.is_some_and(|s| s == "m" || s == "k") && currency_prefix.is_none() {
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
            if let Some(p) = PER_TIME.captures(&sentence[end..]) {
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
    if value_max.is_some_and(|max| max <= value) {
        return None; // "10-5" is not a range
    }
    let label = label.unwrap_or_else(|| measure_near(sentence, whole.start(), end));
    let qualifier = c
        .name("qual")
        .map_or(String::new(), |q| q.as_str().trim().to_lowercase());
    Some(FigureReading {
        value,
        value_max,
        unit,
        label,
        text: sentence[whole.start()..end].trim().to_string(),
        qualifier,
        period: String::new(),
        start: whole.start(),
        end,
    })
}

/// The last `bytes` (or fewer, on a character boundary) of `text`: what a
/// pattern anchored at the end needs to see.
fn tail(text: &str, bytes: usize) -> &str {
    let mut from = text.len().saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

fn measure_near(sentence: &str, start: usize, end: usize) -> String {
    let before = MEASURE.find_iter(&sentence[..start]).last();
    let after = || MEASURE.find(&sentence[end..]);
    let known = before
        .or_else(after)
        .map(|m| match m.as_str().to_lowercase().as_str() {
            "traded" => "trade".to_string(),
            other => other.to_string(),
        });
    known.unwrap_or_else(|| governing_words(sentence, start, end))
}

/// Words that stand between a number and what it measures without saying
/// what that is: qualifiers, prepositions, determiners and verbs of change.
#[rustfmt::skip]
const NOT_A_MEASURE: &[&str] = &[
    "a", "an", "the", "of", "by", "to", "at", "for", "from", "with", "in", "on", "about",
    "more", "than", "less", "fewer", "up", "least", "over", "nearly", "almost", "around", "some",
    "roughly", "approximately", "estimated", "only", "just", "and", "or", "its", "their", "his",
    "her", "this", "that", "was", "were", "is", "are", "be", "been", "has", "have", "had", "will",
    "would", "could", "rose", "fell", "grew", "rise", "fall", "increased", "decreased", "reached",
    "stood", "totalled", "totaled", "climbed", "dropped", "jumped", "declined", "gained", "lost",
    "down", "cost", "costs", "worth", "valued", "paid", "pay", "spent", "raised", "which", "it",
    "per", "as", "much", "many", "another", "additional", "extra", "further", "some", "all",
];

/// What a figure measures when no known measure word is near: the noun
/// after "of" ("50 gallons of diesel fuel"), else the nearest content word
/// before it in the same clause ("a payout of one million rubles",
/// "unemployment rose to 5%").
fn governing_words(sentence: &str, start: usize, end: usize) -> String {
    let word_ok = |w: &str| {
        w.len() > 2
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !NOT_A_MEASURE.contains(&w.to_lowercase().as_str())
            && !w.chars().next().is_some_and(char::is_uppercase)
    };
    let after = &sentence[end..];
    if let Some(rest) = after.trim_start().strip_prefix("of ") {
        let words: Vec<&str> = rest
            .split(|c: char| c.is_whitespace())
            .take_while(|w| !w.is_empty())
            .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
            .filter(|w| !["the", "a", "an", "its", "their", "all"].contains(w))
            .take(2)
            .take_while(|w| word_ok(w))
            .collect();
        if !words.is_empty() {
            return words.join(" ").to_lowercase();
        }
    }
    let clause = sentence[..start]
        .rsplit([',', ';', ':', '(', '"', '“', '—'])
        .next()
        .unwrap_or("");
    let before = clause
        .split_whitespace()
        .rev()
        .take(5)
        .take_while(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .find(|w| word_ok(w));
    // "85% were in favour", "a 2000 km long pipeline", "3 percent support".
    let after_words = || {
        after
            .split_whitespace()
            .take(3)
            .take_while(|w| !w.chars().any(|c| c.is_ascii_digit()))
            .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
            .find(|w| word_ok(w))
    };
    before
        .or_else(after_words)
        .map_or(String::new(), str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(sentence: &str) -> Vec<(f64, Option<f64>, String)> {
        figures_in(sentence)
            .into_iter()
            .map(|f| (f.value, f.value_max, f.unit))
            .collect()
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
    fn dates_years_ordinals_and_counts_are_not_figures() {
        assert!(
            read("On November 28, 2021, the 15th summit met in 2020; COP29 and F-16s.").is_empty()
        );
    }
}
