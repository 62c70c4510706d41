//! The summary tables under `/tables/`: key figures, timeline, country ×
//! topic matrix, people and sources. Each table's rows are built once; the
//! same records feed its pages, its CSV and its JSON, so they always agree.

use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::context::{Link, article_href, name_links, term_href};
use super::numbers::unit_label;
use super::strings::phrase;
use crate::model::{FigureRef, Site, Taxonomy};

/// Rows per page of the long tables: a page of figures stays well under
/// 1 MB, and sorting it in the browser stays instant.
pub const FIGURES_PER_PAGE: usize = 500;
pub const TIMELINE_PER_PAGE: usize = 1000;
pub const PEOPLE_PER_PAGE: usize = 500;
/// Articles listed per person before "and N more".
const PERSON_ARTICLES_SHOWN: usize = 3;

/// The tables, for the hub and the jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Figures,
    Timeline,
    Matrix,
    People,
    Sources,
}

impl Table {
    pub const ALL: [Table; 5] = [
        Table::Figures,
        Table::Timeline,
        Table::Matrix,
        Table::People,
        Table::Sources,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Table::Figures => "figures",
            Table::Timeline => "timeline",
            Table::Matrix => "matrix",
            Table::People => "people",
            Table::Sources => "sources",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Table::Figures => phrase!("Key figures"),
            Table::Timeline => phrase!("Timeline"),
            Table::Matrix => phrase!("Countries × topics"),
            Table::People => phrase!("People"),
            Table::Sources => phrase!("Sources"),
        }
    }

    fn blurb(self) -> &'static str {
        match self {
            Table::Figures => {
                phrase!("Every number read out of the articles, with the sentence it came from.")
            }
            Table::Timeline => {
                phrase!("The articles in the order things happened, undated ones last.")
            }
            Table::Matrix => phrase!("How many articles concern each country and topic together."),
            Table::People => phrase!("Who is named, in which roles, and where."),
            Table::Sources => phrase!("The outlets, how much each contributed, and when."),
        }
    }

    /// `tables/<slug>/`: the page, with its downloads beside it.
    pub fn folder(self) -> String {
        format!("tables/{}/", self.slug())
    }

    pub fn page_path(self, page: usize) -> String {
        if page <= 1 {
            format!("{}index.html", self.folder())
        } else {
            format!("{}page/{page}/index.html", self.folder())
        }
    }

    pub fn per_page(self) -> usize {
        match self {
            Table::Figures => FIGURES_PER_PAGE,
            Table::Timeline => TIMELINE_PER_PAGE,
            Table::People => PEOPLE_PER_PAGE,
            Table::Matrix | Table::Sources => usize::MAX,
        }
    }

    /// How many rows the table has in this site.
    pub fn rows(self, site: &Site) -> usize {
        match self {
            Table::Figures => site.figures.len(),
            Table::Timeline => site.articles.len(),
            Table::Matrix => site.countries.len(),
            Table::People => site.people.len(),
            Table::Sources => site.sources.len(),
        }
    }

    pub fn pages(self, site: &Site) -> usize {
        self.rows(site).div_ceil(self.per_page()).max(1)
    }
}

/// One key figure as a row. `countries`/`topics` link to their pages;
/// the `*_keys` fields are what the table's filters match on.
#[derive(Debug, Serialize)]
pub struct FigureRecord {
    pub date: String,
    pub date_display: String,
    pub countries: Vec<Link>,
    pub topics: Vec<Link>,
    pub label: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    /// The value written for readers: "$334 million".
    pub display: String,
    /// The words of the article: "approximately $334 million".
    pub text: String,
    pub qualifier: String,
    pub period: String,
    pub period_display: String,
    pub article_title: String,
    pub article_href: String,
    pub source: String,
    pub sentence: String,
    pub country_keys: String,
    pub topic_keys: String,
}

pub fn figure_record(r: &Renderer<'_>, figure: &FigureRef) -> FigureRecord {
    let site = r.site;
    let article = &site.articles[figure.article];
    let meta = &article.meta;
    let f = site.figure(figure);
    let countries: Vec<Link> = figure
        .countries
        .iter()
        .map(|&c| super::context::term_link(Taxonomy::Countries, &site.countries[c]))
        .collect();
    let topics = name_links(site, Taxonomy::Topics, &meta.topics);
    let keys = |links: &[Link]| {
        links
            .iter()
            .map(|l| slug_of(&l.href))
            .collect::<Vec<_>>()
            .join(" ")
    };
    FigureRecord {
        date: meta.date.map(|d| d.to_string()).unwrap_or_default(),
        date_display: meta.date.map(|d| r.dates().show(d)).unwrap_or_default(),
        country_keys: keys(&countries),
        topic_keys: keys(&topics),
        countries,
        topics,
        label: f.label.clone(),
        value: f.value,
        value_max: f.value_max,
        unit: f.unit.clone(),
        display: r.numbers.figure(f),
        text: f.text.clone(),
        qualifier: f.qualifier.clone(),
        period: f.period.clone(),
        period_display: r.dates().period(&f.period),
        article_title: meta.title.clone(),
        article_href: article_href(&article.slug),
        source: meta.source.clone(),
        sentence: f.sentence.clone(),
    }
}

/// "countries/iran/index.html" → "iran".
pub(super) fn slug_of(href: &str) -> &str {
    href.split('/').nth(1).unwrap_or("")
}

/// A filter menu entry.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct FilterOption {
    name: String,
    key: String,
}

/// A link to one page of a paged table.
#[derive(Debug, Serialize)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
}

#[derive(Debug, Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    first_row: usize,
    last_row: usize,
    rows: usize,
    pages: Vec<PageLink>,
    previous: Option<String>,
    next: Option<String>,
}

fn pagination(table: Table, site: &Site, page: usize) -> (Pagination, std::ops::Range<usize>) {
    let rows = table.rows(site);
    let total = table.pages(site);
    let per = table.per_page();
    let start = (page - 1).saturating_mul(per).min(rows);
    let end = start.saturating_add(per).min(rows);
    let href = |n: usize| table.page_path(n);
    let pages = (1..=total)
        .map(|n| PageLink {
            number: n,
            href: href(n),
            current: n == page,
        })
        .collect();
    (
        Pagination {
            current: page,
            total,
            first_row: start + 1,
            last_row: end,
            rows,
            pages,
            previous: (page > 1).then(|| href(page - 1)),
            next: (page < total).then(|| href(page + 1)),
        },
        start..end,
    )
}

fn base(r: &Renderer<'_>, table: Table) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page_title", &r.t(table.title()));
    ctx.insert("section", "tables");
    ctx.insert("table_slug", table.slug());
    ctx.insert("csv", &format!("{}{}.csv", table.folder(), table.slug()));
    ctx.insert("json", &format!("{}{}.json", table.folder(), table.slug()));
    ctx
}

#[derive(Debug, Serialize)]
struct HubEntry {
    title: String,
    blurb: String,
    href: String,
    rows: usize,
    csv: String,
    json: String,
}

pub fn hub(r: &Renderer<'_>) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page_title", &r.t("Tables"));
    ctx.insert("section", "tables");
    let entries: Vec<HubEntry> = Table::ALL
        .iter()
        .map(|&t| HubEntry {
            title: r.t(t.title()),
            blurb: r.t(t.blurb()),
            href: t.page_path(1),
            rows: t.rows(r.site),
            csv: format!("{}{}.csv", t.folder(), t.slug()),
            json: format!("{}{}.json", t.folder(), t.slug()),
        })
        .collect();
    ctx.insert("tables", &entries);
    ctx
}

/// One article's figures in the figures table.
#[derive(Serialize)]
struct FigureGroup {
    #[serde(skip)]
    article: usize,
    title: String,
    href: String,
    source: String,
    date: String,
    date_display: String,
    figures: Vec<Value>,
}

pub fn figures_page(r: &Renderer<'_>, page: usize) -> Context {
    let site = r.site;
    let mut ctx = base(r, Table::Figures);
    let (pagination, range) = pagination(Table::Figures, site, page);
    // Grouped by article (the figures are in article order): the article
    // is said once, above its figures.
    let mut groups: Vec<FigureGroup> = Vec::new();
    for f in range {
        let article = site.figures[f].article;
        let record = &r.figures[f];
        match groups.last_mut() {
            Some(group) if group.article == article => group.figures.push(r.figure_rows[f].clone()),
            _ => groups.push(FigureGroup {
                article,
                title: record.article_title.clone(),
                href: record.article_href.clone(),
                source: record.source.clone(),
                date: record.date.clone(),
                date_display: record.date_display.clone(),
                figures: vec![r.figure_rows[f].clone()],
            }),
        }
    }
    ctx.insert("groups", &groups);
    ctx.insert("pagination", &pagination);

    // Filter menus offer what occurs anywhere in the table.
    let mut countries: Vec<usize> = site
        .figures
        .iter()
        .flat_map(|f| f.countries.clone())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    let country_options: Vec<FilterOption> = countries
        .into_iter()
        .map(|c| FilterOption {
            name: site.countries[c].name.clone(),
            key: site.countries[c].slug.clone(),
        })
        .collect();
    let topic_options: Vec<FilterOption> = site
        .topics
        .iter()
        .filter(|t| !t.figures.is_empty())
        .map(|t| FilterOption {
            name: t.name.clone(),
            key: t.slug.clone(),
        })
        .collect();
    let mut units: Vec<&str> = site
        .figures
        .iter()
        .map(|f| site.figure(f).unit.as_str())
        .collect();
    units.sort_unstable();
    units.dedup();
    let mut unit_options: Vec<FilterOption> = units
        .into_iter()
        .map(|u| FilterOption {
            name: unit_label(u),
            key: u.to_string(),
        })
        .collect();
    unit_options.sort();
    ctx.insert("country_options", &country_options);
    ctx.insert("topic_options", &topic_options);
    ctx.insert("unit_options", &unit_options);
    ctx
}

/// The chronology: dated articles oldest first, then the undated ones.
pub fn timeline_order(site: &Site) -> Vec<usize> {
    let dated = site
        .articles
        .iter()
        .take_while(|a| a.meta.date.is_some())
        .count();
    (0..dated).rev().chain(dated..site.articles.len()).collect()
}

pub fn timeline_page(r: &Renderer<'_>, page: usize) -> Context {
    let mut ctx = base(r, Table::Timeline);
    let (pagination, range) = pagination(Table::Timeline, r.site, page);
    let order = &r.timeline[range];
    ctx.insert_value("events", super::context::rows_of(&r.rows, order));
    ctx.insert("pagination", &pagination);
    ctx
}

/// Roles beside a name in the people table.
const ROLES_SHOWN: usize = 3;

#[derive(Debug, Serialize)]
pub struct PersonRecord {
    pub name: String,
    pub roles: Vec<String>,
    pub count: usize,
    pub articles: Vec<Link>,
    pub more: usize,
}

pub fn person_record(site: &Site, person: &crate::model::PersonEntry, all: bool) -> PersonRecord {
    let shown = if all {
        usize::MAX
    } else {
        PERSON_ARTICLES_SHOWN
    };
    PersonRecord {
        name: person.name.clone(),
        // The table shows the three most often given; the CSV keeps all.
        roles: person
            .roles
            .iter()
            .take(if all { usize::MAX } else { ROLES_SHOWN })
            .cloned()
            .collect(),
        count: person.articles.len(),
        articles: person
            .articles
            .iter()
            .take(shown)
            .map(|&a| Link {
                name: site.articles[a].meta.title.clone(),
                href: article_href(&site.articles[a].slug),
                count: 1,
            })
            .collect(),
        more: person.articles.len().saturating_sub(shown),
    }
}

pub fn people_page(r: &Renderer<'_>, page: usize) -> Context {
    let site = r.site;
    let mut ctx = base(r, Table::People);
    let (pagination, range) = pagination(Table::People, site, page);
    let people: Vec<PersonRecord> = site.people[range]
        .iter()
        .map(|p| person_record(site, p, false))
        .collect();
    ctx.insert("people", &people);
    ctx.insert("pagination", &pagination);
    ctx
}

#[derive(Debug, Serialize)]
pub struct SourceRecord {
    pub name: String,
    pub articles: usize,
    pub first: String,
    pub first_display: String,
    pub last: String,
    pub last_display: String,
}

pub fn source_records(r: &Renderer<'_>) -> Vec<SourceRecord> {
    let show = |d: Option<jiff::civil::Date>| d.map(|d| r.dates().show(d)).unwrap_or_default();
    r.site
        .sources
        .iter()
        .map(|s| SourceRecord {
            name: s.name.clone(),
            articles: s.articles.len(),
            first: s.first.map(|d| d.to_string()).unwrap_or_default(),
            first_display: show(s.first),
            last: s.last.map(|d| d.to_string()).unwrap_or_default(),
            last_display: show(s.last),
        })
        .collect()
}

pub fn sources_page(r: &Renderer<'_>) -> Context {
    let mut ctx = base(r, Table::Sources);
    ctx.insert("sources", &source_records(r));
    ctx.insert("without_outlet", &r.digest.counts.without_outlet);
    ctx
}

/// A cell's shade, 0 to 5, on a log scale: where one country has ten
/// times the articles of the others, their cells still differ.
pub fn heat_of(count: usize, max: usize) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    let share = ((count as f64).ln_1p() / (max as f64).ln_1p()).clamp(0.0, 1.0);
    ((share * 5.0).round() as usize).clamp(1, 5)
}

/// One cell of the matrix: a count, its link, and its shade (0–5).
#[derive(Debug, Serialize)]
pub struct MatrixCell {
    pub count: usize,
    pub href: String,
    pub heat: usize,
}

#[derive(Debug, Serialize)]
pub struct MatrixRow {
    pub country: Link,
    pub cells: Vec<MatrixCell>,
}

#[derive(Debug, Serialize)]
pub struct MatrixView {
    pub topics: Vec<Link>,
    pub rows: Vec<MatrixRow>,
}

pub fn matrix_cell_path(site: &Site, country: usize, topic: usize) -> String {
    format!(
        "tables/matrix/{}/{}/index.html",
        site.countries[country].slug, site.topics[topic].slug
    )
}

/// Countries and topics most-used first; `limit` keeps the first rows only
/// (the front page's heat map).
/// The country × topic matrix: the rows `countries` names (all, most
/// covered first, when `None`), topics most covered first.
pub fn matrix_view(site: &Site, countries: Option<&[usize]>) -> MatrixView {
    let topics = crate::digest::lists::by_coverage(&site.topics);
    let max = site.matrix.max().max(1);
    let all;
    let countries = match countries {
        Some(chosen) => chosen,
        None => {
            all = crate::digest::lists::by_coverage(&site.countries);
            &all
        }
    };
    let rows = countries
        .iter()
        .copied()
        .map(|c| MatrixRow {
            country: super::context::term_link(Taxonomy::Countries, &site.countries[c]),
            cells: topics
                .iter()
                .map(|&t| {
                    let count = site.matrix.cell(c, t).len();
                    MatrixCell {
                        count,
                        href: matrix_cell_path(site, c, t),
                        // 1–5 for non-empty cells, by share of the largest.
                        heat: heat_of(count, max),
                    }
                })
                .collect(),
        })
        .collect();
    MatrixView {
        topics: topics
            .iter()
            .map(|&t| super::context::term_link(Taxonomy::Topics, &site.topics[t]))
            .collect(),
        rows,
    }
}

pub fn matrix_page(r: &Renderer<'_>) -> Context {
    let mut ctx = base(r, Table::Matrix);
    ctx.insert("matrix", &matrix_view(r.site, None));
    ctx
}

/// The articles of one matrix cell.
pub fn matrix_cell(r: &Renderer<'_>, country: usize, topic: usize) -> Context {
    let site = r.site;
    let (c, t) = (&site.countries[country], &site.topics[topic]);
    let mut ctx = Context::new();
    ctx.insert("page_title", &format!("{} · {}", c.name, t.name));
    ctx.insert("section", "tables");
    ctx.insert(
        "country",
        &super::context::term_link(Taxonomy::Countries, c),
    );
    ctx.insert("topic", &super::context::term_link(Taxonomy::Topics, t));
    ctx.insert("country_href", &term_href(Taxonomy::Countries, &c.slug));
    ctx.insert_value(
        "articles",
        super::context::rows_of(&r.rows, site.matrix.cell(country, topic)),
    );
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_is_on_a_log_scale() {
        assert_eq!(heat_of(0, 21), 0);
        assert_eq!(heat_of(21, 21), 5);
        let shades: Vec<usize> = [1, 2, 4, 11].iter().map(|&c| heat_of(c, 21)).collect();
        assert_eq!(shades, [1, 2, 3, 4]);
    }
}
