//! briefing: turns news articles into a published, printable briefing.
//!
//! The build is a pipeline, one module a stage:
//! [`config`] → [`content`] → [`model`] → [`render`] → [`output`],
//! driven by [`build`].

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod digest;
pub mod error;
pub mod eval;
pub mod import;
pub mod init;
pub mod model;
pub mod nesting;
pub mod output;
pub mod pdf;
pub mod progress;
pub mod render;
pub mod serve;
pub mod suggest;

pub use error::BuildError;
