//! The stages of reprint, which finds duplicated and borrowed text in corpora of news articles
//! and says where it came from.
//!
//! ```text
//! read → segment → normalize → shingle → fingerprint → candidates → verify → cluster
//!      → classify (boilerplate, footers, copies, reuse) → provenance → spans
//! ```
//!
//! Each stage is a module of pure functions over the types of [`model`] and the fingerprint
//! [`store`]; [`pipeline`] is where they meet. Only [`corpus`] reads files; nothing here
//! writes files, draws on a terminal or prints: the index (`reprint-index`), the renderers
//! (`reprint-report`), the accuracy measurement (`reprint-eval`) and the `reprint` binary sit
//! above this crate and depend on it, never the other way round.
//!
//! ```
//! use reprint_core::{config::Config, corpus::Corpus, engine::Engine, pipeline::analyze, progress::NoProgress};
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
pub mod analysis;
pub mod candidates;
pub mod check;
pub mod classify;
pub mod clean;
pub mod cluster;
pub mod config;
pub mod corpus;
pub mod diff;
pub mod engine;
pub mod error;
pub mod figures;
pub mod fingerprint;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod passages;
pub mod pipeline;
pub mod progress;
pub mod provenance;
pub mod quoted_lines;
pub mod segment;
pub mod shingle;
pub mod spans;
pub mod store;
pub mod verify;

pub use error::{Error, RecordError, Result};
