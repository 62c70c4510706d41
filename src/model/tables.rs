//! The cross-article tables: key figures, people, sources and the
//! country × topic matrix. Each is one pass over the articles.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::content::Article;

use super::{Term, find_term};

/// Which countries and topics an article is filed under, as term indexes.
#[derive(Debug, Clone, Default)]
pub struct ArticleTerms {
    pub countries: Vec<usize>,
    pub topics: Vec<usize>,
}

/// One key figure of one article.
#[derive(Debug, Clone)]
pub struct FigureRef {
    /// Index into `Site::articles`.
    pub article: usize,
    /// Index into that article's `meta.figures`.
    pub index: usize,
    /// The country terms the figure is about: those its sentence names, or,
    /// when it names none, the article's own countries.
    pub countries: Vec<usize>,
}

/// The roles articles give one person, counted without regard to case, so
/// that the role most articles agree on comes first ("President" before
/// "Republican President").
#[derive(Debug, Default)]
pub struct RoleTally(Vec<(String, usize)>);

impl RoleTally {
    pub fn add(&mut self, role: &str) {
        let role = role.trim();
        if role.is_empty() {
            return;
        }
        match self
            .0
            .iter_mut()
            .find(|(r, _)| r.eq_ignore_ascii_case(role))
        {
            Some((_, count)) => *count += 1,
            None => self.0.push((role.to_string(), 1)),
        }
    }

    /// Most often given first; on a tie, the first given.
    pub fn ranked(mut self) -> Vec<String> {
        // A stable sort keeps reading order among equals.
        self.0.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        self.0.into_iter().map(|(role, _)| role).collect()
    }
}

/// A person and every article that names them.
#[derive(Debug, Clone)]
pub struct PersonEntry {
    pub name: String,
    /// The roles the articles give, each once, the most often given first.
    pub roles: Vec<String>,
    /// Newest first.
    pub articles: Vec<usize>,
}

/// An outlet and the span of its articles.
#[derive(Debug, Clone)]
pub struct SourceEntry {
    pub name: String,
    pub articles: Vec<usize>,
    pub first: Option<Date>,
    pub last: Option<Date>,
}

/// Articles per country and topic: `cell(c, t)` lists the articles filed
/// under both country `c` and topic `t`, newest first.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    topics: usize,
    cells: Vec<Vec<usize>>,
}

impl Matrix {
    pub fn cell(&self, country: usize, topic: usize) -> &[usize] {
        &self.cells[country * self.topics + topic]
    }

    /// The largest cell, for shading.
    pub fn max(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0)
    }
}

pub(super) fn article_terms(
    articles: &[Arc<Article>],
    countries: &[Term],
    topics: &[Term],
) -> Vec<ArticleTerms> {
    let lookup = |terms: &[Term], names: &[String]| {
        let mut found: Vec<usize> = Vec::with_capacity(names.len());
        for name in names {
            if let Some(i) = find_term(terms, name)
                && !found.contains(&i)
            {
                found.push(i);
            }
        }
        found
    };
    articles
        .iter()
        .map(|a| ArticleTerms {
            countries: lookup(countries, &a.meta.countries),
            topics: lookup(topics, &a.meta.topics),
        })
        .collect()
}

/// Every figure in reading order, each filed under its countries; the
/// country terms get the indexes of their figures.
pub(super) fn figures(
    articles: &[Arc<Article>],
    filed: &[ArticleTerms],
    countries: &mut [Term],
    topics: &mut [Term],
) -> Vec<FigureRef> {
    let mut figures = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for (index, figure) in article.meta.figures.iter().enumerate() {
            let mut named: Vec<usize> = Vec::new();
            for name in &figure.countries {
                if let Some(c) = find_term(countries, name)
                    && !named.contains(&c)
                {
                    named.push(c);
                }
            }
            if figure.countries.is_empty() {
                named = filed[a].countries.clone();
            }
            let f = figures.len();
            for &c in &named {
                countries[c].figures.push(f);
            }
            for &t in &filed[a].topics {
                topics[t].figures.push(f);
            }
            figures.push(FigureRef {
                article: a,
                index,
                countries: named,
            });
        }
    }
    figures
}

pub(super) fn matrix(filed: &[ArticleTerms], countries: usize, topics: usize) -> Matrix {
    let mut cells = vec![Vec::new(); countries * topics];
    for (a, terms) in filed.iter().enumerate() {
        for &c in &terms.countries {
            for &t in &terms.topics {
                cells[c * topics + t].push(a);
            }
        }
    }
    Matrix { topics, cells }
}

/// People merged by name as written, letters only ("Amir-Abdollahian" and
/// "Amir Abdollahian" are one), sorted by surname then name.
pub(super) fn people(articles: &[Arc<Article>]) -> Vec<PersonEntry> {
    let mut people: BTreeMap<String, (PersonEntry, RoleTally)> = BTreeMap::new();
    for (a, article) in articles.iter().enumerate() {
        for person in &article.meta.people {
            let key = slug::slugify(&person.name);
            if key.is_empty() {
                continue;
            }
            let (entry, roles) = people.entry(key).or_insert_with(|| {
                let entry = PersonEntry {
                    name: person.name.trim().to_string(),
                    roles: Vec::new(),
                    articles: Vec::new(),
                };
                (entry, RoleTally::default())
            });
            roles.add(&person.role);
            if entry.articles.last() != Some(&a) {
                entry.articles.push(a);
            }
        }
    }
    let mut people: Vec<PersonEntry> = people
        .into_values()
        .map(|(mut entry, roles)| {
            entry.roles = roles.ranked();
            entry
        })
        .collect();
    people.sort_by_cached_key(|p| {
        let surname = p.name.rsplit(' ').next().unwrap_or(&p.name).to_lowercase();
        (surname, p.name.to_lowercase())
    });
    people
}

/// Outlets by name, with their first and last dates.
pub(super) fn sources(articles: &[Arc<Article>]) -> Vec<SourceEntry> {
    let mut sources: BTreeMap<String, SourceEntry> = BTreeMap::new();
    for (a, article) in articles.iter().enumerate() {
        // An article that names no outlet counts for none: the pages say
        // how many there are, apart.
        let name = article.meta.source.trim();
        if name.is_empty() {
            continue;
        }
        let entry = sources
            .entry(name.to_lowercase())
            .or_insert_with(|| SourceEntry {
                name: name.to_string(),
                articles: Vec::new(),
                first: None,
                last: None,
            });
        entry.articles.push(a);
        if let Some(date) = article.meta.date {
            entry.first = Some(entry.first.map_or(date, |d| d.min(date)));
            entry.last = Some(entry.last.map_or(date, |d| d.max(date)));
        }
    }
    sources.into_values().collect()
}

#[cfg(test)]
mod tests {
    use crate::model::RoleTally;
    use crate::model::test_site as site;

    #[test]
    fn figures_file_under_the_countries_their_sentence_names_else_the_articles() {
        let site = site(&[(
            "a.md",
            "date: 2023-11-27\ncountries: [Iran, Azerbaijan]\ntopics: [trade]\nfigures:\n  \
             - {value: 334000000, unit: USD, countries: [Iran]}\n  \
             - {value: 8, unit: \"%\"}\n  \
             - {value: 91, unit: people, countries: [Armenia]}",
        )]);
        let iran = site
            .find_term(crate::model::Taxonomy::Countries, "Iran")
            .unwrap();
        let azerbaijan = site
            .find_term(crate::model::Taxonomy::Countries, "Azerbaijan")
            .unwrap();
        assert_eq!(site.countries[iran].figures, [0, 1]);
        assert_eq!(site.countries[azerbaijan].figures, [1]);
        // Armenia has no page: the figure is listed, under no country.
        assert!(site.figures[2].countries.is_empty());
        assert_eq!(site.topics[0].figures, [0, 1, 2]);
    }

    #[test]
    fn matrix_cells_list_articles_filed_under_both_terms() {
        let site = site(&[
            (
                "a.md",
                "date: 2023-01-01\ncountries: [Iran]\ntopics: [trade, energy]",
            ),
            (
                "b.md",
                "date: 2022-01-01\ncountries: [Iran, Russia]\ntopics: [trade]",
            ),
            (
                "c.md",
                "date: 2021-01-01\ncountries: [Russia]\ntopics: [energy]",
            ),
        ]);
        let c = |name| {
            site.find_term(crate::model::Taxonomy::Countries, name)
                .unwrap()
        };
        let t = |name| {
            site.find_term(crate::model::Taxonomy::Topics, name)
                .unwrap()
        };
        let slugs = |cell: &[usize]| -> Vec<String> {
            cell.iter()
                .map(|&a| site.articles[a].slug.clone())
                .collect()
        };
        assert_eq!(slugs(site.matrix.cell(c("Iran"), t("trade"))), ["a", "b"]);
        assert_eq!(slugs(site.matrix.cell(c("Russia"), t("energy"))), ["c"]);
        assert_eq!(site.matrix.max(), 2);
    }

    #[test]
    fn people_merge_spellings_and_keep_each_role_once() {
        let site = site(&[
            (
                "a.md",
                "date: 2023-01-01\npeople:\n  - {name: Hossein Amir-Abdollahian, role: Foreign Minister}",
            ),
            (
                "b.md",
                "date: 2022-01-01\npeople:\n  - {name: Hossein Amir Abdollahian, role: foreign minister}\n  - Ilham Aliyev",
            ),
            ("c.md", "source: Trend\ndate: 2021-01-01"),
        ]);
        let names: Vec<&str> = site.people.iter().map(|p| p.name.as_str()).collect();
        // By surname: Aliyev before Amir-Abdollahian.
        assert_eq!(names, ["Ilham Aliyev", "Hossein Amir-Abdollahian"]);
        assert_eq!(site.people[1].roles, ["Foreign Minister"]);
        let mut tally = RoleTally::default();
        for role in [
            "Republican President",
            "President",
            "president",
            "US President",
        ] {
            tally.add(role);
        }
        assert_eq!(
            tally.ranked(),
            ["President", "Republican President", "US President"]
        );
        assert_eq!(site.people[1].articles.len(), 2);
        let sources: Vec<(&str, usize)> = site
            .sources
            .iter()
            .map(|s| (s.name.as_str(), s.articles.len()))
            .collect();
        // Articles that name no outlet are counted by the pages, not listed
        // as an invented "Unknown source".
        assert_eq!(sources, [("Trend", 1)]);
    }
}
