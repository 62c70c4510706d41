//! Rebuilds for `briefing serve`: after a save, only the content files that
//! changed are read again, and only the article pages whose content changed
//! are rendered (with every page made from many articles), straight into
//! the served folder. The search index, tens of seconds at 10,000 articles,
//! is left to the caller to make after the pages are served.

use std::path::PathBuf;
use std::time::Instant;

use tera::Value;

use super::{
    BuildOptions, BuildReport, Settings, import_new, make_renderer, read_options, write_theme,
};
use crate::content::ReadCache;
use crate::error::BuildError;
use crate::model::Site;
use crate::output::{InPlace, Staging};
use crate::render::{PrintPart, PrintSettings, RenderPlan, search};

/// What the last rebuild made, to tell what the next one can skip.
#[derive(Default)]
pub struct Memo {
    read: ReadCache,
    last: Option<LastBuild>,
}

struct LastBuild {
    output: PathBuf,
    /// Article slugs in page order, and each one's listing row.
    rows: Vec<(String, Value)>,
    site: String,
    search: String,
}

/// A finished rebuild, and what it left to make after its pages are served.
pub struct Rebuild {
    pub report: BuildReport,
    /// Articles whose pages were rendered again.
    pub article_pages: usize,
    pub later: Option<Deferred>,
}

/// What a rebuild leaves to be made after its pages are served: the
/// printed briefing (every article in full) and the search index (tens of
/// seconds at 10,000 articles), when the articles changed.
pub struct Deferred {
    site: Site,
    root: PathBuf,
    options: BuildOptions,
    /// The digest of the search index to make, if it is out of date.
    search: Option<String>,
    output: PathBuf,
}

/// A search index made, to be written into the served folder.
pub struct DeferredFiles {
    files: Vec<crate::render::OutputFile>,
    output: PathBuf,
}

impl Deferred {
    /// Makes the files: the slow part, which writes nothing.
    pub fn make(self) -> Result<DeferredFiles, BuildError> {
        let sink = Collect::default();
        {
            let (renderer, _) = make_renderer(
                &self.site,
                &self.root,
                &self.options,
                PrintSettings::default(),
            )?;
            let plan = RenderPlan {
                print: PrintPart::Only,
                search: false,
                ..RenderPlan::everything()
            };
            renderer.render_all(&sink, &crate::progress::Progress::hidden(), &plan)?;
        }
        if let Some(digest) = &self.search {
            search::write_index(&self.site, digest, &sink)?;
        }
        let files = sink.files.into_inner().unwrap_or_else(|e| e.into_inner());
        Ok(DeferredFiles {
            files,
            output: self.output,
        })
    }
}

impl DeferredFiles {
    /// Writes the files into the served folder. The search index's files
    /// are named by their content, so a page that loaded the old index keeps
    /// working until it reloads; its stamp comes last.
    pub fn write(self) -> Result<(), BuildError> {
        use crate::render::Sink;
        let sink = InPlace::new(&self.output, false);
        self.files.into_iter().try_for_each(|file| sink.write(file))
    }
}

/// Files held in memory, in the order written.
#[derive(Default)]
struct Collect {
    files: std::sync::Mutex<Vec<crate::render::OutputFile>>,
}

impl crate::render::Sink for Collect {
    fn write(&self, file: crate::render::OutputFile) -> Result<(), BuildError> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }

    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), BuildError>,
    ) -> Result<(), BuildError> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.write(crate::render::OutputFile {
            path: path.to_string(),
            bytes,
            kind: crate::render::FileKind::Other,
        })
    }
}

/// Rebuilds the site of `options`. With `everything`, or when nothing was
/// built yet or an article is gone, the whole site is built into a fresh
/// folder, swapped in (with the last search index, if any); else only what
/// the changed content files affect is written over the last build. Either
/// way, a search index that no longer matches the articles is returned to
/// be made.
pub fn rebuild(
    options: &BuildOptions,
    memo: &mut Memo,
    everything: bool,
) -> Result<Rebuild, BuildError> {
    let started = Instant::now();
    let settings = Settings::resolve(options)?;
    settings.protected().check(&settings.output_dir)?;
    let import = import_new(&settings, options)?;
    let read = read_options(&settings, options);
    let reread = crate::content::load_cached(&settings.content_dir, read, &mut memo.read)?;
    let mut warnings = reread.loaded.warnings;
    let changed: std::collections::HashSet<PathBuf> = reread.changed.into_iter().collect();
    let site = Site::new(settings.config, reread.loaded.articles)?;
    let (renderer, template_warnings) =
        make_renderer(&site, &settings.root, options, PrintSettings::default())?;
    warnings.extend(template_warnings);
    let rows: Vec<(String, Value)> = site
        .articles
        .iter()
        .map(|a| a.slug.clone())
        .zip(renderer.article_rows().iter().cloned())
        .collect();
    let fingerprint = renderer.site_fingerprint();
    let digest = search::digest(&site);

    let last = memo
        .last
        .take()
        .filter(|last| !everything && !reread.removed && last.output == settings.output_dir);
    // Article pages show nothing of other articles, so a new order (a
    // changed date or title) only matters to listings, which are always
    // rendered. A new or removed article changes the site's counts.
    fn by_slug<'a>(
        last: &'a LastBuild,
        rows: &[(String, Value)],
    ) -> Option<std::collections::HashMap<&'a str, &'a Value>> {
        let map: std::collections::HashMap<&str, &Value> = last
            .rows
            .iter()
            .map(|(slug, row)| (slug.as_str(), row))
            .collect();
        let same =
            map.len() == rows.len() && rows.iter().all(|(s, _)| map.contains_key(s.as_str()));
        same.then_some(map)
    }
    let previous = last
        .as_ref()
        .and_then(|l| by_slug(l, &rows).map(|m| (l, m)));
    let incremental = previous.is_some();
    let (jobs, files, article_pages, search) = match previous {
        Some((last, old_rows)) => {
            let site_same = last.site == fingerprint;
            let pages: Vec<bool> = site
                .articles
                .iter()
                .zip(&rows)
                .map(|(article, (slug, row))| {
                    !site_same
                        || old_rows.get(slug.as_str()) != Some(&row)
                        || changed.contains(&article.path)
                })
                .collect();
            let article_pages = pages.iter().filter(|p| **p).count();
            let terms = if site_same {
                Some(renderer.terms_of(&pages))
            } else {
                None
            };
            let plan = RenderPlan {
                articles: Some(pages),
                terms,
                print: PrintPart::Without,
                search: false,
            };
            let sink = InPlace::new(&settings.output_dir, site.config.minify);
            let jobs = renderer.render_all(&sink, &options.progress, &plan)?;
            (jobs, 0, article_pages, last.search != digest)
        }
        None => {
            let staging = Staging::new(&settings.output_dir, site.config.minify, options.force)?;
            let plan = RenderPlan {
                search: false,
                ..RenderPlan::everything()
            };
            let jobs = renderer.render_all(&staging, &options.progress, &plan)?;
            let theme = write_theme(&staging, &settings.root)?;
            let kept = staging.carry_over(search::BUNDLE, search::STAMP)?;
            staging.commit()?;
            (
                jobs,
                theme,
                site.articles.len(),
                kept.as_deref() != Some(digest.as_str()),
            )
        }
    };
    options.progress.finish();
    drop(renderer);
    let files = files + jobs.groups.iter().map(|(_, n, _)| n).sum::<usize>();
    let articles = site.articles.len();
    memo.last = Some(LastBuild {
        output: settings.output_dir.clone(),
        rows,
        site: fingerprint,
        search: digest.clone(),
    });
    let report = BuildReport {
        import,
        files,
        articles,
        output: settings.output_dir.clone(),
        elapsed: started.elapsed(),
        stages: Vec::new(),
        jobs,
        warnings,
    };
    let search = (search && site.config.search.enabled).then_some(digest);
    // After a full build only an out-of-date search index is left to make.
    let later = (incremental || search.is_some()).then(|| {
        let options = BuildOptions {
            print: Default::default(),
            ..options.clone()
        };
        Deferred {
            root: settings.root.clone(),
            output: settings.output_dir.clone(),
            options,
            search,
            site,
        }
    });
    Ok(Rebuild {
        report,
        article_pages,
        later,
    })
}
