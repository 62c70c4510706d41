//! Writes an imported article's front matter as YAML an analyst can read
//! and edit: fields in a fixed order, empty ones left out, every string
//! double-quoted so no text can change the document's structure.

use std::fmt::Write;

use crate::content::front_matter::FrontMatter;

/// A YAML double-quoted scalar.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // YAML allows only its printable set unescaped (no C0/C1
            // controls, no U+FFFE or U+FFFF); the byte-order mark and line
            // separators are legal but invisible, so they are escaped too.
            c if c.is_control()
                || matches!(
                    c,
                    '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number without a needless ".0": 334000000, 0.26.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The front matter's lines, without the `---` fences.
pub fn front_matter(front: &FrontMatter) -> String {
    let mut out = String::new();
    let mut line = |key: &str, value: String| {
        let _ = writeln!(out, "{key}: {value}");
    };
    line("title", quoted(&front.title));
    if let Some(date) = front.date {
        line("date", date.to_string());
    }
    if let Some(hint) = front.date_hint {
        line("date_hint", hint.to_string());
    }
    if let Some(updated) = front.updated {
        line("updated", updated.to_string());
    }
    for (key, value) in [
        ("source", &front.source),
        ("via", &front.via),
        ("url", &front.url),
        ("language", &front.language),
    ] {
        if !value.is_empty() {
            line(key, quoted(value));
        }
    }
    if !front.authors.is_empty() {
        line("authors", list(&front.authors));
    }
    for (key, values) in [
        ("dateline", &front.dateline),
        ("countries", &front.countries),
        ("mentions", &front.mentions),
        ("topics", &front.topics),
    ] {
        if !values.is_empty() {
            line(key, list(values));
        }
    }
    if !front.people.is_empty() {
        out.push_str("people:\n");
        for person in &front.people {
            let _ = writeln!(out, "  - name: {}", quoted(&person.name));
            if !person.role.is_empty() {
                let _ = writeln!(out, "    role: {}", quoted(&person.role));
            }
        }
    }
    if !front.figures.is_empty() {
        out.push_str("figures:\n");
        for figure in &front.figures {
            let _ = writeln!(out, "  - value: {}", number(figure.value));
            if let Some(max) = figure.value_max {
                let _ = writeln!(out, "    value_max: {}", number(max));
            }
            let _ = writeln!(out, "    unit: {}", quoted(&figure.unit));
            for (key, value) in [
                ("label", &figure.label),
                ("text", &figure.text),
                ("qualifier", &figure.qualifier),
                ("period", &figure.period),
            ] {
                if !value.is_empty() {
                    let _ = writeln!(out, "    {key}: {}", quoted(value));
                }
            }
            if !figure.countries.is_empty() {
                let _ = writeln!(out, "    countries: {}", list(&figure.countries));
            }
            let _ = writeln!(out, "    sentence: {}", quoted(&figure.sentence));
        }
    }
    if !front.also_in.is_empty() {
        let _ = writeln!(out, "also_in:");
        for other in &front.also_in {
            let _ = writeln!(out, "  - source: {}", quoted(&other.source));
            if !other.url.is_empty() {
                let _ = writeln!(out, "    url: {}", quoted(&other.url));
            }
        }
    }
    if !front.summary.is_empty() {
        let _ = writeln!(out, "summary: {}", quoted(&front.summary));
    }
    if front.draft {
        out.push_str("draft: true\n");
    }
    if front.reviewed {
        out.push_str("reviewed: true\n");
    }
    let _ = writeln!(out, "source_file: {}", quoted(&front.source_file));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{KeyFigure, Person};

    #[test]
    fn written_front_matter_reads_back_the_same() {
        let front = FrontMatter {
            title: "Quotes \" and \\ and: colons # and <script>".into(),
            date: Some(jiff::civil::date(2023, 11, 27)),
            source: "Trend News Agency".into(),
            via: "MENAFN".into(),
            dateline: vec!["Baku".into()],
            countries: vec!["Iran".into(), "Azerbaijan".into()],
            people: vec![Person {
                name: "Nasser Kanaani".into(),
                role: "spokesman".into(),
            }],
            figures: vec![KeyFigure {
                value: 334e6,
                value_max: Some(0.26),
                unit: "USD".into(),
                text: "$334 million".into(),
                sentence: "Line one\nline two\u{7}".into(),
                countries: vec!["Iran".into()],
                ..Default::default()
            }],
            summary: "---\nnot a fence \u{fffe}\u{ffff}\u{85}\u{9f}\r".into(),
            source_file: "000.txt".into(),
            ..Default::default()
        };
        let text = format!("---\n{}---\nbody", front_matter(&front));
        let article = crate::content::parse_article(&text, std::path::Path::new("x.md")).unwrap();
        assert_eq!(article.meta, front);
    }

    #[test]
    fn numbers_lose_needless_decimals() {
        assert_eq!(number(334e6), "334000000");
        assert_eq!(number(0.26), "0.26");
        assert_eq!(number(2.403e9), "2403000000");
    }
}
