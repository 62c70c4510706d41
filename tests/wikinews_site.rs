//! The site a new user gets from 293 real Wikinews articles about many
//! countries (tests/fixtures/wikinews, CC BY 2.5), read as a reader would:
//! every key figure shown says what it measures, and the counts of
//! articles and outlets agree wherever they are shown.

mod common;

use common::*;

fn built() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    wikinews_site(site.path());
    briefing()
        .args(["build", "--quiet", "--root"])
        .arg(site.path())
        .assert()
        .success();
    site
}

#[test]
fn no_page_shows_a_key_figure_without_what_it_measures() {
    let site = built();
    let mut cards = 0;
    let mut rows = 0;
    for page in html_files(&site.path().join("public")) {
        let doc = parse_html(&page);
        for label in select(&doc, ".figure-cards .figure-label") {
            cards += 1;
            assert!(
                text_of(&label).trim().chars().any(char::is_alphabetic),
                "{}: a key figure card without a label",
                page.display()
            );
        }
        for row in select(&doc, ".figures-table tbody tr:not(.group-head)") {
            rows += 1;
            let measure = select_in(&row, "td[data-label='What it measures']");
            let text: String = measure
                .iter()
                .map(|td| {
                    // The label, without the sentence quoted under it.
                    td.text().next().unwrap_or_default().to_string()
                })
                .collect();
            assert!(
                text.trim().chars().any(char::is_alphabetic),
                "{}: a figure row without a label: {}",
                page.display(),
                text_of(&row)
            );
        }
    }
    assert!(cards > 20, "{cards} cards");
    assert!(rows > 500, "{rows} rows");
}

#[test]
fn articles_and_outlets_are_counted_alike_on_every_page() {
    let site = built();
    let out = site.path().join("public");
    let front = parse_html(&out.join("index.html"));
    let stat = |name: &str| -> Option<String> {
        select(&front, ".stats div")
            .iter()
            .find(|d| text_of(d).to_lowercase().starts_with(name))
            .map(|d| text_of(&select_in(d, "dd")[0]))
    };
    assert_eq!(stat("articles").as_deref(), Some("293"));
    // The Wikinews texts name no outlet: none is counted, none is shown as
    // "Unknown source".
    let outlets = stat("outlets");
    let sources = parse_html(&out.join("tables/sources/index.html"));
    let rows = select(&sources, "#sources tbody tr").len();
    assert_eq!(
        outlets.as_deref().map(str::to_string),
        (rows > 0).then(|| rows.to_string())
    );
    let everything = html_files(&out)
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<String>();
    assert!(!everything.contains("Unknown source"));
    assert!(text_of(&select(&sources, ".lede")[0]).contains("293 articles name no outlet"));

    // The printed briefing's cover and summary say the same.
    let briefing = parse_html(&out.join("briefing/index.html"));
    let cover = text_of(&select(&briefing, ".cover-facts")[0]);
    assert!(cover.contains("293 articles"), "{cover}");
    assert!(!cover.contains("0 outlets"), "{cover}");
    let lede = text_of(&select(&briefing, "#summary .lede")[0]);
    assert!(lede.starts_with("293 articles"), "{lede}");
    // Every chapter of the contents holds articles.
    for entry in select(&briefing, ".contents .term-count") {
        assert!(!text_of(&entry).starts_with("0 "), "{}", text_of(&entry));
    }
}
