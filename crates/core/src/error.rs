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
    /// `path`, `path:line`, `<stdin>:line`, `path record N` (JSON arrays) or `path row N`
    /// (parquet).
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
        RecordError::at(path, Unit::Line, line, message)
    }

    /// An error about the `n`th record of a file, counted in `unit`.
    pub fn at(path: &str, unit: Unit, n: u32, message: impl Into<String>) -> RecordError {
        RecordError {
            place: unit.place(path, n),
            message: message.into(),
        }
    }
}

/// What a file's record numbers count: a user must be able to find record `n` again, and a
/// "line 3" of a one-line JSON array or of a parquet file would send them to the wrong place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Lines (JSONL; `.txt` files have one record and no number).
    Line,
    /// Elements of a top-level JSON array, from 1.
    Record,
    /// Rows of a parquet file, from 1.
    Row,
}

impl Unit {
    /// How messages name record `n` of `path`: `a.jsonl:12`, `z.json record 3`,
    /// `y.parquet row 7`.
    pub fn place(self, path: &str, n: u32) -> String {
        match self {
            Unit::Line => format!("{path}:{n}"),
            Unit::Record => format!("{path} record {n}"),
            Unit::Row => format!("{path} row {n}"),
        }
    }

    /// The key of the number in JSON output (`line`, `record`, `row`).
    pub fn key(self) -> &'static str {
        match self {
            Unit::Line => "line",
            Unit::Record => "record",
            Unit::Row => "row",
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
