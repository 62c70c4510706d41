//! The printed briefing, `/briefing/`: a cover, the contents, an executive
//! summary, a chapter per country (its dossier summary, then its articles in
//! full), and annexes. One country's chapter alone can be printed too.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::chart::ChartView;
use super::context::Link;
use super::dossier;
use super::scoped::scope_body;
use super::tables::{self, PersonRecord, SourceRecord};
use crate::content::Person;
use crate::error::BuildError;
use crate::model::{Chapter, Site, Taxonomy};

/// The whole briefing's page.
pub const PAGE: &str = "briefing/index.html";

/// The whole briefing's PDF, in the output root.
pub const PDF: &str = "briefing.pdf";

/// The whole briefing's contents: (anchor, heading text) in page order, the
/// text as the page's heading says it, so the PDF's bookmarks can be matched
/// to it to give each entry its page number.
pub fn contents_entries(site: &Site) -> Vec<(String, String)> {
    let mut entries = vec![("summary".to_string(), "Executive summary".to_string())];
    for chapter in &site.briefing.chapters {
        entries.push((
            chapter_id(site, chapter),
            chapter_title(site, chapter).to_string(),
        ));
    }
    for (id, title) in [
        ("annexes", "Annexes"),
        ("annex-sources", "A. Sources"),
        ("annex-people", "B. People"),
        ("annex-method", "C. How this briefing was made"),
    ] {
        entries.push((id.to_string(), title.to_string()));
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
    /// What the briefing covers: its articles, their span and outlets.
    articles: usize,
    sources: usize,
    first_date: String,
    last_date: String,
}

#[derive(Serialize)]
struct ContentsEntry {
    id: String,
    title: String,
    /// Articles printed in the chapter (0 for the other parts).
    count: usize,
}

/// A country named by an article: an anchor when it has a chapter here.
#[derive(Serialize)]
struct CountryRef<'a> {
    name: &'a str,
    anchor: String,
}

#[derive(Serialize)]
struct PrintedArticle<'a> {
    id: String,
    title: &'a str,
    date_display: String,
    date_hint_display: String,
    source: &'a str,
    via: &'a str,
    dateline: &'a [String],
    countries: Vec<CountryRef<'a>>,
    topics: &'a [String],
    people: &'a [Person],
    url: &'a str,
    body: String,
}

/// An article of this chapter's country printed in another chapter.
#[derive(Serialize)]
struct CrossRef<'a> {
    anchor: String,
    title: &'a str,
    date_display: String,
    chapter: &'a str,
    chapter_anchor: String,
}

#[derive(Serialize)]
struct PrintedFigure<'a> {
    date_display: &'a str,
    countries: String,
    label: &'a str,
    display: &'a str,
    period_display: &'a str,
    article_title: &'a str,
    anchor: String,
}

#[derive(Serialize)]
struct Event<'a> {
    date_display: String,
    title: &'a str,
    anchor: String,
    countries: String,
}

#[derive(Serialize)]
struct ChapterView<'a> {
    id: String,
    title: &'a str,
    /// Articles concerning the country (0 for the closing chapter).
    count: usize,
    first_date: String,
    last_date: String,
    main_alongside: String,
    figures: Vec<PrintedFigure<'a>>,
    figures_total: usize,
    charts: Vec<ChartView>,
    /// Each article printed in full, rendered by `briefing-article.html`.
    articles: Vec<Value>,
    elsewhere: Vec<CrossRef<'a>>,
}

/// Which chapters a page prints, so anchors point only at what is there.
struct Scope<'c> {
    chapters: Vec<&'c Chapter>,
    /// Per country, its chapter's anchor on this page.
    country_anchor: Vec<Option<String>>,
    /// Per article, whether this page prints it.
    printed: Vec<bool>,
}

const OTHER_CHAPTER: &str = "Other articles";

fn chapter_id(site: &Site, chapter: &Chapter) -> String {
    match chapter.country {
        Some(c) => format!("chapter-{}", site.countries[c].slug),
        None => "chapter-other".into(),
    }
}

fn chapter_title<'a>(site: &'a Site, chapter: &Chapter) -> &'a str {
    match chapter.country {
        Some(c) => &site.countries[c].name,
        None => OTHER_CHAPTER,
    }
}

fn scope<'c>(r: &Renderer<'_>, chapters: Vec<&'c Chapter>) -> Scope<'c> {
    let site = r.site;
    let mut country_anchor = vec![None; site.countries.len()];
    let mut printed = vec![false; site.articles.len()];
    for chapter in &chapters {
        if let Some(c) = chapter.country {
            country_anchor[c] = Some(format!("#{}", chapter_id(r.site, chapter)));
        }
        for &a in &chapter.articles {
            printed[a] = true;
        }
    }
    Scope {
        chapters,
        country_anchor,
        printed,
    }
}

fn article_anchor(r: &Renderer<'_>, article: usize) -> String {
    format!("#article-{}", r.site.articles[article].slug)
}

fn printed_article<'a>(
    r: &'a Renderer<'a>,
    scope: &Scope<'_>,
    i: usize,
    root: &str,
) -> PrintedArticle<'a> {
    let site = r.site;
    let article = &site.articles[i];
    let meta = &article.meta;
    let dates = r.dates();
    let printed = |slug: &str| slug_printed(r, scope, slug);
    PrintedArticle {
        id: format!("article-{}", article.slug),
        title: &meta.title,
        date_display: meta.date.map(|d| dates.show(d)).unwrap_or_default(),
        date_hint_display: meta.date_hint.map(|d| dates.show(d)).unwrap_or_default(),
        source: &meta.source,
        via: &meta.via,
        dateline: &meta.dateline,
        countries: site.filed[i]
            .countries
            .iter()
            .map(|&c| CountryRef {
                name: &site.countries[c].name,
                anchor: scope.country_anchor[c].clone().unwrap_or_default(),
            })
            .collect(),
        topics: &meta.topics,
        people: &meta.people,
        url: &meta.url,
        body: scope_body(&article.body_html, &article.slug, root, &printed),
    }
}

fn slug_printed(r: &Renderer<'_>, scope: &Scope<'_>, slug: &str) -> bool {
    r.article_by_slug(slug).is_some_and(|i| scope.printed[i])
}

fn printed_figure<'a>(r: &'a Renderer<'a>, figure: usize) -> PrintedFigure<'a> {
    let record = &r.figures[figure];
    PrintedFigure {
        date_display: &record.date_display,
        countries: names(&record.countries),
        label: &record.label,
        display: &record.display,
        period_display: &record.period_display,
        article_title: &record.article_title,
        anchor: article_anchor(r, r.site.figures[figure].article),
    }
}

fn names(links: &[Link]) -> String {
    links
        .iter()
        .map(|l| l.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The template that prints one article in full.
const ARTICLE_TEMPLATE: &str = "briefing-article.html";

fn chapter_view<'a>(
    r: &'a Renderer<'a>,
    scope: &Scope<'_>,
    chapter: &Chapter,
    root: &str,
) -> Result<ChapterView<'a>, BuildError> {
    let site = r.site;
    let items = site.config.briefing.summary_items;
    let id = chapter_id(r.site, chapter);
    // Rendered one by one and in parallel: the page never holds the
    // articles as template values all at once, only as finished HTML.
    let articles = chapter
        .articles
        .par_iter()
        .map(|&a| {
            let mut ctx = Context::new();
            ctx.insert("a", &printed_article(r, scope, a, root));
            r.fragment(ARTICLE_TEMPLATE, &ctx)
        })
        .collect::<Result<_, _>>()?;
    let elsewhere = chapter
        .elsewhere
        .iter()
        .map(|&a| {
            let home = &site.briefing.chapters[site.briefing.printed_in[a]];
            CrossRef {
                anchor: article_anchor(r, a),
                title: &site.articles[a].meta.title,
                date_display: site.articles[a]
                    .meta
                    .date
                    .map(|d| r.dates().show(d))
                    .unwrap_or_default(),
                chapter: chapter_title(r.site, home),
                chapter_anchor: format!("#{}", chapter_id(r.site, home)),
            }
        })
        .collect();
    let Some(country) = chapter.country else {
        return Ok(ChapterView {
            id,
            title: OTHER_CHAPTER,
            count: 0,
            first_date: String::new(),
            last_date: String::new(),
            main_alongside: String::new(),
            figures: Vec::new(),
            figures_total: 0,
            charts: Vec::new(),
            articles,
            elsewhere,
        });
    };
    let term = &site.countries[country];
    let summary = dossier::summary(r, Taxonomy::Countries, country);
    Ok(ChapterView {
        title: &term.name,
        count: term.articles.len(),
        first_date: summary.first_date,
        last_date: summary.last_date,
        main_alongside: summary.main_alongside,
        figures: term
            .figures
            .iter()
            .take(items)
            .map(|&f| printed_figure(r, f))
            .collect(),
        figures_total: term.figures.len(),
        charts: dossier::charts(r, Taxonomy::Countries, country, &id),
        id,
        articles,
        elsewhere,
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
    Cover {
        title,
        subtitle: &config.subtitle,
        organisation: &config.organisation,
        marking: &config.briefing.marking,
        date: date.map(|d| dates.show(d)).unwrap_or_default(),
        articles: articles.len(),
        sources: super::context::outlets(site, articles.iter().copied()),
        first_date: oldest.map(|d| dates.show(d)).unwrap_or_default(),
        last_date: newest.map(|d| dates.show(d)).unwrap_or_default(),
    }
}

/// The executive summary's newest events, oldest first.
fn summary_events<'a>(r: &'a Renderer<'a>) -> Vec<Event<'a>> {
    let site = r.site;
    let dates = r.dates();
    let mut newest: Vec<usize> = (0..site.articles.len())
        .filter(|&a| site.articles[a].meta.date.is_some())
        .take(site.config.briefing.summary_items)
        .collect();
    newest.reverse();
    newest
        .into_iter()
        .map(|a| {
            let meta = &site.articles[a].meta;
            Event {
                date_display: meta.date.map(|d| dates.show(d)).unwrap_or_default(),
                title: &meta.title,
                anchor: article_anchor(r, a),
                countries: site.filed[a]
                    .countries
                    .iter()
                    .map(|&c| site.countries[c].name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        })
        .collect()
}

fn base(r: &Renderer<'_>, title: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page_title", title);
    ctx.insert("section", "briefing");
    ctx.insert("topics_total", &r.site.topics.len());
    ctx.insert("countries_total", &r.site.countries.len());
    ctx
}

/// The whole briefing.
pub fn briefing(r: &Renderer<'_>) -> Result<Context, BuildError> {
    let site = r.site;
    let root = "../";
    let scope = scope(r, site.briefing.chapters.iter().collect());
    let mut ctx = base(r, "Briefing");
    let all: Vec<usize> = (0..site.articles.len()).collect();
    ctx.insert("cover", &cover(r, site.config.title.clone(), &all));
    let contents: Vec<ContentsEntry> = scope
        .chapters
        .iter()
        .map(|chapter| ContentsEntry {
            id: chapter_id(r.site, chapter),
            title: chapter_title(r.site, chapter).to_string(),
            count: chapter.articles.len(),
        })
        .collect();
    ctx.insert("contents", &contents);
    let figures: Vec<PrintedFigure<'_>> = (0..site.figures.len())
        .take(site.config.briefing.summary_items)
        .map(|f| printed_figure(r, f))
        .collect();
    ctx.insert("figures", &figures);
    ctx.insert("figures_total", &site.figures.len());
    ctx.insert("events", &summary_events(r));
    let chart = r.timed_chart(|| {
        dossier::articles_over_time(
            r,
            &all,
            "summary-chart",
            "Articles over time, by topic",
            None,
        )
    });
    ctx.insert("chart", &chart);
    let chapters: Vec<ChapterView<'_>> = scope
        .chapters
        .iter()
        .map(|chapter| chapter_view(r, &scope, chapter, root))
        .collect::<Result<_, _>>()?;
    ctx.insert("chapters", &chapters);
    let sources: Vec<SourceRecord> = tables::source_records(r);
    ctx.insert("sources", &sources);
    let people: Vec<PersonRecord> = site
        .people
        .iter()
        .map(|p| tables::person_record(site, p, false))
        .map(|mut p| {
            for link in &mut p.articles {
                link.href = in_page(r, &link.href);
            }
            p
        })
        .collect();
    ctx.insert("people", &people);
    ctx.insert("whole", &true);
    ctx.insert("pdf", &r.printed_pdf(None).unwrap_or_default());
    Ok(ctx)
}

/// One country's chapter alone, with every article concerning it in full.
pub fn chapter(r: &Renderer<'_>, country: usize) -> Result<Context, BuildError> {
    let site = r.site;
    let term = &site.countries[country];
    let alone = Chapter {
        country: Some(country),
        articles: term.articles.clone(),
        elsewhere: Vec::new(),
    };
    let scope = scope(r, vec![&alone]);
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
    ctx.insert("chapters", &[chapter_view(r, &scope, &alone, "../../")?]);
    ctx.insert("whole", &false);
    ctx.insert("pdf", &r.printed_pdf(Some(country)).unwrap_or_default());
    Ok(ctx)
}

/// An article page's address as an anchor in the briefing.
fn in_page(r: &Renderer<'_>, href: &str) -> String {
    let slug = tables::slug_of(href);
    match r.article_by_slug(slug) {
        Some(i) => article_anchor(r, i),
        None => href.to_string(),
    }
}
