//! Figures the money-and-units pattern does not see: numbers written in
//! words ("four Palestinians were killed", "one million rubles",
//! "half-a-trillion dollars"), counts of people and things ("48 apartments
//! were damaged", "235 Democrats", "eight others"), ranges in words
//! ("between 36 and 40 people") and physical quantities in units the
//! pattern lacks (miles, feet, metres, kilograms, gallons, mph).
//!
//! A number is a figure only when what follows says what it counts or
//! measures; years, dates, times, ages, ordinals, durations, identifiers
//! ("Flight 610") and the "the two" of a determiner are not figures.

use super::number::{Token, digits, number_at, tokens};
use super::words::{
    EVENT_VERBS_BEFORE, EVENT_WORDS, INDEX_MOVES, MEASURE_NOUNS, NOT_COUNTED, RESULT_NOUNS,
    RESULT_VERBS, TIME_NOUNS, TOLL_VERBS, currency_after, is_abstract, physical_unit,
};

/// Words before a number that make it not a figure: a determiner ("the two
/// sides"), a label of a thing ("Flight 610", "Article 5", "No. 3"), an age.
fn excluded_by_word_before(tokens: &[Token], i: usize, is_digits: bool) -> bool {
    let Some(before) = i.checked_sub(1).map(|k| tokens[k].text) else {
        return false;
    };
    let lower = before.to_lowercase();
    #[rustfmt::skip]
    const LABELS: &[&str] = &[
        "aged", "age", "ages", "no", "number", "nos", "#", "rank", "ranked", "top", "page",
        "article", "section", "chapter", "route", "flight", "model", "version", "level", "grade",
        "category", "vs", "v", "until", "till", "since", "per",
    ];
    if LABELS.contains(&lower.as_str()) {
        return true;
    }
    if !is_digits
        && [
            "the", "these", "those", "its", "his", "her", "their", "our", "both", "all", "each",
            "every", "which", "another", "other", "only", "last", "first", "next",
        ]
        .contains(&lower.as_str())
    {
        return true;
    }
    // Digits right after a number name the thing counted: "400 737 Max
    // jets".
    if is_digits && digits(before).is_some() {
        return true;
    }
    // A capitalised word right before digits names a thing: "Boeing 737",
    // "iPhone 11"; not before a unit ("placed Humberto 75 miles north").
    let unit_after = tokens
        .get(i + 1)
        .is_some_and(|t| physical_unit(t.text).is_some());
    is_digits
        && !unit_after
        && (before.chars().next().is_some_and(char::is_uppercase)
            || before.starts_with(|c: char| c.is_lowercase())
                && before.chars().skip(1).any(char::is_uppercase))
        && i >= 2
        && !matches!(
            lower.as_str(),
            "about" | "over" | "some" | "nearly" | "around" | "almost" | "only" | "just"
        )
}

/// The capitalised name before a verb: "the Dow Jones Industrial Average
/// .DJI fell" → "Dow Jones Industrial Average"; instrument codes (".DJI",
/// "CLc1") are passed over.
fn index_name(tokens: &[Token], verb: usize) -> String {
    let mut words = Vec::new();
    let before = &tokens[..verb];
    for (k, token) in before.iter().enumerate().rev() {
        let text = token.text;
        // "Dow Jones Industrial Average .DJI": Reuters writes the ticker after the name.
        let ticker = text.len() >= 2
            && text.chars().all(|c| c.is_ascii_uppercase())
            && k >= 1
            && before[k - 1].text == "."
            && k >= 2
            && before[k - 2]
                .text
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if text == "." && words.is_empty() {
            continue;
        }
        let code = ticker
            || text.chars().any(|c| c.is_ascii_digit()) && text.chars().any(char::is_alphabetic);
        if code && words.is_empty() {
            continue;
        }
        // "S&P 500", "FTSE 100": numbers and ampersands inside the name.
        let name = text.chars().next().is_some_and(char::is_uppercase)
            || text == "&"
            || text.chars().all(|c| c.is_ascii_digit());
        if !name || ["The", "A", "An"].contains(&text) {
            break;
        }
        words.push(text);
    }
    while words
        .last()
        .is_some_and(|w| !w.starts_with(char::is_uppercase))
    {
        words.pop();
    }
    words.reverse();
    words.join(" ").replace(" & ", "&")
}

/// A count, quantity or sum found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub label: String,
    pub start: usize,
    pub end: usize,
}

/// The unit of a count: "people" for words that count people (and for
/// capitalised plurals: "Palestinians", "Democrats"), else the noun.
fn count_unit(noun: &str) -> String {
    #[rustfmt::skip]
    const PEOPLE: &[&str] = &[
        "people", "persons", "civilians", "children", "men", "women", "soldiers", "troops",
        "servicemen", "militants", "protesters", "protestors", "migrants", "refugees", "workers",
        "employees", "fighters", "passengers", "residents", "survivors", "victims", "patients",
        "students", "teenagers", "girls", "boys", "adults", "infants", "babies", "police",
        "policemen", "officers", "firefighters", "rescuers", "volunteers", "pilgrims", "tourists",
        "voters", "members", "deaths", "casualties", "bodies", "crew", "personnel", "staff",
        "individuals", "inmates", "prisoners", "detainees", "hostages", "suspects", "citizens",
        "nationals", "journalists", "doctors", "nurses", "others", "gunmen", "delegates",
    ];
    let lower = noun.to_lowercase();
    if PEOPLE.contains(&lower.as_str()) || noun.chars().next().is_some_and(char::is_uppercase) {
        "people".to_string()
    } else {
        lower
    }
}

fn is_plural_noun(word: &str) -> bool {
    let lower = word.to_lowercase();
    const IRREGULAR: &[&str] = &[
        "people",
        "children",
        "men",
        "women",
        "police",
        "personnel",
        "staff",
        "crew",
        "cattle",
        "sheep",
        "fish",
        "aircraft",
        "youth",
        "livestock",
        "deer",
        "offspring",
        "troops",
    ];
    IRREGULAR.contains(&lower.as_str())
        || (lower.len() > 3
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && (!lower.ends_with("is") || crate::import::gazetteer::is_demonym_plural(word))
            && lower.chars().all(|c| c.is_alphabetic() || c == '-'))
}

/// Every count or quantity the money-and-units pattern leaves, outside the
/// byte ranges it already took.
pub fn counts_in(sentence: &str, taken: &[(usize, usize)]) -> Vec<Count> {
    let tokens = tokens(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let overlaps = |s: usize, e: usize| taken.iter().any(|&(a, b)| s < b && a < e);
        // "4.7-magnitude", "1000-megawatt", "12-mile": number and unit in one word.
        if let Some((number, unit)) = crate::import::text::split_at_hyphen(tokens[i].text)
            && let (Some(value), Some(unit)) = (digits(number), physical_unit(unit))
            && !overlaps(tokens[i].start, tokens[i].end)
        {
            // "a 15.6-inch screen", "an 8-meter telescope": the size of a
            // thing described, not a fact of the news.
            if matches!(unit, "in" | "cm" | "mm" | "ft" | "m") {
                i += 1;
                continue;
            }
            out.push(Count {
                value,
                value_max: None,
                unit: unit.to_string(),
                label: String::new(),
                start: tokens[i].start,
                end: tokens[i].end,
            });
            i += 1;
            continue;
        }
        let Some((mut value, next, is_digits)) = number_at(&tokens, i) else {
            i += 1;
            continue;
        };
        let start = tokens[i].start;
        if overlaps(start, tokens[next - 1].end) || excluded_by_word_before(&tokens, i, is_digits) {
            i = next;
            continue;
        }
        // "between 36 and 40", "36 to 40": a range.
        let mut value_max = None;
        let mut after = next;
        let ranged = (i >= 1
            && tokens[i - 1].text.eq_ignore_ascii_case("between")
            && tokens.get(next).is_some_and(|t| t.text == "and"))
            || tokens
                .get(next)
                .is_some_and(|t| t.text == "to" || t.text == "or");
        if ranged
            && let Some((max, n2, _)) = tokens
                .get(next + 1)
                .and_then(|_| number_at(&tokens, next + 1))
            && max > value
            && tokens
                .get(n2)
                .is_some_and(|t| is_plural_noun(t.text) || physical_unit(t.text).is_some())
        {
            // "two to three hundred vehicles": the near end takes the
            // scale written after the far one.
            let far_lead = digits(tokens[next + 1].text)
                .or_else(|| super::number::small_number(tokens[next + 1].text));
            let near_scaled = (next - i == 1)
                .then_some(far_lead)
                .flatten()
                .map(|lead| value * max / lead)
                .filter(|&scaled| scaled > value && scaled < max);
            value = near_scaled.unwrap_or(value);
            value_max = Some(max);
            after = n2;
        }
        let word_after = tokens.get(after).map(|t| t.text).unwrap_or("");
        let lower_after = word_after.to_lowercase();
        // Years, dates, times, ordinals and ages.
        let year_like = is_digits
            && value.fract() == 0.0
            && (1800.0..=2100.0).contains(&value)
            && !tokens[i].text.contains(',');
        if year_like
            || TIME_NOUNS.contains(&lower_after.as_str())
            || lower_after.ends_with("-year-old")
            || lower_after.starts_with("year")
            || super::super::header::month_number(word_after).is_some()
                && word_after.chars().next().is_some_and(char::is_uppercase)
            || i >= 1
                && super::super::header::month_number(tokens[i - 1].text).is_some()
                && tokens[i - 1]
                    .text
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            || word_after == ":" && is_digits
            || word_after == "%"
        {
            i = after;
            continue;
        }
        // "Three Amigos", "Six Flags", "Zero Gravity Seats": a number word
        // inside a name.
        let capitalised = |t: &Token| t.text.chars().next().is_some_and(char::is_uppercase);
        if !is_digits
            && capitalised(&tokens[i])
            && i >= 1
            && tokens.get(after).is_some_and(capitalised)
        {
            i = after;
            continue;
        }
        // "one" alone is a pronoun far more often than a count.
        if !is_digits && value == 1.0 {
            i = after;
            continue;
        }
        let end_of = |k: usize| tokens[k.min(tokens.len()) - 1].end;
        let mut found: Option<(String, String, usize)> = None;
        let per_hour = tokens.get(after + 1).is_some_and(|t| t.text == "per")
            && tokens.get(after + 2).is_some_and(|t| t.text == "hour");
        let us_currency = lower_after == "us"
            && tokens
                .get(after + 1)
                .and_then(|t| currency_after(t.text))
                .is_some();
        let percent = lower_after == "percent"
            || lower_after == "per"
                && tokens
                    .get(after + 1)
                    .is_some_and(|t| t.text.eq_ignore_ascii_case("cent"));
        if percent {
            // "three percent", "five per cent".
            let end = if lower_after == "per" {
                after + 2
            } else {
                after + 1
            };
            found = Some(("%".to_string(), String::new(), end));
        } else if lower_after == "points"
            && i >= 1
            && INDEX_MOVES.contains(&tokens[i - 1].text.to_lowercase().as_str())
        {
            // "the Dow fell 102.2 points": a market index's move, labelled
            // with the index's name.
            found = Some(("points".to_string(), index_name(&tokens, i - 1), after + 1));
        } else if let Some(code) = currency_after(word_after) {
            found = Some((code.to_string(), String::new(), after + 1));
        } else if us_currency {
            found = Some(("USD".to_string(), String::new(), after + 2));
        } else if per_hour && matches!(physical_unit(word_after), Some("mi" | "km")) {
            let unit = if physical_unit(word_after) == Some("mi") {
                "mph"
            } else {
                "km/h"
            };
            found = Some((unit.to_string(), String::new(), after + 3));
        } else if let Some(unit) = physical_unit(word_after)
            && (is_digits || word_after.len() > 2)
        {
            found = Some((unit.to_string(), String::new(), after + 1));
        } else {
            // Up to two modifiers, then the counted noun: "48 apartments",
            // "five teen girls", "35,000 war-damaged structures".
            let mut k = after;
            let mut skipped = 0;
            // "six of the House's committees", "all 25 of Nevada's
            // delegates", "two of Khan's victims": the partitive's noun.
            if tokens.get(k).is_some_and(|t| t.text == "of") {
                let mut m = k + 1;
                while m < k + 3
                    && tokens.get(m).is_some_and(|t| {
                        [
                            "the", "them", "those", "these", "its", "his", "her", "their", "our",
                        ]
                        .contains(&t.text)
                            || t.text.ends_with("'s")
                            || t.text.ends_with("’s")
                    })
                {
                    m += 1;
                }
                if m > k + 1 {
                    k = m;
                }
            }
            while let Some(t) = tokens.get(k) {
                if is_plural_noun(t.text) {
                    break;
                }
                // "400 737 Max jets": a model's number and name.
                let model = k == after
                    && digits(t.text).is_some()
                    && tokens.get(k + 1).is_some_and(capitalised);
                let modifier = model
                    || t.text.chars().all(|c| c.is_alphabetic() || c == '-')
                        && ![
                            "of", "and", "or", "in", "on", "at", "to", "for", "from", "were",
                            "was", "are", "is", "have", "had", "has", "who", "which", "that",
                            "with", "by",
                        ]
                        .contains(&t.text.to_lowercase().as_str());
                if !modifier || skipped == 2 {
                    break;
                }
                skipped += 1;
                k += 1;
            }
            // "36 Quai des Orfèvres", "27 Zogby Analytics": capitalised
            // words after the number and a capitalised noun are a name or
            // an address, not what is counted.
            let named = is_digits
                && k > after
                && tokens.get(k).is_some_and(capitalised)
                && tokens[after..k].iter().any(capitalised);
            if let Some(noun) = tokens.get(k).filter(|t| is_plural_noun(t.text) && !named) {
                let lower = noun.text.to_lowercase();
                let counted = !NOT_COUNTED.contains(&lower.as_str())
                    && !TIME_NOUNS.contains(&lower.as_str())
                    && physical_unit(noun.text).is_none();
                let event = tokens[k + 1..tokens.len().min(k + 5)]
                    .iter()
                    .chain(tokens[i.saturating_sub(4)..i].iter())
                    .find(|t| EVENT_WORDS.contains(&t.text) || EVENT_VERBS_BEFORE.contains(&t.text))
                    .map(|t| t.text);
                // A count is a key figure when it is large, counts what
                // measures an event (seats, votes, homes), people an event
                // struck, or three or more concrete things, places, groups
                // or acts ("three helicopters", "four shootings"), not
                // kin or ideas ("four sons", "three symbols").
                let people = count_unit(noun.text) == "people";
                let concrete =
                    !is_abstract(noun.text) && !crate::import::people::is_person_noun(noun.text);
                let measures = value >= 10.0
                    || MEASURE_NOUNS.contains(&lower.as_str())
                    || event.is_some()
                    || lower == "others"
                    || value >= 2.0 && people
                    || value >= 3.0 && concrete;
                if counted && measures {
                    let label = match event {
                        Some(verb) => format!("{lower} {verb}"),
                        None => lower.clone(),
                    };
                    found = Some((count_unit(noun.text), label, k + 1));
                }
            } else if let Some(verb) = i
                .checked_sub(1)
                .map(|k| tokens[k].text.to_lowercase())
                .filter(|w| TOLL_VERBS.contains(&w.as_str()))
            {
                // "kills three", "injuring sixteen more", "wounded 110".
                let label = if verb.starts_with("kill") {
                    "killed"
                } else if verb.starts_with("infect") {
                    "infected"
                } else if verb.starts_with("hospital") {
                    "hospitalised"
                } else {
                    "injured"
                };
                let end = if lower_after == "more" || lower_after == "others" {
                    after + 1
                } else {
                    after
                };
                found = Some(("people".to_string(), label.to_string(), end));
            } else if let Some(noun) = i
                .checked_sub(1)
                .filter(|&k| RESULT_VERBS.contains(&tokens[k].text.to_lowercase().as_str()))
                .and_then(|_| {
                    tokens
                        .iter()
                        .map(|t| t.text.to_lowercase())
                        .find(|t| RESULT_NOUNS.contains(&t.as_str()))
                })
            {
                // "McCarthy received 192", "Buttigieg with 14" (delegates).
                found = Some((noun.clone(), noun, after));
            } else if EVENT_WORDS.contains(&lower_after.as_str()) && lower_after != "confirmed" {
                found = Some(("people".to_string(), lower_after.clone(), after + 1));
            } else if ["were", "was", "are", "have", "had"].contains(&lower_after.as_str()) {
                // "twelve were killed", "three died".
                let event = tokens[after..tokens.len().min(after + 4)]
                    .iter()
                    .find(|t| EVENT_WORDS.contains(&t.text))
                    .map(|t| t.text);
                if let Some(verb) = event {
                    found = Some(("people".to_string(), verb.to_string(), after + 1));
                }
            }
        }
        if let Some((unit, label, end)) = found {
            // "Kobe Bryant and eight others": nine people, the one named
            // with them.
            let named_and_others = label.starts_with("others")
                && i >= 2
                && tokens[i - 1].text == "and"
                && capitalised(&tokens[i - 2])
                && tokens[i - 2].text.chars().all(char::is_alphabetic);
            let (value, value_max, start) = if named_and_others {
                (value + 1.0, value_max.map(|m| m + 1.0), tokens[i - 2].start)
            } else {
                (value, value_max, start)
            };
            out.push(Count {
                value,
                value_max,
                unit,
                label,
                start,
                end: end_of(end),
            });
            i = end;
        } else {
            i = after.max(i + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(sentence: &str) -> Vec<(f64, Option<f64>, String)> {
        counts_in(sentence, &[])
            .into_iter()
            .map(|c| (c.value, c.value_max, c.unit))
            .collect()
    }

    #[test]
    fn demonyms_ending_in_is_count_people_and_a_crisis_does_not() {
        assert_eq!(
            read("More than 600,000 Israelis live in settlements."),
            [(600000.0, None, "people".to_string())]
        );
        assert_eq!(
            read("Some 3,000 Pakistanis were evacuated."),
            [(3000.0, None, "people".to_string())]
        );
        assert!(read("It was the second of two crisis talks.").is_empty());
    }

    #[test]
    fn a_market_index_moves_in_points_and_a_score_does_not() {
        let found = counts_in(
            "The Dow Jones Industrial Average .DJI fell 102.2 points and the S&P 500 .SPX lost \
             1.85 points.",
            &[],
        );
        let read: Vec<(f64, &str, &str)> = found
            .iter()
            .map(|c| (c.value, c.unit.as_str(), c.label.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                (102.2, "points", "Dow Jones Industrial Average"),
                (1.85, "points", "S&P 500")
            ]
        );
        assert!(counts_in("He scored 30 points in the game.", &[]).is_empty());
        assert!(counts_in("Trump won Kentucky by 30 points.", &[]).is_empty());
    }

    #[test]
    fn numbers_in_words_and_digits() {
        assert_eq!(
            read("Four Palestinians were killed."),
            [(4.0, None, "people".into())]
        );
        assert_eq!(
            read("A payout of one million rubles."),
            [(1e6, None, "RUB".into())]
        );
        assert_eq!(
            read("It costs half-a-trillion dollars."),
            [(0.5e12, None, "USD".into())]
        );
        assert_eq!(
            read("48 apartments were damaged."),
            [(48.0, None, "apartments".into())]
        );
        assert_eq!(
            read("He won with 220 votes."),
            [(220.0, None, "votes".into())]
        );
        assert_eq!(
            read("Between 36 and 40 people are under the rubble."),
            [(36.0, Some(40.0), "people".into())]
        );
        assert_eq!(
            read("They walked eighteen kilometres away."),
            [(18.0, None, "km".into())]
        );
        assert_eq!(
            read("Around 35,000 war-damaged structures."),
            [(35000.0, None, "structures".into())]
        );
        assert!(read("The 15th summit of 10 signatories from eleven countries met.").is_empty());
    }

    #[test]
    fn years_ages_durations_and_identifiers_are_not_counts() {
        assert!(
            read("In 2019 the 45-year-old man spent three years and 20 days in Flight 610.")
                .is_empty()
        );
        assert!(read("The two sides met on March 3 at 10:30; one of them left.").is_empty());
        assert!(read("He was aged 45.").is_empty());
    }
}
