//! Typed template contexts. Each article's listing row is turned into a Tera
//! value once per build and shared (Tera values are reference-counted), so a
//! listing of 10,000 articles costs pointer copies, not re-serialisation.

use jiff::civil::Date;

use super::strings::Months;
use serde::Serialize;
use tera::Value;

use crate::content::Article;
use crate::model::{Site, Taxonomy, Term};

/// A link to a page with a label, e.g. a country chip.
#[derive(Debug, Serialize)]
pub struct Link {
    pub name: String,
    /// Relative to the site root; templates prefix it with `root`.
    pub href: String,
    pub count: usize,
}

/// What every listing shows of an article.
#[derive(Debug, Serialize)]
pub struct ArticleRow<'a> {
    pub slug: &'a str,
    pub href: String,
    pub title: &'a str,
    /// ISO date, for `<time datetime>`; empty when undated.
    pub date: String,
    /// The date as readers see it, in the site's format.
    pub date_display: String,
    pub undated: bool,
    /// For undated articles: the latest date the text mentions, shown as a hint.
    pub date_hint_display: String,
    pub source: &'a str,
    pub via: &'a str,
    pub countries: Vec<Link>,
    pub topics: Vec<Link>,
    pub summary: &'a str,
}

/// `site` in every template.
#[derive(Debug, Serialize)]
pub struct SiteInfo<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    pub description: &'a str,
    pub organisation: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub subject: &'a str,
    pub feed: bool,
    /// Whether the site has a search page and box.
    pub search: bool,
    pub extra: &'a toml::Table,
}

/// `stats` in every template: the briefing at a glance.
#[derive(Debug, Serialize)]
pub struct Stats {
    pub articles: usize,
    pub dated: usize,
    pub undated: usize,
    pub countries: usize,
    pub topics: usize,
    pub sources: usize,
    pub first_date: String,
    pub last_date: String,
}

/// Formats dates in the site's chosen format, with the month names of the
/// site's language (jiff writes English ones).
pub struct DateFormat<'a> {
    format: &'a str,
    months: Option<&'a Months>,
}

impl<'a> DateFormat<'a> {
    pub fn new(format: &'a str, months: Option<&'a Months>) -> DateFormat<'a> {
        DateFormat { format, months }
    }

    pub fn show(&self, date: Date) -> String {
        self.strftime(self.format, date)
    }

    /// `format` with `%B` and `%b` written in the site's language: the form
    /// after a day ("25 декабря") when the format has one, else the form
    /// standing alone ("декабрь 2020").
    pub fn strftime(&self, format: &str, date: Date) -> String {
        let localised;
        let format = match self.months {
            Some(months) => {
                let month = usize::try_from(date.month() - 1).unwrap_or(0);
                let has_day = ["%d", "%-d", "%e", "%-e"]
                    .iter()
                    .any(|d| format.contains(d));
                let long = if has_day {
                    &months.after_day[month]
                } else {
                    &months.standalone[month]
                };
                localised = format
                    .replace("%B", &long.replace('%', "%%"))
                    .replace("%b", &months.short[month].replace('%', "%%"));
                localised.as_str()
            }
            None => format,
        };
        // The format was checked when the configuration was loaded.
        jiff::fmt::strtime::format(format, date).unwrap_or_else(|_| date.to_string())
    }

    /// A figure's period ("2023-03-21/2023-10-22", "2020-01/2020-09") as a
    /// reader writes it ("21 Mar – 22 Oct 2023", "Jan–Sep 2020"); anything
    /// else is shown as written.
    pub fn period(&self, period: &str) -> String {
        let period = period.trim();
        let month = |text: &str| -> Option<Date> {
            let (year, month) = text.split_once('-')?;
            if year.len() != 4 || month.len() != 2 {
                return None;
            }
            Date::new(year.parse().ok()?, month.parse().ok()?, 1).ok()
        };
        let fmt = |f: &str, d: Date| self.strftime(f, d);
        let Some((start, end)) = period.split_once('/') else {
            // One month ("2022-07") or one day, never raw ISO.
            return match (period.parse::<Date>(), month(period)) {
                (Ok(day), _) => self.show(day),
                (_, Some(m)) => fmt("%b %Y", m),
                _ => period.to_string(),
            };
        };
        if let (Ok(a), Ok(b)) = (start.parse::<Date>(), end.parse::<Date>()) {
            return if a.year() == b.year() {
                format!("{} – {}", fmt("%-d %b", a), fmt("%-d %b %Y", b))
            } else {
                format!("{} – {}", fmt("%-d %b %Y", a), fmt("%-d %b %Y", b))
            };
        }
        if let (Some(a), Some(b)) = (month(start), month(end)) {
            return if a.year() == b.year() {
                format!("{}–{}", fmt("%b", a), fmt("%b %Y", b))
            } else {
                format!("{} – {}", fmt("%b %Y", a), fmt("%b %Y", b))
            };
        }
        period.to_string()
    }
}

pub fn article_href(slug: &str) -> String {
    format!("articles/{slug}/index.html")
}

pub fn term_href(taxonomy: Taxonomy, slug: &str) -> String {
    format!("{}/{slug}/index.html", taxonomy.folder())
}

pub fn term_link(taxonomy: Taxonomy, term: &Term) -> Link {
    Link {
        name: term.name.clone(),
        href: term_href(taxonomy, &term.slug),
        count: term.articles.len(),
    }
}

/// Links for the names an article gives, to the term pages that exist.
pub fn name_links(site: &Site, taxonomy: Taxonomy, names: &[String]) -> Vec<Link> {
    names
        .iter()
        .filter_map(|name| {
            let slug = slug::slugify(name);
            let terms = site.terms(taxonomy);
            let term = terms
                .binary_search_by(|t| t.slug.as_str().cmp(&slug))
                .ok()?;
            Some(term_link(taxonomy, &terms[term]))
        })
        .collect()
}

pub fn article_row<'a>(
    site: &Site,
    article: &'a Article,
    dates: &DateFormat<'_>,
) -> ArticleRow<'a> {
    let meta = &article.meta;
    ArticleRow {
        slug: &article.slug,
        href: article_href(&article.slug),
        title: &meta.title,
        date: meta.date.map(|d| d.to_string()).unwrap_or_default(),
        date_display: meta.date.map(|d| dates.show(d)).unwrap_or_default(),
        undated: meta.date.is_none(),
        date_hint_display: meta.date_hint.map(|d| dates.show(d)).unwrap_or_default(),
        source: &meta.source,
        via: &meta.via,
        countries: name_links(site, Taxonomy::Countries, &meta.countries),
        topics: name_links(site, Taxonomy::Topics, &meta.topics),
        summary: &meta.summary,
    }
}

pub fn site_info(site: &Site) -> SiteInfo<'_> {
    let c = &site.config;
    SiteInfo {
        title: &c.title,
        subtitle: &c.subtitle,
        description: &c.description,
        organisation: &c.organisation,
        language: &c.language,
        base_url: &c.base_url,
        subject: &c.subject,
        feed: c.feed.enabled,
        search: c.search.enabled,
        extra: &c.extra,
    }
}

/// How many outlets the given articles come from.
pub fn outlets(site: &Site, articles: impl Iterator<Item = usize>) -> usize {
    let mut sources: Vec<&str> = articles
        .map(|a| site.articles[a].meta.source.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    sources.len()
}

pub fn stats(site: &Site, dates: &DateFormat<'_>) -> Stats {
    let span = site.date_span();
    Stats {
        articles: site.articles.len(),
        dated: site.articles.len() - site.undated_count(),
        undated: site.undated_count(),
        countries: site.countries.len(),
        topics: site.topics.len(),
        sources: outlets(site, 0..site.articles.len()),
        first_date: span.map(|(first, _)| dates.show(first)).unwrap_or_default(),
        last_date: span.map(|(_, last)| dates.show(last)).unwrap_or_default(),
    }
}

/// Rows for the given articles, from the per-build cache.
pub fn rows_of(rows: &[Value], indexes: &[usize]) -> Value {
    Value::from(indexes.iter().map(|&i| rows[i].clone()).collect::<Vec<_>>())
}

/// `../` once per folder level of `path`, so links work from any depth.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_climbs_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("articles/index.html"), "../");
        assert_eq!(root_of("articles/gas-swap/index.html"), "../../");
    }

    #[test]
    fn periods_read_like_prose() {
        let dates = DateFormat::new("%-d %B %Y", None);
        assert_eq!(
            dates.period("2023-03-21/2023-10-22"),
            "21 Mar – 22 Oct 2023"
        );
        assert_eq!(
            dates.period("2022-03-21/2023-03-20"),
            "21 Mar 2022 – 20 Mar 2023"
        );
        assert_eq!(dates.period("2020-01/2020-09"), "Jan–Sep 2020");
        assert_eq!(dates.period("2019-11/2020-02"), "Nov 2019 – Feb 2020");
        assert_eq!(dates.period("first half of 2023"), "first half of 2023");
        assert_eq!(dates.period("2022-07"), "Jul 2022");
        assert_eq!(dates.period("2023-03-21"), "21 March 2023");
        assert_eq!(dates.period("2023"), "2023");
    }

    #[test]
    fn dates_use_the_site_format_and_language() {
        let date = jiff::civil::date(2023, 6, 5);
        assert_eq!(DateFormat::new("%-d %B %Y", None).show(date), "5 June 2023");
        let ru = crate::render::strings::Strings::load("ru", std::path::Path::new("")).unwrap();
        let dates = DateFormat::new("%-d %B %Y", ru.months());
        assert_eq!(dates.show(date), "5 июня 2023");
        assert_eq!(
            DateFormat::new("%B %Y", ru.months()).show(date),
            "июнь 2023"
        );
        assert_eq!(dates.period("2020-01/2020-09"), "янв.–сент. 2020");
    }
}
