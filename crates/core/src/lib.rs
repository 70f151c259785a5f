//! The stages of reprint, which finds duplicated and borrowed text in corpora of news articles
//! and says where it came from.
//!
//! ```text
//! read → segment → normalize → shingle → fingerprint → candidates → verify → cluster
//!      → classify (boilerplate, footers, copies, reuse) → provenance → spans
//! ```
//!
//! Each stage is a module of pure functions over the types of [`model`] and the fingerprint
//! [`store`]; [`analyze`] is where they meet. Only [`corpus`] reads files; nothing here
//! writes files, draws on a terminal or prints: the index (`reprint-index`), the renderers
//! (`reprint-report`), the accuracy measurement (`reprint-eval`) and the `reprint` binary sit
//! above this crate and depend on it, never the other way round.
//!
//! ```
//! use reprint_core::{Engine, NoProgress, analyze, config::Config, corpus::Corpus};
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

#![deny(missing_docs)]

pub mod align;
mod analysis;
mod candidates;
pub mod check;
pub mod classify;
pub mod clean;
mod cluster;
pub mod config;
pub mod corpus;
pub mod diff;
mod engine;
pub mod error;
pub mod figures;
pub mod fingerprint;
pub mod ingest;
pub mod model;
pub mod normalize;
mod passages;
mod pipeline;
mod progress;
pub mod provenance;
mod quoted_lines;
pub mod segment;
pub mod shingle;
pub mod spans;
pub mod store;
mod verify;

pub use error::{Error, RecordError, Result};

/// Running the stages over a corpus: an [`Engine`] holds the configuration and what is built
/// from it once; [`analyze`] runs every stage and reports to a [`Progress`].
pub use engine::Engine;
pub use pipeline::{analyze, analyze_store, attach_spans};
pub use progress::{NoProgress, Progress};

/// What a run found, and the stages a caller may run again on its own.
pub use analysis::Analysis;
pub use passages::attach_passages;

/// Pieces of the stages that the index and the measurement reuse.
pub use cluster::UnionFind;
pub use verify::compare as compare_texts;
