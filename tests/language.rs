//! The pages speak the site's language: built with `language = "ru"`, the
//! sample shows none of the English phrases of the default templates, its
//! dates carry Russian month names, and counts take Russian plural forms.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

/// The English phrases the default templates write (`t(s="…")`), cut at
/// their placeholders into the fragments a page would show, keeping those a
/// reader would notice: two words or more, or one capitalised word of four
/// letters or more ("Countries", "Key figures"), not an acronym.
fn english_fragments() -> BTreeSet<String> {
    let call = regex::Regex::new(r#"t\(s=(?:"((?:[^"\\]|\\.)*)"|'([^']*)')"#).unwrap();
    let placeholder = regex::Regex::new(r"\{[a-z]+\}").unwrap();
    let mut fragments = BTreeSet::new();
    for entry in std::fs::read_dir(project_root().join("templates")).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for phrase in call.captures_iter(&source) {
            let phrase = phrase.get(1).or(phrase.get(2)).unwrap().as_str();
            for fragment in placeholder.split(phrase) {
                let fragment = fragment.trim_matches(|c: char| !c.is_alphanumeric());
                let words = fragment.split_whitespace().count();
                let noticed = words >= 2
                    || fragment.chars().count() >= 4
                        && fragment.chars().next().is_some_and(char::is_uppercase);
                // Names of formats ("CSV", "JSON", "PDF") are the same in every language.
                let acronym = fragment.chars().all(|c| c.is_ascii_uppercase());
                if noticed && !acronym && fragment.is_ascii() {
                    fragments.insert(fragment.to_string());
                }
            }
        }
    }
    fragments
}

/// The words of a page a reader sees or hears: its text and the labels of
/// its elements, without scripts and styles.
fn page_words(path: &Path) -> String {
    let doc = parse_html(path);
    let mut words = String::new();
    for element in select(&doc, "body *:not(script):not(style)") {
        for text in element.text() {
            words.push_str(text);
            words.push('\n');
        }
        for attribute in ["aria-label", "title", "placeholder", "data-label", "alt"] {
            if let Some(value) = element.value().attr(attribute) {
                words.push_str(value);
                words.push('\n');
            }
        }
    }
    if let Some(title) = select(&doc, "title").first() {
        words.push_str(&text_of(title));
    }
    words
}

#[test]
fn a_russian_site_shows_no_english_phrase_and_russian_dates() {
    let site = tempfile::tempdir().unwrap();
    copy_sample(site.path());
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = regex::Regex::new(r#"(?m)^language = .*$"#)
        .unwrap()
        .replace(&text, "language = \"ru\"");
    assert!(
        text.contains("language = \"ru\""),
        "the sample's site.toml names its language"
    );
    std::fs::write(&config, text.as_ref()).unwrap();
    let out = site.path().join("public");
    briefing()
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&out)
        .assert()
        .success();

    // What the articles themselves say (English here) cannot tell a page's
    // own words from a quotation: fragments they contain are not asked for.
    let mut content = String::new();
    for entry in walkdir::WalkDir::new(site.path().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            content.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    content.push_str(&std::fs::read_to_string(&config).unwrap());
    let fragments: Vec<String> = english_fragments()
        .into_iter()
        .filter(|f| !content.contains(f.as_str()))
        .collect();
    assert!(
        fragments.len() > 100,
        "{} phrases to look for",
        fragments.len()
    );

    let pages = html_files(&out);
    assert!(pages.len() > 30);
    let mut english = Vec::new();
    let mut all_words = String::new();
    for page in &pages {
        let words = page_words(page);
        for fragment in &fragments {
            if words.contains(fragment.as_str()) {
                english.push(format!(
                    "{}: {fragment}",
                    page.strip_prefix(&out).unwrap().display()
                ));
            }
        }
        all_words.push_str(&words);
    }
    assert!(
        english.is_empty(),
        "English on a Russian site:\n{}",
        english.join("\n")
    );

    // Russian words the pages must show, dates with Russian months among them.
    for expected in [
        "Ключевые показатели",
        "Страны",
        "Статьи",
        "ноября 2023",
        "ноября 2020",
        "июня 2023",
    ] {
        assert!(all_words.contains(expected), "no page shows {expected:?}");
    }
    // Counts in their Russian forms: the sample's five articles ("many")
    // come from three outlets ("few").
    let printed = page_words(&out.join("briefing/index.html"));
    assert!(printed.contains("5 статей из 3 изданий"), "{printed}");
    assert!(printed.contains("3 издания"), "{printed}");
    assert!(!printed.contains("5 статьи"), "{printed}");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        html.contains("<html lang=\"ru\""),
        "the page says its language"
    );
}
