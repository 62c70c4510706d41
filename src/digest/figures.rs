//! Which key figures a summary shows: a few that matter, not the newest
//! article's. A figure is ranked by what it is (a death toll before a sum
//! of money, a sum before a volume, a volume before a share or a count), by
//! its size within its kind, and by how recent its article is; a figure
//! that says nothing of what it measures is never chosen, nor a share of 0
//! or 100 % ("100% sure"), and no article gives more than two.

use crate::content::KeyFigure;
use crate::model::Site;

/// What a figure is, most telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FigureKind {
    /// People killed, hurt, missing, displaced, arrested, infected.
    Toll,
    Money,
    /// Physical quantities: tonnes, cubic metres, megawatts, kilometres.
    Volume,
    /// Percentages of something named.
    Share,
    /// Counts of people and things: votes, seats, homes, delegates.
    Count,
}

/// Words of a label that make a count of people a toll.
const TOLL_WORDS: &[&str] = &[
    "killed",
    "dead",
    "died",
    "deaths",
    "death",
    "toll",
    "injured",
    "wounded",
    "hurt",
    "missing",
    "displaced",
    "evacuated",
    "arrested",
    "detained",
    "infected",
    "hospitalised",
    "hospitalized",
    "casualties",
    "victims",
    "stranded",
    "rescued",
    "trapped",
];

pub fn kind_of(figure: &KeyFigure) -> FigureKind {
    let unit = figure.unit.as_str();
    if unit == "%" {
        FigureKind::Share
    } else if unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()) {
        FigureKind::Money
    } else if unit == "people" {
        let label = figure.label.to_lowercase();
        if label.split_whitespace().any(|w| TOLL_WORDS.contains(&w)) {
            FigureKind::Toll
        } else {
            FigureKind::Count
        }
    } else if unit
        .chars()
        .all(|c| c.is_lowercase() || c == ' ' || c == '-')
        && unit.len() > 3
        && unit.ends_with('s')
    {
        FigureKind::Count
    } else {
        FigureKind::Volume
    }
}

/// Whether a figure may appear in a summary at all.
pub fn summarisable(figure: &KeyFigure) -> bool {
    let label = figure.label.trim();
    !label.is_empty()
        && label.chars().any(char::is_alphabetic)
        && !(figure.unit == "%" && (figure.value <= 0.0 || figure.value >= 100.0))
        && figure.value > 0.0
}

/// The year a figure's period starts in ("2013", "2019-07", "2020-01/2020-09").
fn period_year(period: &str) -> Option<i32> {
    let year = period.get(..4)?;
    year.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| year.parse().ok())
        .flatten()
}

/// A figure's score: kind first, then size within the kind (0 to 1), then
/// recency (0 to 1); higher ranks first.
fn score(figure: &KeyFigure, recency: f64) -> f64 {
    // Two apart: size and recency together add less than 2, so a kind
    // always ranks above the next.
    let kind = match kind_of(figure) {
        FigureKind::Toll => 10.0,
        FigureKind::Money => 8.0,
        FigureKind::Volume => 6.0,
        FigureKind::Share => 4.0,
        FigureKind::Count => 2.0,
    };
    let value = figure.value_max.unwrap_or(figure.value).abs().max(1.0);
    // Where sizes of a kind lie: a toll of 1,000 is as large as tolls get
    // in the news most weeks; money is large at a billion.
    let top: f64 = match kind_of(figure) {
        FigureKind::Toll => 1e3,
        FigureKind::Money => 1e9,
        FigureKind::Volume => 1e9,
        FigureKind::Share => 100.0,
        FigureKind::Count => 1e4,
    };
    let size = (value.log10() / top.log10()).clamp(0.0, 1.0);
    kind + size + 0.8 * recency
}

/// The figures (indexes into `site.figures`) a summary of `articles` shows:
/// at most `limit`, at most two from one article, best first.
pub fn rank(site: &Site, articles: &[usize], limit: usize) -> Vec<usize> {
    rank_among(
        site,
        articles.iter().flat_map(|&a| site.figures_of(a)),
        limit,
    )
}

/// As [`rank`], over the given figures.
pub fn rank_among(site: &Site, figures: impl Iterator<Item = usize>, limit: usize) -> Vec<usize> {
    let newest = site.articles.len().max(1) as f64;
    let mut scored: Vec<(f64, usize)> = figures
        .filter(|&f| summarisable(site.figure(&site.figures[f])))
        .map(|f| {
            let article = site.figures[f].article;
            // Articles are in reading order, newest first; undated ones last.
            let recency = if site.articles[article].meta.date.is_some() {
                1.0 - article as f64 / newest
            } else {
                0.0
            };
            let figure = site.figure(&site.figures[f]);
            // A figure of years before its article ("6,000 killed, 2013")
            // is background: shown after every figure of the news.
            let background = match (
                site.articles[article].meta.date,
                period_year(&figure.period),
            ) {
                (Some(date), Some(year)) => year + 1 < date.year() as i32,
                _ => false,
            };
            let penalty = if background { 12.0 } else { 0.0 };
            (score(figure, recency) - penalty, f)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<usize> = Vec::with_capacity(limit);
    let mut per_article: std::collections::HashMap<usize, usize> = Default::default();
    for (_, f) in scored {
        if chosen.len() == limit {
            break;
        }
        let article = site.figures[f].article;
        let given = per_article.entry(article).or_default();
        // One fact reported by several articles is shown once.
        let figure = site.figure(&site.figures[f]);
        let same = chosen.iter().any(|&c| {
            let other = site.figure(&site.figures[c]);
            other.unit == figure.unit && other.value == figure.value
        });
        if *given < 2 && !same {
            *given += 1;
            chosen.push(f);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: f64, unit: &str, label: &str) -> KeyFigure {
        KeyFigure {
            value,
            unit: unit.into(),
            label: label.into(),
            ..KeyFigure::default()
        }
    }

    #[test]
    fn kinds_are_told_from_unit_and_label() {
        assert_eq!(kind_of(&figure(12.0, "people", "killed")), FigureKind::Toll);
        assert_eq!(
            kind_of(&figure(12.0, "people", "delegates")),
            FigureKind::Count
        );
        assert_eq!(kind_of(&figure(2e9, "USD", "trade")), FigureKind::Money);
        assert_eq!(kind_of(&figure(5e9, "m3/year", "gas")), FigureKind::Volume);
        assert_eq!(kind_of(&figure(12.0, "%", "growth")), FigureKind::Share);
        assert_eq!(kind_of(&figure(220.0, "votes", "votes")), FigureKind::Count);
    }

    #[test]
    fn a_figure_without_a_label_or_a_whole_share_is_never_summarised() {
        assert!(!summarisable(&figure(100.0, "%", "sure")));
        assert!(!summarisable(&figure(0.26, "%", "")));
        assert!(summarisable(&figure(0.26, "%", "trade")));
    }

    #[test]
    fn periods_give_their_first_year() {
        assert_eq!(period_year("2013"), Some(2013));
        assert_eq!(period_year("2020-01/2020-09"), Some(2020));
        assert_eq!(period_year(""), None);
        assert_eq!(period_year("Q1"), None);
    }

    #[test]
    fn a_toll_outranks_money_which_outranks_a_share() {
        let toll = score(&figure(39.0, "people", "killed"), 0.0);
        let money = score(&figure(5e9, "USD", "loan"), 1.0);
        let share = score(&figure(54.0, "%", "growth"), 1.0);
        assert!(toll > money && money > share, "{toll} {money} {share}");
        // Within a kind, the larger and the newer rank first.
        assert!(score(&figure(5e9, "USD", "loan"), 0.5) > score(&figure(5e6, "USD", "loan"), 0.5));
        assert!(score(&figure(5e6, "USD", "x"), 0.9) > score(&figure(5e6, "USD", "x"), 0.1));
    }
}
