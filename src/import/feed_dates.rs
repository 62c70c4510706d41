//! The calendar day each feed entry was published on, as the feed writes
//! it. feed-rs gives dates in UTC, which moves a story Baku published at
//! 01:30 (+04:00) to the day before; the day as written is the outlet's.
//! Read from the raw feed, entry by entry, in the order feed-rs lists them.

use jiff::civil::Date;

/// The published day (else the updated day) of each entry, as written;
/// `None` when the raw feed cannot be lined up with its entries.
pub fn written_days(bytes: &[u8]) -> Option<Vec<Option<Date>>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        let feed: serde_json::Value = serde_json::from_str(trimmed).ok()?;
        let items = feed.get("items")?.as_array()?;
        return Some(
            items
                .iter()
                .map(|item| {
                    ["date_published", "date_modified"]
                        .iter()
                        .find_map(|key| item.get(*key)?.as_str().and_then(day_as_written))
                })
                .collect(),
        );
    }
    let lower = text.to_ascii_lowercase();
    let tag = if lower.contains("<entry") {
        "entry"
    } else {
        "item"
    };
    let mut days = Vec::new();
    let mut rest = 0;
    while let Some(at) = find_tag(&lower[rest..], tag) {
        let start = rest + at;
        let end = lower[start..]
            .find(&format!("</{tag}>"))
            .map_or(lower.len(), |e| start + e);
        let block = &text[start..end];
        let block_lower = &lower[start..end];
        days.push(
            ["pubdate", "published", "dc:date", "updated", "dc:modified"]
                .iter()
                .find_map(|name| element_text(block, block_lower, name).and_then(day_as_written)),
        );
        rest = end.max(start + 1);
    }
    Some(days)
}

/// Where `<tag` opens an element named exactly `tag` ("<item>" or "<item
/// rdf:about=…>", not "<itemref>").
fn find_tag(lower: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(at) = lower[from..].find(&open) {
        let at = from + at;
        let next = lower[at + open.len()..].chars().next();
        if next.is_some_and(|c| c == '>' || c == '/' || c.is_whitespace()) {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

/// The text of the first `<name>…</name>` in an entry.
fn element_text<'a>(block: &'a str, block_lower: &str, name: &str) -> Option<&'a str> {
    let at = find_tag(block_lower, name)?;
    let open_end = at + block_lower[at..].find('>')? + 1;
    let close = open_end + block_lower[open_end..].find(&format!("</{name}>"))?;
    Some(block[open_end..close].trim())
}

/// "2024-03-03T01:30:00+04:00" and "Sun, 03 Mar 2024 01:30:00 +0400" are
/// both 3 March: the day and month as the outlet wrote them.
fn day_as_written(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.len() >= 10 && text.as_bytes()[4] == b'-' {
        return text[..10].parse().ok();
    }
    // RFC 822: [weekday,] day month year time zone.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| w.bytes().all(|b| b.is_ascii_digit()))?;
    let day: i8 = words[at].parse().ok()?;
    let month = super::header::month_number(words.get(at + 1)?)?;
    let year: i16 = words.get(at + 2)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn entries_keep_the_day_the_outlet_wrote_not_the_day_in_utc() {
        let rss = "<rss><channel><title>T</title>\
            <item><title>a</title><pubDate>Sun, 03 Mar 2024 01:30:00 +0400</pubDate></item>\
            <item><title>b</title><dc:date>2024-03-04T23:50:00-05:00</dc:date></item>\
            <item><title>c</title></item></channel></rss>";
        assert_eq!(
            written_days(rss.as_bytes()),
            Some(vec![Some(date(2024, 3, 3)), Some(date(2024, 3, 4)), None])
        );
        let atom = "<feed><entry><published>2024-03-03T00:15:00+04:00</published>\
            <updated>2024-03-05T10:00:00Z</updated></entry>\
            <entry><updated>2024-03-06T10:00:00Z</updated></entry></feed>";
        assert_eq!(
            written_days(atom.as_bytes()),
            Some(vec![Some(date(2024, 3, 3)), Some(date(2024, 3, 6))])
        );
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "items": [
            {"id": "1", "date_published": "2024-03-03T02:00:00+05:00"}, {"id": "2"}]}"#;
        assert_eq!(
            written_days(json.as_bytes()),
            Some(vec![Some(date(2024, 3, 3)), None])
        );
        assert_eq!(day_as_written("3 March 2024"), Some(date(2024, 3, 3)));
        assert_eq!(day_as_written("yesterday"), None);
    }
}
