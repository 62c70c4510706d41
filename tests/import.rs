//! `briefing import` and `briefing eval` on fixture sites: the five samples
//! scored against the analyst's reference, hand edits that survive, and bad
//! input that fails alone.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use briefing::eval::evaluate;
use common::{briefing, parse_html, project_root, select, text_of};

/// A new site holding the sample's site.toml and raw articles, no content.
fn sample_site_without_content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        project_root().join("site.toml"),
        dir.path().join("site.toml"),
    )
    .unwrap();
    fs::create_dir(dir.path().join("articles")).unwrap();
    for entry in fs::read_dir(project_root().join("articles")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(
            &path,
            dir.path().join("articles").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

fn reference() -> PathBuf {
    project_root().join("tests/fixtures/seeds/expected.toml")
}

fn content_files(site: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(site.join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn the_samples_import_as_the_reference_reads_them() {
    let site = sample_site_without_content();
    briefing()
        .args(["import", "--root"])
        .arg(site.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("Imported 5, kept 0, failed 0"))
        .stderr(predicates::str::contains("date_hint: 2021-11-28"));

    let report = evaluate(&[reference()], &site.path().join("content")).unwrap();
    println!("{report}");
    assert!(report.missing.is_empty(), "{:?}", report.missing);
    let field = |name| report.field(name);
    // Every date right, the undated article undated with its hint.
    assert_eq!(field("date").articles_right, 5);
    assert_eq!(field("source").articles_right, 5);
    assert!(field("countries").precision() >= 0.9 && field("countries").recall() >= 0.9);
    assert!(field("people").recall() >= 0.9);
    let figures = field("figures");
    let reference_figures = figures.true_positives + figures.false_negatives;
    assert_eq!(reference_figures, 23);
    assert!(figures.recall() >= 0.9, "{figures:?}");
    assert!(
        figures.false_positives * 10 <= reference_figures,
        "{figures:?}"
    );
    // The sub-headings of 003 and 004 are headings; "Also Read" lines are gone.
    assert_eq!(field("headings").true_positives, 4);
    assert_eq!(field("headings").false_positives, 0);
    assert_eq!(field("boilerplate removed").false_negatives, 0);

    // The same table on the command line.
    briefing()
        .args(["eval", "--root"])
        .arg(site.path())
        .arg(reference())
        .assert()
        .success()
        .stdout(predicates::str::is_match(r"figures\s+5/5\s+23").unwrap());
}

#[test]
fn the_sample_content_is_the_importers_output_with_hand_corrections() {
    // Every sample article has its content file, matched by source_file: a
    // fresh import keeps them all and writes nothing.
    let site = tempfile::tempdir().unwrap();
    let copy = |from: &str| {
        let to = site.path().join(from);
        fs::create_dir_all(&to).unwrap();
        for entry in fs::read_dir(project_root().join(from)).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    };
    copy("articles");
    copy("content");
    fs::copy(
        project_root().join("site.toml"),
        site.path().join("site.toml"),
    )
    .unwrap();
    briefing()
        .args(["import", "--root"])
        .arg(site.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("Imported 0, kept 5, failed 0"));
    let report = evaluate(&[reference()], &site.path().join("content")).unwrap();
    assert_eq!(report.field("figures").true_positives, 23);
}

#[test]
fn hand_edits_survive_import_and_build() {
    let site = sample_site_without_content();
    // build imports the raw articles first.
    briefing()
        .args(["build", "--root"])
        .arg(site.path())
        .assert()
        .success();
    let files = content_files(site.path());
    assert_eq!(files.len(), 5);
    let edited = files
        .iter()
        .find(|p| {
            fs::read_to_string(p)
                .unwrap()
                .contains("004_4a425e2b788a74ae.txt")
        })
        .unwrap();
    let text = fs::read_to_string(edited).unwrap();
    let old_title = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap()
        .to_string();
    let text = text.replace(&old_title, "title: \"Edited by an analyst\"");
    fs::write(edited, &text).unwrap();

    briefing()
        .args(["import", "--root"])
        .arg(site.path())
        .assert()
        .success();
    briefing()
        .args(["build", "--root"])
        .arg(site.path())
        .assert()
        .success();
    assert_eq!(fs::read_to_string(edited).unwrap(), text);
    assert_eq!(content_files(site.path()).len(), 5);
    let page = site.path().join(format!(
        "public/articles/{}/index.html",
        edited.file_stem().unwrap().to_string_lossy()
    ));
    let html = parse_html(&page);
    assert_eq!(text_of(&select(&html, "h1")[0]), "Edited by an analyst");

    // --force re-imports, and keeps the edited file beside the new one.
    briefing()
        .args(["import", "--force", "--root"])
        .arg(site.path())
        .assert()
        .success()
        .stdout(predicates::str::contains(".md.orig"));
    let kept = edited.with_extension("md.orig");
    assert_eq!(fs::read_to_string(kept).unwrap(), text);
    assert!(fs::read_to_string(edited).unwrap().contains(&old_title));
}

#[test]
fn dry_run_prints_and_writes_nothing() {
    let site = sample_site_without_content();
    briefing()
        .args(["import", "--dry-run", "--root"])
        .arg(site.path())
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "source_file: \"002_dc6c1457e102bf07.txt\"",
        ))
        // The totals say what would happen, not "Imported 0".
        .stdout(predicates::str::contains(
            "Would import 5, kept 0, failed 0",
        ));
    assert!(!site.path().join("content").exists());
}

#[test]
fn bad_files_fail_alone_with_a_clear_message() {
    let site = sample_site_without_content();
    let articles = site.path().join("articles");
    fs::write(articles.join("empty.txt"), "  \n\n").unwrap();
    fs::write(articles.join("binary.txt"), b"\x00\x01\x02PNG\x00\x00").unwrap();
    let mut huge = String::new();
    while huge.len() < 20 * 1024 * 1024 {
        huge.push_str("Baku, 1 May 2023 (TDI): Trade grew by 5 percent. ");
    }
    fs::write(articles.join("huge.txt"), huge).unwrap();
    fs::write(
        articles.join("legacy.txt"),
        b"Baku, 1 May 2023 (TDI): Caf\xe9 owners in Baku said trade with Iran \x93grew\x94.\n\nMore text.\n",
    )
    .unwrap();
    fs::write(
        articles.join("script.txt"),
        "Baku, 2 May 2023 (TDI): <script>alert(1)</script> Azerbaijan <img src=x onerror=alert(1)> and Iran [x](javascript:alert(1)) met.\n\nMore.\n",
    )
    .unwrap();

    let assert = briefing()
        .args(["import", "--root"])
        .arg(site.path())
        .assert()
        .failure();
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stderr.contains("empty.txt: empty"), "{stderr}");
    assert!(stderr.contains("binary.txt: binary data"), "{stderr}");
    assert!(stderr.contains("huge.txt: too large"), "{stderr}");
    assert!(stderr.contains("legacy.txt: not UTF-8"), "{stderr}");
    assert!(stdout.contains("Imported 7, kept 0, failed 3"), "{stdout}");

    // The other files imported, and the site builds; the failed ones are
    // reported again as the build imports, without stopping it.
    briefing()
        .args(["build", "--root"])
        .arg(site.path())
        .assert()
        .success()
        .stderr(predicates::str::contains("binary.txt"));
    let legacy = content_files(site.path())
        .into_iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .find(|t| t.contains("legacy.txt"))
        .unwrap();
    assert!(
        legacy.contains("Café owners") && legacy.contains("“grew”"),
        "{legacy}"
    );

    // The script article's page carries its text, and no markup from it.
    let page = walkdir::WalkDir::new(site.path().join("public/articles"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.ends_with("index.html") && fs::read_to_string(p).unwrap().contains("alert(1)"))
        .unwrap();
    let html = parse_html(&page);
    let scripts = select(&html, "script");
    assert!(scripts.iter().all(|s| !s.inner_html().contains("alert")));
    assert!(select(&html, "img[onerror]").is_empty());
    assert!(select(&html, "a[href^='javascript']").is_empty());
}
