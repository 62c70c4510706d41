//! `briefing serve`: serves the site under its sub-path on loopback, never
//! a file outside it, rebuilds when an article is saved, and reports a
//! broken article to open pages while it keeps serving.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;

fn start(root: &std::path::Path) -> Server {
    start_server(root, &[], &[])
}

/// Status and body of GET `path`, sent exactly as written.
fn get(server: &Server, path: &str) -> (u16, String) {
    get_as(server, path, &server.address)
}

/// The same, with the Host header a browser would send for `host`.
fn get_as(server: &Server, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

fn sample_copy() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    copy_sample(site.path());
    site
}

const ARTICLE: &str = "/briefing/articles/azerbaijan-and-iran-discuss-joint-military-projects/";

#[test]
fn serves_under_the_sub_path_and_nothing_outside_the_site() {
    let site = sample_copy();
    let server = start(site.path());
    let (status, page) = get(&server, ARTICLE);
    assert_eq!(status, 200);
    assert!(
        page.contains("/__briefing/live.js"),
        "pages load the reload script"
    );
    assert_eq!(get(&server, "/briefing/").0, 200);
    for outside in [
        "/briefing/../site.toml",
        "/briefing/%2e%2e/site.toml",
        "/briefing/..%2fsite.toml",
        "/briefing/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/site.toml",
        "/briefing/no-such-page/",
    ] {
        let (status, body) = get(&server, outside);
        assert_eq!(status, 404, "{outside}");
        assert!(!body.contains("base_url"), "{outside} served site.toml");
    }
}

/// DNS rebinding: a page on another site whose name now points here sends
/// its own Host header; it gets neither the site nor the build's events.
#[test]
fn requests_for_another_host_are_refused_with_421() {
    let site = sample_copy();
    let server = start(site.path());
    for path in ["/briefing/", "/__briefing/events", ARTICLE] {
        let (status, body) = get_as(&server, path, "evil.com");
        assert_eq!(status, 421, "{path}");
        assert!(
            !body.contains("<html") && !body.contains("event:"),
            "{path}: {body}"
        );
    }
    let port = server.address.rsplit(':').next().unwrap();
    assert_eq!(
        get_as(&server, "/briefing/", &format!("localhost:{port}")).0,
        200
    );
}

#[test]
fn a_saved_article_is_served_rebuilt_and_a_broken_one_is_reported() {
    let site = sample_copy();
    let server = start(site.path());
    let file = site
        .path()
        .join("content/azerbaijan-and-iran-discuss-joint-military-projects.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("title: ", "title: \"Edited while serving\" #", 1);
    std::fs::write(&file, &edited).unwrap();
    wait_for_text(&server, ARTICLE, "Edited while serving");

    // A broken article: the events stream says so, and the site stays up.
    let mut events = TcpStream::connect(&server.address).unwrap();
    write!(
        events,
        "GET /__briefing/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.address
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    write(
        &site.path().join("content/zz-broken.md"),
        "---\ntitle: [broken\n---\n",
    );
    events.set_read_timeout(Some(WAIT)).unwrap();
    let mut seen = String::new();
    let mut buffer = [0; 4096];
    while !seen.contains("event: failed") {
        let n = events.read(&mut buffer).expect("an event within the wait");
        assert!(n > 0, "stream closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    assert!(seen.contains("zz-broken.md:2:"), "{seen}");
    assert_eq!(get(&server, ARTICLE).0, 200);
}

/// How long a test waits for the server before it fails: generous, since
/// CI machines are busy and a slow rebuild is not a wrong one.
const WAIT: Duration = Duration::from_secs(60);

/// Waits until GET `path` holds `text`, polling, or fails after [`WAIT`].
fn wait_for_text(server: &Server, path: &str, text: &str) {
    let started = Instant::now();
    while !get(server, path).1.contains(text) {
        assert!(started.elapsed() < WAIT, "{path} never showed {text:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_rebuild_after_a_save_updates_every_page_that_shows_the_article() {
    let site = sample_copy();
    let server = start(site.path());
    let file = site
        .path()
        .join("content/azerbaijan-and-iran-discuss-joint-military-projects.md");
    let text = std::fs::read_to_string(&file).unwrap();
    // Twice: the first save may rebuild everything, the second rebuilds
    // only what the article affects.
    for title in ["First new title", "Second new title"] {
        let edited = text.replacen("title: ", &format!("title: \"{title}\" #"), 1);
        std::fs::write(&file, &edited).unwrap();
        wait_for_text(&server, ARTICLE, title);
        for page in [
            "/briefing/",
            "/briefing/articles/",
            "/briefing/countries/iran/",
            "/briefing/topics/energy/",
            // Made after the pages are served.
            "/briefing/briefing/",
        ] {
            wait_for_text(&server, page, title);
        }
    }
    // Another article's page was not touched, and still shows its own title.
    let other =
        "/briefing/articles/iran-and-azerbaijan-are-improving-cooperation-in-various-areas/";
    let (status, body) = get(&server, other);
    assert_eq!(status, 200);
    assert!(body.contains("Iran and Azerbaijan are improving cooperation"));
    assert!(!body.contains("Second new title"));
}

#[cfg(unix)]
#[test]
fn open_hands_the_served_address_to_the_web_browser() {
    use std::os::unix::fs::PermissionsExt;
    let site = sample_copy();
    let scratch = tempfile::tempdir().unwrap();
    let opened = scratch.path().join("opened");
    let browser = scratch.path().join("browser");
    write(
        &browser,
        &format!("#!/bin/sh\necho \"$1\" > {}\n", opened.display()),
    );
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = start_server(
        site.path(),
        &["--open"],
        &[("BROWSER", browser.to_str().unwrap())],
    );
    let started = Instant::now();
    // The file appears, then the script writes the address into it.
    let url = loop {
        let url = std::fs::read_to_string(&opened).unwrap_or_default();
        if url.ends_with('\n') {
            break url;
        }
        assert!(started.elapsed() < WAIT, "no browser opened");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(url.trim(), format!("http://{}/briefing/", server.address));
}

/// The Last-Modified header of GET `path`.
fn last_modified(server: &Server, path: &str) -> String {
    let (status, response) = get(server, path);
    assert_eq!(status, 200, "{path}");
    response
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("last-modified")
                .then(|| value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("{path}: no Last-Modified"))
}

#[test]
fn a_save_that_moves_an_article_leaves_the_other_article_pages_as_they_were() {
    let site = sample_copy();
    let server = start(site.path());
    let other =
        "/briefing/articles/azerbaijan-and-russia-discuss-trade-at-the-caspian-economic-forum/";
    let moved =
        "/briefing/articles/iranian-and-azerbaijani-foreign-ministers-discuss-relations-by-phone/";
    let before = last_modified(&server, other);
    // Last-Modified counts whole seconds.
    std::thread::sleep(Duration::from_millis(1100));
    let file = site
        .path()
        .join("content/iranian-and-azerbaijani-foreign-ministers-discuss-relations-by-phone.md");
    let text = std::fs::read_to_string(&file).unwrap();
    // From June 2023 to June 2021: it now comes after the Russia article.
    std::fs::write(
        &file,
        text.replacen("date: 2023-06-26", "date: 2021-06-01", 1),
    )
    .unwrap();
    wait_for_text(&server, moved, "1 June 2021");
    let (_, listing) = get(&server, "/briefing/articles/");
    let at = |title: &str| listing.find(title).unwrap_or_else(|| panic!("{title}"));
    assert!(at("Iranian and Azerbaijani foreign ministers") > at("Caspian Economic Forum"));
    assert_ne!(last_modified(&server, moved), before);
    assert_eq!(last_modified(&server, other), before);
}

/// Ctrl-C (SIGINT) stops the server even with a live-reload connection
/// open, exits successfully and leaves no scratch site in the temporary
/// folder. The time it takes is measured by hand, not asserted here.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_and_removes_its_scratch_site() {
    use std::io::{Read, Write};
    let site = sample_copy();
    let scratch = tempfile::tempdir().unwrap();
    let mut server = start_server(
        site.path(),
        &[],
        &[("TMPDIR", scratch.path().to_str().unwrap())],
    );
    assert!(
        std::fs::read_dir(scratch.path()).unwrap().count() > 0,
        "serve builds into a scratch folder under TMPDIR"
    );
    // An open page's live-reload stream, which never ends by itself.
    let mut events = std::net::TcpStream::connect(&server.address).unwrap();
    write!(
        events,
        "GET /__briefing/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.address
    )
    .unwrap();
    let mut first = [0u8; 12];
    events.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");

    let pid = server.child.id() as libc::pid_t;
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "serve still running 30 s after Ctrl-C"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    eprintln!("serve stopped {:?} after Ctrl-C", started.elapsed());
    assert!(status.success(), "{status:?}");
    // The scratch site is removed in the background, soon after.
    let left = || -> Vec<_> {
        std::fs::read_dir(scratch.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    };
    while !left().is_empty() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "left behind: {:?}",
            left()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn remove_scratch_refuses_a_folder_serve_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let output = briefing()
        .arg("remove-scratch")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("not a scratch site"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join("keep.txt").is_file());
}
