//! The import stage: raw article text → an article with front matter.
//!
//! `text` decodes and cuts the raw text, `header` reads the headline, date,
//! source and dateline, `gazetteer`, `topics`, `people` and `figures` read
//! the tags, `article` puts one article together, `yaml` writes its front
//! matter, and `run` imports a folder without overwriting anything.

pub mod article;
mod content_index;
pub mod dates;
mod duplicates;
pub mod feed;
mod feed_dates;
pub mod fetch;
pub mod figures;
pub mod gazetteer;
pub mod header;
pub mod page;
mod page_meta;
pub mod people;
pub mod run;
pub mod text;
pub mod topics;
pub mod yaml;

pub use article::{ImportedArticle, Importer};
pub use run::{FileReport, ImportOptions, ImportPlan, ImportReport, Outcome, import};
