//! `briefing init`: a new briefing that builds and checks at once, and a
//! folder with anything in it left alone.

mod common;

use common::*;

#[test]
fn a_new_briefing_builds_checks_and_takes_a_raw_article() {
    let parent = tempfile::tempdir().unwrap();
    briefing()
        .current_dir(parent.path())
        .args(["init", "caspian-watch"])
        .assert()
        .success();
    let site = parent.path().join("caspian-watch");
    for file in [
        "site.toml",
        ".gitignore",
        ".github/workflows/pages.yml",
        "articles",
        "content",
    ] {
        assert!(site.join(file).exists(), "{file} missing");
    }
    let config = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(config.contains("title = \"Caspian Watch\""), "{config}");

    briefing()
        .current_dir(&site)
        .arg("build")
        .assert()
        .success();
    let index = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(index.contains("Caspian Watch"));
    briefing()
        .current_dir(&site)
        .arg("check")
        .assert()
        .success();

    // A raw article dropped into articles/ is imported and published.
    std::fs::copy(
        project_root().join("articles").join(
            std::fs::read_dir(project_root().join("articles"))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .find(|n| n.to_string_lossy().ends_with(".txt"))
                .unwrap(),
        ),
        site.join("articles/first.txt"),
    )
    .unwrap();
    briefing()
        .current_dir(&site)
        .arg("build")
        .assert()
        .success();
    let articles = std::fs::read_dir(site.join("public/articles"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(articles, 1);
}

#[test]
fn a_folder_with_anything_in_it_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("notes.txt"), "mine");
    let output = briefing().arg("init").arg(dir.path()).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not empty"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1);
}
