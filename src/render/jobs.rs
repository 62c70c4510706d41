//! Every file a build writes, as a job for the render pool.

use super::export::Format;
use super::tables::Table;
use crate::model::Taxonomy;

/// Every file a build writes.
#[derive(Debug, Clone, Copy)]
pub(super) enum Job {
    Index,
    ArticleTable,
    Article(usize),
    TermIndex(Taxonomy),
    Term(Taxonomy, usize),
    NotFound,
    TablesHub,
    /// A page (from 1) of a paged table.
    TablePage(Table, usize),
    TableData(Table, Format),
    MatrixCell(usize, usize),
    CountryFigures(usize),
    /// The printed briefing, and its country chapter printed alone.
    Briefing,
    BriefingChapter(usize),
    PrintStylesheet,
    SearchPage,
    Feed,
    Sitemap,
    Robots,
    NoJekyll,
}

/// Kinds of job, for the timing report of `build --verbose`.
pub const JOB_GROUPS: [&str; 9] = [
    "article pages",
    "country and topic dossiers (with charts)",
    "tables: figures, timeline and people pages",
    "tables: matrix, matrix cells, sources, hub",
    "tables: CSV and JSON downloads",
    "front page and listings",
    "feed, sitemap and others",
    "tables: figures CSV per country",
    "printed briefing",
];

impl Job {
    pub(super) fn group(self) -> usize {
        match self {
            Job::Article(_) => 0,
            Job::Term(..) => 1,
            Job::TablePage(Table::Figures | Table::Timeline | Table::People, _) => 2,
            Job::TablesHub | Job::TablePage(..) | Job::MatrixCell(..) => 3,
            Job::TableData(..) => 4,
            Job::Index | Job::ArticleTable | Job::TermIndex(_) => 5,
            Job::NotFound
            | Job::Feed
            | Job::Sitemap
            | Job::Robots
            | Job::NoJekyll
            | Job::SearchPage => 6,
            Job::CountryFigures(_) => 7,
            Job::Briefing | Job::BriefingChapter(_) | Job::PrintStylesheet => 8,
        }
    }
}
