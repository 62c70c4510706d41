//! The render stage: one job per output file, run in parallel over the
//! read-only [`Site`]. Jobs return bytes; only `output` writes them.

mod chart;
mod context;
mod numbers;
mod pages;
pub mod templates;

use std::path::Path;

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::error::BuildError;
use crate::model::{Site, Taxonomy};
use context::DateFormat;

/// One file of the built site, as a path relative to the output root.
#[derive(Debug)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub kind: FileKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An HTML page: minified when the site asks for it.
    Html,
    /// Anything else, written as is.
    Other,
}

/// Every file a build writes.
#[derive(Debug, Clone, Copy)]
enum Job {
    Index,
    ArticleTable,
    Article(usize),
    TermIndex(Taxonomy),
    Term(Taxonomy, usize),
    NotFound,
    Feed,
    Sitemap,
    Robots,
    NoJekyll,
}

/// The compiled templates and per-build caches shared by all render jobs.
pub struct Renderer<'s> {
    site: &'s Site,
    tera: Tera,
    /// One listing row per article, in `site.articles` order.
    rows: Vec<Value>,
}

impl<'s> Renderer<'s> {
    /// Compiles the templates (once) and prepares what every page shares.
    pub fn new(site: &'s Site, templates_dir: &Path) -> Result<Self, BuildError> {
        let mut tera = templates::load_tera(templates_dir)?;
        let dates = DateFormat(&site.config.date_format);
        let globals = tera.global_context();
        globals.insert("site", &context::site_info(site));
        globals.insert("stats", &context::stats(site, &dates));
        let rows = site
            .articles
            .par_iter()
            .map(|article| Value::from_serializable(&context::article_row(site, article, &dates)))
            .collect();
        Ok(Renderer { site, tera, rows })
    }

    fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs = vec![
            Job::Index,
            Job::ArticleTable,
            Job::NotFound,
            Job::Sitemap,
            Job::Robots,
        ];
        jobs.push(Job::NoJekyll);
        if site.config.feed.enabled {
            jobs.push(Job::Feed);
        }
        for taxonomy in [Taxonomy::Countries, Taxonomy::Topics] {
            jobs.push(Job::TermIndex(taxonomy));
            jobs.extend((0..site.terms(taxonomy).len()).map(|i| Job::Term(taxonomy, i)));
        }
        jobs.extend((0..site.articles.len()).map(Job::Article));
        jobs
    }

    /// Renders every page in parallel, handing each file to `sink` as soon as
    /// it is ready, so memory holds a few pages at a time, not the site.
    pub fn render_all<F>(&self, sink: F) -> Result<usize, BuildError>
    where
        F: Fn(OutputFile) -> Result<(), BuildError> + Sync,
    {
        let jobs = self.jobs();
        jobs.par_iter()
            .try_for_each(|job| sink(self.render(*job)?))?;
        Ok(jobs.len())
    }

    fn render(&self, job: Job) -> Result<OutputFile, BuildError> {
        match job {
            Job::Index => self.page("index.html", "index.html", pages::index(self)),
            Job::ArticleTable => self.page(
                "articles/index.html",
                "articles.html",
                pages::article_table(self),
            ),
            Job::Article(i) => {
                let slug = &self.site.articles[i].slug;
                self.page(
                    &format!("articles/{slug}/index.html"),
                    "article.html",
                    pages::article(self, i),
                )
            }
            Job::TermIndex(taxonomy) => {
                let path = format!("{}/index.html", taxonomy.folder());
                self.page(
                    &path,
                    &format!("{}.html", taxonomy.folder()),
                    pages::term_index(self, taxonomy),
                )
            }
            Job::Term(taxonomy, i) => {
                let term = &self.site.terms(taxonomy)[i];
                let path = format!("{}/{}/index.html", taxonomy.folder(), term.slug);
                let template = match taxonomy {
                    Taxonomy::Countries => "country.html",
                    Taxonomy::Topics => "topic.html",
                };
                self.page(&path, template, pages::term(self, taxonomy, i))
            }
            Job::NotFound => {
                let mut ctx = pages::not_found(self);
                // GitHub Pages serves 404.html at any depth, so its links
                // start from the site's own path instead of `../`.
                ctx.insert("root", self.site.config.base_path());
                self.file("404.html", "404.html", &ctx, FileKind::Html)
            }
            Job::Feed => self.file("atom.xml", "atom.xml", &pages::feed(self), FileKind::Other),
            Job::Sitemap => self.file(
                "sitemap.xml",
                "sitemap.xml",
                &pages::sitemap(self),
                FileKind::Other,
            ),
            Job::Robots => Ok(OutputFile {
                path: "robots.txt".into(),
                bytes: format!(
                    "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
                    self.site.config.base_url
                )
                .into_bytes(),
                kind: FileKind::Other,
            }),
            // Tells GitHub Pages to serve the folder as is, without Jekyll.
            Job::NoJekyll => Ok(OutputFile {
                path: ".nojekyll".into(),
                bytes: Vec::new(),
                kind: FileKind::Other,
            }),
        }
    }

    /// Renders an HTML page at `path`, adding what every page needs to know
    /// about its own place: the way back to the root and its canonical URL.
    fn page(&self, path: &str, template: &str, mut ctx: Context) -> Result<OutputFile, BuildError> {
        ctx.insert("root", &context::root_of(path));
        let pretty = path.strip_suffix("index.html").unwrap_or(path);
        ctx.insert(
            "canonical",
            &format!("{}{pretty}", self.site.config.base_url),
        );
        self.file(path, template, &ctx, FileKind::Html)
    }

    fn file(
        &self,
        path: &str,
        template: &str,
        ctx: &Context,
        kind: FileKind,
    ) -> Result<OutputFile, BuildError> {
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, ctx, &mut bytes)
            .map_err(|e| templates::template_error(template, &e))?;
        Ok(OutputFile {
            path: path.to_string(),
            bytes,
            kind,
        })
    }
}
