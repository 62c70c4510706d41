//! `briefing eval`: scores imported articles against labelled references —
//! the form of the seeds' `expected.toml` (every field of an article), or
//! hand labels of people and key figures in tab-separated form
//! ([`labels`]) — and prints precision and recall per field.

pub mod labels;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::front_matter::FrontMatter;
use crate::content::{self, Article};
use crate::error::BuildError;
use crate::import::people::fold;

#[derive(Debug, Deserialize)]
struct Reference {
    article: Vec<ReferenceArticle>,
}

/// What a careful analyst read out of one article.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReferenceArticle {
    file: String,
    date: Option<String>,
    date_hint: Option<String>,
    source: String,
    via: String,
    dateline: Vec<String>,
    countries: Vec<String>,
    mentions: Vec<String>,
    topics: Vec<String>,
    people: Vec<String>,
    aliases: BTreeMap<String, Vec<String>>,
    headings: Vec<String>,
    boilerplate: Vec<String>,
    figures: Vec<ReferenceFigure>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReferenceFigure {
    value: f64,
    value_max: Option<f64>,
    unit: String,
}

/// One field's score over all articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldScore {
    /// Articles where the field came out exactly as in the reference.
    pub articles_right: usize,
    pub articles: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl FieldScore {
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Scores one article's values against the reference's, matching items
    /// one to one with `same`.
    fn add<T, U>(
        &mut self,
        found: &[T],
        expected: &[U],
        same: impl Fn(&T, &U) -> bool,
    ) -> labels::Matching {
        let matching = labels::match_items(found, expected, same);
        self.articles += 1;
        if matching.extra.is_empty() && matching.missed.is_empty() {
            self.articles_right += 1;
        }
        self.true_positives += matching.matched.len();
        self.false_positives += matching.extra.len();
        self.false_negatives += matching.missed.len();
        matching
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// The scores of an import, field by field.
#[derive(Debug, Default)]
pub struct EvalReport {
    pub fields: BTreeMap<&'static str, FieldScore>,
    /// Each wrong item: `file: field: extra|missed …`, for `eval -v`.
    pub wrong: Vec<String>,
    /// Reference articles with no content file (by `source_file`).
    pub missing: Vec<String>,
}

impl EvalReport {
    pub fn field(&self, name: &str) -> FieldScore {
        self.fields.get(name).copied().unwrap_or_default()
    }
}

const FIELD_ORDER: [&str; 12] = [
    "date",
    "source",
    "via",
    "dateline",
    "countries",
    "mentions",
    "topics",
    "people",
    "people roles",
    "figures",
    "headings",
    "boilerplate removed",
];

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<20} {:>9} {:>6} {:>6} {:>6} {:>9} {:>7}",
            "field", "articles", "right", "extra", "missed", "precision", "recall"
        )?;
        for name in FIELD_ORDER {
            let Some(s) = self.fields.get(name) else {
                continue;
            };
            writeln!(
                f,
                "{:<20} {:>9} {:>6} {:>6} {:>6} {:>9.2} {:>7.2}",
                name,
                format!("{}/{}", s.articles_right, s.articles),
                s.true_positives,
                s.false_positives,
                s.false_negatives,
                s.precision(),
                s.recall()
            )?;
        }
        for file in &self.missing {
            writeln!(f, "missing: no content file has source_file {file:?}")?;
        }
        Ok(())
    }
}

/// Scores the content files in `content_dir` against each reference: an
/// `expected.toml` (matched by `source_file`) or a label file (`.tsv`,
/// matched by the raw file's name).
pub fn evaluate(references: &[PathBuf], content_dir: &Path) -> Result<EvalReport, BuildError> {
    let articles = content::load(
        content_dir,
        content::ReadOptions {
            include_drafts: true,
            ..content::ReadOptions::default()
        },
        &crate::progress::Progress::hidden(),
    )?
    .articles;
    let mut report = EvalReport::default();
    for reference in references {
        if reference.extension().is_some_and(|e| e == "tsv") {
            let labels = labels::read(reference)?;
            let by_file: BTreeMap<String, &FrontMatter> = articles
                .iter()
                .map(|a| (file_name(&a.meta.source_file), &a.meta))
                .collect();
            score_labels(&mut report, &labels, &by_file);
        } else {
            score_reference(&mut report, reference, &articles)?;
        }
    }
    Ok(report)
}

/// The last part of a path written with `/`: how label files name articles.
fn file_name(source_file: &str) -> String {
    source_file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .to_string()
}

fn score_reference(
    report: &mut EvalReport,
    reference: &Path,
    articles: &[Article],
) -> Result<(), BuildError> {
    let text = std::fs::read_to_string(reference).map_err(|e| BuildError::io(reference, e))?;
    let reference: Reference = toml::from_str(&text).map_err(|e| BuildError::Config {
        path: reference.to_path_buf(),
        location: e
            .span()
            .map(|s| crate::error::Location::from_offset(&text, s.start)),
        message: e.message().to_string(),
    })?;
    let by_source: BTreeMap<&str, &Article> = articles
        .iter()
        .map(|a| (a.meta.source_file.as_str(), a))
        .collect();
    for expected in &reference.article {
        let Some(article) = by_source.get(expected.file.as_str()) else {
            report.missing.push(expected.file.clone());
            continue;
        };
        score_article(report, article, expected);
    }
    Ok(())
}

/// Scores people or figures against a label file, article by article.
pub fn score_labels(
    report: &mut EvalReport,
    labels: &labels::LabelFile,
    by_file: &BTreeMap<String, &FrontMatter>,
) {
    match labels {
        labels::LabelFile::People(people) => {
            for (file, wanted) in people {
                let Some(meta) = by_file.get(file).copied() else {
                    report.missing.push(file.clone());
                    continue;
                };
                let m =
                    report
                        .fields
                        .entry("people")
                        .or_default()
                        .add(&meta.people, wanted, |p, l| {
                            labels::same_person(&p.name, &l.name)
                        });
                for &i in &m.extra {
                    let line = labels::describe_person(&meta.people[i]);
                    report.wrong.push(format!("{file}: people: extra {line}"));
                }
                for &j in &m.missed {
                    let label = &wanted[j];
                    report.wrong.push(format!(
                        "{file}: people: missed {} ({})",
                        label.name, label.role
                    ));
                }
                let roles = report.fields.entry("people roles").or_default();
                for &(i, j) in &m.matched {
                    let (found, label) = (&meta.people[i].role, &wanted[j].role);
                    if label.is_empty() && found.is_empty() {
                        continue;
                    }
                    let right = !label.is_empty() && labels::same_role(found, label);
                    roles.articles += 1;
                    roles.articles_right += usize::from(right);
                    roles.true_positives += usize::from(right);
                    roles.false_positives += usize::from(!right && !found.is_empty());
                    roles.false_negatives += usize::from(!right && !label.is_empty());
                    if !right {
                        report.wrong.push(format!(
                            "{file}: people roles: {} is {found:?}, labelled {label:?}",
                            wanted[j].name
                        ));
                    }
                }
            }
        }
        labels::LabelFile::Figures(figures) => {
            for (file, wanted) in figures {
                let Some(meta) = by_file.get(file).copied() else {
                    report.missing.push(file.clone());
                    continue;
                };
                let m = report.fields.entry("figures").or_default().add(
                    &meta.figures,
                    wanted,
                    labels::same_figure,
                );
                for &i in &m.extra {
                    let line = labels::describe_figure(&meta.figures[i]);
                    report.wrong.push(format!("{file}: figures: extra {line}"));
                }
                for &j in &m.missed {
                    let line = labels::describe_label_figure(&wanted[j]);
                    report.wrong.push(format!("{file}: figures: missed {line}"));
                }
            }
        }
    }
}

fn score_article(report: &mut EvalReport, article: &Article, expected: &ReferenceArticle) {
    let meta = &article.meta;
    let file = &expected.file;
    let mut wrong = Vec::new();
    let mut score = |name: &'static str, found: Vec<String>, want: Vec<String>| {
        let m = report
            .fields
            .entry(name)
            .or_default()
            .add(&found, &want, |a, b| a == b);
        for &i in &m.extra {
            wrong.push(format!("{file}: {name}: extra {}", found[i]));
        }
        for &j in &m.missed {
            wrong.push(format!("{file}: {name}: missed {}", want[j]));
        }
    };

    let found_date: Vec<String> = match (meta.date, meta.date_hint) {
        (Some(date), _) => vec![date.to_string()],
        (None, Some(hint)) => vec![format!("undated, hint {hint}")],
        (None, None) => vec!["undated".into()],
    };
    let expected_date: Vec<String> = match (&expected.date, &expected.date_hint) {
        (Some(date), _) => vec![date.clone()],
        (None, Some(hint)) => vec![format!("undated, hint {hint}")],
        (None, None) => vec!["undated".into()],
    };
    score("date", found_date, expected_date);
    let nonempty = |s: &str| -> Vec<String> {
        if s.is_empty() {
            vec![]
        } else {
            vec![s.to_string()]
        }
    };
    score("source", nonempty(&meta.source), nonempty(&expected.source));
    score("via", nonempty(&meta.via), nonempty(&expected.via));
    for (name, found, want) in [
        ("dateline", &meta.dateline, &expected.dateline),
        ("countries", &meta.countries, &expected.countries),
        ("mentions", &meta.mentions, &expected.mentions),
        ("topics", &meta.topics, &expected.topics),
    ] {
        score(name, found.clone(), want.clone());
    }
    let headings: Vec<String> = article.headings.iter().map(|h| h.text.clone()).collect();
    score("headings", headings, expected.headings.clone());
    report.wrong.append(&mut wrong);

    // A person matches the reference's name or any spelling it lists,
    // compared letters only ("Amir-Abdollahian" = "Amir Abdollahian").
    let spellings: Vec<Vec<String>> = expected
        .people
        .iter()
        .map(|name| {
            let mut all = vec![fold(name)];
            if let Some(aliases) = expected.aliases.get(name) {
                all.extend(aliases.iter().map(|a| fold(a)));
            }
            all
        })
        .collect();
    let people: Vec<String> = meta.people.iter().map(|p| fold(&p.name)).collect();
    let m = report
        .fields
        .entry("people")
        .or_default()
        .add(&people, &spellings, |a, b| b.contains(a));
    for &i in &m.extra {
        report
            .wrong
            .push(format!("{file}: people: extra {}", meta.people[i].name));
    }
    for &j in &m.missed {
        report
            .wrong
            .push(format!("{file}: people: missed {}", expected.people[j]));
    }

    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    let m = report.fields.entry("figures").or_default().add(
        &meta.figures,
        &expected.figures,
        |f, r| {
            f.unit == r.unit
                && close(f.value, r.value)
                && match (f.value_max, r.value_max) {
                    (Some(a), Some(b)) => close(a, b),
                    (None, None) => true,
                    _ => false,
                }
        },
    );
    for &i in &m.extra {
        let line = labels::describe_figure(&meta.figures[i]);
        report.wrong.push(format!("{file}: figures: extra {line}"));
    }
    for &j in &m.missed {
        let r = &expected.figures[j];
        report
            .wrong
            .push(format!("{file}: figures: missed {} {}", r.value, r.unit));
    }
    let kept: Vec<&String> = expected
        .boilerplate
        .iter()
        .filter(|line| article.body_html.contains(line.as_str()))
        .collect();
    for line in &kept {
        report
            .wrong
            .push(format!("{file}: boilerplate removed: kept {line:?}"));
    }
    let s = report.fields.entry("boilerplate removed").or_default();
    s.articles += 1;
    s.articles_right += usize::from(kept.is_empty());
    s.true_positives += expected.boilerplate.len() - kept.len();
    s.false_negatives += kept.len();
}
