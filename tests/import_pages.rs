//! Saved web pages in articles/: the body is found among navigation, share
//! buttons, related links and credits; what the page states in its tags
//! (JSON-LD, OpenGraph, canonical link, html lang) becomes front matter; a
//! gzipped page reads the same; a page with no article fails alone. A
//! saved feed (RSS, Atom, JSON Feed) gives one article per entry, and a
//! second import keeps them.

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

const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Caspian Wire</title><link>https://caspianwire.example/</link><language>en</language>
<item><title>Baku and Tehran sign rail deal</title><link>https://caspianwire.example/rail</link>
<guid>cw-101</guid><pubDate>Sun, 03 Mar 2024 09:30:00 +0400</pubDate>
<content:encoded><![CDATA[<p>Azerbaijan and Iran signed a rail agreement on Sunday in Baku.</p><p>The line will carry 5 million tonnes of cargo a year between the two countries.</p>]]></content:encoded></item>
<item><title>Caspian ports report record traffic</title><link>https://caspianwire.example/ports</link><guid>cw-102</guid>
<pubDate>Mon, 04 Mar 2024 10:00:00 +0400</pubDate>
<description>Ports in Azerbaijan and Kazakhstan handled more cargo than ever in 2023.</description></item>
</channel></rss>"#;

const JSON_FEED: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Steppe Daily",
 "items": [{"id": "sd-7", "url": "https://steppe.example/7", "title": "Kazakhstan raises oil output",
  "date_published": "2024-02-10T08:00:00Z", "authors": [{"name": "Aigerim Sadykova"}],
  "content_text": "Kazakhstan raised its oil output to 1.9 million barrels a day in January, the energy ministry said."}]}"#;

#[test]
fn every_feed_entry_becomes_an_article_and_a_second_import_keeps_them() {
    let site = site_with(&[
        ("feeds/caspian.rss", RSS.as_bytes().to_vec()),
        ("feeds/steppe.json", JSON_FEED.as_bytes().to_vec()),
        ("feeds/broken.xml", b"<rss><channel><item>".to_vec()),
    ]);
    let output = briefing()
        .current_dir(site.path())
        .arg("import")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the broken feed fails:\n{said}");
    assert!(
        said.contains("feeds/broken.xml") && said.contains("not a readable feed"),
        "{said}"
    );
    assert!(said.contains("Imported 3, kept 0, failed 1"), "{said}");
    assert!(
        said.contains("only a summary"),
        "the summary-only entry is flagged:\n{said}"
    );

    let files = content_of(site.path());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "baku-and-tehran-sign-rail-deal.md",
            "caspian-ports-report-record-traffic.md",
            "kazakhstan-raises-oil-output.md"
        ]
    );
    let rail = &files[0].1;
    for line in [
        "date: 2024-03-03",
        "source: \"Caspian Wire\"",
        "url: \"https://caspianwire.example/rail\"",
        "source_file: \"feeds/caspian.rss#cw-101\"",
    ] {
        assert!(rail.lines().any(|l| l == line), "no `{line}` in:\n{rail}");
    }
    assert!(rail.contains("value: 5000000"), "{rail}");
    let oil = &files[2].1;
    assert!(
        oil.contains("authors: [\"Aigerim Sadykova\"]") && oil.contains("source: \"Steppe Daily\""),
        "{oil}"
    );

    // Run again: every entry already has its content file.
    let again = briefing()
        .current_dir(site.path())
        .args([
            "import",
            "articles/feeds/caspian.rss",
            "articles/feeds/steppe.json",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success(), "{said}");
    assert!(said.contains("Imported 0, kept 3, failed 0"), "{said}");
}

const WIRE: &str = "Azerbaijan and Iran have agreed to extend their gas swap arrangement for \
another five years, the two governments said on Sunday after talks in Tehran between their \
energy ministers.\n\nUnder the deal, Azerbaijan will continue to deliver up to 2 billion cubic \
metres of natural gas a year to Turkmenistan through Iranian territory, with Iran keeping a \
share of the volume as a transit fee.\n\nAnalysts said the agreement showed that both \
governments want to keep energy cooperation separate from the political disputes that have \
strained their relations in recent years.";

#[test]
fn the_same_story_from_two_outlets_is_kept_once_with_the_other_outlet_named() {
    let first = format!("Azerbaijan and Iran extend gas swap\n\nBy Caspian Wire staff\n\n{WIRE}\n");
    let again = format!(
        "Iran, Azerbaijan extend gas swap deal\n\nSteppe Daily\n\n{WIRE}\n\nFollow us for more news.\n"
    );
    let different = "Kazakhstan raises oil output\n\nKazakhstan raised its oil output to 1.9 \
        million barrels a day in January, the energy ministry said, as new wells at the Tengiz \
        field came on stream ahead of the summer maintenance season.\n";
    let site = site_with(&[
        ("a-caspian.txt", first.into_bytes()),
        ("b-steppe.txt", again.clone().into_bytes()),
        ("c-oil.txt", different.as_bytes().to_vec()),
    ]);
    let output = briefing()
        .current_dir(site.path())
        .arg("import")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("duplicate articles/b-steppe.txt: the same story as articles/a-caspian.txt"),
        "{said}"
    );
    assert!(
        said.contains("Imported 2, kept 0, failed 0, 1 the same story as another"),
        "{said}"
    );
    let files = content_of(site.path());
    assert_eq!(files.len(), 2, "{files:?}");
    let swap = &files
        .iter()
        .find(|(n, _)| n.starts_with("azerbaijan-and-iran"))
        .unwrap()
        .1;
    assert!(swap.contains("also_in:\n  - source: "), "{swap}");

    briefing()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let page = std::fs::read_to_string(
        site.path()
            .join("public/articles/azerbaijan-and-iran-extend-gas-swap/index.html"),
    )
    .unwrap();
    assert!(
        page.contains("Also reported by"),
        "the article page names the other outlet"
    );

    // With --keep-duplicates, the second copy is imported too.
    let site = site_with(&[
        (
            "a-caspian.txt",
            format!("Gas swap extended\n\n{WIRE}\n").into_bytes(),
        ),
        ("b-steppe.txt", again.into_bytes()),
    ]);
    briefing()
        .current_dir(site.path())
        .args(["import", "--keep-duplicates"])
        .assert()
        .success();
    assert_eq!(content_of(site.path()).len(), 2);
}

/// A page of the given head and article body, with page furniture round it.
fn page_with(head: &str, article: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head>{head}</head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/region\">Region</a></nav>\
         <article>{article}\
         <p>Officials from both countries met in the capital on the sidelines of the forum, \
         and talks on the next round of the agreement are expected to continue next month.</p>\
         </article><footer>All rights reserved</footer></body></html>"
    )
    .into_bytes()
}

#[test]
fn dates_titles_outlets_and_addresses_come_from_whatever_structure_a_page_has() {
    // Near-identical bodies: imported with --keep-duplicates, as this test
    // is about the pages' metadata, not about telling stories apart.
    let body = |n: usize| {
        format!(
            "<p>Azerbaijan and Georgia agreed to add {n} freight trains a week on the railway \
             between Baku and Tbilisi, the two governments said in a joint statement.</p>"
        )
    };
    let pages = [
        (
            "json-ld.html",
            page_with(
                r#"<title>Rail deal | Caspian Wire</title><script type="application/ld+json">
                {"@context": "https://schema.org", "@type": "NewsArticle",
                 "headline": "Baku and Tbilisi agree rail expansion",
                 "datePublished": "2024-03-05T10:00:00+04:00",
                 "publisher": {"@type": "Organization", "name": "Caspian Wire"},
                 "url": "https://caspianwire.example/2024/rail"}</script>"#,
                &format!("<h1>Baku and Tbilisi agree rail expansion</h1>{}", body(8)),
            ),
        ),
        (
            "meta-tags.html",
            page_with(
                r#"<title>Rail expansion</title>
                <meta property="og:title" content="Georgia backs rail expansion">
                <meta property="article:published_time" content="2024-03-06T09:00:00Z">
                <meta property="og:site_name" content="Tbilisi Daily">
                <meta property="og:url" content="https://tbilisidaily.example/rail">"#,
                &format!("<h1>Georgia backs rail expansion</h1>{}", body(9)),
            ),
        ),
        (
            "time-element.html",
            page_with(
                "<title>Rail line to grow</title>",
                &format!(
                    "<h1>Rail line to grow</h1><p class=\"byline\"><time datetime=\"2024-03-07T08:00:00+04:00\">7 March 2024</time></p>{}",
                    body(10)
                ),
            ),
        ),
        (
            "visible-date.html",
            page_with(
                "<title>Railway talks conclude</title>",
                &format!(
                    "<h1>Railway talks conclude</h1><p>BAKU, Azerbaijan, March 8, 2024 — Azerbaijan and Georgia concluded two days of railway talks on Friday.</p>{}",
                    body(11)
                ),
            ),
        ),
        (
            "no-date.html",
            page_with(
                "<title>What the rail deal means</title>",
                &format!(
                    "<h1>What the rail deal means</h1><p>On March 3 the treaty on transit came into force, and the ministers said more would follow.</p>{}",
                    body(12)
                ),
            ),
        ),
        (
            "updated.html",
            page_with(
                r#"<title>Rail deal signed</title><script type="application/ld+json">
                {"@type": "ReportageNewsArticle", "headline": "Rail deal signed in Tbilisi",
                 "datePublished": "2024-03-09T12:00:00+04:00", "dateModified": "2024-03-11T08:30:00+04:00",
                 "publisher": {"name": "Caspian Wire"}}</script>"#,
                &format!("<h1>Rail deal signed in Tbilisi</h1>{}", body(13)),
            ),
        ),
    ];
    let site = site_with(&pages);
    briefing()
        .current_dir(site.path())
        .args(["import", "--keep-duplicates"])
        .assert()
        .success();
    let files: std::collections::BTreeMap<String, String> = content_of(site.path())
        .into_iter()
        .map(|(_, text)| {
            let source = text
                .lines()
                .find_map(|l| l.strip_prefix("source_file: "))
                .unwrap()
                .trim_matches('"')
                .to_string();
            (source, text)
        })
        .collect();
    assert_eq!(files.len(), 6, "{files:#?}");
    let field = |file: &str, key: &str| -> Option<String> {
        files[file]
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .map(|v| v.trim_matches('"').to_string())
    };
    // file, title, date, updated, source, url
    type Expected<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );
    let expected: [Expected; 6] = [
        (
            "json-ld.html",
            "Baku and Tbilisi agree rail expansion",
            Some("2024-03-05"),
            None,
            Some("Caspian Wire"),
            Some("https://caspianwire.example/2024/rail"),
        ),
        (
            "meta-tags.html",
            "Georgia backs rail expansion",
            Some("2024-03-06"),
            None,
            Some("Tbilisi Daily"),
            Some("https://tbilisidaily.example/rail"),
        ),
        (
            "time-element.html",
            "Rail line to grow",
            Some("2024-03-07"),
            None,
            None,
            None,
        ),
        (
            "visible-date.html",
            "Railway talks conclude",
            Some("2024-03-08"),
            None,
            None,
            None,
        ),
        // A date in the narrative is never the publication date.
        (
            "no-date.html",
            "What the rail deal means",
            None,
            None,
            None,
            None,
        ),
        (
            "updated.html",
            "Rail deal signed in Tbilisi",
            Some("2024-03-09"),
            Some("2024-03-11"),
            Some("Caspian Wire"),
            None,
        ),
    ];
    for (file, title, date, updated, source, url) in expected {
        let text = &files[file];
        assert_eq!(field(file, "title").as_deref(), Some(title), "{text}");
        assert_eq!(field(file, "date").as_deref(), date, "{text}");
        assert_eq!(field(file, "updated").as_deref(), updated, "{text}");
        assert_eq!(field(file, "source").as_deref(), source, "{text}");
        assert_eq!(field(file, "url").as_deref(), url, "{text}");
    }
    // The place on the date line is the dateline.
    let dateline = field("visible-date.html", "dateline").unwrap_or_default();
    assert!(dateline.contains("Baku"), "{}", files["visible-date.html"]);
}
