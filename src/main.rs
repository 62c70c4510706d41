//! The command line: parses arguments, runs the library, prints the outcome.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use briefing::build::{BuildOptions, build};

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
    /// Build the site into the output folder (default: public/)
    Build(BuildArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// The site's root folder, holding site.toml
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The configuration file (default: ROOT/site.toml)
    #[arg(long)]
    config: Option<PathBuf>,
    /// The content folder (default: from site.toml, `content`)
    #[arg(long)]
    content: Option<PathBuf>,
    /// The output folder (default: from site.toml, `public`)
    #[arg(long)]
    output: Option<PathBuf>,
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
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_build(args: BuildArgs, quiet: bool, verbose: bool) -> anyhow::Result<()> {
    let options = BuildOptions {
        root: args.root,
        config: args.config,
        content: args.content,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let report = build(&options)?;
    if verbose {
        eprintln!("output: {}", report.output.display());
    }
    if !quiet {
        println!(
            "Built {} files ({} articles) into {} in {:.2} s",
            report.files,
            report.articles,
            report.output.display(),
            report.elapsed.as_secs_f64()
        );
    }
    Ok(())
}
