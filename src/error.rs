//! Errors of the library: every one names the file, and the line where known,
//! in one format: `path:line:column: message`.

use std::fmt;
use std::path::PathBuf;

/// `text` safe to print on a terminal: control characters other than
/// newline and tab (ESC, BEL, NUL, …, which a content file may hold and a
/// message may quote) are shown escaped as `\x1b`, never sent as they are.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The line and column of byte `offset` in `text`.
    pub fn from_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..text.floor_char_boundary(offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            line,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// `path`, `path:line` or `path:line:column`, as compilers print them.
pub struct Place<'a> {
    pub path: &'a std::path::Path,
    pub location: Option<Location>,
}

/// A path as a message shows it: `content/a.md`, not `./content/a.md`, for
/// a site in the current folder.
pub fn shown(path: &std::path::Path) -> std::path::Display<'_> {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.display(),
        _ => path.display(),
    }
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", shown(self.path))?;
        if let Some(loc) = self.location {
            write!(f, ":{}:{}", loc.line, loc.column)?;
        }
        Ok(())
    }
}

/// Something a user should fix that does not stop the build, e.g. an
/// unknown front-matter key: `path:line:column: message`.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub path: PathBuf,
    pub location: Option<Location>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = Place {
            path: &self.path,
            location: self.location,
        };
        write!(f, "{place}: {}", self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{}: {source}", shown(path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: {message}", Place { path, location: *location })]
    Config {
        path: PathBuf,
        location: Option<Location>,
        message: String,
    },

    /// A content file whose front matter or text cannot be read. `excerpt` is
    /// the offending line, shown under the message.
    #[error("{}: {message}{}", Place { path, location: *location }, excerpt_suffix(*location, excerpt))]
    Content {
        path: PathBuf,
        location: Option<Location>,
        message: String,
        excerpt: Option<String>,
    },

    #[error(
        "two articles have the slug `{slug}`: {} and {}",
        shown(first),
        shown(second)
    )]
    DuplicateSlug {
        slug: String,
        first: PathBuf,
        second: PathBuf,
    },

    /// A template that does not compile or fails to render; Tera's report
    /// already names the template, line and column.
    #[error("template {name}: {report}")]
    Template { name: String, report: String },

    #[error("no country {name:?} in this briefing; its countries are: {known}")]
    UnknownCountry { name: String, known: String },

    /// Pagefind could not index the articles.
    #[error("search index: {0}")]
    Search(String),

    #[error("output {}: {message}", shown(path))]
    Output { path: PathBuf, message: String },

    /// Options that cannot go together, or a state file that cannot be read.
    #[error("{0}")]
    Usage(String),

    /// Several independent errors (e.g. one per broken content file), so a
    /// user fixes them all in one pass.
    #[error("{}", join_lines(.0))]
    Many(Vec<BuildError>),
}

fn excerpt_suffix(location: Option<Location>, excerpt: &Option<String>) -> String {
    match (location, excerpt) {
        (Some(loc), Some(line)) => format!("\n{:>5} | {line}", loc.line),
        _ => String::new(),
    }
}

fn join_lines(errors: &[BuildError]) -> String {
    errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\nerror: ")
}

impl BuildError {
    /// One error, or all of them together.
    pub fn from_many(mut errors: Vec<BuildError>) -> Option<BuildError> {
        match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(BuildError::Many(errors)),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        BuildError::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a\nbc\ndéf";
        assert_eq!(
            Location::from_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::from_offset(text, 3),
            Location { line: 2, column: 2 }
        );
        assert_eq!(
            Location::from_offset(text, 8),
            Location { line: 3, column: 3 }
        );
    }

    #[test]
    fn content_errors_show_place_and_offending_line() {
        let err = BuildError::Content {
            path: "content/a.md".into(),
            location: Some(Location { line: 3, column: 7 }),
            message: "invalid date".into(),
            excerpt: Some("date: 2023-02-30".into()),
        };
        assert_eq!(
            err.to_string(),
            "content/a.md:3:7: invalid date\n    3 | date: 2023-02-30"
        );
    }
}

#[cfg(test)]
mod printable_tests {
    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(
            super::printable("evil\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{0}ok\nnext\tcol"),
            "evil\\x1b]0;PWNED\\x07\\x1b[2J\\x00ok\nnext\tcol"
        );
        assert_eq!(super::printable("plain"), "plain");
    }
}
