//! `feeds-state.json`, next to site.toml: for each followed feed, what the
//! server said last time (ETag, Last-Modified) and the entries already
//! imported, by GUID and by address. Written whole or not at all.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Validators;
use crate::error::BuildError;
use crate::import::duplicates::normal_url;

pub const STATE_FILE: &str = "feeds-state.json";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct FeedState {
    #[serde(flatten)]
    validators: Validators,
    /// GUIDs, and addresses as `normal_url` writes them.
    seen: BTreeSet<String>,
    /// Entries (`feeds/x.xml#ID`) imported from their page instead
    /// (`--fetch-pages`): an import of the saved feed leaves them out.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    replaced: BTreeSet<String>,
}

#[derive(Debug, Default)]
pub struct FeedsState {
    path: PathBuf,
    feeds: BTreeMap<String, FeedState>,
}

impl FeedsState {
    /// The state at `path`; none yet is an empty state.
    pub fn load(path: &Path) -> Result<FeedsState, BuildError> {
        let feeds = match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                BuildError::Usage(format!(
                    "{}:{}:{}: not a feeds state file ({e}); remove it to fetch every feed afresh",
                    path.display(),
                    e.line(),
                    e.column()
                ))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(BuildError::io(path, e)),
        };
        Ok(FeedsState {
            path: path.to_path_buf(),
            feeds,
        })
    }

    pub fn validators(&self, url: &str) -> Validators {
        self.feeds
            .get(url)
            .map(|f| f.validators.clone())
            .unwrap_or_default()
    }

    pub fn set_validators(&mut self, url: &str, validators: Validators) {
        self.feeds.entry(url.to_string()).or_default().validators = validators;
    }

    /// Whether an entry of the feed at `url` was imported before, by its
    /// GUID or its address (a feed may give a story a new GUID).
    pub fn has_seen(&self, url: &str, id: &str, link: &str) -> bool {
        self.feeds.get(url).is_some_and(|feed| {
            feed.seen.contains(id) || !link.is_empty() && feed.seen.contains(&normal_url(link))
        })
    }

    pub fn mark_seen(&mut self, url: &str, id: &str, link: &str) {
        let feed = self.feeds.entry(url.to_string()).or_default();
        if !id.is_empty() {
            feed.seen.insert(id.to_string());
        }
        if !link.is_empty() {
            feed.seen.insert(normal_url(link));
        }
    }

    pub fn mark_replaced(&mut self, url: &str, entry_key: &str) {
        let feed = self.feeds.entry(url.to_string()).or_default();
        feed.replaced.insert(entry_key.to_string());
    }

    /// Every entry of a saved feed that its page stands for.
    pub fn replaced(&self) -> impl Iterator<Item = &String> {
        self.feeds.values().flat_map(|f| f.replaced.iter())
    }

    pub fn save(&self) -> Result<(), BuildError> {
        let text = serde_json::to_string_pretty(&self.feeds)
            .map_err(|e| BuildError::Usage(format!("{}: {e}", self.path.display())))?;
        super::save(&self.path, format!("{text}\n").as_bytes())
            .map_err(|e| BuildError::io(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_remembered_by_guid_and_by_address_across_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        let mut state = FeedsState::load(&path).unwrap();
        let feed = "https://x.org/rss";
        assert!(!state.has_seen(feed, "a1", "https://x.org/a"));
        state.mark_seen(feed, "a1", "https://www.x.org/a/?utm_source=rss");
        state.set_validators(
            feed,
            Validators {
                etag: Some("\"v1\"".into()),
                last_modified: None,
            },
        );
        state.save().unwrap();
        let again = FeedsState::load(&path).unwrap();
        assert!(again.has_seen(feed, "a1", ""));
        // A new GUID for the same story is still the same story.
        assert!(again.has_seen(feed, "a1-v2", "http://x.org/a"));
        assert!(!again.has_seen(feed, "b2", "https://x.org/b"));
        assert!(!again.has_seen("https://other.org/rss", "a1", ""));
        assert_eq!(again.validators(feed).etag.as_deref(), Some("\"v1\""));
        let mut state = again;
        state.mark_replaced(feed, "feeds/x.xml#b2");
        state.save().unwrap();
        let again = FeedsState::load(&path).unwrap();
        assert_eq!(again.replaced().collect::<Vec<_>>(), ["feeds/x.xml#b2"]);
        std::fs::write(&path, "{ broken").unwrap();
        let err = FeedsState::load(&path).unwrap_err().to_string();
        assert!(err.contains("feeds-state.json:1:"), "{err}");
    }
}
