//! The import stage: raw article text → an article with front matter.

pub mod header;
pub mod text;
