//! The header of a raw article: headline, publication date, source and
//! syndicator, dateline. Only what the text states is asserted: an article
//! without a date in its header gets none, just a hint.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::dates;

/// What the header of an article says.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Header {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub source: String,
    pub via: String,
    pub dateline: Vec<String>,
    /// Index of the first body paragraph (header-only paragraphs come before).
    pub body_start: usize,
    /// Later paragraphs that belong to the header (a date line after the
    /// lead, a trailing "Published …" line): not part of the body.
    pub dropped: Vec<usize>,
    /// The body's first paragraph with the header text removed (the dateline
    /// stays: it is part of the article as published).
    pub first_paragraph: String,
    /// The lead without its dateline: the article's summary.
    pub lead: String,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub(crate) fn month_number(name: &str) -> Option<i8> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&name) && (name.len() == 3 || name == "sept" || *m == name))
        .map(|i| i as i8 + 1)
}

pub(crate) const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+";

/// A full date in any of the forms news text uses: ISO, "26 June 2023",
/// "January 4, 2019", "Friday, January 4, 2019".
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})|(?:{WEEKDAY})?(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{MONTH}),?\s+(?P<dy>\d{{4}})|(?:{WEEKDAY})?(?P<mm>{MONTH})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}}))(?-u:\b)"
    ))
    .unwrap()
});

fn date_from(c: &regex::Captures<'_>) -> Option<Date> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
    let (year, month, day) = if let Some(y) = num("iy") {
        (y, num("im")? as i8, num("id")? as i8)
    } else if let Some(y) = num("dy") {
        (y, month_number(c.name("dm")?.as_str())?, num("dd")? as i8)
    } else {
        (
            num("my")?,
            month_number(c.name("mm")?.as_str())?,
            num("md")? as i8,
        )
    };
    Date::new(year, month, day).ok()
}

/// Every valid full date in `text`.
pub fn full_dates(text: &str) -> impl Iterator<Item = Date> + '_ {
    FULL_DATE.captures_iter(text).filter_map(|c| date_from(&c))
}

static ISO_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^date\s+(\d{4}-\d{2}-\d{2})\s*").unwrap());
static SYNDICATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\((MENAFN|ANI|IANS|PTI)\s*-\s*([^)]+?)\s*\)\s*").unwrap());
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^By\s+([A-Z][\w.&' -]{1,60}?)\s*$").unwrap());
/// "BAKU, Azerbaijan, November 27." / "Baku/Tehran, 26 June 2023 (TDI):" /
/// "WASHINGTON (Reuters) -".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<places>[A-Z][A-Za-z'’. -]{{1,40}}(?:/[A-Z][A-Za-z'’. -]{{1,40}})*?)(?:,\s*(?P<country>[A-Z][A-Za-z ]{{2,30}}))?(?:,\s*(?P<date>(?:{WEEKDAY})?(?:\d{{1,2}}\s+{MONTH}(?:,?\s+\d{{4}})?|{MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)))?\s*(?:\((?P<agency>[^)]{{1,40}})\))?\s*(?:[.:]|\s[-–—])\s+"
    ))
    .unwrap()
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{MONTH})|(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}}))"
    ))
    .unwrap()
});

/// The dateline at the start of `paragraph`, when it has what makes it one:
/// a date or an agency's signature, not just a capitalised word and a stop.
fn dateline(paragraph: &str) -> Option<regex::Captures<'_>> {
    let c = DATELINE.captures(paragraph)?;
    let places_plausible = c["places"]
        .split('/')
        .all(|p| p.split_whitespace().count() <= 3);
    (places_plausible && (c.name("date").is_some() || c.name("agency").is_some())).then_some(c)
}

/// Outlets known by the short name they sign with.
fn outlet_name(signature: &str) -> String {
    match signature.trim() {
        "TDI" => "The Diplomatic Insight (TDI)".into(),
        "AP" => "Associated Press".into(),
        "AFP" => "Agence France-Presse".into(),
        other => other.to_string(),
    }
}

/// "BAKU" → "Baku", "Tehran" stays.
fn place_name(place: &str) -> String {
    let place = place.trim();
    if place.chars().any(|c| c.is_lowercase()) {
        return place.to_string();
    }
    place
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |f| {
                f.to_string() + &chars.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A first line that is a headline: short, no final period, not a dateline.
fn is_headline(paragraph: &str) -> bool {
    let words = paragraph.split_whitespace().count();
    let last = paragraph.chars().last().unwrap_or('.');
    (2..=25).contains(&words) && paragraph.len() <= 200 && !".:;".contains(last)
}

/// "By Caspian Wire staff", "By John Smith, Reuters", "Staff reporter",
/// "Reading time: 3 min", "Share this article": header furniture, wherever
/// it stands in the header.
static FURNITURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by\s+\S.{0,80}|(?:[\w.'’-]+\s){0,4}(?:staff|correspondent|reporter|desk)(?:\s+writer)?|reading\s+time:?\s*\d+\s*min(?:ute)?s?|\d+\s*min(?:ute)?s?\s+read|share(?:\s+(?:this|on)\b.*)?|follow\s+us\b.*|advertisement|listen\s+to\s+(?:this\s+)?article.*)$").unwrap()
});

/// The outlet a byline names: "By Caspian Wire staff" → "Caspian Wire",
/// "By John Smith, Reuters" → "Reuters", "By Azernews" → "Azernews".
fn byline_outlet(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))?;
    let rest = rest.trim().trim_end_matches('.');
    if let Some((_, agency)) = rest.rsplit_once(',') {
        let agency = agency.trim();
        return (!agency.is_empty() && agency.split_whitespace().count() <= 4)
            .then(|| outlet_name(agency));
    }
    for suffix in [" staff", " Staff", " correspondent", " reporters", " desk"] {
        if let Some(outlet) = rest.strip_suffix(suffix) {
            return Some(outlet_name(outlet));
        }
    }
    // One word, or a name with no given name: an outlet signing its own
    // article ("By Azernews"); a person's name is not an outlet.
    let words: Vec<&str> = rest.split_whitespace().collect();
    let person = words.len() >= 2 && super::people::is_given_name(words[0]);
    (!person && words.len() <= 3 && !rest.contains(" and ")).then(|| outlet_name(rest))
}

/// Reads the header out of an article's first paragraphs.
pub fn read(paragraphs: &[String]) -> Header {
    let mut header = Header::default();
    let mut index = 0;
    let mut first = paragraphs.first().cloned().unwrap_or_default();

    if let Some(c) = ISO_HEADER.captures(&first) {
        header.date = c[1].parse().ok();
        first = first[c.get(0).unwrap().end()..].to_string();
        if let Some(c) = SYNDICATED.captures(&first) {
            header.via = c[1].to_string();
            header.source = outlet_name(&c[2]);
            first = first[c.get(0).unwrap().end()..].to_string();
        }
        if let Some(c) = BYLINE.captures(&first) {
            header.source = outlet_name(&c[1]);
            first.clear();
        }
        if first.trim().is_empty() {
            index += 1;
            first = paragraphs.get(index).cloned().unwrap_or_default();
        }
    } else if is_headline(&first)
        && paragraphs.len() > 1
        && dateline(&first).is_none()
        && dates::date_line(&first).is_none()
        && !FURNITURE_LINE.is_match(&first)
    {
        header.title = Some(first.trim().to_string());
        index += 1;
        first = paragraphs.get(index).cloned().unwrap_or_default();
    }
    // Bylines, date lines and furniture, in any order, before the body.
    while index + 1 < paragraphs.len() {
        let line = first.trim();
        if let Some(found) = dates::date_line(line).filter(|d| d.rest.is_empty()) {
            note_date_line(&mut header, found);
        } else if line.split_whitespace().count() <= 14 && FURNITURE_LINE.is_match(line) {
            if header.source.is_empty()
                && let Some(outlet) = byline_outlet(line)
            {
                header.source = outlet;
            }
        } else {
            break;
        }
        index += 1;
        first = paragraphs[index].clone();
    }
    if let Some(found) = dates::date_line(&first).filter(|d| !d.rest.is_empty()) {
        // A date line run into the first paragraph, with no blank line between.
        first = found.rest.clone();
        note_date_line(&mut header, found);
    }

    let mut lead = first.clone();
    if let Some(c) = dateline(&first) {
        header.dateline = c["places"].split('/').map(place_name).collect();
        if let Some(agency) = c.name("agency")
            && header.source.is_empty()
        {
            header.source = outlet_name(agency.as_str());
        }
        if let Some(date) = c.name("date") {
            let text = date.as_str();
            let full = full_dates(text).next();
            let partial = || -> Option<Date> {
                // "November 27": the year comes from the header's own date.
                let year = header.date?.year();
                let m = MONTH_DAY.captures(text)?;
                let month = month_number(m.name("m1").or(m.name("m2"))?.as_str())?;
                let day = m.name("d1").or(m.name("d2"))?.as_str().parse().ok()?;
                Date::new(year, month, day).ok()
            };
            header.date = header.date.or(full).or_else(partial);
        }
        lead = first[c.get(0).unwrap().end()..].to_string();
    }
    // A date line alone after the lead paragraph ("Month D, YYYY, HH:MM,
    // Place" under the first paragraph), or a "Published …" line at the end.
    if header.date.is_none() {
        let after_lead = index + 1..paragraphs.len().min(index + 3);
        let trailing =
            (paragraphs.len().saturating_sub(2).max(after_lead.end)..paragraphs.len()).rev();
        for i in after_lead.chain(trailing) {
            if let Some(found) = dates::date_line(&paragraphs[i]).filter(|d| d.rest.is_empty()) {
                note_date_line(&mut header, found);
                header.dropped.push(i);
                break;
            }
        }
    }
    header.body_start = index;
    header.first_paragraph = first;
    header.lead = lead;
    header
}

/// Takes a date line's date (the first one the header gives) and its place
/// as the dateline.
fn note_date_line(header: &mut Header, found: dates::DateLine) {
    if header.date.is_none() {
        header.date = Some(found.date);
    }
    if header.dateline.is_empty()
        && let Some(place) = found.place
    {
        header.dateline = vec![place_name(&place)];
    }
}

/// The latest full date the text mentions: a hint for undated articles.
pub fn latest_date(text: &str) -> Option<Date> {
    full_dates(text).max()
}

/// A headline made from the lead sentence: its first clause, at most about
/// twelve words, no final period.
pub fn headline_from(lead: &str) -> String {
    static SENTENCE_END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[.!?][\x22”’]?\s+[A-Z\x22“]").unwrap());
    let sentence = match SENTENCE_END.find(lead) {
        Some(m) => &lead[..m.start() + 1],
        None => lead,
    };
    let sentence = sentence.trim().trim_end_matches(['.', '!']);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= 12 {
        return words.join(" ");
    }
    // Cut at the first clause boundary after five words (within fifteen),
    // else at twelve words; never end on a word that leads into the rest.
    let cut = words[..15.min(words.len())]
        .iter()
        .enumerate()
        .skip(4)
        .find(|(_, w)| w.ends_with(',') || w.ends_with(';'))
        .map_or(12, |(i, _)| i + 1);
    const DANGLING: &[&str] = &[
        "a", "an", "and", "as", "at", "between", "by", "during", "for", "from", "her", "his", "in",
        "its", "of", "on", "or", "that", "the", "their", "to", "which", "with",
    ];
    let mut kept = &words[..cut];
    while let Some((last, rest)) = kept.split_last()
        && rest.len() >= 4
        && DANGLING.contains(&last.to_lowercase().as_str())
    {
        kept = rest;
    }
    kept.join(" ").trim_end_matches([',', ';']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text;
    use jiff::civil::date;

    fn header_of(raw: &str) -> Header {
        read(&text::paragraphs(&text::normalise(raw)))
    }

    #[test]
    fn trend_header_with_syndicator_and_yearless_dateline() {
        let h = header_of(
            " date 2023-11-27 (MENAFN- Trend News Agency) BAKU, Azerbaijan, November 27. Iran and Azerbaijan are improving cooperation.\n\nMore.",
        );
        assert_eq!(h.date, Some(date(2023, 11, 27)));
        assert_eq!(
            (h.source.as_str(), h.via.as_str()),
            ("Trend News Agency", "MENAFN")
        );
        assert_eq!(h.dateline, ["Baku"]);
        assert_eq!(h.lead, "Iran and Azerbaijan are improving cooperation.");
        assert!(
            h.first_paragraph
                .starts_with("BAKU, Azerbaijan, November 27. Iran")
        );
    }

    #[test]
    fn byline_header_on_its_own_line() {
        let h = header_of(
            " date 2020-11-05 By Azernews\n\n\n\nBilateral energy cooperation issues were discussed.\n",
        );
        assert_eq!(h.date, Some(date(2020, 11, 5)));
        assert_eq!(h.source, "Azernews");
        assert_eq!(h.body_start, 1);
        assert_eq!(
            h.lead,
            "Bilateral energy cooperation issues were discussed."
        );
    }

    #[test]
    fn tdi_dateline_with_two_places() {
        let h =
            header_of("Baku/Tehran, 26 June 2023 (TDI): Iranian Foreign Minister spoke.\n\nMore.");
        assert_eq!(h.date, Some(date(2023, 6, 26)));
        assert_eq!(h.source, "The Diplomatic Insight (TDI)");
        assert_eq!(h.dateline, ["Baku", "Tehran"]);
        let h = header_of("Moscow, 6 October 2022 (TDI): The Minister met.\n\nMore.");
        assert_eq!(
            (h.date, h.dateline),
            (Some(date(2022, 10, 6)), vec!["Moscow".to_string()])
        );
    }

    #[test]
    fn headline_then_weekday_date_line() {
        let h = header_of(
            "Iranian cargo plane crashes into Karaj houses\n\nTuesday, January 15, 2019 \n\n\nA Boeing 707 cargo plane crashed.\n",
        );
        assert_eq!(
            h.title.as_deref(),
            Some("Iranian cargo plane crashes into Karaj houses")
        );
        assert_eq!(h.date, Some(date(2019, 1, 15)));
        assert_eq!(h.body_start, 2);
    }

    #[test]
    fn no_date_in_the_header_means_no_date() {
        let raw = "Azerbaijan and Iran have discussed the implementation of joint military projects, a source at the Azerbaijani embassy in Iran has reported.\n\nOn November 28, 2021, Azerbaijan, Iran and Turkmenistan signed a deal. It followed the 2020 war.\n";
        let h = header_of(raw);
        assert_eq!(h.date, None);
        assert_eq!(latest_date(raw), Some(date(2021, 11, 28)));
        assert_eq!(
            headline_from(&h.lead),
            "Azerbaijan and Iran have discussed the implementation of joint military projects"
        );
    }

    #[test]
    fn long_leads_are_cut_at_a_clause_and_never_end_on_a_small_word() {
        assert_eq!(
            headline_from(
                "Iran and Azerbaijan are improving cooperation in various areas, such as politics, economy, military, etc., the spokesman said."
            ),
            "Iran and Azerbaijan are improving cooperation in various areas"
        );
        assert_eq!(
            headline_from(
                "Bilateral energy cooperation issues between Azerbaijan and Iran were discussed during an online meeting on November 4."
            ),
            "Bilateral energy cooperation issues between Azerbaijan and Iran were discussed"
        );
    }

    #[test]
    fn wire_dateline_without_date() {
        let h = header_of("WASHINGTON (Reuters) - The Senate voted on Tuesday.\n\nMore.");
        assert_eq!(h.source, "Reuters");
        assert_eq!(h.dateline, ["Washington"]);
        assert_eq!(h.date, None);
    }

    #[test]
    fn official_date_line_after_the_headline_gives_date_and_place() {
        let h = header_of(
            "Ilham Aliyev received the delegation\n\nDecember 24, 2019, 12:30, Baku\n\nPresident Ilham Aliyev received a delegation.\n\nMore.",
        );
        assert_eq!(h.date, Some(date(2019, 12, 24)));
        assert_eq!(h.dateline, ["Baku"]);
        assert_eq!(h.lead, "President Ilham Aliyev received a delegation.");
    }

    #[test]
    fn date_line_under_the_lead_paragraph_is_found_and_left_out_of_the_body() {
        let h = header_of(
            "Aliyev meets Raisi\n\nPresident Ilham Aliyev met President Ebrahim Raisi.\n\nMarch 3, 2024, 14:32, Tehran\n\nThey discussed trade.",
        );
        assert_eq!(h.date, Some(date(2024, 3, 3)));
        assert_eq!(h.dateline, ["Tehran"]);
        assert_eq!(h.dropped, [2]);
        assert_eq!(
            h.lead,
            "President Ilham Aliyev met President Ebrahim Raisi."
        );
    }

    #[test]
    fn byline_before_the_dateline_names_the_outlet() {
        let h = header_of(
            "Gas flows resume\n\nBy Caspian Wire staff\n\nBAKU, Azerbaijan, March 3, 2024 — Gas flows resumed on Sunday.\n\nMore.",
        );
        assert_eq!(h.date, Some(date(2024, 3, 3)));
        assert_eq!(h.dateline, ["Baku"]);
        assert_eq!(h.source, "Caspian Wire");
        assert_eq!(h.lead, "Gas flows resumed on Sunday.");
        let h = header_of(
            "Talks end\n\nBy John Smith, Reuters\n\nUpdated March 4, 2024\n\nThe talks ended.\n\nMore.",
        );
        assert_eq!(
            (h.source.as_str(), h.date),
            ("Reuters", Some(date(2024, 3, 4)))
        );
        let h = header_of(
            "Talks end\n\nBy John Smith\n\nReading time: 3 min\n\nThe talks ended.\n\nMore.",
        );
        assert_eq!(
            (h.source.as_str(), h.lead.as_str()),
            ("", "The talks ended.")
        );
    }

    #[test]
    fn a_trailing_published_line_dates_the_article_and_narrative_dates_do_not() {
        let h = header_of(
            "Talks end\n\nThe talks ended.\n\nMore text here.\n\nAnd more.\n\nPublished: 5 May 2023",
        );
        assert_eq!(h.date, Some(date(2023, 5, 5)));
        let h = header_of(
            "Talks end\n\nOn March 3, 2024 the talks ended.\n\nThe treaty, signed on 5 May 2023, holds.\n\nMore.",
        );
        assert_eq!(h.date, None);
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(
            latest_date("on 30 February 2023 and March 3, 2021"),
            Some(date(2021, 3, 3))
        );
    }
}
