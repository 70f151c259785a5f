//! Boilerplate and aggregator footers: cue matches, head and tail runs, and recurrence.
//!
//! Site furniture sits at an article's edges. An article's *head run* and *tail run* are the
//! paragraphs that can be peeled off its start and end while each is a candidate (it matches a
//! cue, is a source-link line, or belongs to a paragraph cluster that recurs across several
//! stories); one short unmarked line (an author's name) may sit inside a run. A recurring
//! cluster is boilerplate when most of its occurrences sit in such runs: a wire paragraph reused
//! in article bodies is not. Cue groups marked `anywhere` count wherever they sit.

use super::cues::{CueClass, CueHit, Lexicon, Match};
use crate::cluster::Clusters;
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
pub fn cue_hits(
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
pub fn edge_runs(cand: &[bool], words: &[u32], first: usize) -> (Vec<bool>, Vec<bool>) {
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
pub struct EdgeFacts {
    /// In the head or tail run.
    pub in_run: Vec<bool>,
    /// In the tail run.
    pub in_tail: Vec<bool>,
}

/// Computes the runs of every article from paragraph-level candidate flags.
pub fn all_edge_runs(store: &CorpusStore, cand: &[bool]) -> EdgeFacts {
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

/// What recurrence says of each cluster.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Recurrence {
    /// Distinct stories carrying it, in the outlet that carries it in the most stories.
    pub stories: u32,
    /// Distinct outlets carrying it.
    pub outlets: u32,
    /// Share of its recurring members in head or tail runs (filled in once runs are known).
    pub edge_share: f32,
}

/// Recurrence per cluster, and which paragraphs recur: a member recurs when its outlet carries
/// the text in at least `min_articles` stories (site furniture is an outlet's own), or when the
/// text is a short line (at most `generic_words` words) carried in twice that many stories
/// across outlets (generic furniture such as "Listen to this article").
pub fn recurrence(
    store: &CorpusStore,
    clusters: &Clusters,
    story: &[u32],
    min_articles: usize,
    generic_words: u32,
) -> (Vec<Recurrence>, Vec<bool>) {
    let per: Vec<(Recurrence, Vec<u32>)> = clusters
        .members
        .par_iter()
        .map(|m| {
            // (variant, outlet, story, paragraph) for every member. Short lines recur only with
            // the same numbers: headlines that differ in a number met on their masked keys,
            // but are different lines; each set of numbers is a variant of its own.
            let short_lines = m.first().is_some_and(|&p| {
                store.paras[p as usize].words < crate::fingerprint::MASK_MAX_WORDS
            });
            let mut ms: Vec<(u64, u32, u32, u32)> = m
                .iter()
                .map(|&p| {
                    let a = store.article_of(p as usize);
                    let variant = if short_lines {
                        super::numbers_key(store, p as usize)
                    } else {
                        0
                    };
                    (variant, store.articles[a].outlet, story[a], p)
                })
                .collect();
            ms.sort_unstable();
            let short = m
                .first()
                .is_some_and(|&p| store.paras[p as usize].words <= generic_words);
            let (mut stories, mut recurring) = (0u32, Vec::new());
            for variant in ms.chunk_by(|x, y| x.0 == y.0) {
                let mut all_stories: Vec<u32> = variant.iter().map(|x| x.2).collect();
                all_stories.sort_unstable();
                all_stories.dedup();
                let generic = short && all_stories.len() >= 2 * min_articles;
                let mut best = 0u32;
                for run in variant.chunk_by(|x, y| x.1 == y.1) {
                    let mut s: Vec<u32> = run.iter().map(|x| x.2).collect();
                    s.dedup();
                    best = best.max(s.len() as u32);
                    if generic || s.len() >= min_articles {
                        recurring.extend(run.iter().map(|x| x.3));
                    }
                }
                stories = stories.max(if generic {
                    all_stories.len() as u32
                } else {
                    best
                });
            }
            let mut all_outlets: Vec<u32> = ms.iter().map(|x| x.1).collect();
            all_outlets.sort_unstable();
            all_outlets.dedup();
            let outlets = all_outlets.len() as u32;
            recurring.sort_unstable();
            (
                Recurrence {
                    stories,
                    outlets,
                    edge_share: 0.0,
                },
                recurring,
            )
        })
        .collect();
    let mut flags = vec![false; store.paras.len()];
    let mut rec = Vec::with_capacity(per.len());
    for (r, recurring) in per {
        for p in recurring {
            flags[p as usize] = true;
        }
        rec.push(r);
    }
    (rec, flags)
}

/// Fills in each cluster's edge share: the share of its recurring members in a run.
pub fn edge_shares(
    clusters: &Clusters,
    in_run: &[bool],
    recurring: &[bool],
    rec: &mut [Recurrence],
) {
    rec.par_iter_mut()
        .zip(clusters.members.par_iter())
        .for_each(|(r, m)| {
            let members = m.iter().filter(|&&p| recurring[p as usize]);
            let (n, at_edge) = members.fold((0usize, 0usize), |(n, e), &p| {
                (n + 1, e + usize::from(in_run[p as usize]))
            });
            r.edge_share = if n == 0 {
                0.0
            } else {
                at_edge as f32 / n as f32
            };
        });
}

/// Whether a cue hit counts at this position.
pub fn cue_counts(lex: &Lexicon, hit: CueHit, in_run: bool) -> bool {
    let g = lex.group(hit);
    in_run || (g.anywhere && hit.how == Match::Line)
}

/// Whether a hit is a boilerplate cue (as opposed to a footer cue).
pub fn is_boilerplate_cue(lex: &Lexicon, hit: CueHit) -> bool {
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
