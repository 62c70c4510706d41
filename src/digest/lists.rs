//! The shorter lists pages show where the model holds many: the people a
//! dossier names, the people of the printed annex, the countries of the
//! front page's heat map and its clouds, and the measures a dossier charts
//! by period. Each is chosen here, once; `render` formats what it is given.

use std::collections::HashMap;

use crate::model::{RoleTally, Site, Term};

/// People a dossier lists.
pub const DOSSIER_PEOPLE: usize = 12;
/// Roles beside a name in a dossier's list: the two most often given.
pub const DOSSIER_ROLES: usize = 2;
/// People in the printed annex: those named in the most articles.
pub const ANNEX_PEOPLE: usize = 40;
/// Countries (most-covered first) in the front page's heat map.
pub const HEAT_MAP_COUNTRIES: usize = 10;
/// Terms the front page shows as a cloud; their index pages list them all.
pub const TERM_CLOUD_MAX: usize = 20;
/// Articles the front page shows as cards.
pub const LATEST_ARTICLES: usize = 8;
/// Charts of one measure over several periods a dossier draws at most.
pub const SERIES_CHARTS: usize = 3;

/// A person as a dossier lists them: named in `count` of its articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonPick {
    pub name: String,
    /// The most often given first, at most [`DOSSIER_ROLES`].
    pub roles: Vec<String>,
    pub count: usize,
}

/// The people named in the most of `articles`, most-named first, then by
/// name; spellings that slug alike are one person.
pub fn most_named(site: &Site, articles: &[usize], limit: usize) -> Vec<PersonPick> {
    let mut seen: HashMap<String, (PersonPick, RoleTally)> = HashMap::new();
    for &a in articles {
        for person in &site.articles[a].meta.people {
            let (pick, roles) = seen.entry(slug::slugify(&person.name)).or_insert_with(|| {
                let pick = PersonPick {
                    name: person.name.trim().to_string(),
                    roles: Vec::new(),
                    count: 0,
                };
                (pick, RoleTally::default())
            });
            pick.count += 1;
            roles.add(&person.role);
        }
    }
    let mut people: Vec<PersonPick> = seen
        .into_values()
        .map(|(mut pick, roles)| {
            pick.roles = roles.ranked();
            // A list shows who someone is, not every wording of it.
            pick.roles.truncate(DOSSIER_ROLES);
            pick
        })
        .collect();
    people.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    people.truncate(limit);
    people
}

/// The printed annex's people (indexes into `Site::people`): the `limit`
/// named in the most articles, then in the order of their names.
pub fn annex_people(site: &Site, limit: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.people.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&site.people[a], &site.people[b]);
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    order.truncate(limit);
    order.sort_by(|&a, &b| site.people[a].name.cmp(&site.people[b].name));
    order
}

/// Terms (indexes) most-covered first, then by slug.
pub fn by_coverage(terms: &[Term]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.sort_by(|&a, &b| {
        terms[b]
            .articles
            .len()
            .cmp(&terms[a].articles.len())
            .then_with(|| terms[a].slug.cmp(&terms[b].slug))
    });
    order
}

/// The measures of `figures` (indexes into `Site::figures`) that the
/// articles give for two periods or more ("trade turnover, USD" for Jan–Sep
/// 2019 and Jan–Sep 2020): per measure, the newest-read figure of each
/// period, oldest period first; the measures with the most periods first,
/// at most `limit`.
pub fn measure_series(site: &Site, figures: &[usize], limit: usize) -> Vec<Vec<usize>> {
    let mut groups: HashMap<(&str, &str), Vec<(&str, usize)>> = HashMap::new();
    for &i in figures {
        let f = site.figure(&site.figures[i]);
        let period = f.period.trim();
        if f.label.is_empty() || !period.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let group = groups
            .entry((f.label.as_str(), f.unit.as_str()))
            .or_default();
        if !group.iter().any(|(p, _)| *p == period) {
            group.push((period, i));
        }
    }
    let mut groups: Vec<_> = groups.into_iter().filter(|(_, g)| g.len() >= 2).collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    groups
        .into_iter()
        .take(limit)
        .map(|(_, mut points)| {
            points.sort();
            points.into_iter().map(|(_, i)| i).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_site as site;

    #[test]
    fn a_dossier_names_the_most_named_first_with_their_usual_role() {
        let site = site(&[
            (
                "a.md",
                "date: 2023-03-01\npeople:\n  - {name: Ilham Aliyev, role: President}\n  - Jeyhun Bayramov",
            ),
            (
                "b.md",
                "date: 2023-02-01\npeople:\n  - {name: Ilham Aliyev, role: Azerbaijani President}",
            ),
            (
                "c.md",
                "date: 2023-01-01\npeople:\n  - {name: Ilham Aliyev, role: President}\n  - Ebrahim Raisi",
            ),
        ]);
        let people = most_named(&site, &[0, 1, 2], 2);
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].name, "Ilham Aliyev");
        assert_eq!(people[0].count, 3);
        assert_eq!(people[0].roles, ["President", "Azerbaijani President"]);
        // On a tie, by name.
        assert_eq!(people[1].name, "Ebrahim Raisi");
    }

    #[test]
    fn the_annex_keeps_the_most_named_in_the_order_of_their_names() {
        let site = site(&[
            ("a.md", "date: 2023-03-01\npeople: [Zara Zed, Adam Ant]"),
            ("b.md", "date: 2023-02-01\npeople: [Zara Zed, Mia Moe]"),
        ]);
        let picked: Vec<&str> = annex_people(&site, 2)
            .into_iter()
            .map(|p| site.people[p].name.as_str())
            .collect();
        assert_eq!(picked, ["Adam Ant", "Zara Zed"]);
    }

    #[test]
    fn a_measure_given_for_two_periods_becomes_a_series_oldest_first() {
        let figure = |value: u32, period: &str| {
            format!(
                "  - {{value: {value}, unit: USD, label: trade turnover, period: \"{period}\"}}"
            )
        };
        let site = site(&[
            (
                "a.md",
                &format!(
                    "date: 2020-10-01\nfigures:\n{}\n{}\n  - {{value: 5, unit: percent, label: growth, period: \"2020-01/2020-09\"}}",
                    figure(400, "2020-01/2020-09"),
                    figure(390, "2019-01/2019-09")
                ),
            ),
            (
                "b.md",
                &format!(
                    "date: 2019-10-01\nfigures:\n{}",
                    figure(391, "2019-01/2019-09")
                ),
            ),
        ]);
        let all: Vec<usize> = (0..site.figures.len()).collect();
        let series = measure_series(&site, &all, 3);
        assert_eq!(series.len(), 1, "growth has one period only");
        let values: Vec<f64> = series[0]
            .iter()
            .map(|&i| site.figure(&site.figures[i]).value)
            .collect();
        // The newest article's reading of 2019 wins over the older one's.
        assert_eq!(values, [390.0, 400.0]);
    }
}
