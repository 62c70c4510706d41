//! `briefing init DIR`: a new, empty briefing, ready to build and to
//! publish on GitHub Pages.

use std::path::{Path, PathBuf};

use crate::error::BuildError;

const SITE_TOML: &str = r#"# The briefing's settings. Every key is optional; see briefing's README.
# Raw articles go in articles/ as text files (*.txt), one article a file;
# `briefing build` reads each into a Markdown file in content/.
title = "{title}"
subtitle = ""
description = ""
organisation = ""
language = "en"
# The address the site is published at. On GitHub Pages the workflow passes
# it with --base-url, so this one is for local builds.
base_url = "http://localhost:1111/"
# The country the briefing is about (it gets no chapter of its own).
subject = ""
date_format = "%-d %B %Y"
minify = true

# The printed briefing (/briefing/ and `briefing pdf`).
[briefing]
marking = ""
paper = "a4"

[feed]
enabled = true
limit = 50

# Outlets to follow: `briefing import --feeds` fetches each feed and imports
# the entries it has not imported before (the feeds are saved in
# articles/feeds/, so nothing at build time needs the network).
# [[feeds]]
# url = "https://example.org/rss.xml"
# name = "Example News"
# countries = ["Azerbaijan"]

# People's canonical names and the other spellings that mean them:
# "Hossein Amir-Abdollahian" = ["Amir Abdollahian"]
[aliases]
"#;

const GITIGNORE: &str = "/public\n/.public.*\n";

const WORKFLOW: &str = r#"# Builds the briefing and publishes it on GitHub Pages on every push to main.
# In the repository's settings, under Pages, choose "GitHub Actions" as the source.
name: Publish briefing

on:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      from_source:
        description: Compile briefing from source instead of downloading the release
        type: boolean
        default: false

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  # The briefing release this site is built with, and where it comes from.
  # To move to a newer release, change the version here.
  BRIEFING_VERSION: "{version}"
  BRIEFING_REPOSITORY: "{repository}"
  # "true" compiles the same version from source (minutes, not seconds), for
  # a fork; a manual run can ask for it once with its `from_source` box.
  BRIEFING_FROM_SOURCE: "false"

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      # The released binary, checked against the release's SHA-256 checksum
      # before it is run: seconds, where compiling takes minutes.
      - name: Install briefing ${{ env.BRIEFING_VERSION }}
        if: env.BRIEFING_FROM_SOURCE != 'true' && !inputs.from_source
        run: |
          archive="briefing-v${BRIEFING_VERSION}-x86_64-unknown-linux-gnu"
          release="${BRIEFING_REPOSITORY}/releases/download/v${BRIEFING_VERSION}"
          cd "$RUNNER_TEMP"
          curl --fail --location --silent --show-error --retry 3 \
            --remote-name "${release}/${archive}.tar.gz" \
            --remote-name "${release}/${archive}.sha256"
          sha256sum --check --strict "${archive}.sha256"
          mkdir -p "$HOME/.local/bin"
          tar -xzf "${archive}.tar.gz" -C "$HOME/.local/bin" briefing
          echo "$HOME/.local/bin" >> "$GITHUB_PATH"
      # Only when asked: the same version compiled from source.
      - if: env.BRIEFING_FROM_SOURCE == 'true' || inputs.from_source
        uses: dtolnay/rust-toolchain@stable
      - name: Build briefing ${{ env.BRIEFING_VERSION }} from source
        if: env.BRIEFING_FROM_SOURCE == 'true' || inputs.from_source
        run: cargo install --locked --git "${BRIEFING_REPOSITORY}" --tag "v${BRIEFING_VERSION}" briefing
      - id: pages
        uses: actions/configure-pages@v5
      - name: Check and build the briefing
        run: |
          briefing --version
          briefing check --base-url "${{ steps.pages.outputs.base_url }}/"
          briefing build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;

/// Creates a new briefing in `dir`, which must not exist or be empty.
/// Returns the files written, relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, BuildError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(BuildError::Config {
                    path: dir.to_path_buf(),
                    location: None,
                    message: "folder is not empty; `briefing init` starts a briefing only in a \
                              new or empty folder"
                        .into(),
                });
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(BuildError::io(dir, e)),
    }
    let title = dir
        .canonicalize()
        .ok()
        .or_else(|| Some(dir.to_path_buf()))
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .map(|name| title_of(&name))
        .unwrap_or_else(|| "Briefing".into());
    let files: [(&str, String); 5] = [
        (
            "site.toml",
            SITE_TOML.replace("{title}", &toml_escape(&title)),
        ),
        (".gitignore", GITIGNORE.into()),
        // Raw articles (*.txt) go in articles/; `build` imports them into content/.
        ("articles/.gitkeep", String::new()),
        ("content/.gitkeep", String::new()),
        (
            ".github/workflows/pages.yml",
            WORKFLOW
                .replace("{version}", env!("CARGO_PKG_VERSION"))
                .replace("{repository}", env!("CARGO_PKG_REPOSITORY")),
        ),
    ];
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| BuildError::io(&path, e))?;
        written.push(PathBuf::from(name));
    }
    Ok(written)
}

/// "iran-watch" → "Iran Watch".
fn title_of(folder: &str) -> String {
    folder
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn toml_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_name_becomes_the_title() {
        assert_eq!(title_of("iran-watch"), "Iran Watch");
        assert_eq!(title_of("caspian_energy 2026"), "Caspian Energy 2026");
    }

    #[test]
    fn the_settings_written_are_valid_and_a_non_empty_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("iran-watch");
        init(&site).unwrap();
        let config = crate::config::SiteConfig::load(&site.join("site.toml")).unwrap();
        assert_eq!(config.title, "Iran Watch");
        let again = init(&site).unwrap_err().to_string();
        assert!(again.contains("not empty"), "{again}");
    }
}
