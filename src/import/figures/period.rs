//! The period a figure covers, as its sentence states it.

use std::sync::LazyLock;

use regex::Regex;

use crate::import::header::{MONTH, month_number};

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
