//! Aggregator footers: a republisher's disclosure at the end of an article.
//!
//! **What it flags**: the block from a source-link line or disclosure in an article's tail to
//! its last disclosure: the disclosure cues, the source-link lines before them and the short
//! lines (a byline) between. Boilerplate cues inside the block stay boilerplate; lines the junk
//! detector's source-footer rule flags are footers too (see [`super::junk_lines`]).
//!
//! **Evidence**: the first footer cue of the block (`Disclosure`); or, for a block without
//! one, the junk signals of its first line.
//!
//! **Example**: `World Time Todays is an automatic aggregator of the all world's media. ...`
//! after a line holding the copied article's URL.
//!
//! **Known misses**: a disclosure worded without any cue of the lexicon; a disclosure at the
//! head of the article, or a cue that counts only at the edge found in the body.

use super::cues::CueClass;
use super::edges::{EdgeFacts, cue_counts, is_boilerplate_cue};
use super::facts::{Facts, member};
use crate::model::{DeclKind, Evidence, Finding, FindingKind, KindSet};
use crate::store::{ArticleRecord, CorpusStore};
use std::ops::Range;

/// Longest line, in words, a footer block reaches back over (a byline).
const REACH_WORDS: u32 = 4;

/// Whether each paragraph of the corpus is exactly a source link the article declares.
pub(crate) fn source_lines(store: &CorpusStore) -> Vec<bool> {
    let mut source_line = vec![false; store.paras.len()];
    for a in &store.articles {
        for d in a.declared.iter().filter(|d| d.kind == DeclKind::SourceLink) {
            for p in a.paras() {
                if store.paras[p].span == d.span {
                    source_line[p] = true;
                }
            }
        }
    }
    source_line
}

/// The footer block among `n` paragraphs: it ends at the last footer cue and reaches back to
/// the earliest source-link line before it that only lines which do not stop it (short
/// unmarked lines) separate from it.
fn block(
    n: usize,
    footer_cue: impl Fn(usize) -> bool,
    source_line: impl Fn(usize) -> bool,
    stops: impl Fn(usize) -> bool,
) -> Option<Range<usize>> {
    let last = (0..n).rev().find(|&i| footer_cue(i))?;
    let mut start = last;
    let mut k = last;
    while k > 0 {
        if source_line(k - 1) {
            start = k - 1;
        } else if stops(k - 1) {
            break;
        }
        k -= 1;
    }
    Some(start..last + 1)
}

/// Marks the footer block of article `a`, whose paragraphs' kinds are `kinds`. `in_run` says
/// which paragraphs of the corpus sit in a head or tail run.
pub(crate) fn mark(f: &Facts, in_run: &[bool], a: &ArticleRecord, kinds: &mut [KindSet]) {
    let (lex, cue) = (f.lex, &f.cue);
    let first = a.first_para as usize;
    let footer_cue = |i: usize| {
        let p = first + i;
        cue[p].is_some_and(|h| !is_boilerplate_cue(lex, h) && cue_counts(lex, h, in_run[p]))
    };
    let source_line = |i: usize| f.source_line[first + i];
    let stops = |i: usize| f.store.paras[first + i].words > REACH_WORDS || cue[first + i].is_some();
    let Some(block) = block(kinds.len(), footer_cue, source_line, stops) else {
        return;
    };
    for (i, k) in kinds
        .iter_mut()
        .enumerate()
        .take(block.end)
        .skip(block.start)
    {
        if !cue[first + i].is_some_and(|h| is_boilerplate_cue(lex, h)) {
            k.insert(FindingKind::AggregatorFooter);
        }
    }
}

/// One finding per article with footer paragraphs.
pub(crate) fn findings(f: &Facts, edges: &EdgeFacts, para_kinds: &[KindSet]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for a in &f.store.articles {
        let ps: Vec<usize> = a
            .paras()
            .filter(|&p| para_kinds[p].contains(FindingKind::AggregatorFooter))
            .collect();
        if ps.is_empty() {
            continue;
        }
        let cue_name = ps
            .iter()
            .find_map(|&p| f.cue[p].filter(|h| f.lex.group(*h).class == CueClass::Footer))
            .map(|h| f.lex.group(h).name.clone());
        let evidence = match cue_name {
            Some(cue) => Evidence::Disclosure { cue },
            None if f.junk(ps[0]) => f.junk_evidence(edges, ps[0]),
            None => Evidence::Disclosure { cue: String::new() },
        };
        findings.push(Finding {
            kind: FindingKind::AggregatorFooter,
            members: ps.iter().map(|&p| member(f.store, p)).collect(),
            score: 1.0,
            evidence,
            origin: None,
            cross_outlet: None,
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The block of paragraphs described by letters: `D` a disclosure, `S` a source-link
    /// line, `b` a short line, `B` body text or another cue.
    fn block_of(s: &str) -> Option<Range<usize>> {
        let c: Vec<char> = s.chars().collect();
        block(c.len(), |i| c[i] == 'D', |i| c[i] == 'S', |i| c[i] == 'B')
    }

    #[test]
    fn the_block_reaches_back_over_source_lines_and_short_lines() {
        assert_eq!(block_of("BBSbD"), Some(2..5));
        assert_eq!(block_of("BSbD"), Some(1..4));
        assert_eq!(block_of("BSBbDb"), Some(4..5));
        assert_eq!(block_of("SDBD"), Some(3..4));
    }

    #[test]
    fn no_disclosure_no_block() {
        assert_eq!(block_of("BSbB"), None);
        assert_eq!(block_of(""), None);
    }
}
