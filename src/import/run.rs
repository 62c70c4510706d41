//! `briefing import`: raw articles in, content files out, never overwriting.
//! An article is matched to its content file by `source_file`; one that has
//! one is kept as it is, because hand edits in `content/` are the truth.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::error::BuildError;
use crate::progress::Progress;

use super::article::{ImportedArticle, Importer, too_large};
use super::content_index::{Original, index_content, stories_in};
use super::duplicates::{Fingerprint, Seen};
use super::feed::FeedEntry;
use crate::content::front_matter::AlsoIn;

/// What the command line may say about an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Raw files or folders, or `http(s)://` addresses of pages and feeds;
    /// empty means the articles folder.
    pub paths: Vec<PathBuf>,
    /// Fetch the feeds site.toml follows (`[[feeds]]`) and import their
    /// new entries.
    pub feeds: bool,
    /// Fetch the page of a fetched feed's entry that gives only a summary,
    /// and import the page in its place.
    pub fetch_pages: bool,
    /// Print what would be written; write nothing.
    pub dry_run: bool,
    /// Re-import articles that already have a content file, keeping the old
    /// file as `<name>.md.orig`.
    pub force: bool,
    /// Import the same story from a second outlet too, instead of keeping
    /// it once with the other outlet in `also_in`.
    pub keep_duplicates: bool,
    /// Where to show how far the import has got.
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Imported {
        path: PathBuf,
    },
    /// Re-imported with `--force`; the previous file was kept as `kept_as`.
    Replaced {
        path: PathBuf,
        kept_as: PathBuf,
    },
    /// A content file exists for it: left as it is.
    Kept {
        path: PathBuf,
    },
    /// `--dry-run`: what would be written where.
    WouldWrite {
        path: PathBuf,
        text: String,
    },
    /// The same story as an article already imported (same address or
    /// near-identical text): not written; that article names this outlet
    /// in `also_in` when it is imported in the same run.
    Duplicate {
        of: PathBuf,
    },
    Failed {
        message: String,
    },
    /// An address fetched and saved as `path`, imported from there.
    Fetched {
        path: PathBuf,
    },
    /// A followed feed the server says has not changed (304).
    Unchanged,
}

#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: PathBuf,
    pub outcome: Outcome,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
}

impl ImportReport {
    pub fn count(&self, pick: fn(&Outcome) -> bool) -> usize {
        self.files.iter().filter(|f| pick(&f.outcome)).count()
    }
    pub fn imported(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Imported { .. } | Outcome::Replaced { .. }))
    }
    pub fn kept(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Kept { .. }))
    }
    pub fn duplicates(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Duplicate { .. }))
    }
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed { .. }))
    }
    pub fn warnings(&self) -> usize {
        self.files.iter().map(|f| f.warnings.len()).sum()
    }
}

/// Where an import reads from and writes to.
pub struct ImportPlan<'a> {
    pub config: &'a SiteConfig,
    pub articles_dir: &'a Path,
    pub content_dir: &'a Path,
}

/// Imports the raw articles `options` names into the content folder.
/// A file that cannot be imported is reported and the others go on; only a
/// content folder that cannot be read or written stops the run.
pub fn import(plan: &ImportPlan<'_>, options: &ImportOptions) -> Result<ImportReport, BuildError> {
    let existing = index_content(plan.content_dir)?;
    let mut fetching = super::fetch::fetch(plan, options)?;
    let raw_files = if fetching.active {
        // What was fetched, and the local paths named beside the addresses.
        let local: Vec<PathBuf> = options
            .paths
            .iter()
            .filter(|p| !super::fetch::is_address(p))
            .cloned()
            .collect();
        let mut files = if local.is_empty() {
            Vec::new()
        } else {
            raw_files(plan.articles_dir, &local)
        };
        files.extend(fetching.paths.iter().cloned());
        files
    } else {
        raw_files(plan.articles_dir, &options.paths)
    };
    let importer = Importer::new(plan.config);
    // A feed holds many articles: its entries are listed here, and each is
    // then imported as a file of its own would be.
    let items: Vec<RawItem> = raw_files
        .into_par_iter()
        .flat_map_iter(|path| raw_items(plan.articles_dir, path, &importer))
        .filter(|item| !fetching.skip.contains(&item.key))
        .collect();

    // Reading and parsing run in parallel; deciding names and writing stay
    // in file order, so a run is deterministic.
    enum Reading {
        HasContent(PathBuf),
        /// The article and its content file's text, made on the thread that read it.
        Read(Box<Result<(ImportedArticle, String), String>>),
    }
    options.progress.step("Importing", items.len());
    let readings: Vec<(PathBuf, Reading)> = items
        .into_par_iter()
        .map(|item| {
            let reading = match existing.by_source.get(&item.key) {
                Some(content) if !options.force => Reading::HasContent(content.clone()),
                _ => {
                    let read = match item.raw {
                        Raw::File(path) => read_raw(&path, importer.limit_for(&item.key))
                            .and_then(|bytes| guarded(|| importer.read(&bytes, &item.key))),
                        Raw::Entry(entry) => guarded(|| importer.read_entry(&entry, &item.key)),
                        Raw::Unreadable(why) => Err(why),
                    };
                    Reading::Read(Box::new(read.map(|mut article| {
                        fetching.apply_hints(&item.key, &mut article);
                        let text = article.to_markdown();
                        (article, text)
                    })))
                }
            };
            options.progress.advance();
            (item.shown, reading)
        })
        .collect();

    // Names are decided in file order, so a run is deterministic; the files
    // are then written in parallel.
    enum Step {
        Done(Outcome),
        Write {
            path: PathBuf,
            text: String,
            replace: bool,
        },
    }
    // The same story twice is kept once: the first in file order, with the
    // other outlets in `also_in`. The content folder's stories are read only
    // when there is something new to compare: a build with nothing to
    // import does not read 10,000 bodies.
    let anything_new = readings
        .iter()
        .any(|(_, r)| matches!(r, Reading::Read(read) if read.is_ok()));
    let mut seen = if anything_new && !options.keep_duplicates {
        stories_in(&existing.files)
    } else {
        Seen::default()
    };
    let mut pending: Vec<Pending> = Vec::with_capacity(readings.len());
    for (source, reading) in readings {
        let result = match reading {
            Reading::HasContent(path) => Err(Outcome::Kept { path }),
            Reading::Read(result) => (*result).map_err(|message| Outcome::Failed { message }),
        };
        let result = match result {
            Ok((article, text)) if !options.keep_duplicates => {
                let fingerprint = Fingerprint::new(&article.front.url, &article.body);
                // Its own content file (a --force re-import) is no other outlet.
                let own = existing.by_source.get(&article.front.source_file);
                match seen.original_of(&fingerprint) {
                    Some(Original::Existing(path)) if Some(&path) != own => {
                        Err(Outcome::Duplicate { of: path })
                    }
                    Some(Original::Existing(_)) => Ok((article, text)),
                    Some(Original::Pending(i)) => {
                        let front = &article.front;
                        if let Ok((first, first_text)) = &mut pending[i].1 {
                            // An outlet the text does not name is known by its file.
                            let outlet = if front.source.is_empty() {
                                &front.source_file
                            } else {
                                &front.source
                            };
                            first.front.also_in.push(AlsoIn {
                                source: outlet.clone(),
                                url: front.url.clone(),
                            });
                            *first_text = first.to_markdown();
                        }
                        Err(Outcome::Duplicate {
                            of: pending[i].0.clone(),
                        })
                    }
                    None => {
                        seen.add(fingerprint, Original::Pending(pending.len()));
                        Ok((article, text))
                    }
                }
            }
            other => other,
        };
        pending.push((source, result));
    }

    // Names are decided in file order, so a run is deterministic.
    let mut taken: HashSet<String> = existing.stems.clone();
    let mut steps: Vec<(PathBuf, Step, Vec<String>)> = Vec::with_capacity(pending.len());
    for (source, result) in pending {
        steps.push(match result {
            Err(outcome) => (source, Step::Done(outcome), Vec::new()),
            Ok((article, text)) => {
                let known = existing.by_source.get(&article.front.source_file);
                let path = match known {
                    Some(path) => path.clone(),
                    None => plan
                        .content_dir
                        .join(unique_stem(&article.file_stem(), &mut taken) + ".md"),
                };
                let step = if options.dry_run {
                    Step::Done(Outcome::WouldWrite { path, text })
                } else {
                    Step::Write {
                        path,
                        text,
                        replace: known.is_some(),
                    }
                };
                (source, step, article.warnings)
            }
        });
    }
    let files: Vec<Result<FileReport, BuildError>> = steps
        .into_par_iter()
        .map(|(source, step, warnings)| {
            let outcome = match step {
                Step::Done(outcome) => outcome,
                Step::Write {
                    path,
                    text,
                    replace,
                } => write_content(&path, &text, replace)?,
            };
            Ok(FileReport {
                source,
                outcome,
                warnings,
            })
        })
        .collect();
    let mut report = ImportReport {
        files: std::mem::take(&mut fetching.reports),
    };
    for file in files {
        report.files.push(file?);
    }
    fetching.finish(&report)?;
    Ok(report)
}

/// A raw article read, in file order: its name, and its article and content
/// text, or what became of it.
type Pending = (PathBuf, Result<(ImportedArticle, String), Outcome>);

/// One article to import: a raw file, or one entry of a feed.
struct RawItem {
    /// How the report names it: the file, or `feed.xml#ID`.
    shown: PathBuf,
    /// Its `source_file`.
    key: String,
    raw: Raw,
}

enum Raw {
    File(PathBuf),
    Entry(Box<FeedEntry>),
    /// A feed that could not be read: it fails alone, by its name.
    Unreadable(String),
}

/// The articles a raw file holds: itself, or a feed's entries.
fn raw_items(articles_dir: &Path, path: PathBuf, importer: &Importer) -> Vec<RawItem> {
    let key = source_key(articles_dir, &path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !super::feed::is_feed(&name) {
        return vec![RawItem {
            shown: path.clone(),
            key,
            raw: Raw::File(path),
        }];
    }
    let entries =
        read_raw(&path, importer.limit_for(&key)).and_then(|bytes| super::feed::entries(&bytes));
    match entries {
        Ok(entries) if entries.is_empty() => vec![RawItem {
            shown: path,
            key,
            raw: Raw::Unreadable("the feed has no entries".into()),
        }],
        Ok(entries) => entries
            .into_iter()
            .map(|entry| RawItem {
                shown: PathBuf::from(format!("{}#{}", path.display(), entry.id)),
                key: format!("{key}#{}", entry.id),
                raw: Raw::Entry(Box::new(entry)),
            })
            .collect(),
        Err(why) => vec![RawItem {
            shown: path,
            key,
            raw: Raw::Unreadable(why),
        }],
    }
}

/// Reads one article; a fault in a reader (a bug, not the input's fault)
/// fails that article alone, with a message, and the import goes on.
fn guarded(
    read: impl FnOnce() -> Result<ImportedArticle, String>,
) -> Result<ImportedArticle, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!(
                "briefing failed while reading it ({why}); the other articles were imported — please report this file"
            ))
        })
}

fn read_raw(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let size = fs::metadata(path).map_err(|e| e.to_string())?.len();
    if let Some(refusal) = too_large(size, limit) {
        return Err(refusal);
    }
    fs::read(path).map_err(|e| e.to_string())
}

fn unique_stem(stem: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = stem.to_string();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Writes a new content file without ever replacing one; with `replace`,
/// first moves the old file aside to `<name>.md.orig`.
fn write_content(path: &Path, text: &str, replace: bool) -> Result<Outcome, BuildError> {
    let io = |e| BuildError::io(path, e);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
    }
    let mut kept_as = None;
    if replace && path.exists() {
        let mut orig = path.with_extension("md.orig");
        let mut n = 2;
        while orig.exists() {
            orig = path.with_extension(format!("md.orig.{n}"));
            n += 1;
        }
        fs::rename(path, &orig).map_err(io)?;
        kept_as = Some(orig);
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io)?;
    file.write_all(text.as_bytes()).map_err(io)?;
    Ok(match kept_as {
        Some(kept_as) => Outcome::Replaced {
            path: path.to_path_buf(),
            kept_as,
        },
        None => Outcome::Imported {
            path: path.to_path_buf(),
        },
    })
}

/// The raw articles named (`.txt` text, `.html`/`.htm` pages, gzipped or
/// not), folders walked in name order.
fn raw_files(articles_dir: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    let defaults = [articles_dir.to_path_buf()];
    let roots = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut files = Vec::new();
    for root in roots {
        if root.is_file() || !root.exists() {
            files.push(root.clone());
            continue;
        }
        for entry in WalkDir::new(root).sort_by_file_name().into_iter().flatten() {
            let name = entry.file_name().to_string_lossy();
            let is_article = name.ends_with(".txt")
                || super::page::is_page(&name)
                || super::feed::is_feed(&name);
            if entry.file_type().is_file() && is_article {
                files.push(entry.into_path());
            }
        }
    }
    files
}

/// How a raw file is named in `source_file`: relative to the articles
/// folder, with `/`; a file elsewhere by its name.
pub fn source_key(articles_dir: &Path, path: &Path) -> String {
    // A file named on the command line (`articles/a.txt` from the site
    // root, or a full path) is the same file as the walk finds.
    let canonical = || {
        let (dir, file) = (articles_dir.canonicalize().ok()?, path.canonicalize().ok()?);
        file.strip_prefix(dir).ok().map(Path::to_path_buf)
    };
    let relative = path
        .strip_prefix(articles_dir)
        .ok()
        .map(Path::to_path_buf)
        .or_else(canonical)
        .filter(|r| !r.as_os_str().is_empty());
    match relative {
        Some(r) => r
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        None => path
            .file_name()
            .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy())
            .into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_keys_are_relative_to_the_articles_folder() {
        let dir = Path::new("site/articles");
        assert_eq!(
            source_key(dir, Path::new("site/articles/2023/a.txt")),
            "2023/a.txt"
        );
        assert_eq!(source_key(dir, Path::new("elsewhere/b.txt")), "b.txt");
    }
}
