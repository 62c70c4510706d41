//! The site model: every article in reading order and the indexes over them
//! (countries, topics, figures, people, sources, the country × topic
//! matrix). Built once, then shared read-only by render jobs.

mod tables;
mod terms;

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::SiteConfig;
use crate::content::Article;
use crate::error::BuildError;

pub use tables::{ArticleTerms, FigureRef, Matrix, PersonEntry, RoleTally, SourceEntry};

/// A country or topic and the articles filed under it.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Indexes into [`Site::articles`], newest first.
    pub articles: Vec<usize>,
    /// Articles that name the term only in passing (countries' `mentions`).
    pub mentioned_in: Vec<usize>,
    /// Indexes into [`Site::figures`]: for a country, the figures about it;
    /// for a topic, the figures of its articles.
    pub figures: Vec<usize>,
}

/// Which index a term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taxonomy {
    Countries,
    Topics,
}

impl Taxonomy {
    /// The URL folder of the index.
    pub fn folder(self) -> &'static str {
        match self {
            Taxonomy::Countries => "countries",
            Taxonomy::Topics => "topics",
        }
    }
}

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// Dated articles newest first, then undated ones. Shared, so that
    /// `serve` keeps the articles it read between rebuilds without copying.
    pub articles: Vec<Arc<Article>>,
    pub countries: Vec<Term>,
    pub topics: Vec<Term>,
    /// Per article, in `articles` order: its country and topic terms.
    pub filed: Vec<ArticleTerms>,
    /// Every key figure, newest article first.
    pub figures: Vec<FigureRef>,
    pub people: Vec<PersonEntry>,
    pub sources: Vec<SourceEntry>,
    pub matrix: Matrix,
}

impl Site {
    pub fn new(
        config: SiteConfig,
        articles: impl IntoIterator<Item = impl Into<Arc<Article>>>,
    ) -> Result<Site, BuildError> {
        let mut articles: Vec<Arc<Article>> = articles.into_iter().map(Into::into).collect();
        articles.sort_by(|a, b| reading_order(a).cmp(&reading_order(b)));
        check_unique_slugs(&articles)?;
        let mut countries =
            terms::index_terms(&articles, |a| &a.meta.countries, |a| &a.meta.mentions);
        let mut topics = terms::index_terms(&articles, |a| &a.meta.topics, |_| &[]);
        let filed = tables::article_terms(&articles, &countries, &topics);
        let figures = tables::figures(&articles, &filed, &mut countries, &mut topics);
        let matrix = tables::matrix(&filed, countries.len(), topics.len());
        let people = tables::people(&articles);
        let sources = tables::sources(&articles);
        Ok(Site {
            config,
            articles,
            countries,
            topics,
            filed,
            figures,
            people,
            sources,
            matrix,
        })
    }

    pub fn terms(&self, taxonomy: Taxonomy) -> &[Term] {
        match taxonomy {
            Taxonomy::Countries => &self.countries,
            Taxonomy::Topics => &self.topics,
        }
    }

    /// The term a name files under, if any article is filed under it.
    pub fn find_term(&self, taxonomy: Taxonomy, name: &str) -> Option<usize> {
        find_term(self.terms(taxonomy), name)
    }

    /// The figures of one article: a range of [`Site::figures`], which
    /// keeps them in article order.
    pub fn figures_of(&self, article: usize) -> std::ops::Range<usize> {
        let start = self.figures.partition_point(|f| f.article < article);
        let end = self.figures.partition_point(|f| f.article <= article);
        start..end
    }

    /// The figure an entry of [`Site::figures`] points at.
    pub fn figure(&self, figure: &FigureRef) -> &crate::content::KeyFigure {
        &self.articles[figure.article].meta.figures[figure.index]
    }

    /// The earliest and latest publication dates.
    pub fn date_span(&self) -> Option<(Date, Date)> {
        let mut dates = self.articles.iter().filter_map(|a| a.meta.date);
        let newest = dates.next()?;
        let oldest = dates.next_back().unwrap_or(newest);
        Some((oldest, newest))
    }

    pub fn undated_count(&self) -> usize {
        self.articles
            .iter()
            .filter(|a| a.meta.date.is_none())
            .count()
    }
}

/// Terms are sorted by slug, so a name is found by binary search.
pub fn find_term(terms: &[Term], name: &str) -> Option<usize> {
    let slug = slug::slugify(name);
    terms.binary_search_by(|t| t.slug.as_str().cmp(&slug)).ok()
}

/// Sort key: dated articles newest first, undated last (by the latest date they
/// mention, then title), ties broken by slug so every build orders alike.
fn reading_order(article: &Article) -> (bool, std::cmp::Reverse<Option<Date>>, &str, &str) {
    let meta = &article.meta;
    let undated = meta.date.is_none();
    let date = meta.date.or(meta.date_hint);
    (
        undated,
        std::cmp::Reverse(date),
        meta.title.as_str(),
        article.slug.as_str(),
    )
}

fn check_unique_slugs(articles: &[Arc<Article>]) -> Result<(), BuildError> {
    let mut seen: HashMap<&str, &Article> = HashMap::with_capacity(articles.len());
    let mut errors = Vec::new();
    for article in articles {
        if let Some(first) = seen.insert(&article.slug, article) {
            let (first, second) = if first.path <= article.path {
                (first.path.clone(), article.path.clone())
            } else {
                (article.path.clone(), first.path.clone())
            };
            errors.push(BuildError::DuplicateSlug {
                slug: article.slug.clone(),
                first,
                second,
            });
        }
    }
    BuildError::from_many(errors).map_or(Ok(()), Err)
}

/// A site of content files given as (file name, front matter), for the
/// unit tests of the model and the stages after it.
#[cfg(test)]
pub(crate) fn test_site(files: &[(&str, &str)]) -> Site {
    let articles = files.iter().map(|(name, front)| {
        crate::content::parse_article(&format!("---\n{front}\n---\n"), std::path::Path::new(name))
            .unwrap()
    });
    Site::new(SiteConfig::default(), articles).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_article;
    use std::path::Path;

    fn article(name: &str, front: &str) -> Article {
        parse_article(&format!("---\n{front}\n---\n"), Path::new(name)).unwrap()
    }

    fn site(articles: Vec<Article>) -> Result<Site, BuildError> {
        Site::new(SiteConfig::default(), articles)
    }

    #[test]
    fn newest_first_and_undated_last() {
        let site = site(vec![
            article("old.md", "title: Old\ndate: 2020-11-05"),
            article("undated.md", "title: Undated\ndate_hint: 2021-11-28"),
            article("new.md", "title: New\ndate: 2023-11-27"),
        ])
        .unwrap();
        let order: Vec<_> = site.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(order, ["new", "old", "undated"]);
        assert_eq!(
            site.date_span(),
            Some((
                jiff::civil::date(2020, 11, 5),
                jiff::civil::date(2023, 11, 27)
            ))
        );
    }

    #[test]
    fn terms_list_articles_newest_first_and_merge_spellings() {
        let site = site(vec![
            article(
                "a.md",
                "date: 2020-01-01\ncountries: [Iran]\nmentions: [Armenia]",
            ),
            article("b.md", "date: 2021-01-01\ncountries: [iran, Armenia]"),
            article(
                "c.md",
                "date: 2022-01-01\ncountries: [Russia]\nmentions: [Iran]",
            ),
        ])
        .unwrap();
        let iran = site.countries.iter().find(|t| t.slug == "iran").unwrap();
        assert_eq!(iran.name, "iran");
        let slugs: Vec<_> = iran
            .articles
            .iter()
            .map(|&i| site.articles[i].slug.as_str())
            .collect();
        assert_eq!(slugs, ["b", "a"]);
        assert_eq!(iran.mentioned_in.len(), 1);
        let armenia = site.countries.iter().find(|t| t.slug == "armenia").unwrap();
        assert_eq!(armenia.articles.len(), 1);
        assert_eq!(armenia.mentioned_in.len(), 1);
    }

    #[test]
    fn duplicate_slugs_name_both_files() {
        let err = site(vec![
            article("x/a.md", "title: One"),
            article("y/a.md", "title: Two"),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("x/a.md") && err.contains("y/a.md"), "{err}");
    }
}
