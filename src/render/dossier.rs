//! Country and topic pages as dossiers: a one-line summary, key figures,
//! charts, the topics (or countries) most often alongside, the people, then
//! the articles. Also the charts the front page shares with them.

use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::chart::{BarChart, ChartView, Series, Step, TimeAxis};
use super::context::{Link, rows_of, term_link};
use super::numbers::unit_label;
use super::strings::phrase;
use super::tables::matrix_cell_path;
use crate::digest::PersonPick;
use crate::model::{Site, Taxonomy};

/// Topics with a colour of their own; the rest share the last one.
/// Topics a chart colours; the others share one grey "other".
const COLOURS: usize = 6;

/// A time chart needs this many dated articles to show a trend.
const MIN_DATED_FOR_CHART: usize = 5;

pub fn figures_csv_path(site: &Site, country: usize) -> String {
    format!("countries/{}/figures.csv", site.countries[country].slug)
}

/// Topics by number of articles, most first: the order of their colours.
pub fn topics_by_count(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.topics.len()).collect();
    order.sort_by(|&a, &b| {
        site.topics[b]
            .articles
            .len()
            .cmp(&site.topics[a].articles.len())
            .then_with(|| site.topics[a].slug.cmp(&site.topics[b].slug))
    });
    order
}

/// Articles per month, quarter or year over the whole briefing's span, each
/// article counted once under its first topic.
pub fn articles_over_time(
    r: &Renderer<'_>,
    articles: &[usize],
    id: &str,
    title: &str,
    single_colour: Option<usize>,
) -> Option<ChartView> {
    let site = r.site;
    // The span of these articles, not the whole site's: no empty years.
    let mut dates = articles.iter().filter_map(|&a| site.articles[a].meta.date);
    let newest = dates.next()?;
    let oldest = dates.next_back().unwrap_or(newest);
    let dates_format = r.dates();
    let label = |step: Step, year: i16, part: i8| match step {
        Step::Month => jiff::civil::Date::new(year, part, 1)
            .map(|d| dates_format.strftime("%b %Y", d))
            .unwrap_or_default(),
        Step::Quarter => r.strings.t_with(
            "Q{q} {year}",
            None,
            &[("q", &part.to_string()), ("year", &year.to_string())],
        ),
        Step::Year => year.to_string(),
    };
    let axis = TimeAxis::labelled(oldest.min(newest), oldest.max(newest), &label);
    let order = topics_by_count(site);
    let mut colour_of = vec![COLOURS; site.topics.len()];
    for (rank, &t) in order.iter().enumerate().take(COLOURS) {
        colour_of[t] = rank;
    }
    // One series per colour, plus one for the other topics and none.
    let slots = COLOURS + 1;
    let mut values = vec![vec![0.0; axis.labels.len()]; slots];
    let mut dated = 0usize;
    for &a in articles {
        let Some(date) = site.articles[a].meta.date else {
            continue;
        };
        let Some(at) = axis.index(date) else {
            continue;
        };
        dated += 1;
        let slot = match (single_colour, site.filed[a].topics.first()) {
            (Some(_), _) => 0,
            (None, Some(&t)) => colour_of[t],
            (None, None) => COLOURS,
        };
        values[slot][at] += 1.0;
    }
    if dated < MIN_DATED_FOR_CHART {
        return None;
    }
    let undated = articles.len() - dated;
    let series: Vec<Series> = match single_colour {
        Some(colour) => vec![Series {
            name: r.t("Articles"),
            colour,
            values: values.swap_remove(0),
        }],
        None => values
            .into_iter()
            .enumerate()
            .filter(|(_, v)| v.iter().any(|&x| x > 0.0))
            .map(|(slot, values)| Series {
                name: match slot {
                    s if s < COLOURS => site.topics[order[s]].name.clone(),
                    _ => r.t("other"),
                },
                // The grey of the palette: the last of its ten.
                colour: if slot < COLOURS { slot } else { 9 },
                values,
            })
            .collect(),
    };
    // Whole phrases, so that each can be translated as a sentence.
    let phrase = match (axis.step, series.len() > 1) {
        (Step::Month, false) => {
            phrase!("Bar chart of {n} dated articles per month, from {first} to {last}.")
        }
        (Step::Quarter, false) => {
            phrase!("Bar chart of {n} dated articles per quarter, from {first} to {last}.")
        }
        (Step::Year, false) => {
            phrase!("Bar chart of {n} dated articles per year, from {first} to {last}.")
        }
        (Step::Month, true) => phrase!(
            "Bar chart of {n} dated articles per month, from {first} to {last}, each article counted once under its first topic."
        ),
        (Step::Quarter, true) => phrase!(
            "Bar chart of {n} dated articles per quarter, from {first} to {last}, each article counted once under its first topic."
        ),
        (Step::Year, true) => phrase!(
            "Bar chart of {n} dated articles per year, from {first} to {last}, each article counted once under its first topic."
        ),
    };
    let first = axis.labels.first().cloned().unwrap_or_default();
    let last = axis.labels.last().cloned().unwrap_or_default();
    let chart = BarChart {
        id: id.into(),
        title: title.into(),
        description: r.tn(phrase, dated, &[("first", &first), ("last", &last)]),
        categories: axis.labels,
        series,
        bar_labels: None,
    };
    let mut view = chart.view(&r.numbers, &r.t("Articles"));
    if undated > 0 {
        view.note = r.tn("{n} undated articles not shown.", undated, &[]);
    }
    Some(view)
}

/// Bar charts of the measures the digest chose for this page, each given
/// for several periods ("trade turnover, USD").
fn series_charts(
    r: &Renderer<'_>,
    series: &[Vec<usize>],
    subject: &str,
    id: &str,
) -> Vec<ChartView> {
    series
        .iter()
        .enumerate()
        .map(|(n, points)| {
            let records: Vec<_> = points.iter().map(|&i| &r.figures[i]).collect();
            let first = r.site.figure(&r.site.figures[points[0]]);
            let (label, unit) = (first.label.as_str(), first.unit.as_str());
            let title = r.strings.t_with(
                "{measure} by period, {unit}",
                None,
                &[("measure", &capitalise(label)), ("unit", &unit_label(unit))],
            );
            let values = records
                .iter()
                .map(|f| format!("{}: {}", f.period_display, f.display))
                .collect::<Vec<_>>()
                .join("; ");
            let description = r.strings.t_with(
                "Bar chart of {measure} in articles about {subject}: {values}.",
                None,
                &[
                    ("measure", label),
                    ("subject", subject),
                    ("values", &values),
                ],
            );
            BarChart {
                id: format!("{id}-measure-{}", n + 1),
                title,
                description,
                categories: records.iter().map(|f| f.period_display.clone()).collect(),
                series: vec![Series {
                    name: label.to_string(),
                    colour: super::chart::VALUE_COLOUR,
                    values: records.iter().map(|f| f.value).collect(),
                }],
                bar_labels: Some(records.iter().map(|f| f.display.clone()).collect()),
            }
            .view(&r.numbers, &r.t("Value"))
        })
        .collect()
}

/// What a dossier's one-line summary says.
pub struct Summary {
    pub first_date: String,
    pub last_date: String,
    /// The three terms of the other taxonomy most often alongside.
    pub main_alongside: String,
    pub alongside: Vec<Link>,
}

pub fn summary(r: &Renderer<'_>, taxonomy: Taxonomy, i: usize) -> Summary {
    let site = r.site;
    let term = &site.terms(taxonomy)[i];
    let dates = r.dates();
    let dated = term
        .articles
        .iter()
        .filter_map(|&a| site.articles[a].meta.date);
    let (newest, oldest) = (dated.clone().next(), dated.clone().next_back());
    let alongside = alongside(site, taxonomy, i);
    let main: Vec<&str> = alongside.iter().take(3).map(|l| l.name.as_str()).collect();
    Summary {
        first_date: oldest.map(|d| dates.show(d)).unwrap_or_default(),
        last_date: newest.map(|d| dates.show(d)).unwrap_or_default(),
        main_alongside: and_list(&main, &r.t("and")),
        alongside,
    }
}

/// A dossier's charts: its articles over time, then its measures by period.
/// `id` starts every chart's id, so several dossiers can share a page.
pub fn charts(r: &Renderer<'_>, taxonomy: Taxonomy, i: usize, id: &str) -> Vec<ChartView> {
    let site = r.site;
    let term = &site.terms(taxonomy)[i];
    let colour = match taxonomy {
        Taxonomy::Countries => None,
        Taxonomy::Topics => Some(
            topics_by_count(site)
                .iter()
                .position(|&t| t == i)
                .unwrap_or(COLOURS)
                .min(COLOURS),
        ),
    };
    r.timed_chart(|| {
        let mut charts: Vec<ChartView> = articles_over_time(
            r,
            &term.articles,
            &format!("{id}-time"),
            &r.strings.t_with(
                "Articles on {name} over time",
                None,
                &[("name", &term.name)],
            ),
            colour,
        )
        .into_iter()
        .collect();
        let lists = match taxonomy {
            Taxonomy::Countries => &r.digest.country_lists[i],
            Taxonomy::Topics => &r.digest.topic_lists[i],
        };
        charts.extend(series_charts(r, &lists.series, &term.name, id));
        charts
    })
}

/// "a", "a and b", "a, b and c", with the language's "and".
fn and_list(items: &[&str], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A person as a dossier lists them.
#[derive(Debug, Serialize)]
pub struct PersonSeen<'a> {
    name: &'a str,
    roles: &'a [String],
    count: usize,
}

fn people_seen(people: &[PersonPick]) -> Vec<PersonSeen<'_>> {
    people
        .iter()
        .map(|p| PersonSeen {
            name: &p.name,
            roles: &p.roles,
            count: p.count,
        })
        .collect()
}

/// The other taxonomy's terms most often filed with this one, each linking
/// to the matrix cell that lists the shared articles.
fn alongside(site: &Site, taxonomy: Taxonomy, i: usize) -> Vec<Link> {
    let others = match taxonomy {
        Taxonomy::Countries => &site.topics,
        Taxonomy::Topics => &site.countries,
    };
    let mut links: Vec<Link> = (0..others.len())
        .filter_map(|o| {
            let (country, topic) = match taxonomy {
                Taxonomy::Countries => (i, o),
                Taxonomy::Topics => (o, i),
            };
            let count = site.matrix.cell(country, topic).len();
            (count > 0).then(|| Link {
                name: others[o].name.clone(),
                href: matrix_cell_path(site, country, topic),
                count,
            })
        })
        .collect();
    links.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    links
}

pub fn term(r: &Renderer<'_>, taxonomy: Taxonomy, i: usize) -> Context {
    let site = r.site;
    let term = &site.terms(taxonomy)[i];
    let mut ctx = Context::new();
    ctx.insert("page_title", &term.name);
    ctx.insert("section", taxonomy.folder());
    ctx.insert("term", &term_link(taxonomy, term));
    let key = match taxonomy {
        Taxonomy::Countries => "country",
        Taxonomy::Topics => "topic",
    };
    ctx.insert("filter", &format!("{key}={}", term.slug));
    ctx.insert_value("articles", rows_of(&r.rows, &term.articles));
    ctx.insert_value("mentioned_in", rows_of(&r.rows, &term.mentioned_in));

    let summary = summary(r, taxonomy, i);
    ctx.insert("first_date", &summary.first_date);
    ctx.insert("last_date", &summary.last_date);
    ctx.insert("main_alongside", &summary.main_alongside);
    ctx.insert("alongside", &summary.alongside);
    let lists = match taxonomy {
        Taxonomy::Countries => &r.digest.country_lists[i],
        Taxonomy::Topics => &r.digest.topic_lists[i],
    };
    ctx.insert("people", &people_seen(&lists.people));

    // What the digest chose for this page: its developments and a few key
    // figures; every figure is in the figures table.
    let highlights = match taxonomy {
        Taxonomy::Countries => &r.digest.countries[i],
        Taxonomy::Topics => &r.digest.topics[i],
    };
    ctx.insert_value("developments", rows_of(&r.rows, &highlights.developments));
    let shown: Vec<Value> = highlights
        .figures
        .iter()
        .map(|&f| r.figure_rows[f].clone())
        .collect();
    ctx.insert_value("figures", Value::from(shown));
    ctx.insert("figures_total", &term.figures.len());
    if taxonomy == Taxonomy::Countries && !term.figures.is_empty() {
        ctx.insert("figures_csv", &figures_csv_path(site, i));
    }

    if taxonomy == Taxonomy::Countries
        && let Some(pdf) = r.printed_pdf(Some(i))
    {
        ctx.insert("chapter_pdf", pdf);
    }
    let charts = charts(r, taxonomy, i, "chart");
    ctx.insert("charts", &charts);
    ctx
}
