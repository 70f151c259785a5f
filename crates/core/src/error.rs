//! Typed errors of the library. Every message leads with where the problem is
//! (`corpus/a.jsonl:12: ...`), because a user with a million records needs the place first.
//!
//! A [`RecordError`] is not fatal: the reader reports it and goes on with the next record. The
//! other errors stop the operation that raised them.

use std::path::PathBuf;
use thiserror::Error;

/// A file or record that could not be read; the rest of the corpus is still processed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("{place}: {message}")]
pub struct RecordError {
    /// `path`, `path:line`, or `<stdin>:line`.
    pub place: String,
    /// What is wrong with it.
    pub message: String,
}

impl RecordError {
    /// An error about a whole file.
    pub fn file(path: &str, message: impl Into<String>) -> RecordError {
        RecordError {
            place: path.to_string(),
            message: message.into(),
        }
    }

    /// An error about one line of a file.
    pub fn line(path: &str, line: u32, message: impl Into<String>) -> RecordError {
        RecordError {
            place: format!("{path}:{line}"),
            message: message.into(),
        }
    }
}

/// Errors that stop an operation.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// An I/O error on a named file.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A configuration file or value that is not valid.
    #[error("{place}: {message}")]
    Config {
        /// `file:line` or the flag's name.
        place: String,
        /// What is wrong.
        message: String,
    },
    /// The persistent index cannot be used.
    #[error("{place}: {message}")]
    Index {
        /// The index file.
        place: String,
        /// What is wrong.
        message: String,
    },
    /// Input that cannot be processed at all (e.g. no input given).
    #[error("{0}")]
    Input(String),
}

impl Error {
    /// Wraps an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A configuration error at a place.
    pub fn config(place: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Config {
            place: place.into(),
            message: message.into(),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_lead_with_the_place() {
        let e = RecordError::line("corpus/a.jsonl", 12, "expected a \"text\" field");
        assert_eq!(
            e.to_string(),
            "corpus/a.jsonl:12: expected a \"text\" field"
        );
        let e = Error::config("reprint.toml:3", "unknown key `foo`");
        assert_eq!(e.to_string(), "reprint.toml:3: unknown key `foo`");
    }
}
