//! `briefing serve`: builds the site into a scratch folder, serves it on
//! loopback under the base URL's path (as GitHub Pages would), rebuilds when
//! a source changes, and tells open pages to reload, or shows the error.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::get;
use notify::{EventKind, RecursiveMode, Watcher, event::ModifyKind};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tower_http::services::{ServeDir, ServeFile};

use crate::build::{BuildOptions, Changed, Deferred, Memo, Settings, rebuild};
use crate::error::BuildError;

/// Where the page script that listens for rebuilds is served.
pub const LIVE_RELOAD_SCRIPT: &str = "/__briefing/live.js";
const EVENTS: &str = "/__briefing/events";

const SCRIPT: &str = r#"// Reloads the page when briefing serve has rebuilt the site, and shows a
// build error in a banner until the next good build.
(function () {
  var events = new EventSource("/__briefing/events");
  // Marks the page as listening, for tests and the curious.
  events.addEventListener("open", function () {
    document.documentElement.dataset.briefingLive = "connected";
  });
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("failed", function (e) {
    var banner = document.getElementById("briefing-error");
    if (!banner) {
      banner = document.createElement("pre");
      banner.id = "briefing-error";
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;z-index:9999;left:0;right:0;top:0;margin:0;" +
        "padding:1em;max-height:50vh;overflow:auto;white-space:pre-wrap;" +
        "background:#7a0b0b;color:#fff;font:14px/1.4 monospace";
      document.body.appendChild(banner);
    }
    banner.textContent = "briefing: the build failed\n\n" + e.data;
  });
})();
"#;

/// What is served until a first build succeeds.
const FAILED_PAGE: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>The build failed</title>\
<script src=\"/__briefing/live.js\" defer></script><p>The build failed: the error is in the terminal \
and above. This page reloads when a save fixes it.</p></html>\n";

pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: std::net::IpAddr,
    /// 0 picks a free port.
    pub port: u16,
}

/// What `serve` reports as it goes, for the terminal.
pub enum Progressed<'a> {
    Built {
        report: &'a crate::build::BuildReport,
        /// Article pages rendered again (all of them after a full build).
        article_pages: usize,
    },
    Failed(&'a BuildError),
    /// The printed briefing and the search index, made after the pages.
    FinishedLater {
        articles: usize,
        elapsed: Duration,
        report: crate::build::LaterReport,
    },
    LaterFailed(&'a BuildError),
}

/// What changed and how the rebuild went, for open pages.
#[derive(Clone, Debug)]
enum Rebuilt {
    Ok,
    Failed(String),
}

pub fn serve(
    options: ServeOptions,
    on_ready: impl FnOnce(&str),
    on_rebuild: impl Fn(Progressed<'_>) + Send + Sync + 'static,
) -> Result<(), BuildError> {
    let on_rebuild = Arc::new(on_rebuild);
    let settings = Settings::resolve(&options.build)?;
    let scratch = tempfile::Builder::new()
        .prefix("briefing-serve-")
        .tempdir()
        .map_err(|e| BuildError::io(std::env::temp_dir(), e))?;
    let marker = scratch.path().join(SCRATCH_MARKER);
    std::fs::write(&marker, "").map_err(|e| BuildError::io(&marker, e))?;
    let out = scratch.path().join("site");
    let runtime = tokio::runtime::Runtime::new().map_err(|e| BuildError::io(&out, e))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(SocketAddr::new(
            options.bind,
            options.port,
        )))
        .map_err(|e| {
            BuildError::io(
                PathBuf::from(format!("{}:{}", options.bind, options.port)),
                e,
            )
        })?;
    let address = listener.local_addr().map_err(|e| BuildError::io(&out, e))?;
    let base_path = settings.config.base_path().to_string();
    let local_url = format!("http://{address}{base_path}");
    let build_options = BuildOptions {
        output: Some(out.clone()),
        base_url: Some(local_url.clone()),
        live_reload: Some(LIVE_RELOAD_SCRIPT.into()),
        // The scratch folder is ours, the failed-build page included.
        force: true,
        ..options.build.clone()
    };
    // A first build that fails still serves a page, which shows the error
    // and reloads when a save fixes it.
    let mut memo = Memo::default();
    let indexer = SearchIndexer::start(on_rebuild.clone());
    let first = match build_once(
        &build_options,
        &mut memo,
        Changed::Anything,
        &indexer,
        &*on_rebuild,
    ) {
        Ok(()) => Rebuilt::Ok,
        Err(error) => {
            std::fs::create_dir_all(&out).map_err(|e| BuildError::io(&out, e))?;
            let page = out.join("index.html");
            std::fs::write(&page, FAILED_PAGE).map_err(|e| BuildError::io(&page, e))?;
            Rebuilt::Failed(error.to_string())
        }
    };

    let options_bind = options.bind;
    let (events, _) = broadcast::channel::<Rebuilt>(16);
    let last = Arc::new(Mutex::new(first));
    // Watching starts before the address is announced, so no save is missed.
    let (watcher, saves) = start_watching(&watched_paths(&settings))?;
    let (sender, latest) = (events.clone(), last.clone());
    let content_only = [settings.content_dir.clone(), settings.articles_dir.clone()];
    std::thread::spawn(move || {
        let _watching = watcher;
        let saved = Saved {
            saves: &saves,
            content_only: &content_only,
        };
        rebuild_on_save(
            &saved,
            &build_options,
            &mut memo,
            &indexer,
            &sender,
            &latest,
            &*on_rebuild,
        )
    });

    let app = router(&out, &base_path, events, last).layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| async move {
            let host = request
                .headers()
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("");
            if host_is_ours(host, options_bind) {
                next.run(request).await
            } else {
                // DNS rebinding: a page of another site that resolves its own
                // name to this address must not read the site or the events.
                (
                    StatusCode::MISDIRECTED_REQUEST,
                    "briefing serve answers only requests addressed to this machine\n",
                )
                    .into_response()
            }
        },
    ));
    on_ready(&local_url);
    let served = runtime.block_on(async move {
        tokio::select! {
            served = axum::serve(listener, app) => served,
            () = stop_signal() => Ok(()),
        }
    });
    // Open pages keep their live-reload connections forever: stop at once
    // rather than wait for them, and leave no scratch site behind.
    runtime.shutdown_background();
    remove_in_background(scratch.keep());
    served.map_err(|e| BuildError::io(&out, e))
}

/// Marks a folder as serve's scratch site: the only kind `remove_scratch`
/// removes.
const SCRATCH_MARKER: &str = ".briefing-serve-scratch";

/// A scratch site of 10,000 articles holds tens of thousands of files and
/// takes about half a second to remove: a detached `briefing
/// remove-scratch` does it, so Ctrl-C gives the prompt back at once. When
/// that cannot be started, the folder is removed here.
fn remove_in_background(scratch: PathBuf) {
    let helper = std::env::current_exe().and_then(|exe| {
        let mut command = std::process::Command::new(exe);
        command
            .arg("remove-scratch")
            .arg(&scratch)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        // Its own process group: the terminal's Ctrl-C must not stop it.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        command.spawn()
    });
    if helper.is_err() {
        let _ = remove_scratch(&scratch);
    }
}

/// Removes a folder `serve` made for its scratch site, and nothing else: a
/// folder without serve's marker is refused.
pub fn remove_scratch(dir: &Path) -> Result<(), BuildError> {
    if !dir.join(SCRATCH_MARKER).is_file() {
        return Err(BuildError::Output {
            path: dir.to_path_buf(),
            message: "not a scratch site of `briefing serve`; nothing removed".into(),
        });
    }
    crate::output::remove_in_parallel(dir)
}

/// Ctrl-C, or (on Unix) the SIGTERM a service manager or `kill` sends.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut terminate) = signal(SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Whether a Host header names this server: 127.0.0.1, localhost, [::1]
/// or the address it was bound to, with or without a port.
fn host_is_ours(host: &str, bind: std::net::IpAddr) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inside, port)) if port.is_empty() || port.starts_with(':') => inside,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        }
    };
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "127.0.0.1" | "localhost" | "::1")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip == bind && !ip.is_unspecified())
}

fn router(
    out: &Path,
    base_path: &str,
    events: broadcast::Sender<Rebuilt>,
    last: Arc<Mutex<Rebuilt>>,
) -> Router {
    let site = ServeDir::new(out)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(out.join("404.html")));
    let mut app = Router::new()
        .route(
            LIVE_RELOAD_SCRIPT,
            get(|| async { ([("content-type", "text/javascript; charset=utf-8")], SCRIPT) }),
        )
        .route(
            EVENTS,
            get(move || {
                // A page opened while the build is broken shows the error at once.
                let now = match last.lock().map(|l| l.clone()) {
                    Ok(Rebuilt::Failed(message)) => Some(Rebuilt::Failed(message)),
                    _ => None,
                };
                let updates = BroadcastStream::new(events.subscribe()).filter_map(Result::ok);
                let stream = tokio_stream::iter(now).chain(updates).map(|event| {
                    {
                        Ok::<_, std::convert::Infallible>(match event {
                            Rebuilt::Ok => Event::default().event("reload").data("ok"),
                            Rebuilt::Failed(message) => {
                                Event::default().event("failed").data(message)
                            }
                        })
                    }
                });
                async move { Sse::new(stream).keep_alive(KeepAlive::default()) }
            }),
        );
    if base_path == "/" {
        app = app.fallback_service(site);
    } else {
        let trimmed = base_path.trim_end_matches('/').to_string();
        let home = base_path.to_string();
        let not_found = out.join("404.html");
        app = app
            .route(
                "/",
                get(move || async move { Redirect::temporary(&home).into_response() }),
            )
            .nest_service(&trimmed, site)
            // Outside the site's path: GitHub Pages' answer, the site's 404.
            .fallback(move || {
                let page = std::fs::read_to_string(&not_found).unwrap_or_default();
                async move { (StatusCode::NOT_FOUND, Html(page)) }
            });
    }
    app
}

/// The sources a rebuild depends on: raw articles, content, templates,
/// theme and the settings file.
fn watched_paths(settings: &Settings) -> Vec<PathBuf> {
    let root = &settings.root;
    [
        settings.articles_dir.clone(),
        settings.content_dir.clone(),
        root.join("templates"),
        root.join("theme"),
        settings.config.path.clone(),
    ]
    .into_iter()
    .filter(|p| p.exists())
    .collect()
}

/// Watches `paths`; the receiver gets one message per change to a source.
fn start_watching(
    paths: &[PathBuf],
) -> Result<
    (
        notify::RecommendedWatcher,
        std::sync::mpsc::Receiver<Vec<PathBuf>>,
    ),
    BuildError,
> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Only what changes a source: a build reads every file, and reading
        // must not start another build.
        if let Ok(event) = event
            && matches!(
                event.kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(
                        ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any
                    )
            )
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| BuildError::io(PathBuf::from("."), std::io::Error::other(e)))?;
    for path in paths {
        watcher
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| BuildError::io(path, std::io::Error::other(e)))?;
    }
    Ok((watcher, rx))
}

/// Saves as the watcher reports them.
struct Saved<'a> {
    saves: &'a std::sync::mpsc::Receiver<Vec<PathBuf>>,
    /// Folders whose changes need only the affected pages rebuilt; a change
    /// anywhere else (templates, theme, site.toml) rebuilds everything.
    content_only: &'a [PathBuf],
}

impl Saved<'_> {
    /// Waits for a save and the events that follow it (an editor's save is
    /// several); returns the paths changed and whether anything outside the
    /// content changed, or None when the watcher stopped.
    fn next(&self) -> Option<(Vec<PathBuf>, bool)> {
        let mut paths = self.saves.recv().ok()?;
        while let Ok(more) = self.saves.recv_timeout(Duration::from_millis(30)) {
            paths.extend(more);
        }
        let everything = paths
            .iter()
            .any(|path| !self.content_only.iter().any(|dir| path.starts_with(dir)));
        Some((paths, everything))
    }
}

fn rebuild_on_save(
    saved: &Saved<'_>,
    options: &BuildOptions,
    memo: &mut Memo,
    indexer: &SearchIndexer,
    events: &broadcast::Sender<Rebuilt>,
    last: &Mutex<Rebuilt>,
    on_rebuild: &(dyn Fn(Progressed<'_>) + Send + Sync),
) {
    while let Some((paths, everything)) = saved.next() {
        let changed = if everything {
            Changed::Anything
        } else {
            Changed::Content(&paths)
        };
        let state = match build_once(options, memo, changed, indexer, on_rebuild) {
            Ok(()) => Rebuilt::Ok,
            Err(error) => Rebuilt::Failed(error.to_string()),
        };
        if let Ok(mut last) = last.lock() {
            *last = state.clone();
        }
        let _ = events.send(state);
    }
}

/// One rebuild; the search index, if the articles changed, is handed to
/// the indexer to make after the pages are served.
fn build_once(
    options: &BuildOptions,
    memo: &mut Memo,
    changed: Changed<'_>,
    indexer: &SearchIndexer,
    on_rebuild: &(dyn Fn(Progressed<'_>) + Send + Sync),
) -> Result<(), BuildError> {
    // The indexer writes into the served folder: a rebuild waits for it.
    let _writing = indexer.writing.lock();
    match rebuild(options, memo, changed) {
        Ok(done) => {
            on_rebuild(Progressed::Built {
                report: &done.report,
                article_pages: done.article_pages,
            });
            if let Some(update) = done.later {
                indexer.submit(update, done.report.articles);
            }
            Ok(())
        }
        Err(error) => {
            on_rebuild(Progressed::Failed(&error));
            Err(error)
        }
    }
}

/// Work handed to the indexer, with the site's article count.
type Pending = (Deferred, usize);

/// Makes the printed briefing and search index on a thread of its own, the
/// newest request only: at 10,000 articles an index takes tens of seconds,
/// and pages are served rebuilt long before.
struct SearchIndexer {
    pending: Arc<(Mutex<Option<Pending>>, std::sync::Condvar)>,
    writing: Arc<Mutex<()>>,
}

impl SearchIndexer {
    fn start(on_rebuild: Arc<dyn Fn(Progressed<'_>) + Send + Sync>) -> Self {
        let indexer = SearchIndexer {
            pending: Arc::default(),
            writing: Arc::default(),
        };
        let (pending, writing) = (indexer.pending.clone(), indexer.writing.clone());
        std::thread::spawn(move || {
            lower_this_thread_priority();
            // Its parallel work gets threads of its own, as low: on the
            // shared pool it would hold up the next rebuild's pages. One a
            // core (rayon's default): at the lowered priority a rebuild
            // still takes the processor from them.
            let pool = rayon::ThreadPoolBuilder::new()
                .thread_name(|_| "briefing-search-index".into())
                .start_handler(|_| lower_this_thread_priority())
                .build();
            loop {
                let (update, articles) = {
                    let (slot, ready) = &*pending;
                    let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
                    loop {
                        if let Some(next) = slot.take() {
                            break next;
                        }
                        slot = ready.wait(slot).unwrap_or_else(|e| e.into_inner());
                    }
                };
                let started = std::time::Instant::now();
                // Only writing waits for rebuilds, not the indexing.
                let made = match &pool {
                    Ok(pool) => pool.install(|| update.make()),
                    Err(_) => update.make(),
                };
                let written = made.and_then(|index| {
                    let _writing = writing.lock().unwrap_or_else(|e| e.into_inner());
                    index.write()
                });
                match written {
                    Ok(report) => on_rebuild(Progressed::FinishedLater {
                        articles,
                        elapsed: started.elapsed(),
                        report,
                    }),
                    Err(error) => on_rebuild(Progressed::LaterFailed(&error)),
                }
            }
        });
        indexer
    }

    fn submit(&self, update: Deferred, articles: usize) {
        let (slot, ready) = &*self.pending;
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some((update, articles));
        ready.notify_one();
    }
}

/// Makes the calling thread (and the threads it starts) yield the processor
/// to rebuilds: the search index of a large site takes tens of seconds and
/// must not slow the next save's rebuild.
fn lower_this_thread_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid has no preconditions; setpriority on this thread's id
    // changes only its scheduling priority (per thread on Linux).
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hosts_that_name_this_machine_are_served() {
        let loopback: std::net::IpAddr = "127.0.0.1".parse().unwrap();
        for host in [
            "127.0.0.1:1111",
            "localhost:8080",
            "[::1]:1111",
            "localhost",
            "LOCALHOST:1",
        ] {
            assert!(host_is_ours(host, loopback), "{host}");
        }
        for host in [
            "evil.com",
            "evil.com:1111",
            "127.0.0.1.evil.com",
            "",
            "[::1]x",
            "10.0.0.5:1111",
        ] {
            assert!(!host_is_ours(host, loopback), "{host}");
        }
        let lan: std::net::IpAddr = "10.0.0.5".parse().unwrap();
        assert!(host_is_ours("10.0.0.5:1111", lan));
    }
}
