//! The only thing the printing browser can reach: a server on loopback that
//! serves the staged site and nothing else. Chromium is told to send every
//! request through it as its proxy, so a page that names a file outside
//! the site (`/srv/private/secret.svg`, `../../../etc/passwd`), another
//! host (`https://127.0.0.1:9444/x.png`) or a `file:` address gets a 403
//! at once: nothing leaves the site, and nothing waits on the network.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// The host name the printed page is addressed by. It is never looked up:
/// the browser hands every request to this server.
pub const PRINT_HOST: &str = "briefing.print";

/// A request head longer than this is not one the browser sends.
const MAX_HEAD: usize = 16 * 1024;

pub struct PrintServer {
    address: SocketAddr,
    stop: Arc<AtomicBool>,
    refused: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl PrintServer {
    /// Serves `root` on 127.0.0.1, on a port the system picks.
    pub fn start(root: &Path) -> std::io::Result<PrintServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let address = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let refused = Arc::new(AtomicUsize::new(0));
        let root = root.to_path_buf();
        let thread = {
            let (stop, refused) = (stop.clone(), refused.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (root, refused) = (root.clone(), refused.clone());
                    std::thread::spawn(move || {
                        let _ = answer(stream, &root, &refused);
                    });
                }
            })
        };
        Ok(PrintServer {
            address,
            stop,
            refused,
            thread: Some(thread),
        })
    }

    /// The proxy address the browser is given.
    pub fn proxy(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address of `page` (a path inside the site) as the browser asks for it.
    pub fn url_of(&self, page: &str) -> String {
        let path: Vec<String> = page
            .split('/')
            .map(|part| percent_encoding::utf8_percent_encode(part, PATH_PART).to_string())
            .collect();
        format!("http://{PRINT_HOST}/{}", path.join("/"))
    }

    /// How many requests were refused: files outside the site, other hosts.
    pub fn refused(&self) -> usize {
        self.refused.load(Ordering::SeqCst)
    }
}

impl Drop for PrintServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

const PATH_PART: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn answer(stream: TcpStream, root: &Path, refused: &AtomicUsize) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if (&mut reader).take(MAX_HEAD as u64).read_line(&mut line)? == 0 {
            break;
        }
        head.push_str(&line);
        if line == "\r\n" || line == "\n" || head.len() > MAX_HEAD {
            break;
        }
    }
    let mut stream = stream;
    let Some(file) = requested_file(&head, root) else {
        // Counted when the page asked (the browser's own update and time
        // checks are refused as well, but are no one's concern).
        if from_the_page(&head) {
            refused.fetch_add(1, Ordering::SeqCst);
        }
        return respond(
            &mut stream,
            "403 Forbidden",
            "text/plain",
            b"not part of the site",
        );
    };
    match std::fs::symlink_metadata(&file) {
        Ok(meta) if meta.is_file() => {
            let body = std::fs::read(&file)?;
            let head_only = head.starts_with("HEAD ");
            let body: &[u8] = if head_only { &[] } else { &body };
            respond(&mut stream, "200 OK", content_type(&file), body)
        }
        _ => {
            refused.fetch_add(1, Ordering::SeqCst);
            respond(&mut stream, "404 Not Found", "text/plain", b"not found")
        }
    }
}

/// A request the printed page made: its referrer is the page.
fn from_the_page(head: &str) -> bool {
    head.lines().any(|l| {
        l.split_once(':').is_some_and(|(name, value)| {
            name.eq_ignore_ascii_case("referer")
                && value.trim().starts_with(&format!("http://{PRINT_HOST}/"))
        })
    })
}

/// The file a request asks for, when it is a GET or HEAD of a path inside
/// the site on [`PRINT_HOST`]; `None` for anything else (CONNECT, another
/// host, a path that climbs out).
fn requested_file(head: &str, root: &Path) -> Option<PathBuf> {
    let mut request_line = head.lines().next()?.split_whitespace();
    let method = request_line.next()?;
    let target = request_line.next()?;
    if method != "GET" && method != "HEAD" {
        return None;
    }
    let path = match target.strip_prefix("http://") {
        Some(rest) => {
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            if !host.eq_ignore_ascii_case(PRINT_HOST) {
                return None;
            }
            path
        }
        None => {
            let host = head.lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("host").then(|| value.trim())
            })?;
            if !host.eq_ignore_ascii_case(PRINT_HOST) {
                return None;
            }
            target.strip_prefix('/')?
        }
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?
        .into_owned();
    let mut file = root.to_path_buf();
    for component in Path::new(&decoded).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            // "..", a root or a drive: a path that leaves the site.
            _ => return None,
        }
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        file.push("index.html");
    }
    Some(file)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(head: &str) -> Option<PathBuf> {
        requested_file(head, Path::new("/site"))
    }

    #[test]
    fn only_paths_inside_the_site_on_the_print_host_are_served() {
        assert_eq!(
            asked("GET http://briefing.print/briefing/index.html HTTP/1.1\r\n\r\n"),
            Some(PathBuf::from("/site/briefing/index.html"))
        );
        assert_eq!(
            asked("GET /theme/style%20sheet.css HTTP/1.1\r\nHost: briefing.print\r\n\r\n"),
            Some(PathBuf::from("/site/theme/style sheet.css"))
        );
        assert_eq!(
            asked("GET http://briefing.print/briefing/ HTTP/1.1\r\n\r\n"),
            Some(PathBuf::from("/site/briefing/index.html"))
        );
        for refused in [
            "CONNECT 127.0.0.1:9444 HTTP/1.1\r\n\r\n",
            "GET http://127.0.0.1:9444/x.png HTTP/1.1\r\n\r\n",
            "GET http://briefing.print/../../etc/passwd HTTP/1.1\r\n\r\n",
            "GET http://briefing.print/a/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n\r\n",
            "GET /srv/x HTTP/1.1\r\nHost: evil.example\r\n\r\n",
            "POST http://briefing.print/x HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(asked(refused), None, "{refused}");
        }
    }
}
