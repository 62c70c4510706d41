//! The importer's header reading measured on real news text: the Wikinews
//! sample (tests/fixtures/wikinews, CC BY 2.5, see its SOURCE.md), whose
//! manifest gives each article's true publication date and title.

use std::collections::HashMap;
use std::path::PathBuf;

use briefing::import::{header, text};

struct Row {
    file: String,
    date: String,
    dateline_in_text: bool,
    title: String,
}

fn manifest() -> (PathBuf, Vec<Row>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wikinews");
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let mut lines = text.lines();
    let columns: HashMap<&str, usize> = lines
        .next()
        .unwrap()
        .split('\t')
        .enumerate()
        .map(|(i, c)| (c, i))
        .collect();
    let rows = lines
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            Row {
                file: cells[columns["file"]].into(),
                date: cells[columns["date"]].into(),
                dateline_in_text: cells[columns["dateline_in_text"]] == "yes",
                title: cells[columns["title"]].into(),
            }
        })
        .collect();
    (dir, rows)
}

#[test]
fn wikinews_dates_and_titles_match_the_manifest() {
    let (dir, rows) = manifest();
    assert_eq!(rows.len(), 293);
    let (mut with_dateline, mut right_dates, mut right_titles) = (0, 0, 0);
    let mut wrong = Vec::new();
    for row in &rows {
        let (raw, _) = text::decode(&std::fs::read(dir.join(&row.file)).unwrap());
        let paragraphs = text::paragraphs(&text::normalise(&raw));
        let found = header::read(&paragraphs);
        let date = found.date.map(|d| d.to_string());
        if row.dateline_in_text {
            with_dateline += 1;
            if date.as_deref() == Some(row.date.as_str()) {
                right_dates += 1;
            } else {
                wrong.push(format!(
                    "{}: date {date:?}, expected {}",
                    row.file, row.date
                ));
            }
        } else if let Some(date) = date.filter(|d| *d != row.date) {
            wrong.push(format!(
                "{}: asserted {date}, true date {}",
                row.file, row.date
            ));
        }
        let title = found
            .title
            .unwrap_or_else(|| header::headline_from(&found.lead));
        if title == row.title.trim() {
            right_titles += 1;
        } else {
            wrong.push(format!(
                "{}: title {title:?}, expected {:?}",
                row.file, row.title
            ));
        }
    }
    eprintln!(
        "dates {right_dates}/{with_dateline}, titles {right_titles}/{}",
        rows.len()
    );
    for line in wrong.iter().take(15) {
        eprintln!("  {line}");
    }
    assert_eq!(with_dateline, 173);
    assert!(
        right_dates == with_dateline,
        "dates right: {right_dates}/{with_dateline}"
    );
    assert!(
        !wrong.iter().any(|w| w.contains("asserted")),
        "a date the text does not give was asserted"
    );
    assert!(
        right_titles * 100 >= rows.len() * 99,
        "titles right: {right_titles}/{}",
        rows.len()
    );
}

#[test]
fn every_wikinews_article_imports() {
    let (dir, rows) = manifest();
    let importer = briefing::import::Importer::new(&briefing::config::SiteConfig::default());
    let failed: Vec<String> = rows
        .iter()
        .filter_map(|row| {
            let bytes = std::fs::read(dir.join(&row.file)).unwrap();
            importer
                .read(&bytes, &row.file)
                .err()
                .map(|e| format!("{}: {e}", row.file))
        })
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}
