//! `briefing eval`: scores imported articles against a labelled reference
//! (the form of the seeds' `expected.toml`): precision and recall per field.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;

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
    fn add<T, U>(&mut self, found: &[T], expected: &[U], same: impl Fn(&T, &U) -> bool) {
        let mut used = vec![false; found.len()];
        let mut hits = 0;
        for want in expected {
            if let Some(i) = (0..found.len()).find(|&i| !used[i] && same(&found[i], want)) {
                used[i] = true;
                hits += 1;
            }
        }
        self.articles += 1;
        if hits == expected.len() && hits == found.len() {
            self.articles_right += 1;
        }
        self.true_positives += hits;
        self.false_positives += found.len() - hits;
        self.false_negatives += expected.len() - hits;
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
    /// Reference articles with no content file (by `source_file`).
    pub missing: Vec<String>,
}

impl EvalReport {
    pub fn field(&self, name: &str) -> FieldScore {
        self.fields.get(name).copied().unwrap_or_default()
    }
}

const FIELD_ORDER: [&str; 11] = [
    "date",
    "source",
    "via",
    "dateline",
    "countries",
    "mentions",
    "topics",
    "people",
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

/// Scores the content files in `content_dir` against the reference file.
pub fn evaluate(reference: &Path, content_dir: &Path) -> Result<EvalReport, BuildError> {
    let text = std::fs::read_to_string(reference).map_err(|e| BuildError::io(reference, e))?;
    let reference: Reference = toml::from_str(&text).map_err(|e| BuildError::Config {
        path: reference.to_path_buf(),
        location: e
            .span()
            .map(|s| crate::error::Location::from_offset(&text, s.start)),
        message: e.message().to_string(),
    })?;
    let articles = content::load(
        content_dir,
        content::ReadOptions {
            include_drafts: true,
            ..content::ReadOptions::default()
        },
        &crate::progress::Progress::hidden(),
    )?
    .articles;
    let by_source: BTreeMap<&str, &Article> = articles
        .iter()
        .map(|a| (a.meta.source_file.as_str(), a))
        .collect();

    let mut report = EvalReport::default();
    for expected in &reference.article {
        let Some(article) = by_source.get(expected.file.as_str()) else {
            report.missing.push(expected.file.clone());
            continue;
        };
        score_article(&mut report, article, expected);
    }
    Ok(report)
}

fn score_article(report: &mut EvalReport, article: &Article, expected: &ReferenceArticle) {
    let meta = &article.meta;
    let mut score = |name: &'static str, f: &mut dyn FnMut(&mut FieldScore)| {
        f(report.fields.entry(name).or_default());
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
    score("date", &mut |s| {
        s.add(&found_date, &expected_date, |a, b| a == b)
    });
    let nonempty = |s: &str| -> Vec<String> {
        if s.is_empty() {
            vec![]
        } else {
            vec![s.to_string()]
        }
    };
    score("source", &mut |s| {
        s.add(
            &nonempty(&meta.source),
            &nonempty(&expected.source),
            |a, b| a == b,
        )
    });
    score("via", &mut |s| {
        s.add(&nonempty(&meta.via), &nonempty(&expected.via), |a, b| {
            a == b
        })
    });
    for (name, found, want) in [
        ("dateline", &meta.dateline, &expected.dateline),
        ("countries", &meta.countries, &expected.countries),
        ("mentions", &meta.mentions, &expected.mentions),
        ("topics", &meta.topics, &expected.topics),
    ] {
        score(name, &mut |s| s.add(found, want, |a, b| a == b));
    }

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
    score("people", &mut |s| {
        s.add(&people, &spellings, |a, b| b.contains(a))
    });

    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    score("figures", &mut |s| {
        s.add(&meta.figures, &expected.figures, |f, r| {
            f.unit == r.unit
                && close(f.value, r.value)
                && match (f.value_max, r.value_max) {
                    (Some(a), Some(b)) => close(a, b),
                    (None, None) => true,
                    _ => false,
                }
        })
    });
    let headings: Vec<&str> = article.headings.iter().map(|h| h.text.as_str()).collect();
    score("headings", &mut |s| {
        s.add(&headings, &expected.headings, |a, b| a == b)
    });
    let kept: Vec<&String> = expected
        .boilerplate
        .iter()
        .filter(|line| article.body_html.contains(line.as_str()))
        .collect();
    score("boilerplate removed", &mut |s| {
        s.articles += 1;
        s.articles_right += usize::from(kept.is_empty());
        s.true_positives += expected.boilerplate.len() - kept.len();
        s.false_negatives += kept.len();
    });
}
