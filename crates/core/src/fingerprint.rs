//! Paragraph fingerprints: an exact key, a 64-bit simhash, and MinHash band keys.
//!
//! * The **exact key** hashes the sequence of normalized words; paragraphs with equal keys are
//!   the same text up to case, width, punctuation and quote style. Short paragraphs also get a
//!   **masked key** in which numbers are one token, so "© 2021 Ledger" and "© 2022
//!   Ledger" meet as near duplicates. Findings that say two short lines are the same line
//!   (internal duplicates, recurring boilerplate) ask for the same exact text as well.
//! * The **simhash** follows the `simhash` crate's conventions (64 bits; bit `i` is set iff the
//!   weighted count of features with bit `i` set exceeds those without), computed here over
//!   shingle hashes with a byte-table accumulator, which is many times faster than the crate's
//!   per-bit loop. A test ties the accumulator to `simhash::simhash_stream`.
//! * **MinHash**: `bands * rows` minimum values of cheap 32-bit multiply-add permutations of each
//!   shingle hash, folded into one key per band for LSH, 32 or 64 bits wide
//!   (`fingerprint.key_bits`). Only band keys are kept.

use crate::keys::FingerprintKey;
use crate::shingle::{chain, fmix64, for_each_shingle};

/// Paragraphs shorter than this many words (and of at least [`MASK_MIN_WORDS`]) are also
/// matched on their text with numbers masked.
pub const MASK_MAX_WORDS: u32 = 12;
/// See [`MASK_MAX_WORDS`].
pub const MASK_MIN_WORDS: u32 = 3;

/// Names the MinHash scheme, recorded in an index.
pub(crate) const MINHASH_SCHEME: &str = "mul-add-u32 minhash, band key fmix64/1";

/// Seed for exact paragraph keys.
const EXACT_SEED: u64 = 0x6578_6163_745f_6b31;
/// Seed for masked paragraph keys.
const MASKED_SEED: u64 = 0x6d61_736b_6564_6b31;
/// The token every word with a digit becomes in a masked key.
const NUMBER_TOKEN: u64 = 0x4e55_4d42_4552_2323;

/// The exact key of a paragraph from its word hashes.
pub fn exact_key(words: &[u64]) -> u64 {
    chain(EXACT_SEED, words.iter().copied())
}

/// The masked key: like [`exact_key`] with every numeric word replaced by one token.
pub(crate) fn masked_key(words: &[u64], numeric: &[bool]) -> u64 {
    chain(
        MASKED_SEED,
        words
            .iter()
            .zip(numeric)
            .map(|(&w, &n)| if n { NUMBER_TOKEN } else { w }),
    )
}

/// Accumulates a simhash over 64-bit features, eight bits at a time through a lookup table.
pub struct SimhashAccumulator {
    counts: [i32; 64],
}

/// `TABLE[b][j]` is `+1` when bit `j` of byte `b` is set, else `-1`.
static TABLE: [[i32; 8]; 256] = {
    let mut t = [[0i32; 8]; 256];
    let mut b = 0;
    while b < 256 {
        let mut j = 0;
        while j < 8 {
            t[b][j] = if (b >> j) & 1 == 1 { 1 } else { -1 };
            j += 1;
        }
        b += 1;
    }
    t
};

impl Default for SimhashAccumulator {
    fn default() -> Self {
        SimhashAccumulator { counts: [0; 64] }
    }
}

impl SimhashAccumulator {
    /// Adds one feature with weight 1.
    #[inline]
    pub fn add(&mut self, feature: u64) {
        let bytes = feature.to_le_bytes();
        for (j, &b) in bytes.iter().enumerate() {
            let row = &TABLE[b as usize];
            let c = &mut self.counts[j * 8..j * 8 + 8];
            // Plain adds vectorize; a count cannot overflow, as it is bounded by the
            // number of features of one text.
            for k in 0..8 {
                c[k] += row[k];
            }
        }
    }

    /// The signature: bit `i` set iff its count is positive.
    pub fn finish(&self) -> u64 {
        let mut s = 0u64;
        for (i, &c) in self.counts.iter().enumerate() {
            if c > 0 {
                s |= 1 << i;
            }
        }
        s
    }
}

/// The simhash of a paragraph's word shingles.
pub(crate) fn simhash(words: &[u32], shingle: usize) -> u64 {
    let mut acc = SimhashAccumulator::default();
    for_each_shingle(words, shingle, |h| acc.add(h));
    acc.finish()
}

/// Fraction of equal bits between two signatures, as `simhash::hash_similarity`.
#[cfg(test)]
pub(crate) fn simhash_similarity(a: u64, b: u64) -> f64 {
    simhash::hash_similarity(a, b)
}

/// MinHash over shingles with LSH banding: `bands * rows` permutations.
#[derive(Clone, Debug)]
pub struct MinHasher {
    mul: Vec<u32>,
    add: Vec<u32>,
    bands: usize,
    rows: usize,
    shingle: usize,
}

impl MinHasher {
    /// Builds the permutations; they depend only on the parameters, so that fingerprints are
    /// the same on every machine and in every run.
    pub fn new(bands: usize, rows: usize, shingle: usize) -> MinHasher {
        let n = bands * rows;
        let mut mul = Vec::with_capacity(n);
        let mut add = Vec::with_capacity(n);
        for i in 0..n as u64 {
            let a = fmix64(0x6d69_6e68_6173_6800 ^ i);
            mul.push((a as u32) | 1);
            add.push((a >> 32) as u32);
        }
        MinHasher {
            mul,
            add,
            bands,
            rows,
            shingle,
        }
    }

    /// Number of bands (keys per paragraph).
    pub fn bands(&self) -> usize {
        self.bands
    }

    /// Writes the paragraph's band keys into `keys` (cleared first); `sig` is scratch space.
    /// A 32-bit key is the top half of the 64-bit one, so both widths pair the same texts but
    /// for the 32-bit keys' chance collisions.
    pub fn band_keys<K: FingerprintKey>(
        &self,
        words: &[u32],
        sig: &mut Vec<u32>,
        keys: &mut Vec<K>,
    ) {
        sig.clear();
        sig.resize(self.mul.len(), u32::MAX);
        let mut xs: Vec<u32> = Vec::with_capacity(words.len());
        for_each_shingle(words, self.shingle, |h| xs.push((h ^ (h >> 32)) as u32));
        min_values(&xs, &self.mul, &self.add, sig);
        keys.clear();
        for (b, band) in sig.chunks_exact(self.rows).enumerate() {
            let k = chain(b as u64, band.iter().map(|&v| v as u64));
            keys.push(K::from_hash(k));
        }
    }
}

/// `sig[i] = min(sig[i], min over x of x * mul[i] + add[i])`: the MinHash inner loop. It is the
/// hottest loop of fingerprinting, so on x86-64 it runs in an AVX2 build of the same code when
/// the CPU has AVX2 (the results are identical; only the instructions differ).
fn min_values(xs: &[u32], mul: &[u32], add: &[u32], sig: &mut [u32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            unsafe { min_values_avx2(xs, mul, add, sig) };
            return;
        }
    }
    min_values_portable(xs, mul, add, sig);
}

#[inline(always)]
fn min_values_portable(xs: &[u32], mul: &[u32], add: &[u32], sig: &mut [u32]) {
    for &x in xs {
        for ((s, &m), &a) in sig.iter_mut().zip(mul).zip(add) {
            *s = (*s).min(x.wrapping_mul(m).wrapping_add(a));
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn min_values_avx2(xs: &[u32], mul: &[u32], add: &[u32], sig: &mut [u32]) {
    min_values_portable(xs, mul, add, sig)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{Hash, Hasher};

    #[test]
    fn the_fast_min_loop_agrees_with_the_portable_one() {
        let mh = MinHasher::new(25, 4, 3);
        let xs: Vec<u32> = (0..200u32).map(|i| i.wrapping_mul(2_654_435_761)).collect();
        let mut a = vec![u32::MAX; 100];
        let mut b = vec![u32::MAX; 100];
        min_values(&xs, &mh.mul, &mh.add, &mut a);
        min_values_portable(&xs, &mh.mul, &mh.add, &mut b);
        assert_eq!(a, b);
    }

    /// The `simhash` crate's feature hash: `Hash for str` into SipHash-2-4 with zero keys.
    #[allow(deprecated)]
    fn sip(word: &str) -> u64 {
        let mut h = std::hash::SipHasher::new();
        word.hash(&mut h);
        h.finish()
    }

    #[test]
    fn accumulator_follows_the_simhash_crate() {
        for text in [
            "The cat sat on the mat",
            "Russian President Vladimir Putin shakes hands with Chinese President Xi Jinping",
            "a a a b",
            "",
        ] {
            let mut acc = SimhashAccumulator::default();
            for w in text.split_whitespace() {
                acc.add(sip(w));
            }
            assert_eq!(
                acc.finish(),
                simhash::simhash_stream(text.split_whitespace()),
                "{text}"
            );
        }
        // The crate's own pinned vector, reproduced by the accumulator.
        let mut acc = SimhashAccumulator::default();
        "The cat sat on the mat"
            .split_whitespace()
            .for_each(|w| acc.add(sip(w)));
        assert_eq!(acc.finish(), 2595200813813010837);
    }

    #[test]
    fn near_texts_share_bands_and_unrelated_do_not() {
        let mh = MinHasher::new(25, 4, 3);
        let a: Vec<u32> = (0..60).collect();
        let mut b = a.clone();
        b[30] = 999;
        let c: Vec<u32> = (1000..1060).collect();
        let (mut sig, mut ka, mut kb, mut kc) = (vec![], vec![], vec![], Vec::<u32>::new());
        mh.band_keys(&a, &mut sig, &mut ka);
        mh.band_keys(&b, &mut sig, &mut kb);
        mh.band_keys(&c, &mut sig, &mut kc);
        let shared = |x: &[u32], y: &[u32]| x.iter().zip(y).filter(|(p, q)| p == q).count();
        assert!(shared(&ka, &kb) >= 10, "{}", shared(&ka, &kb));
        assert_eq!(shared(&ka, &kc), 0);
    }

    #[test]
    fn narrow_band_keys_are_the_top_half_of_wide_ones() {
        let mh = MinHasher::new(25, 4, 3);
        let words: Vec<u32> = (0..60).map(|i| i * 7919).collect();
        let (mut sig, mut narrow, mut wide) = (vec![], Vec::<u32>::new(), Vec::<u64>::new());
        mh.band_keys(&words, &mut sig, &mut narrow);
        mh.band_keys(&words, &mut sig, &mut wide);
        assert_eq!(narrow.len(), 25);
        let tops: Vec<u32> = wide.iter().map(|&k| (k >> 32) as u32).collect();
        assert_eq!(narrow, tops);
    }

    #[test]
    fn masked_keys_ignore_numbers_only() {
        let w = [1u64, 2, 3];
        assert_eq!(
            masked_key(&w, &[false, true, false]),
            masked_key(&[1, 9, 3], &[false, true, false])
        );
        assert_ne!(
            masked_key(&w, &[false, false, false]),
            masked_key(&[1, 9, 3], &[false, false, false])
        );
        assert_ne!(exact_key(&w), exact_key(&[1, 9, 3]));
    }

    #[test]
    fn simhash_similarity_is_the_crates() {
        assert_eq!(simhash_similarity(0, 0), 1.0);
        assert_eq!(simhash_similarity(0, u64::MAX), 0.0);
    }
}
