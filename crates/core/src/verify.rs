//! Decides which candidate pairs are near-duplicates.
//!
//! A pair is compared on its words (the 32-bit word hashes the store keeps): first the Jaccard
//! similarity of their word-shingle sets, which settles clear cases either way; in between, the
//! word-level edit similarity (`1 - levenshtein(words_a, words_b) / longer length`, by
//! `strsim::generic_levenshtein`), which is what tells a light edit (a few words changed, whose
//! shingle Jaccard can fall below 0.6) from two paragraphs that merely share some phrases.
//! The edit distance is quadratic, so it is skipped above `max_edit_words` and the skip is
//! counted in [`VerifyStats`].

use crate::candidates::Pair;
use crate::config::VerifyConfig;
use crate::shingle::shingle_set;
use crate::store::{TextId, TextStore};
use rayon::prelude::*;

/// A verified near-duplicate link between two distinct texts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Edge {
    /// The lower text id.
    pub a: TextId,
    /// The higher text id.
    pub b: TextId,
    /// Shingle Jaccard similarity.
    pub jaccard: f32,
    /// Word edit similarity, when it was computed.
    pub edit: Option<f32>,
}

/// Counts of what verification did, for the run's diagnostics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerifyStats {
    /// Candidate pairs examined.
    pub candidates: u64,
    /// Pairs accepted.
    pub accepted: u64,
    /// Pairs whose edit similarity was computed.
    pub edit_computed: u64,
    /// Pairs too long for the edit similarity, decided on Jaccard alone.
    pub edit_capped: u64,
}

/// The outcome of comparing two word sequences.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    /// Shingle Jaccard similarity.
    pub jaccard: f32,
    /// Word edit similarity, when computed.
    pub edit: Option<f32>,
    /// Whether the pair is a near-duplicate.
    pub near: bool,
    /// Whether the edit similarity was skipped for length.
    pub capped: bool,
}

/// Jaccard similarity of two sorted, deduplicated sets.
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = crate::shingle::common_count(a, b);
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// A word sequence as `strsim`'s generic functions take it.
struct Words<'a>(&'a [u32]);

impl<'b> IntoIterator for &'b Words<'_> {
    type Item = &'b u32;
    type IntoIter = std::slice::Iter<'b, u32>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Word edit similarity: `1 - levenshtein / longer length`.
pub(crate) fn edit_similarity(a: &[u32], b: &[u32]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(&Words(a), &Words(b)) as f64 / longer as f64
}

/// Compares two word sequences under the thresholds of `config`.
pub fn compare(a: &[u32], b: &[u32], shingle: usize, config: &VerifyConfig) -> Comparison {
    let no = Comparison {
        jaccard: 0.0,
        edit: None,
        near: false,
        capped: false,
    };
    if a.is_empty() || b.is_empty() {
        return no;
    }
    let (short, long) = if a.len() <= b.len() {
        (a.len(), b.len())
    } else {
        (b.len(), a.len())
    };
    let ratio = short as f64 / long as f64;
    // Both measures are bounded by the length ratio: a pair this uneven cannot pass either.
    if ratio < config.edit_similarity.min(config.jaccard) {
        return no;
    }
    let j = jaccard(&shingle_set(a, shingle), &shingle_set(b, shingle));
    if j >= config.jaccard {
        return Comparison {
            jaccard: j as f32,
            edit: None,
            near: true,
            capped: false,
        };
    }
    // Short texts lose most shingles to one edit, so only longer ones are rejected on Jaccard.
    if j < config.min_jaccard && short >= 20 {
        return Comparison {
            jaccard: j as f32,
            ..no
        };
    }
    if long > config.max_edit_words {
        return Comparison {
            jaccard: j as f32,
            edit: None,
            near: false,
            capped: true,
        };
    }
    let e = edit_similarity(a, b);
    Comparison {
        jaccard: j as f32,
        edit: Some(e as f32),
        near: e >= config.edit_similarity,
        capped: false,
    }
}

/// Verifies candidate pairs in parallel; the edges come out in the order of `pairs`.
pub(crate) fn verify(
    texts: &TextStore,
    pairs: &[Pair],
    shingle: usize,
    config: &VerifyConfig,
) -> (Vec<Edge>, VerifyStats) {
    let compared: Vec<Comparison> = pairs
        .par_iter()
        .with_min_len(256)
        .map(|&(a, b)| compare(texts.words(a), texts.words(b), shingle, config))
        .collect();
    tally(pairs.iter().copied().zip(compared))
}

/// The edges among compared pairs (in their order), and the counts of what verification did:
/// for pairs compared here or elsewhere (an engine's `verify` kernels).
pub(crate) fn tally(
    compared: impl IntoIterator<Item = (Pair, Comparison)>,
) -> (Vec<Edge>, VerifyStats) {
    let mut stats = VerifyStats::default();
    let mut edges = Vec::new();
    for ((a, b), c) in compared {
        stats.candidates += 1;
        stats.edit_computed += u64::from(c.edit.is_some());
        stats.edit_capped += u64::from(c.capped);
        if c.near {
            edges.push(Edge {
                a,
                b,
                jaccard: c.jaccard,
                edit: c.edit,
            });
        }
    }
    stats.accepted = edges.len() as u64;
    (edges, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> VerifyConfig {
        VerifyConfig::default()
    }

    #[test]
    fn light_edits_pass_and_unrelated_text_fails() {
        let a: Vec<u32> = (0..40).collect();
        let mut b = a.clone();
        // Three scattered substitutions: shingle Jaccard drops well below 0.75.
        for i in [5, 18, 31] {
            b[i] = 1000 + i as u32;
        }
        let c = compare(&a, &b, 3, &cfg());
        assert!(c.jaccard < 0.75 && c.near, "{c:?}");
        assert!(c.edit.unwrap() > 0.9);
        let u: Vec<u32> = (500..540).collect();
        assert!(!compare(&a, &u, 3, &cfg()).near);
    }

    #[test]
    fn uneven_lengths_are_rejected_early() {
        let a: Vec<u32> = (0..10).collect();
        let b: Vec<u32> = (0..40).collect();
        let c = compare(&a, &b, 3, &cfg());
        assert!(!c.near && c.edit.is_none());
    }

    #[test]
    fn long_pairs_are_capped_not_quadratic() {
        let config = VerifyConfig {
            max_edit_words: 50,
            ..cfg()
        };
        let a: Vec<u32> = (0..100).collect();
        let b: Vec<u32> = (0..100)
            .map(|i| if i % 10 == 0 { i + 1000 } else { i })
            .collect();
        let c = compare(&a, &b, 3, &config);
        assert!(c.capped && !c.near);
    }

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 1.0);
    }
}
