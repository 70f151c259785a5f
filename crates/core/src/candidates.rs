//! Candidate pairs of distinct paragraph texts: those that share an LSH band key, and short
//! texts that are equal once numbers are masked. Never all pairs.
//!
//! Grouping is by sorting `(key, text)` per band, not by a shared hash map, so the stage has
//! no global lock and its output order does not depend on threads. A bucket larger than
//! `max_bucket` (a very common text shape) is linked as a chain plus a star from its first
//! member instead of all its pairs: enough to connect a true cluster, linear in its size.

use crate::keys::{BandKeys, FingerprintKey};
use crate::store::{TextId, TextStore};
use rayon::prelude::*;

/// A candidate pair, `a < b`.
pub(crate) type Pair = (TextId, TextId);

/// Pairs sharing at least one band key, sorted and deduplicated.
#[cfg(test)]
pub(crate) fn lsh_pairs(texts: &TextStore, max_bucket: usize) -> Vec<Pair> {
    lsh_pairs_counted(texts, max_bucket).0
}

/// [`lsh_pairs`], and how many buckets were larger than `max_bucket` (linked as a chain and a
/// star rather than all their pairs), so the cap can be reported.
pub(crate) fn lsh_pairs_counted(texts: &TextStore, max_bucket: usize) -> (Vec<Pair>, u64) {
    match texts.band_keys() {
        BandKeys::Narrow(keys) => lsh_pairs_keyed(texts, keys, max_bucket),
        BandKeys::Wide(keys) => lsh_pairs_keyed(texts, keys, max_bucket),
    }
}

/// [`lsh_pairs_counted`] over the store's band keys `keys`, `texts.bands` per text.
fn lsh_pairs_keyed<K: FingerprintKey>(
    texts: &TextStore,
    keys: &[K],
    max_bucket: usize,
) -> (Vec<Pair>, u64) {
    let bands = texts.bands;
    let ids: Vec<TextId> = (0..texts.len() as TextId)
        .filter(|&t| texts.has_bands[t as usize])
        .collect();
    let per_band: Vec<(Vec<Pair>, u64)> = (0..bands)
        .into_par_iter()
        .map(|b| {
            let mut keyed: Vec<(K, TextId)> = ids
                .iter()
                .map(|&t| (keys[t as usize * bands + b], t))
                .collect();
            keyed.sort_unstable();
            let mut out = Vec::new();
            let mut big = 0;
            for run in keyed.chunk_by(|x, y| x.0 == y.0) {
                big += u64::from(run.len() > max_bucket);
                bucket_pairs(run.iter().map(|x| x.1), run.len(), max_bucket, &mut out);
            }
            (out, big)
        })
        .collect();
    let big = per_band.iter().map(|b| b.1).sum();
    let mut pairs: Vec<Pair> = per_band.into_iter().flat_map(|b| b.0).collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    (pairs, big)
}

/// Pairs of short texts with equal masked keys (equal but for their numbers).
#[cfg(test)]
pub(crate) fn masked_pairs(texts: &TextStore, max_bucket: usize) -> Vec<Pair> {
    masked_pairs_counted(texts, max_bucket).0
}

/// [`masked_pairs`], and how many groups were larger than `max_bucket`.
pub(crate) fn masked_pairs_counted(texts: &TextStore, max_bucket: usize) -> (Vec<Pair>, u64) {
    let mut keyed: Vec<(u64, TextId)> = (0..texts.len() as TextId)
        .filter_map(|t| {
            let m = texts.masked[t as usize];
            (m != 0).then_some((m, t))
        })
        .collect();
    keyed.par_sort_unstable();
    let mut out = Vec::new();
    let mut big = 0;
    for run in keyed.chunk_by(|x, y| x.0 == y.0) {
        big += u64::from(run.len() > max_bucket);
        bucket_pairs(run.iter().map(|x| x.1), run.len(), max_bucket, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    (out, big)
}

/// The pairs of one bucket (members in ascending order; an engine's rows name texts by their
/// exact keys, in the order of their first paragraphs, which is the order of their ids).
pub(crate) fn bucket_pairs<T: Copy>(
    members: impl Iterator<Item = T> + Clone,
    len: usize,
    max_bucket: usize,
    out: &mut Vec<(T, T)>,
) {
    if len < 2 {
        return;
    }
    if len <= max_bucket {
        let v: Vec<T> = members.collect();
        for i in 0..v.len() {
            for j in i + 1..v.len() {
                out.push((v[i], v[j]));
            }
        }
    } else {
        let v: Vec<T> = members.collect();
        for w in v.windows(2) {
            out.push((w[0], w[1]));
        }
        for &m in &v[2..] {
            out.push((v[0], m));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_give_pairs_and_big_buckets_stay_linear() {
        let mut out = Vec::new();
        bucket_pairs([1, 2, 3].into_iter(), 3, 10, &mut out);
        assert_eq!(out, vec![(1, 2), (1, 3), (2, 3)]);
        out.clear();
        bucket_pairs(0..100u32, 100, 10, &mut out);
        assert_eq!(out.len(), 99 + 98);
    }

    #[test]
    fn shared_band_keys_make_candidates() {
        let mut s = TextStore::new(2);
        for (k, bands) in [(1u64, [5u32, 6]), (2, [5, 7]), (3, [8, 9]), (4, [1, 9])] {
            let id = s.push(k, 0, &[1]);
            s.set_fingerprints(id, 0, Some(&bands));
        }
        s.push(5, 0, &[1]); // no bands: never a candidate
        assert_eq!(lsh_pairs(&s, 10), vec![(0, 1), (2, 3)]);
    }

    /// A store of `texts` with the band keys `MinHasher` makes at width `K`.
    fn fingerprinted<K: FingerprintKey>(texts: &[Vec<u32>]) -> TextStore {
        let mh = crate::fingerprint::MinHasher::new(25, 4, 3);
        let mut s = TextStore::with_key_bits(25, K::BITS);
        let (mut sig, mut keys) = (Vec::new(), Vec::<K>::new());
        for (i, words) in texts.iter().enumerate() {
            let id = s.push(i as u64 + 1, 0, words);
            mh.band_keys(words, &mut sig, &mut keys);
            s.set_fingerprints(id, 0, Some(&keys));
        }
        s
    }

    #[test]
    fn both_key_widths_find_the_same_candidates() {
        // Three families of near-duplicates (a word or two changed) among unrelated texts.
        let base = |seed: u32| -> Vec<u32> {
            (0..50)
                .map(|i| (seed * 1000 + i).wrapping_mul(2_654_435_761))
                .collect()
        };
        let mut texts = Vec::new();
        for family in 0..3 {
            let a = base(family);
            let mut b = a.clone();
            b[20] ^= 1;
            let mut c = a.clone();
            c[10] ^= 1;
            c[40] ^= 1;
            texts.extend([a, b, c]);
        }
        texts.extend((10..20).map(base));
        let narrow = fingerprinted::<u32>(&texts);
        let wide = fingerprinted::<u64>(&texts);
        assert_eq!(wide.key_bits(), crate::config::KeyBits::B64);
        let pairs = lsh_pairs(&narrow, 24);
        assert_eq!(pairs, lsh_pairs(&wide, 24));
        for family in 0..3u32 {
            let f = family * 3;
            for p in [(f, f + 1), (f, f + 2), (f + 1, f + 2)] {
                assert!(pairs.contains(&p), "{p:?} in {pairs:?}");
            }
        }
        assert!(
            pairs.iter().all(|&(a, b)| a / 3 == b / 3 && b < 9),
            "{pairs:?}"
        );
    }

    #[test]
    fn masked_keys_pair_short_texts() {
        let mut s = TextStore::new(1);
        s.push(1, 77, &[1]);
        s.push(2, 0, &[1]);
        s.push(3, 77, &[2]);
        assert_eq!(masked_pairs(&s, 10), vec![(0, 2)]);
    }
}
