//! Key figures: money, quantities with units, percentages and counts of
//! people killed or hurt, read out of sentences with the value normalised,
//! the words as written, the period the sentence states and what it measures.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::header::{MONTH, month_number};

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
    if !sentence.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for c in FIGURE.captures_iter(sentence) {
        if let Some(figure) = reading(sentence, &c) {
            out.push(figure);
        }
    }
    out
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
    before.or_else(after).map_or(String::new(), |m| {
        match m.as_str().to_lowercase().as_str() {
            "traded" => "trade".to_string(),
            other => other.to_string(),
        }
    })
}

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?:,\s*(?P<y1>\d{{4}}))?\s+(?:through|to|until|till|–|-)\s+(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
    ))
    .unwrap()
});
static FIRST_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)first\s+(?P<n>\w+)\s+months\s+of\s+(?:the\s+year\s+)?(?P<y>(?:19|20)\d{2})(?-u:\b)",
    )
    .unwrap()
});
static SAME_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:same|reporting)\s+period(?:\s+(?:of|in|last)\s+(?P<y>(?:19|20)\d{2}))?")
        .unwrap()
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:in|during|for|throughout|since)\s+(?P<m>{MONTH})\s+(?P<y>(?:19|20)\d{{2}})(?-u:\b)"
    ))
    .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:in|during|for|throughout)\s+(?:the\s+year\s+)?(?P<y>(?:19|20)\d{2})(?-u:\b)",
    )
    .unwrap()
});

fn count_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    word.parse()
        .ok()
        .or_else(|| {
            WORDS
                .iter()
                .position(|w| w.eq_ignore_ascii_case(word))
                .map(|i| i as u32 + 1)
        })
        .filter(|n| (1..=12).contains(n))
}

/// The period a sentence states: "(March 21 through October 22, 2023)",
/// "the first nine months of 2020", "in 2019"; "the same period" takes the
/// previous one, "the same period of 2019" moves it to that year.
pub fn period_of(sentence: &str, previous: Option<&str>) -> Option<String> {
    if !sentence.bytes().any(|b| b.is_ascii_digit()) {
        return previous
            .filter(|_| sentence.contains("period") && SAME_PERIOD.is_match(sentence))
            .map(str::to_string);
    }
    if let Some(c) = RANGE.captures(sentence) {
        let y2: i16 = c["y2"].parse().ok()?;
        let (m1, m2) = (month_number(&c["m1"])?, month_number(&c["m2"])?);
        let y1 = match c.name("y1") {
            Some(y) => y.as_str().parse().ok()?,
            None if m1 > m2 => y2 - 1,
            None => y2,
        };
        let from = jiff::civil::Date::new(y1, m1, c["d1"].parse().ok()?).ok()?;
        let to = jiff::civil::Date::new(y2, m2, c["d2"].parse().ok()?).ok()?;
        return Some(format!("{from}/{to}"));
    }
    if let Some(c) = FIRST_MONTHS.captures(sentence) {
        let months = count_word(&c["n"])?;
        return Some(format!("{0}-01/{0}-{1:02}", &c["y"], months));
    }
    if let Some(c) = SAME_PERIOD.captures(sentence) {
        let previous = previous?;
        return Some(match c.name("y") {
            // "2020-01/2020-09" in 2019 → "2019-01/2019-09".
            Some(year) => previous
                .split('/')
                .map(|end| format!("{}{}", year.as_str(), end.get(4..).unwrap_or("")))
                .collect::<Vec<_>>()
                .join("/"),
            None => previous.to_string(),
        });
    }
    if let Some(c) = MONTH_YEAR.captures(sentence) {
        return Some(format!("{}-{:02}", &c["y"], month_number(&c["m"])?));
    }
    YEAR.captures(sentence).map(|c| c["y"].to_string())
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
        assert!(read("On November 28, 2021, the 15th summit of 10 signatories met in 2020; COP29 and F-16s.").is_empty());
    }

    #[test]
    fn periods_stated_in_the_sentence() {
        assert_eq!(
            period_of("(March 21 through October 22, 2023)", None).as_deref(),
            Some("2023-03-21/2023-10-22")
        );
        assert_eq!(
            period_of(
                "in the last Iranian year (March 21, 2022 through March 20, 2023)",
                None
            )
            .as_deref(),
            Some("2022-03-21/2023-03-20")
        );
        let nine = period_of("during the first nine months of 2020, with", None);
        assert_eq!(nine.as_deref(), Some("2020-01/2020-09"));
        assert_eq!(
            period_of("during the same period of 2019.", nine.as_deref()).as_deref(),
            Some("2019-01/2019-09")
        );
        assert_eq!(
            period_of("in the same period", Some("2023")).as_deref(),
            Some("2023")
        );
        assert_eq!(
            period_of("exports in 2019 grew", None).as_deref(),
            Some("2019")
        );
        assert_eq!(period_of("six years ago", None), None);
    }
}
