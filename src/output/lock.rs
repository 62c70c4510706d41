//! One build at a time per output folder, and nothing a dead build left
//! behind in the way of the next.
//!
//! A build holds `.NAME.lock` (beside the output folder `NAME`) locked for
//! its whole run; the operating system lets go of it when the process ends,
//! however it ends. Under the lock, whatever an earlier build left beside the
//! output is its leftover: staging folders (`.NAME.staging-PID`) are
//! removed, and a previous site moved aside (`.NAME.old`) is removed, or put
//! back when the build died before its new site took its place.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::BuildError;

use super::MARKER;

/// The lock on one output folder, released when dropped.
#[derive(Debug)]
pub struct BuildLock {
    _file: File,
    /// Leftovers of earlier builds that were cleaned away.
    pub cleaned: Vec<PathBuf>,
}

impl BuildLock {
    /// Takes the lock for `target`, or fails at once when another build
    /// holds it; refuses an output that is a symbolic link; then clears the
    /// leftovers of builds that died.
    pub fn take(target: &Path) -> Result<BuildLock, BuildError> {
        let refuse = |message: String| BuildError::Output {
            path: target.to_path_buf(),
            message,
        };
        if std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(refuse(
                "is a symbolic link; briefing replaces its output folder whole, so it builds \
                 only into a real folder: remove the link, or name the folder it points to"
                    .into(),
            ));
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                refuse(
                    "not a folder briefing can build into; name a folder such as `public`".into(),
                )
            })?;
        let parent = super::parent_of(target);
        std::fs::create_dir_all(&parent).map_err(|e| BuildError::io(&parent, e))?;
        let path = parent.join(format!(".{name}.lock"));
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| BuildError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(refuse(format!(
                    "another build is writing it right now (it holds the lock {}); wait for it to \
                     finish, then build again",
                    path.display()
                )));
            }
            Err(TryLockError::Error(e)) => return Err(BuildError::io(&path, e)),
        }
        let cleaned = clear_leftovers(target, &parent, &name)?;
        Ok(BuildLock {
            _file: file,
            cleaned,
        })
    }
}

/// Removes what dead builds of `target` left in `parent`; a previous site
/// moved aside comes back when no site took its place.
fn clear_leftovers(target: &Path, parent: &Path, name: &str) -> Result<Vec<PathBuf>, BuildError> {
    let mut cleaned = Vec::new();
    let old = parent.join(format!(".{name}.old"));
    // Only folders briefing wrote (they hold its marker) are touched.
    let ours = |dir: &Path| {
        std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) && dir.join(MARKER).is_file()
    };
    if ours(&old) {
        if std::fs::symlink_metadata(target).is_err() {
            std::fs::rename(&old, target).map_err(|e| BuildError::io(&old, e))?;
        } else {
            super::remove_in_parallel(&old)?;
        }
        cleaned.push(old);
    }
    let staging = format!(".{name}.staging-");
    let entries = std::fs::read_dir(parent).map_err(|e| BuildError::io(parent, e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let stale = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(&staging));
        if stale && ours(&path) {
            super::remove_in_parallel(&path)?;
            cleaned.push(path);
        }
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(MARKER), "").unwrap();
    }

    #[test]
    fn a_second_build_of_the_same_folder_is_refused_while_the_first_runs() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = BuildLock::take(&target).unwrap();
        let err = BuildLock::take(&target).unwrap_err().to_string();
        assert!(err.contains("another build is writing"), "{err}");
        drop(first);
        BuildLock::take(&target).unwrap();
    }

    #[test]
    fn leftovers_of_dead_builds_are_cleared_and_a_lost_site_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        ours(&dir.path().join(".public.staging-4242"));
        ours(&dir.path().join(".public.old"));
        std::fs::write(dir.path().join(".public.old/index.html"), "previous").unwrap();
        // Someone else's folder of a similar name is left alone.
        std::fs::create_dir(dir.path().join(".public.staging-notes")).unwrap();

        let lock = BuildLock::take(&target).unwrap();
        assert_eq!(lock.cleaned.len(), 2);
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "previous",
            "the site moved aside by a build that died is put back"
        );
        assert!(!dir.path().join(".public.staging-4242").exists());
        assert!(dir.path().join(".public.staging-notes").exists());
    }

    #[cfg(unix)]
    #[test]
    fn an_output_that_is_a_symbolic_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("public")).unwrap();
        let err = BuildLock::take(&dir.path().join("public"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("symbolic link"), "{err}");
    }
}
