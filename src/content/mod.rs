//! The content stage: reads `content/`, splits and parses front matter and
//! renders Markdown, one file per article, in parallel.

mod cache;
mod field_types;
pub mod front_matter;
pub mod markdown;
mod yaml_hints;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use cache::{ReadCache, Reread, load_cached};
pub use front_matter::{FrontMatter, KeyFigure, Person};
pub use markdown::{Heading, RawHtml};

use crate::error::{BuildError, Warning};
use crate::progress::Progress;
use front_matter::SplitFile;

/// One article as read from `content/`, its body rendered to HTML.
#[derive(Debug, Clone)]
pub struct Article {
    /// URL segment: `articles/<slug>/`.
    pub slug: String,
    /// The content file, as found under the content folder.
    pub path: PathBuf,
    pub meta: FrontMatter,
    pub body_html: String,
    pub headings: Vec<Heading>,
}

/// The content folder as read: its articles, and what should be fixed in it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// How the content folder is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Keep articles marked `draft: true`.
    pub include_drafts: bool,
    pub raw_html: RawHtml,
    /// The largest content file read, in bytes; `None`: the default limit.
    pub max_bytes: Option<u64>,
}

/// Reads every `*.md` file below `dir`. Every broken file is reported, not
/// just the first.
pub fn load(dir: &Path, options: ReadOptions, progress: &Progress) -> Result<Loaded, BuildError> {
    let include_drafts = options.include_drafts;
    let mut loaded = Loaded::default();
    let paths = markdown_files(dir, &mut loaded.warnings)?;
    progress.step("Reading", paths.len());
    let results: Vec<Result<(Article, Vec<Warning>), BuildError>> = paths
        .par_iter()
        .map(|path| {
            let read = read_article(path, options);
            progress.advance();
            read
        })
        .collect();

    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((article, warnings)) => {
                loaded.warnings.extend(warnings);
                if include_drafts || !article.meta.draft {
                    loaded.articles.push(article);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if let Some(error) = BuildError::from_many(errors) {
        return Err(error);
    }
    Ok(loaded)
}

/// The Markdown files below `dir`, sorted by path so every run sees the same
/// order. Only regular files and folders inside the content folder are
/// read: a symbolic link is skipped with a warning naming it, since a link
/// (which git stores and a contributor can send) could publish any file of
/// the machine that builds the site — `/etc/passwd`, or `/proc/self/environ`
/// with the build's secrets. Devices and FIFOs are never files here.
fn markdown_files(dir: &Path, warnings: &mut Vec<Warning>) -> Result<Vec<PathBuf>, BuildError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let io = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("unreadable"));
                return Err(BuildError::io(path, io));
            }
        };
        if entry.path_is_symlink() && entry.depth() > 0 {
            warnings.push(Warning {
                path: entry.path().to_path_buf(),
                location: None,
                message: "symbolic link; not read: content is read only from files inside the \
                          content folder"
                    .into(),
            });
            continue;
        }
        let is_markdown = entry.path().extension().is_some_and(|ext| ext == "md");
        if entry.file_type().is_file() && is_markdown {
            paths.push(entry.into_path());
        }
    }
    Ok(paths)
}

/// The most entries a front-matter list may hold: an article names a few
/// countries, people and figures; a million is a mistake or an attack, and
/// would cost gigabytes of pages.
pub const MAX_LIST_ENTRIES: usize = 10_000;

pub(crate) fn read_article(
    path: &Path,
    options: ReadOptions,
) -> Result<(Article, Vec<Warning>), BuildError> {
    let raw_html = options.raw_html;
    // The importer's limit: a news article is a few kilobytes.
    let size = std::fs::metadata(path)
        .map_err(|e| BuildError::io(path, e))?
        .len();
    let limit = options
        .max_bytes
        .unwrap_or(crate::import::article::MAX_ARTICLE_BYTES);
    if let Some(refusal) = crate::import::article::too_large(size, limit) {
        return Err(BuildError::Content {
            path: path.to_path_buf(),
            location: None,
            message: refusal,
            excerpt: None,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| BuildError::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        BuildError::Content {
            path: path.to_path_buf(),
            location: Some(crate::error::Location { line, column: 1 }),
            message: "not UTF-8 text; save the file as UTF-8".into(),
            excerpt: None,
        }
    })?;
    let mut warnings = Vec::new();
    let article = parse_article_noting(&text, path, raw_html, &mut warnings)?;
    Ok((article, warnings))
}

/// Turns the text of one content file into an article.
pub fn parse_article(text: &str, path: &Path) -> Result<Article, BuildError> {
    parse_article_noting(text, path, RawHtml::Sanitise, &mut Vec::new())
}

/// [`parse_article`], adding what should be fixed to `warnings`.
pub fn parse_article_noting(
    text: &str,
    path: &Path,
    raw_html: RawHtml,
    warnings: &mut Vec<Warning>,
) -> Result<Article, BuildError> {
    // NUL is no text: a page, a feed or a CSV must never carry one.
    let without_nul;
    let text = if text.contains('\0') {
        without_nul = text.replace('\0', "");
        without_nul.as_str()
    } else {
        text
    };
    let split = front_matter::split(text, path)?;
    let mut meta = front_matter::parse(&split, path, warnings)?;
    meta.remove_nul();
    for (field, length) in [
        ("dateline", meta.dateline.len()),
        ("countries", meta.countries.len()),
        ("mentions", meta.mentions.len()),
        ("topics", meta.topics.len()),
        ("people", meta.people.len()),
        ("figures", meta.figures.len()),
    ] {
        if length > MAX_LIST_ENTRIES {
            return Err(BuildError::Content {
                path: path.to_path_buf(),
                location: front_matter::key_location(&split, field),
                message: format!(
                    "`{field}` has {length} entries; an article may list at most {MAX_LIST_ENTRIES}"
                ),
                excerpt: None,
            });
        }
    }
    if split.front_matter.trim().is_empty() && split.body.trim().is_empty() {
        warnings.push(Warning {
            path: path.to_path_buf(),
            location: None,
            message: "the file is empty; it is published as an article without text".into(),
        });
    }
    if !meta.url.is_empty() && !is_web_address(&meta.url) {
        warnings.push(Warning {
            path: path.to_path_buf(),
            location: front_matter::key_location(&split, "url"),
            message: format!(
                "`url: {:?}` is not an http or https address; it is left out",
                meta.url
            ),
        });
        meta.url.clear();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = match &meta.slug {
        Some(asked) => checked_slug(asked, &split, path)?,
        None => slug::slugify(&stem),
    };
    if slug.is_empty() {
        return Err(BuildError::Content {
            path: path.to_path_buf(),
            location: None,
            message: "cannot make a URL slug from the file name; rename the file or set `slug`"
                .into(),
            excerpt: None,
        });
    }
    let rendered = markdown::render(split.body, raw_html);
    if rendered.raw_html_as_text {
        warnings.push(Warning {
            path: path.to_path_buf(),
            location: None,
            message: format!(
                "HTML nested more than {} levels deep is shown as text, not sanitised",
                crate::nesting::MAX_DEPTH
            ),
        });
    }
    for url in &rendered.outside {
        warnings.push(Warning {
            path: path.to_path_buf(),
            location: None,
            message: format!(
                "`{url}` is a file outside the site; it is left out (put it in the theme folder \
                 and link to it there)"
            ),
        });
    }
    if meta.title.trim().is_empty() {
        meta.title = rendered
            .headings
            .first()
            .map_or_else(|| stem.clone(), |h| h.text.clone());
    }
    Ok(Article {
        slug,
        path: path.to_path_buf(),
        meta,
        body_html: rendered.html,
        headings: rendered.headings,
    })
}

/// The original article's address is linked from every page that shows it,
/// so only web addresses are kept: never `javascript:` or `data:`.
fn is_web_address(text: &str) -> bool {
    url::Url::parse(text.trim()).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// A front-matter `slug` as a URL segment. Non-Latin letters are
/// transliterated ("Баку" → "baku"), but a slug that tries to leave its
/// folder is refused rather than quietly repaired.
fn checked_slug(asked: &str, split: &SplitFile<'_>, path: &Path) -> Result<String, BuildError> {
    let escapes = asked.contains("..")
        || asked.contains('/')
        || asked.contains('\\')
        || asked.chars().any(char::is_control);
    let slug = slug::slugify(asked);
    if !escapes && !slug.is_empty() {
        return Ok(slug);
    }
    let location = front_matter::key_location(split, "slug");
    Err(BuildError::Content {
        path: path.to_path_buf(),
        location,
        message: format!(
            "`slug: {asked:?}` {}; a slug is one URL segment such as `gas-swap-deal`",
            if escapes {
                "would leave the articles folder"
            } else {
                "has no letters or digits"
            }
        ),
        excerpt: location.and_then(|l| split.line(l.line)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_comes_from_file_name_or_front_matter() {
        let a = parse_article("---\ntitle: T\n---\nx", Path::new("c/Gas Swap Deal.md")).unwrap();
        assert_eq!(a.slug, "gas-swap-deal");
        let b = parse_article("---\nslug: Баку Газ\n---\nx", Path::new("c/a.md")).unwrap();
        assert_eq!(b.slug, "baku-gaz");
        let c = parse_article("x", Path::new("c/Нефть.md")).unwrap();
        assert_eq!(c.slug, "neft");
    }

    #[test]
    fn only_web_addresses_are_kept_as_the_original_url() {
        let mut warnings = Vec::new();
        let text = "---\ntitle: T\nurl: \"javascript:alert(1)\"\n---\n";
        let a = parse_article_noting(text, Path::new("c/a.md"), RawHtml::Sanitise, &mut warnings)
            .unwrap();
        assert_eq!(a.meta.url, "");
        assert!(
            warnings[0].to_string().starts_with("c/a.md:3:1: `url:"),
            "{warnings:?}"
        );
        let b = parse_article("---\nurl: https://trend.az/x\n---\n", Path::new("c/b.md")).unwrap();
        assert_eq!(b.meta.url, "https://trend.az/x");
    }

    #[test]
    fn a_slug_that_would_leave_its_folder_is_an_error() {
        for slug in ["../../etc", "a/b", "a\\\\b", "a\\u0007b", "..."] {
            let text = format!("---\ntitle: T\nslug: \"{slug}\"\n---\nx");
            let err = parse_article(&text, Path::new("c/a.md"))
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("c/a.md:3:1: `slug:"), "{slug}: {err}");
        }
    }

    #[test]
    fn missing_title_falls_back_to_first_heading_then_file_name() {
        let a = parse_article("# Heading title\n\ntext", Path::new("c/x.md")).unwrap();
        assert_eq!(a.meta.title, "Heading title");
        let b = parse_article("text only", Path::new("c/file-name.md")).unwrap();
        assert_eq!(b.meta.title, "file-name");
    }

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ntitle: A\n---\n").unwrap();
        std::fs::write(dir.path().join("b.md"), "---\ntitle: B\ndraft: true\n---\n").unwrap();
        assert_eq!(
            load(dir.path(), ReadOptions::default(), &Progress::hidden())
                .unwrap()
                .articles
                .len(),
            1
        );
        assert_eq!(
            load(
                dir.path(),
                ReadOptions {
                    include_drafts: true,
                    ..ReadOptions::default()
                },
                &Progress::hidden()
            )
            .unwrap()
            .articles
            .len(),
            2
        );
    }

    #[test]
    fn every_broken_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ndate: nope\n---\n").unwrap();
        std::fs::write(dir.path().join("b.md"), "---\ntitle: [\n---\n").unwrap();
        let err = load(dir.path(), ReadOptions::default(), &Progress::hidden())
            .unwrap_err()
            .to_string();
        assert!(err.contains("a.md") && err.contains("b.md"), "{err}");
    }
}
