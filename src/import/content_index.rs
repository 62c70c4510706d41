//! What the content folder already holds, read before an import: which raw
//! article each content file came from (by its `source_file` line alone,
//! so a file with broken front matter elsewhere is still kept), and, when
//! there is something new to compare, the stories the files tell.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::duplicates::{Fingerprint, Seen};
use crate::error::BuildError;

pub(super) struct ContentIndex {
    pub(super) by_source: BTreeMap<String, PathBuf>,
    pub(super) stems: HashSet<String>,
    /// Every content file, in name order.
    pub(super) files: Vec<PathBuf>,
}

/// The first copy of a story: a content file, or an article of this run.
#[derive(Debug, Clone)]
pub(super) enum Original {
    Existing(PathBuf),
    Pending(usize),
}

/// The content files there are, by the raw article they came from. Only the
/// `source_file` line is read, so a file with broken front matter elsewhere
/// is still recognised and kept.
pub(super) fn index_content(content_dir: &Path) -> Result<ContentIndex, BuildError> {
    let mut index = ContentIndex {
        by_source: BTreeMap::new(),
        stems: HashSet::new(),
        files: Vec::new(),
    };
    if !content_dir.exists() {
        return Ok(index);
    }
    for entry in WalkDir::new(content_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| BuildError::io(content_dir, e.into()))?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        if let Some(stem) = path.file_stem() {
            index.stems.insert(stem.to_string_lossy().into_owned());
        }
        let text = fs::read_to_string(path).map_err(|e| BuildError::io(path, e))?;
        if let Some(source) = source_file_of(&text) {
            index
                .by_source
                .entry(source)
                .or_insert_with(|| path.to_path_buf());
        }
        index.files.push(path.to_path_buf());
    }
    Ok(index)
}

/// The `source_file` value of a content file's front matter (YAML or TOML).
fn source_file_of(text: &str) -> Option<String> {
    front_value(text, "source_file")
}

/// The stories the content files tell, read in parallel, kept in name order.
pub(super) fn stories_in(files: &[PathBuf]) -> Seen<Original> {
    let fingerprints: Vec<Option<Fingerprint>> = files
        .par_iter()
        .map(|path| {
            let text = fs::read_to_string(path).ok()?;
            let url = front_value(&text, "url").unwrap_or_default();
            Some(Fingerprint::new(&url, body_of(&text)))
        })
        .collect();
    let mut seen = Seen::default();
    for (fingerprint, path) in fingerprints.into_iter().zip(files) {
        if let Some(fingerprint) = fingerprint {
            seen.add(fingerprint, Original::Existing(path.clone()));
        }
    }
    seen
}

/// A content file's text after its front matter.
fn body_of(text: &str) -> &str {
    let Some(fence) = text.get(..3).filter(|f| *f == "---" || *f == "+++") else {
        return text;
    };
    let close = format!("\n{fence}");
    text[3..]
        .find(&close)
        .map_or("", |at| &text[3 + at + close.len()..])
}

/// The value of a top-level front-matter `key` as written on its line
/// (quotes removed), read without parsing the whole file.
fn front_value(text: &str, key: &str) -> Option<String> {
    let mut lines = text.lines();
    let fence = lines.next()?.trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    for line in lines {
        if line.trim_end() == fence {
            return None;
        }
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        let value = rest.trim_start().strip_prefix([':', '='])?.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        return (!value.is_empty()).then(|| value.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_file_is_read_from_yaml_and_toml() {
        assert_eq!(
            source_file_of("---\ntitle: x\nsource_file: \"a/b.txt\"\n---\n").as_deref(),
            Some("a/b.txt")
        );
        assert_eq!(
            source_file_of("+++\nsource_file = 'c.txt'\n+++\n").as_deref(),
            Some("c.txt")
        );
        assert_eq!(source_file_of("---\ntitle: x\n---\nsource_file: y"), None);
    }
}
