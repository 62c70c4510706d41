//! The render stage: one job per output file, run in parallel over the
//! read-only [`Site`]. Jobs return bytes; only `output` writes them.

mod chart;
mod context;
mod dossier;
mod escape;
mod export;
mod jobs;
mod numbers;
mod pages;
mod plan;
pub mod print;
mod scoped;
pub mod search;
mod sink;
pub mod strings;
mod tables;
pub mod templates;

use std::path::Path;

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::config::Paper;
use crate::digest::Digest;
use crate::error::BuildError;
use crate::model::{Site, Taxonomy};
use crate::progress::Progress;
use context::DateFormat;
use export::Format;
use numbers::Numbers;
use strings::Strings;
use tables::{FigureRecord, Table};

pub use jobs::JOB_GROUPS;
use jobs::Job;
use plan::membership;
pub use plan::{PrintPart, RenderPlan, row_inputs};
pub use sink::{FileKind, OutputFile, Sink};

/// Files rendered and time spent per job group, summed over threads.
#[derive(Debug, Clone, Default)]
pub struct JobTimes {
    pub groups: Vec<(&'static str, usize, std::time::Duration)>,
    /// Of which drawing charts, summed over threads.
    pub charts: std::time::Duration,
    /// Building the search index, beside the pages.
    pub search: std::time::Duration,
    /// The search index's files written and their bytes, its shards, and
    /// how many of those were kept from the last build as they were.
    pub search_files: usize,
    pub search_bytes: u64,
    pub search_shards: usize,
    pub search_kept: usize,
    /// Wall time of the whole render stage.
    pub wall: std::time::Duration,
}

/// What this build prints: the paper, and the PDF the site links to.
#[derive(Debug, Clone, Default)]
pub struct PrintSettings {
    /// Overrides site.toml's `[briefing] paper`.
    pub paper: Option<Paper>,
    /// A country (index into `Site::countries`) whose chapter is also built
    /// as a page of its own, to be printed alone.
    pub chapter: Option<usize>,
    /// The PDF this build will hold, relative to the output root: the
    /// chapter's when `chapter` is set, else the whole briefing's.
    pub pdf: Option<String>,
}

/// What a renderer can take over from the last build instead of making it
/// again (`briefing serve`, after a save that changed only content).
#[derive(Default)]
pub struct Reuse {
    /// The templates, if none changed since they were compiled.
    pub templates: Option<templates::Templates>,
    /// Listing rows, in `site.articles` order, where still valid: the
    /// article and every term it links to (name and count) unchanged.
    pub rows: Vec<Option<Value>>,
}

/// The compiled templates and per-build caches shared by all render jobs.
pub struct Renderer<'s> {
    site: &'s Site,
    /// What the pages choose to show, decided before rendering.
    digest: Digest,
    tera: Tera,
    /// The templates as written, when `tera` holds minified ones: render
    /// errors are reported against these.
    tera_as_written: Option<Tera>,
    /// Whether pages still need minifying one by one.
    minify_pages: bool,
    print: PrintSettings,
    numbers: std::sync::Arc<Numbers>,
    /// The pages' phrases in the site's language.
    strings: std::sync::Arc<Strings>,
    /// One listing row per article, in `site.articles` order.
    rows: Vec<Value>,
    /// One record per key figure, in `site.figures` order, and the same as
    /// template values: pages, dossiers and downloads share them.
    figures: Vec<FigureRecord>,
    figure_rows: Vec<Value>,
    /// Article indexes in chronological order, undated last.
    timeline: Vec<usize>,
    /// HTML templates that could not be minified in advance.
    unminified_templates: Vec<String>,
    /// Time spent drawing charts (inside dossier and front-page jobs), in
    /// nanoseconds summed over threads, for `build --verbose`.
    chart_nanos: std::sync::atomic::AtomicU64,
}

impl<'s> Renderer<'s> {
    /// Compiles the templates (once) and prepares what every page shares,
    /// taking over from `reuse` what the last build made.
    pub fn new(
        site: &'s Site,
        digest: Digest,
        templates_dir: &Path,
        print: PrintSettings,
        reuse: Reuse,
    ) -> Result<Self, BuildError> {
        let numbers = std::sync::Arc::new(Numbers::new(&site.config.language));
        let strings = std::sync::Arc::new(Strings::load(&site.config.language, templates_dir)?);
        let minify = site.config.minify;
        let templates::Templates {
            tera,
            as_written,
            unminified,
        } = match reuse.templates {
            Some(templates) => templates,
            None => {
                let words = templates::Words {
                    numbers: numbers.clone(),
                    strings: strings.clone(),
                };
                templates::load(templates_dir, words, minify)?
            }
        };
        let mut known = reuse.rows;
        known.resize(site.articles.len(), None);
        let dates = DateFormat::new(&site.config.date_format, strings.months());
        let rows = site
            .articles
            .par_iter()
            .zip(known)
            .map(|(article, known)| {
                known.unwrap_or_else(|| {
                    Value::from_serializable(&context::article_row(site, article, &dates))
                })
            })
            .collect();
        let stats = context::stats(site, &dates);
        let mut renderer = Renderer {
            site,
            digest,
            tera,
            tera_as_written: as_written,
            minify_pages: minify && !unminified.is_empty(),
            unminified_templates: unminified,
            print,
            numbers,
            strings,
            rows,
            figures: Vec::new(),
            figure_rows: Vec::new(),
            timeline: tables::timeline_order(site),
            chart_nanos: Default::default(),
        };
        renderer.figures = site
            .figures
            .par_iter()
            .map(|f| tables::figure_record(&renderer, f))
            .collect();
        renderer.figure_rows = renderer
            .figures
            .par_iter()
            .map(Value::from_serializable)
            .collect();
        renderer.insert_global("site", &context::site_info(site));
        renderer.insert_global("stats", &stats);
        let briefing_pdf = renderer.printed_pdf(None).unwrap_or_default().to_string();
        renderer.insert_global("briefing_pdf", &briefing_pdf);
        Ok(renderer)
    }

    /// The printed briefing's contents, for numbering its pages.
    pub fn contents_entries(&self) -> Vec<(String, String)> {
        print::contents_entries(self)
    }

    /// The PDF this build holds of the whole briefing (`None`) or of a
    /// country's chapter, if any: what pages link to.
    fn printed_pdf(&self, chapter: Option<usize>) -> Option<&str> {
        self.print
            .pdf
            .as_deref()
            .filter(|_| self.print.chapter == chapter)
    }

    fn paper(&self) -> Paper {
        self.print.paper.unwrap_or(self.site.config.briefing.paper)
    }

    fn dates(&self) -> DateFormat<'_> {
        DateFormat::new(&self.site.config.date_format, self.strings.months())
    }

    /// `phrase` in the site's language.
    fn t(&self, phrase: &str) -> String {
        self.strings.t(phrase)
    }

    /// `phrase` in the site's language, in the plural form for `n`, with
    /// `{name}` placeholders filled from `args`.
    fn tn(&self, phrase: &str, n: usize, args: &[(&str, &str)]) -> String {
        let shown = self.numbers.count(n);
        self.strings.t_with(phrase, Some((n as f64, &shown)), args)
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
        if site.config.search.enabled {
            jobs.push(Job::SearchPage);
        }
        jobs.extend([Job::Briefing, Job::PrintStylesheet]);
        jobs.extend(self.print.chapter.map(Job::BriefingChapter));
        jobs.push(Job::TablesHub);
        for table in Table::ALL {
            jobs.extend((1..=table.pages(site)).map(|page| Job::TablePage(table, page)));
            jobs.extend([Format::Csv, Format::Json].map(|f| Job::TableData(table, f)));
        }
        for country in 0..site.countries.len() {
            for topic in 0..site.topics.len() {
                if !site.matrix.cell(country, topic).is_empty() {
                    jobs.push(Job::MatrixCell(country, topic));
                }
            }
            if !site.countries[country].figures.is_empty() {
                jobs.push(Job::CountryFigures(country));
            }
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
    pub fn render_all(
        &self,
        sink: &impl Sink,
        progress: &Progress,
        plan: &RenderPlan,
    ) -> Result<JobTimes, BuildError> {
        use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
        let mut jobs = self.jobs();
        jobs.retain(|job| plan.wants(job));
        progress.step("Rendering", jobs.len());
        let nanos: [AtomicU64; JOB_GROUPS.len()] = Default::default();
        let counts: [AtomicUsize; JOB_GROUPS.len()] = Default::default();
        let started = std::time::Instant::now();
        // Pagefind indexes on one thread; the pages share the others.
        let (search, pages) = rayon::join(
            || {
                if plan.search {
                    self.write_search_index(sink)
                } else {
                    Ok((std::time::Duration::ZERO, search::WrittenIndex::default()))
                }
            },
            || {
                jobs.par_iter().try_for_each(|job| {
                    let started = std::time::Instant::now();
                    match *job {
                        Job::Briefing => self.stream_page(
                            sink,
                            print::PAGE,
                            "briefing.html",
                            print::briefing(self)?,
                        )?,
                        Job::BriefingChapter(country) => self.stream_page(
                            sink,
                            &print::chapter_page(self.site, country),
                            "briefing.html",
                            print::chapter(self, country)?,
                        )?,
                        job => sink.write(self.render(job)?)?,
                    }
                    progress.advance();
                    let group = job.group();
                    let spent = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
                    nanos[group].fetch_add(spent, Ordering::Relaxed);
                    counts[group].fetch_add(1, Ordering::Relaxed);
                    Ok::<_, BuildError>(())
                })
            },
        );
        pages?;
        let (search, written) = search?;
        Ok(JobTimes {
            groups: JOB_GROUPS
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let spent = nanos[i].load(Ordering::Relaxed);
                    (
                        *name,
                        counts[i].load(Ordering::Relaxed),
                        std::time::Duration::from_nanos(spent),
                    )
                })
                .collect(),
            charts: std::time::Duration::from_nanos(self.chart_nanos.load(Ordering::Relaxed)),
            search,
            search_files: written.files,
            search_bytes: written.bytes,
            search_shards: written.shards.len(),
            search_kept: written.kept,
            wall: started.elapsed(),
        })
    }

    /// Indexes every article for search and writes the index's files;
    /// returns how long that took.
    fn write_search_index(
        &self,
        sink: &impl Sink,
    ) -> Result<(std::time::Duration, search::WrittenIndex), BuildError> {
        let started = std::time::Instant::now();
        if !self.site.config.search.enabled {
            return Ok((std::time::Duration::ZERO, search::WrittenIndex::default()));
        }
        let written = search::write_index(self.site, sink)?;
        Ok((started.elapsed(), written))
    }

    /// Runs `draw` and adds its time to the charts' total.
    fn timed_chart<T>(&self, draw: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let chart = draw();
        let spent = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.chart_nanos
            .fetch_add(spent, std::sync::atomic::Ordering::Relaxed);
        chart
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
                self.page(&path, template, dossier::term(self, taxonomy, i))
            }
            Job::TablesHub => self.page("tables/index.html", "tables.html", tables::hub(self)),
            Job::TablePage(table, page) => {
                let ctx = match table {
                    Table::Figures => tables::figures_page(self, page),
                    Table::Timeline => tables::timeline_page(self, page),
                    Table::People => tables::people_page(self, page),
                    Table::Matrix => tables::matrix_page(self),
                    Table::Sources => tables::sources_page(self),
                };
                let template = format!("table-{}.html", table.slug());
                self.page(&table.page_path(page), &template, ctx)
            }
            Job::TableData(table, format) => Ok(OutputFile {
                path: format!("{}{}.{}", table.folder(), table.slug(), format.extension()),
                bytes: export::table_data(self, table, format)?,
                kind: FileKind::Other,
            }),
            Job::MatrixCell(country, topic) => self.page(
                &tables::matrix_cell_path(self.site, country, topic),
                "matrix-cell.html",
                tables::matrix_cell(self, country, topic),
            ),
            Job::CountryFigures(country) => Ok(OutputFile {
                path: dossier::figures_csv_path(self.site, country),
                bytes: export::country_figures(self, country)?,
                kind: FileKind::Other,
            }),
            Job::Briefing | Job::BriefingChapter(_) => {
                unreachable!("the printed briefing is streamed by render_all")
            }
            Job::PrintStylesheet => {
                let mut ctx = Context::new();
                ctx.insert("paper", self.paper().css_size());
                ctx.insert("marking", &self.site.config.briefing.marking);
                self.file("print.css", "print.css", &ctx, FileKind::Other)
            }
            Job::NotFound => {
                let mut ctx = pages::not_found(self);
                // GitHub Pages serves 404.html at any depth, so its links
                // start from the site's own path instead of `../`.
                ctx.insert("root", self.site.config.base_path());
                self.file("404.html", "404.html", &ctx, FileKind::Html)
            }
            Job::SearchPage => self.page("search/index.html", "search.html", pages::search(self)),
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

    /// Renders a page straight into the output as it is made: the printed
    /// briefing holds every article in full, tens of MB at 10,000 articles.
    /// It is not minified page by page (its templates are, when they can be).
    fn stream_page(
        &self,
        sink: &impl Sink,
        path: &str,
        template: &str,
        mut ctx: Context,
    ) -> Result<(), BuildError> {
        self.place(path, &mut ctx);
        sink.stream(path, &mut |out| {
            self.tera
                .render_to(template, &ctx, out)
                .map_err(|error| self.render_error(template, &ctx, &error))
        })
    }

    /// A fragment of a page rendered on its own, as a value for the page's
    /// template to print: each article of the printed briefing, so that
    /// thousands of them render in parallel.
    fn fragment(&self, template: &str, ctx: &Context) -> Result<Value, BuildError> {
        let mut bytes = Vec::with_capacity(8 * 1024);
        if let Err(error) = self.tera.render_to(template, ctx, &mut bytes) {
            return Err(self.render_error(template, ctx, &error));
        }
        // Tera writes only UTF-8; the fast check is all that is needed.
        let html = match std::str::from_utf8(&bytes) {
            Ok(html) => std::borrow::Cow::Borrowed(html),
            Err(_) => String::from_utf8_lossy(&bytes),
        };
        Ok(Value::safe_string(&html))
    }

    /// Renders an HTML page at `path`, adding what every page needs to know
    /// about its own place: the way back to the root and its canonical URL.
    fn page(&self, path: &str, template: &str, ctx: Context) -> Result<OutputFile, BuildError> {
        self.page_as(path, template, ctx, FileKind::Html)
    }

    fn page_as(
        &self,
        path: &str,
        template: &str,
        mut ctx: Context,
        kind: FileKind,
    ) -> Result<OutputFile, BuildError> {
        self.place(path, &mut ctx);
        self.file(path, template, &ctx, kind)
    }

    /// What every page needs to know about its own place: the way back to
    /// the root and its canonical URL.
    fn place(&self, path: &str, ctx: &mut Context) {
        ctx.insert("root", &context::root_of(path));
        let pretty = path.strip_suffix("index.html").unwrap_or(path);
        ctx.insert(
            "canonical",
            &format!("{}{pretty}", self.site.config.base_url),
        );
    }

    fn file(
        &self,
        path: &str,
        template: &str,
        ctx: &Context,
        kind: FileKind,
    ) -> Result<OutputFile, BuildError> {
        let mut bytes = Vec::with_capacity(16 * 1024);
        if let Err(error) = self.tera.render_to(template, ctx, &mut bytes) {
            return Err(self.render_error(template, ctx, &error));
        }
        let kind = match kind {
            FileKind::Html if !self.minify_pages => FileKind::Other,
            kind => kind,
        };
        Ok(OutputFile {
            path: path.to_string(),
            bytes,
            kind,
        })
    }

    /// A render error, located in the template as its author wrote it: the
    /// minified template's lines and columns would mean nothing to them.
    fn render_error(&self, template: &str, ctx: &Context, error: &tera::Error) -> BuildError {
        if let Some(as_written) = &self.tera_as_written
            && let Err(located) = as_written.render_to(template, ctx, std::io::sink())
        {
            return templates::template_error(template, &located);
        }
        templates::template_error(template, error)
    }

    /// Each article's listing row, in `Site::articles` order: an article
    /// page shows its own row and nothing of other articles'.
    pub fn article_rows(&self) -> &[Value] {
        &self.rows
    }

    /// What every page shows of the site as a whole (title, dates, counts,
    /// the countries that have pages): when it is unchanged after a save,
    /// article pages whose own row is unchanged need no rendering.
    pub fn site_fingerprint(&self) -> String {
        let site = self.site;
        let terms = |terms: &[crate::model::Term]| -> Vec<(String, String)> {
            terms
                .iter()
                .map(|t| (t.slug.clone(), t.name.clone()))
                .collect()
        };
        serde_json::json!([
            context::site_info(site),
            context::stats(site, &self.dates()),
            self.printed_pdf(None),
            terms(&site.countries),
            terms(&site.topics),
            // Which articles each term holds: unchanged, a dossier is
            // affected only by edits to its own articles.
            membership(site, &site.countries),
            membership(site, &site.topics),
        ])
        .to_string()
    }

    /// Article indexes whose page is affected by `changed` articles'
    /// edits beyond their own pages: their countries and topics.
    pub fn terms_of(&self, changed: &[bool]) -> (Vec<bool>, Vec<bool>) {
        let site = self.site;
        let mut countries = vec![false; site.countries.len()];
        let mut topics = vec![false; site.topics.len()];
        for (filed, _) in site.filed.iter().zip(changed).filter(|(_, c)| **c) {
            filed.countries.iter().for_each(|&c| countries[c] = true);
            filed.topics.iter().for_each(|&t| topics[t] = true);
        }
        (countries, topics)
    }

    /// Makes `value` available to every template as `key`.
    pub fn insert_global(&mut self, key: &'static str, value: &impl serde::Serialize) {
        let Renderer {
            tera,
            tera_as_written,
            ..
        } = self;
        for tera in std::iter::once(tera).chain(tera_as_written.as_mut()) {
            tera.global_context().insert(key, value);
        }
    }

    /// HTML templates that could not be minified in advance, whose pages
    /// are minified one by one.
    /// The compiled templates, for the next build to reuse.
    pub fn into_templates(self) -> templates::Templates {
        templates::Templates {
            tera: self.tera,
            as_written: self.tera_as_written,
            unminified: self.unminified_templates,
        }
    }

    pub fn unminified_templates(&self) -> &[String] {
        &self.unminified_templates
    }
}
