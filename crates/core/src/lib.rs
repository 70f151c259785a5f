//! The stages of reprint, which finds duplicated and borrowed text in corpora of news articles
//! and says where it came from.
//!
//! ```text
//! read → segment → normalize → shingle → fingerprint → candidates → verify → cluster
//!      → classify (boilerplate, footers, copies, reuse) → provenance → spans
//! ```
//!
//! Each stage is a module of pure functions over the types of [`model`] and the fingerprint
//! store ([`CorpusStore`]); [`analyze`] is where they meet. Only reading ([`Corpus`]) touches files; nothing here
//! writes files, draws on a terminal or prints: the index (`reprint-index`), the renderers
//! (`reprint-report`), the accuracy measurement (`reprint-eval`) and the `reprint` binary sit
//! above this crate and depend on it, never the other way round.
//!
//! ```
//! use reprint_core::{Engine, NoProgress, analyze, config::Config, Corpus};
//! let dir = tempfile::tempdir().unwrap();
//! let body = "The council voted on Tuesday to extend the ferry timetable by two weeks after commuters complained.";
//! std::fs::write(dir.path().join("a.txt"), format!("Ferry news\n\n{body}\n\nLeave a Comment\n")).unwrap();
//! std::fs::write(dir.path().join("b.txt"), format!("Other title\n\n{body}\n")).unwrap();
//! let corpus = Corpus::discover(&[dir.path().to_path_buf()], &mut Vec::new()).unwrap();
//! let engine = Engine::new(Config::default()).unwrap();
//! let a = analyze(&corpus, &engine, &NoProgress);
//! let kinds: Vec<_> = a.classification.findings.iter().map(|f| f.kind.name()).collect();
//! assert!(kinds.contains(&"boilerplate") && kinds.contains(&"syndicated_article"));
//! ```

#![deny(missing_docs)]
#![warn(unreachable_pub)]

mod align;
mod analysis;
mod candidates;
mod check;
mod classify;
mod clean;
mod cluster;
pub mod config;
mod corpus;
mod diff;
mod engine;
pub mod error;
mod figures;
mod fingerprint;
mod ingest;
mod json_out;
mod keys;
pub mod matching;
pub mod model;
mod normalize;
mod passages;
mod pipeline;
mod progress;
mod provenance;
mod quoted_lines;
mod segment;
mod shingle;
pub mod site_template;
mod spans;
mod store;
mod verify;
pub mod wire;

pub use error::{Error, RecordError, Result};

/// Running the stages over a corpus: an [`Engine`] holds the configuration and what is built
/// from it once; [`analyze`] runs every stage and reports to a [`Progress`].
pub use engine::Engine;
pub use pipeline::{analyze, analyze_events, analyze_events_matched, analyze_store, attach_spans};
pub use progress::{NoProgress, Progress};

/// What a run found, and the stages a caller may run again on its own.
pub use analysis::{Analysis, Counters};
pub use passages::attach_passages;
pub use segment::Markup;

/// Pieces of the stages that the index and the measurement reuse.
pub use cluster::UnionFind;
pub use verify::{Comparison, VerifyStats, compare as compare_texts};

/// Reading: discovering input files and parsing their records.
pub use corpus::{
    Compression, Corpus, FieldNames, FileKind, InputArticle, InputFile, LineRange, ParquetRow,
    RawRecord, RecordSink, StdinFormat, UNREAD, absolute, for_each_input_article, for_each_text,
    load_texts, meta::raw_fields, parse_jsonl_record, parse_txt, split_lines,
};

/// Preparing articles for the store: segmenting, hashing, keying.
pub use ingest::{
    Decoded, EXTERNAL_FILE, Prepared, PreparedPara, ReadEvent, add_articles, ingest, prepare_events,
};

/// Paragraphs and words.
pub use normalize::{for_each_word, normalize_word, normalized_text, words};
pub use segment::{Layout, detect_layout, line_number, segment, segment_with};

/// Fingerprints: word hashes, shingles, MinHash and SimHash keys, span grams.
pub use fingerprint::{MASK_MAX_WORDS, MASK_MIN_WORDS, MinHasher, SimhashAccumulator, exact_key};
pub use keys::{BandKeys, FingerprintKey};
pub use shingle::{WordHash, chain, fmix64, for_each_shingle, hash_words, short_word};
pub use spans::{
    LONG_SEED, QUOTED_SEED, Tag, Winnowing, find_runs, gram_keys, quoted_gram_keys, winnow_keys,
};

/// The fingerprint store a run builds: its articles, paragraphs and distinct texts.
pub use store::{ArticleRecord, CorpusStore, Para, TextId, TextParas};

/// Classification and provenance, for the index's checks and the reports.
pub use align::PassageRule;
pub use classify::junk::sig::names as junk_signal_names;
pub use classify::origin_of;
pub use provenance::credits::credit_key;
pub use provenance::derive::{Contradiction, CopiedFrom};
pub use provenance::flows::{CopyFlow, CopyFlows, FlowPair, OutletText, ParaRole};

/// Figures grouped for the reports, and JSON that is safe to show on a terminal.
pub use figures::grouped;
pub use json_out::write_json_with;

/// `check`: the policy that turns a drop's findings into a verdict.
pub use check::{CheckRun, HistoryFigures, HistoryPlace, Policy, Verdict};

pub use clean::{CleanSummary, CutKind, DropSet, Plan, RemovalOut, VerifyReport};
/// `clean`: planning cuts, writing the cleaned corpus, and checking it restores the input.
pub use clean::{
    DEFAULT_DROP, PlannedCut, apply as apply_cuts, cut_ranges, droppable, plan as plan_clean,
    restore as restore_cuts, verify as verify_clean, write_clean, write_summary,
};

/// `diff`: two articles side by side.
pub use diff::{
    Diff, DiffArticle, DiffConfig, Edits, Elsewhere, Mark, Original, PairDiff, Piece, Row,
    ShownPassage, Which, inline, pieces, shared_spans_between,
};
