//! Where furniture sits: cue matches and each article's head and tail runs.
//!
//! Site furniture sits at an article's edges. An article's *head run* and *tail run* are the
//! paragraphs that can be peeled off its start and end while each is a candidate (it matches a
//! cue, is a source-link line, or belongs to a paragraph cluster that recurs across several
//! stories, see [`super::recurrence`]); one short unmarked line (an author's name) may sit
//! inside a run. Cue groups marked `anywhere` count wherever they sit.

use super::cues::{CueClass, CueHit, Lexicon, Match};
use crate::config::BoilerplateConfig;
use crate::store::CorpusStore;
use rayon::prelude::*;

/// Longest unmarked line, in words, that may sit inside a head or tail run.
const BRIDGE_WORDS: u32 = 4;
/// How far from each edge (in paragraphs) partial cues are looked for.
const HEAD_SCAN: usize = 6;
/// See [`HEAD_SCAN`].
const TAIL_SCAN: usize = 12;

/// Cue matches of every paragraph (`None` where none matched or none was looked for).
pub(crate) fn cue_hits(
    store: &CorpusStore,
    lex: &Lexicon,
    config: &BoilerplateConfig,
) -> Vec<Option<CueHit>> {
    let per_article: Vec<Vec<Option<CueHit>>> = store
        .articles
        .par_iter()
        .map(|a| {
            let range = a.paras();
            let n = range.len();
            let first = usize::from(a.title_first);
            range
                .enumerate()
                .map(|(i, p)| {
                    if i < first {
                        return None;
                    }
                    let para = &store.paras[p];
                    let text = para.text;
                    if let Some(hit) = lex.line_cue(store.texts.keys[text as usize]) {
                        return Some(hit);
                    }
                    let near_edge = i < first + HEAD_SCAN || i + TAIL_SCAN >= n;
                    let words = para.words as usize;
                    if near_edge && words <= config.max_cue_words.max(config.max_footer_words) {
                        let hit = lex.scan(store.texts.words(text))?;
                        let cap = match lex.group(hit).class {
                            CueClass::Boilerplate => config.max_cue_words,
                            CueClass::Footer => config.max_footer_words,
                        };
                        return (words <= cap).then_some(hit);
                    }
                    None
                })
                .collect()
        })
        .collect();
    per_article.into_iter().flatten().collect()
}

/// Marks the head and tail runs of one article. `cand[i]` says whether paragraph `i` (article
/// local) is a candidate; `words[i]` its word count; `first` the first paragraph that may be in
/// the head run (after a title line). Returns `in_run` per paragraph and whether it is in the
/// tail run.
pub(crate) fn edge_runs(cand: &[bool], words: &[u32], first: usize) -> (Vec<bool>, Vec<bool>) {
    let n = cand.len();
    let mut in_run = vec![false; n];
    let mut tail = vec![false; n];
    let bridge = |i: usize| !cand[i] && words[i] <= BRIDGE_WORDS;
    // Head: peel from `first` forward.
    let mut i = first;
    while i < n {
        if cand[i] {
            in_run[i] = true;
            i += 1;
        } else if bridge(i) && i + 1 < n && cand[i + 1] {
            i += 1;
        } else {
            break;
        }
    }
    let head_end = i;
    // Tail: peel from the end backward, down to where the head run ended.
    let mut j = n;
    while j > head_end {
        let k = j - 1;
        if cand[k] {
            in_run[k] = true;
            tail[k] = true;
            j -= 1;
        } else if bridge(k) && k > head_end && cand[k - 1] {
            j -= 1;
        } else {
            break;
        }
    }
    (in_run, tail)
}

/// Per-paragraph facts the kind rules need.
#[derive(Debug, Default)]
pub(crate) struct EdgeFacts {
    /// In the head or tail run.
    pub in_run: Vec<bool>,
    /// In the tail run.
    pub in_tail: Vec<bool>,
}

/// Computes the runs of every article from paragraph-level candidate flags.
pub(crate) fn all_edge_runs(store: &CorpusStore, cand: &[bool]) -> EdgeFacts {
    let per: Vec<(Vec<bool>, Vec<bool>)> = store
        .articles
        .par_iter()
        .map(|a| {
            let r = a.paras();
            let words: Vec<u32> = store.paras[r.clone()].iter().map(|p| p.words).collect();
            edge_runs(&cand[r], &words, usize::from(a.title_first))
        })
        .collect();
    let mut facts = EdgeFacts::default();
    for (r, t) in per {
        facts.in_run.extend(r);
        facts.in_tail.extend(t);
    }
    facts
}

/// Whether a cue hit counts at this position.
pub(crate) fn cue_counts(lex: &Lexicon, hit: CueHit, in_run: bool) -> bool {
    let g = lex.group(hit);
    in_run || (g.anywhere && hit.how == Match::Line)
}

/// Whether a hit is a boilerplate cue (as opposed to a footer cue).
pub(crate) fn is_boilerplate_cue(lex: &Lexicon, hit: CueHit) -> bool {
    lex.group(hit).class == CueClass::Boilerplate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_peel_from_both_edges_with_bridges() {
        // title, body, body, cand, short unmarked name, cand, cand
        let cand = [false, false, false, true, false, true, true];
        let words = [5, 80, 70, 12, 2, 60, 2];
        let (run, tail) = edge_runs(&cand, &words, 1);
        assert_eq!(run, [false, false, false, true, false, true, true]);
        assert_eq!(tail, run);
    }

    #[test]
    fn runs_stop_at_body_text() {
        let cand = [true, false, true, false, true];
        let words = [3, 80, 3, 80, 3];
        let (run, _) = edge_runs(&cand, &words, 0);
        assert_eq!(run, [true, false, false, false, true]);
    }

    #[test]
    fn an_all_candidate_article_is_one_run() {
        let (run, _) = edge_runs(&[true, true, true], &[3, 3, 3], 0);
        assert_eq!(run, [true, true, true]);
    }
}
