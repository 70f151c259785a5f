//! Renderers: one module per output format, each writing to an `impl Write` so that tests
//! render into memory. This module holds what they share: the [`Summary`] figures and the
//! [`Texts`] that quoting renderers read article text from.

#![deny(missing_docs)]
#![warn(unreachable_pub)]

/// `writeln!` for a line that holds text from the corpus: the line is formatted, made one
/// inert line by [`safe::line`] (so an id's line feed or ESC cannot start a new line, a
/// workflow command or an escape sequence), then written with its line feed.
#[macro_export]
macro_rules! safe_line {
    ($out:expr, $($arg:tt)*) => {
        $crate::safe::write_line($out, format_args!($($arg)*))
    };
}

mod attributes;
mod capped;
mod ci;
mod diff_text;
mod html;
mod json;
pub mod safe;
mod terminal;
mod text;
mod text_flows;

/// `audit --format attributes`: dolma attribute lines of what each article has flagged.
pub use attributes::{
    ATTRIBUTE_PREFIX, ArticleSource, AttributesLine, Span, attribute_name, write_attributes,
};
/// `audit`: the text report, the `reprint.audit/1` document and one finding a line.
pub use json::{
    AuditDocument, Excerpts, ReadTexts, excerpt, item_separator, without_excerpts, write_json,
    write_json_head, write_json_tail, write_jsonl, write_jsonl_range,
};
pub use terminal::{ForTerminal, Look};
pub use text::{TextOptions, write_text};

/// `diff`: the pair in the terminal and as one HTML page.
pub use diff_text::{TermOptions, write_diff_text};
pub use html::diff::write_diff_html;

/// `report`: the HTML site of a corpus.
pub use html::corpus::{CorpusHtml, HtmlOptions, MARKER as HTML_MARKER, Pages, TextSource};

/// `check`: the verdict on new articles, in each of its formats.
pub mod check {
    pub use crate::ci::{
        CiReport, IndexInfo, write_github, write_json, write_sarif, write_step_summary, write_text,
    };
}

use reprint_core::model::FindingKind;
use reprint_core::{Analysis, Counters};
use std::collections::HashMap;

/// Output formats of `audit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A human-readable summary and findings.
    Text,
    /// One `reprint.audit/1` document.
    Json,
    /// One finding a line.
    Jsonl,
}

/// Figures for one kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KindFigures {
    /// The kind.
    pub kind: FindingKind,
    /// Findings of it.
    pub findings: u64,
    /// Paragraphs it covers.
    pub paragraphs: u64,
    /// Words in those paragraphs.
    pub words: u64,
    /// Share of all words.
    pub share: f64,
}

/// An outlet named as an aggregator, with its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct AggregatorFigures {
    /// Outlet name.
    pub outlet: String,
    /// Its articles.
    pub articles: u32,
    /// Of which later copies of other outlets' articles.
    pub copies: u32,
}

/// The figures every renderer starts with.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Articles read.
    pub articles: u64,
    /// Paragraphs.
    pub paragraphs: u64,
    /// Words.
    pub words: u64,
    /// Distinct outlets (unknown ones counted one per article).
    pub outlets: u64,
    /// Near-duplicate clusters.
    pub clusters: u64,
    /// Words in paragraphs carrying any kind.
    pub flagged_words: u64,
    /// Per kind, in report order.
    pub kinds: Vec<KindFigures>,
    /// Aggregator outlets.
    pub aggregators: Vec<AggregatorFigures>,
    /// Contradictions between declared and found provenance.
    pub contradictions: u64,
    /// Files and records that could not be read.
    pub errors: u64,
    /// The work each stage did.
    pub counters: Counters,
}

impl Summary {
    /// Computes the figures of an analysis.
    pub fn of(a: &Analysis) -> Summary {
        let words = a.total_words();
        let (f, p, w) = (
            a.findings_by_kind(),
            a.paragraphs_by_kind(),
            a.words_by_kind(),
        );
        let kinds = FindingKind::ALL
            .iter()
            .map(|&k| KindFigures {
                kind: k,
                findings: f[k],
                paragraphs: p[k],
                words: w[k],
                share: if words == 0 {
                    0.0
                } else {
                    w[k] as f64 / words as f64
                },
            })
            .collect();
        let aggregators = a
            .provenance
            .aggregators
            .iter()
            .map(|g| AggregatorFigures {
                outlet: a.store.outlets.names[g.outlet as usize]
                    .clone()
                    .unwrap_or_default(),
                articles: g.articles,
                copies: g.copies,
            })
            .collect();
        Summary {
            articles: a.store.articles.len() as u64,
            paragraphs: a.store.paras.len() as u64,
            words,
            outlets: a.store.outlets.len() as u64,
            clusters: a.clusters.len() as u64,
            flagged_words: a.flagged_words(),
            kinds,
            aggregators,
            contradictions: a.provenance.contradictions.len() as u64,
            errors: a.errors.len() as u64,
            counters: a.stats.counters(),
        }
    }
}

/// Article texts, read again from the corpus for the renderers that quote them.
#[derive(Debug, Default)]
pub struct Texts {
    by_article: HashMap<usize, String>,
}

impl Texts {
    /// Texts keyed by article index.
    pub fn new(by_article: HashMap<usize, String>) -> Texts {
        Texts { by_article }
    }

    /// The text of an article, when loaded.
    pub fn get(&self, article: usize) -> Option<&str> {
        self.by_article.get(&article).map(String::as_str)
    }
}
