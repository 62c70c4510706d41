//! Plain words for the YAML mistakes people make by hand. A YAML parser
//! notices an unclosed quote or bracket only where the text stops making
//! sense, a line or more later, and says so in its own terms ("invalid
//! indentation in multiline quoted scalar"). When parsing fails after such a
//! line, the error points at the line where the quote or bracket was opened
//! and says what is missing.

use crate::error::Location;

/// A quote or bracket opened on one line of the front matter and still open
/// at its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// 1-based line and column within the front matter.
    pub location: Location,
    /// `"`, `'`, `[` or `{`.
    pub opener: char,
}

impl Unclosed {
    /// The message, naming the line as the file numbers it.
    pub fn message(&self, file_line: usize) -> String {
        match self.opener {
            '[' => format!(
                "the list opened with `[` on line {file_line} is not closed; end it with `]`"
            ),
            '{' => format!(
                "the mapping opened with `{{` on line {file_line} is not closed; end it with `}}`"
            ),
            quote => format!(
                "the quoted string opened on line {file_line} is not closed; end it with \
                 {quote} on the same line"
            ),
        }
    }
}

/// The first quote or bracket a value opens and its line leaves open, if it
/// lies before `error_line` (the parser's own error line, 1-based within the
/// front matter): the mistake is there, not where the parser stopped.
pub fn unclosed_before(front_matter: &str, error_line: usize) -> Option<Unclosed> {
    // Where the error line starts: a value is "not closed" only if nothing
    // before that point closes it (YAML lets strings and lists run on).
    let end = front_matter
        .split_inclusive('\n')
        .take(error_line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let mut line_start = 0;
    for (index, line) in front_matter[..end].split_inclusive('\n').enumerate() {
        let this = line_start;
        line_start += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let Some(start) = value_start(line) else {
            continue;
        };
        if let Some(opener) = left_open(&front_matter[this + start..end]) {
            return Some(Unclosed {
                location: Location {
                    line: index + 1,
                    column: start + 1,
                },
                opener,
            });
        }
    }
    None
}

/// The byte offset where a line's value starts: after `key: `, or after the
/// `- ` of a list item. Comments and blank lines have none.
fn value_start(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let mut at = indent;
    while line[at..].starts_with("- ") {
        at += 2;
        at += line[at..].len() - line[at..].trim_start().len();
    }
    let rest = &line[at..];
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    // A value that itself starts with a quote or bracket (a list item).
    if rest.starts_with(['"', '\'', '[', '{']) {
        return Some(at);
    }
    let colon = rest.find(": ")?;
    let after = at + colon + 2;
    Some(after + (line[after..].len() - line[after..].trim_start().len()))
}

/// The quote or bracket `text` (a value and what follows it, up to the
/// error line) opens and never closes.
fn left_open(text: &str) -> Option<char> {
    let first = text.chars().next()?;
    match first {
        '"' => {
            let mut escaped = false;
            for c in text[1..].chars() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => return None,
                    _ => {}
                }
            }
            Some('"')
        }
        // In single quotes, '' is a quote; any other ' closes.
        '\'' => (!text[1..].replace("''", "").contains('\'')).then_some('\''),
        '[' | '{' => {
            let mut depth = 0usize;
            let mut quote: Option<char> = None;
            let mut comment = false;
            let mut previous = ' ';
            for c in text.chars() {
                match (quote, c) {
                    _ if comment => comment = c != '\n',
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '[' | '{') => depth += 1,
                    (None, ']' | '}') => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return None;
                        }
                    }
                    (None, '#') if previous.is_whitespace() => comment = true,
                    _ => {}
                }
                previous = c;
            }
            Some(first)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_found_on_its_own_line() {
        let text = "title: \"Gas deal\nsource: Trend\n";
        let found = unclosed_before(text, 2).unwrap();
        assert_eq!(found.location, Location { line: 1, column: 8 });
        assert_eq!(
            found.message(2),
            "the quoted string opened on line 2 is not closed; end it with \" on the same line"
        );
    }

    #[test]
    fn an_unclosed_list_is_found_on_its_own_line() {
        let text = "title: A\ncountries: [Iran, Russia\ntopics: [energy]\n";
        let found = unclosed_before(text, 3).unwrap();
        assert_eq!(
            found.location,
            Location {
                line: 2,
                column: 12
            }
        );
        assert_eq!(
            found.message(3),
            "the list opened with `[` on line 3 is not closed; end it with `]`"
        );
        let nested = "people:\n  - {name: A, role: \"x\"\n";
        assert!(unclosed_before(nested, 3).unwrap().opener == '{');
    }

    #[test]
    fn closed_quotes_brackets_and_escapes_are_not_mistakes() {
        for text in [
            "title: \"He said \\\"no\\\"\"\n",
            "title: 'It''s done'\n",
            "countries: [\"Iran\", \"Russia [sic]\"]\n",
            "summary: a \"quoted\" word\n",
            "url: https://example.org/a\n",
            "# title: \"commented\n",
        ] {
            assert_eq!(unclosed_before(text, 9), None, "{text}");
        }
    }

    #[test]
    fn strings_and_lists_that_run_on_and_close_are_not_blamed() {
        let text = "summary: \"a long\n  summary\"\ncountries: [Iran,\n  Russia]\nvalue: x\n";
        assert_eq!(unclosed_before(text, 5), None);
    }

    #[test]
    fn a_quote_left_open_after_the_error_line_is_not_blamed() {
        let text = "title: A\nbad: : :\nsource: \"x\n";
        assert_eq!(unclosed_before(text, 2), None);
    }
}
