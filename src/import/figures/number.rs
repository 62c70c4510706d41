//! Numbers as news text writes them: digits with thousands commas and
//! decimals, words ("twenty-five", "a hundred"), scales ("2.8 million",
//! "half-a-trillion"), read from a sentence cut into tokens.

/// A word of the sentence with its byte range.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Words and numbers, with punctuation other than inside numbers and words
/// ("1,000", "2.5", "war-damaged", "US$5") cut away; a comma, period,
/// colon or bracket is a token of its own.
pub fn tokens(sentence: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = sentence[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_alphanumeric() || c == '$' || c == '€' || c == '£' {
            let mut end = i + c.len_utf8();
            while end < bytes.len() {
                let d = sentence[end..].chars().next().unwrap();
                let joins = matches!(d, ',' | '.' | '-' | '\'' | '’' | '/')
                    && sentence[end + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| {
                            if d == ',' {
                                // "1,000" but not "1, 2" or "word,word".
                                n.is_ascii_digit()
                                    && sentence[start..end].ends_with(|p: char| p.is_ascii_digit())
                            } else {
                                n.is_alphanumeric()
                            }
                        });
                if d.is_alphanumeric() || joins {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Token {
                text: &sentence[start..end],
                start,
                end,
            });
            i = end;
        } else {
            i += c.len_utf8();
            out.push(Token {
                text: &sentence[start..i],
                start,
                end: i,
            });
        }
    }
    out
}

fn unit_word(word: &str) -> Option<u32> {
    Some(match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// "twenty-five" → 25, "ten" → 10.
pub(super) fn small_number(word: &str) -> Option<f64> {
    // "one" to "ninety-nine": three to thirteen letters, and a first
    // letter of z, o, t, f, s, e or n. Most words fail this at once.
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    if !(3..=13).contains(&word.len()) || !b"zotfsen".contains(&first) {
        return None;
    }
    crate::import::text::with_lower(word, small_number_lower)
}

fn small_number_lower(lower: &str) -> Option<f64> {
    if let Some(n) = unit_word(lower) {
        return Some(n as f64);
    }
    let (tens, units) = crate::import::text::split_at_hyphen(lower)?;
    let (tens, units) = (unit_word(tens)?, unit_word(units)?);
    (tens >= 20 && tens % 10 == 0 && units < 10).then_some((tens + units) as f64)
}

pub fn scale(word: &str) -> Option<f64> {
    crate::import::text::with_lower(word, scale_lower)
}

fn scale_lower(word: &str) -> Option<f64> {
    Some(match word {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        "million" | "mln" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// "1,000" → 1000, "2.5" → 2.5; not "1.2.3".
pub fn digits(word: &str) -> Option<f64> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !word.contains(',') {
        return word.parse().ok();
    }
    // Thousands groups of three digits only.
    let int = word.split('.').next().unwrap_or("");
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
        return None;
    }
    word.chars()
        .filter(|&c| c != ',')
        .collect::<String>()
        .parse()
        .ok()
}

/// The number that starts at token `i`, and the index after it: digits or
/// words, with a scale ("2.8 million", "one million", "half a million",
/// "half-a-trillion", "a hundred").
pub fn number_at(tokens: &[Token], i: usize) -> Option<(f64, usize, bool)> {
    let word = tokens[i].text;
    // Numbers begin with a digit or a letter; most words are quickly not one.
    if word.len() > 24 || !word.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    // Compared without a lowercased copy: this runs for every word.
    let is = |w: &str| word.eq_ignore_ascii_case(w);
    let (mut value, mut next, is_digits) = if let Some(v) = digits(word) {
        (v, i + 1, true)
    } else if let Some(v) = small_number(word) {
        (v, i + 1, false)
    } else if is("half-a-trillion") || is("half-a-billion") || is("half-a-million") {
        let scale_word = word.rsplit('-').next()?;
        return Some((0.5 * scale(scale_word)?, i + 1, false));
    } else if is("half") && tokens.get(i + 1).is_some_and(|t| t.text == "a") {
        let s = scale(tokens.get(i + 2)?.text)?;
        return Some((0.5 * s, i + 3, false));
    } else if is("a") || is("one") {
        // "a million", "a hundred".
        let s = scale(tokens.get(i + 1)?.text)?;
        return Some((s, i + 2, false)).filter(|_| s >= 100.0);
    } else {
        return None;
    };
    // "two hundred thousand", "1.5 million".
    while let Some(s) = tokens.get(next).and_then(|t| scale(t.text)) {
        value *= s;
        next += 1;
    }
    Some((value, next, is_digits))
}
