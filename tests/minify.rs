//! Minified output: the templates are minified once per build, and the
//! pages they make must mean exactly what the templates as written make.

mod common;

use std::path::Path;

use briefing::output::minify::minify_page;
use common::{briefing, build_sample, copy_sample, read_tree, write};

/// The sample site's content and settings in `dir`, with `minify` set.
fn sample_copy(dir: &Path, minify: bool) {
    copy_sample(dir);
    let config = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    let config = config.replace("minify = true", &format!("minify = {minify}"));
    assert!(config.contains(&format!("minify = {minify}")));
    write(&dir.join("site.toml"), &config);
}

fn build(root: &Path) -> std::process::Output {
    let output = briefing()
        .args(["build", "--root"])
        .arg(root)
        .args(["--base-url", "https://example.github.io/briefing/"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    output
}

/// Lines that start with indentation, outside `<pre>`: what a template's
/// layout leaves in a page that was not minified.
fn indented_lines(html: &str) -> usize {
    html.split("<pre")
        .map(|part| part.split("</pre>").last().unwrap_or(part))
        .map(|outside| outside.matches("\n  ").count())
        .sum()
}

#[test]
fn pages_from_minified_templates_mean_what_the_templates_as_written_mean() {
    let as_written = tempfile::tempdir().unwrap();
    sample_copy(as_written.path(), false);
    build(as_written.path());
    let minified = tempfile::tempdir().unwrap();
    build_sample(&minified.path().join("public"));

    let plain = read_tree(&as_written.path().join("public"));
    let small = read_tree(&minified.path().join("public"));
    assert_eq!(
        plain.keys().collect::<Vec<_>>(),
        small.keys().collect::<Vec<_>>()
    );
    let (mut plain_bytes, mut small_bytes, mut pages) = (0, 0, 0);
    for (path, bytes) in plain.iter().filter(|(p, _)| p.ends_with(".html")) {
        let ours = &small[path];
        // Minifying both must give the same page: the template minifier
        // changed nothing a reader or a browser could notice.
        assert!(
            minify_page(bytes.clone()) == minify_page(ours.clone()),
            "{path} differs from the page its templates as written make"
        );
        let text = String::from_utf8_lossy(ours);
        assert_eq!(indented_lines(&text), 0, "{path} is not minified:\n{text}");
        plain_bytes += bytes.len();
        small_bytes += ours.len();
        pages += 1;
    }
    assert!(pages > 40, "{pages} pages");
    assert!(
        indented_lines(&String::from_utf8_lossy(&plain["index.html"])) > 10,
        "minify = false should leave the templates' layout"
    );
    // The printed briefing is minified too, and the whole site is smaller.
    assert!(
        small_bytes < plain_bytes,
        "{small_bytes} bytes minified vs {plain_bytes}"
    );
}

#[test]
fn a_site_template_the_minifier_cannot_read_is_reported_and_its_pages_still_minified() {
    let site = tempfile::tempdir().unwrap();
    sample_copy(site.path(), true);
    write(
        &site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n  <p{% if true %} class=\"lost\"{% endif %}>\n    Nothing here.\n  </p>\n{% endblock content %}\n",
    );
    let output = build(site.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning:")
            && stderr.contains(&format!("templates{}404.html", std::path::MAIN_SEPARATOR))
            && stderr.contains("between HTML attributes"),
        "{stderr}"
    );
    let page = std::fs::read_to_string(site.path().join("public/404.html")).unwrap();
    assert!(page.contains("<p class=lost>Nothing here.</p>"), "{page}");
    assert_eq!(indented_lines(&page), 0, "{page}");
    let article = std::fs::read_to_string(
        site.path()
            .join("public/articles/azerbaijan-and-iran-discuss-joint-military-projects/index.html"),
    )
    .unwrap();
    assert_eq!(indented_lines(&article), 0);
}

#[test]
fn a_render_error_points_at_the_line_the_author_wrote() {
    let site = tempfile::tempdir().unwrap();
    sample_copy(site.path(), true);
    write(
        &site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n  <p>\n    {{ 1 / 0 }}\n  </p>\n{% endblock content %}\n",
    );
    let output = briefing()
        .args(["build", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Line 4 as written; the minified template is all on line 1.
    assert!(stderr.contains("404.html:4:"), "{stderr}");
}
