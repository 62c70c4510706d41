//! Numbers written for readers in the site's language: thousands
//! separators and decimal marks from Unicode's CLDR data (ICU4X), large
//! amounts in words ("$334 million", "2,4 Milliarden"), units as analysts
//! write them ("461,000 t", "1.5–2 bcm a year").

use std::str::FromStr;

use icu_decimal::input::Decimal;
use icu_decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu_locale_core::Locale;

use crate::content::KeyFigure;

/// The non-breaking space that keeps a number and its unit together.
const NBSP: char = '\u{a0}';

pub struct Numbers {
    decimal: DecimalFormatter,
    /// "334 million", "334 millions", "334 Millionen".
    compact: CompactDecimalFormatter,
    english: bool,
}

impl Numbers {
    /// Formatters for a BCP 47 language tag ("en", "fr", "de-CH"). A tag
    /// that does not parse, or that CLDR does not know, falls back to the
    /// root locale; the configuration has already checked the tag.
    pub fn new(language: &str) -> Numbers {
        let locale = Locale::from_str(language).unwrap_or(Locale::UNKNOWN);
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default())
            .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
            .expect("ICU4X ships root-locale decimal data");
        let compact = CompactDecimalFormatter::try_new_long((&locale).into(), Default::default())
            .or_else(|_| {
                CompactDecimalFormatter::try_new_long(Default::default(), Default::default())
            })
            .expect("ICU4X ships root-locale compact data");
        Numbers {
            decimal,
            compact,
            english: locale.id.language.as_str() == "en",
        }
    }

    /// A count: "10,000" in English, "10 000" in French.
    pub fn count(&self, n: usize) -> String {
        self.decimal.format(&Decimal::from(n as u64)).to_string()
    }

    /// A plain number with grouping, at most three decimals: "461,000", "13.1".
    pub fn plain(&self, value: f64) -> String {
        self.decimal.format(&rounded(value, -3)).to_string()
    }

    /// An amount in words from a million up ("240.3 million"), else plain.
    pub fn amount(&self, value: f64) -> String {
        self.range(value, None)
    }

    /// "1.5–2 billion": both ends share the scale of the larger one.
    pub fn range(&self, low: f64, high: Option<f64>) -> String {
        let top = high.unwrap_or(low);
        let magnitude = rounded(top, 0).absolute.nonzero_magnitude_start();
        let exponent = if top.abs() >= 1e6 {
            self.compact.compact_exponent_for_magnitude(magnitude)
        } else {
            0
        };
        if exponent == 0 {
            return match high {
                Some(high) => format!("{}–{}", self.plain(low), self.plain(high)),
                None => self.plain(low),
            };
        }
        let significand = |v: f64| {
            let mut d = rounded(v, 0);
            d.absolute.multiply_pow10(-i16::from(exponent));
            d.round(-3);
            d.absolute.trim_end();
            d
        };
        let top_digits = significand(top);
        let Ok(words) = self.compact.format_with_exponent(&top_digits, exponent) else {
            return self.plain(low);
        };
        let words = words.to_string();
        let Some(high) = high else {
            return words;
        };
        // Put the low end in front of the high end's digits, inside the
        // locale's pattern: "2 billion" → "1.5–2 billion".
        let high_digits = self.decimal.format(&top_digits).to_string();
        let low_digits = self.decimal.format(&significand(low)).to_string();
        match words.find(&high_digits) {
            Some(at) => format!("{}{low_digits}–{}", &words[..at], &words[at..]),
            None => format!("{}–{}", self.amount(low), self.amount(high)),
        }
    }

    /// A key figure as a reader expects it: "$334 million", "461,000 t",
    /// "1.5–2 bcm a year", "13.1%", "91 people".
    pub fn figure(&self, figure: &KeyFigure) -> String {
        let unit = figure.unit.trim();
        let (base, per) = match unit.split_once('/') {
            Some((base, per)) => (base, Some(per)),
            None => (unit, None),
        };
        let (low, high) = (figure.value, figure.value_max);
        let top = high.unwrap_or(low).abs();
        let number = match base {
            "%" => {
                let digits = match high {
                    Some(h) => format!("{}–{}", self.plain(low), self.plain(h)),
                    None => self.plain(low),
                };
                return if self.english {
                    format!("{digits}%")
                } else {
                    format!("{digits}{NBSP}%")
                };
            }
            code if is_currency_code(code) => {
                let digits = self.range(low, high);
                let text = match (currency_symbol(code), self.english) {
                    (Some(symbol), true) => format!("{symbol}{digits}"),
                    (None, true) => format!("{code}{NBSP}{digits}"),
                    (symbol, false) => format!("{digits}{NBSP}{}", symbol.unwrap_or(code)),
                };
                return with_period(text, per, self.english);
            }
            "m3" if top >= 1e9 => {
                let scaled = |v: f64| v / 1e9;
                let digits = match high {
                    Some(h) => format!("{}–{}", self.plain(scaled(low)), self.plain(scaled(h))),
                    None => self.plain(scaled(low)),
                };
                format!("{digits}{NBSP}bcm")
            }
            "" => self.range(low, high),
            other => format!("{}{NBSP}{}", self.range(low, high), unit_name(other)),
        };
        with_period(number, per, self.english)
    }
}

/// "… a year" in English; elsewhere the unit's own "/year".
fn with_period(text: String, per: Option<&str>, english: bool) -> String {
    match per {
        None => text,
        Some(per) if english => format!("{text} a {per}"),
        Some(per) => format!("{text}/{per}"),
    }
}

/// `value` as a decimal rounded at `position` (-3: thousandths), trailing
/// zeros dropped. Rust prints f64 without exponent, shortest round trip.
fn rounded(value: f64, position: i16) -> Decimal {
    let value = if value.is_finite() { value } else { 0.0 };
    let mut decimal = Decimal::try_from_str(&format!("{value}")).unwrap_or_default();
    decimal.round(position);
    decimal.absolute.trim_end();
    decimal
}

fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn currency_symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "CNY" => "CN¥",
        "RUB" => "₽",
        "AZN" => "₼",
        "TRY" => "₺",
        "INR" => "₹",
        "UAH" => "₴",
        "ILS" => "₪",
        "KRW" => "₩",
        _ => return None,
    })
}

/// How a normalised unit is written after a number.
fn unit_name(unit: &str) -> &str {
    match unit {
        "m3" => "m³",
        "km2" => "km²",
        "bbl" => "barrels",
        other => other,
    }
}

/// What a unit filter shows for a normalised unit.
pub fn unit_label(unit: &str) -> String {
    let (base, per) = match unit.split_once('/') {
        Some((base, per)) => (base, Some(per)),
        None => (unit, None),
    };
    let base = match base {
        "%" => "percent".to_string(),
        "t" => "tonnes".to_string(),
        "m3" => "cubic metres".to_string(),
        "bbl" => "barrels".to_string(),
        "" => "number".to_string(),
        code if is_currency_code(code) => match currency_symbol(code) {
            Some(symbol) => format!("{code} ({symbol})"),
            None => code.to_string(),
        },
        other => other.to_string(),
    };
    match per {
        Some(per) => format!("{base} a {per}"),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: f64, value_max: Option<f64>, unit: &str) -> KeyFigure {
        KeyFigure {
            value,
            value_max,
            unit: unit.into(),
            ..Default::default()
        }
    }

    #[test]
    fn english_figures_read_as_an_analyst_writes_them() {
        let en = Numbers::new("en");
        assert_eq!(en.figure(&figure(334e6, None, "USD")), "$334 million");
        assert_eq!(en.figure(&figure(240.3e6, None, "USD")), "$240.3 million");
        assert_eq!(en.figure(&figure(2.403e9, None, "USD")), "$2.403 billion");
        assert_eq!(en.figure(&figure(461_000.0, None, "t")), "461,000\u{a0}t");
        assert_eq!(
            en.figure(&figure(1.5e9, Some(2e9), "m3/year")),
            "1.5–2\u{a0}bcm a year"
        );
        assert_eq!(
            en.figure(&figure(5e6, Some(6e6), "m3/day")),
            "5–6 million\u{a0}m³ a day"
        );
        assert_eq!(en.figure(&figure(13.1, None, "%")), "13.1%");
        assert_eq!(en.figure(&figure(0.26, None, "%")), "0.26%");
        assert_eq!(en.figure(&figure(91.0, None, "people")), "91\u{a0}people");
        assert_eq!(en.figure(&figure(5e6, None, "IRR")), "IRR\u{a0}5 million");
        assert_eq!(en.count(10_000), "10,000");
    }

    #[test]
    fn other_languages_use_their_own_marks_and_words() {
        let fr = Numbers::new("fr");
        assert_eq!(
            fr.figure(&figure(240.3e6, None, "USD")),
            "240,3 millions\u{a0}$"
        );
        assert_eq!(fr.figure(&figure(13.1, None, "%")), "13,1\u{a0}%");
        assert_eq!(fr.count(10_000), "10\u{202f}000");
        let de = Numbers::new("de");
        assert_eq!(de.amount(2.403e9), "2,403 Milliarden");
        assert_eq!(de.range(1.5e9, Some(2e9)), "1,5–2 Milliarden");
        assert_eq!(de.plain(461_000.0), "461.000");
    }

    #[test]
    fn odd_values_do_not_panic() {
        let root = Numbers::new("not a language tag");
        assert_eq!(root.plain(1234.5), "1,234.5");
        let en = Numbers::new("en");
        assert_eq!(en.plain(f64::NAN), "0");
        assert_eq!(en.amount(-3e6), "-3 million");
        assert!(en.amount(1e300).contains("trillion"));
    }
}
