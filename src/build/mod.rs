//! `briefing build`: the pipeline config → content → model → render → output.

mod incremental;

pub use incremental::{Changed, Deferred, LaterReport, Memo, Rebuild, rebuild};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{CONFIG_FILE, Paper, SiteConfig};
use crate::content::{RawHtml, ReadOptions};
use crate::error::{BuildError, Warning};
use crate::import::{ImportOptions, ImportPlan, ImportReport};
use crate::model::{Site, Taxonomy};
use crate::output::Staging;
use crate::output::guard::Protected;
use crate::progress::Progress;
use crate::render::{
    FileKind, JobTimes, OutputFile, PrintSettings, RenderPlan, Renderer, Reuse, Sink, print,
    templates,
};

/// What the command line may say about a build. Paths given here are taken
/// as typed (relative to the working folder); paths in site.toml are
/// relative to the site root.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub config: Option<PathBuf>,
    pub content: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Replace the output folder even when briefing did not write it.
    pub force: bool,
    /// What `briefing pdf` asks of the build.
    pub print: PrintRequest,
    /// Where to show how far the build has got.
    pub progress: Progress,
    /// A script every page loads to reload itself when `serve` rebuilds.
    pub live_reload: Option<String>,
    /// Read a folder without site.toml on the defaults (import, eval); a
    /// build needs site.toml or `--content`.
    pub defaults_without_config: bool,
}

/// What a build prepares for printing.
#[derive(Debug, Clone, Default)]
pub struct PrintRequest {
    /// Overrides site.toml's `[briefing] paper`.
    pub paper: Option<Paper>,
    /// A country (slug or name) whose chapter gets a page of its own.
    pub country: Option<String>,
    /// Whether the PDF will be placed in the output, so pages link to it.
    pub pdf_in_output: bool,
}

/// The complete site in its staging folder, before it is swapped in.
pub struct Staged<'a> {
    pub staging: &'a Staging,
    pub site: &'a Site,
    /// The printed briefing's contents: (anchor, heading) in page order.
    pub contents: Vec<(String, String)>,
    /// Whether the page is the whole briefing (not one country's chapter).
    pub whole: bool,
    /// The page to print, relative to the output root.
    pub page: String,
    /// Where the PDF goes in the output, relative to its root.
    pub pdf: String,
}

#[derive(Debug)]
pub struct BuildReport {
    /// Raw articles imported first (those without a content file yet).
    pub import: ImportReport,
    pub files: usize,
    pub articles: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// Wall time of each stage, in order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Render time per kind of page, summed over threads.
    pub jobs: JobTimes,
    /// What should be fixed in the content, in file order.
    pub warnings: Vec<Warning>,
}

/// The settings of a build after site.toml and the command line are merged.
pub struct Settings {
    pub config: SiteConfig,
    pub root: PathBuf,
    pub articles_dir: PathBuf,
    pub content_dir: PathBuf,
    pub output_dir: PathBuf,
}

impl Settings {
    pub fn resolve(options: &BuildOptions) -> Result<Settings, BuildError> {
        let root = &options.root;
        // A mistyped --root is never created: say so.
        if !root.is_dir() {
            return Err(BuildError::Config {
                path: root.clone(),
                location: None,
                message: "no such folder; --root names the folder that holds site.toml \
                          (`briefing init FOLDER` starts a new briefing there)"
                    .into(),
            });
        }
        let config_path = options
            .config
            .clone()
            .unwrap_or_else(|| root.join(CONFIG_FILE));
        // Without site.toml only a folder of Markdown given with --content
        // builds, on the defaults; anywhere else it is a wrong folder.
        let allowed = options.defaults_without_config && options.config.is_none()
            || options.content.is_some() && options.config.is_none();
        if !config_path.is_file() && !allowed {
            return Err(BuildError::Config {
                path: config_path.clone(),
                location: None,
                message: "not found: this folder is not a briefing. Run `briefing init` to \
                          start one here, pass --root to the folder that holds site.toml, or \
                          --content FOLDER to build a folder of Markdown on the defaults"
                    .into(),
            });
        }
        let mut config = SiteConfig::load(&config_path)?;
        if let Some(base_url) = &options.base_url {
            let overridden = toml::Value::String(base_url.clone());
            let text = format!("base_url = {overridden}");
            config.base_url = SiteConfig::parse(&text, Path::new("--base-url"))?.base_url;
        }
        let content_dir = options
            .content
            .clone()
            .unwrap_or_else(|| root.join(&config.content_dir));
        let output_dir = options
            .output
            .clone()
            .unwrap_or_else(|| root.join(&config.output_dir));
        Ok(Settings {
            articles_dir: root.join(&config.articles_dir),
            config,
            root: root.clone(),
            content_dir,
            output_dir,
        })
    }
}

impl Settings {
    /// What the output folder must not be, hold or lie inside.
    pub fn protected(&self) -> Protected {
        let root = &self.root;
        Protected::always()
            .keep("the site's root folder", root)
            .keep("the site's configuration", &self.config.path)
            .keep_source("the content folder", &self.content_dir)
            .keep_source("the articles folder", &self.articles_dir)
            .keep_source("the templates folder", &root.join("templates"))
            .keep_source("the theme folder", &root.join("theme"))
    }

    pub fn import_plan(&self) -> ImportPlan<'_> {
        ImportPlan {
            config: &self.config,
            articles_dir: &self.articles_dir,
            content_dir: &self.content_dir,
        }
    }
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_with(options, |_| Ok(()))
}

/// A build that lets `before_commit` read the finished site in its staging
/// folder and add files to it; an error there leaves the output untouched.
pub fn build_with<E: From<BuildError>>(
    options: &BuildOptions,
    before_commit: impl FnOnce(&Staged<'_>) -> Result<(), E>,
) -> Result<BuildReport, E> {
    let started = Instant::now();
    let settings = Settings::resolve(options)?;
    settings.protected().check(&settings.output_dir)?;
    // Held until the build ends: a second build of this output fails at once.
    let _lock = crate::output::BuildLock::take(&settings.output_dir)?;
    // New raw articles become content first, so dropping a .txt into
    // articles/ and building is enough. Not when the content folder was
    // given on the command line: that folder is someone else's.
    let import = import_new(&settings, options)?;
    let mut stages = Stages::start();
    stages.end("import");
    let read = read_options(&settings, options);
    let content = crate::content::load(&settings.content_dir, read, &options.progress)?;
    stages.end("read content and render Markdown");
    let mut warnings = content.warnings;
    let site = Site::new(settings.config, content.articles)?;
    stages.end("build the site model");
    let chapter = match &options.print.country {
        Some(name) => Some(site.find_term(Taxonomy::Countries, name).ok_or_else(|| {
            BuildError::UnknownCountry {
                name: name.clone(),
                known: site
                    .countries
                    .iter()
                    .map(|c| c.slug.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        })?),
        None => None,
    };
    let (page, pdf) = match chapter {
        Some(c) => (print::chapter_page(&site, c), print::chapter_pdf(&site, c)),
        None => (print::PAGE.to_string(), print::PDF.to_string()),
    };
    let print = PrintSettings {
        paper: options.print.paper,
        chapter,
        pdf: options.print.pdf_in_output.then(|| pdf.clone()),
    };
    let (renderer, template_warnings) =
        make_renderer(&site, &settings.root, options, print, Reuse::default())?;
    warnings.extend(template_warnings);
    stages.end("compile templates, prepare rows and figures");

    let staging = Staging::new(&settings.output_dir, site.config.minify, options.force)?;
    let jobs = renderer.render_all(&staging, &options.progress, &RenderPlan::everything())?;
    stages.end("render, minify and write pages");
    write_theme(&staging, &settings.root)?;
    before_commit(&Staged {
        staging: &staging,
        site: &site,
        contents: renderer.contents_entries(),
        whole: chapter.is_none(),
        page,
        pdf,
    })?;
    let files = staging.file_count();
    let output = staging.commit()?;
    options.progress.finish();
    stages.end("theme files and swap into place");
    let articles = site.articles.len();
    drop(renderer);
    // Freeing every article takes tens of milliseconds at 10,000 articles;
    // nothing waits for it, and a process that exits now need not do it.
    std::thread::spawn(move || drop(site));
    Ok(BuildReport {
        import,
        files,
        articles,
        output,
        elapsed: started.elapsed(),
        stages: stages.done,
        jobs,
        warnings,
    })
}

/// The time of each stage of a build, for `--verbose`.
struct Stages {
    done: Vec<(&'static str, Duration)>,
    lap: Instant,
}

impl Stages {
    fn start() -> Self {
        Stages {
            done: Vec::new(),
            lap: Instant::now(),
        }
    }

    /// Ends the stage `name`, begun when the last one ended.
    fn end(&mut self, name: &'static str) {
        self.done.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
    }
}

/// New raw articles become content first, so dropping a .txt into
/// articles/ and building is enough. Not when the content folder was
/// given on the command line: that folder is someone else's.
fn import_new(settings: &Settings, options: &BuildOptions) -> Result<ImportReport, BuildError> {
    if options.content.is_none() && settings.articles_dir.is_dir() {
        let import = ImportOptions {
            progress: options.progress.clone(),
            ..ImportOptions::default()
        };
        crate::import::import(&settings.import_plan(), &import)
    } else {
        Ok(ImportReport::default())
    }
}

fn read_options(settings: &Settings, options: &BuildOptions) -> ReadOptions {
    ReadOptions {
        include_drafts: options.drafts,
        raw_html: if settings.config.allow_raw_html {
            RawHtml::Allow
        } else {
            RawHtml::Sanitise
        },
        max_bytes: Some(crate::import::article::limit_of(&settings.config)),
    }
}

/// The templates compiled for `site`, and warnings about them.
fn make_renderer<'s>(
    site: &'s Site,
    root: &Path,
    options: &BuildOptions,
    print: PrintSettings,
    reuse: Reuse,
) -> Result<(Renderer<'s>, Vec<Warning>), BuildError> {
    let templates_dir = root.join("templates");
    // The stage that decides what the briefing says, between the model and
    // the pages.
    let digest = crate::digest::Digest::new(site)?;
    let mut renderer = Renderer::new(site, digest, &templates_dir, print, reuse)?;
    if let Some(script) = &options.live_reload {
        renderer.insert_global("live_reload", script);
    }
    let links = [templates_dir.clone(), root.join("theme")]
        .into_iter()
        .flat_map(|dir| templates::links_in(&dir))
        .map(|link| Warning {
            path: link,
            location: None,
            message: "symbolic link; not read: templates and theme files are read only from \
                      regular files, as a link could publish any file of the machine"
                .into(),
        });
    let warnings = links
        .chain(renderer.unminified_templates().iter().map(|name| {
            Warning {
                path: templates_dir.join(name),
                location: None,
                message:
                    "a template tag between HTML attributes (or in an attribute value without a \
                  space in it) stops the template from being minified once per build, so its \
                  pages are minified one by one, which is slower; put such tags inside quoted \
                  attribute values, as `class=\"{% if x %}a{% endif %}\"`"
                        .into(),
            }
        }))
        .collect();
    Ok((renderer, warnings))
}

/// Writes the theme files (defaults with the site's own laid over them);
/// returns how many.
fn write_theme(sink: &impl Sink, root: &Path) -> Result<usize, BuildError> {
    let theme = templates::layered(templates::DEFAULT_THEME, &root.join("theme"))?;
    let count = theme.len();
    for (name, bytes) in theme {
        sink.write(OutputFile {
            path: format!("theme/{name}"),
            bytes,
            kind: FileKind::Other,
        })?;
    }
    Ok(count)
}

/// The most memory this process has held at once (peak resident set),
/// where the platform says.
pub fn peak_memory_bytes() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage fills the struct it is given.
        let usage = unsafe {
            if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
                return None;
            }
            usage.assume_init()
        };
        // Kilobytes on Linux, bytes on macOS.
        let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
        u64::try_from(usage.ru_maxrss).ok().map(|peak| peak * unit)
    }
    #[cfg(not(unix))]
    None
}
