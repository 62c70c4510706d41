//! The summary tables, dossiers and charts, read the way a reader and a
//! spreadsheet read them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// The rows of every page of a paged table, following its "next" links.
fn paged_rows(out: &Path, first: &str, row_css: &str) -> (Vec<Vec<String>>, Vec<PathBuf>) {
    let mut rows = Vec::new();
    let mut pages = Vec::new();
    let mut page = out.join(first);
    loop {
        let doc = parse_html(&page);
        for tr in select(&doc, row_css) {
            let cells = scraper::Selector::parse("td").unwrap();
            rows.push(tr.select(&cells).map(|td| text_of(&td)).collect());
        }
        pages.push(page.clone());
        let next = select(&doc, "a[rel=next]");
        let Some(next) = next.first() else { break };
        let href = next.value().attr("href").unwrap();
        page = page.parent().unwrap().join(href);
        if page.is_dir() {
            page.push("index.html");
        }
    }
    (rows, pages)
}

/// A CSV file as Python's csv module reads it.
fn python_csv(path: &Path) -> Vec<Vec<String>> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import csv, json, sys\n\
             with open(sys.argv[1], newline='', encoding='utf-8') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f, strict=True))))",
        ])
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn figures_in_content(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|text| text.lines().filter(|l| l.starts_with("  - value:")).count())
        .sum()
}

#[test]
fn figures_table_lists_every_figure_and_its_csv_has_the_same_rows() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let (rows, _) = paged_rows(
        out.path(),
        "tables/figures/index.html",
        "#figures tbody tr:not(.group-head)",
    );
    let expected = figures_in_content(&project_root().join("content"));
    assert!(expected >= 20, "the sample has {expected} figures");
    assert_eq!(rows.len(), expected, "one row per figure the importer read");

    // Value first; what it measures, with the sentence under it; period;
    // countries. The article heads its group of figures.
    let row = rows
        .iter()
        .find(|r| r[0] == "$334 million")
        .expect("$334 million is listed");
    assert!(row[1].starts_with("non-oil trade"), "{}", row[1]);
    assert!(row[1].contains("approximately $334 million"), "{}", row[1]);
    assert_eq!(row[2], "21 Mar – 22 Oct 2023");
    assert_eq!(row[3], "Iran, Azerbaijan");
    let doc = parse_html(&out.path().join("tables/figures/index.html"));
    let group = select(&doc, "#figures tbody")
        .into_iter()
        .find(|g| text_of(g).contains("$334 million"))
        .unwrap();
    let head = text_of(&select_in(&group, "tr.group-head")[0]);
    assert!(
        head.contains("Iran and Azerbaijan are improving cooperation")
            && head.contains("27 November 2023"),
        "{head}"
    );
    assert_eq!(
        select(&doc, "#figures tr.group-head").len(),
        4,
        "one group per article with figures: four of the five"
    );

    let csv = python_csv(&out.path().join("tables/figures/figures.csv"));
    let (header, records) = csv.split_first().unwrap();
    assert_eq!(header[0], "date");
    assert_eq!(records.len(), rows.len(), "CSV rows = page rows");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (record, row) in records.iter().zip(&rows) {
        assert_eq!(
            record[column("value_display")].replace('\u{a0}', " "),
            row[0]
        );
        assert!(row[1].starts_with(&record[column("measure")]));
    }
    let exact = records
        .iter()
        .find(|r| r[column("value_display")] == "$334 million")
        .unwrap();
    assert_eq!(exact[column("date")], "2023-11-27");
    assert_eq!(exact[column("value")], "334000000");
    assert_eq!(exact[column("countries")], "Iran; Azerbaijan");
    assert!(exact[column("url")].starts_with("https://example.github.io/briefing/articles/"));

    let bytes = std::fs::read(out.path().join("tables/figures/figures.csv")).unwrap();
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "RFC 4180 line ends");
    let json: Vec<serde_json::Value> = serde_json::from_slice(
        &std::fs::read(out.path().join("tables/figures/figures.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json.len(), rows.len());
}

#[test]
fn every_table_has_its_page_csv_and_json_linked_from_it() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let hub = parse_html(&out.path().join("tables/index.html"));
    for table in ["figures", "timeline", "matrix", "people", "sources"] {
        let page = out.path().join(format!("tables/{table}/index.html"));
        let doc = parse_html(&page);
        for ext in ["csv", "json"] {
            let file = format!("{table}.{ext}");
            assert!(
                !select(&doc, &format!("a[href$='{file}']")).is_empty(),
                "{table} page links {file}"
            );
            assert!(
                !select(&hub, &format!("a[href$='{file}']")).is_empty(),
                "hub links {file}"
            );
        }
        let csv = python_csv(&out.path().join(format!("tables/{table}/{table}.csv")));
        assert!(csv.len() > 1, "{table}.csv has a header and rows");
        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.path().join(format!("tables/{table}/{table}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(json.as_array().unwrap().len(), csv.len() - 1, "{table}");
    }

    // The timeline runs oldest first, the undated article last and marked.
    let (events, _) = paged_rows(
        out.path(),
        "tables/timeline/index.html",
        "#timeline tbody tr",
    );
    let dates: Vec<&str> = events.iter().map(|e| e[0].as_str()).collect();
    assert_eq!(
        dates,
        [
            "5 November 2020",
            "6 October 2022",
            "26 June 2023",
            "27 November 2023",
            "Undated"
        ]
    );
}

#[test]
fn iran_dossier_shows_its_figures_a_chart_and_who_is_involved() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let doc = parse_html(&out.path().join("countries/iran/index.html"));
    let lede = text_of(&select(&doc, ".page-header .lede")[0]);
    assert!(
        lede.starts_with("4 articles concerning Iran, from 5 November 2020"),
        "{lede}"
    );
    assert!(lede.contains("mostly on diplomacy"), "{lede}");

    // A few key figures, chosen: each says what it measures, each is Iran's.
    let figures = select(&doc, ".figure-cards li");
    assert!((2..=6).contains(&figures.len()), "{}", figures.len());
    // The newest article's largest sum; at most two from one article.
    assert!(
        figures
            .iter()
            .any(|li| text_of(li).contains("$688 million"))
    );
    assert!(figures.iter().all(|li| text_of(li).contains("Iran")));
    for label in select(&doc, ".figure-cards .figure-label") {
        assert!(!text_of(&label).trim().is_empty());
    }
    // The developments, newest first.
    assert!(!select(&doc, ".developments li").is_empty());

    // Four dated articles make no time chart; the measure over periods does.
    let charts = select(&doc, "figure.chart-figure svg");
    assert!(!charts.is_empty(), "a measure over periods");
    for svg in &charts {
        let labelled = svg.value().attr("aria-labelledby").unwrap();
        for id in labelled.split(' ') {
            assert!(!select(&doc, &format!("[id='{id}']")).is_empty(), "{id}");
        }
    }
    // The trade turnover chart carries both periods, also as a table.
    let chart = select(&doc, "figure.chart-figure")
        .into_iter()
        .find(|f| text_of(f).contains("Trade turnover by period"))
        .expect("a chart of trade turnover over periods");
    let numbers = text_of(&select(&doc, "figure.chart-figure details table")[0]);
    assert!(!numbers.is_empty());
    let text = text_of(&chart);
    assert!(
        text.contains("$390.6 million") && text.contains("$240.3 million"),
        "{text}"
    );

    let people = text_of(&select(&doc, "ul.people")[0]);
    assert!(people.contains("Hossein Amir-Abdollahian"), "{people}");
    // "…; 14 key figures." The dossier's CSV holds all of them.
    let total: usize = lede
        .rsplit("; ")
        .next()
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the lede counts the key figures");
    assert!(total >= figures.len());
    let csv = python_csv(&out.path().join("countries/iran/figures.csv"));
    assert_eq!(csv.len() - 1, total);
}

#[test]
fn matrix_cell_counts_the_articles_its_topic_page_files_under_the_country() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let matrix = parse_html(&out.path().join("tables/matrix/index.html"));
    let headers: Vec<String> = select(&matrix, "thead th").iter().map(text_of).collect();
    let trade = headers.iter().position(|h| h == "trade").unwrap();
    let row = select(&matrix, "tbody tr")
        .into_iter()
        .find(|tr| text_of(&select_in(tr, "th")[0]).starts_with("Azerbaijan"))
        .unwrap();
    let cell: usize = text_of(&select_in(&row, "th, td")[trade]).parse().unwrap();

    let topic_page = out.path().join("topics/trade/index.html");
    let topic = parse_html(&topic_page);
    let concerning_azerbaijan = select(&topic, "section[aria-labelledby=articles] .article-list a")
        .iter()
        .filter(|a| {
            let href = a.value().attr("href").unwrap();
            let article = parse_html(&topic_page.parent().unwrap().join(href));
            select(&article, ".facts ul.chips[aria-label=Countries] a")
                .iter()
                .any(|c| text_of(c) == "Azerbaijan")
        })
        .count();
    assert!(cell > 0);
    assert_eq!(cell, concerning_azerbaijan);

    // The cell links to exactly those articles.
    let link = select_in(&row, "td a")
        .into_iter()
        .find(|a| a.value().attr("href").unwrap().contains("/trade/"))
        .unwrap();
    let listed = parse_html(
        &out.path()
            .join("tables/matrix")
            .join(link.value().attr("href").unwrap()),
    );
    assert_eq!(select(&listed, ".article-list li").len(), cell);
}

#[test]
fn front_page_opens_with_an_executive_summary_heat_map_and_chart() {
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let doc = parse_html(&out.path().join("index.html"));
    let summary = &select(&doc, "section.summary")[0];
    let text = text_of(summary);
    let stats: Vec<String> = select_in(summary, ".stats dd")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(stats[0], "5", "articles");
    assert!(
        text.contains("5 November 2020 – 27 November 2023"),
        "{text}"
    );
    // The key figures the digest chose: the toll first, then the sums.
    let cards: Vec<String> = select_in(summary, ".figure-cards .figure-value")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(cards.len(), 6, "{cards:?}");
    assert_eq!(cards[0], "400 people", "{cards:?}");
    assert!(cards.iter().any(|c| c.starts_with('$')), "{cards:?}");
    for label in select_in(summary, ".figure-cards .figure-label") {
        assert!(!text_of(&label).trim().is_empty(), "a card without a label");
    }
    // The developments: the four dated articles, newest first.
    let developments: Vec<String> = select_in(summary, ".developments time")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        developments,
        [
            "27 November 2023",
            "26 June 2023",
            "6 October 2022",
            "5 November 2020"
        ]
    );
    assert_eq!(select_in(summary, "table.heatmap tbody tr").len(), 3);
    // Four dated articles are too few to show a trend: no time chart.
    assert!(select_in(summary, "svg.chart").is_empty());
}

#[test]
fn numbers_follow_the_site_language() {
    let root = tempfile::tempdir().unwrap();
    let config = std::fs::read_to_string(project_root().join("site.toml"))
        .unwrap()
        .replace("language = \"en\"", "language = \"fr\"");
    std::fs::write(root.path().join("site.toml"), config).unwrap();
    let out = tempfile::tempdir().unwrap();
    briefing()
        .args(["build", "--root"])
        .arg(root.path())
        .arg("--content")
        .arg(project_root().join("content"))
        .arg("--output")
        .arg(out.path())
        .assert()
        .success();
    let (rows, _) = paged_rows(
        out.path(),
        "tables/figures/index.html",
        "#figures tbody tr:not(.group-head)",
    );
    let values: Vec<String> = rows.iter().map(|r| r[0].replace('\u{a0}', " ")).collect();
    assert!(values.contains(&"334 millions $".to_string()), "{values:?}");
    assert!(
        values.contains(&"461 000 t".to_string())
            || values.contains(&"461\u{202f}000 t".to_string()),
        "{values:?}"
    );
    assert!(values.contains(&"13,1 %".to_string()), "{values:?}");
}

/// Writes a site of `articles` articles with `figures` figures each.
fn write_big_site(root: &Path, articles: usize, figures: usize) {
    std::fs::write(
        root.join("site.toml"),
        "title = \"Big\"\nbase_url = \"https://example.org/\"\n",
    )
    .unwrap();
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    let sentence = "The ministry said that trade between the two countries grew again over the period, according to figures published by the customs service on Monday, and officials expect further growth. ".repeat(2);
    for a in 0..articles {
        let mut text = format!(
            "---\ntitle: \"Article {a}\"\ndate: 2023-{:02}-{:02}\ncountries: [\"Iran\", \"Azerbaijan\"]\ntopics: [\"trade\"]\nfigures:\n",
            a % 12 + 1,
            a % 28 + 1
        );
        for f in 0..figures {
            text.push_str(&format!(
                "  - value: {}\n    unit: \"USD\"\n    label: \"trade\"\n    period: \"2022-{:02}\"\n    sentence: \"{sentence}\"\n",
                (a * figures + f + 1) * 1000,
                f % 12 + 1
            ));
        }
        text.push_str("---\nBody.\n");
        std::fs::write(content.join(format!("a{a:04}.md")), text).unwrap();
    }
}

#[test]
fn a_long_figures_table_is_split_into_pages_under_a_megabyte() {
    let root = tempfile::tempdir().unwrap();
    write_big_site(root.path(), 60, 20);
    let out = tempfile::tempdir().unwrap();
    briefing()
        .args(["build", "--root"])
        .arg(root.path())
        .arg("--output")
        .arg(out.path())
        .assert()
        .success();
    let (rows, pages) = paged_rows(
        out.path(),
        "tables/figures/index.html",
        "#figures tbody tr:not(.group-head)",
    );
    assert_eq!(rows.len(), 1200);
    assert_eq!(pages.len(), 3, "500 rows a page");
    for page in &pages {
        let size = std::fs::metadata(page).unwrap().len();
        assert!(size < 1_000_000, "{} is {size} bytes", page.display());
    }
    let csv = python_csv(&out.path().join("tables/figures/figures.csv"));
    assert_eq!(csv.len() - 1, 1200, "the CSV holds every figure");
    let doc = parse_html(&pages[1]);
    let status = text_of(&select(&doc, "nav.pagination p")[0]);
    assert_eq!(status, "Rows 501–1,000 of 1,200 · page 2 of 3");
}

/// Headless Chromium, when installed (in CI it must be).
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() && std::env::var_os("CI").is_some() {
        panic!("Chromium is not installed: run .ci/run");
    }
    found
}

#[test]
fn figures_filter_narrows_rows_in_a_browser() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: Chromium not installed");
        return;
    };
    let out = tempfile::tempdir().unwrap();
    build_sample(out.path());
    let profile = tempfile::tempdir().unwrap();
    let url = format!(
        "file://{}?country=russia",
        out.path().join("tables/figures/index.html").display()
    );
    let dom = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--allow-file-access-from-files", "--dump-dom"])
        .arg(&url)
        .output()
        .unwrap();
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&dom.stdout));
    let all = select(&doc, "#figures tbody tr:not(.group-head)");
    let shown: Vec<_> = all
        .iter()
        .filter(|tr| tr.value().attr("hidden").is_none())
        .collect();
    let russian = all
        .iter()
        .filter(|tr| {
            tr.value()
                .attr("data-country")
                .unwrap()
                .split(' ')
                .any(|c| c == "russia")
        })
        .count();
    assert!(russian > 0 && russian < all.len());
    assert_eq!(shown.len(), russian, "only Russia's figures stay visible");
    assert!(shown.iter().all(|tr| text_of(tr).contains("Russia")));
    let form = &select(&doc, "form.table-filters")[0];
    assert!(
        form.value().attr("hidden").is_none(),
        "the script shows the filters"
    );
    assert!(text_of(form).contains(&format!("{russian} of {} rows", all.len())));
    // The sort buttons are added to every sortable header.
    assert_eq!(select(&doc, "#figures thead button.sort").len(), 4);
}
