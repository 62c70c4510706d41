//! The role written before a name ("Iranian Foreign Minister Hossein
//! Amir-Abdollahian"), read back from the name to a clause boundary and
//! cleaned of what only sits beside it: the sentence's opening word ("As
//! President"), another person named before ("Senator Bernie Sanders and
//! President"), a plural that speaks of a group ("presidents Barack Obama
//! and Bill Clinton").

use super::lexicon::{is_given_name, is_role_word};
use super::words::Word;

/// Small words that may sit inside a role ("Minister of Economy of the Republic").
const ROLE_CONNECTORS: &[&str] = &["of", "for", "the", "to", "on", "and"];

/// Words capitalised only because a sentence or clause opens with them; they
/// never qualify a role ("As President", "Both President", "After President").
const CLAUSE_OPENERS: &[&str] = &[
    "a",
    "after",
    "also",
    "although",
    "an",
    "and",
    "as",
    "at",
    "before",
    "both",
    "but",
    "by",
    "during",
    "even",
    "for",
    "from",
    "here",
    "however",
    "if",
    "in",
    "later",
    "like",
    "meanwhile",
    "now",
    "on",
    "once",
    "or",
    "since",
    "so",
    "still",
    "the",
    "then",
    "there",
    "though",
    "to",
    "under",
    "until",
    "when",
    "where",
    "whereas",
    "while",
    "with",
    "yet",
];

/// The role given just before the word at `index`: the words back to a
/// clause boundary, kept only when they hold a role word.
pub(super) fn role_before(words: &[Word], index: usize) -> String {
    let start = role_start(words, index);
    let span: Vec<&str> = words[start..index].iter().map(|w| w.text).collect();
    clean_role(&span)
}

/// The role set off by commas beside a name: "Tomasz Kubiak, a fire
/// service spokesman, told", "Nancy Pelosi, the Speaker of the House,",
/// "The Vice President, Mike Pence, said". `start..end` is the name.
pub(super) fn role_apposed(words: &[Word], start: usize, end: usize) -> String {
    let closed = |w: &Word| w.comma_after || w.breaks_after;
    // Before: a role word and its comma, then the name closed by a comma
    // or the sentence's end.
    if start >= 1
        && words[start - 1].comma_after
        && is_role_word(words[start - 1].text)
        && (end == words.len() || closed(&words[end - 1]))
    {
        let from = role_start(words, start - 1);
        let span: Vec<&str> = words[from..start].iter().map(|w| w.text).collect();
        let role = clean_role(&span);
        if !role.is_empty() {
            return role;
        }
    }
    if end >= words.len() || !words[end - 1].comma_after {
        return String::new();
    }
    role_after(&words[end..])
}

/// The role opening `phrase`, the words after a name's comma, up to the
/// phrase's own comma or stop: "a fire service spokesman", "the Speaker of
/// the House". Nothing when no role word comes within four words.
fn role_after(phrase: &[Word]) -> String {
    let mut words: Vec<String> = Vec::new();
    for word in phrase.iter().take(10) {
        let lower = word.text.to_lowercase();
        if ["who", "which", "that", "whose", "said", "says", "told"].contains(&lower.as_str())
            || word.quoted
        {
            break;
        }
        words.push(if word.possessive {
            format!("{}’s", word.text)
        } else {
            word.text.to_string()
        });
        if word.breaks_after {
            break;
        }
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let determiner = words
        .first()
        .is_some_and(|w| ["a", "an", "the"].contains(&w.to_lowercase().as_str()));
    let words = &words[usize::from(determiner)..];
    let Some(first_role) = words.iter().take(4).position(|w| is_role_word(w)) else {
        return String::new();
    };
    // Without an article, only a title stands there ("Vice President",
    // "US Attorney"), not a clause ("was previously MV Professor").
    if !determiner && !words[..first_role].iter().all(|w| capital(w)) {
        return String::new();
    }
    // The office's place or body: "of the House", "for Foreign Affairs".
    // A capitalised word straight after the role word is the next person
    // of a list ("…, SpaceX co-founder Jim Cantrell, indigenous leader Doug
    // Good Feather"): then the commas list people, not roles.
    let mut last = first_role;
    let mut i = first_role + 1;
    let mut after_connector = false;
    while i < words.len() {
        let word = words[i].as_str();
        if is_role_word(word) {
            last = i;
        } else if capital(word) {
            if !after_connector {
                return String::new();
            }
            last = i;
        } else if ["of", "for", "the", "and"].contains(&word) {
            after_connector = true;
            i += 1;
            continue;
        } else {
            break;
        }
        after_connector = after_connector && !is_role_word(word);
        i += 1;
    }
    let role: Vec<&str> = words[..=last].iter().map(String::as_str).collect();
    if is_plural_role(role[role.len() - 1]) || role.len() > 8 {
        return String::new();
    }
    role.join(" ")
}

/// Where the role before `index` may begin: back to a clause boundary over
/// capitalised words, connectors and role words.
fn role_start(words: &[Word], index: usize) -> usize {
    let mut start = index;
    while start > 0 && index - start < 10 {
        let word = &words[start - 1];
        // The underscore of a credit line closes the role for the name
        // after it, not the role itself.
        let joint = start == index && word.role_joint;
        if word.breaks_after && !joint || word.quoted {
            break;
        }
        let lower = word.text.to_lowercase();
        let after_of = start >= 2 && ["of", "for"].contains(&words[start - 2].text);
        let fits = word.text.chars().next().is_some_and(char::is_uppercase)
            || ROLE_CONNECTORS.contains(&lower.as_str())
            || is_role_word(&lower)
            || after_of;
        if !fits || word.possessive && !is_role_word(&lower) && start < index {
            break;
        }
        start -= 1;
    }
    start
}

/// The role in the words before a name, or "" when they hold none.
fn clean_role(span: &[&str]) -> String {
    let span = after_other_person(span);
    let Some(first_role) = span.iter().position(|w| is_role_word(w)) else {
        return String::new();
    };
    // Capitalised words just before the role word qualify it ("Iranian
    // Foreign Minister"); leading connectors and clause openers do not.
    let mut from = first_role;
    while from > 0
        && span[from - 1]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        && !CLAUSE_OPENERS.contains(&span[from - 1].to_lowercase().as_str())
    {
        from -= 1;
    }
    let mut role: Vec<&str> = span[from..].to_vec();
    while role
        .last()
        .is_some_and(|w| ROLE_CONNECTORS.contains(&w.to_lowercase().as_str()))
    {
        role.pop();
    }
    // "presidents Barack Obama and Bill Clinton": a plural role is the
    // group's, not this person's.
    if role.last().is_some_and(|w| is_plural_role(w)) {
        return String::new();
    }
    role.join(" ")
}

/// The words after the last person named inside the span: "Senator Bernie
/// Sanders and President" → "President"; "Bernie Sanders-backed candidate"
/// → "candidate". A person is a role word, or a known given name, followed
/// by capitalised words that are not role words.
fn after_other_person<'s, 'w>(span: &'s [&'w str]) -> &'s [&'w str] {
    let capitalised_name = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !is_role_word(w)
            && !CLAUSE_OPENERS.contains(&w.to_lowercase().as_str())
    };
    let mut cut = 0;
    for i in 0..span.len() {
        let opens_name = is_given_name(span[i])
            && span
                .get(i + 1)
                .is_some_and(|next| capitalised_name(next.split('-').next().unwrap_or(next)));
        let after_role = i > 0 && is_role_word(span[i - 1]) && capitalised_name(span[i]);
        if !(opens_name || after_role) {
            continue;
        }
        // The name runs over capitalised words; a hyphenated end
        // ("Sanders-backed") closes it and what follows the hyphen is kept
        // only when it is part of a role.
        let mut end = i;
        while end < span.len() && capitalised_name(span[end]) && !span[end].contains('-') {
            end += 1;
        }
        let hyphen_end = span.get(end).is_some_and(|w| w.contains('-'));
        // A name needs two words, or one closed by "and" or a hyphen: a
        // single capitalised word after a role word is usually its place
        // or office ("Minister Foreign").
        let closed = end - i >= 2 || hyphen_end || span.get(end) == Some(&"and");
        if !closed || end == span.len() {
            continue;
        }
        let next = if hyphen_end { end + 1 } else { end };
        let next = if span.get(next) == Some(&"and") {
            next + 1
        } else {
            next
        };
        cut = cut.max(next.min(span.len()));
    }
    &span[cut..]
}

/// "presidents", "Senators", "ministers": a role word in the plural.
fn is_plural_role(word: &str) -> bool {
    let lower = word.to_lowercase();
    lower
        .strip_suffix('s')
        .is_some_and(|stem| !stem.ends_with('s') && is_role_word(stem))
}

/// The more specific of two roles: the one with more words, the first on a tie.
pub(super) fn better_role(current: &str, candidate: &str) -> bool {
    let words = |r: &str| r.split_whitespace().count();
    !candidate.is_empty()
        && (current.is_empty() || words(candidate) > words(current))
        && !(candidate.chars().all(|c| c.is_lowercase() || c == ' ') && candidate.ends_with('s'))
}

#[cfg(test)]
mod tests {
    use super::clean_role;

    fn role(words: &str) -> String {
        clean_role(&words.split_whitespace().collect::<Vec<_>>())
    }

    #[test]
    fn a_role_keeps_its_qualifiers_and_its_office() {
        assert_eq!(role("Iranian Foreign Minister"), "Iranian Foreign Minister");
        assert_eq!(
            role("Minister of Industry and Trade"),
            "Minister of Industry and Trade"
        );
        assert_eq!(role("the Prime Minister of"), "Prime Minister");
        assert_eq!(role("Former Vice President"), "Former Vice President");
    }

    #[test]
    fn the_word_that_opens_the_sentence_is_not_part_of_the_role() {
        assert_eq!(role("As President"), "President");
        assert_eq!(role("Both President"), "President");
        assert_eq!(role("After President"), "President");
        assert_eq!(role("And President"), "President");
    }

    #[test]
    fn another_person_named_before_is_cut_away() {
        assert_eq!(
            role("United States Senator Bernie Sanders and President"),
            "President"
        );
        assert_eq!(role("Bernie Sanders-backed candidate"), "candidate");
        assert_eq!(role("Senators Kamala Harris and"), "");
    }

    #[test]
    fn a_plural_role_belongs_to_the_group() {
        assert_eq!(role("presidents"), "");
        assert_eq!(role("Senators"), "");
        assert_eq!(role("President"), "President");
        assert_eq!(role("chairs"), "");
    }
}
