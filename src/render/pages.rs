//! The context of each kind of page.

use serde::Serialize;
use tera::{Context, Value};

use super::context::{self, Link, rows_of, term_link};
use super::{Renderer, dossier, tables};
use crate::content::{Heading, KeyFigure, Person};
use crate::model::{Taxonomy, Term};

fn base(title: &str, section: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page_title", title);
    ctx.insert("section", section);
    ctx
}

/// How many articles the front page lists in full, by month; a larger
/// briefing's front page lists the months, each a link into the table of
/// all articles (at 10,000 articles the full list is megabytes).
const ARCHIVE_ON_FRONT_PAGE: usize = 120;

/// A month of the archive.
#[derive(Serialize)]
struct Month {
    id: String,
    label: String,
    count: usize,
    articles: Value,
}

/// Every dated article by month, newest first, then the undated ones as a
/// month of their own; without `with_articles`, the months only.
fn archive(r: &Renderer<'_>, with_articles: bool) -> Vec<Month> {
    let mut months: Vec<Month> = Vec::new();
    let mut current: Option<(i16, i8)> = None;
    let mut members: Vec<usize> = Vec::new();
    let rows = |members: &[usize]| {
        if with_articles {
            rows_of(&r.rows, members)
        } else {
            Value::from(Vec::<Value>::new())
        }
    };
    let mut flush = |key: Option<(i16, i8)>, members: &mut Vec<usize>| {
        if let Some((year, month)) = key {
            let first = jiff::civil::date(year, month, 1);
            months.push(Month {
                id: format!("m-{year:04}-{month:02}"),
                label: r.dates().strftime("%B %Y", first),
                count: members.len(),
                articles: rows(members),
            });
        }
        members.clear();
    };
    let mut undated = Vec::new();
    // Dated articles are already newest first.
    for (i, article) in r.site.articles.iter().enumerate() {
        let Some(date) = article.meta.date else {
            undated.push(i);
            continue;
        };
        let key = Some((date.year(), date.month()));
        if key != current {
            flush(current, &mut members);
            current = key;
        }
        members.push(i);
    }
    flush(current, &mut members);
    if !undated.is_empty() {
        months.push(Month {
            id: "undated".into(),
            label: r.t("Undated"),
            count: undated.len(),
            articles: rows(&undated),
        });
    }
    months
}

pub fn index(r: &Renderer<'_>) -> Context {
    let site = r.site;
    let mut ctx = base(&site.config.title, "home");
    let front = &r.digest.front;
    ctx.insert_value("latest", rows_of(&r.rows, &front.latest));

    let in_full = site.articles.len() <= ARCHIVE_ON_FRONT_PAGE;
    ctx.insert("archive_in_full", &in_full);
    ctx.insert("months", &archive(r, in_full));
    // The most-covered terms as clouds; their pages list them all.
    for (taxonomy, key, chosen) in [
        (Taxonomy::Countries, "countries", &front.countries),
        (Taxonomy::Topics, "topics", &front.topics),
    ] {
        let terms = site.terms(taxonomy);
        let links: Vec<Link> = chosen
            .iter()
            .map(|&t| term_link(taxonomy, &terms[t]))
            .collect();
        ctx.insert(format!("{key}_total"), &terms.len());
        ctx.insert(key, &links);
    }

    // The executive summary: what the digest chose (the developments and
    // key figures), the heat map, the chart.
    ctx.insert_value(
        "developments",
        rows_of(&r.rows, &r.digest.summary.developments),
    );
    let key_figures: Vec<Value> = r
        .digest
        .summary
        .figures
        .iter()
        .map(|&f| r.figure_rows[f].clone())
        .collect();
    ctx.insert_value("key_figures", Value::from(key_figures));
    ctx.insert("figures_total", &site.figures.len());
    ctx.insert("outlets", &r.digest.counts.outlets);
    ctx.insert(
        "heatmap",
        &tables::matrix_view(site, Some(&front.heat_map_countries)),
    );
    ctx.insert("heatmap_countries", &site.countries.len());
    let all: Vec<usize> = (0..site.articles.len()).collect();
    ctx.insert(
        "chart",
        &dossier::articles_over_time(
            r,
            &all,
            "chart-articles",
            &r.t("Articles over time, by topic"),
            None,
        ),
    );
    ctx
}

/// Terms most-used first, then by name.
fn term_links(terms: &[Term], taxonomy: Taxonomy) -> Vec<Link> {
    let mut links: Vec<Link> = terms.iter().map(|t| term_link(taxonomy, t)).collect();
    links.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    links
}

pub fn article_table(r: &Renderer<'_>) -> Context {
    let mut ctx = base(&r.t("All articles"), "articles");
    ctx.insert("months", &archive(r, true));
    ctx
}

/// The article page: its row plus everything only the page itself shows.
#[derive(Serialize)]
struct ArticlePage<'a> {
    #[serde(flatten)]
    row: &'a Value,
    body: &'a str,
    url: &'a str,
    authors: &'a [String],
    /// Other outlets that ran the story; an address that is not http(s) is
    /// dropped, the outlet kept.
    also_in: Vec<AlsoInRow<'a>>,
    dateline: &'a [String],
    mentions: Vec<Link>,
    mentions_plain: Vec<&'a str>,
    people: &'a [Person],
    figures: Vec<FigureRow<'a>>,
    headings: &'a [Heading],
    source_file: &'a str,
}

#[derive(Serialize)]
struct AlsoInRow<'a> {
    source: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct FigureRow<'a> {
    value: String,
    label: &'a str,
    period: String,
    sentence: &'a str,
}

/// A figure as a reader reads it: the words of the article when it kept
/// them, else the number and its unit.
fn show_figure(figure: &KeyFigure) -> String {
    if !figure.text.trim().is_empty() {
        return figure.text.trim().to_string();
    }
    let number = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    };
    let value = match figure.value_max {
        Some(max) => format!("{}–{}", number(figure.value), number(max)),
        None => number(figure.value),
    };
    format!("{value} {}", figure.unit).trim().to_string()
}

pub fn article(r: &Renderer<'_>, i: usize) -> Context {
    let article = &r.site.articles[i];
    let meta = &article.meta;
    let mut ctx = base(&meta.title, "articles");
    let mentions = context::name_links(r.site, Taxonomy::Countries, &meta.mentions);
    let linked: Vec<&str> = mentions.iter().map(|l| l.name.as_str()).collect();
    let page = ArticlePage {
        row: &r.rows[i],
        body: &article.body_html,
        url: &meta.url,
        authors: &meta.authors,
        also_in: meta
            .also_in
            .iter()
            .filter(|o| !o.source.is_empty() || !o.url.is_empty())
            .map(|o| AlsoInRow {
                source: if o.source.is_empty() {
                    &o.url
                } else {
                    &o.source
                },
                url: if o.url.starts_with("https://") || o.url.starts_with("http://") {
                    &o.url
                } else {
                    ""
                },
            })
            .collect(),
        dateline: &meta.dateline,
        mentions_plain: meta
            .mentions
            .iter()
            .map(String::as_str)
            .filter(|m| !linked.iter().any(|l| slug::slugify(l) == slug::slugify(m)))
            .collect(),
        mentions,
        people: &meta.people,
        figures: meta
            .figures
            .iter()
            .map(|f| FigureRow {
                value: show_figure(f),
                label: &f.label,
                period: r.dates().period(&f.period),
                sentence: &f.sentence,
            })
            .collect(),
        headings: &article.headings,
        source_file: &meta.source_file,
    };
    ctx.insert("article", &page);
    ctx
}

pub fn term_index(r: &Renderer<'_>, taxonomy: Taxonomy) -> Context {
    let (title, section) = match taxonomy {
        Taxonomy::Countries => (r.t("Countries"), "countries"),
        Taxonomy::Topics => (r.t("Topics"), "topics"),
    };
    let site = r.site;
    let mut ctx = base(&title, section);
    let terms = term_links(site.terms(taxonomy), taxonomy);
    // Past about twenty, a cloud of names is a wall: a table a reader can
    // sort, with each term's newest article.
    if terms.len() > crate::digest::lists::TERM_CLOUD_MAX {
        let rows: Vec<TermRow> = site
            .terms(taxonomy)
            .iter()
            .map(|term| {
                let newest = term.articles[0];
                let meta = &site.articles[newest].meta;
                TermRow {
                    link: term_link(taxonomy, term),
                    latest: meta.date.map(|d| d.to_string()).unwrap_or_default(),
                    latest_display: meta.date.map(|d| r.dates().show(d)).unwrap_or_default(),
                    latest_title: &meta.title,
                    latest_href: format!("articles/{}/index.html", site.articles[newest].slug),
                }
            })
            .collect();
        ctx.insert("rows", &rows);
    }
    ctx.insert("terms", &terms);
    ctx
}

/// A term in the table of terms: its newest article beside it.
#[derive(Serialize)]
struct TermRow<'a> {
    link: Link,
    latest: String,
    latest_display: String,
    latest_title: &'a str,
    latest_href: String,
}

/// A filter of the search page: the values it offers, with how many
/// articles each one holds.
#[derive(Serialize)]
struct SearchFilter {
    /// Pagefind's filter key.
    key: &'static str,
    label: String,
    options: Vec<SearchOption>,
}

#[derive(Serialize)]
struct SearchOption {
    value: String,
    count: usize,
}

/// The search page. Its filters come from the model, so they show before
/// the index is loaded; the index itself is fetched when someone searches.
pub fn search(r: &Renderer<'_>) -> Context {
    let site = r.site;
    let mut ctx = base(&r.t("Search"), "search");
    let terms = |all: &[Term]| -> Vec<SearchOption> {
        let mut options: Vec<SearchOption> = all
            .iter()
            .filter(|t| !t.articles.is_empty())
            .map(|t| SearchOption {
                value: t.name.clone(),
                count: t.articles.len(),
            })
            .collect();
        options.sort_by(|a, b| a.value.cmp(&b.value));
        options
    };
    let mut years = std::collections::BTreeMap::<i16, usize>::new();
    for date in site.articles.iter().filter_map(|a| a.meta.date) {
        *years.entry(date.year()).or_default() += 1;
    }
    let filters = [
        SearchFilter {
            key: "country",
            label: r.t("Country"),
            options: terms(&site.countries),
        },
        SearchFilter {
            key: "topic",
            label: r.t("Topic"),
            options: terms(&site.topics),
        },
        SearchFilter {
            key: "year",
            label: r.t("Year"),
            options: years
                .iter()
                .rev()
                .map(|(year, count)| SearchOption {
                    value: year.to_string(),
                    count: *count,
                })
                .collect(),
        },
    ];
    ctx.insert("filters", &filters);
    ctx.insert("bundle", super::search::BUNDLE);
    ctx
}

pub fn not_found(r: &Renderer<'_>) -> Context {
    base(&r.t("Page not found"), "")
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    url: String,
    date: String,
    summary: &'a str,
    content: &'a str,
    source: &'a str,
}

pub fn feed(r: &Renderer<'_>) -> Context {
    let site = r.site;
    let base_url = &site.config.base_url;
    // Atom needs a date on every entry: undated articles stay out of the feed
    // rather than be given an invented one.
    let entries: Vec<FeedEntry<'_>> = site
        .articles
        .iter()
        .filter_map(|a| Some((a, a.meta.date?)))
        .take(site.config.feed.limit)
        .map(|(a, date)| FeedEntry {
            title: &a.meta.title,
            url: format!("{base_url}articles/{}/", a.slug),
            date: format!("{date}T00:00:00Z"),
            summary: &a.meta.summary,
            content: &a.body_html,
            source: &a.meta.source,
        })
        .collect();
    let mut ctx = Context::new();
    let updated = entries
        .first()
        .map(|e| e.date.clone())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    ctx.insert("updated", &updated);
    ctx.insert("entries", &entries);
    ctx
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: String,
}

pub fn sitemap(r: &Renderer<'_>) -> Context {
    let site = r.site;
    let base_url = &site.config.base_url;
    let at = |path: String, lastmod: String| SitemapUrl {
        loc: format!("{base_url}{path}"),
        lastmod,
    };
    let newest = site
        .date_span()
        .map(|(_, last)| last.to_string())
        .unwrap_or_default();
    let mut urls = vec![
        at(String::new(), newest.clone()),
        at("articles/".into(), newest.clone()),
    ];
    for taxonomy in [Taxonomy::Countries, Taxonomy::Topics] {
        urls.push(at(format!("{}/", taxonomy.folder()), newest.clone()));
        for term in site.terms(taxonomy) {
            let lastmod = term
                .articles
                .iter()
                .find_map(|&i| site.articles[i].meta.date)
                .map(|d| d.to_string())
                .unwrap_or_default();
            urls.push(at(format!("{}/{}/", taxonomy.folder(), term.slug), lastmod));
        }
    }
    for article in &site.articles {
        let lastmod = article.meta.date.map(|d| d.to_string()).unwrap_or_default();
        urls.push(at(format!("articles/{}/", article.slug), lastmod));
    }
    let mut ctx = Context::new();
    ctx.insert("urls", &urls);
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_show_the_words_of_the_article_or_value_and_unit() {
        let written = KeyFigure {
            value: 334e6,
            unit: "USD".into(),
            text: "$334 million".into(),
            ..Default::default()
        };
        assert_eq!(show_figure(&written), "$334 million");
        let range = KeyFigure {
            value: 1.5e9,
            value_max: Some(2e9),
            unit: "m3/year".into(),
            ..Default::default()
        };
        assert_eq!(show_figure(&range), "1500000000–2000000000 m3/year");
        let pct = KeyFigure {
            value: 13.1,
            unit: "%".into(),
            ..Default::default()
        };
        assert_eq!(show_figure(&pct), "13.1 %");
    }
}
