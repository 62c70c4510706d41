//! Date lines: the line of an article's header that says when it was
//! published, in the forms English-language news writes them —
//! "March 28, 2017", "28 March 2017", "Mar. 28, 2017 5:30 pm",
//! "2017-03-28T17:30+03:00", "28.03.2017", "Tuesday 28 March 2017 17:30
//! MSK", "Published: …", "Updated …", "Month D, YYYY, HH:MM, Place" — a
//! weekday, a time and a time zone optional. Only a line that is a date
//! line from its first word is one: a date inside a sentence ("on March 3
//! the treaty …") never is.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::header::{MONTH, month_number};

/// What a date line says.
#[derive(Debug, Clone, PartialEq)]
pub struct DateLine {
    pub date: Date,
    /// The place the line names after the date ("…, 14:32, Baku").
    pub place: Option<String>,
    /// What follows the date line in the same paragraph (empty when the
    /// paragraph is the date line alone).
    pub rest: String,
    /// Said to be the time of an update, not of publication.
    pub updated: bool,
}

const WEEKDAY: &str = r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\.?,?";

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)^
        (?:(?P<label>(?i:published|posted|updated|last\s+updated|first\s+published|date|dated|released))(?:\s+(?i:on|at))?\s*:?\s+)?
        (?:{WEEKDAY}\s+)?
        (?:
            (?P<mm>{MONTH})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})
          | (?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{MONTH}),?\s+(?P<dy>\d{{4}})
          | (?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?:[T\s]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
          | (?P<ed>\d{{1,2}})\.(?P<em>\d{{1,2}})\.(?P<ey>\d{{4}})
          | (?P<sa>\d{{1,2}})/(?P<sb>\d{{1,2}})/(?P<sy>\d{{4}})
        )
        (?:,?\s*(?:at\s+|-\s+|\|\s+|/\s+)?
            (?:\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?(?:\s*(?i:[ap]\.?m\.?))?|\d{{1,2}}\s*(?i:[ap]\.?m\.?))
            (?:\s*\(?(?:[A-Z]{{2,5}}|GMT\s?[+-]\s?\d{{1,2}}(?::?\d{{2}})?|UTC\s?[+-]\s?\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}})\)?)?
        )?
        (?:,\s*(?P<place>[A-Z][\p{{L}}'’.-]+(?:[\s-][A-Z][\p{{L}}'’.-]+){{0,2}}))?
        \s*(?:$|[—–|:]\s*|-{{1,2}}\s+|\.\s+|\s)"
    ))
    .unwrap()
});

/// Reads the date line at the start of `paragraph`.
pub fn date_line(paragraph: &str) -> Option<DateLine> {
    let paragraph = paragraph.trim();
    let c = DATE_LINE.captures(paragraph)?;
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
    let (year, month, day) = if let Some(y) = num("my") {
        (y, month_number(&c["mm"])?, num("md")?)
    } else if let Some(y) = num("dy") {
        (y, month_number(&c["dm"])?, num("dd")?)
    } else if let Some(y) = num("iy") {
        (y, num("im")? as i8, num("id")?)
    } else if let Some(y) = num("ey") {
        (y, num("em")? as i8, num("ed")?)
    } else {
        // "28/03/2017" and "03/28/2017" tell which is the day; "03/04/2017"
        // does not, and is no date.
        let (a, b, y) = (num("sa")?, num("sb")?, num("sy")?);
        match (a > 12, b > 12) {
            (true, false) => (y, b as i8, a),
            (false, true) => (y, a as i8, b),
            _ => return None,
        }
    };
    let date = Date::new(year, month, day as i8).ok()?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let whole = c.get(0)?;
    let rest = paragraph[whole.end()..].trim().to_string();
    // A bare date run into a sentence needs a weekday or a separator to be
    // a date line ("March 3, 2024 — Baku …"), not "March 3, 2024 was …".
    let starts_sentence = rest
        .chars()
        .next()
        .is_some_and(|ch| ch.is_uppercase() || "\"“'‘".contains(ch));
    if !rest.is_empty() && !starts_sentence {
        return None;
    }
    let label = c.name("label").map(|m| m.as_str().to_lowercase());
    Some(DateLine {
        date,
        place: c.name("place").map(|m| m.as_str().to_string()),
        rest,
        updated: label.is_some_and(|l| l.contains("updated")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Year, month, day.
    type Ymd = (i16, i8, i8);

    /// Date lines in the forms outlets print them, with the date and place
    /// they give. Each was written after a real outlet's header line; the
    /// outlet is named beside it.
    #[rustfmt::skip]
    const DATE_LINES: &[(&str, Ymd, Option<&str>)] = &[
        ("March 28, 2017", (2017, 3, 28), None),                                      // AP style
        ("28 March 2017", (2017, 3, 28), None),                                       // BBC
        ("Mar. 28, 2017 5:30 pm", (2017, 3, 28), None),                               // US papers
        ("2017-03-28T17:30+03:00", (2017, 3, 28), None),                              // ISO 8601
        ("2017-03-28", (2017, 3, 28), None),
        ("28.03.2017", (2017, 3, 28), None),                                          // TASS, Interfax
        ("Tuesday 28 March 2017 17:30 MSK", (2017, 3, 28), None),                     // RT
        ("Tuesday, March 28, 2017", (2017, 3, 28), None),                             // Wikinews
        ("Published: March 28, 2017", (2017, 3, 28), None),
        ("Published on 28 March 2017", (2017, 3, 28), None),
        ("Updated March 28, 2017 at 5:30 p.m. ET", (2017, 3, 28), None),              // CNBC
        ("Last updated: 28 March 2017, 17:30", (2017, 3, 28), None),
        ("December 24, 2019, 12:30", (2019, 12, 24), None),                           // Azertag
        ("March 3, 2024, 14:32, Baku", (2024, 3, 3), Some("Baku")),                  // president.az
        ("June 5, 2023, 09:15, Tehran", (2023, 6, 5), Some("Tehran")),
        ("November 27, 2023, 18:40, Nur-Sultan", (2023, 11, 27), Some("Nur-Sultan")),
        ("27 November 2023, 18:40", (2023, 11, 27), None),                            // APA
        ("27.11.2023, 18:40", (2023, 11, 27), None),                                  // Report.az
        ("27.11.2023 18:40", (2023, 11, 27), None),
        ("Mon, 27 Nov 2023 18:40:00 GMT", (2023, 11, 27), None),                      // RFC 2822
        ("Monday, 27 November 2023 | 18:40", (2023, 11, 27), None),
        ("Nov 27, 2023", (2023, 11, 27), None),
        ("Nov. 27, 2023 / 6:40 PM", (2023, 11, 27), None),                           // UPI
        ("27th November 2023", (2023, 11, 27), None),
        ("November 27th, 2023", (2023, 11, 27), None),
        ("27 of November, 2023", (2023, 11, 27), None),
        ("Sept. 5, 2022", (2022, 9, 5), None),
        ("5 Sept 2022", (2022, 9, 5), None),
        ("Sep 5, 2022 10:04 AM", (2022, 9, 5), None),
        ("5 September 2022 10:04 (GMT+4)", (2022, 9, 5), None),                       // Azernews
        ("05/09/2022 13:45", AMBIGUOUS, None),                                        // day or month?
        ("13/09/2022 13:45", (2022, 9, 13), None),                                    // day first
        ("09/13/2022 1:45 PM", (2022, 9, 13), None),                                  // month first
        ("2022-09-05 13:45:00", (2022, 9, 5), None),
        ("2022-09-05T13:45:00Z", (2022, 9, 5), None),
        ("Posted: Sep 5, 2022", (2022, 9, 5), None),
        ("Date: 05.09.2022", (2022, 9, 5), None),
        ("Thu 1 Dec 2022 06.00 GMT", (2022, 12, 1), None),                            // The Guardian
        ("Thursday, December 1, 2022 - 06:00", (2022, 12, 1), None),
        ("1 December 2022 — The ministers met in Baku.", (2022, 12, 1), None),
        ("December 1, 2022 -- Officials said", (2022, 12, 1), None),
        ("Friday, January 4, 2019 Toronto Comicon returned", (2019, 1, 4), None),
        ("Wed, 01 Feb 2023 08:15:00 +0300", (2023, 2, 1), None),
        ("Released on February 1, 2023", (2023, 2, 1), None),
        ("February 1, 2023 at 8:15 am", (2023, 2, 1), None),
    ];

    /// A line whose day and month cannot be told apart: no date.
    const AMBIGUOUS: Ymd = (0, 0, 0);

    #[test]
    fn date_lines_of_many_outlets() {
        assert!(DATE_LINES.len() >= 40);
        for &(line, (y, m, d), place) in DATE_LINES {
            let found = date_line(line);
            if y == 0 {
                assert_eq!(found, None, "{line:?} is ambiguous");
                continue;
            }
            let found = found.unwrap_or_else(|| panic!("no date read from {line:?}"));
            assert_eq!(found.date, date(y, m, d), "{line:?}");
            assert_eq!(found.place.as_deref(), place, "{line:?}");
        }
    }

    /// Dates in the narrative, not date lines: none may be taken.
    #[rustfmt::skip]
    const NARRATIVE: &[&str] = &[
        "On March 3, 2024 the treaty was signed in Baku.",
        "The treaty, signed on March 3, 2024, entered into force.",
        "In 2019 the two countries signed an agreement.",
        "Trade reached $2 billion in the first nine months of 2023.",
        "The talks began on 28 March 2017 and ended a week later.",
        "Last year, on December 24, 2019, the border opened.",
        "Azerbaijan and Iran have discussed joint military projects.",
        "March 3, 2024 was the day the border reopened.",
        "Since 28.03.2017, prices have doubled.",
        "He was born on 5 September 1962 in Baku.",
        "By March 2024 the line will be finished.",
        "The elections of 2020-11-03 were contested.",
        "From 1 January 2024, tariffs fall.",
        "Between March 1 and March 5, 2024, flights were cancelled.",
        "According to a report dated 5 May 2023, exports grew.",
        "A ceasefire agreed on November 10, 2020 ended the war.",
        "Officials said on Tuesday, March 28, 2017 that talks would resume.",
        "Prices of 1.5.2023 were higher.",
        "Note 12/13/2022: none.",
        "The company, founded 5 June 1999, employs 300 people.",
        "Ilham Aliyev met Ebrahim Raisi in Tehran.",
        "Until 31 December 2023 the old rules apply.",
        "The 1990s were a decade of change.",
        "Russia said on 28 March 2017 it would respond.",
        "It happened in March 2017, officials said.",
        "On 2017-03-28 the court ruled.",
        "Wednesday's meeting, the first since June 5, 2023, was brief.",
        "A 2017 study found otherwise.",
        "Version 2.03.2017 of the software shipped.",
        "The vote on December 1, 2022 — the first in years — passed.",
        "In a statement released March 28, 2017, the ministry said.",
        "Sales rose 28% to 2017 units.",
        "During the week of 5 September 2022 talks stalled.",
        "Before 1 December 2022 no visas were needed.",
        "After March 3, 2024, the border opened.",
        "Tuesday's talks were cancelled.",
        "The deal expires on 01/02/2025.",
        "5 September 2022 marked thirty years of relations.",
        "In Baku on Monday, officials met.",
        "Published reports said 28 March 2017 was the deadline.",
    ];

    #[test]
    fn dates_in_the_narrative_are_not_date_lines() {
        assert!(NARRATIVE.len() >= 40);
        for line in NARRATIVE {
            assert_eq!(date_line(line), None, "{line:?} is narrative");
        }
    }
}
