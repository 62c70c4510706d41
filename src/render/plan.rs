//! Which files a render makes: all of them for a build; for `serve`'s
//! rebuild after a save, only what the saved articles affect.

use super::Job;
use crate::model::{Site, Taxonomy};

/// Which files a render writes: everything (a build), or, when `serve`
/// rebuilds after a save, the article pages that changed and every page
/// made from many articles.
#[derive(Debug, Clone, Default)]
pub struct RenderPlan {
    /// Per article (in `Site::articles` order), whether its page is
    /// rendered; `None`: every article page.
    pub articles: Option<Vec<bool>>,
    /// Per country and per topic, whether its dossier and matrix cells are
    /// rendered; `None`: all of them.
    pub terms: Option<(Vec<bool>, Vec<bool>)>,
    /// The printed briefing: with the rest, left out, or alone.
    pub print: PrintPart,
    /// Whether the search index is made here (else the caller makes it
    /// later, see [`search::SearchUpdate`]).
    pub search: bool,
}

impl RenderPlan {
    pub fn everything() -> Self {
        RenderPlan {
            articles: None,
            terms: None,
            print: PrintPart::With,
            search: true,
        }
    }

    pub(super) fn wants(&self, job: &Job) -> bool {
        let print = matches!(job, Job::Briefing | Job::BriefingChapter(_));
        match self.print {
            PrintPart::Only => return print,
            PrintPart::Without if print => return false,
            _ => {}
        }
        match (job, &self.articles, &self.terms) {
            (Job::Article(i), Some(articles), _) => articles[*i],
            (Job::Term(Taxonomy::Countries, i), _, Some((countries, _))) => countries[*i],
            (Job::Term(Taxonomy::Topics, i), _, Some((_, topics))) => topics[*i],
            (Job::MatrixCell(c, t), _, Some((countries, topics))) => countries[*c] && topics[*t],
            _ => true,
        }
    }
}

/// Whether a render makes the printed briefing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PrintPart {
    #[default]
    With,
    Without,
    Only,
}

/// A digest of which articles each term holds, in no particular order: an
/// edited title or date moves its article within its terms, which are
/// rendered again anyway, and must not make every other page look stale.
pub(super) fn membership(site: &Site, terms: &[crate::model::Term]) -> Vec<String> {
    terms
        .iter()
        .map(|term| {
            let mut hasher = blake3::Hasher::new();
            for held in [&term.articles, &term.mentioned_in] {
                let mut slugs: Vec<&str> = held
                    .iter()
                    .map(|&i| site.articles[i].slug.as_str())
                    .collect();
                slugs.sort_unstable();
                for slug in slugs {
                    hasher.update(slug.as_bytes());
                    hasher.update(b"\0");
                }
                hasher.update(b"\n");
            }
            hasher.finalize().to_hex().to_string()
        })
        .collect()
}

/// A digest of what every listing row takes from the site beyond its own
/// article: the date format, and each term's name, page and count. While
/// it holds, an unchanged article's row is unchanged.
pub fn row_inputs(site: &Site) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(site.config.date_format.as_bytes());
    for terms in [&site.countries, &site.topics] {
        hasher.update(b"\n");
        for term in terms.iter() {
            for text in [&term.slug, &term.name] {
                hasher.update(&(text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
            hasher.update(&(term.articles.len() as u64).to_le_bytes());
        }
    }
    hasher.finalize().to_hex().to_string()
}
