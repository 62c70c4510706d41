//! The first mistakes a new user makes, each with the exact message they
//! see (a transcript: the command's stderr, whole). Each message names the
//! file and the line of the mistake and says what to do, in words.

mod common;

use std::path::Path;

use common::*;

/// Runs briefing in `dir` and returns its stderr, after checking that it
/// failed (or, with `ok`, succeeded).
fn stderr_of(dir: &Path, args: &[&str], ok: bool) -> String {
    let output = briefing().current_dir(dir).args(args).output().unwrap();
    assert_eq!(
        output.status.success(),
        ok,
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A site whose one article has `front_matter` (without the fences).
fn site_with_article(front_matter: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    write(&site.path().join("site.toml"), "title = \"Watch\"\n");
    write(
        &site.path().join("content/gas.md"),
        &format!("---\n{front_matter}---\nThe text.\n"),
    );
    site
}

#[test]
fn build_in_a_folder_without_site_toml_says_so_and_names_init() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        stderr_of(dir.path(), &["build"], false),
        "error: site.toml: not found: this folder is not a briefing. Run `briefing init` to \
         start one here, pass --root to the folder that holds site.toml, or --content FOLDER \
         to build a folder of Markdown on the defaults\n"
    );
    assert!(!dir.path().join("public").exists(), "nothing is written");
}

#[test]
fn a_root_that_does_not_exist_is_an_error_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        stderr_of(dir.path(), &["build", "--root", "sitte"], false),
        "error: sitte: no such folder; --root names the folder that holds site.toml \
         (`briefing init FOLDER` starts a new briefing there)\n"
    );
    assert!(!dir.path().join("sitte").exists());
}

#[test]
fn an_unclosed_quote_is_blamed_on_the_line_that_opened_it() {
    let site = site_with_article("title: \"Gas deal\nsource: Trend\ndate: 2023-05-01\n");
    assert_eq!(
        stderr_of(site.path(), &["build"], false),
        "error: content/gas.md:2:8: front matter: the quoted string opened on line 2 is not \
         closed; end it with \" on the same line\n    2 | title: \"Gas deal\n"
    );
}

#[test]
fn an_unclosed_bracket_is_blamed_on_the_line_that_opened_it() {
    let site = site_with_article(
        "title: Gas deal\nsource: Trend\ndate: 2023-05-01\ncountries: [Iran, Russia\ntopics: [energy]\n",
    );
    assert_eq!(
        stderr_of(site.path(), &["build"], false),
        "error: content/gas.md:5:12: front matter: the list opened with `[` on line 5 is not \
         closed; end it with `]`\n    5 | countries: [Iran, Russia\n"
    );
}

#[test]
fn a_string_for_a_number_names_the_field_and_what_it_needs() {
    let site = site_with_article(
        "title: Gas deal\nfigures:\n  - value: \"five million\"\n    unit: people\n",
    );
    assert_eq!(
        stderr_of(site.path(), &["build"], false),
        "error: content/gas.md:4:12: front matter: `value` must be a number, like 5000000, \
         not \"five million\"\n    4 |   - value: \"five million\"\n"
    );
}

#[test]
fn a_misspelt_site_toml_key_gets_the_near_one_and_its_line() {
    let site = tempfile::tempdir().unwrap();
    write(
        &site.path().join("site.toml"),
        "title = \"Watch\"\nlanguage = \"en\"\nbase_ulr = \"https://example.org/\"\n",
    );
    assert_eq!(
        stderr_of(site.path(), &["build"], false),
        "error: site.toml:3:1: unknown key `base_ulr`; did you mean `base_url`?\n    \
         3 | base_ulr = \"https://example.org/\"\n"
    );
}

#[test]
fn a_misspelt_front_matter_key_is_a_warning_with_the_near_one() {
    let site = site_with_article("title: Gas deal\ndate: 2023-05-01\ncountires: [Iran]\n");
    let stderr = stderr_of(site.path(), &["build"], true);
    assert_eq!(
        stderr,
        "warning: content/gas.md:4:1: unknown front-matter key `countires` is ignored; did \
         you mean `countries`?\n"
    );
}
