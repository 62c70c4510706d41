//! Templates and theme files: the defaults are compiled into the binary, and a
//! site's own `templates/` and `theme/` folders override them file by file.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

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
    "atom.xml", "sitemap.xml",
);

/// The default theme files, copied to `theme/` in the output.
pub const DEFAULT_THEME: &[(&str, &[u8])] = embed!("theme": "style.css");

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

/// Compiles every template once for the whole build.
pub fn load_tera(site_templates: &Path) -> Result<Tera, BuildError> {
    let files = layered(DEFAULT_TEMPLATES, site_templates)?;
    let mut tera = Tera::new();
    let mut sources = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let text = String::from_utf8(bytes).map_err(|_| BuildError::Template {
            name: site_templates.join(&name).display().to_string(),
            report: "not UTF-8 text".into(),
        })?;
        sources.push((name, text));
    }
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| template_error("(compiling templates)", &e))?;
    Ok(tera)
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

    #[test]
    fn default_templates_compile() {
        let dir = tempfile::tempdir().unwrap();
        let tera = load_tera(dir.path()).unwrap();
        assert!(tera.get_template_names().any(|n| n == "article.html"));
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
        let err = load_tera(dir.path()).unwrap_err().to_string();
        assert!(err.contains("404.html"), "{err}");
        assert!(err.contains(":2:"), "{err}");
    }
}
