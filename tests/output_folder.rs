//! The output folder is replaced on every build, so briefing refuses to
//! build into any folder whose loss would hurt, and deletes nothing there.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

/// A small site in `dir` and a snapshot of every file in `dir`.
fn site_in(dir: &Path) {
    write(&dir.join("site.toml"), "title = \"Safe\"\n");
    write(
        &dir.join("content/a.md"),
        "---\ntitle: A\ndate: 2023-01-02\n---\nText\n",
    );
    write(
        &dir.join("articles/raw.txt"),
        "Raw\n\nText of a raw article.\n",
    );
}

fn refused(site: &Path, output: &str, home: &Path, reason: &str) {
    let before = read_tree(site);
    let home_before = read_tree(home);
    briefing()
        .current_dir(site)
        .env("HOME", home)
        .args(["build", "--force", "--output", output])
        .assert()
        .failure()
        .stderr(predicate::str::starts_with("error: output"))
        .stderr(predicate::str::contains(reason))
        .stderr(predicate::str::contains("panicked").not());
    assert_eq!(
        read_tree(site),
        before,
        "--output {output} changed the site"
    );
    assert_eq!(
        read_tree(home),
        home_before,
        "--output {output} changed home"
    );
}

#[test]
fn the_site_root_system_root_and_home_are_refused_even_with_force() {
    let home = tempfile::tempdir().unwrap();
    write(&home.path().join("notes.txt"), "mine");
    let site = home.path().join("work/site");
    site_in(&site);
    let home_text = home.path().to_str().unwrap();
    refused(&site, ".", home.path(), "the current folder");
    refused(&site, "/", home.path(), "root of the file system");
    refused(&site, home_text, home.path(), "your home folder");
    refused(&site, "~", home.path(), "`~` is not expanded");
    refused(&site, "..", home.path(), "this folder holds");
    refused(&site, "content", home.path(), "the content folder");
    refused(&site, "articles", home.path(), "the articles folder");
    refused(
        &site,
        "content/public",
        home.path(),
        "inside the content folder",
    );
}

#[test]
fn a_folder_holding_the_site_is_refused_when_built_from_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    site_in(&site);
    let before = read_tree(dir.path());
    briefing()
        .current_dir(dir.path())
        .args(["build", "--force", "--root", "site", "--output", "site"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("site's root folder"));
    assert_eq!(read_tree(dir.path()), before);
}

#[test]
fn a_foreign_folder_is_replaced_only_with_force() {
    let site = tempfile::tempdir().unwrap();
    site_in(site.path());
    write(&site.path().join("docs/keep.txt"), "not briefing's");
    briefing()
        .current_dir(site.path())
        .args(["build", "--output", "docs"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not written by briefing"))
        .stderr(predicate::str::contains("--force"));
    assert!(site.path().join("docs/keep.txt").is_file());
    assert!(!site.path().join("docs/index.html").exists());

    briefing()
        .current_dir(site.path())
        .args(["build", "--output", "docs", "--force"])
        .assert()
        .success();
    assert!(site.path().join("docs/index.html").is_file());
    assert!(!site.path().join("docs/keep.txt").exists());
    // Now briefing's own: later builds need no --force.
    briefing()
        .current_dir(site.path())
        .args(["build", "--output", "docs"])
        .assert()
        .success();
}

#[test]
fn pdf_output_replaces_only_a_pdf() {
    let site = tempfile::tempdir().unwrap();
    site_in(site.path());
    let config = std::fs::read(site.path().join("site.toml")).unwrap();
    briefing()
        .current_dir(site.path())
        .args(["pdf", "--output", "site.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "site.toml: exists and is not a PDF",
        ));
    assert_eq!(
        std::fs::read(site.path().join("site.toml")).unwrap(),
        config
    );
    briefing()
        .current_dir(site.path())
        .args(["pdf", "--output", "content"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is a folder"));
    assert!(site.path().join("content/a.md").is_file());
}
