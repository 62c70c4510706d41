//! The words of the pages in the site's language. Templates and render code
//! write each phrase in English, as gettext does (`t(s="Key figures")`), and
//! a table per language gives its translation: `templates/i18n/ru.toml`
//! and `fr.toml` are built in, and a site's own `templates/i18n/<lang>.toml`
//! overrides them phrase by phrase. A phrase no table has is shown in
//! English. Counts choose their plural form by Unicode's CLDR rules (ICU4X):
//! "1 статья", "3 статьи", "5 статей".

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use serde::Deserialize;

use crate::error::BuildError;

/// Marks a phrase that is translated later, where it is chosen (gettext's
/// `N_`): the test that every phrase has a translation finds it by this.
macro_rules! phrase {
    ($text:literal) => {
        $text
    };
}
pub(crate) use phrase;

/// The tables built in, by primary language subtag.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../templates/i18n/en.toml")),
    ("fr", include_str!("../../templates/i18n/fr.toml")),
    ("ru", include_str!("../../templates/i18n/ru.toml")),
];

/// Where a site's own table for `language` lives, under its templates folder.
pub const SITE_TABLE_DIR: &str = "i18n";

/// One phrase's translation: a plain text, or one text per plural form.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Phrase {
    Plain(String),
    Plural(HashMap<String, String>),
}

/// A language table as written: phrases, and the months that dates need.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Table {
    /// Month names as a date writes them after a day ("25 декабря").
    months: Vec<String>,
    /// Month names standing alone ("декабрь 2020").
    months_standalone: Vec<String>,
    /// Short month names ("дек.").
    months_short: Vec<String>,
    phrases: HashMap<String, Phrase>,
}

/// Month names of a language other than English (jiff writes English).
#[derive(Debug, Clone)]
pub struct Months {
    pub after_day: [String; 12],
    pub standalone: [String; 12],
    pub short: [String; 12],
}

pub struct Strings {
    phrases: HashMap<String, Phrase>,
    plurals: PluralRules,
    months: Option<Months>,
}

impl Strings {
    /// The table for `language` ("ru", "fr-CA"), with the site's own
    /// `templates/i18n/<primary>.toml` laid over the built-in one.
    pub fn load(language: &str, site_templates: &Path) -> Result<Strings, BuildError> {
        let locale = Locale::from_str(language).unwrap_or(Locale::UNKNOWN);
        let primary = locale.id.language.as_str().to_string();
        let mut table = Table::default();
        if let Some((_, text)) = BUILT_IN.iter().find(|(code, _)| *code == primary) {
            table = toml::from_str(text).expect("built-in language tables parse");
        }
        let own = site_templates
            .join(SITE_TABLE_DIR)
            .join(format!("{primary}.toml"));
        if own.is_file() {
            let text = std::fs::read_to_string(&own).map_err(|e| BuildError::io(&own, e))?;
            let site: Table = toml::from_str(&text).map_err(|e| BuildError::Template {
                name: own.display().to_string(),
                report: e.to_string(),
            })?;
            table.phrases.extend(site.phrases);
            for (mine, theirs) in [
                (&mut table.months, site.months),
                (&mut table.months_standalone, site.months_standalone),
                (&mut table.months_short, site.months_short),
            ] {
                if !theirs.is_empty() {
                    *mine = theirs;
                }
            }
        }
        let months = months_of(&table).map_err(|report| BuildError::Template {
            name: own.display().to_string(),
            report,
        })?;
        let plurals = PluralRules::try_new_cardinal((&locale).into())
            .or_else(|_| PluralRules::try_new_cardinal(Default::default()))
            .expect("ICU4X ships root-locale plural rules");
        Ok(Strings {
            phrases: table.phrases,
            plurals,
            months,
        })
    }

    /// English, with no table of the site's.
    #[cfg(test)]
    pub fn english() -> Strings {
        Strings::load("en", Path::new("")).expect("the English table loads")
    }

    pub fn months(&self) -> Option<&Months> {
        self.months.as_ref()
    }

    /// `phrase` in the site's language.
    pub fn t(&self, phrase: &str) -> String {
        self.t_with(phrase, None, &[])
    }

    /// `phrase` in the site's language, in the plural form for `n` (when
    /// given), with `{name}` placeholders filled from `args` and `{n}` from
    /// `n_text`, the count as the site writes numbers.
    pub fn t_with(&self, phrase: &str, n: Option<(f64, &str)>, args: &[(&str, &str)]) -> String {
        let text = match self.phrases.get(phrase) {
            Some(Phrase::Plain(text)) => text.as_str(),
            Some(Phrase::Plural(forms)) => {
                let category = n.map_or(PluralCategory::Other, |(value, _)| self.category(value));
                forms
                    .get(category_name(category))
                    .or_else(|| forms.get("other"))
                    .map_or(phrase, String::as_str)
            }
            None => phrase,
        };
        fill(text, n.map(|(_, shown)| shown), args)
    }

    /// One plural form of `phrase` as written, `{n}` left for the page's
    /// script to fill ("one", "few", "many", "other").
    pub fn form(&self, phrase: &str, form: &str, args: &[(&str, &str)]) -> String {
        let text = match self.phrases.get(phrase) {
            Some(Phrase::Plain(text)) => text.as_str(),
            Some(Phrase::Plural(forms)) => forms
                .get(form)
                .or_else(|| forms.get("other"))
                .map_or(phrase, String::as_str),
            None => phrase,
        };
        fill(text, Some("{n}"), args)
    }

    fn category(&self, value: f64) -> PluralCategory {
        if value.fract() == 0.0 && value.abs() < u64::MAX as f64 {
            self.plurals.category_for(value.abs() as u64)
        } else {
            PluralCategory::Other
        }
    }
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// `text` with `{n}` and `{name}` placeholders filled; an unknown
/// placeholder stays as written, so a mistake shows on the page.
fn fill(text: &str, n: Option<&str>, args: &[(&str, &str)]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        let value = if name == "n" {
            n
        } else {
            args.iter().find(|(key, _)| *key == name).map(|(_, v)| *v)
        };
        match value {
            Some(value) => out.push_str(value),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn months_of(table: &Table) -> Result<Option<Months>, String> {
    if table.months.is_empty() {
        return Ok(None);
    }
    let twelve = |names: &[String], what: &str| -> Result<[String; 12], String> {
        names
            .to_vec()
            .try_into()
            .map_err(|_| format!("`{what}` needs twelve names, January first"))
    };
    let after_day = twelve(&table.months, "months")?;
    let standalone = if table.months_standalone.is_empty() {
        after_day.clone()
    } else {
        twelve(&table.months_standalone, "months_standalone")?
    };
    let short = if table.months_short.is_empty() {
        standalone.clone()
    } else {
        twelve(&table.months_short, "months_short")?
    };
    Ok(Some(Months {
        after_day,
        standalone,
        short,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn russian() -> Strings {
        Strings::load("ru", Path::new("")).unwrap()
    }

    #[test]
    fn counts_take_the_plural_form_of_the_language() {
        let ru = russian();
        let articles = |n: f64| ru.t_with("{n} articles", Some((n, &n.to_string())), &[]);
        assert_eq!(articles(1.0), "1 статья");
        assert_eq!(articles(3.0), "3 статьи");
        assert_eq!(articles(5.0), "5 статей");
        assert_eq!(articles(21.0), "21 статья");
        let en = Strings::english();
        assert_eq!(
            en.t_with("{n} articles", Some((1.0, "1")), &[]),
            "1 article"
        );
        assert_eq!(
            en.t_with("{n} articles", Some((2.0, "2")), &[]),
            "2 articles"
        );
    }

    #[test]
    fn placeholders_are_filled_and_unknown_phrases_stay_english() {
        let ru = russian();
        assert_eq!(ru.t("Key figures"), "Ключевые показатели");
        assert_eq!(ru.t("A phrase no table has"), "A phrase no table has");
        assert_eq!(fill("{a} and {b}", None, &[("a", "x")]), "x and {b}");
    }

    #[test]
    fn a_site_table_overrides_a_phrase_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("i18n")).unwrap();
        std::fs::write(
            dir.path().join("i18n/ru.toml"),
            "[phrases]\n\"Key figures\" = \"Цифры\"\n",
        )
        .unwrap();
        let ru = Strings::load("ru", dir.path()).unwrap();
        assert_eq!(ru.t("Key figures"), "Цифры");
        assert_eq!(ru.t("Countries"), "Страны");
        assert_eq!(ru.months().unwrap().after_day[11], "декабря");
    }

    /// Every phrase the default templates ask for has a Russian and a
    /// French translation.
    #[test]
    fn every_phrase_of_the_default_templates_is_translated() {
        let call = regex::Regex::new(r#"t\(s=(?:"((?:[^"\\]|\\.)*)"|'([^']*)')"#).unwrap();
        // The render code's own phrases: `r.t("…")`, `r.tn("…", n, …)`.
        let code_call =
            regex::Regex::new(r#"(?:\.tn?\(|\.t_with\(|phrase!\()\s*"((?:[^"\\]|\\.)*)""#).unwrap();
        for (code, text) in BUILT_IN.iter().filter(|(code, _)| *code != "en") {
            let table: Table = toml::from_str(text).unwrap();
            let mut missing = Vec::new();
            for (name, bytes) in crate::render::templates::DEFAULT_TEMPLATES {
                let source = std::str::from_utf8(bytes).unwrap();
                for phrase in call.captures_iter(source) {
                    let phrase = phrase.get(1).or(phrase.get(2)).unwrap().as_str();
                    let phrase = phrase.replace("\\\"", "\"");
                    if !table.phrases.contains_key(&phrase) {
                        missing.push(format!("{name}: {phrase}"));
                    }
                }
            }

            let render = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
            let files = walkdir::WalkDir::new(&render)
                .into_iter()
                .map(|e| e.unwrap());
            for entry in files.filter(|e| e.path().extension().is_some_and(|x| x == "rs")) {
                let path = entry.path();
                let source = std::fs::read_to_string(&path).unwrap();
                let source = source.split("#[cfg(test)]").next().unwrap_or_default();
                for phrase in code_call.captures_iter(source) {
                    let phrase = phrase[1].replace("\\\"", "\"");
                    if !table.phrases.contains_key(&phrase) {
                        missing.push(format!(
                            "src/render/{}: {phrase}",
                            path.strip_prefix(&render).unwrap().display()
                        ));
                    }
                }
            }
            missing.dedup();
            assert!(
                missing.is_empty(),
                "{code}.toml lacks:\n{}",
                missing.join("\n")
            );
        }
    }
}
