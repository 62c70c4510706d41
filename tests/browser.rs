//! In a real browser (Debian's Chromium, driven by Playwright from npm):
//! `briefing serve` shows an edit to an article on the open page (every
//! wait polls for up to 30 s; the time it took is printed, and measured in
//! benches/serve-edit.py, not asserted), and search finds the gas-swap article for "gas" on the sample
//! site (its index in three shards the page merges), with the Iran filter
//! narrowing the results. The browser side is
//! `tests/browser/live_and_search.cjs`.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

/// Playwright's package, as `.ci/run` installs it.
fn playwright_modules() -> Option<PathBuf> {
    let modules = project_root().join(".ci/tools/node_modules");
    let present = modules.join("playwright-core/package.json").is_file()
        && Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        && Command::new("chromium")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if !present && std::env::var_os("CI").is_some() {
        panic!("node, chromium or playwright-core missing: run .ci/run");
    }
    present.then_some(modules)
}

#[test]
fn served_page_shows_an_edit_and_search_finds_and_filters() {
    let Some(modules) = playwright_modules() else {
        eprintln!("skipped: node, chromium or playwright-core (.ci/run installs them) missing");
        return;
    };
    // The sample site, and a raw article about a gas pipeline that does not
    // concern Iran (imported when the server starts), so that "gas" finds
    // articles beyond Iran's.
    let site = tempfile::tempdir().unwrap();
    copy_sample(site.path());
    // Two articles a shard: the sample's six make three, merged by the page.
    set_shard_articles(site.path(), 2);
    let pipeline = "wikinews_177_greek-prime-minister-reaffirms-eastmed-pipeline-project-is-o.txt";
    std::fs::copy(
        project_root()
            .join("tests/fixtures/wikinews")
            .join(pipeline),
        site.path().join("articles").join(pipeline),
    )
    .unwrap();

    let server = start_server(site.path(), &[], &[]);

    let run = Command::new("node")
        .arg(project_root().join("tests/browser/live_and_search.cjs"))
        .env("NODE_PATH", &modules)
        .env("BASE", &server.base)
        .env("SITE", site.path())
        .env("CHROMIUM", which_chromium())
        .output()
        .unwrap();
    drop(server);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}\n{stdout}");
    // What the browser saw, for the test log.
    eprintln!("{stdout}");
    assert!(stdout.contains("\"reload_ms\""), "{stdout}");
}

fn which_chromium() -> PathBuf {
    which::which("chromium").unwrap_or_else(|_| PathBuf::from("/usr/bin/chromium"))
}

/// Every kind of page, of the sample and of the 293-article Wikinews
/// briefing, at 390 px and 1280 px: nothing scrolls sideways (the page, or
/// a table in its container) and no chart's labels overlap; search opened
/// from disk says it needs a web server.
#[test]
fn every_page_kind_fits_a_phone_and_a_desktop() {
    let Some(modules) = playwright_modules() else {
        eprintln!("skipped: node, chromium or playwright-core (.ci/run installs them) missing");
        return;
    };
    let sample = tempfile::tempdir().unwrap();
    copy_sample(sample.path());
    let wikinews = tempfile::tempdir().unwrap();
    wikinews_site(wikinews.path());
    for site in [sample.path(), wikinews.path()] {
        briefing()
            .args(["build", "--quiet", "--root"])
            .arg(site)
            .assert()
            .success();
        let out = site.join("public");
        // One page of each kind, with the most content: the first article,
        // country, topic and matrix cell the site has.
        let first = |folder: &str| -> String {
            let mut names: Vec<String> = std::fs::read_dir(out.join(folder))
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.path().join("index.html").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            format!("{folder}/{}/index.html", names[0])
        };
        let cell = walkdir::WalkDir::new(out.join("tables/matrix"))
            .min_depth(3)
            .into_iter()
            .filter_map(|e| e.ok())
            .find(|e| e.file_name() == "index.html")
            .map(|e| e.path().strip_prefix(&out).unwrap().display().to_string())
            .unwrap();
        let pages = [
            "index.html".to_string(),
            "articles/index.html".into(),
            first("articles"),
            "countries/index.html".into(),
            first("countries"),
            "topics/index.html".into(),
            first("topics"),
            "tables/index.html".into(),
            "tables/figures/index.html".into(),
            "tables/timeline/index.html".into(),
            "tables/people/index.html".into(),
            "tables/sources/index.html".into(),
            "tables/matrix/index.html".into(),
            cell,
            "briefing/index.html".into(),
            "search/index.html".into(),
            "404.html".into(),
        ];
        let run = Command::new("node")
            .arg(project_root().join("tests/browser/layout.cjs"))
            .env("NODE_PATH", &modules)
            .env("OUT", &out)
            .env("PAGES", pages.join(" "))
            .env("CHROMIUM", which_chromium())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{}:\n{stderr}", site.display());
        // Each page at both widths was looked at, charts and tables among
        // them, and search opened from disk (one more line) said what to do.
        assert_eq!(stdout.lines().count(), pages.len() * 2 + 1, "{stdout}");
        assert!(
            stdout.contains("\"search_from_disk\":\"Search needs a web server"),
            "{stdout}"
        );
        assert!(
            stdout.lines().any(|l| !l.contains("\"charts\":0,")),
            "no page with a chart was looked at: {stdout}"
        );
    }
}
