//! `briefing check`: builds the site into a scratch folder (the published
//! output is never touched), then checks every internal link and anchor of
//! what was built, and lints the content.

mod links;
mod lint;

use crate::build::BuildOptions;
use crate::error::{BuildError, Warning};

/// What `check` found. Errors fail the check; warnings are listed.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub pages: usize,
    pub links: usize,
    /// Broken links and anchors, by page and line.
    pub errors: Vec<Warning>,
    /// The build's warnings, then the content lint's.
    pub warnings: Vec<Warning>,
}

pub fn check(options: &BuildOptions) -> Result<CheckReport, BuildError> {
    let scratch = tempfile::tempdir().map_err(|e| BuildError::io(std::env::temp_dir(), e))?;
    let build = BuildOptions {
        output: Some(scratch.path().join("site")),
        ..options.clone()
    };
    let mut report = CheckReport::default();
    let built = crate::build::build_with(&build, |staged| {
        let config = &staged.site.config;
        let found = links::check(staged.staging.dir(), &config.base_url);
        report.pages = found.pages;
        report.links = found.links;
        // An article's page points back at the file its text comes from.
        let sources: std::collections::HashMap<String, &std::path::Path> = staged
            .site
            .articles
            .iter()
            .map(|a| (format!("articles/{}/index.html", a.slug), a.path.as_path()))
            .collect();
        report.errors = found
            .broken
            .into_iter()
            .map(|mut problem| {
                let page = problem.path.to_string_lossy().into_owned();
                if let Some(source) = sources.get(&page) {
                    problem.message =
                        format!("{} (written in {})", problem.message, source.display());
                }
                problem
            })
            .collect();
        report.warnings = lint::lint(&staged.site.articles, config);
        Ok::<_, BuildError>(())
    })?;
    let mut warnings = built.warnings;
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    Ok(report)
}
