//! Raw article text: decoded, normalised and cut into paragraphs, with site
//! furniture dropped and sub-headings recognised.

use std::sync::LazyLock;

use regex::Regex;

/// Calls `f` with `word` in lower case, without allocating for the short
/// ASCII words these lists hold (the importer asks for every word).
pub fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; 32];
    if word.len() <= buffer.len() && word.is_ascii() {
        let bytes = &mut buffer[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        f(std::str::from_utf8(bytes).unwrap_or(""))
    } else {
        f(&word.to_lowercase())
    }
}

/// English's commonest words: in English prose about one word in four or
/// five is one of them, in other languages almost none.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "on", "was", "with", "as",
    "he", "she", "said", "by", "at", "from", "his", "her", "be", "are", "have", "this", "an",
    "not", "but", "has", "they", "which", "or", "its", "were", "their", "been", "will", "who",
    "had", "would", "also",
];

static FUNCTION_WORD_SET: std::sync::LazyLock<foldhash::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| ENGLISH_FUNCTION_WORDS.iter().copied().collect());

/// Whether `text` reads as English: at least one word in eight is one of
/// English's function words (English prose: 0.2-0.3; German, Portuguese,
/// Indonesian, Russian: under 0.1).
pub fn reads_as_english(text: &str) -> bool {
    let mut words = 0usize;
    let mut function = 0usize;
    // A sample is enough to tell the language: the first 2,000 words.
    for word in text.split_whitespace().take(2000) {
        words += 1;
        // Function words are short (five letters, with room for quotes and
        // punctuation round them): longer words need no lookup.
        if word.len() > 12 {
            continue;
        }
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.len() <= 5 && with_lower(word, |lower| FUNCTION_WORD_SET.contains(lower)) {
            function += 1;
        }
    }
    words == 0 || function * 8 >= words
}

/// Whether a line is written in Title Case ("Senate Passes Bill On Trade"):
/// most of its longer words capitalised.
pub fn is_title_case(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().count() > 3 && w.chars().all(char::is_alphabetic))
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 2 && capitalised * 2 > words.len()
}

/// Decodes raw bytes: UTF-8 when valid, else Windows-1252 (what text copied
/// from older news sites usually is). The flag says a fallback was used.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), false),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), true)
        }
    }
}

/// Line endings, non-breaking and odd spaces, control characters and runs of
/// spaces made plain; paragraphs stay separated by blank lines.
pub fn normalise(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        // Most lines are plain: printable ASCII with single spaces.
        let plain = line.bytes().all(|b| (b' '..=b'~').contains(&b))
            && !line.starts_with(' ')
            && !line.ends_with(' ')
            && !line.contains("  ");
        if plain {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut previous_space = true;
        for c in line.chars() {
            let c = match c {
                '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\t' => ' ',
                '\u{200b}' | '\u{feff}' => continue,
                c if c.is_control() => continue,
                c => c,
            };
            if c == ' ' {
                if !previous_space {
                    out.push(' ');
                }
                previous_space = true;
            } else {
                out.push(c);
                previous_space = false;
            }
        }
        while out.ends_with(' ') {
            out.pop();
        }
        out.push('\n');
    }
    out
}

/// Paragraphs: blocks separated by blank lines, each on one line.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|block| {
            block
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(also,? read(?-u:\b)|read also(?-u:\b)|read more(?-u:\b)|see also:|related:|share (this|on)(?-u:\b)|follow us(?-u:\b)|click here(?-u:\b)|subscribe(?-u:\b)|have an opinion on this story)",
    )
    .unwrap()
});

/// Site furniture: "Also Read: …", share prompts and the like.
pub fn is_furniture(paragraph: &str) -> bool {
    FURNITURE.is_match(paragraph)
}

/// "… Image: Andrew Gray.", "(Photo: AFP)", "Photo by Jane Doe": a picture's
/// credit at the end of a caption.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)\(?(?:Images?|Photos?|Pictures?|Photograph|Photo credit|Credit|Video)\s*(?::|by\s)\s*[^.()]{1,80}(?:\([^)]{0,40}\))?\)?\.?\s*$",
    )
    .unwrap()
});

/// A paragraph without its picture credit; `None` when nothing but the
/// credit and a short caption is left: the caption of a picture, not prose.
pub fn without_credit(paragraph: &str) -> Option<String> {
    // The credit's words, looked for first: the pattern has no literal
    // prefix for the regex engine to skip ahead with.
    let credited = ["Image", "Photo", "Picture", "Credit", "Video"]
        .iter()
        .any(|word| paragraph.contains(word));
    let Some(m) = credited.then(|| CREDIT.find(paragraph)).flatten() else {
        return Some(paragraph.to_string());
    };
    let caption = paragraph[..m.start()].trim();
    // A caption is a line or two; a long paragraph keeps its text.
    (caption.split_whitespace().count() > 25).then(|| caption.to_string())
}

/// A chart's legend or a list of swatches copied with the text: a line
/// that starts with block glyphs ("██ Conservative Party - 365 seats").
pub fn is_legend(paragraph: &str) -> bool {
    paragraph
        .trim_start()
        .starts_with(['█', '■', '▆', '▇', '▉', '▌', '◼', '⬛'])
}

/// Markup a wiki leaves in copied text: the speaker marks of interviews
/// ("((WN)) Given that…" → "WN: Given that…").
pub fn without_wiki_markup(paragraph: &str) -> String {
    static SPEAKER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\(\(([A-Z][A-Za-z]{0,9})\)\)\s*").unwrap());
    if paragraph.contains("((") {
        SPEAKER.replace_all(paragraph, "$1: ").into_owned()
    } else {
        paragraph.to_string()
    }
}

/// A short title-like line with no final punctuation reads as a sub-heading.
pub fn is_heading(paragraph: &str) -> bool {
    if paragraph.len() > 90 {
        return false;
    }
    let words = paragraph.split_whitespace().count();
    let first = paragraph.chars().next().unwrap_or(' ');
    let last = paragraph.chars().last().unwrap_or('.');
    // An interview's answer ("A: Trip to Disney World", "JG: …") and a
    // list of names or things are lines of text, however short.
    static SPEAKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z]{1,3}: ").unwrap());
    (1..=12).contains(&words)
        && paragraph.len() <= 90
        && first.is_uppercase()
        && !".:;,!?\"”'’)…".contains(last)
        && !SPEAKER.is_match(paragraph)
        && paragraph.matches(", ").count() < 3
}

/// Escapes what Markdown would read as markup, so raw text stays text: the
/// content file shows the article as written, and nothing in it becomes HTML.
pub fn escape_markdown(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len() + 8);
    // The marks are ASCII, so the text between them is copied whole.
    let mut copied = 0;
    for (at, byte) in paragraph.bytes().enumerate() {
        if matches!(
            byte,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'{' | b'}'
        ) {
            out.push_str(&paragraph[copied..at]);
            out.push('\\');
            copied = at;
        }
    }
    out.push_str(&paragraph[copied..]);
    // Line starts that Markdown reads as blocks: headings, lists, quotes, rules.
    static BLOCK_START: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(#|[-+=]|\d+[.)]\s)").unwrap());
    if let Some(m) = BLOCK_START.find(&out) {
        let text = m.as_str();
        let escaped = match text.find(['.', ')']) {
            Some(i) if text.starts_with(|c: char| c.is_ascii_digit()) => {
                format!("{}\\{}", &text[..i], &text[i..])
            }
            _ => format!("\\{text}"),
        };
        out.replace_range(..text.len(), &escaped);
    }
    out
}

/// `word` cut at its first hyphen. A plain byte loop: words are short, and
/// the general string searcher costs more to set up than the search.
pub fn split_at_hyphen(word: &str) -> Option<(&str, &str)> {
    let at = word.bytes().position(|b| b == b'-')?;
    Some((&word[..at], &word[at + 1..]))
}

/// An initial or initials, without the last period: "J", "J.J", "A.B".
pub fn is_initials(word: &str) -> bool {
    // Quickly not initials: a second letter before any period.
    if word.chars().nth(1).is_some_and(|c| c != '.') {
        return false;
    }
    word.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
}

/// Words whose final period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Sen", "Rep", "Lt", "Col", "Capt", "Gov", "Jan",
    "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Inc", "Ltd", "Co",
    "Corp", "vs", "e.g", "i.e", "U.S", "U.K", "U.N", "approx", "est",
];

/// The sentences of a paragraph, as slices of it: cut after `.`, `!` or `?`
/// (and any closing quote) before a space and a capital, a quote or a digit,
/// but not after an abbreviation or an initial.
pub fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = paragraph.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while let Some(c) = paragraph[end..].chars().next()
                && matches!(c, '"' | '”' | '’' | '\'' | ')')
            {
                end += c.len_utf8();
            }
            let next = paragraph[end..]
                .strip_prefix(' ')
                .and_then(|r| r.chars().next());
            let opens =
                next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘(".contains(c));
            let word = paragraph[start..i].rsplit([' ', '(']).next().unwrap_or("");
            let abbreviation =
                bytes[i] == b'.' && (ABBREVIATIONS.contains(&word) || is_initials(word));
            if opens && !abbreviation {
                out.push(paragraph[start..end].trim());
                start = end + 1;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < paragraph.len() && !paragraph[start..].trim().is_empty() {
        out.push(paragraph[start..].trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_is_told_from_a_sentence() {
        assert!(is_title_case("Senate Passes Bill On Trade With Iran"));
        assert!(!is_title_case(
            "Kristi Noem defends the state's new campaign"
        ));
    }

    #[test]
    fn english_prose_reads_as_english_and_other_languages_do_not() {
        assert!(reads_as_english(
            "The minister said on Monday that the two countries had agreed to build a pipeline."
        ));
        assert!(!reads_as_english(
            "Die Digitalisierung als Wachstums- und Entwicklungstreiber zeigt sich im Bereich der Gesundheitsversorgung."
        ));
        assert!(!reads_as_english(
            "Sebelum Islam pecah jadi Sunni dan Syiah zaman Khalifah Ali bin Abi Talib."
        ));
        assert!(!reads_as_english(
            "Наши герои знают толк не только во вкусе, но и в красоте еды."
        ));
    }

    #[test]
    fn windows_1252_is_decoded_with_a_flag() {
        let (text, fallback) = decode(b"Caf\xe9 \x93quoted\x94");
        assert_eq!(text, "Café “quoted”");
        assert!(fallback);
        let (text, fallback) = decode("\u{feff}Baku".as_bytes());
        assert_eq!((text.as_str(), fallback), ("Baku", false));
    }

    #[test]
    fn whitespace_and_line_endings_are_normalised() {
        let text = normalise("\u{feff} date\u{a0}2023-11-27  (MENAFN)\r\n\r\nSecond\tline  \r\n");
        assert_eq!(text, "date 2023-11-27 (MENAFN)\n\nSecond line\n\n");
        assert_eq!(
            paragraphs(&text),
            ["date 2023-11-27 (MENAFN)", "Second line"]
        );
    }

    #[test]
    fn furniture_and_headings_are_recognised() {
        assert!(is_furniture(
            "Also Read: Azerbaijan and Iran Engage in Diplomatic Dialogue"
        ));
        assert!(is_furniture(
            "Also, read: Azerbaijan will export gas to Europe"
        ));
        assert!(!is_furniture("Also, the ministers read a statement."));
        assert!(is_heading("Baku-Tehran realigns bilateral relations"));
        assert!(is_heading("Caspian Region"));
        assert!(!is_heading(
            "He spoke at the press conference in Tehran on November 27, saying that the relations are positive."
        ));
        assert!(!is_heading("\"Quoted words\""));
        assert!(!is_heading("A: Trip to Disney World"));
        assert!(!is_heading(
            "Bob Marley, Bruno Mars, Drake, The Eagles, Jay Z, Frank Sinatra"
        ));
    }

    #[test]
    fn sentences_end_at_stops_but_not_abbreviations_or_decimals() {
        assert_eq!(
            sentences(
                "Trade reached $2.403 billion. Mr. Smith met U.S. envoys in Baku! \"Yes.\" 1991 came. \
                 It was directed by J.J. Abrams."
            ),
            [
                "Trade reached $2.403 billion.",
                "Mr. Smith met U.S. envoys in Baku!",
                "\"Yes.\"",
                "1991 came.",
                "It was directed by J.J. Abrams."
            ]
        );
    }

    #[test]
    fn legends_and_wiki_markup_leave_the_text() {
        assert!(is_legend("██ Conservative Party - 365 seats"));
        assert!(!is_legend("The Conservative Party won 365 seats."));
        assert_eq!(
            without_wiki_markup("((WN))  Given that some key data is from 2004?"),
            "WN: Given that some key data is from 2004?"
        );
    }

    #[test]
    fn picture_credits_and_captions_are_dropped() {
        assert_eq!(
            without_credit("Protesters at the march. Image: Andrew Gray."),
            None
        );
        assert_eq!(
            without_credit("Children. Image: Garry Knight (flickr)."),
            None
        );
        assert_eq!(without_credit("The minister spoke (Photo: AFP)"), None);
        let long = "The minister spoke for an hour about the state of the economy, the budget, the \
                    currency, the trade with neighbours and the plans for next year's harvest. Photo by Jane Doe";
        assert!(without_credit(long).unwrap().ends_with("harvest."));
        let prose = "Images of the flood were shared widely.";
        assert_eq!(without_credit(prose).as_deref(), Some(prose));
    }

    #[test]
    fn markup_in_raw_text_is_escaped() {
        let escaped = escape_markdown("<script>alert(1)</script> [x](javascript:alert(1)) *a*");
        assert_eq!(
            escaped,
            "\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) \\*a\\*"
        );
        assert_eq!(escape_markdown("1991. The year"), "1991\\. The year");
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        let html = crate::content::markdown::render(&escaped, crate::content::RawHtml::Allow).html;
        assert!(!html.contains("<script") && !html.contains("<a "), "{html}");
    }
}
