//! Front matter: the block between `---` lines (YAML) or `+++` lines (TOML)
//! at the top of a content file, read into a typed [`FrontMatter`].

use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};

use super::field_types::{draft, one_or_many, optional_date, optional_value_max, reviewed, value};
use crate::error::{BuildError, Location, Warning};

/// The keys of front matter, for "did you mean" (a test keeps it whole).
pub const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "date",
    "date_hint",
    "source",
    "via",
    "url",
    "dateline",
    "countries",
    "mentions",
    "topics",
    "people",
    "figures",
    "summary",
    "draft",
    "reviewed",
    "source_file",
    "slug",
    "authors",
    "updated",
    "language",
    "also_in",
];

/// What an article says about itself. Every field may be absent.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: String,
    /// Publication date. Absent when the text gives none: never invented.
    #[serde(
        deserialize_with = "optional_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<Date>,
    /// For an undated article, the latest full date its text mentions.
    #[serde(
        deserialize_with = "optional_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_hint: Option<Date>,
    /// The outlet that wrote the article.
    pub source: String,
    /// The syndicator it came through (e.g. MENAFN).
    pub via: String,
    pub url: String,
    /// Places the article is filed from.
    #[serde(deserialize_with = "one_or_many")]
    pub dateline: Vec<String>,
    /// Countries the article is about, most central first.
    pub countries: Vec<String>,
    /// Countries named in passing.
    pub mentions: Vec<String>,
    pub topics: Vec<String>,
    pub people: Vec<Person>,
    pub figures: Vec<KeyFigure>,
    pub summary: String,
    #[serde(deserialize_with = "draft")]
    pub draft: bool,
    /// An analyst has checked this record against the article
    /// (`reviewed: true`); the briefing's method note counts them.
    #[serde(deserialize_with = "reviewed")]
    pub reviewed: bool,
    /// The raw article this file was imported from, relative to the articles folder.
    pub source_file: String,
    /// Overrides the slug taken from the file name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Who wrote it, as the page names them.
    #[serde(deserialize_with = "one_or_many")]
    pub authors: Vec<String>,
    /// When the outlet last changed it, where the page says.
    #[serde(
        deserialize_with = "optional_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated: Option<Date>,
    /// The article's language (ISO 639-1, `en`), where the page states it.
    pub language: String,
    /// The same story from other outlets, kept once (import's duplicates).
    pub also_in: Vec<AlsoIn>,
}

/// Another outlet that ran the same story.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct AlsoIn {
    pub source: String,
    pub url: String,
}

impl FrontMatter {
    /// Removes NUL characters an escape in the front matter made
    /// (`"\0"`, `"\u0000"`): no output may carry one.
    pub fn remove_nul(&mut self) {
        fn clean(s: &mut String) {
            if s.contains('\0') {
                s.retain(|c| c != '\0');
            }
        }
        for s in [
            &mut self.title,
            &mut self.source,
            &mut self.via,
            &mut self.url,
            &mut self.summary,
            &mut self.source_file,
            &mut self.language,
        ] {
            clean(s);
        }
        if let Some(slug) = &mut self.slug {
            clean(slug);
        }
        for list in [
            &mut self.dateline,
            &mut self.countries,
            &mut self.mentions,
            &mut self.topics,
            &mut self.authors,
        ] {
            list.iter_mut().for_each(clean);
        }
        for other in &mut self.also_in {
            clean(&mut other.source);
            clean(&mut other.url);
        }
        for person in &mut self.people {
            clean(&mut person.name);
            clean(&mut person.role);
        }
        for figure in &mut self.figures {
            for s in [
                &mut figure.unit,
                &mut figure.label,
                &mut figure.text,
                &mut figure.sentence,
                &mut figure.period,
                &mut figure.qualifier,
            ] {
                clean(s);
            }
            figure.countries.iter_mut().for_each(clean);
        }
    }
}

/// A person named in an article: a bare name, or a name with the role the text gives.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub role: String,
}

impl<'de> Deserialize<'de> for Person {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Name(String),
            Full {
                name: String,
                #[serde(default)]
                role: String,
            },
        }
        Ok(match Repr::deserialize(deserializer)? {
            Repr::Name(name) => Person {
                name,
                role: String::new(),
            },
            Repr::Full { name, role } => Person { name, role },
        })
    }
}

/// A number an analyst would put in a key-figures table, with where it came from.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct KeyFigure {
    #[serde(deserialize_with = "value")]
    pub value: f64,
    /// Upper bound of a range ("1.5 to 2 billion cubic metres").
    #[serde(
        deserialize_with = "optional_value_max",
        skip_serializing_if = "Option::is_none"
    )]
    pub value_max: Option<f64>,
    /// Normalised unit: an ISO currency code, "t", "%", "m3/year", "people", …
    pub unit: String,
    /// What the figure measures.
    pub label: String,
    /// The words as written in the article ("approximately $334 million").
    pub text: String,
    /// The sentence the figure came from.
    pub sentence: String,
    /// The period it covers, where the sentence states one.
    pub period: String,
    /// "more than", "approximately", … as written before the number.
    pub qualifier: String,
    /// Countries named in the figure's sentence.
    pub countries: Vec<String>,
}

/// A content file cut into its front matter and Markdown body.
#[derive(Debug)]
pub struct SplitFile<'a> {
    pub front_matter: &'a str,
    pub format: Format,
    /// 1-based line of the file where the front matter text starts.
    pub first_line: usize,
    pub body: &'a str,
}

impl SplitFile<'_> {
    /// Line `line` of the file, if it lies in the front matter.
    pub fn line(&self, line: usize) -> Option<String> {
        self.front_matter
            .lines()
            .nth(line.checked_sub(self.first_line)?)
            .map(|s| s.trim_end().to_string())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    /// No front matter at all.
    None,
}

/// Cuts `text` at its front matter fences. A file with no opening fence is
/// all body; an opening fence without a closing one is an error.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<SplitFile<'a>, BuildError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (fence, format) = if text.starts_with("---") {
        ("---", Format::Yaml)
    } else if text.starts_with("+++") {
        ("+++", Format::Toml)
    } else {
        return Ok(SplitFile {
            front_matter: "",
            format: Format::None,
            first_line: 1,
            body: text,
        });
    };
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != fence {
        return Ok(SplitFile {
            front_matter: "",
            format: Format::None,
            first_line: 1,
            body: text,
        });
    }
    let rest = &text[first_line_end..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Ok(SplitFile {
                front_matter: &rest[..offset],
                format,
                first_line: 2,
                body: &rest[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(BuildError::Content {
        path: path.to_path_buf(),
        location: Some(Location { line: 1, column: 1 }),
        message: format!("front matter opened with `{fence}` is never closed"),
        excerpt: Some(fence.to_string()),
    })
}

/// Parses the front matter of a split file, with errors pointing at the
/// file's own line numbers. Keys briefing does not know are not errors (a
/// team may keep notes of its own there) but each one is a warning, so a
/// misspelt `countires:` does not go unnoticed.
pub fn parse(
    split: &SplitFile<'_>,
    path: &Path,
    warnings: &mut Vec<Warning>,
) -> Result<FrontMatter, BuildError> {
    let mut unknown = Vec::new();
    let note = |key: serde_ignored::Path<'_>| unknown.push(key.to_string());
    let parsed: Result<FrontMatter, (String, Option<Location>)> = match split.format {
        Format::None => return Ok(FrontMatter::default()),
        Format::Yaml if split.front_matter.trim().is_empty() => return Ok(FrontMatter::default()),
        Format::Yaml => match serde_saphyr::with_deserializer_from_str(split.front_matter, |de| {
            serde_ignored::deserialize(de, note)
        }) {
            Ok(front) => Ok(front),
            Err(e) => {
                let location = e.location().filter(|l| l.line() > 0).map(|l| Location {
                    line: l.line() as usize,
                    column: l.column().max(1) as usize,
                });
                let error_line = location.map_or(usize::MAX, |l| l.line);
                match super::yaml_hints::unclosed_before(split.front_matter, error_line) {
                    Some(unclosed) => Err((
                        unclosed.message(unclosed.location.line + split.first_line - 1),
                        Some(unclosed.location),
                    )),
                    None => Err((yaml_message(&e), location)),
                }
            }
        },
        // TOML has no node budget of its own, as the YAML reader has: a few
        // megabytes of `[1,1,1,…]` would become millions of values first.
        Format::Toml if toml_values_at_most(split.front_matter) > MAX_FRONT_MATTER_VALUES => Err((
            format!(
                "more than {MAX_FRONT_MATTER_VALUES} values; front matter describes an \
                 article, it is not a place for data"
            ),
            None,
        )),
        Format::Toml => toml::Deserializer::parse(split.front_matter)
            .and_then(|de| serde_ignored::deserialize(de, note))
            .map_err(|e| {
                let location = e
                    .span()
                    .map(|s| Location::from_offset(split.front_matter, s.start));
                (e.message().trim().to_string(), location)
            }),
    };
    let (message, location) = match parsed {
        Ok(front) => {
            warnings.extend(unknown.into_iter().map(|key| Warning {
                path: path.to_path_buf(),
                location: key_location(split, &key),
                message: match crate::suggest::nearest(&key, FRONT_MATTER_KEYS.iter().copied()) {
                    Some(near) => format!(
                        "unknown front-matter key `{key}` is ignored; did you mean `{near}`?"
                    ),
                    None => format!("unknown front-matter key `{key}` is ignored"),
                },
            }));
            return Ok(front);
        }
        Err(failure) => failure,
    };
    let location = location.map(|l| Location {
        line: l.line + split.first_line - 1,
        ..l
    });
    let excerpt = location.and_then(|l| split.line(l.line));
    Err(BuildError::Content {
        path: path.to_path_buf(),
        location,
        message: format!("front matter: {message}"),
        excerpt,
    })
}

/// The most values front matter may hold, in TOML as in YAML (whose reader
/// has the same budget).
const MAX_FRONT_MATTER_VALUES: usize = 250_000;

/// An upper bound on the values a TOML text holds: every value follows an
/// `=`, a `,` or an opening bracket.
fn toml_values_at_most(text: &str) -> usize {
    text.bytes()
        .filter(|b| matches!(b, b'=' | b',' | b'[' | b'{'))
        .count()
}

/// The file line where a top-level front-matter `key` (or the first part of
/// a dotted path such as `figures.0.unit`) is written, when it is.
pub fn key_location(split: &SplitFile<'_>, key: &str) -> Option<Location> {
    let top = key.split('.').next().unwrap_or(key);
    split
        .front_matter
        .lines()
        .position(|line| {
            let rest = line
                .strip_prefix(top)
                .or_else(|| line.strip_prefix(&format!("\"{top}\"")));
            rest.is_some_and(|r| {
                let r = r.trim_start();
                r.starts_with(':') || r.starts_with('=')
            })
        })
        .map(|i| Location {
            line: i + split.first_line,
            column: 1,
        })
}

/// saphyr's message without its own position and snippet: we print ours.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.without_snippet().to_string();
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<FrontMatter, BuildError> {
        let path = Path::new("content/a.md");
        parse(&split(text, path)?, path, &mut Vec::new())
    }

    fn warnings_of(text: &str) -> Vec<String> {
        let path = Path::new("content/a.md");
        let mut warnings = Vec::new();
        parse(&split(text, path).unwrap(), path, &mut warnings).unwrap();
        warnings.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn the_list_of_keys_is_the_front_matter_s_own() {
        // Every field set, so that none is skipped as empty.
        let day = jiff::civil::date(2023, 1, 1);
        let full = FrontMatter {
            date: Some(day),
            date_hint: Some(day),
            updated: Some(day),
            slug: Some("a".into()),
            ..FrontMatter::default()
        };
        let value = serde_json::to_value(full).unwrap();
        let mut fields: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut listed = FRONT_MATTER_KEYS.to_vec();
        fields.sort_unstable();
        listed.sort_unstable();
        assert_eq!(fields, listed);
    }

    #[test]
    fn unknown_keys_are_warnings_naming_file_line_and_key() {
        assert_eq!(
            warnings_of("---\ntitle: T\ncountires: [Iran]\n---\n"),
            [
                "content/a.md:3:1: unknown front-matter key `countires` is ignored; did you mean `countries`?"
            ]
        );
        assert_eq!(
            warnings_of("+++\ntitle = \"T\"\nnotes = \"X\"\n+++\n"),
            ["content/a.md:3:1: unknown front-matter key `notes` is ignored"]
        );
        let nested = warnings_of("---\nfigures:\n  - {value: 1, unti: t}\n---\n");
        assert_eq!(nested.len(), 1, "{nested:?}");
        assert!(nested[0].contains("`figures.0.unti`"), "{nested:?}");
        assert!(warnings_of("---\ntitle: T\ncountries: [Iran]\n---\n").is_empty());
    }

    #[test]
    fn yaml_front_matter_is_read() {
        let front = read(
            "---\ntitle: \"Gas swap\"\ndate: 2021-11-28\ncountries: [Iran, Azerbaijan]\n\
             people:\n  - Ilham Aliyev\n  - {name: Ebrahim Raisi, role: President of Iran}\n\
             figures:\n  - {value: 1.5e9, value_max: 2e9, unit: m3/year}\n---\nBody\n",
        )
        .unwrap();
        assert_eq!(front.title, "Gas swap");
        assert_eq!(front.date, Some(jiff::civil::date(2021, 11, 28)));
        assert_eq!(front.countries, ["Iran", "Azerbaijan"]);
        assert_eq!(front.people[1].role, "President of Iran");
        assert_eq!(front.figures[0].value_max, Some(2e9));
    }

    #[test]
    fn toml_front_matter_is_read_with_native_dates() {
        let front =
            read("+++\ntitle = \"T\"\ndate = 2023-06-26\ndateline = \"Baku\"\n+++\nBody").unwrap();
        assert_eq!(front.date, Some(jiff::civil::date(2023, 6, 26)));
        assert_eq!(front.dateline, ["Baku"]);
    }

    #[test]
    fn impossible_date_names_file_and_line() {
        let err = read("---\ntitle: x\ndate: 2023-02-30\n---\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("content/a.md:3:"), "{err}");
        assert!(err.contains("2023-02-30"), "{err}");
    }

    #[test]
    fn wrong_type_names_file_and_line() {
        let err = read("---\ntitle: x\ndraft: [1, 2]\n---\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("content/a.md:3:"), "{err}");
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let err = read("---\ntitle: x\n\nBody").unwrap_err().to_string();
        assert!(err.contains("never closed"), "{err}");
    }

    #[test]
    fn file_without_front_matter_is_all_body() {
        let split = split("# Hello\n", Path::new("a.md")).unwrap();
        assert_eq!(split.format, Format::None);
        assert_eq!(split.body, "# Hello\n");
    }
}
