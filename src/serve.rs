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

use crate::build::{BuildOptions, Settings, build};
use crate::error::BuildError;

/// Where the page script that listens for rebuilds is served.
pub const LIVE_RELOAD_SCRIPT: &str = "/__briefing/live.js";
const EVENTS: &str = "/__briefing/events";

const SCRIPT: &str = r#"// Reloads the page when briefing serve has rebuilt the site, and shows a
// build error in a banner until the next good build.
(function () {
  var events = new EventSource("/__briefing/events");
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

/// What changed and how the rebuild went, for open pages.
#[derive(Clone, Debug)]
enum Rebuilt {
    Ok,
    Failed(String),
}

pub fn serve(
    options: ServeOptions,
    on_ready: impl FnOnce(&str),
    on_rebuild: impl Fn(Result<usize, &BuildError>) + Send + 'static,
) -> Result<(), BuildError> {
    let settings = Settings::resolve(&options.build)?;
    let scratch = tempfile::tempdir().map_err(|e| BuildError::io(std::env::temp_dir(), e))?;
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
    let first = match build(&build_options) {
        Ok(report) => {
            on_rebuild(Ok(report.articles));
            Rebuilt::Ok
        }
        Err(error) => {
            on_rebuild(Err(&error));
            std::fs::create_dir_all(&out).map_err(|e| BuildError::io(&out, e))?;
            let page = out.join("index.html");
            std::fs::write(&page, FAILED_PAGE).map_err(|e| BuildError::io(&page, e))?;
            Rebuilt::Failed(error.to_string())
        }
    };

    let (events, _) = broadcast::channel::<Rebuilt>(16);
    let last = Arc::new(Mutex::new(first));
    // Watching starts before the address is announced, so no save is missed.
    let (watcher, saves) = start_watching(&watched_paths(&settings))?;
    let (sender, latest) = (events.clone(), last.clone());
    std::thread::spawn(move || {
        let _watching = watcher;
        rebuild_on_save(&saves, &build_options, &sender, &latest, on_rebuild)
    });

    let app = router(&out, &base_path, events, last);
    on_ready(&local_url);
    runtime
        .block_on(async move { axum::serve(listener, app).await })
        .map_err(|e| BuildError::io(&out, e))?;
    drop(scratch);
    Ok(())
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
) -> Result<(notify::RecommendedWatcher, std::sync::mpsc::Receiver<()>), BuildError> {
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
            let _ = tx.send(());
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

fn rebuild_on_save(
    saves: &std::sync::mpsc::Receiver<()>,
    options: &BuildOptions,
    events: &broadcast::Sender<Rebuilt>,
    last: &Mutex<Rebuilt>,
    on_rebuild: impl Fn(Result<usize, &BuildError>),
) {
    while saves.recv().is_ok() {
        // An editor's save is several events: wait for them to settle, then
        // build once.
        while saves.recv_timeout(Duration::from_millis(30)).is_ok() {}
        let state = match build(options) {
            Ok(report) => {
                on_rebuild(Ok(report.articles));
                Rebuilt::Ok
            }
            Err(error) => {
                on_rebuild(Err(&error));
                Rebuilt::Failed(error.to_string())
            }
        };
        if let Ok(mut last) = last.lock() {
            *last = state.clone();
        }
        let _ = events.send(state);
    }
}
