//! Templates and theme files: the defaults are compiled into the binary, and a
//! site's own `templates/` and `theme/` folders override them file by file.

use std::collections::BTreeMap;
use std::path::Path;

use std::sync::Arc;

use tera::Tera;

use super::numbers::Numbers;
use super::strings::Strings;
use crate::error::BuildError;

macro_rules! embed {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $dir, "/", $name)))),*]
    };
}

/// The default templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &[u8])] = embed!("templates":
    "base.html", "components.html", "index.html", "article.html", "articles.html",
    "countries.html", "country.html", "topics.html", "topic.html", "404.html",
    "atom.xml", "sitemap.xml", "dossier.html", "tables.html", "table-figures.html", "table-timeline.html",
    "table-matrix.html", "table-people.html", "table-sources.html", "matrix-cell.html",
    "briefing.html", "briefing-article.html", "search.html", "print.css",
);

/// The default theme files, copied to `theme/` in the output.
pub const DEFAULT_THEME: &[(&str, &[u8])] =
    embed!("theme": "style.css", "tables.js", "search.js", "favicon.svg");

/// Named files: the defaults with a site folder's files laid over them.
pub fn layered(
    defaults: &[(&str, &[u8])],
    site_dir: &Path,
) -> Result<BTreeMap<String, Vec<u8>>, BuildError> {
    let mut files: BTreeMap<String, Vec<u8>> = defaults
        .iter()
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    if !site_dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(site_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| BuildError::io(site_dir, e.into()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(site_dir).unwrap_or(entry.path());
        let name = relative.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(entry.path()).map_err(|e| BuildError::io(entry.path(), e))?;
        files.insert(name, bytes);
    }
    Ok(files)
}

/// Symbolic links in a site's `templates/` or `theme/` folder: never read
/// (a link could put any file of the machine on the site), and named in a
/// warning.
pub fn links_in(site_dir: &Path) -> Vec<std::path::PathBuf> {
    if !site_dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(site_dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|entry| entry.path_is_symlink())
        .map(|entry| entry.path().to_path_buf())
        .collect()
}

/// The compiled templates of a build.
pub struct Templates {
    /// What pages render with: minified when the site minifies.
    pub tera: Tera,
    /// The same templates as written, when `tera` holds minified ones, so a
    /// render error can be reported at the author's own line and column.
    pub as_written: Option<Tera>,
    /// HTML templates that could not be minified safely: their pages are
    /// minified one by one instead.
    pub unminified: Vec<String>,
}

/// Compiles every template once for the whole build; with `minify`, also
/// minifies the HTML templates once, so pages come out minified.
pub fn load(site_templates: &Path, words: Words, minify: bool) -> Result<Templates, BuildError> {
    let files = layered(DEFAULT_TEMPLATES, site_templates)?;
    let mut sources = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        // Language tables are read by `Strings`, not compiled.
        if name.starts_with(&format!("{}/", super::strings::SITE_TABLE_DIR)) {
            continue;
        }
        let text = String::from_utf8(bytes).map_err(|_| BuildError::Template {
            name: site_templates.join(&name).display().to_string(),
            report: "not UTF-8 text".into(),
        })?;
        sources.push((name, text));
    }
    // Compiled as written first, so syntax errors point at the author's text.
    let as_written = compile(&sources, words.clone())?;
    if !minify {
        return Ok(Templates {
            tera: as_written,
            as_written: None,
            unminified: Vec::new(),
        });
    }
    let mut unminified = Vec::new();
    let minified: Vec<(String, String)> = sources
        .into_iter()
        .map(|(name, text)| {
            if !name.ends_with(".html") {
                return (name, text);
            }
            match crate::output::minify::minify_template(&text) {
                Some(small) => (name, small),
                None => {
                    unminified.push(name.clone());
                    (name, text)
                }
            }
        })
        .collect();
    let tera = compile(&minified, words)?;
    Ok(Templates {
        tera,
        as_written: Some(as_written),
        unminified,
    })
}

/// What templates write numbers and phrases with: the site's language.
#[derive(Clone)]
pub struct Words {
    pub numbers: Arc<Numbers>,
    pub strings: Arc<Strings>,
}

fn compile(sources: &[(String, String)], words: Words) -> Result<Tera, BuildError> {
    let mut tera = Tera::new();
    tera.set_escape_fn(super::escape::escape_html);
    // Filters first: templates are checked against them as they compile.
    register_filters(&mut tera, words);
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| template_error("(compiling templates)", &e))?;
    Ok(tera)
}

/// Filters of our own: `number` writes a count or amount in the site's
/// language ("10,000" in English, "10 000" in French); `css_string` quotes
/// text for a stylesheet (the print stylesheet's page headers). The
/// function `t(s="{n} articles", n=5, name=…)` writes a phrase in the
/// site's language, in the plural form for `n`.
fn register_filters(tera: &mut Tera, words: Words) {
    tera.register_filter(
        "css_string",
        |value: &str, _: tera::Kwargs, _: &tera::State| -> String { css_string(value) },
    );
    let numbers = words.numbers.clone();
    tera.register_filter(
        "number",
        move |value: f64, _: tera::Kwargs, _: &tera::State| -> String { numbers.plain(value) },
    );
    tera.register_function(
        "t",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let phrase: &str = kwargs.must_get("s")?;
            let n: Option<f64> = kwargs.get::<f64>("n")?;
            // `form="few"`: that plural form with `{n}` kept, for a script.
            let form: Option<&str> = kwargs.get::<&str>("form")?;
            let shown = n.map(|n| words.numbers.plain(n));
            let mut args: Vec<(&str, String)> = Vec::new();
            for (key, value) in kwargs.iter() {
                let Some(key) = key.as_str().filter(|k| !["s", "n", "form"].contains(k)) else {
                    continue;
                };
                let text = match value.as_f64() {
                    Some(number) if value.is_number() => words.numbers.plain(number),
                    _ => value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_string),
                };
                args.push((key, text));
            }
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if let Some(form) = form {
                return Ok(words.strings.form(phrase, form, &args));
            }
            Ok(words.strings.t_with(phrase, n.zip(shown.as_deref()), &args))
        },
    );
}

/// `text` as a double-quoted CSS string. Quotes, backslashes, line breaks
/// and `<` are escaped, so no value can end the string or the stylesheet.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:X} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:X} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Tera's report names the template, line and column; keep all of it.
pub fn template_error(name: &str, error: &tera::Error) -> BuildError {
    let full = error.to_string();
    let mut report = full.strip_prefix("error: ").unwrap_or(&full).to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        report.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    BuildError::Template {
        name: name.to_string(),
        report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Words {
        Words {
            numbers: Arc::new(Numbers::new("en")),
            strings: Arc::new(Strings::english()),
        }
    }

    #[test]
    fn css_strings_cannot_break_out() {
        assert_eq!(css_string("Azerbaijan Briefing"), "\"Azerbaijan Briefing\"");
        assert_eq!(
            css_string("a\"}</style>\\\n"),
            "\"a\\22 }\\3C /style\\3E \\5C \\A \""
        );
    }

    #[test]
    fn default_templates_compile() {
        let dir = tempfile::tempdir().unwrap();
        let tera = load(dir.path(), en(), false).unwrap().tera;
        assert!(tera.get_template_names().any(|n| n == "article.html"));
    }

    #[test]
    fn every_default_html_template_is_minified_once_per_build() {
        let dir = tempfile::tempdir().unwrap();
        let templates = load(dir.path(), en(), true).unwrap();
        assert_eq!(templates.unminified, Vec::<String>::new());
        assert!(templates.as_written.is_some());
    }

    #[test]
    fn site_file_overrides_default_of_same_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("404.html"), "custom {{ site.title }}").unwrap();
        let files = layered(DEFAULT_TEMPLATES, dir.path()).unwrap();
        assert_eq!(files["404.html"], b"custom {{ site.title }}");
        assert!(files.contains_key("base.html"));
    }

    #[test]
    fn template_syntax_error_names_template_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("404.html"), "line one\n{% if %}\n").unwrap();
        let Err(err) = load(dir.path(), en(), true) else {
            panic!("a broken template compiled")
        };
        let err = err.to_string();
        assert!(err.contains("404.html"), "{err}");
        assert!(err.contains(":2:"), "{err}");
    }
}
