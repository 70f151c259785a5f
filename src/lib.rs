//! reprint finds duplicated and borrowed text in corpora of news articles and says where it
//! came from.
//!
//! ```text
//! read → segment → normalize → shingle → fingerprint → candidates → verify → cluster
//!      → classify (boilerplate, footers, copies, reuse) → provenance → report
//! ```
//!
//! Each stage is a module of pure functions over the types of [`model`] and the fingerprint
//! [`store`]; [`pipeline`] is where they meet. Only [`corpus`] (reading), [`output`] (atomic
//! writes), [`index`] (the persistent index `reprint check` compares new drops with),
//! [`progress`] and [`cli`] touch files or the terminal.
//!
//! ```
//! use reprint::{config::Config, corpus::Corpus, pipeline::{Engine, analyze}, progress::NoProgress};
//! let dir = tempfile::tempdir().unwrap();
//! let body = "The council voted on Tuesday to extend the ferry timetable by two weeks after commuters complained.";
//! std::fs::write(dir.path().join("a.txt"), format!("Ferry news\n\n{body}\n\nLeave a Comment\n")).unwrap();
//! std::fs::write(dir.path().join("b.txt"), format!("Other title\n\n{body}\n")).unwrap();
//! let corpus = Corpus::discover(&[dir.path().to_path_buf()], &mut Vec::new()).unwrap();
//! let engine = Engine::new(Config::default()).unwrap();
//! let a = analyze(&corpus, &engine, &NoProgress);
//! let kinds: Vec<_> = a.classification.findings.iter().map(|f| f.kind.name()).collect();
//! assert!(kinds.contains(&"boilerplate") && kinds.contains(&"reused_wording"));
//! ```

#![warn(missing_docs)]

pub mod align;
pub mod candidates;
pub mod classify;
pub mod clean;
pub mod cli;
pub mod cluster;
pub mod config;
pub mod corpus;
pub mod diff;
pub mod error;
pub mod eval;
pub mod fingerprint;
pub mod index;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod provenance;
pub mod quoted_lines;
pub mod report;
pub mod segment;
pub mod shingle;
pub mod spans;
pub mod store;
pub mod verify;

pub use error::{Error, RecordError, Result};
