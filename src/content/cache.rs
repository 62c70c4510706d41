//! Content read again by `briefing serve`: only the files that changed
//! since the last read, and when the file watcher names them, without
//! walking the content folder at all.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Article, RawHtml, ReadOptions, markdown_files, read_article};
use crate::error::{BuildError, Warning};

/// Content files as last read, for rebuilds that read again only the files
/// that changed (`briefing serve`).
#[derive(Debug, Default)]
pub struct ReadCache {
    files: std::collections::HashMap<PathBuf, CachedFile>,
    options: Option<(bool, RawHtml)>,
    /// The content files in reading order, and the warnings of walking the
    /// folder, as the last full look found them.
    order: Vec<PathBuf>,
    walk_warnings: Vec<Warning>,
}

#[derive(Debug)]
struct CachedFile {
    stamp: (std::time::SystemTime, u64),
    article: std::sync::Arc<Article>,
    warnings: Vec<Warning>,
}

/// What a cached read found.
#[derive(Debug, Default)]
pub struct Reread {
    /// The articles, shared with the cache: nothing is copied.
    pub articles: Vec<std::sync::Arc<Article>>,
    pub warnings: Vec<Warning>,
    /// Content files read again (new or changed since the last read).
    pub changed: Vec<PathBuf>,
    /// Whether a file of the last read is gone.
    pub removed: bool,
}

/// Like [`load`], reading again only files whose modification time or size
/// changed since `cache` last saw them. With `saved`, the paths a file
/// watcher reported, only those are looked at when they are all content
/// files already known (an edit, not a new or removed file).
pub fn load_cached(
    dir: &Path,
    options: ReadOptions,
    cache: &mut ReadCache,
    saved: Option<&[PathBuf]>,
) -> Result<Reread, BuildError> {
    let key = (options.include_drafts, options.raw_html);
    if cache.options != Some(key) {
        cache.files.clear();
        cache.order.clear();
        cache.options = Some(key);
    }
    let mut reread = Reread::default();
    let stamp = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|m| Ok((m.modified()?, m.len())))
            .map_err(|e| BuildError::io(path, e))
    };
    let edited = saved.and_then(|saved| edited_files(cache, saved));
    let walked = edited.is_none();
    let mut stale = Vec::new();
    let paths = match edited {
        // Walking and looking at 10,000 files takes tens of milliseconds.
        Some(edited) => {
            for path in edited {
                stale.push((path.clone(), stamp(&path)?));
            }
            std::mem::take(&mut cache.order)
        }
        None => {
            let mut walk_warnings = Vec::new();
            let paths = markdown_files(dir, &mut walk_warnings)?;
            cache.walk_warnings = walk_warnings;
            let stamps: Vec<_> = paths.par_iter().map(|p| stamp(p)).collect();
            for (path, stamp) in paths.iter().zip(stamps) {
                let stamp = stamp?;
                if cache.files.get(path).is_none_or(|c| c.stamp != stamp) {
                    stale.push((path.clone(), stamp));
                }
            }
            paths
        }
    };
    reread.warnings.extend(cache.walk_warnings.iter().cloned());
    let fresh: Vec<_> = stale
        .par_iter()
        .map(|(path, _)| read_article(path, options))
        .collect();
    let mut errors = Vec::new();
    for ((path, stamp), read) in stale.into_iter().zip(fresh) {
        match read {
            Ok((article, warnings)) => {
                cache.files.insert(
                    path.clone(),
                    CachedFile {
                        stamp,
                        article: article.into(),
                        warnings,
                    },
                );
            }
            Err(e) => {
                cache.files.remove(&path);
                errors.push(e);
            }
        }
        reread.changed.push(path);
    }
    if let Some(error) = BuildError::from_many(errors) {
        return Err(error);
    }
    if walked {
        let listed: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        let before = cache.files.len();
        cache.files.retain(|path, _| listed.contains(path));
        reread.removed = cache.files.len() != before;
    }
    for path in &paths {
        let cached = &cache.files[path];
        reread.warnings.extend(cached.warnings.iter().cloned());
        if options.include_drafts || !cached.article.meta.draft {
            reread.articles.push(cached.article.clone());
        }
    }
    cache.order = paths;
    Ok(reread)
}

/// The files of `saved` to read again, if every path a watcher reported is
/// a known content file that is still there, or something that is not
/// content at all (an editor's swap or backup file); None when the content
/// folder must be walked again: a new, removed or renamed file or folder.
fn edited_files(cache: &ReadCache, saved: &[PathBuf]) -> Option<Vec<PathBuf>> {
    if cache.order.is_empty() {
        return None;
    }
    let mut edited = Vec::new();
    for path in saved {
        if cache.files.contains_key(path) {
            if !path.is_file() {
                return None;
            }
            if !edited.contains(path) {
                edited.push(path.clone());
            }
        } else if path.extension().is_some_and(|e| e == "md")
            || path.is_dir()
            || cache.order.iter().any(|known| known.starts_with(path))
        {
            return None;
        }
    }
    Some(edited)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, title: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, format!("---\ntitle: {title}\n---\nText.\n")).unwrap();
        path
    }

    fn titles(reread: &Reread) -> Vec<&str> {
        reread
            .articles
            .iter()
            .map(|a| a.meta.title.as_str())
            .collect()
    }

    #[test]
    fn a_saved_file_is_read_again_alone_and_the_others_are_shared() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a.md", "A");
        write(dir.path(), "b.md", "B");
        let mut cache = ReadCache::default();
        let first = load_cached(dir.path(), ReadOptions::default(), &mut cache, None).unwrap();
        assert_eq!(titles(&first), ["A", "B"]);

        // Same size and, on a coarse clock, the same time: only the watcher
        // tells this save apart.
        let modified = std::fs::metadata(&a).unwrap().modified().unwrap();
        write(dir.path(), "a.md", "Z");
        let file = std::fs::File::options().write(true).open(&a).unwrap();
        file.set_modified(modified).unwrap();
        // An editor's swap file beside it is no content.
        let swap = dir.path().join(".a.md.swp");
        let saved = [a.clone(), swap];
        let again =
            load_cached(dir.path(), ReadOptions::default(), &mut cache, Some(&saved)).unwrap();
        assert_eq!(titles(&again), ["Z", "B"]);
        assert_eq!(again.changed, [a]);
        assert!(std::sync::Arc::ptr_eq(
            &first.articles[1],
            &again.articles[1]
        ));
    }

    #[test]
    fn a_new_or_removed_file_walks_the_folder_again() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a.md", "A");
        let mut cache = ReadCache::default();
        load_cached(dir.path(), ReadOptions::default(), &mut cache, None).unwrap();

        let c = write(dir.path(), "c.md", "C");
        let again =
            load_cached(dir.path(), ReadOptions::default(), &mut cache, Some(&[c])).unwrap();
        assert_eq!(titles(&again), ["A", "C"]);

        std::fs::remove_file(&a).unwrap();
        let again =
            load_cached(dir.path(), ReadOptions::default(), &mut cache, Some(&[a])).unwrap();
        assert_eq!(titles(&again), ["C"]);
        assert!(again.removed);
    }

    #[test]
    fn a_renamed_folder_walks_the_folder_again() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("old")).unwrap();
        write(&dir.path().join("old"), "a.md", "A");
        let mut cache = ReadCache::default();
        load_cached(dir.path(), ReadOptions::default(), &mut cache, None).unwrap();

        std::fs::rename(dir.path().join("old"), dir.path().join("new")).unwrap();
        let saved = [dir.path().join("old"), dir.path().join("new")];
        let again =
            load_cached(dir.path(), ReadOptions::default(), &mut cache, Some(&saved)).unwrap();
        assert_eq!(titles(&again), ["A"]);
        assert_eq!(again.articles[0].path, dir.path().join("new").join("a.md"));
        assert!(again.removed);
    }
}
