//! The only code that writes the output folder. A build writes into a
//! staging folder beside the output and swaps it in only when every page
//! succeeded, so a failed build leaves the previous site as it was.

pub mod guard;
pub mod lock;
pub mod minify;

pub use lock::BuildLock;

use std::path::{Component, Path, PathBuf};

use crate::error::BuildError;
use std::io::Write;

use crate::render::{FileKind, OutputFile, Sink};

/// Marks a folder as written by briefing: only such a folder is ever replaced.
pub const MARKER: &str = ".briefing";
const MARKER_TEXT: &str =
    "This folder is written by `briefing build`; it is replaced on every build.\n";

/// A build's output under construction.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    minify: bool,
    committed: bool,
}

impl Staging {
    /// Prepares a staging folder for `target`, after checking that `target`
    /// may be replaced.
    /// With `force`, a non-empty folder briefing did not write is replaced too.
    pub fn new(target: &Path, minify: bool, force: bool) -> Result<Staging, BuildError> {
        check_replaceable(target, force)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parent = parent_of(target);
        std::fs::create_dir_all(&parent).map_err(|e| BuildError::io(&parent, e))?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| BuildError::io(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| BuildError::io(&dir, e))?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT)
            .map_err(|e| BuildError::io(dir.join(MARKER), e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            minify,
            committed: false,
        })
    }

    /// The staging folder: the finished site, before it is swapped in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file into the staging folder. Safe to call from many threads.
    pub fn write(&self, file: OutputFile) -> Result<(), BuildError> {
        let path = self.prepare(&file.path)?;
        let bytes = match file.kind {
            FileKind::Html if self.minify => minify::minify_page(file.bytes),
            _ => file.bytes,
        };
        std::fs::write(&path, bytes).map_err(|e| BuildError::io(&path, e))
    }

    /// Writes the file at `relative` as `fill` produces it, through a buffer.
    pub fn stream(
        &self,
        relative: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> Result<(), BuildError>,
    ) -> Result<(), BuildError> {
        let path = self.prepare(relative)?;
        let file = std::fs::File::create(&path).map_err(|e| BuildError::io(&path, e))?;
        let mut out = WriteFailure {
            inner: std::io::BufWriter::with_capacity(1 << 18, file),
            error: None,
        };
        let filled = fill(&mut out);
        // A full disk fails inside the template engine, which does not know
        // the file: the error names it here.
        if let Some(error) = out.error.take() {
            return Err(BuildError::io(&path, error));
        }
        filled?;
        out.inner.flush().map_err(|e| BuildError::io(&path, e))
    }

    /// Takes the folder `dir` over from the output being replaced when its
    /// file `stamp` reads `digest`: hard links where the file system allows
    /// them (the old output is deleted after the swap), copies elsewhere.
    pub fn reuse(&self, dir: &str, stamp: &str, digest: &str) -> Result<bool, BuildError> {
        let Some(safe) = safe_relative(dir) else {
            return Ok(false);
        };
        let kept = std::fs::read_to_string(self.target.join(&safe).join(stamp)).ok();
        if !self.target.join(MARKER).is_file() || kept.as_deref() != Some(digest) {
            return Ok(false);
        }
        self.link_previous(&safe)?;
        Ok(true)
    }

    /// Takes the folder `dir` over from the output being replaced, whatever
    /// it was made from: `serve` keeps serving the last search index until
    /// a new one is made.
    pub fn carry_over(&self, dir: &str) -> Result<(), BuildError> {
        let Some(safe) = safe_relative(dir) else {
            return Ok(());
        };
        let previous = self.target.join(&safe);
        if self.target.join(MARKER).is_file() && previous.is_dir() {
            self.link_previous(&safe)?;
        }
        Ok(())
    }

    /// Hard links (or copies) the previous output's folder `safe` into the
    /// staging folder.
    fn link_previous(&self, safe: &Path) -> Result<(), BuildError> {
        let previous = self.target.join(safe);
        for entry in walkdir::WalkDir::new(&previous) {
            let entry = entry.map_err(|e| BuildError::io(&previous, e.into()))?;
            let relative = entry.path().strip_prefix(&previous).unwrap_or(entry.path());
            let to = self.dir.join(safe).join(relative);
            let kind = entry.file_type();
            if kind.is_dir() {
                std::fs::create_dir_all(&to).map_err(|e| BuildError::io(&to, e))?;
            } else if kind.is_file() && std::fs::hard_link(entry.path(), &to).is_err() {
                std::fs::copy(entry.path(), &to).map_err(|e| BuildError::io(&to, e))?;
            }
        }
        Ok(())
    }

    /// The place of `relative` in the staging folder, its folder made.
    fn prepare(&self, relative: &str) -> Result<PathBuf, BuildError> {
        let safe = safe_relative(relative).ok_or_else(|| BuildError::Output {
            path: PathBuf::from(relative),
            message: "refusing to write outside the output folder".into(),
        })?;
        let path = self.dir.join(safe);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        Ok(path)
    }

    /// The files the finished site holds, as a user counts them in the
    /// output folder (briefing's own marker aside).
    pub fn file_count(&self) -> usize {
        walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path() != self.dir.join(MARKER))
            .count()
    }

    /// Swaps the staging folder in for the target.
    pub fn commit(mut self) -> Result<PathBuf, BuildError> {
        let old = self.dir.with_extension("old");
        let had_previous = self.target.exists();
        if had_previous {
            std::fs::rename(&self.target, &old).map_err(|e| BuildError::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_previous {
                // Put the previous site back before reporting.
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(BuildError::io(&self.target, e));
        }
        self.committed = true;
        if had_previous {
            remove_in_parallel(&old)?;
        }
        Ok(self.target.clone())
    }
}

/// A writer that keeps the first error it met, so that it can be told
/// with the file's path.
struct WriteFailure<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Write for WriteFailure<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            if self.error.is_none() {
                self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
            }
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            if self.error.is_none() {
                self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
            }
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn write(&self, file: OutputFile) -> Result<(), BuildError> {
        Staging::write(self, file)
    }

    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> Result<(), BuildError>,
    ) -> Result<(), BuildError> {
        Staging::stream(self, path, fill)
    }

    fn reuse(&self, dir: &str, stamp: &str, digest: &str) -> Result<bool, BuildError> {
        Staging::reuse(self, dir, stamp, digest)
    }
}

/// Removes a folder, its top-level entries in parallel: the previous
/// output holds tens of thousands of files in a few folders (articles,
/// the search index), and removing them is a good part of a build.
pub(crate) fn remove_in_parallel(dir: &Path) -> Result<(), BuildError> {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| BuildError::io(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.par_iter().try_for_each(|path| {
        let removed = if path.is_dir() && !path.is_symlink() {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        };
        removed.map_err(|e| BuildError::io(path, e))
    })?;
    std::fs::remove_dir(dir).map_err(|e| BuildError::io(dir, e))
}

/// Writes files straight into a folder that is being served, each one
/// replaced whole (written beside, then renamed), for `serve`'s rebuilds of
/// its own scratch folder. Never used for a site's output folder: builds
/// go through [`Staging`].
pub struct InPlace {
    dir: PathBuf,
    minify: bool,
}

impl InPlace {
    pub fn new(dir: &Path, minify: bool) -> Self {
        InPlace {
            dir: dir.to_path_buf(),
            minify,
        }
    }
}

impl InPlace {
    /// Writes files into folders no page reads yet (a new search shard's,
    /// named by its content and listed only once it is whole): straight
    /// and in parallel, without the write-beside-and-rename each file of a
    /// served folder needs. Files are written in the order of `batches`,
    /// each batch whole before the next (a shard's stamp last, so a folder
    /// cut short is never taken for a finished one).
    pub fn write_new(&self, batches: Vec<Vec<OutputFile>>) -> Result<(), BuildError> {
        use rayon::prelude::*;
        for batch in batches {
            let mut paths = Vec::with_capacity(batch.len());
            for file in &batch {
                let safe = safe_relative(&file.path).ok_or_else(|| BuildError::Output {
                    path: PathBuf::from(&file.path),
                    message: "refusing to write outside the output folder".into(),
                })?;
                paths.push(self.dir.join(safe));
            }
            let parents: std::collections::BTreeSet<&Path> =
                paths.iter().filter_map(|p| p.parent()).collect();
            for parent in parents {
                std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
            }
            paths
                .par_iter()
                .zip(batch.par_iter())
                .try_for_each(|(path, file)| {
                    std::fs::write(path, &file.bytes).map_err(|e| BuildError::io(path, e))
                })?;
        }
        Ok(())
    }
}

impl Sink for InPlace {
    fn write(&self, file: OutputFile) -> Result<(), BuildError> {
        let bytes = match file.kind {
            FileKind::Html if self.minify => minify::minify_page(file.bytes),
            _ => file.bytes,
        };
        self.stream(&file.path, &mut |out| {
            out.write_all(&bytes)
                .map_err(|e| BuildError::io(&file.path, e))
        })
    }

    fn stream(
        &self,
        relative: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> Result<(), BuildError>,
    ) -> Result<(), BuildError> {
        let safe = safe_relative(relative).ok_or_else(|| BuildError::Output {
            path: PathBuf::from(relative),
            message: "refusing to write outside the output folder".into(),
        })?;
        let path = self.dir.join(safe);
        let parent = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        let mut file =
            tempfile::NamedTempFile::new_in(parent).map_err(|e| BuildError::io(parent, e))?;
        {
            let mut out = std::io::BufWriter::with_capacity(1 << 18, file.as_file_mut());
            fill(&mut out)?;
            out.flush().map_err(|e| BuildError::io(&path, e))?;
        }
        file.persist(&path)
            .map_err(|e| BuildError::io(&path, e.error))?;
        Ok(())
    }
}

fn parent_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A target may be replaced when it does not exist, is empty, or was
/// written by briefing (it holds the marker file), or when `force` says so.
fn check_replaceable(target: &Path, force: bool) -> Result<(), BuildError> {
    if target.file_name().is_none() {
        return Err(BuildError::Output {
            path: target.to_path_buf(),
            message: "not a folder briefing can build into; name a folder such as `public`".into(),
        });
    }
    match std::fs::read_dir(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(BuildError::io(target, e)),
        Ok(mut entries) => {
            if force || entries.next().is_none() || target.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(BuildError::Output {
                    path: target.to_path_buf(),
                    message: "folder exists, is not empty and was not written by briefing; \
                              choose another output folder, or pass --force to replace it"
                        .into(),
                })
            }
        }
    }
}

/// `path` as plain relative components, or None when it could leave the folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let path = Path::new(path);
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
            kind: FileKind::Html,
        }
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert_eq!(
            safe_relative("a/b/index.html"),
            Some(PathBuf::from("a/b/index.html"))
        );
    }

    #[test]
    fn a_write_that_fails_inside_a_template_is_told_with_the_file() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::from_raw_os_error(28)) // ENOSPC
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut out = WriteFailure {
            inner: Full,
            error: None,
        };
        // The template engine sees only that writing failed.
        assert!(out.write_all(b"<html>").is_err());
        let error = BuildError::io(Path::new("public/timeline/index.html"), out.error.unwrap());
        let message = error.to_string();
        assert!(message.contains("public/timeline/index.html"), "{message}");
        assert!(message.contains("No space left"), "{message}");
    }

    #[test]
    fn uncommitted_build_leaves_previous_output_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = Staging::new(&target, false, false).unwrap();
        first.write(page("index.html", "first")).unwrap();
        first.commit().unwrap();

        let second = Staging::new(&target, false, false).unwrap();
        second.write(page("index.html", "second")).unwrap();
        drop(second);
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "first"
        );
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "staging folder was not cleaned up");
    }

    #[test]
    fn foreign_non_empty_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
        let err = Staging::new(dir.path(), false, false)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("not written by briefing"), "{err}");
        assert!(dir.path().join("precious.txt").exists());
    }

    #[test]
    fn pathologically_deep_pages_are_written_unminified() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let staging = Staging::new(&target, true, false).unwrap();
        let deep = "<blockquote>\n".repeat(100_000) + &"</blockquote>".repeat(100_000);
        staging.write(page("index.html", &deep)).unwrap();
        staging.commit().unwrap();
        let html = std::fs::read_to_string(target.join("index.html")).unwrap();
        assert_eq!(html, deep);
    }

    #[test]
    fn html_is_minified_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let staging = Staging::new(&target, true, false).unwrap();
        staging
            .write(page("index.html", "<p>\n   a   b\n</p>"))
            .unwrap();
        staging.commit().unwrap();
        let html = std::fs::read_to_string(target.join("index.html")).unwrap();
        assert_eq!(html, "<p>a b</p>");
    }
}
