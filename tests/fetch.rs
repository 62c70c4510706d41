//! Pages and feeds fetched over HTTP, from a server the test starts on
//! 127.0.0.1 (no outside network): RSS 2.0, Atom and JSON Feed followed in
//! site.toml import; a second `import --feeds` imports nothing new and
//! honours a 304; a feed that times out or answers 500 is reported while
//! the others import; pages in windows-1251 or gzip arrive intact; with
//! `--fetch-pages` a summary-only entry is imported from its page.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;

/// One canned answer.
#[derive(Clone, Default)]
struct Route {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// Answer 304 to a request that sends this ETag back.
    etag: Option<String>,
    delay: Duration,
}

fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
    Route {
        status: 200,
        headers: vec![("Content-Type", content_type.to_string())],
        body: body.into(),
        ..Route::default()
    }
}

/// Each request's path and `If-None-Match` header, in order.
type RequestLog = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A server on 127.0.0.1 answering from `routes`; it records every request's
/// path and `If-None-Match` header.
struct Server {
    base: String,
    requests: RequestLog,
}

/// Starts the server; `routes` is given the server's address, which the
/// feeds' links name.
fn serve(routes: impl FnOnce(&str) -> HashMap<&'static str, Route>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = routes(&base);
    let requests = Arc::new(Mutex::new(Vec::new()));
    let log = requests.clone();
    let routes = Arc::new(routes);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (routes, log) = (routes.clone(), log.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                reader.read_line(&mut first).unwrap_or(0);
                let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                let mut if_none_match = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("if-none-match")
                    {
                        if_none_match = Some(value.trim().to_string());
                    }
                }
                log.lock()
                    .unwrap()
                    .push((path.clone(), if_none_match.clone()));
                let route = routes.get(path.as_str()).cloned().unwrap_or(Route {
                    status: 404,
                    body: b"not here".to_vec(),
                    ..Route::default()
                });
                std::thread::sleep(route.delay);
                let not_modified = route.etag.is_some() && route.etag == if_none_match;
                let (status, body) = if not_modified {
                    (304, Vec::new())
                } else {
                    (route.status, route.body.clone())
                };
                let reason = match status {
                    200 => "OK",
                    304 => "Not Modified",
                    404 => "Not Found",
                    _ => "Internal Server Error",
                };
                let mut head = format!("HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
                for (name, value) in &route.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                if let Some(etag) = &route.etag {
                    head.push_str(&format!("ETag: {etag}\r\n"));
                }
                head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    Server { base, requests }
}

const STORY: &str = "Azerbaijan and Georgia agreed on Tuesday to expand the Baku-Tbilisi-Kars railway, \
    the two governments said after talks in Tbilisi. The line will carry 5 million tonnes of cargo a year \
    by 2026, officials said.";

fn rss(base: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Caspian Wire</title><link>{base}/</link>
<item><title>Rail corridor to be expanded</title><link>{base}/rail</link><guid>cw-1</guid>
<pubDate>Tue, 05 Mar 2024 09:30:00 +0400</pubDate>
<content:encoded><![CDATA[<p>{STORY}</p>]]></content:encoded></item>
<item><title>Port of Baku opens new terminal</title><link>{base}/story.html</link><guid>cw-2</guid>
<pubDate>Wed, 06 Mar 2024 10:00:00 +0400</pubDate>
<description>The port of Baku opened a terminal on Wednesday.</description></item>
</channel></rss>"#
    )
}

fn atom(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tbilisi Daily</title><id>urn:td</id>
<updated>2024-03-07T08:00:00Z</updated>
<entry><title>Georgia and Armenia sign energy memorandum</title><id>urn:td:7</id>
<link href="{base}/energy"/><updated>2024-03-07T08:00:00Z</updated>
<content type="html">&lt;p&gt;Georgia and Armenia signed an energy memorandum on Thursday in Yerevan, the ministries said. The deal covers 300 megawatts of power exchanges.&lt;/p&gt;</content></entry>
</feed>"#
    )
}

fn json_feed(base: &str) -> String {
    format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "Steppe Review",
  "items": [{{"id": "sr-3", "url": "{base}/grain", "title": "Kazakhstan ships grain across the Caspian",
    "date_published": "2024-03-08T07:00:00+05:00",
    "content_html": "<p>Kazakhstan shipped 200,000 tonnes of grain across the Caspian Sea to Azerbaijan in February, the ministry of agriculture said on Friday.</p>"}}]}}"#
    )
}

fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{title}</h1>{body}</article><footer>© Outlet</footer></body></html>"
    )
}

fn site(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("site.toml"), toml);
    dir
}

fn contents(site: &Path) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(site.join("content")) else {
        return Vec::new();
    };
    let mut texts: Vec<String> = dir
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    texts
}

/// Runs `briefing ARGS` in `site`; it must succeed (or fail, with `ok`
/// false). Gives what it printed to stdout and stderr.
fn run(site: &Path, args: &[&str], ok: bool) -> (String, String) {
    let assert = briefing().current_dir(site).args(args).assert();
    let assert = if ok {
        assert.success()
    } else {
        assert.failure()
    };
    let output = assert.get_output();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn subscriptions(server: &Server, paths: &[&str]) -> String {
    let mut toml = "title = \"Watch\"\n[fetch]\ntimeout_seconds = 30\n".to_string();
    for path in paths {
        toml.push_str(&format!("[[feeds]]\nurl = \"{}{path}\"\n", server.base));
    }
    toml
}

#[test]
fn followed_feeds_import_once_and_a_second_run_asks_with_the_etag_and_imports_nothing() {
    let server = serve(routes);
    let site = site(&subscriptions(
        &server,
        &["/rss.xml", "/atom.xml", "/feed.json"],
    ));
    let (out, _) = run(site.path(), &["import", "--feeds"], true);
    assert!(out.contains("Imported 4,"), "{out}");
    let texts = contents(site.path()).join("\n");
    for title in [
        "Rail corridor to be expanded",
        "Port of Baku opens new terminal",
        "Georgia and Armenia sign energy memorandum",
        "Kazakhstan ships grain across the Caspian",
    ] {
        assert!(texts.contains(title), "{title} missing from {texts}");
    }
    assert!(
        texts.contains(&format!("url: \"{}/rail\"", server.base)),
        "{texts}"
    );
    // Saved for an offline re-run.
    assert!(
        site.path()
            .join("articles/feeds")
            .read_dir()
            .unwrap()
            .count()
            == 3
    );
    assert!(site.path().join("feeds-state.json").is_file());

    let (out, _) = run(site.path(), &["import", "--feeds"], true);
    assert!(out.contains("Imported 0,"), "{out}");
    assert!(
        out.contains(&format!("unchanged {}/rss.xml", server.base)),
        "{out}"
    );
    let asked = server.requests.lock().unwrap().clone();
    let rss_requests: Vec<_> = asked.iter().filter(|(p, _)| p == "/rss.xml").collect();
    assert_eq!(rss_requests.len(), 2, "{asked:?}");
    assert_eq!(rss_requests[1].1.as_deref(), Some("\"rss-v1\""));
    assert_eq!(contents(site.path()).len(), 4);
}

/// Every route the tests use: the three feeds, a slow and a broken one,
/// and pages.
fn routes(base: &str) -> HashMap<&'static str, Route> {
    let base = base.to_string();
    let mut routes = HashMap::new();
    routes.insert(
        "/rss.xml",
        Route {
            etag: Some("\"rss-v1\"".into()),
            ..ok("application/rss+xml", rss(&base))
        },
    );
    routes.insert("/atom.xml", ok("application/atom+xml", atom(&base)));
    routes.insert("/feed.json", ok("application/feed+json", json_feed(&base)));
    routes.insert(
        "/slow.xml",
        Route {
            // Far beyond the test's timeout, so a busy machine cannot answer in time.
            delay: Duration::from_secs(120),
            ..ok("application/rss+xml", rss(&base))
        },
    );
    routes.insert(
        "/broken.xml",
        Route {
            status: 500,
            body: b"oops".to_vec(),
            ..Route::default()
        },
    );
    routes.insert(
        "/story.html",
        ok(
            "text/html; charset=utf-8",
            page(
                "Port of Baku opens new terminal",
                &[
                    "The port of Baku opened a new ferry terminal on Wednesday, raising its capacity to 25 million tonnes a year, the port authority said.",
                    "The terminal serves ferries from Kazakhstan and Turkmenistan across the Caspian Sea, officials added at the opening ceremony.",
                ],
            ),
        ),
    );
    let russian = page(
        "Баку и Тбилиси договорились о железной дороге",
        &[
            "Азербайджан и Грузия во вторник договорились расширить железную дорогу Баку-Тбилиси-Карс, сообщили правительства после переговоров.",
            "По словам чиновников, к 2026 году линия будет перевозить 5 миллионов тонн грузов в год.",
        ],
    );
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&russian);
    routes.insert(
        "/cp1251.html",
        Route {
            status: 200,
            // Only the header names the character set.
            headers: vec![("Content-Type", "text/html; charset=windows-1251".into())],
            body: cp1251.into_owned(),
            ..Route::default()
        },
    );
    let english = page(
        "Caspian ferry line reopens after storms",
        &[
            "The ferry line between Baku and Aktau reopened on Monday after a week of storms on the Caspian Sea, the shipping company said.",
            "About 40 trucks crossed on the first sailing, and the company expects traffic to return to normal within days.",
        ],
    );
    let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    packed.write_all(english.as_bytes()).unwrap();
    routes.insert(
        "/gzip.html",
        Route {
            status: 200,
            headers: vec![
                ("Content-Type", "text/html; charset=utf-8".into()),
                ("Content-Encoding", "gzip".into()),
            ],
            body: packed.finish().unwrap(),
            ..Route::default()
        },
    );
    routes
}

#[test]
fn a_feed_that_times_out_or_answers_500_is_reported_and_the_others_import() {
    let server = serve(routes);
    let toml = subscriptions(&server, &["/slow.xml", "/broken.xml", "/atom.xml"])
        .replace("timeout_seconds = 30", "timeout_seconds = 5");
    let site = site(&toml);
    let (_, err) = run(site.path(), &["import", "--feeds"], false);
    assert!(
        err.contains(&format!(
            "failed    {}/slow.xml: timed out after 5 s",
            server.base
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "failed    {}/broken.xml: the server answered 500 Internal Server Error",
            server.base
        )),
        "{err}"
    );
    let texts = contents(site.path());
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].contains("Georgia and Armenia sign energy memorandum"));
    // Nothing is kept of the failed feeds; the good one is remembered.
    let state = std::fs::read_to_string(site.path().join("feeds-state.json")).unwrap();
    assert!(
        state.contains("urn:td:7") && !state.contains("cw-1"),
        "{state}"
    );
}

#[test]
fn pages_by_address_arrive_intact_in_windows_1251_and_gzip_and_import_offline_again() {
    let server = serve(routes);
    let site = site("title = \"Watch\"\n");
    briefing()
        .current_dir(site.path())
        .arg("import")
        .arg(format!("{}/cp1251.html", server.base))
        .arg(format!("{}/gzip.html", server.base))
        .assert()
        .success();
    let texts = contents(site.path()).join("\n");
    assert!(
        texts.contains("Баку и Тбилиси договорились о железной дороге"),
        "{texts}"
    );
    assert!(texts.contains("5 миллионов тонн грузов"), "{texts}");
    assert!(
        texts.contains("Caspian ferry line reopens after storms"),
        "{texts}"
    );
    assert!(texts.contains("About 40 trucks crossed"), "{texts}");
    let port = server.base.rsplit(':').next().unwrap();
    let saved = site.path().join(format!("articles/web/127-0-0-1-{port}"));
    assert!(saved.join("cp1251-html.html").is_file() && saved.join("gzip-html.html").is_file());
    // The saved pages import again with no network: nothing new.
    let (out, _) = run(site.path(), &["import"], true);
    assert!(out.contains("Imported 0, kept 2"), "{out}");
}

#[test]
fn with_fetch_pages_a_summary_only_entry_is_imported_from_its_page_with_the_feeds_hints() {
    let server = serve(routes);
    let toml = format!(
        "{}countries = [\"Georgia\"]\ntopics = [\"Transport\"]\n",
        subscriptions(&server, &["/rss.xml"])
    );
    let site = site(&toml);
    let (_, err) = run(site.path(), &["import", "--feeds", "--fetch-pages"], true);
    assert!(!err.contains("only a summary"), "{err}");
    let texts = contents(site.path());
    assert_eq!(texts.len(), 2, "{texts:?}");
    let port_page = texts
        .iter()
        .find(|t| t.contains("Port of Baku opens new terminal"))
        .unwrap();
    assert!(
        port_page.contains("25 million tonnes a year"),
        "{port_page}"
    );
    assert!(port_page.contains("source_file: \"web/"), "{port_page}");
    // The page names no address of its own: the one it was fetched from.
    assert!(
        port_page.contains(&format!("url: \"{}/story.html\"", server.base)),
        "{port_page}"
    );
    for text in &texts {
        assert!(
            text.contains("Georgia") && text.contains("Transport"),
            "{text}"
        );
    }
    // A later import (a build's too) reads the saved feed again, offline,
    // and leaves out the entry whose page stands for it.
    let (out, _) = run(site.path(), &["import"], true);
    // Not even as a duplicate of its page.
    assert!(out.contains("Imported 0, kept 2, failed 0;"), "{out}");
    assert_eq!(contents(site.path()).len(), 2);
}

#[test]
fn feeds_without_any_followed_and_a_dry_run_that_would_fetch_are_refused_with_the_reason() {
    let site = site("title = \"Watch\"\n");
    let (_, err) = run(site.path(), &["import", "--feeds"], false);
    assert!(err.contains("site.toml follows no feeds"), "{err}");
    assert!(err.contains("[[feeds]]"), "{err}");
    let (_, err) = run(
        site.path(),
        &["import", "--dry-run", "http://127.0.0.1:9/a.html"],
        false,
    );
    assert!(err.contains("--dry-run does not fetch"), "{err}");
    assert!(!site.path().join("articles").exists() && !site.path().join("content").exists());
}
