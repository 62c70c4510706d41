//! Charts drawn at build time as inline SVG: no JavaScript, crisp in print,
//! coloured by the theme's CSS (so dark mode applies), with `<title>` and
//! `<desc>` for screen readers and the same numbers in a table beside them.
//!
//! Our own small module rather than a plotting crate: the charts are a few
//! bars, and the crates we looked at (plotters) write fixed colours and no
//! accessible markup.

use std::fmt::Write;

use jiff::civil::Date;
use pulldown_cmark_escape::{FmtWriter, escape_html};
use serde::Serialize;

use super::numbers::Numbers;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 34.0;
/// The palette entry of measure charts, apart from the topics' colours.
pub const VALUE_COLOUR: usize = 10;
/// The x labels' size in the drawing's units (the theme sets the same), and
/// the share of it an average character is wide: how many labels fit.
const TICK_SIZE: f64 = 15.0;
const CHAR_WIDTH: f64 = 0.58;

/// One coloured part of the bars: a topic, or the single measure.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub name: String,
    /// Index into the theme's palette (`.c0` … `.c9`; `.c10` for measures).
    pub colour: usize,
    /// One value per category.
    pub values: Vec<f64>,
}

/// A bar chart, stacked when it has more than one series.
#[derive(Debug, Clone)]
pub struct BarChart {
    /// Unique within the page: ids of the title and description derive from it.
    pub id: String,
    pub title: String,
    pub description: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Written above each bar instead of a y axis (figure charts).
    pub bar_labels: Option<Vec<String>>,
}

/// What templates get: the drawing, its legend and its numbers as a table.
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    /// What the chart leaves out, said under it ("3 undated articles not shown").
    pub note: String,
    pub svg: String,
    pub legend: Vec<LegendEntry>,
    pub table: DataTable,
}

#[derive(Debug, Serialize)]
pub struct LegendEntry {
    pub name: String,
    pub colour: usize,
}

#[derive(Debug, Serialize)]
pub struct DataTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = escape_html(FmtWriter(&mut out), text);
    out
}

/// The y axis for counts up to `max`: a whole step of 1, 2 or 5 times a
/// power of ten, and a top that is a multiple of it, in at most 4 steps.
fn count_axis(max: f64) -> (f64, f64) {
    let wanted = (max / 4.0).max(1.0);
    let power = 10f64.powf(wanted.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&step| step >= wanted)
        .unwrap_or(10.0 * power);
    (step, (max / step).ceil().max(1.0) * step)
}

impl BarChart {
    fn totals(&self) -> Vec<f64> {
        (0..self.categories.len())
            .map(|i| self.series.iter().map(|s| s.values[i]).sum())
            .collect()
    }

    /// Draws the chart; `numbers` writes the axis and table in the site's language.
    pub fn view(&self, numbers: &Numbers, value_column: &str) -> ChartView {
        ChartView {
            id: self.id.clone(),
            title: self.title.clone(),
            note: String::new(),
            svg: self.svg(numbers),
            legend: if self.series.len() > 1 {
                self.series
                    .iter()
                    .map(|s| LegendEntry {
                        name: s.name.clone(),
                        colour: s.colour,
                    })
                    .collect()
            } else {
                Vec::new()
            },
            table: self.table(numbers, value_column),
        }
    }

    fn table(&self, numbers: &Numbers, value_column: &str) -> DataTable {
        if let Some(labels) = &self.bar_labels {
            return DataTable {
                columns: vec![String::new(), value_column.to_string()],
                rows: self
                    .categories
                    .iter()
                    .zip(labels)
                    .map(|(c, l)| vec![c.clone(), l.clone()])
                    .collect(),
            };
        }
        let mut columns = vec![String::new()];
        if self.series.len() > 1 {
            columns.extend(self.series.iter().map(|s| s.name.clone()));
        }
        columns.push(value_column.to_string());
        let totals = self.totals();
        let rows = self
            .categories
            .iter()
            .enumerate()
            .filter(|&(i, _)| totals[i] > 0.0)
            .map(|(i, category)| {
                let mut row = vec![category.clone()];
                if self.series.len() > 1 {
                    row.extend(self.series.iter().map(|s| numbers.plain(s.values[i])));
                }
                row.push(numbers.plain(totals[i]));
                row
            })
            .collect();
        DataTable { columns, rows }
    }

    fn svg(&self, numbers: &Numbers) -> String {
        let n = self.categories.len().max(1);
        let totals = self.totals();
        let max = totals.iter().copied().fold(0.0, f64::max);
        let (step, top) = match self.bar_labels {
            // Labelled bars need no axis; leave room above the tallest for its label.
            Some(_) => (max, if max > 0.0 { max * 1.15 } else { 1.0 }),
            None => count_axis(max),
        };
        let left = if self.bar_labels.is_some() {
            RIGHT
        } else {
            LEFT
        };
        let plot_w = WIDTH - left - RIGHT;
        let plot_h = HEIGHT - TOP - BOTTOM;
        let band = plot_w / n as f64;
        let bar = (band * 0.7).min(64.0);
        let y = |v: f64| TOP + plot_h - v / top * plot_h;
        let id = esc(&self.id);

        let mut svg = String::with_capacity(2048 + 160 * n * self.series.len());
        let _ = write!(
            svg,
            r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
            esc(&self.title),
            esc(&self.description)
        );

        // Grid lines and the y axis, for count charts.
        if self.bar_labels.is_none() {
            let steps = (top / step).round() as usize;
            for n in 0..=steps {
                let value = step * n as f64;
                let at = y(value);
                let _ = write!(
                    svg,
                    r#"<line class="grid" x1="{left}" x2="{}" y1="{at:.1}" y2="{at:.1}"/><text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
                    WIDTH - RIGHT,
                    left - 6.0,
                    at + 4.0,
                    esc(&numbers.plain(value))
                );
            }
        } else {
            let base = y(0.0);
            let _ = write!(
                svg,
                r#"<line class="grid" x1="{left}" x2="{}" y1="{base:.1}" y2="{base:.1}"/>"#,
                WIDTH - RIGHT
            );
        }

        for (i, category) in self.categories.iter().enumerate() {
            let x = left + band * i as f64 + (band - bar) / 2.0;
            let mut base = 0.0;
            for series in &self.series {
                let value = series.values[i];
                if value <= 0.0 {
                    continue;
                }
                let (y0, y1) = (y(base), y(base + value));
                base += value;
                let tip = match (&self.bar_labels, self.series.len()) {
                    (Some(labels), _) => format!("{category}: {}", labels[i]),
                    (None, 1) => format!("{category}: {}", numbers.plain(value)),
                    (None, _) => format!("{category}, {}: {}", series.name, numbers.plain(value)),
                };
                let _ = write!(
                    svg,
                    r#"<rect class="c{}" x="{x:.1}" y="{y1:.1}" width="{bar:.1}" height="{:.1}"><title>{}</title></rect>"#,
                    series.colour.min(VALUE_COLOUR),
                    (y0 - y1).max(0.5),
                    esc(&tip)
                );
            }
            if let Some(labels) = &self.bar_labels {
                let _ = write!(
                    svg,
                    r#"<text class="value" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    x + bar / 2.0,
                    y(totals[i]) - 6.0,
                    esc(&labels[i])
                );
            }
        }

        // X labels: every k-th, as many as fit side by side with a gap.
        let widest = self
            .categories
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(1) as f64;
        let label_width = widest * CHAR_WIDTH * TICK_SIZE + TICK_SIZE;
        let fit = ((WIDTH - left - RIGHT) / label_width).floor().max(1.0) as usize;
        let every = n.div_ceil(fit);
        for (i, category) in self.categories.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            let _ = write!(
                svg,
                r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                left + band * (i as f64 + 0.5),
                HEIGHT - BOTTOM + 20.0,
                esc(category)
            );
        }
        svg.push_str("</svg>");
        svg
    }
}

/// How dates are grouped on a time axis: months for up to two years,
/// quarters for up to ten, years beyond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Month,
    Quarter,
    Year,
}

/// The consecutive periods between two dates, each with its label.
#[derive(Debug, Clone)]
pub struct TimeAxis {
    pub step: Step,
    first: (i16, i8),
    pub labels: Vec<String>,
}

/// Writes a period's label: the step, and (year, month or quarter).
pub type PeriodLabel<'a> = &'a dyn Fn(Step, i16, i8) -> String;

impl TimeAxis {
    /// Labels in English: "Jun 2023", "Q4 2020", "2001".
    #[cfg(test)]
    pub fn new(first: Date, last: Date) -> TimeAxis {
        Self::labelled(first, last, &|step, year, part| {
            Self::label(step, (year, part))
        })
    }

    pub fn labelled(first: Date, last: Date, label: PeriodLabel<'_>) -> TimeAxis {
        let months = |d: Date| i32::from(d.year()) * 12 + i32::from(d.month()) - 1;
        let span = months(last) - months(first) + 1;
        let step = if span <= 24 {
            Step::Month
        } else if span <= 120 {
            Step::Quarter
        } else {
            Step::Year
        };
        let start = Self::key_of(step, first);
        let end = Self::key_of(step, last);
        let mut labels = Vec::new();
        let mut key = start;
        while key <= end {
            labels.push(label(step, key.0, key.1));
            key = Self::next(step, key);
        }
        TimeAxis {
            step,
            first: start,
            labels,
        }
    }

    /// The (year, month or quarter) a date falls in.
    fn key_of(step: Step, date: Date) -> (i16, i8) {
        match step {
            Step::Month => (date.year(), date.month()),
            Step::Quarter => (date.year(), (date.month() - 1) / 3 + 1),
            Step::Year => (date.year(), 1),
        }
    }

    fn next(step: Step, (year, part): (i16, i8)) -> (i16, i8) {
        let parts = match step {
            Step::Month => 12,
            Step::Quarter => 4,
            Step::Year => 1,
        };
        if part >= parts {
            (year + 1, 1)
        } else {
            (year, part + 1)
        }
    }

    #[cfg(test)]
    fn label(step: Step, (year, part): (i16, i8)) -> String {
        match step {
            Step::Month => jiff::civil::Date::new(year, part, 1)
                .ok()
                .and_then(|d| jiff::fmt::strtime::format("%b %Y", d).ok())
                .unwrap_or_default(),
            Step::Quarter => format!("Q{part} {year}"),
            Step::Year => year.to_string(),
        }
    }

    /// The index of the period a date falls in.
    pub fn index(&self, date: Date) -> Option<usize> {
        let (year, part) = Self::key_of(self.step, date);
        let per_year = match self.step {
            Step::Month => 12,
            Step::Quarter => 4,
            Step::Year => 1,
        };
        let at =
            (i32::from(year) - i32::from(self.first.0)) * per_year + i32::from(part - self.first.1);
        usize::try_from(at).ok().filter(|&i| i < self.labels.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn axis_groups_by_month_quarter_or_year() {
        let months = TimeAxis::new(date(2023, 6, 26), date(2023, 11, 27));
        assert_eq!(months.labels.first().unwrap(), "Jun 2023");
        assert_eq!(months.labels.len(), 6);
        assert_eq!(months.index(date(2023, 11, 1)), Some(5));

        let quarters = TimeAxis::new(date(2020, 11, 5), date(2023, 11, 27));
        assert_eq!(quarters.labels.first().unwrap(), "Q4 2020");
        assert_eq!(quarters.labels.last().unwrap(), "Q4 2023");
        assert_eq!(quarters.index(date(2022, 10, 6)), Some(8));

        let years = TimeAxis::new(date(2001, 1, 1), date(2023, 1, 1));
        assert_eq!(years.labels.len(), 23);
        assert_eq!(years.index(date(2030, 1, 1)), None);
    }

    #[test]
    fn svg_has_title_desc_one_bar_per_value_and_escapes_text() {
        let chart = BarChart {
            id: "c1".into(),
            title: "Trade <&> turnover".into(),
            description: "Two periods".into(),
            categories: vec!["2019".into(), "2020".into()],
            series: vec![Series {
                name: "USD".into(),
                colour: 0,
                values: vec![390.6e6, 240.3e6],
            }],
            bar_labels: Some(vec!["$390.6 million".into(), "$240.3 million".into()]),
        };
        let view = chart.view(&Numbers::new("en"), "Value");
        let svg = &view.svg;
        assert!(svg.contains(r#"<title id="c1-title">Trade &lt;&amp;&gt; turnover</title>"#));
        assert!(svg.contains(r#"aria-labelledby="c1-title c1-desc""#));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("$390.6 million"));
        assert_eq!(view.table.rows[1], ["2020", "$240.3 million"]);
        assert!(view.legend.is_empty());
    }

    #[test]
    fn stacked_bars_scale_to_a_round_top_and_list_each_series() {
        let chart = BarChart {
            id: "a".into(),
            title: "Articles".into(),
            description: String::new(),
            categories: vec!["Q1".into(), "Q2".into(), "Q3".into()],
            series: vec![
                Series {
                    name: "trade".into(),
                    colour: 0,
                    values: vec![3.0, 0.0, 1.0],
                },
                Series {
                    name: "energy".into(),
                    colour: 1,
                    values: vec![4.0, 0.0, 0.0],
                },
            ],
            bar_labels: None,
        };
        assert_eq!(count_axis(7.0), (2.0, 8.0));
        assert_eq!(count_axis(1.0), (1.0, 1.0));
        assert_eq!(count_axis(33.0), (10.0, 40.0));
        let view = chart.view(&Numbers::new("en"), "Articles");
        assert_eq!(view.svg.matches("<rect").count(), 3);
        assert!(view.svg.contains(">8</text>"));
        assert!(!view.svg.contains(">0.5</text>"));
        assert_eq!(view.legend.len(), 2);
        // The empty quarter has no table row.
        assert_eq!(view.table.rows.len(), 2);
        assert_eq!(view.table.rows[0], ["Q1", "3", "4", "7"]);
    }

    #[test]
    fn x_labels_are_thinned_to_what_fits_side_by_side() {
        let months: Vec<String> = (0..24).map(|i| format!("Mon {}", 2019 + i / 12)).collect();
        let chart = BarChart {
            id: "t".into(),
            title: "t".into(),
            description: "d".into(),
            categories: months,
            series: vec![Series {
                name: "a".into(),
                colour: 0,
                values: vec![1.0; 24],
            }],
            bar_labels: None,
        };
        let svg = chart.svg(&Numbers::new("en"));
        // The x labels are the ticks below the plot.
        let xs: Vec<f64> = svg
            .split("<text class=\"tick\" x=\"")
            .skip(1)
            .filter(|t| t.contains("text-anchor=\"middle\""))
            .map(|t| t.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(xs.len() >= 3 && xs.len() < 24, "{xs:?}");
        let width = 8.0 * CHAR_WIDTH * TICK_SIZE;
        for pair in xs.windows(2) {
            assert!(pair[1] - pair[0] > width, "labels overlap: {xs:?}");
        }
    }
}
