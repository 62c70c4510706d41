//! The progress bar: drawn on a terminal for runs over a second, never in a
//! pipe or a log, never with --quiet; the one-line summary always.

mod common;

use std::process::Command;

use common::*;

/// Runs `briefing ARGS` on a pseudo-terminal (util-linux `script`), the bar
/// allowed from the first moment; returns what the terminal showed.
fn on_a_terminal(args: &str) -> String {
    let site = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("briefing");
    let command = format!(
        "{} {args} --root {} --output {}",
        bin.display(),
        project_root().display(),
        site.path().join("public").display()
    );
    let output = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("BRIEFING_PROGRESS_AFTER_MS", "0")
        .output()
        .expect("util-linux `script` runs a command on a pseudo-terminal");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_terminal_shows_the_bar_then_the_summary_alone() {
    let screen = on_a_terminal("build");
    assert!(screen.contains("Reading ["), "{screen:?}");
    assert!(screen.contains("Rendering ["), "{screen:?}");
    // The bar is cleared before the summary, which ends the output.
    let last = screen
        .trim_end()
        .rsplit(['\r', '\n'])
        .next()
        .unwrap_or_default();
    let erase_line = "\u{1b}[2K";
    assert!(
        last.trim_start_matches(erase_line).starts_with("Built "),
        "{screen:?}"
    );
}

#[test]
fn quiet_shows_nothing_even_on_a_terminal() {
    let screen = on_a_terminal("--quiet build");
    assert_eq!(screen.trim(), "", "{screen:?}");
}

#[test]
fn a_pipe_gets_the_summary_without_a_bar() {
    let site = tempfile::tempdir().unwrap();
    let output = briefing()
        .args(["build", "--root"])
        .arg(project_root())
        .arg("--output")
        .arg(site.path().join("public"))
        .env("BRIEFING_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\r'),
        "{stderr:?}"
    );
    assert!(!stderr.contains("Rendering"), "{stderr:?}");
    assert!(stdout.starts_with("Built "), "{stdout:?}");
}
