//! The crate's error type: every error names the file it comes from.

use std::path::PathBuf;

/// An error reading gold or system annotations.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or a directory could not be listed.
    #[error("cannot read {}: {error}", path.display())]
    Read {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// A line is not valid UTF-8.
    #[error("{}:{line}: the line is not valid UTF-8", path.display())]
    Utf8 {
        /// The file.
        path: PathBuf,
        /// The line number, from 1.
        line: usize,
    },
    /// A line is not a JSON object of the expected shape.
    #[error("{}:{line}:{column}: {reason}", path.display())]
    Record {
        /// The file.
        path: PathBuf,
        /// The line number, from 1.
        line: usize,
        /// The column (1-based byte offset in the line) where the parser stopped.
        column: usize,
        /// What is wrong with the line.
        reason: String,
    },
    /// The seed corpus directory does not hold exactly one text file.
    #[error("expected exactly one .txt file in {}, found {found}", dir.display())]
    SeedText {
        /// The directory searched.
        dir: PathBuf,
        /// How many `.txt` files it holds.
        found: usize,
    },
    /// A gold record names a document that the corpus does not list.
    #[error("{}: timex {id:?} belongs to document {doc:?}, which the corpus does not list", path.display())]
    UnknownDocument {
        /// The gold file.
        path: PathBuf,
        /// The record's id (empty when it has none).
        id: String,
        /// The document it names (empty when it names none).
        doc: String,
    },
    /// A document's text file is missing.
    #[error("the text of document {doc:?} is missing: {} is not a file", path.display())]
    MissingText {
        /// The document id.
        doc: String,
        /// Where its text was expected.
        path: PathBuf,
    },
    /// A gold document's text could not be read.
    #[error(transparent)]
    Text(#[from] annals_text::Error),
    /// A gold document's creation time is not a date.
    #[error(transparent)]
    Time(#[from] annals_time::Error),
    /// A Wikipedia dump could not be read.
    #[error("{0}")]
    Dump(#[from] annals_dump::Error),
}
