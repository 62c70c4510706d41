//! `briefing pdf`: builds the site, prints the briefing page (or one
//! country's chapter) with headless Chromium or Chrome, and puts the PDF in
//! the output folder before the new site is swapped in, or where `--output`
//! says.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, BuildReport, PrintRequest, Staged, build_with};
use crate::config::Paper;
use crate::error::BuildError;
use crate::render::{FileKind, OutputFile};

mod server;

use server::PrintServer;

/// Browsers tried on PATH, in order.
pub const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The variable naming a browser when it is not on PATH.
pub const BROWSER_VARIABLE: &str = "BRIEFING_CHROME";

/// How long one print may take before the browser is stopped.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(
        "no Chromium or Chrome found to print with: install one (Debian or Ubuntu: \
         `sudo apt-get install chromium`; macOS: `brew install --cask chromium`), \
         or give its path with --chrome PATH or {BROWSER_VARIABLE}=PATH"
    )]
    NoBrowser,

    #[error("{}: no such browser program", path.display())]
    BadBrowser { path: PathBuf },

    #[error("{} could not print {page}: {detail}", browser.display())]
    Failed {
        browser: PathBuf,
        page: String,
        detail: String,
    },

    #[error(transparent)]
    Build(#[from] BuildError),
}

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    pub build: BuildOptions,
    /// Where the PDF goes; by default into the output folder, which then
    /// links to it.
    pub output: Option<PathBuf>,
    /// The browser, when not found on PATH.
    pub chrome: Option<PathBuf>,
    pub paper: Option<Paper>,
    /// Print only this country's chapter.
    pub country: Option<String>,
}

#[derive(Debug)]
pub struct PdfReport {
    pub build: BuildReport,
    pub pdf: PathBuf,
    pub bytes: usize,
    pub browser: PathBuf,
    pub printing: Duration,
    /// Requests the printing browser made for files outside the site or for
    /// other hosts, refused (images that the PDF therefore lacks).
    pub refused: usize,
}

/// The browser to print with: `--chrome`, then `BRIEFING_CHROME`, then the
/// first of [`BROWSERS`] on PATH.
pub fn find_browser(explicit: Option<&Path>) -> Result<PathBuf, PrintError> {
    let named = explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os(BROWSER_VARIABLE).map(PathBuf::from))
        .filter(|p| !p.as_os_str().is_empty());
    if let Some(path) = named {
        return which::which(&path).map_err(|_| PrintError::BadBrowser { path });
    }
    BROWSERS
        .iter()
        .find_map(|name| which::which(name).ok())
        .ok_or(PrintError::NoBrowser)
}

/// `--output` replaces a PDF, never another file: a slip such as
/// `-o site.toml` must not destroy the site's configuration.
fn check_replaceable_pdf(file: &Path) -> Result<(), BuildError> {
    let refuse = |message: &str| {
        Err(BuildError::Output {
            path: file.to_path_buf(),
            message: message.into(),
        })
    };
    if file.is_dir() {
        return refuse("is a folder; name the PDF file to write, e.g. briefing.pdf");
    }
    match std::fs::File::open(file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(BuildError::io(file, e)),
        Ok(mut existing) => {
            let mut head = [0u8; 5];
            let is_pdf =
                std::io::Read::read_exact(&mut existing, &mut head).is_ok() && &head == b"%PDF-";
            let is_empty = existing.metadata().is_ok_and(|m| m.len() == 0);
            if is_pdf || is_empty {
                Ok(())
            } else {
                refuse("exists and is not a PDF; briefing pdf only replaces PDF files")
            }
        }
    }
}

/// Builds, prints, and places the PDF. Without a browser nothing is built.
pub fn pdf(options: &PdfOptions) -> Result<PdfReport, PrintError> {
    if let Some(file) = &options.output {
        check_replaceable_pdf(file)?;
    }
    let browser = find_browser(options.chrome.as_deref())?;
    let mut build = options.build.clone();
    build.print = PrintRequest {
        paper: options.paper,
        country: options.country.clone(),
        pdf_in_output: options.output.is_none(),
    };
    // A PDF asked for elsewhere leaves the published site alone: the site is
    // built into a temporary folder just to be printed.
    let scratch = match &options.output {
        Some(_) => {
            let dir = tempfile::tempdir().map_err(|e| BuildError::io(std::env::temp_dir(), e))?;
            build.output = Some(dir.path().join("site"));
            Some(dir)
        }
        None => None,
    };
    let mut printed: Option<(PathBuf, usize, Duration, usize)> = None;
    let report = build_with(&build, |staged: &Staged<'_>| -> Result<(), PrintError> {
        let started = Instant::now();
        let page = staged.staging.dir().join(&staged.page);
        // The browser sees the staged site through this server only.
        let server = PrintServer::start(staged.staging.dir())
            .map_err(|e| BuildError::io(staged.staging.dir(), e))?;
        let mut bytes = print_page(&browser, &server, &staged.page)?;
        // Chromium cannot number the contents itself (no `target-counter`):
        // the first printing's bookmarks say where each part starts, the
        // page gets those numbers, and is printed again. The numbers take
        // no extra lines, so the pages stay where they were.
        if staged.whole {
            let html = std::fs::read_to_string(&page).map_err(|e| BuildError::io(&page, e))?;
            if let Some(numbered) = number_contents(&bytes, &html, &staged.contents) {
                staged.staging.write(OutputFile {
                    path: staged.page.clone(),
                    bytes: numbered.into_bytes(),
                    kind: FileKind::Other,
                })?;
                bytes = print_page(&browser, &server, &staged.page)?;
            }
        }
        let size = bytes.len();
        let target = match &options.output {
            Some(file) => {
                write_file(file, &bytes)?;
                file.clone()
            }
            None => {
                staged.staging.write(OutputFile {
                    path: staged.pdf.clone(),
                    bytes,
                    kind: FileKind::Other,
                })?;
                PathBuf::from(&staged.pdf)
            }
        };
        printed = Some((target, size, started.elapsed(), server.refused()));
        Ok(())
    })?;
    drop(scratch);
    let (mut pdf, bytes, printing, refused) =
        printed.expect("the build calls its hook before it ends");
    if options.output.is_none() {
        pdf = report.output.join(pdf);
    }
    Ok(PdfReport {
        build: report,
        pdf,
        bytes,
        browser,
        printing,
        refused,
    })
}

/// Prints the staged page `name` to PDF bytes, with the outline made from
/// its headings and without the browser's own header and footer. The
/// browser reaches only `server`: every request, to any host or scheme,
/// goes through it as a proxy, and it serves the staged site alone.
fn print_page(browser: &Path, server: &PrintServer, name: &str) -> Result<Vec<u8>, PrintError> {
    let failed = |detail: String| PrintError::Failed {
        browser: browser.to_path_buf(),
        page: name.to_string(),
        detail,
    };
    let url = server.url_of(name);
    let work = tempfile::tempdir().map_err(|e| BuildError::io(std::env::temp_dir(), e))?;
    let pdf = work.path().join("briefing.pdf");
    let log = work.path().join("browser.log");
    let log_file = std::fs::File::create(&log).map_err(|e| BuildError::io(&log, e))?;
    let mut command = Command::new(browser);
    command
        .arg("--headless")
        .arg("--disable-gpu")
        .arg("--disable-dev-shm-usage")
        .arg("--disable-extensions")
        .arg("--disable-background-networking")
        .arg("--no-first-run")
        .arg("--no-default-browser-check")
        .arg("--no-pdf-header-footer")
        .arg("--generate-pdf-document-outline")
        // Nothing but the print server: loopback included (`<-loopback>`
        // takes away the browser's own exception for it), no name ever
        // looked up, no background requests.
        .arg(format!("--proxy-server={}", server.proxy()))
        .arg("--proxy-bypass-list=<-loopback>")
        .arg("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
        .arg("--disable-component-update")
        .arg("--disable-sync")
        .arg("--disable-quic")
        .arg(format!(
            "--user-data-dir={}",
            work.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()));
    if running_as_root() {
        // Chromium refuses to start its sandbox as root (containers, CI).
        command.arg("--no-sandbox");
    }
    command
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file);
    let mut child = command
        .spawn()
        .map_err(|e| failed(format!("could not start it: {e}")))?;
    use wait_timeout::ChildExt;
    let status = match child
        .wait_timeout(PRINT_TIMEOUT)
        .map_err(|e| failed(e.to_string()))?
    {
        Some(status) => status,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(failed(format!(
                "printing took longer than {} s, so it was stopped",
                PRINT_TIMEOUT.as_secs()
            )));
        }
    };
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(5).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(failed(format!(
            "{status}, no PDF written{}{}",
            if tail.is_empty() {
                ""
            } else {
                "; it said:\n  "
            },
            tail.join("\n  ")
        )));
    }
    Ok(bytes)
}

/// `html` with the page number of each contents entry filled in, from the
/// PDF's bookmarks; `None` when the PDF has none to match.
fn number_contents(pdf: &[u8], html: &str, entries: &[(String, String)]) -> Option<String> {
    let document = lopdf::Document::load_mem(pdf).ok()?;
    let toc = document.get_toc().ok()?;
    let normal = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut pages: HashMap<&str, usize> = HashMap::new();
    let mut from = 0;
    for (id, title) in entries {
        let title = normal(title);
        if let Some(k) = toc.toc[from..]
            .iter()
            .position(|t| normal(&t.title) == title)
        {
            pages.insert(id, toc.toc[from + k].page);
            from += k + 1;
        }
    }
    if pages.is_empty() {
        return None;
    }
    Some(fill_page_refs(html, &pages))
}

/// `html` with each `<span class="page-ref" data-ref="ID"></span>` holding
/// the page of ID. The minifier may drop attribute quotes and reorder
/// attributes.
fn fill_page_refs(html: &str, pages: &HashMap<&str, usize>) -> String {
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"<span ([^<>]*)></span>"#).expect("the placeholder pattern compiles")
    });
    static REF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?:^| )data-ref="?([a-z0-9-]+)"?(?: |$)"#).expect("the pattern compiles")
    });
    static PAGE_REF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?:^| )class="?page-ref"?(?: |$)"#).expect("the pattern compiles")
    });
    let numbered = PLACEHOLDER.replace_all(html, |caps: &regex::Captures<'_>| {
        let attributes = &caps[1];
        let page = REF
            .captures(attributes)
            .filter(|_| PAGE_REF.is_match(attributes))
            .and_then(|r| pages.get(&r[1]))
            .map(|p| p.to_string())
            .unwrap_or_default();
        format!("<span {attributes}>{page}</span>")
    });
    numbered.into_owned()
}

/// Writes `file` whole or not at all.
fn write_file(file: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temporary =
        tempfile::NamedTempFile::new_in(parent).map_err(|e| BuildError::io(parent, e))?;
    std::io::Write::write_all(&mut temporary, bytes).map_err(|e| BuildError::io(file, e))?;
    temporary
        .persist(file)
        .map_err(|e| BuildError::io(file, e.error))?;
    Ok(())
}

#[cfg(target_os = "linux")]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[cfg(not(target_os = "linux"))]
fn running_as_root() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_placeholders_get_their_page_whatever_the_attribute_order() {
        let pages = HashMap::from([("chapter-iran", 4), ("summary", 3)]);
        let html = "<span class=page-ref data-ref=summary></span> \
                    <span data-ref=\"chapter-iran\" class=page-ref></span> \
                    <span data-ref=chapter-iran></span><span class=page-ref data-ref=x></span>";
        assert_eq!(
            fill_page_refs(html, &pages),
            "<span class=page-ref data-ref=summary>3</span> \
             <span data-ref=\"chapter-iran\" class=page-ref>4</span> \
             <span data-ref=chapter-iran></span><span class=page-ref data-ref=x></span>"
        );
    }
}
