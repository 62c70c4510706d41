//! Which folders a build may replace. The output folder is deleted and
//! rebuilt on every build, so it must never be a folder that holds anything
//! else of value: the system root, a home folder, the site itself.

use std::path::{Component, Path, PathBuf};

use crate::error::BuildError;

/// The folders of a site that an output folder must neither be nor hold.
#[derive(Debug, Default)]
pub struct Protected {
    /// (what it is, path): the output may not be this folder or one holding it.
    holders: Vec<(&'static str, PathBuf)>,
    /// (what it is, path): the output may not lie inside this folder either.
    sources: Vec<(&'static str, PathBuf)>,
}

impl Protected {
    /// The output may not be `path` or any folder above it.
    pub fn keep(mut self, what: &'static str, path: &Path) -> Self {
        self.holders.push((what, absolute(path)));
        self
    }

    /// As [`Protected::keep`], and the output may not lie inside `path`:
    /// the site's inputs are never mixed with what is built from them.
    pub fn keep_source(mut self, what: &'static str, path: &Path) -> Self {
        let path = absolute(path);
        self.holders.push((what, path.clone()));
        self.sources.push((what, path));
        self
    }

    /// The places every build protects: the working folder and the home folder.
    pub fn always() -> Self {
        let mut protected = Protected::default();
        if let Ok(cwd) = std::env::current_dir() {
            protected = protected.keep("the current folder", &cwd);
        }
        if let Some(home) = std::env::home_dir().filter(|h| !h.as_os_str().is_empty()) {
            protected = protected.keep("your home folder", &home);
        }
        protected
    }

    /// Refuses an output folder that would replace something it must not.
    pub fn check(&self, target: &Path) -> Result<(), BuildError> {
        let refuse = |message: String| {
            Err(BuildError::Output {
                path: target.to_path_buf(),
                message,
            })
        };
        if target.components().next() == Some(Component::Normal("~".as_ref())) {
            return refuse(
                "`~` is not expanded here; write the folder's full path, e.g. $HOME/public".into(),
            );
        }
        let resolved = absolute(target);
        if resolved.parent().is_none() {
            return refuse("the root of the file system cannot be an output folder".into());
        }
        // A folder that *is* something protected is named as such first.
        let exact_first = self.holders.iter().filter(|(_, p)| *p == resolved);
        let above = self.holders.iter().filter(|(_, p)| *p != resolved);
        for (what, path) in exact_first.chain(above) {
            if path.starts_with(&resolved) {
                let relation = if *path == resolved { "is" } else { "holds" };
                return refuse(format!(
                    "this folder {relation} {what} ({}); a build replaces its output \
                     folder, so choose another, such as `public`",
                    path.display()
                ));
            }
        }
        for (what, path) in &self.sources {
            if resolved.starts_with(path) {
                return refuse(format!(
                    "this folder lies inside {what} ({}); choose one outside it, such as `public`",
                    path.display()
                ));
            }
        }
        Ok(())
    }
}

/// `path` made absolute with symbolic links resolved, as far as it exists;
/// the part that does not exist yet is normalised by its text.
fn absolute(path: &Path) -> PathBuf {
    let joined = match std::path::absolute(path) {
        Ok(p) => p,
        Err(_) => path.to_path_buf(),
    };
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                push_normalised(&mut out, *part);
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return joined,
        }
    }
}

fn push_normalised(out: &mut PathBuf, part: Component<'_>) {
    match part {
        Component::ParentDir => {
            out.pop();
        }
        Component::Normal(name) => out.push(name),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_root_and_tilde_are_refused() {
        let protected = Protected::default();
        assert!(protected.check(Path::new("/")).is_err());
        let err = protected.check(Path::new("~")).unwrap_err().to_string();
        assert!(err.contains("full path"), "{err}");
        assert!(protected.check(Path::new("~/public")).is_err());
    }

    #[test]
    fn site_folders_and_their_parents_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let protected = Protected::default()
            .keep("the site", &root)
            .keep_source("the content folder", &root.join("content"));
        for refused in [
            root.clone(),
            dir.path().to_path_buf(),
            root.join("content"),
            root.join("content/public"),
            root.join("x/../content"),
        ] {
            assert!(protected.check(&refused).is_err(), "{}", refused.display());
        }
        assert!(protected.check(&root.join("public")).is_ok());
        assert!(protected.check(&dir.path().join("elsewhere/out")).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_to_the_site_is_seen_through() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::os::unix::fs::symlink(&root, dir.path().join("link")).unwrap();
        let protected = Protected::default().keep("the site", &root);
        assert!(protected.check(&dir.path().join("link")).is_err());
    }
}
