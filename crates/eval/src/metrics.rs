//! The arithmetic of scoring, on plain numbers and ranges: precision/recall/F1 from counts,
//! pair counting and the adjusted Rand index of two clusterings, and byte overlap of range
//! sets. Nothing here knows about corpora, labels or findings; [`super`] feeds it.

use reprint_core::model::ByteSpan;
use serde::{Serialize, Serializer, ser::SerializeStruct};
use std::collections::HashMap;
use std::hash::Hash;

/// Counts behind a precision/recall/F1 figure: true positives, predicted positives, labelled
/// positives. Precision is `tp / predicted`, recall `tp / truth`; each is undefined (`None`,
/// `null` in JSON, `-` in tables) when its denominator is zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    /// Predicted positives that are labelled positive.
    pub tp: u64,
    /// Predicted positives.
    pub predicted: u64,
    /// Labelled positives.
    pub truth: u64,
}

impl Prf {
    /// The figure for these counts.
    pub fn new(tp: u64, predicted: u64, truth: u64) -> Prf {
        debug_assert!(tp <= predicted && tp <= truth);
        Prf {
            tp,
            predicted,
            truth,
        }
    }

    /// `tp / predicted`.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.predicted)
    }

    /// `tp / truth`.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.truth)
    }

    /// The harmonic mean of precision and recall (0 when both are 0).
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        Some(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        })
    }
}

impl Serialize for Prf {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Prf", 6)?;
        st.serialize_field("precision", &self.precision().map(round4))?;
        st.serialize_field("recall", &self.recall().map(round4))?;
        st.serialize_field("f1", &self.f1().map(round4))?;
        st.serialize_field("tp", &self.tp)?;
        st.serialize_field("predicted", &self.predicted)?;
        st.serialize_field("truth", &self.truth)?;
        st.end()
    }
}

/// A share `hits / of`: a recall over a subset, or an accuracy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Share {
    /// How many were hit.
    pub hits: u64,
    /// Out of how many.
    pub of: u64,
}

impl Share {
    /// The share, undefined when `of` is zero.
    pub fn value(&self) -> Option<f64> {
        ratio(self.hits, self.of)
    }

    /// Counts one more item, hit or not.
    pub fn add(&mut self, hit: bool) {
        self.of += 1;
        self.hits += u64::from(hit);
    }
}

impl Serialize for Share {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Share", 3)?;
        st.serialize_field("value", &self.value().map(round4))?;
        st.serialize_field("hits", &self.hits)?;
        st.serialize_field("of", &self.of)?;
        st.end()
    }
}

/// `a / b`, or `None` when `b` is zero.
pub(crate) fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Rounds to four decimals, as every figure is printed.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Pairs among `n` items.
fn pairs(n: u64) -> u128 {
    let n = n as u128;
    n * n.saturating_sub(1) / 2
}

/// The contingency of two clusterings of the same `n` items, reduced to pair counts: pairs
/// together in both, pairs together in the prediction, pairs together in the truth.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PairCounts {
    /// Pairs in one predicted cluster and in one labelled cluster.
    pub both: u128,
    /// Pairs in one predicted cluster.
    pub predicted: u128,
    /// Pairs in one labelled cluster.
    pub truth: u128,
    /// Items in all (clustered or not).
    pub n: u64,
}

impl PairCounts {
    /// Counts pairs over the items that are in a cluster of either side: each item once, with
    /// its predicted and its labelled cluster (`None` for a singleton). `n` is the number of
    /// all items, singletons of both sides included (it matters only to the Rand index).
    pub(crate) fn of<P, T>(
        n: u64,
        items: impl IntoIterator<Item = (Option<P>, Option<T>)>,
    ) -> PairCounts
    where
        P: Hash + Eq + Clone,
        T: Hash + Eq + Clone,
    {
        let mut pred: HashMap<P, u64> = HashMap::new();
        let mut truth: HashMap<T, u64> = HashMap::new();
        let mut both: HashMap<(P, T), u64> = HashMap::new();
        for (p, t) in items {
            if let Some(p) = &p {
                *pred.entry(p.clone()).or_default() += 1;
            }
            if let Some(t) = &t {
                *truth.entry(t.clone()).or_default() += 1;
            }
            if let (Some(p), Some(t)) = (p, t) {
                *both.entry((p, t)).or_default() += 1;
            }
        }
        let sum = |m: &mut dyn Iterator<Item = u64>| m.map(pairs).sum::<u128>();
        PairCounts {
            both: sum(&mut both.into_values()),
            predicted: sum(&mut pred.into_values()),
            truth: sum(&mut truth.into_values()),
            n,
        }
    }

    /// Pair precision/recall/F1: a predicted pair is right when the labels put its two items
    /// in one cluster too.
    pub(crate) fn prf(&self) -> Prf {
        let c = |x: u128| u64::try_from(x).unwrap_or(u64::MAX);
        Prf::new(c(self.both), c(self.predicted), c(self.truth))
    }

    /// The adjusted Rand index (Hubert & Arabie 1985): the Rand index corrected for chance,
    /// 1 for identical partitions, about 0 for independent ones. Two partitions that are both
    /// all singletons (or both one block) score 1.
    pub(crate) fn adjusted_rand(&self) -> f64 {
        let total = pairs(self.n) as f64;
        if total == 0.0 {
            return 1.0;
        }
        let (index, a, b) = (self.both as f64, self.predicted as f64, self.truth as f64);
        let expected = a * b / total;
        let max = (a + b) / 2.0;
        if max == expected {
            return 1.0;
        }
        (index - expected) / (max - expected)
    }
}

/// Sorts ranges and merges those that overlap or touch, so that bytes are counted once.
/// Empty ranges are dropped first.
pub(crate) fn merge(mut spans: Vec<ByteSpan>) -> Vec<ByteSpan> {
    spans.retain(|s| !s.is_empty());
    ByteSpan::merge_all(spans)
}

/// Bytes covered by merged ranges.
pub(crate) fn covered(spans: &[ByteSpan]) -> u64 {
    spans.iter().map(|s| s.len() as u64).sum()
}

/// The ranges common to two merged range lists (the result is merged too).
pub(crate) fn intersect(a: &[ByteSpan], b: &[ByteSpan]) -> Vec<ByteSpan> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let start = a[i].start.max(b[j].start);
        let end = a[i].end.min(b[j].end);
        if start < end {
            out.push(ByteSpan { start, end });
        }
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Bytes common to two merged range lists.
pub(crate) fn overlap(a: &[ByteSpan], b: &[ByteSpan]) -> u64 {
    covered(&intersect(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(start: u32, end: u32) -> ByteSpan {
        ByteSpan { start, end }
    }

    #[test]
    fn prf_from_counts() {
        let p = Prf::new(3, 4, 6);
        assert_eq!(p.precision(), Some(0.75));
        assert_eq!(p.recall(), Some(0.5));
        assert!((p.f1().unwrap() - 0.6).abs() < 1e-12);
        let none = Prf::new(0, 0, 5);
        assert_eq!(none.precision(), None);
        assert_eq!(none.recall(), Some(0.0));
        assert_eq!(none.f1(), None);
        assert_eq!(Prf::new(0, 2, 2).f1(), Some(0.0));
    }

    #[test]
    fn prf_serializes_rounded_with_nulls() {
        let v = serde_json::to_value(Prf::new(1, 3, 5)).unwrap();
        assert_eq!(v["precision"], serde_json::json!(0.3333));
        assert_eq!(v["recall"], serde_json::json!(0.2));
        assert_eq!(v["tp"], 1);
        // Nothing labelled: recall is undefined, not zero.
        let v = serde_json::to_value(Prf::new(0, 3, 0)).unwrap();
        assert_eq!(v["precision"], serde_json::json!(0.0));
        assert!(v["recall"].is_null());
    }

    #[test]
    fn pair_counts_of_a_hand_made_case() {
        // Items 0..6. Truth: {0,1,2} {3,4}; prediction: {0,1} {2,3,4}; item 5 alone in both.
        let truth = [Some(1), Some(1), Some(1), Some(2), Some(2), None];
        let pred = [Some(7), Some(7), Some(8), Some(8), Some(8), None];
        let c = PairCounts::of(6, pred.into_iter().zip(truth));
        // Predicted pairs: 01, 23, 24, 34 = 4; true pairs: 01, 02, 12, 34 = 4; common: 01, 34.
        assert_eq!((c.both, c.predicted, c.truth), (2, 4, 4));
        let p = c.prf();
        assert_eq!(p.precision(), Some(0.5));
        assert_eq!(p.recall(), Some(0.5));
        assert_eq!(p.f1(), Some(0.5));
    }

    #[test]
    fn adjusted_rand_on_small_partitions() {
        // Identical partitions score 1, whatever the labels are called.
        let c = PairCounts::of(4, [(Some('a'), Some(1)), (Some('a'), Some(1))]);
        assert_eq!(c.adjusted_rand(), 1.0);
        // The textbook case (sklearn's docs): truth [0,0,1,1], prediction [0,0,1,2].
        // index = 1, sum_a = 1, sum_b = 2, total = 6: expected = 1/3, max = 1.5,
        // ARI = (1 - 1/3) / (1.5 - 1/3) = 4/7.
        let truth = [0, 0, 1, 1];
        let pred = [0, 0, 1, 2];
        let items = pred.iter().zip(&truth).map(|(&p, &t)| (Some(p), Some(t)));
        let c = PairCounts::of(4, items);
        assert!((c.adjusted_rand() - 4.0 / 7.0).abs() < 1e-12);
        // Everything in one predicted block against all singletons: no better than chance.
        let items = (0..4).map(|_| (Some(0), None::<u8>));
        assert_eq!(PairCounts::of(4, items).adjusted_rand(), 0.0);
        // A swapped pair of labels between two blocks of two: worse than chance.
        let truth = [0, 0, 1, 1];
        let pred = [0, 1, 0, 1];
        let items = pred.iter().zip(&truth).map(|(&p, &t)| (Some(p), Some(t)));
        assert!((PairCounts::of(4, items).adjusted_rand() - (-0.5)).abs() < 1e-12);
        // Both all singletons.
        let items = std::iter::empty::<(Option<u8>, Option<u8>)>();
        assert_eq!(PairCounts::of(3, items).adjusted_rand(), 1.0);
    }

    #[test]
    fn byte_overlap_counts_each_byte_once() {
        let a = merge(vec![s(10, 20), s(15, 30), s(40, 50), s(5, 5)]);
        assert_eq!(a, vec![s(10, 30), s(40, 50)]);
        assert_eq!(covered(&a), 30);
        let b = merge(vec![s(0, 12), s(25, 45), s(49, 60)]);
        assert_eq!(
            intersect(&a, &b),
            vec![s(10, 12), s(25, 30), s(40, 45), s(49, 50)]
        );
        assert_eq!(overlap(&a, &b), 13);
        assert_eq!(overlap(&a, &[]), 0);
        // Touching ranges merge; disjoint ones stay apart.
        assert_eq!(
            merge(vec![s(0, 3), s(3, 6), s(7, 8)]),
            vec![s(0, 6), s(7, 8)]
        );
    }

    #[test]
    fn share_counts_hits() {
        let mut sh = Share::default();
        assert_eq!(sh.value(), None);
        sh.add(true);
        sh.add(false);
        sh.add(true);
        assert_eq!((sh.hits, sh.of), (2, 3));
        assert!((sh.value().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    }
}
