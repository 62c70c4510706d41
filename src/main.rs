//! The command line: parses arguments, runs the library, prints the outcome.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use briefing::build::{BuildOptions, Settings, build};
use briefing::config::Paper;
use briefing::error::{printable, shown};
use briefing::import::{ImportOptions, ImportReport, Outcome};
use briefing::pdf::PdfOptions;
use briefing::progress::Progress;

#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "Turn news articles into a published, printable briefing"
)]
struct Cli {
    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more about what is done
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/), first
    /// importing raw articles that have no content file yet
    Build(BuildArgs),
    /// Import raw articles (default: the articles folder) into content/,
    /// never overwriting a content file
    Import(ImportArgs),
    /// Build the site, then print the briefing (or one country's chapter) to
    /// PDF with headless Chromium or Chrome
    Pdf(PdfArgs),
    /// Build and serve the site on this machine, rebuilding and reloading
    /// open pages when a source changes
    Serve(ServeArgs),
    /// Start a new briefing in DIR (new or empty): site.toml, articles/,
    /// content/, .gitignore and a GitHub Pages workflow
    Init(InitArgs),
    /// Check the site before publishing: build it into a scratch folder,
    /// check every internal link and #anchor, and lint the content (exits
    /// non-zero on a broken link)
    Check(CheckArgs),
    /// Score the imported content against labelled references: an
    /// expected.toml, or people and key-figure labels (TSV)
    Eval(EvalArgs),
    /// Removes a scratch site `serve` left when it stopped (run by `serve`
    /// itself, in the background, so Ctrl-C returns at once)
    #[command(name = "remove-scratch", hide = true)]
    RemoveScratch { dir: PathBuf },
}

/// Where the site is.
#[derive(Args)]
struct SiteArgs {
    /// The site's root folder, holding site.toml
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The configuration file (default: ROOT/site.toml)
    #[arg(long)]
    config: Option<PathBuf>,
    /// The content folder (default: from site.toml, `content`)
    #[arg(long)]
    content: Option<PathBuf>,
}

impl SiteArgs {
    /// The settings of a command that reads the site without building it
    /// (import, eval): a folder without site.toml reads on the defaults.
    fn settings(&self) -> anyhow::Result<Settings> {
        let options = BuildOptions {
            defaults_without_config: true,
            ..self.build_options(Progress::hidden())
        };
        Ok(Settings::resolve(&options)?)
    }

    /// The build's options for this site, the rest left at their defaults.
    fn build_options(&self, progress: Progress) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            config: self.config.clone(),
            content: self.content.clone(),
            progress,
            ..BuildOptions::default()
        }
    }
}

#[derive(Args)]
struct ImportArgs {
    /// Raw article files or folders (default: the articles folder), or
    /// http(s):// addresses of pages and feeds, saved in the articles folder
    paths: Vec<PathBuf>,
    /// Fetch the feeds site.toml follows ([[feeds]]) and import their new entries
    #[arg(long)]
    feeds: bool,
    /// For a fetched feed's entry that gives only a summary, fetch its page
    /// and import that instead
    #[arg(long)]
    fetch_pages: bool,
    #[command(flatten)]
    site: SiteArgs,
    /// Print what would be written; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Re-import articles that have a content file, keeping the old file as <name>.md.orig
    #[arg(long)]
    force: bool,
    /// Import the same story from a second outlet too (by default it is kept
    /// once, the other outlet listed in `also_in`)
    #[arg(long)]
    keep_duplicates: bool,
}

#[derive(Args)]
struct EvalArgs {
    /// The references: files in the form of expected.toml, or label files
    /// (`file name role` or `file value unit measure text`, tab-separated)
    #[arg(required = true)]
    references: Vec<PathBuf>,
    #[command(flatten)]
    site: SiteArgs,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The output folder (default: from site.toml, `public`)
    #[arg(long)]
    output: Option<PathBuf>,
    /// The URL the site is published at, e.g. https://user.github.io/repo/
    #[arg(long)]
    base_url: Option<String>,
    /// Include articles marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Replace the output folder even if it holds files briefing did not write
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on; the default serves this machine only
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Include articles marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Open the site in the web browser once it is served
    #[arg(long)]
    open: bool,
}

#[derive(Args)]
struct InitArgs {
    /// The folder to create the briefing in
    dir: PathBuf,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The URL the site is published at (links are resolved under it)
    #[arg(long)]
    base_url: Option<String>,
    /// Include articles marked `draft: true`
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct PdfArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The PDF file (default: briefing.pdf in the output folder, which then
    /// links to it; with --country, briefing-SLUG.pdf)
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// The browser to print with (default: $BRIEFING_CHROME, else chromium,
    /// chromium-browser, google-chrome or google-chrome-stable on PATH)
    #[arg(long, value_name = "PATH")]
    chrome: Option<PathBuf>,
    /// Paper size (default: from site.toml, a4)
    #[arg(long, value_enum)]
    paper: Option<Paper>,
    /// Print only this country's chapter
    #[arg(long, value_name = "SLUG")]
    country: Option<String>,
    /// The URL the site is published at, e.g. https://user.github.io/repo/
    #[arg(long)]
    base_url: Option<String>,
    /// Include articles marked `draft: true`
    #[arg(long)]
    drafts: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => run_build(args, cli.quiet, cli.verbose),
        Command::Import(args) => run_import(args, cli.quiet),
        Command::Pdf(args) => run_pdf(args, cli.quiet),
        Command::Serve(args) => run_serve(args, cli.quiet, cli.verbose),
        Command::Init(args) => run_init(args, cli.quiet),
        Command::Check(args) => run_check(args, cli.quiet),
        Command::Eval(args) => run_eval(args, cli.verbose),
        Command::RemoveScratch { dir } => briefing::serve::remove_scratch(&dir).map_err(Into::into),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Every error of the library already names its cause: the chain would repeat it.
            eprintln!("error: {}", printable(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

fn run_build(args: BuildArgs, quiet: bool, verbose: bool) -> anyhow::Result<()> {
    let options = BuildOptions {
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        force: args.force,
        ..args.site.build_options(progress(quiet))
    };
    let report = build(&options);
    options.progress.finish();
    let report = report?;
    if report.import.imported() + report.import.failed() > 0 {
        print_import(&report.import, quiet);
    }
    print_warnings(&report.warnings, quiet);
    if verbose {
        eprintln!("output: {}", shown(&report.output));
        print_timings(&report);
    }
    if !quiet {
        println!(
            "Built {} ({}) into {} in {:.2} s",
            counted(report.files, "file", "files"),
            counted(report.articles, "article", "articles"),
            shown(&report.output),
            report.elapsed.as_secs_f64()
        );
    }
    Ok(())
}

/// Where a build's time went, for `--verbose`.
fn print_timings(report: &briefing::build::BuildReport) {
    for (stage, spent) in &report.stages {
        eprintln!("{:>9.3} s  {stage}", spent.as_secs_f64());
    }
    let total: f64 = report
        .jobs
        .groups
        .iter()
        .map(|(_, _, t)| t.as_secs_f64())
        .sum();
    eprintln!("render time by kind of file, summed over threads:");
    for (group, files, spent) in &report.jobs.groups {
        let share = if total > 0.0 {
            spent.as_secs_f64() / total * 100.0
        } else {
            0.0
        };
        eprintln!(
            "{:>9.3} s {share:>5.1}%  {files:>7} files  {group}",
            spent.as_secs_f64()
        );
    }
    let charts = report.jobs.charts.as_secs_f64();
    let share = if total > 0.0 {
        charts / total * 100.0
    } else {
        0.0
    };
    eprintln!("{charts:>9.3} s {share:>5.1}%  of the above: drawing charts");
    let jobs = &report.jobs;
    let index = match jobs.search_shards {
        0 if jobs.search_files == 0 => "off".to_string(),
        shards => format!(
            "{shards} shards, {} kept; {} files, {:.1} MB written",
            jobs.search_kept,
            jobs.search_files,
            jobs.search_bytes as f64 / 1e6
        ),
    };
    eprintln!(
        "{:>9.3} s         search index ({index}), beside the pages ({:.3} s wall for the render stage)",
        report.jobs.search.as_secs_f64(),
        report.jobs.wall.as_secs_f64()
    );
    if let Some(peak) = briefing::build::peak_memory_bytes() {
        eprintln!("peak memory: {:.0} MB", peak as f64 / 1e6);
    }
}

fn run_pdf(args: PdfArgs, quiet: bool) -> anyhow::Result<()> {
    let options = PdfOptions {
        build: BuildOptions {
            base_url: args.base_url,
            drafts: args.drafts,
            ..args.site.build_options(progress(quiet))
        },
        output: args.output,
        chrome: args.chrome,
        paper: args.paper,
        country: args.country,
    };
    let elsewhere = options.output.is_some();
    let report = briefing::pdf::pdf(&options);
    options.build.progress.finish();
    let report = report?;
    if report.build.import.imported() + report.build.import.failed() > 0 {
        print_import(&report.build.import, quiet);
    }
    print_warnings(&report.build.warnings, quiet);
    if !quiet && report.refused > 0 {
        eprintln!(
            "warning: the briefing asked for {} {} that the site does not hold (another \
             host's, or outside the output folder); printing refuses them, so the PDF leaves them out",
            report.refused,
            if report.refused == 1 { "file" } else { "files" }
        );
    }
    if !quiet && elsewhere {
        println!(
            "Printed {} ({} kB) with {} in {:.2} s",
            shown(&report.pdf),
            report.bytes.div_ceil(1024),
            report.browser.display(),
            report.printing.as_secs_f64()
        );
    } else if !quiet {
        println!(
            "Built {} ({}) into {}; printed {} ({} kB) with {} in {:.2} s",
            counted(report.build.files, "file", "files"),
            counted(report.build.articles, "article", "articles"),
            shown(&report.build.output),
            shown(&report.pdf),
            report.bytes.div_ceil(1024),
            report.browser.display(),
            report.printing.as_secs_f64()
        );
    }
    Ok(())
}

fn run_import(args: ImportArgs, quiet: bool) -> anyhow::Result<()> {
    let settings = args.site.settings()?;
    let options = ImportOptions {
        paths: args.paths,
        feeds: args.feeds,
        fetch_pages: args.fetch_pages,
        dry_run: args.dry_run,
        force: args.force,
        keep_duplicates: args.keep_duplicates,
        progress: progress(quiet),
    };
    let report = briefing::import::import(&settings.import_plan(), &options);
    options.progress.finish();
    let report = report?;
    print_import(&report, quiet);
    if report.failed() > 0 {
        anyhow::bail!(
            "{} of {} files could not be imported",
            report.failed(),
            report.files.len()
        );
    }
    Ok(())
}

fn run_serve(args: ServeArgs, quiet: bool, verbose: bool) -> anyhow::Result<()> {
    use briefing::serve::Progressed;
    let options = briefing::serve::ServeOptions {
        build: BuildOptions {
            drafts: args.drafts,
            ..args.site.build_options(Progress::hidden())
        },
        bind: args.bind,
        port: args.port,
    };
    briefing::serve::serve(
        options,
        |url| {
            println!("Serving {url} (Ctrl-C to stop)");
            use std::io::Write;
            let _ = std::io::stdout().flush();
            if args.open
                && let Err(error) = webbrowser::open(url)
            {
                eprintln!("warning: could not open a web browser: {error}");
            }
        },
        move |progressed| match progressed {
            Progressed::Built {
                report,
                article_pages,
            } if !quiet => {
                let (articles, elapsed) = (report.articles, report.elapsed);
                if verbose {
                    print_timings(report);
                }
                if article_pages == articles {
                    eprintln!(
                        "Built {articles} articles in {:.2} s",
                        elapsed.as_secs_f64()
                    );
                } else {
                    eprintln!(
                        "Rebuilt {article_pages} of {articles} article pages and the pages \
                         listing them in {:.2} s",
                        elapsed.as_secs_f64()
                    );
                }
            }
            Progressed::FinishedLater {
                articles,
                elapsed,
                report,
            } if !quiet => {
                eprintln!(
                    "Printed briefing and search index of {articles} articles up to date in {:.2} s",
                    elapsed.as_secs_f64()
                );
                if verbose {
                    if let Some(print) = report.print {
                        eprintln!("{:>9.3} s  printed briefing", print.as_secs_f64());
                    }
                    if let Some((search, made, shards)) = report.search {
                        eprintln!(
                            "{:>9.3} s  search index ({made} of {shards} shards made)",
                            search.as_secs_f64()
                        );
                    }
                }
            }
            Progressed::Failed(error) => eprintln!("error: {}", printable(&error.to_string())),
            Progressed::LaterFailed(error) => {
                eprintln!("error: {}", printable(&error.to_string()))
            }
            _ => {}
        },
    )?;
    Ok(())
}

fn run_init(args: InitArgs, quiet: bool) -> anyhow::Result<()> {
    let written = briefing::init::init(&args.dir)?;
    if !quiet {
        for file in &written {
            println!("  {}", args.dir.join(file).display());
        }
        println!(
            "Started a briefing in {}: put raw articles (*.txt) in articles/, then run \
             `briefing build` there",
            args.dir.display()
        );
    }
    Ok(())
}

fn run_check(args: CheckArgs, quiet: bool) -> anyhow::Result<()> {
    let options = BuildOptions {
        base_url: args.base_url,
        drafts: args.drafts,
        ..args.site.build_options(progress(quiet))
    };
    let report = briefing::check::check(&options);
    options.progress.finish();
    let report = report?;
    print_warnings(&report.warnings, quiet);
    for error in &report.errors {
        eprintln!("error: {}", printable(&error.to_string()));
    }
    if !quiet || !report.errors.is_empty() {
        println!(
            "Checked {} and {}: {} broken, {}",
            counted(report.pages, "page", "pages"),
            counted(report.links, "link", "links"),
            report.errors.len(),
            counted(report.warnings.len(), "warning", "warnings")
        );
    }
    if report.errors.is_empty() {
        Ok(())
    } else {
        anyhow::bail!("{} broken links or anchors", report.errors.len())
    }
}

/// A progress bar on a terminal for runs over a second; none with `--quiet`.
fn progress(quiet: bool) -> Progress {
    if quiet {
        Progress::hidden()
    } else {
        Progress::on_terminal()
    }
}

fn print_warnings(warnings: &[briefing::error::Warning], quiet: bool) {
    if !quiet {
        for warning in warnings {
            eprintln!("warning: {}", printable(&warning.to_string()));
        }
    }
}

/// One line per file (failures always), its warnings, then the totals.
fn print_import(report: &ImportReport, quiet: bool) {
    for file in &report.files {
        let source = shown(&file.source);
        match &file.outcome {
            Outcome::Failed { message } => {
                eprintln!("failed    {source}: {}", printable(message))
            }
            _ if quiet => {}
            Outcome::Imported { path } => println!("imported  {source} -> {}", shown(path)),
            Outcome::Replaced { path, kept_as } => println!(
                "replaced  {source} -> {} (previous file kept as {})",
                shown(path),
                shown(kept_as)
            ),
            Outcome::Kept { path } => println!("kept      {source} (has {})", shown(path)),
            Outcome::Fetched { path } => println!("fetched   {source} -> {}", shown(path)),
            Outcome::Unchanged => {
                println!("unchanged {source} (not modified since the last fetch)")
            }
            Outcome::Duplicate { of } => println!(
                "duplicate {source}: the same story as {} (kept once)",
                shown(of)
            ),
            Outcome::WouldWrite { path, text } => {
                println!("would write {} from {source}:\n{text}", shown(path))
            }
        }
        if !quiet {
            for warning in &file.warnings {
                eprintln!("  warning: {source}: {}", printable(warning));
            }
        }
    }
    if !quiet {
        let would = report
            .files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::WouldWrite { .. }))
            .count();
        let done = if would > 0 {
            format!("Would import {would}")
        } else {
            format!("Imported {}", report.imported())
        };
        let duplicates = match report.duplicates() {
            0 => String::new(),
            n => format!(", {n} the same story as another"),
        };
        println!(
            "{done}, kept {}, failed {}{duplicates}; {}",
            report.kept(),
            report.failed(),
            counted(report.warnings(), "warning", "warnings")
        );
    }
}

/// "1 article", "2 articles": a count and its noun, for the summary lines.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn run_eval(args: EvalArgs, verbose: bool) -> anyhow::Result<()> {
    let settings = args.site.settings()?;
    let report = briefing::eval::evaluate(&args.references, &settings.content_dir)?;
    if verbose {
        for line in &report.wrong {
            println!("{line}");
        }
    }
    print!("{report}");
    Ok(())
}

/// mimalloc instead of glibc's allocator: a build allocates and frees
/// millions of small strings and lists from several threads at once (the
/// search index alone holds about 3 million page-word lists at 10,000
/// articles), where glibc's allocator spent a quarter of the build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
