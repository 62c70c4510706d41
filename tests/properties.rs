//! Property tests: importing raw text and reading content files never panic,
//! whatever the bytes, and what the importer writes always reads back.
//!
//! CI runs proptest's default number of cases per property; a longer run is
//! `PROPTEST_CASES=200000 cargo test --release --test properties`.

use std::path::Path;
use std::sync::LazyLock;

use briefing::config::SiteConfig;
use briefing::content::{self, RawHtml};
use briefing::import::Importer;
use proptest::prelude::*;

static IMPORTER: LazyLock<Importer> = LazyLock::new(|| Importer::new(&SiteConfig::default()));

/// Pieces of real articles and of what breaks parsers, glued at random.
fn article_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("BAKU, Azerbaijan, May 2. ".to_string()),
        Just("TEHRAN, Nov. 5 (Trend) - ".to_string()),
        Just("By Staff Writer\n".to_string()),
        Just("Trade turnover reached $1.5 billion in January-September 2023. ".to_string()),
        Just("Iran will export 2 million cubic metres of gas a day, up 5.5 percent. ".to_string()),
        Just("At least 91 civilians were killed and more than 400 injured. ".to_string()),
        Just("President Ilham Aliyev met Ebrahim Raisi in Tehran on 3 March 2023. ".to_string()),
        Just("1.5 to 2 billion cubic metres per year ".to_string()),
        Just("Published: 2023-02-30 ".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("---\n".to_string()),
        Just("+++\n".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("# ".to_string()),
        Just("> ".to_string()),
        Just("* ".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("€ ₼ ﷼ $ % № ".to_string()),
        Just("Азербайджан и Иран ".to_string()),
        Just("آذربایجان و ایران ".to_string()),
        "[0-9]{1,12}([.,][0-9]{1,4})? (million|billion|thousand|tons|percent|%|manat|USD) ",
        "[A-Z][a-z]{1,10}( [A-Z][a-z]{1,10}){0,3}",
        ".{0,40}",
        "[\\x00-\\x1f]{1,3}",
    ]
}

fn raw_article() -> impl Strategy<Value = String> {
    proptest::collection::vec(article_piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// Pieces of front matter, valid and not.
fn front_matter_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("+++\n".to_string()),
        Just("title: ".to_string()),
        Just("title = ".to_string()),
        Just("date: 2023-06-26\n".to_string()),
        Just("date: 2023-02-30\n".to_string()),
        Just("date = 2023-06-26\n".to_string()),
        Just("date: 2023-06-26T10:00:00+04:00\n".to_string()),
        Just("countries: [Iran, Russia]\n".to_string()),
        Just("countries = [\"Iran\"]\n".to_string()),
        Just("dateline: Baku\n".to_string()),
        Just("people:\n  - Ilham Aliyev\n  - {name: X, role: Y}\n".to_string()),
        Just("figures:\n  - {value: 1.5e9, unit: m3, value_max: 2e9}\n".to_string()),
        Just("figures:\n  - value: 1e999\n".to_string()),
        Just("figures = [{value = 3, unit = \"t\"}]\n".to_string()),
        Just("slug: ../../etc\n".to_string()),
        Just("slug: Баку\n".to_string()),
        Just("draft: true\n".to_string()),
        Just("url: javascript:alert(1)\n".to_string()),
        Just("unknown_key: {a: [1, {b: 2}]}\n".to_string()),
        Just("&anchor x: *anchor\n".to_string()),
        Just("? complex\n: key\n".to_string()),
        Just("[table]\n".to_string()),
        Just("[[array]]\n".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("[".to_string()),
        Just("{".to_string()),
        Just(": ".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        ".{0,20}",
        "[a-z_]{1,12}: .{0,20}\n",
    ]
}

fn content_file() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("---\n"),
            Just("+++\n"),
            Just(""),
            Just("\u{feff}---\r\n")
        ],
        proptest::collection::vec(front_matter_piece(), 0..25),
        raw_article(),
    )
        .prop_map(|(fence, pieces, body)| format!("{fence}{}{body}", pieces.concat()))
}

proptest! {
    #[test]
    fn importing_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = IMPORTER.read(&bytes, "raw.txt");
    }

    /// Whatever the importer writes is a content file that reads back, with
    /// its title.
    #[test]
    fn imported_articles_read_back(text in raw_article()) {
        if let Ok(imported) = IMPORTER.read(text.as_bytes(), "raw.txt") {
            let markdown = imported.to_markdown();
            let article = content::parse_article(&markdown, Path::new("content/x.md"));
            prop_assert!(article.is_ok(), "{:?}\n--- from ---\n{markdown}", article.err());
            let article = article.unwrap();
            if !imported.front.title.trim().is_empty() {
                prop_assert_eq!(&article.meta.title, &imported.front.title);
            }
            prop_assert_eq!(&article.meta.figures, &imported.front.figures);
        }
    }

    /// A content file either reads or fails with an error naming it.
    #[test]
    fn content_files_never_panic(text in content_file()) {
        if let Err(e) = content::parse_article(&text, Path::new("content/a.md")) {
            prop_assert!(e.to_string().starts_with("content/a.md"), "{e}");
        }
    }

    #[test]
    fn content_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = content::parse_article(&text, Path::new("content/a.md"));
        let _ = briefing::nesting::depth(&bytes);
    }

    /// Sanitised Markdown never carries a script element or handler.
    #[test]
    fn rendered_markdown_runs_no_script(text in raw_article()) {
        let html = content::markdown::render(&text, RawHtml::Sanitise).html;
        let doc = scraper::Html::parse_fragment(&html);
        for node in doc.tree.nodes() {
            if let Some(element) = node.value().as_element() {
                prop_assert_ne!(element.name(), "script");
                for (name, value) in element.attrs() {
                    prop_assert!(!name.starts_with("on"), "{name} in {html}");
                    let value = value.trim().to_ascii_lowercase();
                    prop_assert!(!value.starts_with("javascript:"), "{html}");
                }
            }
        }
    }
}
