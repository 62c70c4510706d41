//! Articles from the network: `briefing import URL…` and `import --feeds`.
//! Every page and feed fetched is saved in the articles folder first
//! (`web/HOST/NAME.html`, `feeds/NAME.xml`), so an import can be run again
//! offline and nothing at build time depends on the network; the saved
//! files are then imported as any other raw file. A feed followed in
//! site.toml (`[[feeds]]`) remembers, in `feeds-state.json` next to
//! site.toml, its validators for conditional requests and the entries
//! already imported, which are not imported again.

mod client;
mod state;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;

pub use client::{Fetched, Fetcher, Kind, USER_AGENT, Validators, kind_of};
use state::FeedsState;

use super::article::ImportedArticle;
use super::run::{FileReport, ImportOptions, ImportPlan, ImportReport, Outcome, source_key};
use crate::error::BuildError;

/// Whether a command-line argument is an address rather than a path.
pub fn is_address(path: &Path) -> bool {
    path.to_str()
        .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://"))
}

/// Where a fetched address is saved, relative to the articles folder:
/// pages by host and path (`web/example.com/news-gas-deal.html`), feeds by
/// their name in site.toml or else their address (`feeds/example.com-rss.xml`).
pub fn saved_name(url: &str, kind: Kind, name: &str) -> PathBuf {
    let parsed = url::Url::parse(url).ok();
    let host = parsed
        .as_ref()
        .and_then(|u| {
            let host = u.host_str()?;
            Some(match u.port() {
                Some(port) => format!("{host}-{port}"),
                None => host.to_string(),
            })
        })
        .map(|h| slug::slugify(h.trim_start_matches("www.")))
        .unwrap_or_else(|| "address".into());
    let path = parsed
        .as_ref()
        .map(|u| {
            let query = u.query().map(|q| format!("-{q}")).unwrap_or_default();
            slug::slugify(format!("{}{query}", u.path()))
        })
        .unwrap_or_default();
    // Long enough to tell pages apart, short enough for any file system.
    let path: String = path.chars().take(100).collect();
    let path = path.trim_end_matches('-');
    match kind {
        Kind::Page => {
            let stem = if path.is_empty() { "index" } else { path };
            PathBuf::from("web").join(host).join(format!("{stem}.html"))
        }
        Kind::Feed { json } => {
            let stem = if !name.trim().is_empty() {
                slug::slugify(name)
            } else if path.is_empty() {
                host
            } else {
                format!("{host}-{path}")
            };
            let extension = if json { "json" } else { "xml" };
            PathBuf::from("feeds").join(format!("{stem}.{extension}"))
        }
    }
}

/// Countries and topics a followed feed gives every article of it.
#[derive(Debug, Clone, Default)]
struct Hint {
    countries: Vec<String>,
    topics: Vec<String>,
}

/// A feed fetched in this run, for marking its entries as seen.
struct FetchedFeed {
    url: String,
    /// How the report names the saved feed's entries: `PATH#`.
    shown_prefix: String,
    entries: Vec<(String, String)>,
    /// Followed in site.toml: its entries are remembered as seen.
    followed: bool,
}

/// What fetching adds to an import.
#[derive(Default)]
pub struct Fetching {
    /// Whether anything was to be fetched: then only the saved files (and
    /// the local paths named) are imported, not the whole articles folder.
    pub active: bool,
    /// The saved files to import.
    pub paths: Vec<PathBuf>,
    /// One line per address: fetched, unchanged, or failed with the reason.
    pub reports: Vec<FileReport>,
    /// Entries (`feeds/x.xml#ID`) not to import: seen before, or their page
    /// is imported in their place.
    pub skip: HashSet<String>,
    hints: HashMap<String, Hint>,
    state: Option<FeedsState>,
    feeds: Vec<FetchedFeed>,
    /// Entries imported from their page this run, by feed address.
    replaced: Vec<(String, String)>,
}

/// One address to fetch.
struct Target {
    url: String,
    name: String,
    /// The `[[feeds]]` entry it comes from.
    subscription: Option<usize>,
}

/// Fetches the addresses among `options.paths` and, with `--feeds`, the
/// feeds of site.toml; saves what arrives in the articles folder. One
/// address failing never stops the others.
pub fn fetch(plan: &ImportPlan<'_>, options: &ImportOptions) -> Result<Fetching, BuildError> {
    let config = plan.config;
    let mut targets: Vec<Target> = options
        .paths
        .iter()
        .filter(|p| is_address(p))
        .map(|p| Target {
            url: p.to_string_lossy().into_owned(),
            name: String::new(),
            subscription: None,
        })
        .collect();
    if options.feeds {
        targets.extend(config.feeds.iter().enumerate().map(|(i, feed)| Target {
            url: feed.url.clone(),
            name: feed.name.clone(),
            subscription: Some(i),
        }));
    }
    if options.feeds && config.feeds.is_empty() {
        return Err(BuildError::Usage(format!(
            "--feeds: {} follows no feeds; add one as\n\n[[feeds]]\nurl = \"https://…/rss.xml\"",
            config.path.display()
        )));
    }
    let state_path = config
        .path
        .parent()
        .unwrap_or(Path::new(""))
        .join(state::STATE_FILE);
    if targets.is_empty() {
        // A saved feed's entries whose pages were imported in their place
        // stay out of every later import (build's too); a state file that
        // cannot be read only matters to `--feeds`, which says so.
        let skip = FeedsState::load(&state_path)
            .map(|state| state.replaced().cloned().collect())
            .unwrap_or_default();
        return Ok(Fetching {
            skip,
            ..Fetching::default()
        });
    }
    if options.dry_run {
        return Err(BuildError::Usage(
            "--dry-run does not fetch: fetching saves pages and feeds in the articles folder, \
             which a dry run may not write to"
                .into(),
        ));
    }
    let mut fetching = Fetching {
        active: true,
        ..Fetching::default()
    };
    let mut state = if options.feeds || options.fetch_pages {
        Some(FeedsState::load(&state_path)?)
    } else {
        None
    };
    let fetcher = Fetcher::new(
        Duration::from_secs(config.fetch.timeout_seconds),
        config.max_article_mb.saturating_mul(1_048_576),
    );
    let answers: Vec<Result<Fetched, String>> = targets
        .par_iter()
        .map(|target| {
            let validators = match (&state, target.subscription) {
                (Some(state), Some(_)) => state.validators(&target.url),
                _ => Validators::default(),
            };
            fetcher.get(&target.url, &validators)
        })
        .collect();

    for (target, answer) in targets.iter().zip(answers) {
        let shown = PathBuf::from(&target.url);
        let download = match answer {
            Err(message) => {
                fetching.report(shown, Outcome::Failed { message });
                continue;
            }
            Ok(Fetched::NotModified) => {
                fetching.report(shown, Outcome::Unchanged);
                continue;
            }
            Ok(Fetched::Body(download)) => download,
        };
        let relative = saved_name(&target.url, download.kind, &target.name);
        let path = plan.articles_dir.join(&relative);
        if let Err(e) = save(&path, &noted(&download, &target.url)) {
            fetching.report(
                shown,
                Outcome::Failed {
                    message: e.to_string(),
                },
            );
            continue;
        }
        fetching.report(shown, Outcome::Fetched { path: path.clone() });
        let key = source_key(plan.articles_dir, &path);
        if let Some(i) = target.subscription {
            let feed = &config.feeds[i];
            fetching.hints.insert(
                key.clone(),
                Hint {
                    countries: feed.countries.clone(),
                    topics: feed.topics.clone(),
                },
            );
        }
        if let (Some(state), Some(_)) = (&mut state, target.subscription) {
            state.set_validators(&target.url, download.validators.clone());
        }
        if matches!(download.kind, Kind::Feed { .. }) {
            let entries = super::feed::entries(&download.bytes).unwrap_or_default();
            let seen = state.as_ref().filter(|_| target.subscription.is_some());
            let mut listed = Vec::new();
            let mut pages = Vec::new();
            for entry in &entries {
                let entry_key = format!("{key}#{}", entry.id);
                if seen.is_some_and(|s| s.has_seen(&target.url, &entry.id, &entry.link)) {
                    fetching.skip.insert(entry_key);
                    continue;
                }
                listed.push((entry.id.clone(), entry.link.clone()));
                if options.fetch_pages && entry.summary_only && is_address(Path::new(&entry.link)) {
                    pages.push((entry_key, entry.link.clone()));
                }
            }
            fetching.feeds.push(FetchedFeed {
                url: target.url.clone(),
                shown_prefix: format!("{}#", path.display()),
                entries: listed,
                followed: target.subscription.is_some(),
            });
            let hint = fetching.hints.get(&key).cloned();
            fetching.fetch_pages(plan, &fetcher, &target.url, pages, hint);
        }
        fetching.paths.push(path);
    }
    fetching.state = state;
    Ok(fetching)
}

impl Fetching {
    fn report(&mut self, source: PathBuf, outcome: Outcome) {
        self.reports.push(FileReport {
            source,
            outcome,
            warnings: Vec::new(),
        });
    }

    /// `--fetch-pages`: the pages of entries that give only a summary,
    /// imported in their place. A page that fails leaves its entry's
    /// summary to import.
    fn fetch_pages(
        &mut self,
        plan: &ImportPlan<'_>,
        fetcher: &Fetcher,
        feed_url: &str,
        pages: Vec<(String, String)>,
        hint: Option<Hint>,
    ) {
        let answers: Vec<(String, String, Result<PathBuf, String>)> = pages
            .into_par_iter()
            .map(|(entry_key, link)| {
                let relative = saved_name(&link, Kind::Page, "");
                let path = plan.articles_dir.join(relative);
                // Saved by an earlier run: imported from disk, not fetched again.
                if path.exists() {
                    return (entry_key, link, Ok(path));
                }
                let saved = match fetcher.get(&link, &Validators::default()) {
                    Ok(Fetched::Body(download)) if download.kind == Kind::Page => {
                        save(&path, &noted(&download, &link))
                            .map(|()| path)
                            .map_err(|e| e.to_string())
                    }
                    Ok(Fetched::Body(_)) => Err("not a web page".into()),
                    Ok(Fetched::NotModified) => Err("the server answered 304 unasked".into()),
                    Err(why) => Err(why),
                };
                (entry_key, link, saved)
            })
            .collect();
        for (entry_key, link, saved) in answers {
            match saved {
                Ok(path) => {
                    self.replaced
                        .push((feed_url.to_string(), entry_key.clone()));
                    self.skip.insert(entry_key);
                    if let Some(hint) = &hint {
                        self.hints
                            .insert(source_key(plan.articles_dir, &path), hint.clone());
                    }
                    self.report(
                        PathBuf::from(&link),
                        Outcome::Fetched { path: path.clone() },
                    );
                    self.paths.push(path);
                }
                Err(why) => self.report(
                    PathBuf::from(&link),
                    Outcome::Failed {
                        message: format!("{why}; the feed's summary is imported instead"),
                    },
                ),
            }
        }
    }

    /// Adds the countries and topics a followed feed gives its articles.
    pub fn apply_hints(&self, key: &str, article: &mut ImportedArticle) {
        let feed_key = key.split('#').next().unwrap_or(key);
        let Some(hint) = self.hints.get(key).or_else(|| self.hints.get(feed_key)) else {
            return;
        };
        let front = &mut article.front;
        for country in &hint.countries {
            if !front.countries.contains(country) {
                front.mentions.retain(|m| m != country);
                front.countries.push(country.clone());
            }
        }
        for topic in &hint.topics {
            if !front.topics.contains(topic) {
                front.topics.push(topic.clone());
            }
        }
    }

    /// After the import: the entries of followed feeds that did not fail
    /// are remembered as seen, with the feeds' validators.
    pub fn finish(self, report: &ImportReport) -> Result<(), BuildError> {
        let Some(mut state) = self.state else {
            return Ok(());
        };
        let failed: HashSet<String> = report
            .files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Failed { .. }))
            .map(|f| f.source.display().to_string())
            .collect();
        for (url, entry_key) in &self.replaced {
            state.mark_replaced(url, entry_key);
        }
        for feed in self.feeds.iter().filter(|f| f.followed) {
            for (id, link) in &feed.entries {
                if !failed.contains(&format!("{}{id}", feed.shown_prefix)) {
                    state.mark_seen(&feed.url, id, link);
                }
            }
        }
        state.save()
    }
}

/// A page with the address it came from noted at its top, as browsers note
/// it when they save a page (`<!-- saved from url=(0042)… -->`): the
/// article's `url` when the page names no canonical address. A feed as it is.
fn noted(download: &client::Download, url: &str) -> Vec<u8> {
    let bytes = &download.bytes;
    if download.kind != Kind::Page || url.contains("--") {
        return bytes.clone();
    }
    let bom: &[u8] = b"\xef\xbb\xbf";
    let (mark, rest) = match bytes.strip_prefix(bom) {
        Some(rest) => (bom, rest),
        None => (&b""[..], &bytes[..]),
    };
    let note = format!("<!-- saved from url=({:04}){url} -->\n", url.len());
    [mark, note.as_bytes(), rest].concat()
}

/// Writes a fetched file whole or not at all.
fn save(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetched_addresses_are_saved_under_readable_names() {
        assert_eq!(
            saved_name("https://www.Trend.az/news/gas-deal?id=5", Kind::Page, ""),
            PathBuf::from("web/trend-az/news-gas-deal-id-5.html")
        );
        assert_eq!(
            saved_name("http://127.0.0.1:8080/", Kind::Page, ""),
            PathBuf::from("web/127-0-0-1-8080/index.html")
        );
        assert_eq!(
            saved_name(
                "https://azernews.az/rss.xml",
                Kind::Feed { json: false },
                ""
            ),
            PathBuf::from("feeds/azernews-az-rss-xml.xml")
        );
        assert_eq!(
            saved_name(
                "https://x.org/feed",
                Kind::Feed { json: true },
                "Caspian Wire"
            ),
            PathBuf::from("feeds/caspian-wire.json")
        );
        assert!(is_address(Path::new("https://x.org/a")));
        assert!(!is_address(Path::new("articles/http.txt")));
    }
}
