//! "Did you mean …?" for a mistyped key: the closest known name, when it is
//! close enough to be the one meant.

/// The candidate nearest to `word` by edit distance, if at most a third of
/// the word's letters (and at least one) differ: "titel" → "title",
/// "countires" → "countries", but nothing for "colour".
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn a_typo_finds_its_key_and_a_stranger_finds_none() {
        let keys = ["title", "subtitle", "countries", "topics"];
        assert_eq!(nearest("titel", keys), Some("title"));
        assert_eq!(nearest("countires", keys), Some("countries"));
        assert_eq!(nearest("colour", keys), None);
    }
}
