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

/// Finding 4 of the hardening issue: what a killed build leaves beside the
/// output (its staging folder, the previous site moved aside) is cleared by
/// the next build, which succeeds.
#[test]
fn leftovers_of_a_killed_build_are_cleared_and_the_next_build_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    site_in(dir.path());
    briefing()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    // As `kill -9` leaves them: a previous site moved aside, and a staging
    // folder half written, both marked as briefing's.
    for leftover in [".public.old", ".public.staging-999999"] {
        write(&dir.path().join(leftover).join(".briefing"), "");
        write(&dir.path().join(leftover).join("index.html"), "stale");
    }
    briefing()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    assert!(!dir.path().join(".public.old").exists());
    assert!(!dir.path().join(".public.staging-999999").exists());
    let index = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(index.contains("Safe"), "{index}");
}

/// Killed between its two renames, a build leaves no `public/` and the
/// previous site in `.public.old`: the next build starts from it.
#[test]
fn a_site_moved_aside_by_a_killed_build_is_put_back_first() {
    let dir = tempfile::tempdir().unwrap();
    site_in(dir.path());
    briefing()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    std::fs::rename(dir.path().join("public"), dir.path().join(".public.old")).unwrap();
    briefing()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
    assert!(dir.path().join("public/index.html").is_file());
    assert!(!dir.path().join(".public.old").exists());
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_symbolic_link_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    site_in(dir.path());
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("public")).unwrap();
    for _ in 0..2 {
        briefing()
            .current_dir(dir.path())
            .arg("build")
            .assert()
            .failure()
            .stderr(
                predicate::str::contains("public").and(predicate::str::contains(
                    "is a symbolic link; briefing replaces its output folder whole",
                )),
            );
    }
    assert_eq!(
        std::fs::read_dir(dir.path().join("elsewhere"))
            .unwrap()
            .count(),
        0
    );
    assert!(
        std::fs::symlink_metadata(dir.path().join("public"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// Two builds into one folder at once: one builds, the other says at once
/// that another build is writing it. The running build is stood in for by
/// a process holding the lock file, as a running build does, for as long
/// as the test needs.
#[cfg(unix)]
#[test]
fn a_second_build_into_the_same_folder_says_another_build_is_writing_it() {
    let dir = tempfile::tempdir().unwrap();
    site_in(dir.path());
    // Another process holds the build lock, as a running build does
    // (flock(1) from util-linux; the lock is the one `briefing build` takes).
    let lock = dir.path().join(".public.lock");
    std::fs::write(&lock, "").unwrap();
    let mut holder = std::process::Command::new("flock")
        // --no-fork: killing flock lets go of the lock (no child keeps it).
        .args(["--no-fork"])
        .arg(&lock)
        .args(["sleep", "60"])
        .spawn()
        .expect("flock (util-linux) runs");
    // Wait until the holder has the lock: a build then fails.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let message = loop {
        let out = briefing()
            .current_dir(dir.path())
            .arg("build")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if !out.status.success() {
            break stderr;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the lock was never taken"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let _ = holder.kill();
    let _ = holder.wait();
    assert!(
        message.contains("another build is writing") && message.contains("public"),
        "{message}"
    );
    briefing()
        .current_dir(dir.path())
        .arg("build")
        .assert()
        .success();
}
