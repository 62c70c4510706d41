//! Rebuilds for `briefing serve`: after a save, only the content files that
//! changed are read again, and only the article pages whose content changed
//! are rendered (with every page made from many articles), straight into
//! the served folder. The printed briefing (every article in full) and the
//! search index (tens of seconds at 10,000 articles) are left to the caller
//! to make after the pages are served.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use tera::Value;

use super::{
    BuildOptions, BuildReport, Settings, Stages, import_new, make_renderer, read_options,
    write_theme,
};
use crate::content::ReadCache;
use crate::error::BuildError;
use crate::model::Site;
use crate::output::{InPlace, Staging};
use crate::render::templates::Templates;
use crate::render::{PrintPart, PrintSettings, RenderPlan, Reuse, Sink, search};

/// What the last rebuild made, to tell what the next one can skip.
#[derive(Default)]
pub struct Memo {
    read: ReadCache,
    last: Option<LastBuild>,
    /// The templates as last compiled.
    templates: Option<Templates>,
}

struct LastBuild {
    output: PathBuf,
    /// Article slugs in page order, and each one's listing row.
    rows: Vec<(String, Value)>,
    /// What the rows took from the site: see [`crate::render::row_inputs`].
    row_key: String,
    site: String,
}

/// A finished rebuild, and what it left to make after its pages are served.
pub struct Rebuild {
    pub report: BuildReport,
    /// Articles whose pages were rendered again.
    pub article_pages: usize,
    pub later: Option<Deferred>,
}

/// What a rebuild leaves to be made after its pages are served: the
/// printed briefing, if the rebuild did not print it, and the search
/// index, if it no longer matches the articles.
pub struct Deferred {
    site: Site,
    root: PathBuf,
    options: BuildOptions,
    print: bool,
    output: PathBuf,
}

/// What the work after the pages took.
#[derive(Debug, Clone, Default)]
pub struct LaterReport {
    /// Making the printed briefing, when it was made.
    pub print: Option<std::time::Duration>,
    /// Making the search index, when it no longer matched: the time, the
    /// shards made again and all the shards.
    pub search: Option<(std::time::Duration, usize, usize)>,
}

/// What a [`Deferred`] made, to be put into the served folder.
pub struct DeferredFiles {
    report: LaterReport,
    /// The printed briefing's files.
    files: Vec<crate::render::OutputFile>,
    /// A new search index.
    search: Option<NewIndex>,
    output: PathBuf,
}

impl Deferred {
    /// Makes the files: the slow part, which writes nothing the server
    /// serves.
    pub fn make(self) -> Result<DeferredFiles, BuildError> {
        let sink = Collect::default();
        let mut report = LaterReport::default();
        let started = Instant::now();
        if self.print {
            let (renderer, _) = make_renderer(
                &self.site,
                &self.root,
                &self.options,
                PrintSettings::default(),
                Reuse::default(),
            )?;
            let plan = RenderPlan {
                print: PrintPart::Only,
                search: false,
                ..RenderPlan::everything()
            };
            renderer.render_all(&sink, &crate::progress::Progress::hidden(), &plan)?;
            report.print = Some(started.elapsed());
        }
        let started = Instant::now();
        let mut search = None;
        if self.site.config.search.enabled {
            // Tens of milliseconds at 10,000 articles: not the rebuild's.
            let digest = search::digest(&self.site);
            if search::stamp_in(&self.output).as_deref() != Some(digest.as_str()) {
                // Shards the served folder holds are kept; only the others
                // are indexed.
                let index = Collect {
                    served: Some(self.output.clone()),
                    ..Collect::default()
                };
                let written = search::write_index(&self.site, &index)?;
                let shards = written.shards.len();
                report.search = Some((started.elapsed(), shards - written.kept, shards));
                search = Some(NewIndex {
                    files: index.files.into_inner().unwrap_or_else(|e| e.into_inner()),
                    shards: written.shards,
                });
            }
        }
        let files = sink.files.into_inner().unwrap_or_else(|e| e.into_inner());
        Ok(DeferredFiles {
            report,
            files,
            search,
            output: self.output,
        })
    }
}

impl DeferredFiles {
    /// Puts the files into the served folder: the printed briefing's files
    /// one by one, then the search index. Returns what making them took.
    pub fn write(self) -> Result<LaterReport, BuildError> {
        let sink = InPlace::new(&self.output, false);
        self.files
            .into_iter()
            .try_for_each(|file| sink.write(file))?;
        if let Some(index) = self.search {
            update_search_index(&self.output, &sink, index)?;
        }
        Ok(self.report)
    }
}

/// How many earlier indexes stay in the served folder: a search page
/// loads an index's list of shards once, then fetches their parts as
/// queries need them, so a page opened before a few saves still finds
/// every part it asks for.
const KEPT_INDEXES: usize = 4;

/// Puts a new search index into the served folder beside the ones pages
/// may still be reading. Its shards are folders named by content: the new
/// ones are written first, the files naming the current shards last; shard
/// folders of no recent index are then removed.
fn update_search_index(
    output: &std::path::Path,
    sink: &InPlace,
    index: NewIndex,
) -> Result<(), BuildError> {
    use std::collections::{BTreeSet, VecDeque};
    use std::sync::Mutex;
    // The shard folders of the indexes this process put in each served
    // folder, newest last.
    static GENERATIONS: Mutex<Option<HashMap<PathBuf, VecDeque<BTreeSet<String>>>>> =
        Mutex::new(None);
    let shards_dir = output.join(search::BUNDLE).join(search::SHARDS);
    let mut generations = GENERATIONS.lock().unwrap_or_else(|e| e.into_inner());
    let generations = generations
        .get_or_insert_with(HashMap::new)
        .entry(output.to_path_buf())
        .or_default();
    if generations.is_empty() {
        // The index the first build wrote.
        generations.push_back(shard_folders(&shards_dir));
    }
    // Files of the bundle's own folder say which shards are current:
    // written last.
    let (shard_files, own): (Vec<_>, Vec<_>) = index.files.into_iter().partition(|f| {
        f.path
            .strip_prefix(search::BUNDLE)
            .is_some_and(|name| name.starts_with(search::SHARDS))
    });
    let (stamps, parts): (Vec<_>, Vec<_>) = shard_files
        .into_iter()
        .partition(|f| f.path.ends_with(search::STAMP));
    sink.write_new(vec![parts, stamps])?;
    for file in own {
        sink.write(file)?;
    }
    generations.push_back(index.shards.into_iter().collect());
    while generations.len() > KEPT_INDEXES {
        generations.pop_front();
    }
    for stale in shard_folders(&shards_dir) {
        if !generations.iter().any(|g| g.contains(&stale)) {
            let folder = shards_dir.join(stale.trim_start_matches(search::SHARDS));
            let _ = std::fs::remove_dir_all(folder);
        }
    }
    Ok(())
}

/// The shard folders in `shards_dir`, as the bundle names them
/// (`shards/DIGEST/`).
fn shard_folders(shards_dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(shards_dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| format!("{}{}/", search::SHARDS, e.file_name().to_string_lossy()))
        .collect()
}

/// A search index made after a save: the files it wrote and every shard
/// it is made of, those kept in the served folder included.
struct NewIndex {
    /// Paths from the output root.
    files: Vec<crate::render::OutputFile>,
    /// Shard folders inside the bundle (`shards/DIGEST/`).
    shards: Vec<String>,
}

/// Files held in memory, in the order written.
#[derive(Default)]
struct Collect {
    files: std::sync::Mutex<Vec<crate::render::OutputFile>>,
    /// The served folder, whose folders are kept when their stamp matches.
    served: Option<PathBuf>,
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

    fn reuse(&self, dir: &str, stamp: &str, digest: &str) -> Result<bool, BuildError> {
        let Some(served) = &self.served else {
            return Ok(false);
        };
        let kept = std::fs::read_to_string(served.join(dir).join(stamp)).ok();
        Ok(kept.as_deref() == Some(digest))
    }
}

/// What changed since the last rebuild, as a file watcher saw it.
pub enum Changed<'a> {
    /// Anything (templates, theme, settings), or unknown: rebuild all.
    Anything,
    /// Only files under the content or raw articles folders.
    Content(&'a [PathBuf]),
}

/// Rebuilds the site of `options`. With `Changed::Anything`, or when nothing was
/// built yet or an article is gone, the whole site is built into a fresh
/// folder, swapped in (with the last search index, if any); else only what
/// the changed content files affect is written over the last build. Either
/// way, what is left to make (the printed briefing, a search index that
/// may be out of date) is returned with the rebuild.
pub fn rebuild(
    options: &BuildOptions,
    memo: &mut Memo,
    changed: Changed<'_>,
) -> Result<Rebuild, BuildError> {
    let (everything, saved) = match changed {
        Changed::Anything => (true, None),
        Changed::Content(paths) => (false, Some(paths)),
    };
    let started = Instant::now();
    let settings = Settings::resolve(options)?;
    settings.protected().check(&settings.output_dir)?;
    let _lock = crate::output::BuildLock::take(&settings.output_dir)?;
    let import = import_new(&settings, options)?;
    let mut stages = Stages::start();
    stages.end("import");
    let read = read_options(&settings, options);
    // A new raw article made a new content file, which the saved paths miss.
    let saved = saved.filter(|_| import.imported() == 0);
    let reread = crate::content::load_cached(&settings.content_dir, read, &mut memo.read, saved)?;
    stages.end("read changed content");
    let mut warnings = reread.warnings;
    let changed: std::collections::HashSet<PathBuf> = reread.changed.into_iter().collect();
    let site = Site::new(settings.config, reread.articles)?;
    stages.end("build the site model");

    let last = memo
        .last
        .take()
        .filter(|last| !everything && !reread.removed && last.output == settings.output_dir);
    // The last build's rows by slug, if it had the same articles. Article
    // pages show nothing of other articles, so a new order (a changed date
    // or title) only matters to listings, which are always rendered. A new
    // or removed article changes the site's counts.
    let previous = last.as_ref().and_then(|last| {
        let by_slug: HashMap<&str, &Value> = last
            .rows
            .iter()
            .map(|(slug, row)| (slug.as_str(), row))
            .collect();
        let same = by_slug.len() == site.articles.len()
            && site
                .articles
                .iter()
                .all(|a| by_slug.contains_key(a.slug.as_str()));
        same.then_some((last, by_slug))
    });
    // Rows of unchanged articles are taken over while the terms they link
    // to are unchanged.
    let row_key = crate::render::row_inputs(&site);
    let known: Vec<Option<Value>> = match &previous {
        Some((last, by_slug)) if last.row_key == row_key => site
            .articles
            .iter()
            .map(|a| {
                (!changed.contains(&a.path))
                    .then(|| by_slug.get(a.slug.as_str()).map(|row| (*row).clone()))
                    .flatten()
            })
            .collect(),
        _ => Vec::new(),
    };
    let reused: Vec<bool> = known.iter().map(Option::is_some).collect();
    let reuse = Reuse {
        // Only content changed: the templates compiled last time still hold.
        templates: memo.templates.take().filter(|_| !everything),
        rows: known,
    };
    let (renderer, template_warnings) = make_renderer(
        &site,
        &settings.root,
        options,
        PrintSettings::default(),
        reuse,
    )?;
    warnings.extend(template_warnings);
    stages.end("compile templates, prepare rows and figures");
    let rows: Vec<(String, Value)> = site
        .articles
        .iter()
        .map(|a| a.slug.clone())
        .zip(renderer.article_rows().iter().cloned())
        .collect();
    let fingerprint = renderer.site_fingerprint();
    stages.end("compare with the last build");

    let incremental = previous.is_some();
    let (jobs, files, article_pages) = match previous {
        Some((last, old_rows)) => {
            let site_same = last.site == fingerprint;
            let pages: Vec<bool> = site
                .articles
                .iter()
                .zip(&rows)
                .enumerate()
                .map(|(i, (article, (slug, row)))| {
                    !site_same
                        || changed.contains(&article.path)
                        || (!reused.get(i).copied().unwrap_or(false)
                            && old_rows.get(slug.as_str()) != Some(&row))
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
            (jobs, 0, article_pages)
        }
        None => {
            let staging = Staging::new(&settings.output_dir, site.config.minify, options.force)?;
            let plan = RenderPlan {
                search: false,
                ..RenderPlan::everything()
            };
            let jobs = renderer.render_all(&staging, &options.progress, &plan)?;
            let theme = write_theme(&staging, &settings.root)?;
            staging.carry_over(search::BUNDLE)?;
            staging.commit()?;
            (jobs, theme, site.articles.len())
        }
    };
    options.progress.finish();
    stages.end("render, minify and write pages");
    memo.templates = Some(renderer.into_templates());
    let files = files + jobs.groups.iter().map(|(_, n, _)| n).sum::<usize>();
    let articles = site.articles.len();
    memo.last = Some(LastBuild {
        output: settings.output_dir.clone(),
        rows,
        row_key,
        site: fingerprint,
    });
    let report = BuildReport {
        import,
        files,
        articles,
        output: settings.output_dir.clone(),
        elapsed: started.elapsed(),
        stages: stages.done,
        jobs,
        warnings,
    };
    // After a full build only the search index may be left to make.
    let later = (incremental || site.config.search.enabled).then(|| {
        let options = BuildOptions {
            print: Default::default(),
            ..options.clone()
        };
        Deferred {
            root: settings.root.clone(),
            output: settings.output_dir.clone(),
            options,
            print: incremental,
            site,
        }
    });
    Ok(Rebuild {
        report,
        article_pages,
        later,
    })
}
