//! The index against Pagefind's own indexer on the same records.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::*;

fn record(
    n: usize,
    title: &str,
    text: &str,
    date: Option<&str>,
    countries: &[&str],
) -> SearchRecord {
    let mut meta = BTreeMap::from([
        ("title".to_string(), title.to_string()),
        ("source".to_string(), "Trend".to_string()),
    ]);
    let mut filters = BTreeMap::from([(
        "country".to_string(),
        countries.iter().map(|c| c.to_string()).collect(),
    )]);
    let mut sort = BTreeMap::new();
    if let Some(date) = date {
        meta.insert("date".into(), date.into());
        filters.insert("year".into(), vec![date[..4].to_string()]);
        sort.insert("date".into(), date.into());
    }
    SearchRecord {
        url: format!("/briefing/articles/a{n}/"),
        content: format!("{title}. {text}"),
        meta,
        filters,
        sort,
    }
}

/// Hand-made records with every kind of word the splitter treats
/// apart, and enough real articles for several word files.
fn records() -> Vec<SearchRecord> {
    let mut records = vec![
        record(
            0,
            "Azerbaijan-Iran gas swap",
            "The U.S. &amp; Iran — talks in Baku's café-crème district; sysconfig.is_python_build \
             ThreeAntelopes 2024 G20 COVID-19 😀 rocket🚀 Москва Zürich naïve\u{200B}word tilde~ ",
            Some("2024-03-01"),
            &["Azerbaijan", "Iran"],
        ),
        record(
            1,
            "Café politics in Zürich",
            "Swiss café owners said prices rose 5%.",
            None,
            &[],
        ),
        record(
            2,
            "Same text",
            "Identical body.",
            Some("2023-01-05"),
            &["Russia"],
        ),
        record(
            3,
            "Same text",
            "Identical body.",
            Some("2023-01-05"),
            &["Russia"],
        ),
    ];
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wikinews");
    let mut paths: Vec<_> = std::fs::read_dir(fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for (i, path) in paths.iter().take(80).enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
        let date = format!("20{:02}-0{}-1{}", 10 + i % 9, 1 + i % 9, i % 10);
        records.push(record(
            10 + i,
            title.trim(),
            body,
            Some(&date),
            &["Iran"][..i % 2],
        ));
    }
    records
}

/// Every file of a bundle, unpacked, its hash-named parts replaced so
/// that two indexers' files compare.
fn unpacked(files: Vec<(String, Vec<u8>)>) -> BTreeMap<String, BTreeSet<String>> {
    let mut kinds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, bytes) in files {
        let kind = if name.ends_with(".pf_meta") {
            "meta"
        } else if let Some((folder, _)) = name.split_once('/') {
            folder
        } else {
            continue;
        };
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut raw)
            .unwrap();
        let raw = raw
            .strip_prefix(b"pagefind_dcd")
            .expect("signature")
            .to_vec();
        let shown = if kind == "fragment" {
            String::from_utf8(raw).unwrap()
        } else {
            minicbor::Decoder::new(&raw)
                .tokens()
                .map(|token| match token.unwrap() {
                    minicbor::data::Token::String(s) if s.starts_with("en_") => "HASH".to_string(),
                    token => format!("{token:?}"),
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        kinds.entry(kind.to_string()).or_default().insert(shown);
    }
    kinds
}

fn pagefind_files(records: &[SearchRecord]) -> Vec<(String, Vec<u8>)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language("en".into())
            .build();
        let mut index = PagefindIndex::new(Some(options)).unwrap();
        for r in records {
            index
                .add_custom_record(
                    r.url.clone(),
                    r.content.clone(),
                    String::new(),
                    Some(r.meta.clone()),
                    Some(r.filters.clone()),
                    Some(r.sort.clone()),
                )
                .await
                .unwrap();
        }
        index
            .get_files()
            .await
            .unwrap()
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().into_owned(), f.contents))
            .collect()
    })
}

#[test]
fn same_index_as_pagefind() {
    let records = records();
    let theirs = unpacked(pagefind_files(&records));
    let ours = build(&records, "en", "1.6.0", 0);
    let ours = unpacked(ours.files.into_iter().map(|f| (f.path, f.bytes)).collect());
    assert!(
        theirs["index"].len() >= 2,
        "the test needs several word files"
    );
    for kind in ["fragment", "filter", "index", "meta"] {
        assert_eq!(ours[kind], theirs[kind], "{kind} files differ");
    }
}

#[test]
fn positions_are_grouped_by_weight_then_gaps() {
    // Lighter groups first: compound parts (weight 12) open with -13,
    // body words (24) with -25.
    assert_eq!(
        pack_locations(vec![(3, 24), (7, 24), (5, 12)]),
        [-13, 5, -25, 3, 4]
    );
    assert_eq!(
        pack_meta_locations(vec![(2, 1), (0, 4), (0, 1)]),
        [-1, 1, 3, -3, 1]
    );
}
