//! Errors of the readers: each names the file and the place.

use std::path::PathBuf;

/// Why a file could not be read. Every variant names the file; those about
/// content name the byte offset and the line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file does not exist.
    #[error("{path}: no such file")]
    NotFound {
        /// The path asked for.
        path: PathBuf,
    },
    /// The path is a directory, not a file.
    #[error("{path}: is a directory, not a file")]
    IsDirectory {
        /// The path asked for.
        path: PathBuf,
    },
    /// The file is larger than the reader accepts for one document.
    #[error("{path}: file is {size} bytes, more than the {limit}-byte limit for one document")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file holds no text.
    #[error("{path}: file is empty")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file holds a NUL byte, so it is binary, not text.
    #[error("{path}: binary data (NUL byte) at byte {offset}, line {line}; expected UTF-8 text")]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL byte.
        offset: usize,
        /// Line (1-based) of that byte.
        line: usize,
    },
    /// The file is not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte {offset}, line {line}, column {column}")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// Line (1-based) of that byte.
        line: usize,
        /// Column (1-based, in bytes) of that byte.
        column: usize,
    },
    /// Reading failed for another reason.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}
