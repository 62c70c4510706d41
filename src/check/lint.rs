//! What an analyst should fix in the content before publishing: articles
//! without a date, countries or topics, figures without a unit, and
//! countries or topics the gazetteer and topic lexicon do not know.

use crate::config::SiteConfig;
use crate::content::{Article, front_matter};
use crate::error::{Location, Warning};
use crate::import::gazetteer::Gazetteer;
use crate::import::topics::Lexicon;

/// The content warnings of `articles`, in their order.
pub fn lint<A: AsRef<Article>>(articles: &[A], config: &SiteConfig) -> Vec<Warning> {
    let gazetteer = Gazetteer::new(&config.gazetteer);
    let lexicon = Lexicon::new(&config.topics);
    let mut warnings = Vec::new();
    for article in articles.iter().map(AsRef::as_ref) {
        let text = std::fs::read_to_string(&article.path).unwrap_or_default();
        let line_of = |key: &str| {
            front_matter::split(&text, &article.path)
                .ok()
                .and_then(|split| front_matter::key_location(&split, key))
                .or(Some(Location { line: 1, column: 1 }))
        };
        let mut warn = |key: &str, message: String| {
            warnings.push(Warning {
                path: article.path.clone(),
                location: line_of(key),
                message,
            })
        };
        let meta = &article.meta;
        if meta.date.is_none() {
            warn("date", "no `date`: the article is listed as undated".into());
        }
        if meta.countries.is_empty() {
            warn(
                "countries",
                "no `countries`: the article is in no country's dossier".into(),
            );
        }
        if meta.topics.is_empty() {
            warn(
                "topics",
                "no `topics`: the article is in no topic's dossier".into(),
            );
        }
        for country in &meta.countries {
            if gazetteer.canonical(country).is_none() {
                warn(
                    "countries",
                    format!("country `{country}` is not in the gazetteer (a misspelling?)"),
                );
            }
        }
        for topic in &meta.topics {
            if !lexicon.knows(topic) {
                warn(
                    "topics",
                    format!("topic `{topic}` is not in the topic lexicon (a misspelling?)"),
                );
            }
        }
        for (i, figure) in meta.figures.iter().enumerate() {
            if figure.unit.trim().is_empty() {
                warn(
                    "figures",
                    format!("figure {} ({}) has no `unit`", i + 1, figure.value),
                );
            }
        }
    }
    warnings
}
