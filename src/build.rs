//! `briefing build`: the pipeline config → content → model → render → output.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::error::BuildError;
use crate::import::{ImportOptions, ImportPlan, ImportReport};
use crate::model::Site;
use crate::output::Staging;
use crate::render::{FileKind, JobTimes, OutputFile, Renderer, templates};

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
        let config_path = options
            .config
            .clone()
            .unwrap_or_else(|| root.join(CONFIG_FILE));
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
    pub fn import_plan(&self) -> ImportPlan<'_> {
        ImportPlan {
            config: &self.config,
            articles_dir: &self.articles_dir,
            content_dir: &self.content_dir,
        }
    }
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let settings = Settings::resolve(options)?;
    // New raw articles become content first, so dropping a .txt into
    // articles/ and building is enough. Not when the content folder was
    // given on the command line: that folder is someone else's.
    let import = if options.content.is_none() && settings.articles_dir.is_dir() {
        crate::import::import(&settings.import_plan(), &ImportOptions::default())?
    } else {
        ImportReport::default()
    };
    let mut stages = Vec::new();
    let mut lap = Instant::now();
    let mut stage = |name: &'static str| {
        stages.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    stage("import");
    let content = crate::content::load(&settings.content_dir, options.drafts)?;
    stage("read content and render Markdown");
    let site = Site::new(settings.config, content)?;
    stage("build the site model");
    let renderer = Renderer::new(&site, &settings.root.join("templates"))?;
    stage("compile templates, prepare rows and figures");

    let staging = Staging::new(&settings.output_dir, site.config.minify)?;
    let jobs = renderer.render_all(|file| staging.write(file))?;
    let pages: usize = jobs.groups.iter().map(|(_, n, _)| n).sum();
    stage("render, minify and write pages");
    let theme = templates::layered(templates::DEFAULT_THEME, &settings.root.join("theme"))?;
    let theme_files = theme.len();
    for (name, bytes) in theme {
        let path = format!("theme/{name}");
        staging.write(OutputFile {
            path,
            bytes,
            kind: FileKind::Other,
        })?;
    }
    let output = staging.commit()?;
    stage("theme files and swap into place");
    Ok(BuildReport {
        import,
        files: pages + theme_files,
        articles: site.articles.len(),
        output,
        elapsed: started.elapsed(),
        stages,
        jobs,
    })
}
