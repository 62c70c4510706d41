//! `site.toml`: read once, validated once, then shared read-only by every stage.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{BuildError, Location};

/// The name of the configuration file at a site's root.
pub const CONFIG_FILE: &str = "site.toml";

/// Everything `site.toml` can say. Unknown keys are errors, so a typo never
/// silently falls back to a default.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// The file this was read from, for errors found later (not a key).
    #[serde(skip)]
    pub path: PathBuf,
    pub title: String,
    pub subtitle: String,
    /// One or two sentences on what the briefing covers, shown on the front page.
    pub description: String,
    pub organisation: String,
    /// BCP 47 language tag of the content, used in `<html lang>` and the feed.
    pub language: String,
    /// Absolute URL the site is published at; only the feed, the sitemap and
    /// `<link rel=canonical>` use it, every other link is relative.
    pub base_url: String,
    pub output_dir: PathBuf,
    pub content_dir: PathBuf,
    pub articles_dir: PathBuf,
    /// The country the briefing is about.
    pub subject: String,
    /// strftime-style format for dates shown to readers (jiff syntax).
    pub date_format: String,
    pub minify: bool,
    /// Keep HTML written in articles as it is. Off by default: articles come
    /// from outside, so their HTML is sanitised (no scripts, no handlers).
    pub allow_raw_html: bool,
    /// The largest raw article or content file read, in megabytes: a news
    /// article is a few kilobytes, a larger file is a dump or a mistake.
    pub max_article_mb: u64,
    pub feed: FeedConfig,
    /// The feeds `briefing import --feeds` fetches (`[[feeds]]`).
    pub feeds: Vec<Subscription>,
    /// How pages and feeds are fetched over the network.
    pub fetch: FetchConfig,
    /// The search page and the search box on every page.
    pub search: SearchConfig,
    /// The printed briefing: `/briefing/` and `briefing pdf`.
    pub briefing: BriefingConfig,
    /// Topic lexicon: merged over the defaults in `data/topics.toml` by name.
    pub topics: BTreeMap<String, TopicRule>,
    /// People's canonical names and the other spellings that mean them.
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Countries, or names of countries, added to the built-in gazetteer.
    pub gazetteer: BTreeMap<String, GazetteerEntry>,
    /// Free values for a site's own templates, available as `site.extra`.
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedConfig {
    pub enabled: bool,
    /// How many of the newest dated articles the feed carries.
    pub limit: usize,
}

/// A feed the briefing follows: `[[feeds]] url = "…"`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Subscription {
    /// The feed's address (RSS, Atom or JSON Feed).
    pub url: String,
    /// What the saved feed is called in `articles/feeds/`; by default its
    /// address.
    pub name: String,
    /// Countries every entry of this feed is about, added to those its
    /// text names (a feed of one country's news).
    pub countries: Vec<String>,
    /// Topics every entry of this feed is about, likewise.
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchConfig {
    /// The longest one request (a page or a feed) may take, in seconds.
    pub timeout_seconds: u64,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            timeout_seconds: 30,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// Build the search index (`pagefind/`), the search page and box.
    pub enabled: bool,
    /// Articles per shard of the index. Each shard is indexed on its own
    /// (one at a time, so memory depends on this, not on the number of
    /// articles) and kept while its articles do not change; the browser
    /// merges them, fetching a little from each per query.
    pub shard_articles: usize,
}

impl Default for SearchConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            shard_articles: 2500,
        }
    }
}

/// The printed briefing's cover and layout.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct BriefingConfig {
    /// The cover's marking line, e.g. "For internal use"; also printed at the
    /// top of every page.
    pub marking: String,
    /// The date on the cover (`date = 2024-03-01`); by default the newest
    /// article's, so the same content always prints the same briefing.
    pub date: Option<toml::value::Datetime>,
    pub paper: Paper,
    /// Country chapters in this order (names or slugs); by default every
    /// country with articles, most articles first, the site's subject last.
    pub chapters: Vec<String>,
    /// How many developments (newest dated articles, one line each) the
    /// executive summary, each chapter and each country and topic page lead with.
    pub summary_items: usize,
    /// What the printed briefing does with the articles' full texts:
    /// `"none"` (digests only; the texts are online), `"annex"` (after the
    /// chapters) or `"chapters"` (in the chapters, after the digests).
    pub full_text: FullText,
    /// A country has a chapter of its own with at least this many articles.
    pub chapter_min_articles: usize,
    /// At most this many country chapters, the subject's included; the
    /// other countries share the closing chapter.
    pub max_chapters: usize,
    /// Articles a chapter tells as digests (headline, date, outlet, lead)
    /// before it lists the rest one line each.
    pub digests_per_chapter: usize,
}

/// Where the printed briefing puts the articles' full texts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FullText {
    /// Not printed: each article is a digest with a link to its text.
    #[default]
    None,
    /// In an annex after the chapters.
    Annex,
    /// In each chapter, after its digests.
    Chapters,
}

impl BriefingConfig {
    /// The cover date, when site.toml sets one (validated as a plain date).
    pub fn date(&self) -> Option<jiff::civil::Date> {
        let date = self.date.as_ref()?.date?;
        jiff::civil::Date::new(date.year as i16, date.month as i8, date.day as i8).ok()
    }
}

impl Default for BriefingConfig {
    fn default() -> Self {
        Self {
            marking: String::new(),
            date: None,
            paper: Paper::A4,
            chapters: Vec::new(),
            summary_items: 8,
            full_text: FullText::None,
            chapter_min_articles: 3,
            max_chapters: 12,
            digests_per_chapter: 6,
        }
    }
}

/// Paper sizes the briefing is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    /// The CSS `@page { size }` value.
    pub fn css_size(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// One topic of the lexicon: its words and phrases, and how many hits make
/// an article about it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TopicRule {
    pub words: Vec<String>,
    pub threshold: usize,
}

impl Default for TopicRule {
    fn default() -> Self {
        Self {
            words: Vec::new(),
            threshold: 2,
        }
    }
}

/// The names a country goes by in text, as in `data/gazetteer.toml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct GazetteerEntry {
    /// Other names: long, short, former ("Republic of Azerbaijan", "Persia").
    pub also: Vec<String>,
    /// Adjectives and demonyms ("Azerbaijani", "Azeri").
    pub adjectives: Vec<String>,
    /// Capitals, major cities and seats of government ("Baku", "Kremlin").
    pub places: Vec<String>,
}

impl Default for FeedConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            limit: 50,
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            path: PathBuf::from(CONFIG_FILE),
            title: "Briefing".into(),
            subtitle: String::new(),
            description: String::new(),
            organisation: String::new(),
            language: "en".into(),
            base_url: "http://localhost:1111/".into(),
            output_dir: "public".into(),
            content_dir: "content".into(),
            articles_dir: "articles".into(),
            subject: String::new(),
            date_format: "%-d %B %Y".into(),
            minify: true,
            allow_raw_html: false,
            max_article_mb: 4,
            feed: FeedConfig::default(),
            feeds: Vec::new(),
            fetch: FetchConfig::default(),
            search: SearchConfig::default(),
            briefing: BriefingConfig::default(),
            topics: BTreeMap::new(),
            aliases: BTreeMap::new(),
            gazetteer: BTreeMap::new(),
            extra: toml::Table::new(),
        }
    }
}

/// `message` with the line of site.toml it is about shown under it, as
/// content errors show theirs.
fn with_line(text: &str, location: Option<Location>, message: String) -> String {
    let line = location.and_then(|l| text.lines().nth(l.line.checked_sub(1)?));
    match (location, line) {
        (Some(l), Some(line)) => format!("{message}\n{:>5} | {}", l.line, line.trim_end()),
        _ => message,
    }
}

/// serde's "unknown field `titel`, expected one of `title`, …" as a
/// reader wants it: "unknown key `titel`; did you mean `title`?", or the
/// keys it may be when none is close.
fn did_you_mean(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_string();
    };
    let Some((key, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match crate::suggest::nearest(key, known.iter().copied()) {
        Some(near) => format!("unknown key `{key}`; did you mean `{near}`?"),
        None => format!(
            "unknown key `{key}`{}",
            expected.replacen(", expected", "; the keys here are", 1)
        ),
    }
}

impl SiteConfig {
    /// Reads and validates `path`. A missing file gives the defaults, so
    /// `briefing build --content DIR` works in any folder.
    pub fn load(path: &Path) -> Result<Self, BuildError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self {
                    path: path.to_path_buf(),
                    ..Self::default()
                });
            }
            Err(source) => {
                return Err(BuildError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Self, BuildError> {
        let error = |e: toml::de::Error, key: String| {
            let location = e.span().map(|span| Location::from_offset(text, span.start));
            let message = did_you_mean(e.message().trim());
            let message = message.as_str();
            let message = if key.is_empty() || key == "." || message.contains(&format!("`{key}`")) {
                message.to_string()
            } else {
                format!("`{key}`: {message}")
            };
            BuildError::Config {
                path: path.to_path_buf(),
                location,
                message: with_line(text, location, message),
            }
        };
        // The path to the failing key, so "expected a boolean" says which key.
        let deserializer = toml::Deserializer::parse(text).map_err(|e| error(e, String::new()))?;
        let mut config: SiteConfig =
            serde_path_to_error::deserialize(deserializer).map_err(|e| {
                let key = e.path().to_string();
                error(e.into_inner(), key)
            })?;
        config.path = path.to_path_buf();
        config.validate().map_err(|(key, message)| {
            let location = key_location(text, key);
            BuildError::Config {
                path: path.to_path_buf(),
                location,
                message: with_line(text, location, format!("`{key}`: {message}")),
            }
        })?;
        Ok(config)
    }

    /// Checks values serde cannot: returns the offending key and why.
    fn validate(&mut self) -> Result<(), (&'static str, String)> {
        for feed in &self.feeds {
            if !(feed.url.starts_with("http://") || feed.url.starts_with("https://")) {
                return Err((
                    "url",
                    format!(
                        "a feed's address must be an http(s) URL, got {:?}",
                        feed.url
                    ),
                ));
            }
        }
        if self.fetch.timeout_seconds == 0 {
            return Err(("timeout_seconds", "must be at least 1".into()));
        }
        if self.search.shard_articles == 0 {
            return Err(("shard_articles", "must be at least 1".into()));
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err((
                "base_url",
                format!("must be an absolute http(s) URL, got {:?}", self.base_url),
            ));
        }
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
        if icu_locale_core::Locale::try_from_str(self.language.trim()).is_err() {
            return Err((
                "language",
                format!(
                    "{:?} is not a language tag such as \"en\", \"fr\" or \"pt-BR\"",
                    self.language
                ),
            ));
        }
        if let Some((name, _)) = self.topics.iter().find(|(_, rule)| rule.threshold == 0) {
            return Err(("threshold", format!("topic {name:?}: must be at least 1")));
        }
        let probe = jiff::civil::date(2023, 11, 27);
        if jiff::fmt::strtime::format(&self.date_format, probe).is_err() {
            return Err((
                "date_format",
                format!("{:?} is not a valid date format", self.date_format),
            ));
        }
        if let Some(date) = &self.briefing.date
            && (date.date.is_none() || date.time.is_some() || self.briefing.date().is_none())
        {
            return Err((
                "date",
                format!("[briefing] date must be a day such as 2024-03-01, got {date}"),
            ));
        }
        if self.briefing.summary_items == 0 {
            return Err(("summary_items", "must be at least 1".into()));
        }
        Ok(())
    }

    /// The path part of `base_url` ("/briefing/" for a GitHub Pages project site).
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }
}

/// Where `key = ` first appears in the file, for errors about a value.
fn key_location(text: &str, key: &str) -> Option<Location> {
    text.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key)?;
        rest.trim_start().starts_with('=').then(|| Location {
            line: i + 1,
            column: line.len() - trimmed.len() + 1,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, BuildError> {
        SiteConfig::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn unknown_key_is_an_error_naming_key_file_and_line() {
        let err = parse("title = \"x\"\ntitel = \"typo\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("site.toml:2"), "{err}");
        // The line itself is shown under the message.
        assert!(
            err.contains("unknown key `titel`; did you mean `title`?\n    2 | titel = \"typo\""),
            "{err}"
        );
        // Nothing near: the keys it may be.
        let err = parse("colour = \"red\"\n").unwrap_err().to_string();
        assert!(
            err.contains("unknown key `colour`; the keys here are one of `title`"),
            "{err}"
        );
    }

    #[test]
    fn base_url_gets_a_trailing_slash_and_a_base_path() {
        let config = parse("base_url = \"https://user.github.io/repo\"").unwrap();
        assert_eq!(config.base_url, "https://user.github.io/repo/");
        assert_eq!(config.base_path(), "/repo/");
        let root = parse("base_url = \"https://example.org\"").unwrap();
        assert_eq!(root.base_path(), "/");
    }

    #[test]
    fn relative_base_url_is_refused_with_its_line() {
        let err = parse("title = \"x\"\nbase_url = \"/briefing/\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("site.toml:2") && err.contains("base_url"),
            "{err}"
        );
    }

    #[test]
    fn briefing_date_is_a_plain_day() {
        let config = parse("[briefing]\ndate = 2024-03-01\npaper = \"letter\"").unwrap();
        assert_eq!(config.briefing.date(), Some(jiff::civil::date(2024, 3, 1)));
        assert_eq!(config.briefing.paper, Paper::Letter);
        let err = parse("[briefing]\ndate = 2024-03-01T10:00:00\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("site.toml:2") && err.contains("date"), "{err}");
        let err = parse("[briefing]\npaper = \"a5\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("site.toml:2") && err.contains("a5"), "{err}");
    }

    #[test]
    fn bad_date_format_is_refused() {
        let err = parse("date_format = \"%Q\"").unwrap_err().to_string();
        assert!(err.contains("date_format"), "{err}");
    }
}
