//! Helpers shared by the integration tests: building fixture sites with the
//! real binary and reading what it wrote.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The project root: the sample briefing lives here.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes `text` to `path`, creating its folders.
pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

pub fn briefing() -> Command {
    Command::cargo_bin("briefing").expect("the briefing binary is built")
}

/// Builds the sample briefing into `out`, as published under a GitHub Pages
/// project sub-path.
pub fn build_sample(out: &Path) {
    briefing()
        .args(["build", "--root"])
        .arg(project_root())
        .arg("--output")
        .arg(out)
        .args(["--base-url", "https://example.github.io/briefing/"])
        .assert()
        .success();
}

/// Copies the sample briefing's sources (site.toml, articles/, content/)
/// into `to`, to build or edit without touching the project.
pub fn copy_sample(to: &Path) {
    for entry in walkdir::WalkDir::new(project_root()).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(project_root()).unwrap();
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let wanted = matches!(first.as_deref(), Some("site.toml" | "articles" | "content"));
        if !wanted {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, relative path → bytes, in sorted order.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect()
}

pub fn parse_html(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&std::fs::read_to_string(path).unwrap())
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

pub fn select_in<'a>(element: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    element
        .select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

pub fn text_of(element: &scraper::ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `datetime` of the first `<time>` inside `element`, if any.
pub fn datetime_of(element: &scraper::ElementRef<'_>) -> Option<String> {
    let time = scraper::Selector::parse("time").unwrap();
    element
        .select(&time)
        .next()
        .and_then(|t| t.value().attr("datetime"))
        .map(str::to_string)
}

/// A running `briefing serve`, stopped when dropped.
pub struct Server {
    pub child: std::process::Child,
    /// host:port.
    pub address: String,
    /// The site's address, under its sub-path.
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `briefing serve` on a free port for the site at `root`, once it says
/// where it serves.
pub fn start_server(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
    use std::io::BufRead;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("briefing"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .args(args)
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "Serving http://127.0.0.1:PORT/briefing/ (Ctrl-C to stop)"
    let base = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let address = base["http://".len()..]
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string();
    Server {
        child,
        address,
        base,
    }
}

/// A site of the 293 Wikinews articles (tests/fixtures/wikinews, CC BY 2.5)
/// with the sample's site.toml, imported into `to`: a briefing of real
/// news about many countries, as a new user would build one.
pub fn wikinews_site(to: &Path) {
    std::fs::copy(project_root().join("site.toml"), to.join("site.toml")).unwrap();
    std::fs::create_dir_all(to.join("articles")).unwrap();
    let fixtures = project_root().join("tests/fixtures/wikinews");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, to.join("articles").join(path.file_name().unwrap())).unwrap();
        }
    }
    briefing()
        .args(["import", "--quiet", "--root"])
        .arg(to)
        .assert()
        .success();
}

/// Cuts the search index of the site at `site` into shards of `articles`.
pub fn set_shard_articles(site: &Path, articles: usize) {
    let settings = site.join("site.toml");
    let mut toml = std::fs::read_to_string(&settings).unwrap();
    toml.push_str(&format!("\n[search]\nshard_articles = {articles}\n"));
    std::fs::write(&settings, toml).unwrap();
}
