//! One HTTP(S) request for a page or a feed: a timeout, a size limit, a user
//! agent that says who asks, conditional requests (ETag, Last-Modified),
//! gzip, and the character set of the answer's header kept with the page.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Who is asking, as servers' logs show it.
pub const USER_AGENT: &str = concat!(
    "briefing/",
    env!("CARGO_PKG_VERSION"),
    " (static briefing generator; +https://github.com/briefing-reports/briefing)"
);

/// What a server said about a resource, sent back to ask whether it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Validators {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// What an address holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Page,
    /// RSS or Atom (`xml`), or JSON Feed (`json`).
    Feed {
        json: bool,
    },
}

/// A fetched page or feed.
#[derive(Debug)]
pub struct Download {
    /// The body; a page whose header named another character set is
    /// re-encoded as UTF-8 with a byte-order mark, which outranks the
    /// page's own `<meta charset>` when it is read again from disk.
    pub bytes: Vec<u8>,
    pub kind: Kind,
    pub validators: Validators,
}

#[derive(Debug)]
pub enum Fetched {
    /// 304: unchanged since the validators were given.
    NotModified,
    Body(Download),
}

pub struct Fetcher {
    agent: ureq::Agent,
    timeout: Duration,
    limit: u64,
}

impl Fetcher {
    /// `limit` bounds a body in bytes, unpacked.
    pub fn new(timeout: Duration, limit: u64) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .build()
            .into();
        Fetcher {
            agent,
            timeout,
            limit,
        }
    }

    /// Fetches `url`; an answer other than 2xx or 304, a timeout, a body
    /// over the limit or one that is neither a page nor a feed is an error
    /// that says which.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Fetched, String> {
        let mut request = self.agent.get(url);
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &validators.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| self.describe(e))?;
        let status = response.status();
        if status.as_u16() == 304 {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(format!("the server answered {status}"));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let mime = response
            .body()
            .mime_type()
            .unwrap_or("")
            .to_ascii_lowercase();
        let charset = response.body().charset().map(str::to_string);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.limit)
            .read_to_vec()
            .map_err(|e| self.describe(e))?;
        let kind = kind_of(&mime, &bytes).ok_or_else(|| {
            format!(
                "neither a web page nor a feed (Content-Type: {})",
                if mime.is_empty() { "none" } else { &mime }
            )
        })?;
        let bytes = match (kind, charset) {
            (Kind::Page, Some(charset)) => page_in_utf8(bytes, &charset),
            (_, _) => bytes,
        };
        Ok(Fetched::Body(Download {
            bytes,
            kind,
            validators,
        }))
    }

    fn describe(&self, error: ureq::Error) -> String {
        match error {
            ureq::Error::Timeout(_) => {
                format!("timed out after {} s", self.timeout.as_secs())
            }
            ureq::Error::BodyExceedsLimit(_) => format!(
                "too large: over {} MB (max_article_mb in site.toml)",
                self.limit / 1_048_576
            ),
            ureq::Error::HostNotFound => "host not found".into(),
            ureq::Error::Io(e) => format!("could not connect: {e}"),
            other => other.to_string(),
        }
    }
}

/// A page or a feed, by what its first bytes are, then by its type.
pub fn kind_of(mime: &str, bytes: &[u8]) -> Option<Kind> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') {
        return (mime.contains("json") && head.contains("jsonfeed.org/version"))
            .then_some(Kind::Feed { json: true });
    }
    if ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .any(|tag| head.contains(tag))
    {
        return Some(Kind::Feed { json: false });
    }
    let html = head.contains("<html") || head.contains("<!doctype html");
    (html || mime == "text/html" || mime == "application/xhtml+xml").then_some(Kind::Page)
}

/// A page in `charset` (from the HTTP header) as UTF-8 with a byte-order
/// mark; a page already in UTF-8, or in a character set not known, as it is.
fn page_in_utf8(bytes: Vec<u8>, charset: &str) -> Vec<u8> {
    let Some(encoding) = encoding_rs::Encoding::for_label(charset.trim().as_bytes()) else {
        return bytes;
    };
    if encoding == encoding_rs::UTF_8 {
        return bytes;
    }
    let (text, _, _) = encoding.decode(&bytes);
    let mut out = b"\xef\xbb\xbf".to_vec();
    out.extend_from_slice(text.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_feeds_are_told_apart_by_their_first_bytes_then_their_type() {
        let rss = b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>";
        assert_eq!(kind_of("text/html", rss), Some(Kind::Feed { json: false }));
        let atom = b"<feed xmlns=\"http://www.w3.org/2005/Atom\">";
        assert_eq!(
            kind_of("application/xml", atom),
            Some(Kind::Feed { json: false })
        );
        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#;
        assert_eq!(
            kind_of("application/feed+json", json),
            Some(Kind::Feed { json: true })
        );
        assert_eq!(kind_of("application/json", b"{\"a\": 1}"), None);
        let page = b"<!DOCTYPE html><html><head><link type=\"application/rss+xml\">";
        assert_eq!(kind_of("text/html", page), Some(Kind::Page));
        assert_eq!(kind_of("text/plain", b"just text"), None);
        assert_eq!(kind_of("image/png", b"\x89PNG"), None);
    }

    #[test]
    fn a_page_in_the_charset_its_header_names_is_kept_as_utf8() {
        let page = b"<html><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>".to_vec();
        let utf8 = page_in_utf8(page.clone(), "windows-1251");
        assert!(utf8.starts_with(b"\xef\xbb\xbf"));
        assert!(String::from_utf8(utf8).unwrap().contains("Привет"));
        assert_eq!(page_in_utf8(page.clone(), "utf-8"), page);
        assert_eq!(page_in_utf8(page.clone(), "no-such-charset"), page);
    }
}
