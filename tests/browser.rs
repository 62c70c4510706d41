//! In a real browser (Debian's Chromium, driven by Playwright from npm):
//! `briefing serve` shows an edit to an article on the open page (every
//! wait polls for up to 30 s; the time it took is printed, and measured in
//! benches/serve-edit.py, not asserted), and search finds the gas-swap article for "gas" on the sample
//! site, with the Iran filter narrowing the results. The browser side is
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
