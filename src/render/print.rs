//! The printed briefing, `/briefing/`: a cover, the contents, an executive
//! summary, a chapter per country as the digest stage planned it (its key
//! figures, its developments, a digest of each article, the rest listed),
//! and annexes. One country's chapter alone can be printed too. What is
//! chosen is the digest's; this module only formats it.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::chart::ChartView;
use super::dossier;
use super::scoped::scope_body;
use super::tables::{self, PersonRecord, SourceRecord};
use crate::config::FullText;
use crate::digest::{Chapter, Highlights};
use crate::error::BuildError;
use crate::model::{Site, Taxonomy};

/// The whole briefing's page.
pub const PAGE: &str = "briefing/index.html";

/// The whole briefing's PDF, in the output root.
pub const PDF: &str = "briefing.pdf";

/// One-line entries a chapter lists after its digests; the rest are online.
const LISTED_MAX: usize = 30;

/// The whole briefing's contents: (anchor, heading text) in page order, the
/// text as the page's heading says it, so the PDF's bookmarks can be matched
/// to it to give each entry its page number.
pub fn contents_entries(r: &Renderer<'_>) -> Vec<(String, String)> {
    let site = r.site;
    let mut entries = vec![("summary".to_string(), r.t("Executive summary"))];
    for chapter in &r.digest.plan.chapters {
        entries.push((chapter_id(site, chapter), chapter_title(r, chapter)));
    }
    entries.push(("annexes".into(), r.t("Annexes")));
    entries.push(("annex-sources".into(), r.t("A. Sources")));
    entries.push(("annex-people".into(), r.t("B. People")));
    entries.push(("annex-method".into(), r.t("C. How this briefing was made")));
    if site.config.briefing.full_text == FullText::Annex {
        entries.push(("annex-texts".into(), r.t("D. Full texts")));
    }
    entries
}

/// The page printing only `country`'s chapter.
pub fn chapter_page(site: &Site, country: usize) -> String {
    format!("briefing/{}/index.html", site.countries[country].slug)
}

/// The PDF a country's chapter prints to, in the output root.
pub fn chapter_pdf(site: &Site, country: usize) -> String {
    format!("briefing-{}.pdf", site.countries[country].slug)
}

#[derive(Serialize)]
struct Cover<'a> {
    title: String,
    subtitle: &'a str,
    organisation: &'a str,
    marking: &'a str,
    date: String,
    articles: usize,
    outlets: usize,
    first_date: String,
    last_date: String,
}

#[derive(Serialize)]
struct ContentsEntry {
    id: String,
    title: String,
    /// Articles the chapter tells or lists.
    count: usize,
}

/// One article in a few lines: what a reader needs to decide to read it.
#[derive(Serialize)]
struct Digested<'a> {
    id: String,
    title: &'a str,
    date_display: String,
    source: &'a str,
    via: &'a str,
    dateline: &'a [String],
    countries: Vec<&'a str>,
    lead: &'a str,
    /// The article's page in the online edition.
    online: String,
    /// Its full address, printed for paper readers, when the site's is known.
    address: String,
    /// The original article.
    url: &'a str,
    /// The article's text in full, when the briefing prints it here.
    body: String,
}

/// An article listed on one line.
#[derive(Serialize)]
struct Listed<'a> {
    date_display: String,
    title: &'a str,
    source: &'a str,
    online: String,
}

/// Articles of this chapter's country told in another chapter.
#[derive(Serialize)]
struct Elsewhere<'a> {
    chapter: String,
    chapter_id: String,
    titles: Vec<&'a str>,
}

#[derive(Serialize)]
struct PrintedFigure<'a> {
    display: &'a str,
    label: &'a str,
    period_display: &'a str,
    date_display: &'a str,
    countries: String,
    article_title: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct Development<'a> {
    date_display: String,
    title: &'a str,
    source: &'a str,
    countries: String,
}

/// A country with articles and no chapter of its own.
#[derive(Serialize)]
struct OtherCountry<'a> {
    name: &'a str,
    articles: usize,
    latest_date: String,
    latest_title: &'a str,
}

#[derive(Serialize)]
struct ChapterView<'a> {
    id: String,
    /// The closing chapter, of countries without one of their own.
    closing: bool,
    title: String,
    /// Articles concerning the country (for the closing chapter, those it tells).
    count: usize,
    first_date: String,
    last_date: String,
    main_alongside: String,
    figures: Vec<PrintedFigure<'a>>,
    developments: Vec<Development<'a>>,
    charts: Vec<ChartView>,
    /// Each digest, rendered by `briefing-article.html`.
    digests: Vec<Value>,
    listed: Vec<Listed<'a>>,
    /// Articles of the chapter neither told nor listed: online only.
    listed_more: usize,
    elsewhere: Vec<Elsewhere<'a>>,
    others: Vec<OtherCountry<'a>>,
}

fn chapter_id(site: &Site, chapter: &Chapter) -> String {
    match chapter.country {
        Some(c) => format!("chapter-{}", site.countries[c].slug),
        None => "chapter-other".into(),
    }
}

fn chapter_title(r: &Renderer<'_>, chapter: &Chapter) -> String {
    match chapter.country {
        Some(c) => r.site.countries[c].name.clone(),
        None => r.t("Other countries"),
    }
}

/// Where a reader finds an article online: the link (relative, so the
/// site works under any address and from disk) and, when the site's
/// address is known, the full address printed for paper readers.
fn online(r: &Renderer<'_>, article: usize) -> (String, String) {
    let path = format!("articles/{}/", r.site.articles[article].slug);
    let base = r.site.config.base_url.trim_end_matches('/');
    let address = if base.starts_with("http") {
        format!("{base}/{path}")
    } else {
        String::new()
    };
    (format!("../{path}"), address)
}

fn country_names(site: &Site, article: usize) -> Vec<&str> {
    site.filed[article]
        .countries
        .iter()
        .map(|&c| site.countries[c].name.as_str())
        .collect()
}

fn show_date(r: &Renderer<'_>, article: usize) -> String {
    r.site.articles[article]
        .meta
        .date
        .map(|d| r.dates().show(d))
        .unwrap_or_default()
}

fn digested<'a>(r: &'a Renderer<'a>, article: usize, body: bool) -> Digested<'a> {
    let site = r.site;
    let meta = &site.articles[article].meta;
    Digested {
        id: format!("article-{}", site.articles[article].slug),
        title: &meta.title,
        date_display: show_date(r, article),
        source: &meta.source,
        via: &meta.via,
        dateline: &meta.dateline,
        countries: country_names(site, article),
        lead: &meta.summary,
        online: online(r, article).0,
        address: online(r, article).1,
        url: &meta.url,
        body: if body {
            scope_body(
                &site.articles[article].body_html,
                &site.articles[article].slug,
                "../",
                &|_| false,
            )
        } else {
            String::new()
        },
    }
}

/// The template that prints one article's digest (and text, when asked).
const ARTICLE_TEMPLATE: &str = "briefing-article.html";

fn render_digests(
    r: &Renderer<'_>,
    articles: &[usize],
    body: bool,
) -> Result<Vec<Value>, BuildError> {
    // Rendered one by one and in parallel: the page never holds the
    // articles as template values all at once, only as finished HTML.
    articles
        .par_iter()
        .map(|&a| {
            let mut ctx = Context::new();
            ctx.insert("a", &digested(r, a, body));
            r.fragment(ARTICLE_TEMPLATE, &ctx)
        })
        .collect()
}

fn printed_figure<'a>(r: &'a Renderer<'a>, figure: usize) -> PrintedFigure<'a> {
    let record = &r.figures[figure];
    PrintedFigure {
        display: &record.display,
        label: &record.label,
        period_display: &record.period_display,
        date_display: &record.date_display,
        countries: record
            .countries
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        article_title: &record.article_title,
        source: &record.source,
    }
}

fn development<'a>(r: &'a Renderer<'a>, article: usize) -> Development<'a> {
    let meta = &r.site.articles[article].meta;
    Development {
        date_display: show_date(r, article),
        title: &meta.title,
        source: &meta.source,
        countries: country_names(r.site, article).join(", "),
    }
}

fn highlights<'a>(
    r: &'a Renderer<'a>,
    highlights: &Highlights,
) -> (Vec<PrintedFigure<'a>>, Vec<Development<'a>>) {
    (
        highlights
            .figures
            .iter()
            .map(|&f| printed_figure(r, f))
            .collect(),
        highlights
            .developments
            .iter()
            .map(|&a| development(r, a))
            .collect(),
    )
}

fn chapter_view<'a>(
    r: &'a Renderer<'a>,
    chapter: &Chapter,
    highlights_of: &Highlights,
) -> Result<ChapterView<'a>, BuildError> {
    let site = r.site;
    let plan = &r.digest.plan;
    let id = chapter_id(site, chapter);
    let in_chapters = site.config.briefing.full_text == FullText::Chapters;
    let digests = render_digests(r, &chapter.articles, in_chapters)?;
    let listed_more = chapter.listed.len().saturating_sub(LISTED_MAX);
    let listed = chapter
        .listed
        .iter()
        .take(LISTED_MAX)
        .map(|&a| Listed {
            date_display: show_date(r, a),
            title: &site.articles[a].meta.title,
            source: &site.articles[a].meta.source,
            online: online(r, a).0,
        })
        .collect();
    // Articles told elsewhere, grouped by the chapter that tells them.
    let mut elsewhere: Vec<Elsewhere<'a>> = Vec::new();
    for &a in &chapter.elsewhere {
        let home = &plan.chapters[plan.told_in[a]];
        let home_id = chapter_id(site, home);
        match elsewhere.iter_mut().find(|e| e.chapter_id == home_id) {
            Some(group) => group.titles.push(&site.articles[a].meta.title),
            None => elsewhere.push(Elsewhere {
                chapter: chapter_title(r, home),
                chapter_id: home_id,
                titles: vec![&site.articles[a].meta.title],
            }),
        }
    }
    let (figures, developments) = highlights(r, highlights_of);
    let Some(country) = chapter.country else {
        let others = plan
            .without_chapter
            .iter()
            .map(|&c| {
                let term = &site.countries[c];
                let latest = term.articles[0];
                OtherCountry {
                    name: &term.name,
                    articles: term.articles.len(),
                    latest_date: show_date(r, latest),
                    latest_title: &site.articles[latest].meta.title,
                }
            })
            .collect();
        return Ok(ChapterView {
            id,
            closing: true,
            title: r.t("Other countries"),
            count: chapter.articles.len() + chapter.listed.len(),
            first_date: String::new(),
            last_date: String::new(),
            main_alongside: String::new(),
            figures,
            developments,
            charts: Vec::new(),
            digests,
            listed,
            listed_more,
            elsewhere,
            others,
        });
    };
    let term = &site.countries[country];
    let summary = dossier::summary(r, Taxonomy::Countries, country);
    // One chart, the articles over time, is enough for a printed chapter.
    let charts = dossier::charts(r, Taxonomy::Countries, country, &id)
        .into_iter()
        .take(1)
        .collect();
    Ok(ChapterView {
        closing: false,
        title: term.name.clone(),
        count: term.articles.len(),
        first_date: summary.first_date,
        last_date: summary.last_date,
        main_alongside: summary.main_alongside,
        figures,
        developments,
        charts,
        id,
        digests,
        listed,
        listed_more,
        elsewhere,
        others: Vec::new(),
    })
}

fn cover<'a>(r: &'a Renderer<'a>, title: String, articles: &[usize]) -> Cover<'a> {
    let site = r.site;
    let config = &site.config;
    let dates = r.dates();
    // Articles are in reading order: the first dated one is the newest.
    let mut dated = articles.iter().filter_map(|&a| site.articles[a].meta.date);
    let newest = dated.next();
    let oldest = dated.next_back().or(newest);
    let date = config
        .briefing
        .date()
        .or(site.date_span().map(|(_, last)| last));
    let counts = crate::digest::counts(site, articles);
    Cover {
        title,
        subtitle: &config.subtitle,
        organisation: &config.organisation,
        marking: &config.briefing.marking,
        date: date.map(|d| dates.show(d)).unwrap_or_default(),
        articles: counts.articles,
        outlets: counts.outlets,
        first_date: oldest.map(|d| dates.show(d)).unwrap_or_default(),
        last_date: newest.map(|d| dates.show(d)).unwrap_or_default(),
    }
}

fn base(r: &Renderer<'_>, title: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page_title", title);
    ctx.insert("section", "briefing");
    ctx.insert("topics_total", &r.site.topics.len());
    ctx.insert("countries_total", &r.site.countries.len());
    ctx.insert("counts", &CountsView::of(r));
    ctx
}

/// [`crate::digest::Counts`] for templates.
#[derive(Serialize)]
struct CountsView {
    articles: usize,
    outlets: usize,
    without_outlet: usize,
    countries: usize,
    figures: usize,
}

impl CountsView {
    fn of(r: &Renderer<'_>) -> CountsView {
        let c = r.digest.counts;
        CountsView {
            articles: c.articles,
            outlets: c.outlets,
            without_outlet: c.without_outlet,
            countries: c.countries,
            figures: c.figures,
        }
    }
}

/// What the method note says was and was not done.
#[derive(Serialize)]
struct Method {
    articles: usize,
    reviewed: usize,
    full_text: &'static str,
}

impl Method {
    fn of(site: &Site, articles: &[usize]) -> Method {
        Method {
            articles: articles.len(),
            reviewed: articles
                .iter()
                .filter(|&&a| site.articles[a].meta.reviewed)
                .count(),
            full_text: match site.config.briefing.full_text {
                FullText::None => "none",
                FullText::Annex => "annex",
                FullText::Chapters => "chapters",
            },
        }
    }
}

/// The whole briefing.
pub fn briefing(r: &Renderer<'_>) -> Result<Context, BuildError> {
    let site = r.site;
    let digest = &r.digest;
    let mut ctx = base(r, &r.t("Briefing"));
    let all: Vec<usize> = (0..site.articles.len()).collect();
    ctx.insert("cover", &cover(r, site.config.title.clone(), &all));
    let contents: Vec<ContentsEntry> = digest
        .plan
        .chapters
        .iter()
        .map(|chapter| ContentsEntry {
            id: chapter_id(site, chapter),
            title: chapter_title(r, chapter),
            count: chapter.articles.len() + chapter.listed.len() + chapter.elsewhere.len(),
        })
        .collect();
    ctx.insert("contents", &contents);
    let (figures, developments) = highlights(r, &digest.summary);
    ctx.insert("figures", &figures);
    ctx.insert("developments", &developments);
    let subject = site.config.subject.trim();
    let subject_covered = subject.is_empty()
        || site
            .find_term(Taxonomy::Countries, subject)
            .is_some_and(|c| digest.plan.chapter_of_country[c].is_some());
    ctx.insert("subject", subject);
    ctx.insert("subject_covered", &subject_covered);
    let chart = r.timed_chart(|| {
        dossier::articles_over_time(
            r,
            &all,
            "summary-chart",
            &r.t("Articles over time, by topic"),
            None,
        )
    });
    ctx.insert("chart", &chart);
    let chapters: Vec<ChapterView<'_>> = digest
        .plan
        .chapters
        .iter()
        .zip(&digest.chapters)
        .map(|(chapter, highlights)| chapter_view(r, chapter, highlights))
        .collect::<Result<_, _>>()?;
    ctx.insert("chapters", &chapters);
    let texts = if site.config.briefing.full_text == FullText::Annex {
        // In chapter order, as the digests are.
        let order: Vec<usize> = digest
            .plan
            .chapters
            .iter()
            .flat_map(|c| c.articles.iter().chain(&c.listed).copied())
            .collect();
        render_digests(r, &order, true)?
    } else {
        Vec::new()
    };
    ctx.insert("texts", &texts);
    ctx.insert("annex_texts_title", &r.t("D. Full texts"));
    let sources: Vec<SourceRecord> = tables::source_records(r);
    ctx.insert("sources", &sources);
    let people: Vec<PersonRecord> = r
        .digest
        .annex_people
        .iter()
        .map(|&p| tables::person_record(site, &site.people[p], false))
        .collect();
    let people_total = site.people.len();
    ctx.insert("people", &people);
    ctx.insert("people_total", &people_total);
    ctx.insert("method", &Method::of(site, &all));
    ctx.insert("whole", &true);
    ctx.insert("pdf", &r.printed_pdf(None).unwrap_or_default());
    Ok(ctx)
}

/// One country's chapter alone: every article concerning it as a digest.
pub fn chapter(r: &Renderer<'_>, country: usize) -> Result<Context, BuildError> {
    let site = r.site;
    let term = &site.countries[country];
    let alone = Chapter {
        country: Some(country),
        articles: term.articles.clone(),
        listed: Vec::new(),
        elsewhere: Vec::new(),
    };
    let mut ctx = base(r, &format!("Briefing: {}", term.name));
    ctx.insert(
        "cover",
        &cover(
            r,
            format!("{}: {}", site.config.title, term.name),
            &term.articles,
        ),
    );
    ctx.insert("contents", &Vec::<ContentsEntry>::new());
    ctx.insert(
        "chapters",
        &[chapter_view(r, &alone, &r.digest.countries[country])?],
    );
    ctx.insert("texts", &Vec::<Value>::new());
    ctx.insert("method", &Method::of(site, &term.articles));
    ctx.insert("whole", &false);
    ctx.insert("pdf", &r.printed_pdf(Some(country)).unwrap_or_default());
    Ok(ctx)
}
