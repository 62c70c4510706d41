//! What the briefing says, decided once between the model and the pages:
//! which key figures a summary shows, which developments lead each page,
//! how the printed briefing is cut into chapters, and the counts every page
//! agrees on. Plain data: `render` only formats it.

pub mod chapters;
pub mod figures;
pub mod lists;

use crate::error::BuildError;
use crate::model::{Site, Taxonomy};

pub use chapters::{BriefingPlan, Budget, Chapter};
pub use lists::PersonPick;

/// How many key figures a summary shows.
pub const SUMMARY_FIGURES: usize = 6;

/// What a page or a chapter leads with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Key figures (indexes into `Site::figures`), best first.
    pub figures: Vec<usize>,
    /// Dated articles, newest first: one line each.
    pub developments: Vec<usize>,
}

/// What a country's or a topic's page shows beside its highlights.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DossierLists {
    /// The people named in the most of its articles.
    pub people: Vec<PersonPick>,
    /// Measures given for several periods: figure indexes, oldest period first.
    pub series: Vec<Vec<usize>>,
}

/// What the front page picks out of the whole site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontPage {
    /// The newest articles, shown as cards.
    pub latest: Vec<usize>,
    /// The most-covered countries, the heat map's rows.
    pub heat_map_countries: Vec<usize>,
    /// The most-covered terms, shown as clouds; their index pages list all.
    pub countries: Vec<usize>,
    pub topics: Vec<usize>,
}

/// The counts the cover, the front page, the tables and the PDF all show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: usize,
    /// Distinct outlets named; articles without one count for none.
    pub outlets: usize,
    /// Articles that name no outlet.
    pub without_outlet: usize,
    pub countries: usize,
    pub figures: usize,
}

/// The counts of `articles`.
pub fn counts(site: &Site, articles: &[usize]) -> Counts {
    let mut outlets: Vec<&str> = Vec::with_capacity(articles.len());
    let mut countries = vec![false; site.countries.len()];
    let mut figures = 0;
    let mut without_outlet = 0;
    for &a in articles {
        let source = site.articles[a].meta.source.trim();
        if source.is_empty() {
            without_outlet += 1;
        } else {
            outlets.push(source);
        }
        for &c in &site.filed[a].countries {
            countries[c] = true;
        }
        figures += site.articles[a].meta.figures.len();
    }
    outlets.sort_unstable();
    outlets.dedup();
    Counts {
        articles: articles.len(),
        outlets: outlets.len(),
        without_outlet,
        countries: countries.iter().filter(|&&c| c).count(),
        figures,
    }
}

/// The newest dated articles of `articles` (in reading order), at most `limit`.
pub fn developments(site: &Site, articles: &[usize], limit: usize) -> Vec<usize> {
    articles
        .iter()
        .copied()
        .filter(|&a| site.articles[a].meta.date.is_some())
        .take(limit)
        .collect()
}

/// Everything the pages and the printed briefing choose.
#[derive(Debug, Clone, Default)]
pub struct Digest {
    /// The whole briefing: the front page and the executive summary.
    pub summary: Highlights,
    pub counts: Counts,
    /// Per country and per topic, in `Site::countries` / `Site::topics` order.
    pub countries: Vec<Highlights>,
    pub topics: Vec<Highlights>,
    pub plan: BriefingPlan,
    /// Per chapter of `plan`: its key figures and developments.
    pub chapters: Vec<Highlights>,
    /// Per country and per topic, as `countries` and `topics`.
    pub country_lists: Vec<DossierLists>,
    pub topic_lists: Vec<DossierLists>,
    pub front: FrontPage,
    /// The printed annex's people (indexes into `Site::people`).
    pub annex_people: Vec<usize>,
}

impl Digest {
    pub fn new(site: &Site) -> Result<Digest, BuildError> {
        let briefing = &site.config.briefing;
        let items = briefing.summary_items;
        let all: Vec<usize> = (0..site.articles.len()).collect();
        let term_highlights = |taxonomy: Taxonomy| -> Vec<Highlights> {
            site.terms(taxonomy)
                .iter()
                .map(|term| Highlights {
                    figures: figures::rank_among(
                        site,
                        term.figures.iter().copied(),
                        SUMMARY_FIGURES,
                    ),
                    developments: developments(site, &term.articles, items),
                })
                .collect()
        };
        let countries = term_highlights(Taxonomy::Countries);
        let plan = chapters::plan(
            &site.countries,
            &site.filed,
            &briefing.chapters,
            &site.config.subject,
            Budget {
                min_articles: briefing.chapter_min_articles,
                max_chapters: briefing.max_chapters,
                digests: briefing.digests_per_chapter,
            },
        )
        .map_err(|name| BuildError::Config {
            path: site.config.path.clone(),
            location: None,
            message: format!(
                "[briefing] chapters: no article concerns {name:?}; name countries as the \
                 countries page lists them"
            ),
        })?;
        let chapters = plan
            .chapters
            .iter()
            .map(|chapter| match chapter.country {
                Some(c) => countries[c].clone(),
                None => {
                    let told: Vec<usize> = chapter
                        .articles
                        .iter()
                        .chain(&chapter.listed)
                        .copied()
                        .collect();
                    Highlights {
                        figures: figures::rank(site, &told, SUMMARY_FIGURES),
                        developments: developments(site, &told, items),
                    }
                }
            })
            .collect();
        let term_lists = |taxonomy: Taxonomy| -> Vec<DossierLists> {
            site.terms(taxonomy)
                .iter()
                .map(|term| DossierLists {
                    people: lists::most_named(site, &term.articles, lists::DOSSIER_PEOPLE),
                    series: lists::measure_series(site, &term.figures, lists::SERIES_CHARTS),
                })
                .collect()
        };
        let clouded = |terms: &[crate::model::Term]| {
            let mut order = lists::by_coverage(terms);
            order.truncate(lists::TERM_CLOUD_MAX);
            order
        };
        let mut heat_map_countries = lists::by_coverage(&site.countries);
        heat_map_countries.truncate(lists::HEAT_MAP_COUNTRIES);
        let front = FrontPage {
            latest: (0..site.articles.len().min(lists::LATEST_ARTICLES)).collect(),
            heat_map_countries,
            countries: clouded(&site.countries),
            topics: clouded(&site.topics),
        };
        Ok(Digest {
            country_lists: term_lists(Taxonomy::Countries),
            topic_lists: term_lists(Taxonomy::Topics),
            front,
            annex_people: lists::annex_people(site, lists::ANNEX_PEOPLE),
            summary: Highlights {
                figures: figures::rank(site, &all, SUMMARY_FIGURES),
                developments: developments(site, &all, items),
            },
            counts: counts(site, &all),
            topics: term_highlights(Taxonomy::Topics),
            countries,
            plan,
            chapters,
        })
    }
}
