//! Reused wording below paragraph level: shared word runs between articles of different
//! outlets, inside paragraphs that are not near-duplicates of each other (a reused quote, a
//! lifted sentence, a shared photo credit).
//!
//! Runs are found without comparing all pairs: every distinct paragraph text is reduced to
//! *winnowed* fingerprints of its `min_words`-word shingles (the smallest hash in each window of
//! [`WINDOW`] shingles, so any shared run of at least `min_words + WINDOW - 1` words is sure to
//! share one); fingerprints are grouped by sorting; a fingerprint found in more than
//! `max_articles` articles is a common phrase and dropped. Texts that share a fingerprint are
//! then aligned word by word to recover maximal runs, and overlapping runs merge.
//!
//! Photo credits are also compared as wholes: a credit is shorter than `min_words` but names a
//! photographer and an agency, so two outlets printing the same credit is reuse.
//!
//! Runs are found in word positions; [`resolve`] turns them into byte ranges once the texts of
//! the articles involved are read again.

use crate::cluster::UnionFind;
use crate::config::SpanConfig;
use crate::model::{ByteSpan, FindingKind, KindSet};
use crate::shingle::chain;
use crate::store::{CorpusStore, TextId, TextParas};
use rayon::prelude::*;
use std::collections::HashMap;

/// Shingles per winnowing window.
pub const WINDOW: usize = 6;

/// English function words: a run made mostly of them ("on the sidelines of the ... summit")
/// is a stock phrase even when no other article in a small corpus shows it to be common.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor",
    "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over",
    "own", "said", "same", "says", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
];

/// The short word hashes of [`FUNCTION_WORDS`], sorted for binary search.
pub fn function_word_hashes() -> Vec<u32> {
    let mut v: Vec<u32> = FUNCTION_WORDS
        .iter()
        .map(|w| (crate::shingle::hash_normalized(w) >> 32) as u32)
        .collect();
    v.sort_unstable();
    v
}

/// Words of a run that are not function words.
pub fn content_words(run: &[u32], function: &[u32]) -> usize {
    run.iter()
        .filter(|w| function.binary_search(w).is_err())
        .count()
}

/// A run of words in one distinct text: `[start, end)` word positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRun {
    /// The text.
    pub text: TextId,
    /// First word.
    pub start: u32,
    /// One past the last word.
    pub end: u32,
}

/// A group of runs that are the same wording, in several texts.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanGroup {
    /// The runs, sorted.
    pub runs: Vec<TextRun>,
    /// Words of the longest run.
    pub words: u32,
}

/// Winnowed fingerprints of one word sequence: `(hash, position)` pairs.
pub fn winnow(words: &[u32], k: usize, window: usize, out: &mut Vec<(u32, u32)>) {
    out.clear();
    if words.len() < k {
        return;
    }
    let hashes: Vec<u32> = words
        .windows(k)
        .map(|w| (chain(k as u64, w.iter().map(|&x| x as u64)) >> 32) as u32)
        .collect();
    if hashes.len() <= window {
        let (i, &h) = hashes
            .iter()
            .enumerate()
            .min_by_key(|(i, h)| (**h, std::cmp::Reverse(*i)))
            .expect("non-empty");
        out.push((h, i as u32));
        return;
    }
    let mut last: Option<usize> = None;
    for start in 0..=hashes.len() - window {
        // Rightmost minimum of the window, as in Schleimer et al.
        let mut m = start;
        for i in start..start + window {
            if hashes[i] <= hashes[m] {
                m = i;
            }
        }
        if last != Some(m) {
            out.push((hashes[m], m as u32));
            last = Some(m);
        }
    }
}

/// Maximal common runs of at least `min` words between two word sequences, seeded at shared
/// `k`-shingles: `(start_a, start_b, length)`.
pub fn common_runs(a: &[u32], b: &[u32], k: usize, min: usize) -> Vec<(u32, u32, u32)> {
    if a.len() < k || b.len() < k {
        return Vec::new();
    }
    let mut index: HashMap<&[u32], Vec<u32>> = HashMap::new();
    for (i, w) in a.windows(k).enumerate() {
        index.entry(w).or_default().push(i as u32);
    }
    let mut runs = Vec::new();
    let mut j = 0;
    while j + k <= b.len() {
        let mut best: Option<(u32, u32, u32)> = None;
        if let Some(starts) = index.get(&b[j..j + k]) {
            for &i in starts {
                let i = i as usize;
                // Only start where the run cannot be extended backwards (else it was found).
                if i > 0 && j > 0 && a[i - 1] == b[j - 1] {
                    continue;
                }
                let mut len = k;
                while i + len < a.len() && j + len < b.len() && a[i + len] == b[j + len] {
                    len += 1;
                }
                if len >= min && best.is_none_or(|x| len as u32 > x.2) {
                    best = Some((i as u32, j as u32, len as u32));
                }
            }
        }
        match best {
            Some(r) => {
                runs.push(r);
                j += r.2 as usize;
            }
            None => j += 1,
        }
    }
    runs
}

/// What span finding needs to know of each distinct text.
pub struct TextFacts<'a> {
    /// Texts not to look in (all their paragraphs are furniture).
    pub skip: &'a [bool],
    /// The near-duplicate cluster of a text (`u32::MAX` for none).
    pub cluster: &'a [u32],
    /// How many paragraphs carry the text.
    pub articles: &'a [u32],
    /// The outlets carrying a text.
    pub outlets: &'a (dyn Fn(TextId) -> Vec<u32> + Sync),
    /// Paragraphs outside the store carrying a fingerprint (see
    /// [`CorpusStore::outside_phrases`]); a fingerprint counts as common when either count is.
    pub outside: &'a HashMap<u32, u32>,
}

/// Finds groups of shared runs between texts of different outlets.
pub fn find_runs(
    store: &CorpusStore,
    facts: &TextFacts<'_>,
    config: &SpanConfig,
) -> Vec<SpanGroup> {
    let (skip_text, text_cluster, text_articles, text_outlets) =
        (facts.skip, facts.cluster, facts.articles, facts.outlets);
    let (min_words, min_content, max_articles) = (
        config.min_words,
        config.min_content_words,
        config.max_articles,
    );
    let texts = &store.texts;
    let function = function_word_hashes();
    let k = min_words;
    // 1. Fingerprints of every eligible text, grouped by sorting.
    let mut prints: Vec<(u32, TextId)> = (0..texts.len() as TextId)
        .into_par_iter()
        .filter(|&t| !skip_text[t as usize] && texts.words(t).len() >= k)
        .flat_map_iter(|t| {
            let mut out = Vec::new();
            winnow(texts.words(t), k, WINDOW, &mut out);
            let mut v: Vec<(u32, TextId)> = out.into_iter().map(|(h, _)| (h, t)).collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    prints.par_sort_unstable();
    // 2. Candidate text pairs from fingerprints that are not common phrases.
    let mut pairs: Vec<(TextId, TextId)> = Vec::new();
    for run in prints.chunk_by(|x, y| x.0 == y.0) {
        if run.len() < 2 {
            continue;
        }
        let local: usize = run
            .iter()
            .map(|x| text_articles[x.1 as usize] as usize)
            .sum();
        let df = local.max(facts.outside.get(&run[0].0).map_or(0, |&n| n as usize));
        if df > max_articles {
            continue;
        }
        for i in 0..run.len() {
            for j in i + 1..run.len() {
                let (a, b) = (run[i].1, run[j].1);
                let (ca, cb) = (text_cluster[a as usize], text_cluster[b as usize]);
                if ca != u32::MAX && ca == cb {
                    continue; // near-duplicates: reused as whole paragraphs, not as spans
                }
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    drop(prints);
    pairs.par_sort_unstable();
    pairs.dedup();
    // Only pairs whose texts appear in different outlets can be cross-outlet reuse.
    let found: Vec<(TextRun, TextRun)> = pairs
        .par_iter()
        .filter(|&&(a, b)| {
            let (oa, ob) = (text_outlets(a), text_outlets(b));
            oa.iter().any(|x| ob.iter().any(|y| x != y))
        })
        .flat_map_iter(|&(a, b)| {
            let wa = texts.words(a);
            let function = &function;
            common_runs(wa, texts.words(b), k, min_words)
                .into_iter()
                .filter(move |&(sa, _, len)| {
                    content_words(&wa[sa as usize..(sa + len) as usize], function) >= min_content
                })
                .map(move |(sa, sb, len)| {
                    (
                        TextRun {
                            text: a,
                            start: sa,
                            end: sa + len,
                        },
                        TextRun {
                            text: b,
                            start: sb,
                            end: sb + len,
                        },
                    )
                })
        })
        .collect();
    group_runs(found)
}

/// Merges overlapping runs of the same text and groups runs linked by a match.
pub fn group_runs(found: Vec<(TextRun, TextRun)>) -> Vec<SpanGroup> {
    // Merge overlapping runs per text into intervals.
    let mut all: Vec<TextRun> = found.iter().flat_map(|(a, b)| [*a, *b]).collect();
    all.sort_unstable();
    let mut merged: Vec<TextRun> = Vec::new();
    for r in all {
        match merged.last_mut() {
            Some(m) if m.text == r.text && r.start < m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let locate = |r: &TextRun| -> u32 {
        let i = merged.partition_point(|m| (m.text, m.start) <= (r.text, r.start));
        (i - 1) as u32
    };
    let mut uf = UnionFind::new(merged.len());
    for (a, b) in &found {
        uf.union(locate(a), locate(b));
    }
    let mut groups: HashMap<u32, Vec<TextRun>> = HashMap::new();
    for (i, m) in merged.iter().enumerate() {
        groups.entry(uf.find(i as u32)).or_default().push(*m);
    }
    let mut out: Vec<SpanGroup> = groups
        .into_values()
        .filter(|g| g.len() >= 2)
        .map(|mut runs| {
            runs.sort_unstable();
            let words = runs.iter().map(|r| r.end - r.start).max().unwrap_or(0);
            SpanGroup { runs, words }
        })
        .collect();
    out.sort_by(|a, b| a.runs[0].cmp(&b.runs[0]));
    out
}

/// A span occurrence in an article paragraph, in words until resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpanMember {
    /// The paragraph (corpus-wide index).
    pub para: u32,
    /// First word in the paragraph.
    pub start_word: u32,
    /// One past the last word.
    pub end_word: u32,
}

/// The paragraphs carrying each run of a group, keeping only groups that still span two or
/// more outlets, and skipping paragraphs marked as furniture.
pub fn group_members(
    store: &CorpusStore,
    groups: &[SpanGroup],
    text_paras: &TextParas,
    para_kinds: &[KindSet],
) -> Vec<(Vec<SpanMember>, u32)> {
    let mut out = Vec::new();
    for g in groups {
        let mut members = Vec::new();
        let mut outlets = Vec::new();
        for r in &g.runs {
            for &p in text_paras.of(r.text) {
                let k = para_kinds[p as usize];
                if k.contains(FindingKind::Boilerplate) || k.contains(FindingKind::AggregatorFooter)
                {
                    continue;
                }
                members.push(SpanMember {
                    para: p,
                    start_word: r.start,
                    end_word: r.end,
                });
                outlets.push(store.articles[store.article_of(p as usize)].outlet);
            }
        }
        outlets.sort_unstable();
        outlets.dedup();
        if outlets.len() >= 2 {
            members.sort_unstable();
            out.push((members, g.words));
        }
    }
    out
}

/// Byte range of words `[start, end)` of a paragraph, given the paragraph's text and its byte
/// offset in the article; `None` when the paragraph has fewer words.
pub fn resolve(para_text: &str, base: u32, start: u32, end: u32) -> Option<ByteSpan> {
    let words = crate::normalize::words(para_text);
    let first = words.get(start as usize)?;
    let last = words.get(end as usize - 1)?;
    Some(ByteSpan::new(
        base as usize + first.0,
        base as usize + last.0 + last.1.len(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winnowing_guarantees_a_shared_fingerprint_for_long_runs() {
        let shared: Vec<u32> = (100..120).collect();
        let a: Vec<u32> = (0..30)
            .chain(shared.iter().copied())
            .chain(200..230)
            .collect();
        let b: Vec<u32> = (500..503)
            .chain(shared.iter().copied())
            .chain(600..640)
            .collect();
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        winnow(&a, 8, WINDOW, &mut fa);
        winnow(&b, 8, WINDOW, &mut fb);
        assert!(fa.iter().any(|x| fb.iter().any(|y| x.0 == y.0)));
    }

    #[test]
    fn common_runs_are_maximal() {
        let a: Vec<u32> = vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, 51];
        let b: Vec<u32> = vec![40, 41, 2, 3, 4, 5, 6, 7, 8, 9, 10, 60];
        assert_eq!(common_runs(&a, &b, 8, 8), vec![(1, 2, 9)]);
        assert!(common_runs(&a, &b, 8, 10).is_empty());
    }

    #[test]
    fn overlapping_runs_merge_and_group() {
        let r = |t, s, e| TextRun {
            text: t,
            start: s,
            end: e,
        };
        let g = group_runs(vec![
            (r(0, 0, 10), r(1, 5, 15)),
            (r(0, 5, 12), r(2, 0, 7)),
            (r(3, 0, 9), r(4, 0, 9)),
        ]);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].runs, vec![r(0, 0, 12), r(1, 5, 15), r(2, 0, 7)]);
    }

    #[test]
    fn word_runs_resolve_to_bytes() {
        let t = "He said “we will win,” today.";
        let s = resolve(t, 100, 2, 5).unwrap();
        assert_eq!(
            &t[(s.start - 100) as usize..(s.end - 100) as usize],
            "we will win"
        );
    }
}
