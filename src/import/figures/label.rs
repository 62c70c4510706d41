//! What a figure measures: the words that govern its number, not a noun
//! named elsewhere in the sentence.

use super::MEASURE;

/// The last `bytes` (or fewer, on a character boundary) of `text`: what a
/// pattern anchored at the end needs to see.
pub(super) fn tail(text: &str, bytes: usize) -> &str {
    let mut from = text.len().saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

pub(super) fn measure_near(sentence: &str, start: usize, end: usize) -> String {
    let before = MEASURE.find_iter(&sentence[..start]).last();
    let after = || MEASURE.find(&sentence[end..]);
    let known = before
        .or_else(after)
        .map(|m| match m.as_str().to_lowercase().as_str() {
            "traded" => "trade".to_string(),
            other => other.to_string(),
        });
    known.unwrap_or_else(|| governing_words(sentence, start, end))
}

/// Words that stand between a number and what it measures without saying
/// what that is: qualifiers, prepositions, determiners and verbs of change.
#[rustfmt::skip]
const NOT_A_MEASURE: &[&str] = &[
    "a", "an", "the", "of", "by", "to", "at", "for", "from", "with", "in", "on", "about", "near",
    "more", "than", "less", "fewer", "up", "least", "over", "nearly", "almost", "around", "some",
    "roughly", "approximately", "estimated", "only", "just", "and", "or", "its", "their", "his",
    "her", "this", "that", "was", "were", "is", "are", "be", "been", "has", "have", "had", "will",
    "would", "could", "rose", "fell", "grew", "rise", "fall", "increased", "decreased", "reached",
    "stood", "totalled", "totaled", "climbed", "dropped", "jumped", "declined", "gained", "lost",
    "down", "cost", "costs", "worth", "valued", "paid", "pay", "spent", "raised", "which", "it",
    "per", "as", "much", "many", "another", "additional", "extra", "further", "some", "all",
    "between", "miles", "mile", "kilometers", "kilometres", "km", "mph", "kph", "feet", "foot",
    "meters", "metres", "tons", "tonnes", "inches", "points", "percent",
];

/// A number, as a word: "27,934.02", "$55.12", "(5%)"; not a code with
/// digits in it ("CLc1", "G20", "COVID-19"), which the scan passes over.
pub(super) fn is_number_word(word: &str) -> bool {
    word.trim_start_matches(['(', '$', '€', '£', '¥', '-', '+', '~'])
        .starts_with(|c: char| c.is_ascii_digit())
}

/// What a figure measures when no known measure word is near: the noun
/// after "of" ("50 gallons of diesel fuel"), else the nearest content word
/// before it in the same clause ("a payout of one million rubles",
/// "unemployment rose to 5%").
pub(super) fn governing_words(sentence: &str, start: usize, end: usize) -> String {
    let word_ok = |w: &str| {
        w.len() > 2
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !NOT_A_MEASURE.contains(&w.to_lowercase().as_str())
            && (!w.chars().next().is_some_and(char::is_uppercase)
                // A sentence's first word: "Reconstruction will cost …".
                || sentence.trim_start().starts_with(w) && crate::import::people::lexicon::is_everyday(w))
    };
    let after = &sentence[end..];
    if let Some(rest) = after.trim_start().strip_prefix("of ") {
        let words: Vec<&str> = rest
            .split(|c: char| c.is_whitespace())
            .take_while(|w| !w.is_empty())
            .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
            .filter(|w| !["the", "a", "an", "its", "their", "all"].contains(w))
            .take(2)
            .take_while(|w| word_ok(w))
            .collect();
        if !words.is_empty() {
            return words.join(" ").to_lowercase();
        }
    }
    // The clause the figure is in; when it opens that clause ("…, at
    // 25.7%", "it was 89%"), the clause before it.
    let mut clauses = sentence[..start].rsplit([',', ';', ':', '(', '"', '“', '—']);
    let clause = clauses.next().unwrap_or("");
    let in_clause = |clause: &str, past_numbers: bool| {
        clause
            .split_whitespace()
            .rev()
            .take(8)
            .take_while(|w| past_numbers || !is_number_word(w))
            .find(|w| word_ok(w))
            .map(str::to_string)
    };
    let before = in_clause(clause, false).or_else(|| {
        let words = clause.split_whitespace().count();
        // "closed at $185.25, up 0.35%": a change right after a figure is
        // the change of what that figure measures.
        let change = words == 1 && matches!(clause.trim(), "up" | "down");
        clauses
            .next()
            .filter(|_| words <= 3)
            .and_then(|previous| in_clause(previous, change))
    });
    let before = before.as_deref();
    // "85% were in favour", "a 2000 km long pipeline", "3 percent support".
    let after_words = || {
        after
            .split_whitespace()
            .take(5)
            .take_while(|w| !is_number_word(w))
            .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
            .find(|w| word_ok(w))
    };
    // "Biden polled at 49.0 percent": failing a noun, the name the figure
    // is of.
    let name_before = || {
        clause
            .split_whitespace()
            .rev()
            .take(8)
            .take_while(|w| !is_number_word(w))
            .map(|w| {
                w.trim_end_matches(['’', '\''])
                    .trim_end_matches("’s")
                    .trim_end_matches("'s")
            })
            .find(|w| {
                w.len() > 2
                    && w.chars().all(char::is_alphabetic)
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).any(char::is_lowercase)
                    && !crate::import::people::lexicon::is_everyday(w)
            })
            .map(str::to_string)
    };
    before
        .or_else(after_words)
        .map(str::to_lowercase)
        .or_else(name_before)
        .unwrap_or_default()
}
