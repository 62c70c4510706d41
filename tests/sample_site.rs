//! The sample briefing, built as a user would build it: every page is there,
//! every link resolves, and the output is valid and reproducible.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::*;

const BASE_URL: &str = "https://example.github.io/briefing/";
const BASE_PATH: &str = "/briefing/";

#[test]
fn every_page_of_the_sample_briefing_is_written() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    build_sample(&public);

    let tree = read_tree(&public);
    let articles: Vec<_> = tree
        .keys()
        .filter(|k| {
            k.starts_with("articles/") && k.ends_with("/index.html") && k.matches('/').count() == 2
        })
        .collect();
    assert_eq!(articles.len(), 5, "article pages: {articles:?}");
    // Countries the samples are about, and every topic any article uses.
    for term in [
        "countries/azerbaijan",
        "countries/iran",
        "countries/russia",
        "topics/climate",
        "topics/conflict",
        "topics/diplomacy",
        "topics/economy",
        "topics/energy",
        "topics/military",
        "topics/trade",
        "topics/transport",
    ] {
        assert!(
            tree.contains_key(&format!("{term}/index.html")),
            "no page for {term}"
        );
    }
    for page in [
        "index.html",
        "articles/index.html",
        "countries/index.html",
        "topics/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "theme/style.css",
    ] {
        assert!(tree.contains_key(page), "missing {page}");
    }
}

#[test]
fn articles_table_lists_four_dated_rows_then_one_undated() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let doc = parse_html(&out.path().join("articles/index.html"));
    // Grouped by month, each group a link target of the front page.
    let groups: Vec<String> = select(&doc, "table tbody")
        .iter()
        .map(|group| group.value().attr("id").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        groups,
        [
            "m-2023-11",
            "m-2023-06",
            "m-2022-10",
            "m-2020-11",
            "undated"
        ]
    );
    let headings: Vec<String> = select(&doc, "tbody tr.table-group")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(headings[0], "November 2023");
    let rows = select(&doc, "table tbody tr:not(.table-group)");
    assert_eq!(rows.len(), 5);
    let dates: Vec<String> = rows
        .iter()
        .map(|row| datetime_of(row).unwrap_or_default())
        .collect();
    assert_eq!(
        dates,
        ["2023-11-27", "2023-06-26", "2022-10-06", "2020-11-05", ""]
    );
    let last = text_of(&rows[4]);
    assert!(last.starts_with("Undated"), "last row: {last}");
    assert!(last.contains("joint military projects"), "last row: {last}");
}

#[test]
fn undated_article_shows_no_invented_date_only_the_hint() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let page = out
        .path()
        .join("articles/azerbaijan-and-iran-discuss-joint-military-projects/index.html");
    let doc = parse_html(&page);
    assert!(
        select(&doc, "main time").is_empty(),
        "an undated article must not carry a <time>"
    );
    let header = text_of(&select(&doc, "main .page-header")[0]);
    assert!(header.contains("gives no publication date"), "{header}");
    assert!(header.contains("28 November 2021"), "{header}");
    let feed = std::fs::read_to_string(out.path().join("atom.xml")).unwrap();
    assert!(
        !feed.contains("joint military projects"),
        "undated articles stay out of the feed"
    );
}

#[test]
fn country_page_lists_its_articles_newest_first() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let doc = parse_html(&out.path().join("countries/iran/index.html"));
    let dates: Vec<String> = select(&doc, "section[aria-labelledby=articles] .article-list li")
        .iter()
        .map(|li| datetime_of(li).unwrap_or_else(|| "undated".into()))
        .collect();
    assert_eq!(dates, ["2023-11-27", "2023-06-26", "2020-11-05", "undated"]);
    let mentioned = text_of(&select(&doc, "#mentioned")[0]);
    assert_eq!(mentioned, "Also mentioned in");
}

/// Resolves a link found in `page` to a file of the output, or None when it
/// points outside the site.
fn resolve(out: &Path, page: &Path, link: &str) -> Option<(PathBuf, Option<String>)> {
    if link.starts_with("http://") || link.starts_with("https://") || link.starts_with("mailto:") {
        return None;
    }
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (link, None),
    };
    // A query (a table's preset filter) does not change the file served.
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let target = if path.is_empty() {
        page.to_path_buf()
    } else if let Some(rest) = path.strip_prefix(BASE_PATH) {
        out.join(rest)
    } else {
        assert!(
            !path.starts_with('/'),
            "{}: link {link} leaves the site's sub-path",
            page.display()
        );
        page.parent().unwrap().join(path)
    };
    let mut normal = PathBuf::new();
    for part in target.components() {
        match part {
            std::path::Component::ParentDir => assert!(normal.pop(), "{link} climbs above /"),
            other => normal.push(other),
        }
    }
    if normal.is_dir() {
        normal.push("index.html");
    }
    Some((normal, fragment))
}

/// Every element with an `href` or `src`, with that address.
fn links(doc: &scraper::Html) -> Vec<(scraper::ElementRef<'_>, &str)> {
    select(doc, "[href], [src]")
        .into_iter()
        .map(|e| (e, e.value().attr("href").or(e.value().attr("src")).unwrap()))
        .collect()
}

#[test]
fn every_internal_link_and_anchor_resolves_under_a_sub_path() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let mut checked = 0;
    let mut broken = BTreeSet::new();
    for page in html_files(out.path()) {
        let doc = parse_html(&page);
        for (_, link) in links(&doc) {
            let Some((target, fragment)) = resolve(out.path(), &page, link) else {
                continue;
            };
            checked += 1;
            if !target.is_file() {
                broken.insert(format!("{} -> {link}", page.display()));
                continue;
            }
            if let Some(id) = fragment.filter(|f| !f.is_empty()) {
                let target_doc = parse_html(&target);
                if select(&target_doc, &format!("[id=\"{id}\"]")).is_empty() {
                    broken.insert(format!("{} -> {link} (no such anchor)", page.display()));
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    assert!(
        broken.is_empty(),
        "broken links:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn only_feed_sitemap_and_canonical_use_the_absolute_base_url() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    for page in html_files(out.path()) {
        let doc = parse_html(&page);
        for (element, link) in links(&doc) {
            if link.starts_with(BASE_URL) {
                assert_eq!(
                    element.value().attr("rel"),
                    Some("canonical"),
                    "{}: absolute {link}",
                    page.display()
                );
            }
        }
    }
    let sitemap = std::fs::read_to_string(out.path().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap is well-formed XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.iter().all(|l| l.starts_with(BASE_URL)), "{locs:?}");
    assert!(locs.contains(&"https://example.github.io/briefing/countries/iran/"));
    assert_eq!(
        locs.iter()
            .filter(|l| l.contains("/articles/") && l.len() > BASE_URL.len() + 9)
            .count(),
        5
    );

    let feed = std::fs::read_to_string(out.path().join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).expect("feed is well-formed XML");
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 4, "the four dated articles");
    let first_link = entries[0]
        .descendants()
        .find(|n| n.has_tag_name("link"))
        .unwrap();
    assert_eq!(
        first_link.attribute("href"),
        Some(
            "https://example.github.io/briefing/articles/iran-and-azerbaijan-are-improving-cooperation-in-various-areas/"
        )
    );
}

#[test]
fn two_builds_give_byte_identical_output() {
    let out = tempfile::tempdir().unwrap();
    let first = out.path().join("first");
    let second = out.path().join("second");
    build_sample(&first);
    build_sample(&second);
    let (a, b) = (read_tree(&first), read_tree(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
}

/// The Nu HTML Checker: from `VNU_JAR`, or `.ci/tools/node_modules/vnu-jar` as
/// `.ci/run` installs it. In CI its absence is a failure.
fn vnu_jar() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("VNU_JAR").map(PathBuf::from),
        Some(project_root().join(".ci/tools/node_modules/vnu-jar/build/dist/vnu.jar")),
    ];
    let found = candidates.into_iter().flatten().find(|p| p.is_file());
    if found.is_none() && std::env::var_os("CI").is_some() {
        panic!("the Nu HTML Checker is not installed: run .ci/run or set VNU_JAR");
    }
    found
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let Some(jar) = vnu_jar() else {
        eprintln!("skipped: Nu HTML Checker not installed (set VNU_JAR or run .ci/run)");
        return;
    };
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let pages = html_files(out.path());
    let result = std::process::Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "text"])
        .args(&pages)
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&result.stderr).to_string()
        + &String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "Nu HTML Checker found errors in {} pages:\n{report}",
        pages.len()
    );
}
