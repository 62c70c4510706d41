//! The printed briefing's chapters: the subject country first, then the
//! countries the articles concern most (each with enough articles to say
//! something), then the rest together. Each article is told once, in the
//! first chapter of a country it concerns other than the subject (the
//! subject's chapter refers to it); a chapter tells its newest articles as
//! digests and lists the others one line each, so the printed briefing
//! stays a read of a few dozen pages whatever the number of articles.

use crate::model::{ArticleTerms, Term, find_term};

/// One chapter of the printed briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// Index into `Site::countries`; `None` for the closing chapter of
    /// articles no country chapter holds.
    pub country: Option<usize>,
    /// Articles told here as digests (headline, date, outlet, lead), in
    /// reading order.
    pub articles: Vec<usize>,
    /// Further articles of this chapter, one line each.
    pub listed: Vec<usize>,
    /// Articles concerning this country told in another chapter: the
    /// chapter refers to them.
    pub elsewhere: Vec<usize>,
}

/// How large the plan may grow.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// A country has a chapter of its own with at least this many articles.
    pub min_articles: usize,
    /// At most this many country chapters, the subject's included.
    pub max_chapters: usize,
    /// Digests a chapter tells before it lists the rest one line each.
    pub digests: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            min_articles: 3,
            max_chapters: 12,
            digests: 6,
        }
    }
}

/// Where every article is told.
#[derive(Debug, Clone, Default)]
pub struct BriefingPlan {
    pub chapters: Vec<Chapter>,
    /// Per article, the chapter that tells it.
    pub told_in: Vec<usize>,
    /// Per country, its chapter, if it has one.
    pub chapter_of_country: Vec<Option<usize>>,
    /// Countries with articles but no chapter of their own, most articles
    /// first: the closing chapter names them.
    pub without_chapter: Vec<usize>,
}

/// Lays out the chapters. `order` is site.toml's `[briefing] chapters`
/// (names or slugs); empty means the subject, then every country when all
/// fit in `budget.max_chapters`, else those with at least
/// `budget.min_articles` articles, most articles first. Returns the
/// name that matches no country when `order` has one.
pub fn plan(
    countries: &[Term],
    filed: &[ArticleTerms],
    order: &[String],
    subject: &str,
    budget: Budget,
) -> Result<BriefingPlan, String> {
    let subject = find_term(countries, subject);
    let order: Vec<usize> = if order.is_empty() {
        let room = budget
            .max_chapters
            .saturating_sub(usize::from(subject.is_some()));
        let candidates = (0..countries.len()).filter(|&c| Some(c) != subject);
        // When every country fits, each has its chapter; else only those
        // with enough articles to say something, the most first.
        let mut order: Vec<usize> = if candidates.clone().count() <= room {
            candidates.collect()
        } else {
            candidates
                .filter(|&c| countries[c].articles.len() >= budget.min_articles)
                .collect()
        };
        order.sort_by(|&a, &b| {
            let (a, b) = (&countries[a], &countries[b]);
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| a.name.cmp(&b.name))
        });
        order.truncate(room);
        subject.into_iter().chain(order).collect()
    } else {
        let mut listed = Vec::with_capacity(order.len());
        for name in order {
            let country = find_term(countries, name).ok_or_else(|| name.clone())?;
            if !listed.contains(&country) {
                listed.push(country);
            }
        }
        listed
    };

    let mut chapter_of_country = vec![None; countries.len()];
    for (chapter, &country) in order.iter().enumerate() {
        chapter_of_country[country] = Some(chapter);
    }
    let mut chapters: Vec<Chapter> = order
        .iter()
        .map(|&country| Chapter {
            country: Some(country),
            articles: Vec::new(),
            listed: Vec::new(),
            elsewhere: Vec::new(),
        })
        .collect();
    let closing = chapters.len();
    let subject_chapter = subject.and_then(|s| chapter_of_country[s]);
    let mut told_in = Vec::with_capacity(filed.len());
    for (article, terms) in filed.iter().enumerate() {
        let mut mine: Vec<usize> = terms
            .countries
            .iter()
            .filter_map(|&c| chapter_of_country[c])
            .collect();
        mine.sort_unstable();
        // Nearly every article concerns the subject: it is told where its
        // other country is, and the subject's chapter refers to it.
        let home = mine
            .iter()
            .copied()
            .find(|&c| Some(c) != subject_chapter)
            .or(mine.first().copied())
            .unwrap_or(closing);
        if home == closing && chapters.len() == closing {
            chapters.push(Chapter {
                country: None,
                articles: Vec::new(),
                listed: Vec::new(),
                elsewhere: Vec::new(),
            });
        }
        let chapter = &mut chapters[home];
        if chapter.articles.len() < budget.digests {
            chapter.articles.push(article);
        } else {
            chapter.listed.push(article);
        }
        for &other in mine.iter().filter(|&&c| c != home) {
            chapters[other].elsewhere.push(article);
        }
        told_in.push(home);
    }
    let mut without_chapter: Vec<usize> = (0..countries.len())
        .filter(|&c| chapter_of_country[c].is_none() && !countries[c].articles.is_empty())
        .collect();
    without_chapter.sort_by(|&a, &b| {
        countries[b]
            .articles
            .len()
            .cmp(&countries[a].articles.len())
            .then_with(|| countries[a].name.cmp(&countries[b].name))
    });
    Ok(BriefingPlan {
        chapters,
        told_in,
        chapter_of_country,
        without_chapter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(name: &str, articles: Vec<usize>) -> Term {
        Term {
            name: name.into(),
            slug: slug::slugify(name),
            articles,
            mentioned_in: Vec::new(),
            figures: Vec::new(),
        }
    }

    /// Countries sorted by slug, as the model keeps them: 0 Azerbaijan,
    /// 1 Iran, 2 Malta, 3 Russia.
    fn sample() -> (Vec<Term>, Vec<ArticleTerms>) {
        let filed = |countries: Vec<usize>| ArticleTerms {
            countries,
            topics: Vec::new(),
        };
        (
            vec![
                term("Azerbaijan", vec![0, 1, 2, 3]),
                term("Iran", vec![0, 1, 5]),
                term("Malta", vec![6]),
                term("Russia", vec![1, 2, 7]),
            ],
            vec![
                filed(vec![0, 1]),
                filed(vec![0, 3, 1]),
                filed(vec![3, 0]),
                filed(vec![0]),
                filed(vec![]),
                filed(vec![1]),
                filed(vec![2]),
                filed(vec![3]),
            ],
        )
    }

    /// Room for the subject and two others: Malta's one article is not
    /// enough for a chapter when not every country fits.
    fn budget(digests: usize) -> Budget {
        Budget {
            min_articles: 2,
            max_chapters: 3,
            digests,
        }
    }

    #[test]
    fn the_subject_comes_first_and_refers_to_what_other_chapters_tell() {
        let (countries, filed) = sample();
        let plan = plan(&countries, &filed, &[], "Azerbaijan", budget(10)).unwrap();
        let order: Vec<Option<usize>> = plan.chapters.iter().map(|c| c.country).collect();
        // The subject, then Iran and Russia (three articles each, by name);
        // Malta has one article: no chapter; then the closing chapter.
        assert_eq!(order, [Some(0), Some(1), Some(3), None]);
        assert_eq!(plan.chapters[0].articles, [3]);
        assert_eq!(plan.chapters[0].elsewhere, [0, 1, 2]);
        assert_eq!(plan.chapters[1].articles, [0, 1, 5]);
        assert_eq!(plan.chapters[2].articles, [2, 7]);
        assert_eq!(plan.chapters[2].elsewhere, [1]);
        assert_eq!(plan.chapters[3].articles, [4, 6]);
        assert_eq!(plan.told_in, [1, 1, 2, 0, 3, 1, 3, 2]);
        assert_eq!(plan.without_chapter, [2]);
        let told: usize = plan.chapters.iter().map(|c| c.articles.len()).sum();
        assert_eq!(told, filed.len(), "every article is told once");
    }

    #[test]
    fn past_its_budget_a_chapter_lists_its_articles_one_line_each() {
        let (countries, filed) = sample();
        let plan = plan(&countries, &filed, &[], "Azerbaijan", budget(2)).unwrap();
        assert_eq!(plan.chapters[1].articles, [0, 1]);
        assert_eq!(plan.chapters[1].listed, [5]);
        let all: usize = plan
            .chapters
            .iter()
            .map(|c| c.articles.len() + c.listed.len())
            .sum();
        assert_eq!(all, filed.len());
    }

    #[test]
    fn at_most_max_chapters_countries_get_a_chapter() {
        let (countries, filed) = sample();
        let small = Budget {
            max_chapters: 2,
            ..budget(10)
        };
        // With room for all, every country has a chapter.
        let roomy = Budget {
            max_chapters: 12,
            ..budget(10)
        };
        let all = super::plan(&countries, &filed, &[], "Azerbaijan", roomy).unwrap();
        assert_eq!(
            all.chapters.len(),
            5,
            "four countries and the closing chapter"
        );
        assert!(all.without_chapter.is_empty());
        let plan = plan(&countries, &filed, &[], "Azerbaijan", small).unwrap();
        let order: Vec<Option<usize>> = plan.chapters.iter().map(|c| c.country).collect();
        assert_eq!(order, [Some(0), Some(1), None]);
        assert_eq!(plan.without_chapter, [3, 2]);
    }

    #[test]
    fn site_order_is_followed_and_unknown_names_are_refused() {
        let (countries, filed) = sample();
        let order = ["russia".to_string(), "Iran".to_string()];
        let plan = plan(&countries, &filed, &order, "Azerbaijan", budget(10)).unwrap();
        assert_eq!(plan.chapters[0].country, Some(3));
        assert_eq!(plan.chapters[0].articles, [1, 2, 7]);
        assert_eq!(plan.chapters[1].articles, [0, 5]);
        // Articles of countries not listed close the briefing.
        assert_eq!(plan.chapters[2].country, None);
        assert_eq!(plan.chapters[2].articles, [3, 4, 6]);
        assert_eq!(
            super::plan(&countries, &filed, &["Persia".into()], "", budget(10)).unwrap_err(),
            "Persia"
        );
    }
}
