//! The outcome of checking a drop of new articles against an index of the corpus so far, and
//! the CI policy that decides whether the drop passes. The index finds what the drop shares
//! with its history; this module only holds the result and judges it, so the renderers can
//! read it without knowing how the index is stored.

use crate::analysis::Analysis;
use crate::model::{ArticleIdx, Finding, FindingKind};

/// Where a history article was read from when it was added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryPlace {
    /// Its id in the index.
    pub index_id: u32,
    /// The input file, as named when it was added.
    pub path: Option<String>,
    /// Its line in a JSONL file (0 for `.txt`).
    pub line: u32,
    /// When only some paragraphs were brought in: their numbers in the article.
    pub paragraphs: Option<Vec<u32>>,
}

/// How the history was consulted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFigures {
    /// Stored texts read.
    pub texts_read: u64,
    /// Stored texts equal to a drop text.
    pub exact: u64,
    /// Equal but for numbers.
    pub masked: u64,
    /// Verified near-duplicates.
    pub near: u64,
    /// Sharing a run of words.
    pub spans: u64,
    /// Photo credits of the drop also printed in the index.
    pub credits: u64,
    /// History articles compared with the drop, whole.
    pub articles: u64,
    /// History articles of which only a paragraph sharing words or a credit was compared.
    pub partial: u64,
}

/// The outcome of a check.
pub struct CheckRun {
    /// The analysis of the drop (articles `0..drop_articles`) with its history after it.
    pub analysis: Analysis,
    /// Articles of the drop.
    pub drop_articles: usize,
    /// Where each history article came from (article `drop_articles + i` is entry `i`).
    pub history: Vec<HistoryPlace>,
    /// Drop articles whose id the index already holds.
    pub already_indexed: Vec<usize>,
    /// How the history was consulted.
    pub figures: HistoryFigures,
}

impl CheckRun {
    /// Whether an article of the analysis belongs to the drop.
    pub fn is_drop(&self, article: usize) -> bool {
        article < self.drop_articles
    }

    /// The findings that involve a drop article, by position in the analysis's list.
    pub fn drop_findings(&self) -> Vec<usize> {
        self.analysis
            .classification
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.members.iter().any(|m| self.is_drop(m.article.get())))
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether a drop article took part of finding `f`'s text from elsewhere (it is a member
    /// and not the finding's source): what fails a check. A drop article that is only the
    /// source of a finding was copied, and is told so, but never fails for it.
    pub fn drop_took(&self, f: &Finding) -> bool {
        let mut arts: Vec<ArticleIdx> = f
            .members
            .iter()
            .map(|m| m.article)
            .filter(|a| self.is_drop(a.get()))
            .collect();
        arts.dedup();
        arts.into_iter().any(|a| f.took(a))
    }

    /// Per paragraph of the analysis: whether it is the source side of a finding of a failing
    /// kind and took no text in any (the original text others copied).
    fn source_only(&self, fails: &dyn Fn(FindingKind) -> bool) -> Vec<bool> {
        let a = &self.analysis;
        let (mut source, mut took) = (
            vec![false; a.store.paras.len()],
            vec![false; a.store.paras.len()],
        );
        for f in a.classification.findings.iter().filter(|f| fails(f.kind)) {
            let src = f.source();
            for m in &f.members {
                let art = &a.store.articles[m.article.get()];
                let paras = match m.paragraph {
                    Some(j) => art.para(j).get()..art.para(j).get() + 1,
                    None => art.paras(),
                };
                let side = if src == Some(m.article) {
                    &mut source
                } else {
                    &mut took
                };
                for p in paras {
                    side[p] = true;
                }
            }
        }
        source.iter().zip(&took).map(|(s, t)| *s && !*t).collect()
    }

    /// Where a history article came from.
    pub fn history_place(&self, article: usize) -> Option<&HistoryPlace> {
        article
            .checked_sub(self.drop_articles)
            .and_then(|i| self.history.get(i))
    }

    /// The number of paragraph `p` of an article in the article itself (history articles
    /// brought in partly hold fewer paragraphs than they have).
    pub fn paragraph_number(&self, article: usize, p: u32) -> u32 {
        self.history_place(article)
            .and_then(|h| h.paragraphs.as_ref())
            .and_then(|v| v.get(p as usize).copied())
            .unwrap_or(p)
    }

    /// Decides the drop's fate under `policy`.
    pub fn verdict(&self, policy: &Policy) -> Verdict {
        let a = &self.analysis;
        let fails = |k: FindingKind| policy.fail_on.contains(&k);
        let findings = self
            .drop_findings()
            .into_iter()
            .map(|i| &a.classification.findings[i])
            .filter(|f| fails(f.kind) && self.drop_took(f))
            .count();
        let source_only = self.source_only(&fails);
        let mut words = 0u64;
        let mut flagged = 0u64;
        for art in &a.store.articles[..self.drop_articles] {
            for p in art.paras() {
                let w = u64::from(a.store.paras[p].words);
                words += w;
                if a.classification.para_kinds[p].iter().any(fails) && !source_only[p] {
                    flagged += w;
                }
            }
        }
        let share = if words == 0 {
            0.0
        } else {
            flagged as f64 / words as f64
        };
        // A drop with no articles, or with files or records that could not be read, was not
        // checked whole: it never passes.
        let whole = self.drop_articles > 0 && a.errors.is_empty();
        let pass = whole
            && match policy.max_reuse {
                Some(max) => share <= max,
                None => findings == 0,
            };
        Verdict {
            findings,
            flagged_words: flagged,
            words,
            share,
            whole,
            pass,
        }
    }
}

/// The CI policy of `check`.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// Kinds that fail a drop.
    pub fail_on: Vec<FindingKind>,
    /// When set, a drop fails only when the share of its words in paragraphs of those kinds
    /// exceeds this; when not, any finding of those kinds fails it.
    pub max_reuse: Option<f64>,
}

/// A drop's fate under a policy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    /// Findings of a failing kind in which a drop article took text from another (a drop
    /// article that is only the origin of one is not counted).
    pub findings: usize,
    /// Words of drop paragraphs carrying a failing kind, less the original text others took.
    pub flagged_words: u64,
    /// Words of the drop.
    pub words: u64,
    /// `flagged_words / words`.
    pub share: f64,
    /// Whether the drop was read whole: it has articles and no file or record of it was
    /// left unread. A drop not read whole never passes.
    pub whole: bool,
    /// Whether the drop is within policy.
    pub pass: bool,
}
