//! Article bodies placed into the one-page briefing: their ids are made
//! unique to the article, and their links are rewritten for the page's
//! place in the site, pointing inside the page where the target is printed.

/// Rewrites the body of the article `slug` (HTML from our Markdown renderer
/// or the sanitiser, so `="` only ever opens an attribute value):
/// - `id="x"` → `id="slug--x"`, and `href="#x"` → `href="#slug--x"`;
/// - a relative link to an article `printed` in the page → `#article-<slug>`;
/// - any other relative `href` or `src` → resolved from the article's
///   folder and made relative to the page through `root`;
/// - headings two levels down (h2 → h4), under the article's own h3, so the
///   page's outline (and the PDF's bookmarks) nest them under it.
pub fn scope_body(html: &str, slug: &str, root: &str, printed: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = html[search..].find("=\"") {
        let equals = search + found;
        let value_start = equals + 2;
        let Some(length) = html[value_start..].find('"') else {
            break;
        };
        let value_end = value_start + length;
        search = value_end + 1;
        let name_start = html[..equals]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        let value = &html[value_start..value_end];
        let replacement = match &html[name_start..equals] {
            "id" => Some(format!("{slug}--{value}")),
            "href" if value.starts_with('#') => Some(format!("#{slug}--{}", &value[1..])),
            name @ ("href" | "src") if is_relative(value) => {
                Some(resolve(value, slug, root, name == "href", printed))
            }
            _ => None,
        };
        if let Some(replacement) = replacement {
            out.push_str(&html[copied..value_start]);
            out.push_str(&replacement);
            copied = value_end;
        }
    }
    out.push_str(&html[copied..]);
    demote_headings(&out)
}

fn demote_headings(html: &str) -> String {
    if !html.contains("<h") {
        return html.to_string();
    }
    let mut out = html.to_string();
    // Deepest first, so a heading already moved is not moved again.
    for level in (1..=6).rev() {
        let to = (level + 2).min(6);
        for (from, into) in [
            (format!("<h{level}>"), format!("<h{to}>")),
            (format!("<h{level} "), format!("<h{to} ")),
            (format!("</h{level}>"), format!("</h{to}>")),
        ] {
            if out.contains(&from) {
                out = out.replace(&from, &into);
            }
        }
    }
    out
}

/// A URL with no scheme that does not start at the host's root.
fn is_relative(url: &str) -> bool {
    if url.is_empty() || url.starts_with(['/', '#', '?']) {
        return false;
    }
    let before_path = url.split(['/', '?', '#']).next().unwrap_or("");
    !before_path.contains(':')
}

/// `url`, written in `articles/<slug>/`, as seen from the briefing page.
fn resolve(
    url: &str,
    slug: &str,
    root: &str,
    is_link: bool,
    printed: &dyn Fn(&str) -> bool,
) -> String {
    let (path, suffix) = match url.find(['?', '#']) {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let mut parts: Vec<&str> = vec!["articles", slug];
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    // Above the site's root: not ours to resolve.
                    return url.to_string();
                }
            }
            part => parts.push(part),
        }
    }
    if is_link
        && let ["articles", target] | ["articles", target, "index.html"] = parts.as_slice()
        && printed(target)
    {
        return match suffix.strip_prefix('#') {
            Some(fragment) if !fragment.is_empty() => format!("#{target}--{fragment}"),
            _ => format!("#article-{target}"),
        };
    }
    let trailing = if path.ends_with('/') { "/" } else { "" };
    format!("{root}{}{trailing}{suffix}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(html: &str) -> String {
        scope_body(html, "gas-deal", "../", &|slug| slug == "trade-talks")
    }

    #[test]
    fn ids_and_in_article_anchors_are_prefixed() {
        assert_eq!(
            scope(r##"<h2 id="terms">Terms</h2><p><a href="#terms">see</a></p>"##),
            r##"<h4 id="gas-deal--terms">Terms</h4><p><a href="#gas-deal--terms">see</a></p>"##
        );
    }

    #[test]
    fn headings_move_under_the_article_title() {
        assert_eq!(
            scope("<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4><h6>E</h6><p>&lt;h2&gt;</p>"),
            "<h3>A</h3><h4>B</h4><h5>C</h5><h6>D</h6><h6>E</h6><p>&lt;h2&gt;</p>"
        );
    }

    #[test]
    fn links_to_printed_articles_stay_in_the_page() {
        assert_eq!(
            scope(r#"<a href="../trade-talks/">talks</a>"#),
            r##"<a href="#article-trade-talks">talks</a>"##
        );
        assert_eq!(
            scope(r#"<a href="../trade-talks/index.html#figures">f</a>"#),
            r##"<a href="#trade-talks--figures">f</a>"##
        );
    }

    #[test]
    fn other_relative_links_are_resolved_from_the_article_folder() {
        assert_eq!(
            scope(r#"<a href="../other/">o</a><img src="map.png" alt="">"#),
            r#"<a href="../articles/other/">o</a><img src="../articles/gas-deal/map.png" alt="">"#
        );
        assert_eq!(
            scope(r#"<a href="../../countries/iran/index.html">Iran</a>"#),
            r#"<a href="../countries/iran/index.html">Iran</a>"#
        );
    }

    #[test]
    fn absolute_urls_and_text_are_left_alone() {
        let html = r#"<p>He said &quot;x=&quot; <a href="https://trend.az/a?b=1">Trend</a> <a href="mailto:a@b.c">m</a> <a href="/top">t</a></p>"#;
        assert_eq!(scope(html), html);
        assert_eq!(
            scope("<a href=\"../../../x\">x</a>"),
            "<a href=\"../../../x\">x</a>"
        );
    }
}
