//! `briefing pdf` on the sample briefing, checked the way a reader would:
//! with poppler's pdfinfo and pdftotext, and the PDF's bookmarks.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// A copy of the sample site (site.toml and content) in a temporary folder,
/// so printing writes there and not into the project.
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        project_root().join("site.toml"),
        dir.path().join("site.toml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    for entry in std::fs::read_dir(project_root().join("content")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path().join("content").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

/// Chromium and poppler, when installed (in CI they must be).
fn tools_present() -> bool {
    let present = |tool: &str, arg: &str| {
        Command::new(tool)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let ok = present("chromium", "--version") && present("pdfinfo", "-v");
    if !ok && std::env::var_os("CI").is_some() {
        panic!("Chromium or poppler-utils missing: run .ci/run");
    }
    ok
}

fn pdfinfo(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn page_count(pdf: &Path) -> usize {
    pdfinfo(pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// The text of `page` (from 1), or of every page when `None`, with runs of
/// white space made one space.
fn pdf_text(pdf: &Path, page: Option<usize>) -> String {
    let mut command = Command::new("pdftotext");
    if let Some(page) = page {
        command.args(["-f", &page.to_string(), "-l", &page.to_string()]);
    }
    let out = command.arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    normal(&String::from_utf8(out.stdout).unwrap())
}

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The titles of the sample's articles, from their content files.
fn article_titles(site: &Path) -> Vec<String> {
    html_files(&site.join("public/articles"))
        .iter()
        .filter(|p| {
            p.ends_with("index.html") && p.parent().unwrap() != site.join("public/articles")
        })
        .map(|p| text_of(&select(&parse_html(p), "h1")[0]))
        .collect()
}

fn bookmarks(pdf: &Path) -> Vec<(usize, String, usize)> {
    let document = lopdf::Document::load(pdf).unwrap();
    let toc = document.get_toc().expect("the PDF has bookmarks");
    toc.toc
        .into_iter()
        .map(|t| (t.level, normal(&t.title), t.page))
        .collect()
}

#[test]
fn sample_briefing_prints_as_a_document() {
    if !tools_present() {
        eprintln!("skipped: Chromium or poppler-utils not installed");
        return;
    }
    let site = sample_copy();
    briefing()
        .arg("pdf")
        .arg("--root")
        .arg(site.path())
        .assert()
        .success();
    let pdf = site.path().join("public/briefing.pdf");
    let pages = page_count(&pdf);
    assert!(pages >= 4, "{pages} pages");
    assert!(pdfinfo(&pdf).contains("(A4)"), "{}", pdfinfo(&pdf));

    // Page 1 is the cover: title, subtitle, marking, and no page number.
    let cover = pdf_text(&pdf, Some(1));
    for expected in [
        "Azerbaijan Briefing",
        "Relations with Iran, Russia and the neighbourhood",
        "Regional Analysis Desk",
        "FOR INTERNAL USE",
        "27 November 2023",
    ] {
        assert!(
            cover.contains(expected),
            "cover lacks {expected:?}: {cover}"
        );
    }
    assert!(!cover.contains("Page 1 of"), "{cover}");

    // Every page after the cover says which page it is, of how many.
    for page in 2..=pages {
        let text = pdf_text(&pdf, Some(page));
        assert!(
            text.contains(&format!("Page {page} of {pages}")),
            "page {page}: {text}"
        );
        assert!(text.contains("Azerbaijan Briefing"), "page {page}: {text}");
    }

    // The contents list every chapter the briefing page has, with the page
    // each starts on as the bookmarks give it.
    let page_html = parse_html(&site.path().join("public/briefing/index.html"));
    let chapters: Vec<String> = select(&page_html, "section.chapter > h2")
        .iter()
        .map(text_of)
        .collect();
    // The subject first; every country fits, so each has its chapter.
    assert_eq!(chapters, ["Azerbaijan", "Iran", "Russia"]);
    let contents = pdf_text(&pdf, Some(2));
    assert!(
        contents.starts_with("Azerbaijan Briefing FOR INTERNAL USE Contents"),
        "{contents}"
    );
    let marks = bookmarks(&pdf);
    for chapter in &chapters {
        let (_, _, page) = marks
            .iter()
            .find(|(level, title, _)| *level == 2 && title == chapter)
            .unwrap_or_else(|| panic!("no bookmark for chapter {chapter}: {marks:?}"));
        assert!(
            contents.contains(&format!("{chapter} "))
                && contents.contains(&format!("page {page} ")),
            "contents lack {chapter} on page {page}: {contents}"
        );
        assert!(
            pdf_text(&pdf, Some(*page)).contains(chapter.as_str()),
            "chapter {chapter} is not on page {page}"
        );
    }

    // Every article, as a digest, is in the text and in the bookmarks,
    // under its chapter's "Articles".
    let all = pdf_text(&pdf, None);
    let titles = article_titles(site.path());
    assert_eq!(titles.len(), 5);
    for title in &titles {
        assert!(all.contains(title.as_str()), "no {title:?} in the PDF");
        assert!(
            marks.iter().any(|(level, t, _)| *level == 4 && t == title),
            "no bookmark for {title:?}: {marks:?}"
        );
    }
    // A digest, not the text: the lead, and where to read the rest.
    assert!(all.contains("Online: https://"), "{all}");

    // Nothing of the screen: navigation, skip link, footer, buttons.
    for screen_only in [
        "Skip to content",
        "Overview",
        "Tables",
        "Printable briefing",
        "Built with briefing",
        "Download this briefing",
        "The numbers",
    ] {
        assert!(!all.contains(screen_only), "{screen_only:?} printed");
    }
    // No link into the folder it was printed from.
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(!bytes.windows(7).any(|w| w == b"file://"));

    // The site it was printed with links to it.
    let front = std::fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(front.contains("briefing.pdf"), "front page has no PDF link");
}

#[test]
fn one_country_prints_alone_on_letter_paper_without_touching_the_site() {
    if !tools_present() {
        eprintln!("skipped: Chromium or poppler-utils not installed");
        return;
    }
    let site = sample_copy();
    let pdf: PathBuf = site.path().join("russia.pdf");
    briefing()
        .args([
            "pdf",
            "--country",
            "russia",
            "--paper",
            "letter",
            "--output",
        ])
        .arg(&pdf)
        .arg("--root")
        .arg(site.path())
        .assert()
        .success();
    assert!(pdfinfo(&pdf).contains("(letter)"), "{}", pdfinfo(&pdf));
    let cover = pdf_text(&pdf, Some(1));
    assert!(cover.contains("Azerbaijan Briefing: Russia"), "{cover}");
    assert!(
        cover.contains("1 article, 6 October 2022 to 6 October 2022"),
        "{cover}"
    );
    let text = pdf_text(&pdf, None);
    assert!(text.contains("Azerbaijan and Russia discuss trade at the Caspian Economic Forum"));
    assert!(
        !text.contains("Azerbaijan and Iran discuss joint military projects"),
        "an article not concerning Russia was printed"
    );
    assert!(
        !site.path().join("public").exists(),
        "--output must leave the site's output folder alone"
    );
}

#[test]
fn without_a_browser_pdf_says_how_to_get_one_and_build_still_works() {
    let site = sample_copy();
    let empty = tempfile::tempdir().unwrap();
    let out = briefing()
        .arg("pdf")
        .arg("--root")
        .arg(site.path())
        .env("PATH", empty.path())
        .env_remove("BRIEFING_CHROME")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(stderr.contains("--chrome"), "{stderr}");
    assert!(!site.path().join("public").exists(), "nothing is built");

    briefing()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .env("PATH", empty.path())
        .assert()
        .success();
    assert!(site.path().join("public/briefing/index.html").is_file());
    assert!(!site.path().join("public/briefing.pdf").exists());
}

/// A PNG of `width` × `height` pixels, one colour: small and recognisable
/// by its size in `pdfimages -list`.
fn png(width: u32, height: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in bytes {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn adler(bytes: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in bytes {
            a = (a + x as u32) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    };
    // Rows of filter byte 0 and grey pixels, in one stored (uncompressed) deflate block.
    let mut raw = Vec::new();
    for _ in 0..height {
        raw.push(0);
        raw.extend(std::iter::repeat_n(0x80u8, width as usize));
    }
    let mut zlib = vec![0x78, 0x01, 0x01];
    zlib.extend((raw.len() as u16).to_le_bytes());
    zlib.extend((!(raw.len() as u16)).to_le_bytes());
    zlib.extend(&raw);
    zlib.extend(adler(&raw).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend(height.to_be_bytes());
    header.extend([8, 0, 0, 0, 0]); // 8-bit greyscale
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Finding 2 of the hardening issue: an article that points at files
/// outside the site (absolute, relative and `file:` paths to an SVG and a
/// PNG) and at another host that accepts and never answers. The PDF holds
/// none of the files, the browser never connects to the host, and the print
/// does not wait on it.
#[test]
fn printing_reaches_nothing_outside_the_site() {
    if !tools_present() {
        eprintln!("skipped: chromium or poppler-utils missing");
        return;
    }
    let outside = tempfile::tempdir().unwrap();
    let secret_svg = outside.path().join("secret.svg");
    write(
        &secret_svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"80\">\
         <text x=\"10\" y=\"40\" font-size=\"30\">OUTSIDESECRETSVG</text></svg>",
    );
    let secret_png = outside.path().join("secret.png");
    std::fs::write(&secret_png, png(37, 23)).unwrap();

    // A host that accepts connections and never answers, counting them.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    {
        let connections = connections.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().flatten() {
                connections.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                held.push(stream);
            }
        });
    }

    let site = tempfile::tempdir().unwrap();
    let climb = "../".repeat(12);
    let svg = secret_svg.display().to_string();
    let png_path = secret_png.display().to_string();
    write(
        &site.path().join("site.toml"),
        // The texts in the chapters, where their images are.
        "title = \"Isolation\"\nbase_url = \"https://example.github.io/b/\"\n\
         [briefing]\nfull_text = \"chapters\"\n",
    );
    write(
        &site.path().join("content/reach.md"),
        &format!(
            "---\ntitle: Pictures from elsewhere\ndate: 2024-05-01\ncountries: [Iran]\n---\n\n\
             An absolute path ![s]({svg}) and ![p]({png_path}), a climb \
             ![r]({climb}{rel_svg}) and ![q]({climb}{rel_png}), a file address \
             ![f](file://{svg}), and a host that never answers \
             ![h](https://127.0.0.1:{port}/x.png) ![h2](http://127.0.0.1:{port}/y.png).\n",
            rel_svg = svg.trim_start_matches('/'),
            rel_png = png_path.trim_start_matches('/'),
        ),
    );
    let pdf = site.path().join("out.pdf");
    let started = std::time::Instant::now();
    let out = briefing()
        .args(["pdf", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&pdf)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("printing refuses them"), "{stderr}");
    assert_eq!(
        connections.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "the printing browser connected to another host"
    );
    // Well inside the 120 s print timeout, twice over: nothing waited on the host.
    assert!(took < std::time::Duration::from_secs(60), "took {took:?}");
    let text = pdf_text(&pdf, None);
    assert!(text.contains("Pictures from elsewhere"), "{text}");
    assert!(!text.contains("OUTSIDESECRETSVG"), "{text}");
    let images = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .unwrap();
    let images = String::from_utf8_lossy(&images.stdout);
    assert!(
        !images
            .lines()
            .any(|l| l.split_whitespace().nth(3) == Some("37")
                && l.split_whitespace().nth(4) == Some("23")),
        "the outside PNG is in the PDF:\n{images}"
    );
}

/// The printed briefing of 293 real Wikinews articles about 69 countries,
/// with default settings, is a digest a reader gets through: at most 60
/// pages, the subject's absence said, chapters with something to show.
#[test]
fn a_briefing_of_three_hundred_articles_prints_in_sixty_pages_or_fewer() {
    if !tools_present() {
        eprintln!("skipped: chromium or poppler-utils missing");
        return;
    }
    let site = tempfile::tempdir().unwrap();
    wikinews_site(site.path());
    briefing()
        .args(["pdf", "--root"])
        .arg(site.path())
        .assert()
        .success();
    let pdf = site.path().join("public/briefing.pdf");
    let pages = page_count(&pdf);
    assert!((10..=60).contains(&pages), "{pages} pages");
    let summary = pdf_text(&pdf, Some(3));
    assert!(summary.contains("Executive summary"), "{summary}");
    // The counts the front page gives are the ones the paper prints, and
    // the ones the tables and the country index hold.
    let out = site.path().join("public");
    let front = parse_html(&out.join("index.html"));
    let stat = |name: &str| -> String {
        let cell = select(&front, ".stats div")
            .into_iter()
            .find(|d| text_of(d).starts_with(name))
            .unwrap_or_else(|| panic!("no {name} on the front page"));
        text_of(&select_in(&cell, "dd")[0]).trim().to_string()
    };
    let (articles, countries, figures) = (stat("Articles"), stat("Countries"), stat("Key figures"));
    assert_eq!(articles, "293");
    let cover = normal(&pdf_text(&pdf, Some(1)));
    assert!(cover.contains(&format!("{articles} articles")), "{cover}");
    // The Wikinews texts name no outlet: the cover counts none.
    assert!(!cover.contains("outlet"), "{cover}");
    let summary_line = normal(&summary);
    assert!(
        summary_line.contains(&format!("{articles} articles"))
            && summary_line.contains(&format!("concerning {countries} countries")),
        "front page: {articles} articles, {countries} countries; PDF: {summary_line}"
    );
    let index = parse_html(&out.join("countries/index.html"));
    let listed = select(&index, "#terms tbody tr").len() + select(&index, ".term-grid li").len();
    assert_eq!(
        listed.to_string(),
        countries,
        "countries listed on the index"
    );
    let table = parse_html(&out.join("tables/figures/index.html"));
    let lede = text_of(&select(&table, ".lede")[0]);
    assert!(
        lede.starts_with(&format!("{figures} figures")),
        "front page: {figures}; table: {lede}"
    );
    assert!(summary.contains("Key developments"), "{summary}");
    assert!(
        summary.contains("No article concerns Azerbaijan"),
        "{summary}"
    );
    // Bookmarks keep the spaces between words: every digest's bookmark is
    // its article's title as written.
    let titles: std::collections::HashSet<String> = article_titles(site.path())
        .iter()
        .map(|t| normal(t))
        .collect();
    let digests: Vec<String> = bookmarks(&pdf)
        .into_iter()
        .filter(|(level, _, _)| *level == 4)
        .map(|(_, title, _)| title)
        .collect();
    assert!(digests.len() >= 20, "{} digests", digests.len());
    for title in &digests {
        assert!(
            titles.contains(title),
            "bookmark {title:?} is no article's title"
        );
    }
}
