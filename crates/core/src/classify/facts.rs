//! What every rule reads: the store, its clusters, the cue lexicon, and the marks made before
//! any rule runs (cue matches, source-link lines, signatures, site-junk signals, how many
//! articles each cluster spans); and the evidence those marks give a finding.

use super::cues::{CueHit, Lexicon};
use super::edges::{EdgeFacts, cue_hits};
use super::{footer, junk, signature};
use crate::cluster::Clusters;
use crate::config::BoilerplateConfig;
use crate::model::{ArticleIdx, ByteSpan, Evidence, FindingKind, KindSet, Member, Position};
use crate::store::CorpusStore;

/// The corpus as the rules see it, with the marks that need no rule.
pub(crate) struct Facts<'a> {
    /// The corpus.
    pub store: &'a CorpusStore,
    /// Its paragraph clusters.
    pub clusters: &'a Clusters,
    /// The cue lexicon.
    pub lex: &'a Lexicon,
    /// The cue each paragraph matched (`None` where none matched or none was looked for).
    pub cue: Vec<Option<CueHit>>,
    /// Source-link lines ([`footer::source_lines`]).
    pub source_line: Vec<bool>,
    /// Paragraphs of a signature ([`signature::signatures`]).
    pub signature: Vec<bool>,
    /// Distinct articles each cluster spans.
    pub cluster_articles: Vec<usize>,
}

impl<'a> Facts<'a> {
    /// Marks the paragraphs of `store`.
    pub(crate) fn new(
        store: &'a CorpusStore,
        clusters: &'a Clusters,
        lex: &'a Lexicon,
        config: &BoilerplateConfig,
    ) -> Facts<'a> {
        Facts {
            store,
            clusters,
            lex,
            cue: cue_hits(store, lex, config),
            source_line: footer::source_lines(store),
            signature: signature::signatures(store),
            cluster_articles: articles_per_cluster(store, clusters),
        }
    }

    /// Whether a rule of the junk detector flagged paragraph `p`.
    pub(crate) fn junk(&self, p: usize) -> bool {
        self.store.paras[p].junk & junk::sig::RULES != 0
    }

    /// Whether paragraph `p` is marked as not the article's own text: a cue, a source-link
    /// line, a signature or site junk.
    pub(crate) fn cued(&self, p: usize) -> bool {
        self.cue[p].is_some() || self.source_line[p] || self.signature[p] || self.junk(p)
    }

    /// Where paragraph `p` sits.
    pub(crate) fn position(&self, edges: &EdgeFacts, p: usize) -> Position {
        if edges.in_tail[p] {
            Position::Tail
        } else if edges.in_run[p] {
            Position::Head
        } else {
            Position::Body
        }
    }

    /// The junk detector's rule and signals for paragraph `p`.
    pub(crate) fn junk_evidence(&self, edges: &EdgeFacts, p: usize) -> Evidence {
        let j = self.store.paras[p].junk;
        Evidence::Signals {
            rule: junk::sig::rule(j).unwrap_or_default().to_string(),
            signals: junk::sig::names(j).into_iter().map(String::from).collect(),
            position: self.position(edges, p),
        }
    }

    /// The mark that flagged paragraph `p`: a signature, its cue, or its junk signals.
    pub(crate) fn cue_evidence(&self, edges: &EdgeFacts, p: usize) -> Evidence {
        let position = self.position(edges, p);
        match self.cue[p] {
            _ if self.signature[p] => Evidence::Cue {
                cue: "signature".into(),
                position,
            },
            Some(h) => Evidence::Cue {
                cue: self.lex.group(h).name.clone(),
                position,
            },
            None if self.junk(p) => self.junk_evidence(edges, p),
            None => Evidence::Cue {
                cue: "none".into(),
                position,
            },
        }
    }
}

/// Distinct articles each cluster spans.
fn articles_per_cluster(store: &CorpusStore, clusters: &Clusters) -> Vec<usize> {
    clusters
        .members
        .iter()
        .map(|m| {
            let mut arts: Vec<usize> = m.iter().map(|&p| store.article_of(p as usize)).collect();
            arts.dedup();
            arts.len()
        })
        .collect()
}

/// Whether a paragraph's kinds make it site furniture (boilerplate or a footer).
pub(crate) fn is_furniture(k: KindSet) -> bool {
    k.contains(FindingKind::Boilerplate) || k.contains(FindingKind::AggregatorFooter)
}

/// The finding member for corpus-wide paragraph `p`, the whole paragraph.
pub(crate) fn member(store: &CorpusStore, p: usize) -> Member {
    store.member(p, store.paras[p].span)
}

/// The finding member for a whole article.
pub(crate) fn article_member(store: &CorpusStore, a: u32) -> Member {
    let art = &store.articles[a as usize];
    Member {
        article: ArticleIdx(a),
        paragraph: None,
        span: ByteSpan {
            start: 0,
            end: art.text_len,
        },
    }
}

/// A key of the numbers in a paragraph, in order (0 when it has none): two short lines that
/// differ in a price, a count or a date are different lines.
pub(crate) fn numbers_key(store: &CorpusStore, p: usize) -> u64 {
    let words = store.texts.words(store.paras[p].text);
    let nums: Vec<u64> = words
        .iter()
        .filter(|&&w| crate::shingle::is_numeric_word(w))
        .map(|&w| u64::from(w))
        .collect();
    if nums.is_empty() {
        0
    } else {
        crate::fingerprint::exact_key(&nums)
    }
}
