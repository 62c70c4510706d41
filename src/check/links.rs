//! Every internal link and `#anchor` of a built site, resolved the way a
//! browser would under the site's base URL (a GitHub Pages sub-path).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use lol_html::{HtmlRewriter, Settings, element};
use rayon::prelude::*;

use crate::error::{Location, Warning};

/// What one page holds: the ids it can be linked to, and its links.
#[derive(Debug, Default)]
struct PageScan {
    ids: HashSet<String>,
    /// Address and where it is written.
    links: Vec<(String, Location)>,
}

/// How many pages and links were checked, and the broken ones.
#[derive(Debug, Default)]
pub struct LinkReport {
    pub pages: usize,
    pub links: usize,
    pub broken: Vec<Warning>,
}

/// Checks the site in `dir`, published at `base_url`. Problems name the
/// page relative to the site's root.
pub fn check(dir: &Path, base_url: &str) -> LinkReport {
    let Ok(base) = url::Url::parse(base_url) else {
        return LinkReport::default();
    };
    let files: HashSet<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| relative(dir, e.path()))
        .collect();
    let pages: HashMap<&str, PageScan> = files
        .par_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let html = std::fs::read_to_string(dir.join(f)).unwrap_or_default();
            (f.as_str(), scan(&html))
        })
        .collect();
    let mut report = LinkReport {
        pages: pages.len(),
        ..LinkReport::default()
    };
    let mut sorted: Vec<_> = pages.iter().collect();
    sorted.sort_by_key(|(name, _)| *name);
    for (page, scan) in sorted {
        let Ok(page_url) = base.join(page) else {
            continue;
        };
        for (link, location) in &scan.links {
            report.links += 1;
            let problem = match resolve(&base, &page_url, link) {
                Target::Elsewhere => None,
                Target::OutsideSubPath => Some(format!(
                    "link `{link}` leaves the site's address {base}; on GitHub Pages it is not found"
                )),
                Target::Internal { file, fragment } => {
                    if !files.contains(&file) {
                        Some(format!("broken link `{link}`: the site has no `{file}`"))
                    } else {
                        match (fragment, pages.get(file.as_str())) {
                            (Some(id), Some(target)) if !target.ids.contains(&id) => Some(format!(
                                "broken anchor `{link}`: `{file}` has no element with id `{id}`"
                            )),
                            _ => None,
                        }
                    }
                }
            };
            if let Some(message) = problem {
                report.broken.push(Warning {
                    path: page.into(),
                    location: Some(*location),
                    message,
                });
            }
        }
    }
    report
}

fn relative(dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}

/// Line and column of increasing byte offsets of one text, counted once:
/// a minified page is one line of megabytes with thousands of links.
struct Lines<'t> {
    text: &'t str,
    at: usize,
    here: Location,
}

impl Lines<'_> {
    fn location(&mut self, offset: usize) -> Location {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        if offset < self.at {
            // Handlers run in document order; restart if they ever do not.
            self.at = 0;
            self.here = Location { line: 1, column: 1 };
        }
        for c in self.text[self.at..offset].chars() {
            if c == '\n' {
                self.here.line += 1;
                self.here.column = 1;
            } else {
                self.here.column += 1;
            }
        }
        self.at = offset;
        self.here
    }
}

/// The ids and links of a page, each link with its line and column.
fn scan(html: &str) -> PageScan {
    let mut found = PageScan::default();
    let mut lines = Lines {
        text: html,
        at: 0,
        here: Location { line: 1, column: 1 },
    };
    let mut rewriter = HtmlRewriter::new(
        Settings::new().append_element_content_handler(element!("*", |el| {
            for name in ["id", "name"] {
                if let Some(id) = el.get_attribute(name)
                    && (name == "id" || el.tag_name() == "a")
                {
                    found.ids.insert(id);
                }
            }
            for attribute in ["href", "src"] {
                if let Some(link) = el.get_attribute(attribute) {
                    let at = lines.location(el.source_location().bytes().start);
                    found.links.push((link, at));
                }
            }
            Ok(())
        })),
        |_: &[u8]| {},
    );
    // The page is our own output: a parse error only cuts the scan short.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    found
}

#[derive(Debug, PartialEq)]
enum Target {
    /// Another site, or not a web address (mailto:, data:).
    Elsewhere,
    /// This host, but outside the site's own path.
    OutsideSubPath,
    /// A file of the site, relative to its root, and the anchor asked for.
    Internal {
        file: String,
        fragment: Option<String>,
    },
}

fn resolve(base: &url::Url, page: &url::Url, link: &str) -> Target {
    let Ok(url) = page.join(link.trim()) else {
        return Target::Elsewhere;
    };
    if !matches!(url.scheme(), "http" | "https") || url.origin() != base.origin() {
        return Target::Elsewhere;
    }
    let Some(rest) = url.path().strip_prefix(base.path()) else {
        return Target::OutsideSubPath;
    };
    let mut file = percent_decode(rest);
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    Target::Internal {
        file,
        fragment: url.fragment().filter(|f| !f.is_empty()).map(percent_decode),
    }
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(link: &str) -> Target {
        let base = url::Url::parse("https://example.github.io/briefing/").unwrap();
        let page = base.join("articles/a/index.html").unwrap();
        resolve(&base, &page, link)
    }

    fn internal(file: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            file: file.into(),
            fragment: fragment.map(String::from),
        }
    }

    #[test]
    fn links_resolve_as_a_browser_would_under_the_sub_path() {
        assert_eq!(target("../b/"), internal("articles/b/index.html", None));
        assert_eq!(
            target("../../index.html#summary"),
            internal("index.html", Some("summary"))
        );
        assert_eq!(
            target("#key-figures"),
            internal("articles/a/index.html", Some("key-figures"))
        );
        assert_eq!(target("/briefing/atom.xml"), internal("atom.xml", None));
        assert_eq!(
            target("https://example.github.io/briefing/tables/?country=iran"),
            internal("tables/index.html", None)
        );
        assert_eq!(target("/atom.xml"), Target::OutsideSubPath);
        assert_eq!(target("https://trend.az/x"), Target::Elsewhere);
        assert_eq!(target("mailto:desk@example.org"), Target::Elsewhere);
        assert_eq!(
            target("../g%C3%A1z/"),
            internal("articles/gáz/index.html", None)
        );
    }

    #[test]
    fn ids_links_and_their_lines_are_found() {
        let page = scan("<p id=top>\n<a href=\"#top\">x</a><a name=old></a>\n<img src=\"i.png\">");
        assert!(page.ids.contains("top") && page.ids.contains("old"));
        let lines: Vec<_> = page
            .links
            .iter()
            .map(|(l, at)| (l.as_str(), at.line))
            .collect();
        assert_eq!(lines, [("#top", 2), ("i.png", 3)]);
    }
}
