//! Hand labels in tab-separated form: one row per article and person
//! (`file name role`) or per article and key figure
//! (`file value unit measure text`), an article with none given one row of
//! `-`. Read, then matched against what the importer found:
//!
//! - a person matches when the names are the same letters (case, accents'
//!   marks kept, punctuation and spaces ignored), or the same person written
//!   more or less fully: initials and "Jr." aside, the same first word and
//!   either the same last word or one name the start of the other
//!   ("Pedro Pierluisi" for "Pedro R. Pierluisi Urrutia");
//! - a figure matches when the values agree within 0.5 % (a range only a
//!   range with both ends), and the units are of one kind: the same currency
//!   code, both percentages, the same physical quantity (bcm = 10⁹ m³,
//!   GW = 1,000 MW), or both
//!   counts of something (the label's "people", "votes", "homes" are all
//!   counts: what is counted is the measure's business, not the unit's).
//!
//! Each found item matches at most one label and each label one item.

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::front_matter::{KeyFigure, Person};
use crate::error::BuildError;
use crate::import::people::fold;

/// A labelled person.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelPerson {
    pub name: String,
    pub role: String,
}

/// A labelled key figure.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelFigure {
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub measure: String,
    pub text: String,
}

/// A label file: per article (by file name), its people or its figures.
#[derive(Debug)]
pub enum LabelFile {
    People(BTreeMap<String, Vec<LabelPerson>>),
    Figures(BTreeMap<String, Vec<LabelFigure>>),
}

/// Reads a label file, telling its kind by its header row.
pub fn read(path: &Path) -> Result<LabelFile, BuildError> {
    let text = std::fs::read_to_string(path).map_err(|e| BuildError::io(path, e))?;
    let error = |line: usize, message: String| BuildError::Config {
        path: path.to_path_buf(),
        location: Some(crate::error::Location { line, column: 1 }),
        message,
    };
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = lines
        .next()
        .map(|(_, l)| l.split('\t').collect())
        .unwrap_or_default();
    match header.as_slice() {
        ["file", "name", "role", ..] => {
            let mut people: BTreeMap<String, Vec<LabelPerson>> = BTreeMap::new();
            for (i, line) in lines {
                let cells: Vec<&str> = line.split('\t').collect();
                let [file, name, rest @ ..] = cells.as_slice() else {
                    return Err(error(i + 1, "a row needs file, name and role".into()));
                };
                let list = people.entry(file.to_string()).or_default();
                if *name != "-" && !name.trim().is_empty() {
                    list.push(LabelPerson {
                        name: unquote(name),
                        role: rest.first().map_or(String::new(), |r| r.trim().to_string()),
                    });
                }
            }
            Ok(LabelFile::People(people))
        }
        ["file", "value", "unit", ..] => {
            let mut figures: BTreeMap<String, Vec<LabelFigure>> = BTreeMap::new();
            for (i, line) in lines {
                let cells: Vec<&str> = line.split('\t').collect();
                let [file, value, unit, rest @ ..] = cells.as_slice() else {
                    return Err(error(i + 1, "a row needs file, value and unit".into()));
                };
                let list = figures.entry(file.to_string()).or_default();
                if *value == "-" {
                    continue;
                }
                let (value, value_max) = parse_value(value).ok_or_else(|| {
                    error(i + 1, format!("`{value}` is not a number or a range"))
                })?;
                list.push(LabelFigure {
                    value,
                    value_max,
                    unit: unit.trim().to_string(),
                    measure: rest.first().map_or(String::new(), |s| s.to_string()),
                    text: rest.get(1).map_or(String::new(), |s| s.to_string()),
                });
            }
            Ok(LabelFile::Figures(figures))
        }
        _ => Err(error(
            1,
            "not a label file: the header must be `file\tname\trole` or `file\tvalue\tunit\tmeasure\ttext`".into(),
        )),
    }
}

/// `"Edward ""Eddie"" Van Halen"` → `Edward "Eddie" Van Halen`.
fn unquote(cell: &str) -> String {
    let cell = cell.trim();
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => cell.to_string(),
    }
}

/// "39", "0.26", "36-40".
fn parse_value(cell: &str) -> Option<(f64, Option<f64>)> {
    let cell = cell.trim();
    if let Ok(v) = cell.parse() {
        return Some((v, None));
    }
    let (low, high) = cell.split_once('-')?;
    Some((low.trim().parse().ok()?, Some(high.trim().parse().ok()?)))
}

/// The words of a name that tell people apart: no initials, no "Jr.".
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .map(fold)
        .filter(|w| w.chars().count() > 1 && !["jr", "sr", "ii", "iii", "iv"].contains(&w.as_str()))
        .collect()
}

/// Whether a found name and a labelled one are the same person.
pub fn same_person(found: &str, label: &str) -> bool {
    if fold(found) == fold(label) {
        return true;
    }
    let (a, b) = (name_words(found), name_words(label));
    if a.len() < 2 || b.len() < 2 || a[0] != b[0] {
        return false;
    }
    a.last() == b.last() || a.starts_with(&b) || b.starts_with(&a)
}

/// What kind of unit a figure has, for matching.
#[derive(Debug, PartialEq)]
enum UnitKind {
    Currency(String),
    Percent,
    /// A physical unit, normalised, with the factor to it.
    Physical(&'static str, f64),
    Count,
}

fn unit_kind(unit: &str) -> UnitKind {
    let unit = unit.trim();
    if unit == "%" {
        return UnitKind::Percent;
    }
    if unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()) {
        return UnitKind::Currency(unit.to_string());
    }
    // "m3/year": the time it is counted over does not change what it is.
    let base = unit.split('/').next().unwrap_or(unit);
    let physical = match base.to_lowercase().as_str() {
        "km" | "kilometres" | "kilometers" => ("km", 1.0),
        "m" | "metres" | "meters" => ("m", 1.0),
        "cm" => ("cm", 1.0),
        "mm" => ("mm", 1.0),
        "mi" | "mile" | "miles" => ("mi", 1.0),
        "ft" | "feet" => ("ft", 1.0),
        "in" | "inches" => ("in", 1.0),
        "kg" | "kilograms" => ("kg", 1.0),
        "g" | "grams" => ("g", 1.0),
        "lb" | "lbs" | "pounds" => ("lb", 1.0),
        "t" | "tonnes" | "tons" => ("t", 1.0),
        "mph" => ("mph", 1.0),
        "km/h" | "kph" => ("km/h", 1.0),
        // Power and energy in one unit each: 175 GW is 175,000 MW.
        "kw" => ("MW", 1e-3),
        "mw" => ("MW", 1.0),
        "gw" => ("MW", 1e3),
        "kwh" => ("MWh", 1e-3),
        "mwh" => ("MWh", 1.0),
        "gwh" => ("MWh", 1e3),
        "twh" => ("MWh", 1e6),
        "ha" | "hectares" => ("ha", 1.0),
        "acres" => ("acres", 1.0),
        "km2" | "km²" => ("km2", 1.0),
        "bcm" => ("m3", 1e9),
        "m3" | "m³" => ("m3", 1.0),
        "bbl" | "barrels" => ("bbl", 1.0),
        "l" | "litres" | "liters" => ("L", 1.0),
        "gal" | "gallons" => ("gal", 1.0),
        "°c" => ("°C", 1.0),
        "°f" => ("°F", 1.0),
        "magnitude" => ("magnitude", 1.0),
        _ => return UnitKind::Count,
    };
    UnitKind::Physical(physical.0, physical.1)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs()) + 1e-12
}

/// Whether a found figure states a labelled one.
pub fn same_figure(found: &KeyFigure, label: &LabelFigure) -> bool {
    let (found_kind, label_kind) = (unit_kind(&found.unit), unit_kind(&label.unit));
    let (fa, la) = match (&found_kind, &label_kind) {
        (UnitKind::Physical(a, fa), UnitKind::Physical(b, la)) if a == b => (*fa, *la),
        (UnitKind::Physical(..), _) | (_, UnitKind::Physical(..)) => return false,
        (a, b) if a == b => (1.0, 1.0),
        _ => return false,
    };
    close(found.value * fa, label.value * la)
        && match (found.value_max, label.value_max) {
            (Some(a), Some(b)) => close(a * fa, b * la),
            (None, None) => true,
            _ => false,
        }
}

/// One article's labels matched with what was found: the pairs, and what
/// is left over on either side.
#[derive(Debug, Default)]
pub struct Matching {
    pub matched: Vec<(usize, usize)>,
    pub extra: Vec<usize>,
    pub missed: Vec<usize>,
}

/// Matches `found` to `labels` one to one, labels in order.
pub fn match_items<T, U>(found: &[T], labels: &[U], same: impl Fn(&T, &U) -> bool) -> Matching {
    let mut used = vec![false; found.len()];
    let mut matching = Matching::default();
    for (j, label) in labels.iter().enumerate() {
        match (0..found.len()).find(|&i| !used[i] && same(&found[i], label)) {
            Some(i) => {
                used[i] = true;
                matching.matched.push((i, j));
            }
            None => matching.missed.push(j),
        }
    }
    matching.extra = (0..found.len()).filter(|&i| !used[i]).collect();
    matching
}

/// Whether the found role says what the labelled one says: one of the
/// label's words that name an office is in it.
pub fn same_role(found: &str, label: &str) -> bool {
    // Hyphens split as spaces ("Vice-President"); short words count
    // ("CEO"), function words do not.
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| c.is_whitespace() || c == '-')
            .map(fold)
            .filter(|w| {
                w.len() >= 3 && !["the", "and", "for", "its", "his", "her"].contains(&w.as_str())
            })
            .collect()
    };
    let found = words(found);
    words(label).into_iter().any(|w| {
        found
            .iter()
            .any(|f| f == &w || f.trim_end_matches('s') == w)
    })
}

/// A found person's line in a report of what went wrong.
pub fn describe_person(person: &Person) -> String {
    if person.role.is_empty() {
        person.name.clone()
    } else {
        format!("{} ({})", person.name, person.role)
    }
}

/// A found figure's line in a report of what went wrong.
pub fn describe_figure(figure: &KeyFigure) -> String {
    figure_line(
        figure.value,
        figure.value_max,
        &figure.unit,
        &figure.label,
        &figure.text,
    )
}

/// A labelled figure's line in a report of what went wrong.
pub fn describe_label_figure(figure: &LabelFigure) -> String {
    figure_line(
        figure.value,
        figure.value_max,
        &figure.unit,
        &figure.measure,
        &figure.text,
    )
}

/// "36-40 people [measure] «text»".
fn figure_line(value: f64, max: Option<f64>, unit: &str, measure: &str, text: &str) -> String {
    let range = max.map_or(String::new(), |m| format!("-{m}"));
    format!("{value}{range} {unit} [{measure}] «{text}»")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: f64, unit: &str) -> KeyFigure {
        KeyFigure {
            value,
            unit: unit.into(),
            ..KeyFigure::default()
        }
    }

    fn label(value: f64, value_max: Option<f64>, unit: &str) -> LabelFigure {
        LabelFigure {
            value,
            value_max,
            unit: unit.into(),
            measure: String::new(),
            text: String::new(),
        }
    }

    #[test]
    fn people_match_on_the_same_person_written_more_or_less_fully() {
        assert!(same_person("Amir-Abdollahian", "Amir Abdollahian"));
        assert!(same_person("Pedro Pierluisi", "Pedro R. Pierluisi Urrutia"));
        assert!(same_person("Cyrus Vance", "Cyrus R. Vance, Jr."));
        assert!(!same_person("Donald Trump", "Melania Trump"));
        assert!(!same_person("Trump", "Donald Trump"));
        assert!(!same_person("Abraham Accords", "Abraham Lincoln"));
    }

    #[test]
    fn figures_match_on_value_and_kind_of_unit() {
        assert!(same_figure(
            &figure(39.0, "people"),
            &label(39.0, None, "people")
        ));
        assert!(same_figure(
            &figure(220.0, "people"),
            &label(220.0, None, "votes")
        ));
        assert!(same_figure(
            &figure(10e9, "m3/year"),
            &label(10.0, None, "bcm")
        ));
        assert!(same_figure(
            &figure(1_000_000.0, "RUB"),
            &label(1e6, None, "RUB")
        ));
        assert!(!same_figure(
            &figure(1_000_000.0, "USD"),
            &label(1e6, None, "RUB")
        ));
        assert!(!same_figure(
            &figure(25.0, "%"),
            &label(25.0, None, "people")
        ));
        assert!(!same_figure(
            &figure(36.0, "%"),
            &label(36.0, Some(40.0), "%")
        ));
        let mut range = figure(36.0, "%");
        range.value_max = Some(40.0);
        assert!(same_figure(&range, &label(36.0, Some(40.0), "%")));
    }

    #[test]
    fn values_and_ranges_are_read() {
        assert_eq!(parse_value("0.26"), Some((0.26, None)));
        assert_eq!(parse_value("36-40"), Some((36.0, Some(40.0))));
        assert_eq!(parse_value("many"), None);
        assert_eq!(
            unquote("\"Edward \"\"Eddie\"\" Van Halen\""),
            "Edward \"Eddie\" Van Halen"
        );
    }

    #[test]
    fn matching_is_one_to_one() {
        let m = match_items(&[1, 1, 2], &[1, 3], |a, b| a == b);
        assert_eq!(m.matched, [(0, 0)]);
        assert_eq!(m.missed, [1]);
        assert_eq!(m.extra, [1, 2]);
        assert!(same_role(
            "Iranian Foreign Minister",
            "Foreign Minister of Iran"
        ));
        assert!(!same_role("President", "Foreign Minister"));
        assert!(same_role("CEO", "Apple CEO"));
        assert!(same_role(
            "Vice President",
            "former Vice-President of Namibia"
        ));
        assert!(!same_role(
            "Secretary of the Treasury",
            "Speaker of the House"
        ));
    }
}
