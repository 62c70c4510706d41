//! The printed briefing's chapters: one per country, each article printed
//! once, in the first chapter (in chapter order) of a country it concerns.

use super::{ArticleTerms, Term, find_term};

/// One chapter of the printed briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// Index into `Site::countries`; `None` for the closing chapter of
    /// articles no country chapter holds.
    pub country: Option<usize>,
    /// Articles printed in full here, in reading order.
    pub articles: Vec<usize>,
    /// Articles concerning this country printed in an earlier chapter: the
    /// chapter cross-references them.
    pub elsewhere: Vec<usize>,
}

/// Where every article is printed.
#[derive(Debug, Clone, Default)]
pub struct BriefingPlan {
    pub chapters: Vec<Chapter>,
    /// Per article, the chapter that prints it in full.
    pub printed_in: Vec<usize>,
    /// Per country, its chapter, if it has one.
    pub chapter_of_country: Vec<Option<usize>>,
}

/// Lays out the chapters. `order` is site.toml's `[briefing] chapters`
/// (names or slugs); empty means every country, most articles first, with
/// the briefing's `subject` last since nearly every article concerns it.
/// Returns the name that matches no country when `order` has one.
pub(super) fn plan(
    countries: &[Term],
    filed: &[ArticleTerms],
    order: &[String],
    subject: &str,
) -> Result<BriefingPlan, String> {
    let order: Vec<usize> = if order.is_empty() {
        let subject = find_term(countries, subject);
        let mut order: Vec<usize> = (0..countries.len())
            .filter(|&c| Some(c) != subject)
            .collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&countries[a], &countries[b]);
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| a.name.cmp(&b.name))
        });
        order.extend(subject);
        order
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
            elsewhere: Vec::new(),
        })
        .collect();
    let others = chapters.len();
    let mut printed_in = Vec::with_capacity(filed.len());
    for (article, terms) in filed.iter().enumerate() {
        let mut mine: Vec<usize> = terms
            .countries
            .iter()
            .filter_map(|&c| chapter_of_country[c])
            .collect();
        mine.sort_unstable();
        let home = mine.first().copied().unwrap_or(others);
        if home == others && chapters.len() == others {
            chapters.push(Chapter {
                country: None,
                articles: Vec::new(),
                elsewhere: Vec::new(),
            });
        }
        chapters[home].articles.push(article);
        for &chapter in mine.iter().skip(1) {
            chapters[chapter].elsewhere.push(article);
        }
        printed_in.push(home);
    }
    // The subject's chapter holds only what no other chapter prints; when
    // that is nothing, it would be a list of cross-references to everything.
    if let Some(subject) = find_term(countries, subject)
        && let Some(chapter) = chapter_of_country[subject]
        && chapters[chapter].articles.is_empty()
        && chapter + 1 == order.len()
        && order.len() > 1
    {
        chapters.remove(chapter);
        chapter_of_country[subject] = None;
        for home in &mut printed_in {
            if *home > chapter {
                *home -= 1;
            }
        }
    }
    Ok(BriefingPlan {
        chapters,
        printed_in,
        chapter_of_country,
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
    /// 1 Iran, 2 Russia.
    fn sample() -> (Vec<Term>, Vec<ArticleTerms>) {
        let filed = |countries: Vec<usize>| ArticleTerms {
            countries,
            topics: Vec::new(),
        };
        (
            vec![
                term("Azerbaijan", vec![0, 1, 2, 3]),
                term("Iran", vec![0, 1]),
                term("Russia", vec![1, 2]),
            ],
            vec![
                filed(vec![0, 1]),
                filed(vec![0, 2, 1]),
                filed(vec![2, 0]),
                filed(vec![0]),
                filed(vec![]),
            ],
        )
    }

    #[test]
    fn every_article_is_printed_once_and_cross_referenced_elsewhere() {
        let (countries, filed) = sample();
        let plan = plan(&countries, &filed, &[], "Azerbaijan").unwrap();
        let names: Vec<Option<usize>> = plan.chapters.iter().map(|c| c.country).collect();
        // Iran and Russia tie on two articles: by name; the subject last;
        // then the articles that concern no country.
        assert_eq!(names, [Some(1), Some(2), Some(0), None]);
        assert_eq!(plan.chapters[0].articles, [0, 1]);
        assert_eq!(plan.chapters[1].articles, [2]);
        assert_eq!(plan.chapters[1].elsewhere, [1]);
        assert_eq!(plan.chapters[2].articles, [3]);
        assert_eq!(plan.chapters[2].elsewhere, [0, 1, 2]);
        assert_eq!(plan.chapters[3].articles, [4]);
        assert_eq!(plan.printed_in, [0, 0, 1, 2, 3]);
        let printed: usize = plan.chapters.iter().map(|c| c.articles.len()).sum();
        assert_eq!(printed, filed.len());
    }

    #[test]
    fn site_order_is_followed_and_unknown_names_are_refused() {
        let (countries, filed) = sample();
        let order = ["russia".to_string(), "Iran".to_string()];
        let plan = plan(&countries, &filed, &order, "Azerbaijan").unwrap();
        assert_eq!(plan.chapters[0].country, Some(2));
        assert_eq!(plan.chapters[0].articles, [1, 2]);
        assert_eq!(plan.chapters[1].articles, [0]);
        // Articles of countries not listed close the briefing.
        assert_eq!(plan.chapters[2].country, None);
        assert_eq!(plan.chapters[2].articles, [3, 4]);
        assert_eq!(
            super::plan(&countries, &filed, &["Persia".into()], "").unwrap_err(),
            "Persia"
        );
    }

    #[test]
    fn subject_chapter_of_cross_references_only_is_left_out() {
        let (countries, mut filed) = sample();
        filed.truncate(3);
        let plan = plan(&countries, &filed, &[], "Azerbaijan").unwrap();
        let names: Vec<Option<usize>> = plan.chapters.iter().map(|c| c.country).collect();
        assert_eq!(names, [Some(1), Some(2)]);
        assert_eq!(plan.chapter_of_country, [None, Some(0), Some(1)]);
    }
}
