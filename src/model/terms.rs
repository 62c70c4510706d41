//! Countries and topics: the articles filed under each name.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::Article;

use super::Term;

/// Groups articles by term slug. Names that slugify alike ("Iran", "iran")
/// are one term, shown by the first spelling met in reading order.
pub(super) fn index_terms(
    articles: &[Arc<Article>],
    about: impl Fn(&Article) -> &[String],
    mentioned: impl Fn(&Article) -> &[String],
) -> Vec<Term> {
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        for name in about(article) {
            if let Some(term) = term_entry(&mut terms, name)
                && term.articles.last() != Some(&i)
            {
                term.articles.push(i);
            }
        }
    }
    for (i, article) in articles.iter().enumerate() {
        for name in mentioned(article) {
            if let Some(term) = term_entry(&mut terms, name)
                && term.articles.binary_search(&i).is_err()
                && term.mentioned_in.last() != Some(&i)
            {
                term.mentioned_in.push(i);
            }
        }
    }
    terms
        .into_values()
        .filter(|t| !t.articles.is_empty())
        .collect()
}

fn term_entry<'t>(terms: &'t mut BTreeMap<String, Term>, name: &str) -> Option<&'t mut Term> {
    let slug = slug::slugify(name);
    if slug.is_empty() {
        return None;
    }
    Some(terms.entry(slug.clone()).or_insert_with(|| Term {
        name: name.trim().to_string(),
        slug,
        articles: Vec::new(),
        mentioned_in: Vec::new(),
        figures: Vec::new(),
    }))
}
