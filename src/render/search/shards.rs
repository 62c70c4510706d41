//! The index in shards. The articles, oldest first, are cut into groups of
//! `[search] shard_articles`; each group is a Pagefind index of its own in
//! `pagefind/shards/DIGEST/`, named by the digest of everything it is made
//! from, and the search page merges them (Pagefind's `mergeIndex`).
//!
//! Cut from the oldest, a new article changes only the newest shard and an
//! edit only its own; a shard whose digest is already in the output is
//! kept, so a build or a save indexes only what changed. Shards are
//! indexed one after another, so memory follows the shard size, not the
//! number of articles.

use rayon::prelude::*;

use super::BUNDLE;
use crate::model::Site;

/// Where the shards' folders are, inside the bundle.
pub const SHARDS: &str = "shards/";

/// Hex digits of a shard's digest in its folder's name.
const DIGEST_DIGITS: usize = 16;

/// The layout of a shard's records and files: part of every digest, so
/// that a change to what is indexed (between releases too) makes every
/// shard anew rather than keeping ones made the old way.
const LAYOUT: &str = "shards 2";

/// One shard of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    /// The digest of everything the shard is made from: its folder's name.
    pub digest: String,
    /// Its articles, as positions in `site.articles`, newest first.
    pub articles: Vec<usize>,
    /// How many articles the shards older than this one hold: where its
    /// articles start on the scale of date order that all shards share.
    pub older: usize,
}

impl Shard {
    /// The shard's folder inside the bundle, e.g. `shards/0123456789abcdef/`.
    pub fn folder(&self) -> String {
        format!("{SHARDS}{}/", self.digest)
    }

    /// The shard's folder from the output root.
    pub fn dir(&self) -> String {
        format!("{BUNDLE}{}", self.folder())
    }
}

/// The site's shards, newest first (the order the search page merges them
/// in, so that results of equal score come newest first).
pub fn plan(site: &Site) -> Vec<Shard> {
    let per_article = article_digests(site);
    let mut order: Vec<usize> = (0..site.articles.len()).collect();
    // Undated articles first: they are never the newest.
    order.sort_by(|&a, &b| {
        let (x, y) = (&site.articles[a], &site.articles[b]);
        (x.meta.date, &x.slug).cmp(&(y.meta.date, &y.slug))
    });
    let shared = shared_digest(site);
    let per_shard = site.config.search.shard_articles.max(1);
    order
        .chunks(per_shard)
        .enumerate()
        .map(|(n, chunk)| {
            let older = n * per_shard;
            let mut hasher = blake3::Hasher::new();
            hasher.update(shared.as_bytes());
            hasher.update(&(older as u64).to_le_bytes());
            for &article in chunk {
                hasher.update(per_article[article].as_bytes());
            }
            Shard {
                digest: hasher.finalize().to_hex()[..DIGEST_DIGITS].to_string(),
                articles: chunk.iter().rev().copied().collect(),
                older,
            }
        })
        .rev()
        .collect()
}

/// The digest of the whole index: of its shards, in order.
pub fn digest(shards: &[Shard]) -> String {
    let mut hasher = blake3::Hasher::new();
    for shard in shards {
        super::field(&mut hasher, &shard.digest);
    }
    hasher.finalize().to_hex().to_string()
}

/// What every shard is made from besides its articles: the versions of
/// briefing (and so of the index format) and the language and date format
/// the records are written in.
fn shared_digest(site: &Site) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    super::field(&mut hasher, env!("CARGO_PKG_VERSION"));
    super::field(&mut hasher, LAYOUT);
    super::field(&mut hasher, &super::language_code(&site.config.language));
    super::field(&mut hasher, &site.config.date_format);
    hasher.finalize()
}

/// Each article's digest, of everything its record is made from.
fn article_digests(site: &Site) -> Vec<blake3::Hash> {
    let base = site.config.base_path();
    site.articles
        .par_iter()
        .zip(site.filed.par_iter())
        .map(|(article, filed)| {
            let mut hasher = blake3::Hasher::new();
            let meta = &article.meta;
            let date = meta.date.map(|d| d.to_string()).unwrap_or_default();
            let texts = [
                base,
                &article.slug,
                &meta.title,
                &meta.source,
                &date,
                &article.body_html,
            ];
            for text in texts {
                super::field(&mut hasher, text);
            }
            for &t in &filed.countries {
                super::field(&mut hasher, &site.countries[t].name);
            }
            super::field(&mut hasher, "");
            for &t in &filed.topics {
                super::field(&mut hasher, &site.topics[t].name);
            }
            hasher.finalize()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;

    fn site(per_shard: usize, language: &str, files: &[(&str, &str, &str)]) -> Site {
        let mut config = SiteConfig::default();
        config.search.shard_articles = per_shard;
        config.language = language.into();
        let articles = files.iter().map(|(name, front, body)| {
            crate::content::parse_article(
                &format!("---\n{front}\n---\n{body}\n"),
                std::path::Path::new(name),
            )
            .unwrap()
        });
        Site::new(config, articles).unwrap()
    }

    const ARTICLES: [(&str, &str, &str); 5] = [
        ("u.md", "title: Undated", "No date."),
        ("a.md", "title: A\ndate: 2020-01-01", "Gas."),
        ("b.md", "title: B\ndate: 2021-01-01", "Oil."),
        ("c.md", "title: C\ndate: 2022-01-01", "Grain."),
        ("d.md", "title: D\ndate: 2023-01-01", "Power."),
    ];

    fn slugs<'a>(site: &'a Site, shards: &[Shard]) -> Vec<Vec<&'a str>> {
        shards
            .iter()
            .map(|s| {
                s.articles
                    .iter()
                    .map(|&a| site.articles[a].slug.as_str())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn shards_are_cut_from_the_oldest_and_listed_newest_first() {
        let site = site(2, "en", &ARTICLES);
        let shards = plan(&site);
        assert_eq!(
            slugs(&site, &shards),
            [vec!["d"], vec!["c", "b"], vec!["a", "u"]]
        );
        assert!(shards[0].dir().starts_with("pagefind/shards/"));
        assert_eq!(shards[0].folder().len(), "shards/".len() + 16 + 1);
    }

    #[test]
    fn a_new_article_changes_only_the_newest_shard() {
        let before = plan(&site(2, "en", &ARTICLES));
        let mut more = ARTICLES.to_vec();
        more.push(("e.md", "title: E\ndate: 2024-01-01", "Coal."));
        let after_site = site(2, "en", &more);
        let after = plan(&after_site);
        assert_eq!(slugs(&after_site, &after)[0], ["e", "d"]);
        assert_ne!(after[0].digest, before[0].digest);
        // The older shards are kept (their positions in `site.articles`
        // move, as the new article comes first there).
        let digests =
            |shards: &[Shard]| -> Vec<String> { shards.iter().map(|s| s.digest.clone()).collect() };
        assert_eq!(digests(&after[1..]), digests(&before[1..]));
    }

    #[test]
    fn an_edit_changes_only_its_own_shard() {
        let before = plan(&site(2, "en", &ARTICLES));
        let mut edited = ARTICLES.to_vec();
        edited[2].2 = "Oil and gas.";
        let after = plan(&site(2, "en", &edited));
        assert_eq!(after[0], before[0]);
        assert_ne!(after[1].digest, before[1].digest);
        assert_eq!(after[2], before[2]);
        assert_ne!(digest(&after), digest(&before));
    }

    #[test]
    fn every_shard_follows_the_language() {
        let english = plan(&site(2, "en", &ARTICLES));
        let french = plan(&site(2, "fr", &ARTICLES));
        for (e, f) in english.iter().zip(&french) {
            assert_ne!(e.digest, f.digest);
        }
    }

    #[test]
    fn a_site_with_no_articles_has_no_shards() {
        assert!(plan(&site(2, "en", &[])).is_empty());
    }
}
