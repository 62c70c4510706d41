//! Bad input, one file at a time: each either builds or fails with a message
//! naming the file (and line), never a panic, and a failed build leaves the
//! published site exactly as it was.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::*;
use predicates::prelude::*;

/// A generous guard against a hang (e.g. a quadratic blow-up); not a speed target.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// A site with one good article, built once; bad files are added to it.
struct Site {
    dir: tempfile::TempDir,
    published: std::collections::BTreeMap<String, Vec<u8>>,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        // An empty site.toml: every setting at its default.
        std::fs::write(dir.path().join("site.toml"), "").unwrap();
        std::fs::write(
            dir.path().join("content/good.md"),
            "---\ntitle: A good article\ndate: 2024-03-01\ncountries: [Iran]\n---\nGood text.\n",
        )
        .unwrap();
        briefing()
            .current_dir(dir.path())
            .arg("build")
            .assert()
            .success();
        let published = read_tree(&dir.path().join("public"));
        Site { dir, published }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn add(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn build(&self) -> assert_cmd::assert::Assert {
        briefing()
            .current_dir(self.dir.path())
            .arg("build")
            .timeout(HANG_GUARD)
            .assert()
            .stderr(predicate::str::contains("panicked").not())
            .stderr(predicate::str::contains("overflow").not())
    }

    /// The build fails with exit code 1, its message holds every one of
    /// `needles`, and public/ is byte for byte as before.
    fn fails_with(&self, needles: &[&str]) {
        let mut assert = self.build().code(1);
        for needle in needles {
            assert = assert.stderr(predicate::str::contains(*needle));
        }
        assert!(
            read_tree(&self.path("public")) == self.published,
            "a failed build changed public/"
        );
        let staging: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("staging"))
            .collect();
        assert!(
            staging.is_empty(),
            "staging folder left behind: {staging:?}"
        );
    }

    fn page(&self, slug: &str) -> String {
        std::fs::read_to_string(self.path(&format!("public/articles/{slug}/index.html"))).unwrap()
    }
}

#[test]
fn malformed_yaml_names_file_line_and_shows_the_line() {
    let site = Site::new();
    site.add(
        "content/bad.md",
        "---\ntitle: Fine\ncountries: [Iran, Russia\ntopics: [trade]\n---\nText\n",
    );
    site.fails_with(&["content/bad.md:", "front matter", "|"]);
}

#[test]
fn malformed_toml_names_file_and_line() {
    let site = Site::new();
    site.add(
        "content/bad.md",
        "+++\ntitle = \"Fine\"\ndate = 2024-01-01\ncountries = [\"Iran\"\n+++\nText\n",
    );
    site.fails_with(&["content/bad.md:4:", "front matter", "unclosed array"]);
}

#[test]
fn unterminated_front_matter_is_named() {
    let site = Site::new();
    site.add(
        "content/bad.md",
        "---\ntitle: Never closed\n\nThe body follows.\n",
    );
    site.fails_with(&["content/bad.md:1:1", "never closed"]);
}

#[test]
fn wrong_types_name_the_line() {
    let site = Site::new();
    site.add("content/bad.md", "---\ntitle: T\ndraft: maybe\n---\n");
    site.fails_with(&["content/bad.md:3:", "draft: maybe"]);
    site.add(
        "content/bad.md",
        "---\ntitle: T\nfigures:\n  - value: lots\n---\n",
    );
    site.fails_with(&["content/bad.md:4:", "value: lots"]);
}

#[test]
fn impossible_dates_name_the_line() {
    let site = Site::new();
    site.add("content/bad.md", "---\ntitle: T\ndate: 2023-02-30\n---\n");
    site.fails_with(&["content/bad.md:3:", "2023-02-30", "not a valid date"]);
}

#[test]
fn every_broken_file_is_named_in_one_run() {
    let site = Site::new();
    site.add("content/one.md", "---\ndate: 2023-13-01\n---\n");
    site.add("content/two.md", "---\ntitle: [\n---\n");
    site.fails_with(&["content/one.md:2:", "content/two.md:"]);
}

#[test]
fn unknown_keys_are_warnings_and_duplicate_slugs_errors() {
    let site = Site::new();
    site.add("content/typo.md", "---\ntitle: T\ncountires: [Iran]\n---\n");
    site.build().success().stderr(predicate::str::contains(
        "warning: content/typo.md:3:1: unknown front-matter key `countires`",
    ));
    site.add("content/sub/good.md", "---\ntitle: Same slug\n---\n");
    let published = read_tree(&site.path("public"));
    site.build()
        .code(1)
        .stderr(predicate::str::contains(
            "two articles have the slug `good`",
        ))
        .stderr(predicate::str::contains("content/good.md"))
        .stderr(predicate::str::contains("content/sub/good.md"));
    assert!(read_tree(&site.path("public")) == published);
}

#[test]
fn a_slug_escaping_its_folder_is_an_error() {
    let site = Site::new();
    site.add(
        "content/bad.md",
        "---\ntitle: T\nslug: ../../../etc/evil\n---\n",
    );
    site.fails_with(&["content/bad.md:3:1", "would leave the articles folder"]);
    assert!(!site.dir.path().join("etc").exists());
}

#[test]
fn non_latin_slugs_are_transliterated() {
    let site = Site::new();
    site.add("content/Газ из Ирана.md", "---\ntitle: Газ\n---\nТекст.\n");
    site.add("content/x.md", "---\ntitle: X\nslug: 伊朗天然气\n---\n");
    site.build().success();
    assert!(
        site.path("public/articles/gaz-iz-irana/index.html")
            .is_file()
    );
    assert!(
        site.path("public/articles/yi-lang-tian-ran-qi/index.html")
            .is_file()
    );
}

#[test]
fn empty_files_build_with_a_warning_and_binary_files_fail() {
    let site = Site::new();
    site.add("content/empty.md", "");
    site.build().success().stderr(predicate::str::contains(
        "content/empty.md: the file is empty",
    ));
    let site = Site::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7919 % 256) as u8));
    site.add("content/picture.md", png);
    site.fails_with(&["content/picture.md:1:1", "not UTF-8"]);
}

/// A content file over the article limit (4 MB, as for import) fails fast
/// with its name; a site that raises `max_article_mb` builds it whole.
#[test]
fn a_20_mb_article_is_refused_by_name_unless_the_site_raises_the_limit() {
    let site = Site::new();
    let paragraph =
        "Azerbaijan and Iran discussed gas swaps, trade and transport corridors at length. ";
    let mut text = String::from("---\ntitle: Huge\ndate: 2024-01-01\n---\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&paragraph.repeat(10));
        text.push_str("\n\n");
    }
    text.push_str("The very last paragraph.\n");
    site.add("content/huge.md", &text);
    site.fails_with(&[
        "content/huge.md",
        "too large for an article",
        "max_article_mb",
    ]);
    site.add("site.toml", "max_article_mb = 25\n");
    site.build().success();
    let page = site.page("huge");
    assert!(page.len() > 20 * 1024 * 1024);
    assert!(page.contains("The very last paragraph."));
}

/// The shapes that make Markdown and HTML tools recurse or go quadratic.
#[test]
fn deeply_nested_markdown_builds() {
    let n = 50_000;
    let shapes = [
        ("quotes", format!("{} deep\n", ">".repeat(n))),
        (
            "lists",
            (0..2000)
                .map(|i| format!("{}- item\n", "  ".repeat(i)))
                .collect(),
        ),
        ("brackets", format!("{}x{}\n", "[".repeat(n), "]".repeat(n))),
        ("links", "[a](".repeat(n)),
        ("emphasis", "*a **a ".repeat(n)),
        (
            "backticks",
            (1..2000).map(|i| "`".repeat(i) + " ").collect(),
        ),
        ("html", format!("{}x\n", "<div>".repeat(n))),
        ("html-close", "</div>".repeat(n)),
    ];
    let site = Site::new();
    for (name, body) in &shapes {
        site.add(
            &format!("content/{name}.md"),
            format!("---\ntitle: {name}\n---\n{body}"),
        );
    }
    site.build().success().stderr(predicate::str::contains(
        "content/html.md: HTML nested more than 512 levels",
    ));
    for (name, _) in &shapes {
        let page = site.page(name);
        assert!(page.contains("</html>"), "{name}: page incomplete");
    }
    // Raw HTML too deep to sanitise is shown, not interpreted.
    assert!(site.page("html").contains("&lt;div"));
}

#[test]
fn ten_thousand_links_in_one_article() {
    let site = Site::new();
    let body: String = (0..10_000)
        .map(|i| format!("[source {i}](https://example.org/{i}) "))
        .collect();
    site.add(
        "content/links.md",
        format!("---\ntitle: Links\n---\n{body}\n"),
    );
    site.build().success();
    let page = scraper::Html::parse_document(&site.page("links"));
    let links = page
        .select(&scraper::Selector::parse("main a[href^='https://example.org/']").unwrap())
        .count();
    assert_eq!(links, 10_000);
}

#[test]
fn crlf_and_byte_order_mark_are_read_like_plain_files() {
    let site = Site::new();
    site.add(
        "content/windows.md",
        "\u{feff}---\r\ntitle: Saved on Windows\r\ndate: 2024-02-02\r\ncountries: [Iran]\r\n---\r\n\r\n## Heading\r\n\r\nText.\r\n",
    );
    site.build().success();
    let page = scraper::Html::parse_document(&site.page("windows"));
    let h1 = page
        .select(&scraper::Selector::parse("main h1").unwrap())
        .next()
        .unwrap();
    assert_eq!(text_of(&h1), "Saved on Windows");
    let time = page
        .select(&scraper::Selector::parse("main time").unwrap())
        .next()
        .unwrap();
    assert_eq!(time.value().attr("datetime"), Some("2024-02-02"));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_skipped_with_a_warning() {
    let site = Site::new();
    std::fs::create_dir_all(site.path("content/sub")).unwrap();
    std::os::unix::fs::symlink("..", site.path("content/sub/loop")).unwrap();
    site.add("content/sub/inner.md", "---\ntitle: Inner\n---\n");
    site.build().success().stderr(predicate::str::contains(
        "content/sub/loop: symbolic link; not read",
    ));
    assert!(site.path("public/articles/inner/index.html").is_file());
    assert!(site.path("public/articles/good/index.html").is_file());
}

/// A link in content/ to a file outside the site (which git would carry in
/// a contributed article) publishes nothing: not /etc/passwd, not the
/// build's environment.
#[cfg(unix)]
#[test]
fn symlinks_to_files_outside_the_site_publish_nothing() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: Secret\n---\nTOPSECRET-42\n").unwrap();
    std::fs::create_dir_all(outside.path().join("folder")).unwrap();
    std::fs::write(
        outside.path().join("folder/inner.md"),
        "---\ntitle: In\n---\nTOPSECRET-43\n",
    )
    .unwrap();
    let site = Site::new();
    std::os::unix::fs::symlink(&secret, site.path("content/secret.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("folder"), site.path("content/folder")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path("content/passwd.md")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", site.path("content/env.md")).unwrap();
    // Templates and theme files are read the same way.
    let template = outside.path().join("article.html");
    std::fs::write(&template, "TOPSECRET-45").unwrap();
    std::fs::create_dir_all(site.path("templates")).unwrap();
    std::fs::create_dir_all(site.path("theme")).unwrap();
    std::os::unix::fs::symlink(&template, site.path("templates/article.html")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path("theme/passwd.css")).unwrap();
    let assert = briefing()
        .env("MYSECRET_TOKEN", "TOPSECRET-44")
        .args(["build", "--root"])
        .arg(site.path(""))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for link in [
        "content/secret.md",
        "content/folder",
        "content/passwd.md",
        "content/env.md",
        "templates/article.html",
        "theme/passwd.css",
    ] {
        assert!(
            stderr.contains(&format!("{link}: symbolic link; not read")),
            "{stderr}"
        );
    }
    for entry in walkdir::WalkDir::new(site.path("public")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("TOPSECRET") && !text.contains("root:x:0:0"),
                "{} publishes a file from outside the site",
                entry.path().display()
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    // A link, even to nothing, is not read: it is named in a warning.
    let site = Site::new();
    std::os::unix::fs::symlink("/nonexistent/briefing.md", site.path("content/gone.md")).unwrap();
    site.build().success().stderr(predicate::str::contains(
        "content/gone.md: symbolic link; not read",
    ));

    // Without read permission: only meaningful when not running as root.
    let site = Site::new();
    let locked = site.add("content/locked.md", "---\ntitle: Locked\n---\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_err() {
        site.fails_with(&["content/locked.md", "ermission denied"]);
    } else {
        eprintln!("running with privileges that read any file: permission case not checkable");
    }
}

#[test]
fn a_template_that_errors_is_named_with_its_line() {
    let site = Site::new();
    site.add("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title | no_such_filter }}\n{% endblock content %}\n");
    site.fails_with(&["article.html", ":3:"]);
    let site = Site::new();
    site.add("templates/index.html", "<p>\n{% for x in %}\n");
    site.fails_with(&["index.html", ":2:"]);
    let site = Site::new();
    site.add(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}\n\n{{ 1 / 0 }}{% endblock content %}",
    );
    site.fails_with(&["404.html"]);
}

#[test]
fn a_bad_site_toml_names_the_key_and_line() {
    let site = Site::new();
    site.add("site.toml", "title = \"T\"\nminify = \"yes\"\n");
    let published = read_tree(&site.path("public"));
    site.build()
        .code(1)
        .stderr(predicate::str::contains("site.toml:2:"))
        .stderr(predicate::str::contains("minify"));
    assert!(read_tree(&site.path("public")) == published);
    site.add("site.toml", "title = \"T\n");
    site.build()
        .code(1)
        .stderr(predicate::str::contains("site.toml:1:"));
}

/// Import: one bad raw article never stops the others.
#[test]
fn bad_raw_articles_fail_alone_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::copy(
        project_root()
            .join("articles")
            .read_dir()
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
        articles.join("good.txt"),
    )
    .unwrap();
    std::fs::write(articles.join("empty.txt"), "").unwrap();
    std::fs::write(
        articles.join("binary.txt"),
        (0..3000u32)
            .map(|i| (i * 31 % 256) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(
        articles.join("huge.txt"),
        "Title\n\n".to_string() + &"Text of the article. ".repeat(1_100_000),
    )
    .unwrap();
    std::fs::write(
        articles.join("windows.txt"),
        "\u{feff}Iran and Azerbaijan sign a deal\r\n\r\nBAKU, Azerbaijan, March 3. Iran and Azerbaijan signed a deal.\r\n",
    )
    .unwrap();
    briefing()
        .current_dir(dir.path())
        .arg("import")
        .timeout(HANG_GUARD)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("articles/empty.txt"))
        .stderr(predicate::str::contains("articles/binary.txt"))
        .stderr(predicate::str::contains("articles/huge.txt"))
        .stderr(predicate::str::contains(
            "3 of 5 files could not be imported",
        ))
        .stderr(predicate::str::contains("panicked").not());
    let imported: Vec<String> = std::fs::read_dir(dir.path().join("content"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(imported.len(), 2);
    assert!(
        imported
            .iter()
            .any(|t| t.contains("title: \"Iran and Azerbaijan sign a deal\"")),
        "the CRLF file with a BOM was imported with a clean title"
    );
}

/// A content line quoted in an error may hold terminal escapes: they are
/// printed as `\x1b`, never sent to the terminal; NUL bytes never reach a page.
#[test]
fn control_characters_in_content_are_printed_escaped_and_nul_never_published() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), "").unwrap();
    write(
        &dir.path().join("content/evil.md"),
        "---\ntitle: \"evil\u{1b}]0;PWNED\u{7}\u{1b}[2J\n---\nx\n",
    );
    let out = briefing()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("--output")
        .arg(dir.path().join("public"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("evil\\x1b]0;PWNED\\x07\\x1b[2J"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );

    write(
        &dir.path().join("content/evil.md"),
        "---\ntitle: \"Nul\\0 title\"\ndate: 2024-01-01\n---\n\nBody with \u{0} nul.\n",
    );
    briefing()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("--output")
        .arg(dir.path().join("public"))
        .assert()
        .success();
    for entry in walkdir::WalkDir::new(dir.path().join("public")) {
        let entry = entry.unwrap();
        let text = entry.path().extension().is_some_and(|e| {
            ["html", "xml", "csv", "json", "svg", "txt"].contains(&e.to_str().unwrap_or(""))
        });
        if entry.file_type().is_file() && text {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !bytes.contains(&0),
                "{} holds a NUL byte",
                entry.path().display()
            );
        }
    }
}

/// A million-entry list in TOML front matter (17 MB, which would make
/// gigabytes of pages) fails fast with the file's name, under the size
/// limit or over it.
#[test]
fn a_million_entry_toml_list_fails_fast_with_the_file_name() {
    let site = Site::new();
    let mut text = String::from("+++\ntitle = \"Big\"\ncountries = [");
    for i in 0..1_000_000 {
        text.push_str(&format!("\"C{i}\","));
    }
    text.push_str("]\n+++\nText.\n");
    site.add("content/big.md", &text);
    site.fails_with(&["content/big.md", "too large"]);
    site.add("site.toml", "max_article_mb = 30\n");
    site.fails_with(&["content/big.md", "more than 250000 values"]);
    // Under the value budget, a list is still held to its own limit.
    let mut text = String::from("+++\ntitle = \"Long\"\ncountries = [");
    for i in 0..20_000 {
        text.push_str(&format!("\"C{i}\","));
    }
    text.push_str("]\n+++\nText.\n");
    site.add("content/big.md", &text);
    site.fails_with(&["content/big.md", "`countries` has 20000 entries"]);
}
