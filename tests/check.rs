//! `briefing check`: broken links and anchors fail it, with the page, line
//! and the content file they come from; the sample site passes; content
//! lint is listed as warnings with file and line.

mod common;

use std::path::Path;

use common::*;

fn article(site: &Path, name: &str, front: &str, body: &str) {
    write(
        &site.join("content").join(name),
        &format!("---\n{front}\n---\n\n{body}\n"),
    );
}

#[test]
fn a_planted_broken_link_and_anchor_are_reported_and_fail_the_check() {
    let site = tempfile::tempdir().unwrap();
    write(
        &site.path().join("site.toml"),
        "title = \"T\"\nbase_url = \"https://example.github.io/t/\"\n",
    );
    let front = "title: \"A\"\ndate: 2024-01-02\ncountries: [\"Iran\"]\ntopics: [\"energy\"]";
    article(
        site.path(),
        "a.md",
        front,
        "See [gone](../no-such-article/), [there](#no-such-id) and [b](../b/).",
    );
    article(
        site.path(),
        "b.md",
        &front.replace("\"A\"", "\"B\""),
        "Text.",
    );
    let output = briefing()
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: articles/a/"))
        .collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains("articles/a/index.html:1:")
            && lines[0].contains("broken link `../no-such-article/`")
            && lines[0].contains("a.md"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("broken anchor `#no-such-id`") && lines[1].contains("a.md"),
        "{stderr}"
    );
    // The link to b works and is not reported; check wrote no public/.
    assert!(!stderr.contains("../b/"), "{stderr}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn content_lint_names_the_file_and_line() {
    let site = tempfile::tempdir().unwrap();
    write(&site.path().join("site.toml"), "title = \"T\"\n");
    article(
        site.path(),
        "a.md",
        "title: \"A\"\ndate: 2024-01-02\ncountries: [\"Irann\"]\ntopics: []\nfigures:\n  - value: 5\n    unit: \"\"\n    sentence: \"Five.\"",
        "Text.",
    );
    article(
        site.path(),
        "b.md",
        "title: \"B\"\ncountries: [\"Iran\"]\ntopics: [\"energy\"]",
        "Text.",
    );
    let output = briefing()
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "warnings alone do not fail: {output:?}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "a.md:4:1: country `Irann` is not in the gazetteer",
        "a.md:5:1: no `topics`",
        "a.md:6:1: figure 1 (5) has no `unit`",
        "b.md:1:1: no `date`",
    ] {
        assert!(stderr.contains(expected), "{expected} not in:\n{stderr}");
    }
}

#[test]
fn the_sample_site_has_no_broken_link() {
    let output = briefing()
        .args(["check", "--root"])
        .arg(project_root())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(": 0 broken"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("error:"), "{stderr}");
}

#[test]
fn a_large_briefing_front_page_lists_months_that_link_into_the_article_table() {
    let site = tempfile::tempdir().unwrap();
    write(
        &site.path().join("site.toml"),
        "title = \"T\"\nbase_url = \"https://example.github.io/t/\"\n",
    );
    // 150 articles over 5 months, and one undated: too many to list in full.
    for i in 0..150 {
        let front = format!(
            "title: \"Article {i}\"\ndate: 2024-0{}-{:02}\ncountries: [\"Iran\"]\ntopics: [\"energy\"]",
            1 + i % 5,
            1 + i % 28
        );
        article(site.path(), &format!("a{i:03}.md"), &front, "Text.");
    }
    article(
        site.path(),
        "undated.md",
        "title: \"Undated one\"\ncountries: [\"Iran\"]\ntopics: [\"energy\"]",
        "Text.",
    );
    let output = briefing()
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");

    let out = site.path().join("public");
    briefing()
        .args(["build", "-q", "--root"])
        .arg(site.path())
        .assert()
        .success();
    let front = parse_html(&out.join("index.html"));
    let months: Vec<(String, String)> = select(&front, "ul.month-index li")
        .iter()
        .map(|li| {
            let link = li.select(&scraper::Selector::parse("a").unwrap()).next();
            let href = link
                .and_then(|a| a.value().attr("href"))
                .unwrap_or_default();
            (text_of(li), href.to_string())
        })
        .collect();
    assert_eq!(months.len(), 6, "{months:?}");
    assert_eq!(months[0].0, "May 2024 30");
    assert_eq!(months[0].1, "articles/index.html#m-2024-05");
    assert_eq!(months[5].0, "Undated 1");
    assert_eq!(months[5].1, "articles/index.html#undated");
    // The articles themselves are in the table, not on the front page.
    assert!(select(&front, "#archive ~ ol.article-list").is_empty());
    let table = parse_html(&out.join("articles/index.html"));
    let may = select(&table, "tbody#m-2024-05 tr:not(.table-group)");
    assert_eq!(may.len(), 30);
}
