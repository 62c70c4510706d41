//! Where rendered files go: the output stage implements [`Sink`].

use crate::error::BuildError;

/// One file of the built site, as a path relative to the output root.
#[derive(Debug)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub kind: FileKind,
}

/// Where rendered files go: the output stage, the only code that writes.
pub trait Sink: Sync {
    /// Writes one file.
    fn write(&self, file: OutputFile) -> Result<(), BuildError>;
    /// Writes the file at `path` as `fill` produces it, for pages too large
    /// to hold in memory whole (the printed briefing: tens of MB).
    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), BuildError>,
    ) -> Result<(), BuildError>;
    /// Keeps the folder `dir` of the previous output as it is, when that
    /// folder was made from the same input: its file `stamp` holds `digest`.
    /// Returns whether it did. For output that costs seconds to make again
    /// (the search index).
    fn reuse(&self, dir: &str, stamp: &str, digest: &str) -> Result<bool, BuildError> {
        let _ = (dir, stamp, digest);
        Ok(false)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An HTML page still to be minified, if the site minifies (its
    /// templates could not be minified in advance).
    Html,
    /// Anything else, written as is.
    Other,
}
