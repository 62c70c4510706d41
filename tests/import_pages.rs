//! Saved web pages in articles/: the body is found among navigation, share
//! buttons, related links and credits; what the page states in its tags
//! (JSON-LD, OpenGraph, canonical link, html lang) becomes front matter; a
//! gzipped page reads the same; a page with no article fails alone.

mod common;

use std::io::Write;
use std::path::Path;

use common::*;

const PAGE: &str = "tests/fixtures/pages/caspian-wire-gas-swap.html";

fn site_with(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    write(&site.path().join("site.toml"), "title = \"Watch\"\n");
    for (name, bytes) in files {
        let path = site.path().join("articles").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    site
}

fn content_of(site: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(site.join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_saved_page_becomes_an_article_with_its_own_metadata_and_no_page_furniture() {
    let page = std::fs::read(project_root().join(PAGE)).unwrap();
    let site = site_with(&[("gas-swap.html", page)]);
    briefing()
        .current_dir(site.path())
        .arg("import")
        .assert()
        .success();
    let files = content_of(site.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let (name, text) = &files[0];
    assert_eq!(name, "azerbaijan-and-iran-extend-gas-swap-deal.md");
    for line in [
        "title: \"Azerbaijan and Iran extend gas swap deal\"",
        // As published in Baku (UTC+4), not moved to UTC's 3 March 19:30.
        "date: 2024-03-03",
        "updated: 2024-03-05",
        "source: \"Caspian Wire\"",
        "url: \"https://caspianwire.example/2024/03/gas-swap\"",
        "language: \"en\"",
        "authors: [\"Leyla Mammadova\"]",
        "source_file: \"gas-swap.html\"",
    ] {
        assert!(text.lines().any(|l| l == line), "no `{line}` in:\n{text}");
    }
    let front_countries = text
        .lines()
        .find(|l| l.starts_with("countries:"))
        .unwrap_or_default();
    assert!(
        front_countries.contains("Azerbaijan") && front_countries.contains("Iran"),
        "{text}"
    );
    assert!(
        text.contains("value: 2000000000"),
        "the 2 bcm figure:\n{text}"
    );
    let body = text.split("\n---\n").nth(1).unwrap();
    assert!(
        body.contains("Analysts said the agreement showed"),
        "{body}"
    );
    assert!(
        body.contains("technical teams would meet again in Baku"),
        "{body}"
    );
    // The page's list, quote and subheading keep their structure.
    assert!(body.contains("\n- The deal runs until 2029."), "{body}");
    assert!(body.contains("\n> \"This route serves"), "{body}");
    assert!(body.contains("\n## Why the route matters"), "{body}");
    assert!(
        !body.contains("# Azerbaijan and Iran extend"),
        "the headline is the title:\n{body}"
    );
    for furniture in [
        "Subscribe",
        "Share on Facebook",
        "Related stories",
        "Oil output rises",
        "All rights reserved",
        "Privacy",
    ] {
        assert!(
            !body.contains(furniture),
            "`{furniture}` in the body:\n{body}"
        );
    }

    // And it builds into a page with that title and outlet.
    briefing()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let article = std::fs::read_to_string(
        site.path()
            .join("public/articles/azerbaijan-and-iran-extend-gas-swap-deal/index.html"),
    )
    .unwrap();
    assert!(article.contains("Caspian Wire"));
}

#[test]
fn a_gzipped_page_reads_as_the_page_and_a_page_without_an_article_fails_alone() {
    let page = std::fs::read(project_root().join(PAGE)).unwrap();
    let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    packed.write_all(&page).unwrap();
    let menu = b"<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav></body></html>";
    let site = site_with(&[
        ("a/gas-swap.html.gz", packed.finish().unwrap()),
        ("b/menu.htm", menu.to_vec()),
        ("c/note.txt", b"Baku talks\n\nAzerbaijan and Iran held talks in Baku on Monday about trade and transport links between the two countries.\n".to_vec()),
    ]);
    let output = briefing()
        .current_dir(site.path())
        .arg("import")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "a failed file makes the run fail");
    assert!(
        stdout.contains("b/menu.htm") && stdout.contains("no article body found"),
        "{stdout}"
    );
    let files = content_of(site.path());
    assert_eq!(files.len(), 2, "the other two import: {files:?}");
    let gas = &files
        .iter()
        .find(|(n, _)| n.starts_with("azerbaijan-and-iran-extend"))
        .unwrap()
        .1;
    assert!(
        gas.contains("date: 2024-03-03") && gas.contains("source_file: \"a/gas-swap.html.gz\"")
    );
}
