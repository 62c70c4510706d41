//! The command line as users meet it: builds from any folder, errors that
//! name the file and line, and a previous site kept when a build fails.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn builds_the_benchmark_corpus_from_an_empty_folder() {
    let cwd = tempfile::tempdir().unwrap();
    let out = cwd.path().join("out");
    briefing()
        .current_dir(cwd.path())
        .args(["build", "--content"])
        .arg(project_root().join("tests/fixtures/bench-corpus"))
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("7 articles"));
    for page in [
        "articles/a000001/index.html",
        "articles/a000007/index.html",
        "countries/iran/index.html",
        "topics/trade/index.html",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for n in 1..=7 {
        assert!(
            index.contains(&format!("articles/a00000{n}/")),
            "front page does not link a00000{n}"
        );
    }
}

#[test]
fn unknown_site_toml_key_is_named_with_file_and_line() {
    let site = tempfile::tempdir().unwrap();
    write(
        &site.path().join("site.toml"),
        "title = \"T\"\nbase_ulr = \"https://x.org/\"\n",
    );
    briefing()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .failure()
        .stderr(predicate::str::contains("site.toml:2"))
        .stderr(predicate::str::contains("base_ulr"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn broken_article_fails_the_build_and_keeps_the_previous_site() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("site.toml"), "").unwrap();
    write(
        &site.path().join("content/good.md"),
        "---\ntitle: Good\ndate: 2023-01-02\n---\nText\n",
    );
    briefing()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let before = read_tree(&site.path().join("public"));

    write(
        &site.path().join("content/bad.md"),
        "---\ntitle: Bad\ndate: 2023-02-30\n---\nText\n",
    );
    write(
        &site.path().join("content/good.md"),
        "---\ntitle: Changed\ndate: 2023-01-02\n---\nText\n",
    );
    briefing()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.md:3"))
        .stderr(predicate::str::contains("2023-02-30"));
    assert_eq!(
        read_tree(&site.path().join("public")),
        before,
        "a failed build changed public/"
    );
    let mut left: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    // The build's lock file stays, as Hugo's .hugo_build.lock does.
    assert_eq!(
        left,
        [".public.lock", "content", "public", "site.toml"],
        "staging folder left behind"
    );
}

#[test]
fn a_site_template_overrides_the_default_of_the_same_name() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("site.toml"), "").unwrap();
    write(&site.path().join("content/a.md"), "---\ntitle: A\n---\n");
    write(
        &site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=custom>Lost in {{ site.title }}</p>{% endblock content %}",
    );
    write(&site.path().join("theme/extra.css"), "p { color: red }");
    briefing()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let page = std::fs::read_to_string(site.path().join("public/404.html")).unwrap();
    assert!(page.contains("Lost in Briefing"), "{page}");
    assert!(
        page.contains("theme/style.css"),
        "the default base template is still used"
    );
    assert!(site.path().join("public/theme/extra.css").is_file());
}

#[test]
fn template_error_names_the_template_and_line() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("site.toml"), "").unwrap();
    write(&site.path().join("content/a.md"), "---\ntitle: A\n---\n");
    write(
        &site.path().join("templates/article.html"),
        "<p>\n{{ article.no_such_field }}</p>\n",
    );
    briefing()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .failure()
        .stderr(predicate::str::contains("article.html"))
        .stderr(predicate::str::contains(":2:"));
    assert!(
        !site.path().join("public").exists(),
        "nothing is published by a failed first build"
    );
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("site.toml"), "").unwrap();
    write(
        &site.path().join("content/wip.md"),
        "---\ntitle: Work in progress\ndraft: true\n---\n",
    );
    briefing()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    assert!(!site.path().join("public/articles/wip").exists());
    briefing()
        .current_dir(site.path())
        .args(["build", "--drafts"])
        .assert()
        .success();
    assert!(site.path().join("public/articles/wip/index.html").is_file());
}

#[test]
fn every_subcommand_has_help() {
    briefing()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("build"));
    briefing()
        .args(["build", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--base-url"))
        .stdout(predicate::str::contains("--drafts"));
    for (command, option) in [
        ("serve", "--port"),
        ("check", "--base-url"),
        ("init", "<DIR>"),
        ("import", "--dry-run"),
        ("pdf", "--country"),
        ("eval", "REFERENCE"),
    ] {
        briefing()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains(option));
    }
}

#[test]
fn a_folder_that_is_not_a_briefing_is_named_and_nothing_is_written() {
    let empty = tempfile::tempdir().unwrap();
    let out = briefing()
        .current_dir(empty.path())
        .arg("build")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("site.toml: not found: this folder is not a briefing")
            && stderr.contains("briefing init"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "something was written"
    );

    // A mistyped --root is an error, never a new folder.
    let out = briefing()
        .current_dir(empty.path())
        .args(["build", "--root", "sitte"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sitte: no such folder"), "{stderr}");
    assert!(!empty.path().join("sitte").exists());

    // A folder of Markdown given with --content builds on the defaults.
    write(
        &empty.path().join("notes/a.md"),
        "---\ntitle: A\n---\nText\n",
    );
    briefing()
        .current_dir(empty.path())
        .args(["build", "--content", "notes"])
        .assert()
        .success();
}

#[test]
fn the_file_count_printed_is_what_the_output_folder_holds() {
    let site = tempfile::tempdir().unwrap();
    copy_sample(site.path());
    let output = briefing()
        .current_dir(site.path())
        .arg("build")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    // "Built 87 files (5 articles) into public in 0.31 s"
    let printed: usize = stdout
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stdout}"));
    let held = walkdir::WalkDir::new(site.path().join("public"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".briefing")
        .count();
    assert_eq!(printed, held, "{stdout}");
    assert!(stdout.contains("(5 articles) into public in"), "{stdout}");
}
