//! Word hashes and word k-gram (shingle) hashes.
//!
//! Both are persisted in the index, so both are *specified* functions, fixed here and named in
//! the index header: a word hashes to `xxh3_64(normalized word, seed = WORD_SEED)`; a shingle of
//! words `w1..wk` hashes to `fmix64` of a multiply-rotate chain over the word hashes (see
//! [`chain`]). Never `DefaultHasher` or ahash: their output may change between releases.

use crate::normalize::{for_each_word, normalize_word};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Seed of the word hash.
pub(crate) const WORD_SEED: u64 = 0x7265_7072_696e_7431; // "reprint1"
/// Names the shingle hash, recorded in an index.
pub(crate) const SHINGLE_HASH: &str = "mulrot-fmix64/1";

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// The hash of one already normalized word.
pub(crate) fn hash_normalized(word: &str) -> u64 {
    xxh3_64_with_seed(word.as_bytes(), WORD_SEED)
}

/// A word and what later stages need to know of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordHash {
    /// Hash of the normalized word.
    pub hash: u64,
    /// Whether the word contains a digit (numbers are masked in short-paragraph keys).
    pub numeric: bool,
}

/// The hash of one word as it appears in the text (normalized first); `buf` is scratch space.
#[inline]
pub(crate) fn word_hash(w: &str, buf: &mut String) -> u64 {
    if w.len() <= 32 && w.is_ascii() {
        let mut tmp = [0u8; 32];
        let t = &mut tmp[..w.len()];
        t.copy_from_slice(w.as_bytes());
        t.make_ascii_lowercase();
        xxh3_64_with_seed(t, WORD_SEED)
    } else {
        normalize_word(w, buf);
        hash_normalized(buf)
    }
}

/// Appends the hashes of `text`'s words to `out`; `buf` is scratch space.
pub fn hash_words(text: &str, buf: &mut String, out: &mut Vec<WordHash>) {
    for_each_word(text, |_, w| {
        let numeric = crate::normalize::is_number(w);
        out.push(WordHash {
            hash: word_hash(w, buf),
            numeric,
        });
    });
}

/// The 32-bit word id the fingerprint store keeps: the upper half of the word hash, with the
/// lowest bit replaced by whether the word is a number (`normalize::is_number`), so
/// that later stages can tell numbers apart without the text.
#[inline]
pub fn short_word(hash: u64, numeric: bool) -> u32 {
    (((hash >> 32) as u32) & !1) | numeric as u32
}

/// Size of the intersection of two sorted lists (as multisets: an element twice in both counts
/// twice).
#[inline]
pub(crate) fn common_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether a short word id is a number (see [`short_word`]).
#[inline]
pub(crate) fn is_numeric_word(w: u32) -> bool {
    w & 1 == 1
}

/// The 64-bit finalizer of MurmurHash3: every input bit affects every output bit.
#[inline]
pub fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// The hash of a sequence of word hashes: `h = seed; for w: h = rotl(h ^ w, 29) * K1 + K2`,
/// then `fmix64(h ^ len)`. Used for shingles and for whole-paragraph keys.
#[inline]
pub fn chain(seed: u64, words: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = seed;
    let mut n = 0u64;
    for w in words {
        h = (h ^ w).rotate_left(29).wrapping_mul(K1).wrapping_add(K2);
        n += 1;
    }
    fmix64(h ^ n)
}

/// Calls `f` with the hash of every `k`-word shingle of `words`; a sequence shorter than `k`
/// gives one shingle of all its words, and an empty one none.
pub fn for_each_shingle(words: &[u32], k: usize, mut f: impl FnMut(u64)) {
    if words.is_empty() {
        return;
    }
    if words.len() < k {
        f(chain(k as u64, words.iter().map(|&w| w as u64)));
        return;
    }
    for win in words.windows(k) {
        f(chain(k as u64, win.iter().map(|&w| w as u64)));
    }
}

/// The shingle hashes of `words`, sorted and deduplicated (a set).
pub(crate) fn shingle_set(words: &[u32], k: usize) -> Vec<u64> {
    let mut v = Vec::with_capacity(words.len());
    for_each_shingle(words, k, |h| v.push(h));
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(t: &str) -> Vec<u64> {
        let mut out = Vec::new();
        hash_words(t, &mut String::new(), &mut out);
        out.into_iter().map(|w| w.hash).collect()
    }

    #[test]
    fn word_hash_is_pinned() {
        // Stored in indexes: a change here must bump the versions in the index header.
        assert_eq!(
            hash_normalized("putin"),
            xxh3_64_with_seed(b"putin", WORD_SEED)
        );
        assert_eq!(chain(3, [1, 2, 3]), chain(3, [1u64, 2, 3]));
        assert_eq!(chain(0, []), fmix64(0));
        assert_eq!(fmix64(1), 0xb456bcfc34c2cb2c);
    }

    #[test]
    fn case_width_and_quotes_do_not_change_hashes() {
        assert_eq!(hashes("Russia’s WAR"), hashes("russia's war"));
        assert_eq!(hashes("Ｘｉ said"), hashes("xi said"));
        assert_ne!(hashes("xi said"), hashes("xi says"));
    }

    #[test]
    fn ascii_fast_path_agrees_with_normalize_word() {
        let mut buf = String::new();
        for w in ["Putin", "U.S", "can't", "A_b9"] {
            normalize_word(w, &mut buf);
            assert_eq!(hashes(w), vec![hash_normalized(&buf)]);
        }
    }

    #[test]
    fn shingles_of_short_sequences() {
        let mut n = 0;
        for_each_shingle(&[1, 2], 3, |_| n += 1);
        assert_eq!(n, 1);
        n = 0;
        for_each_shingle(&[1, 2, 3, 4], 3, |_| n += 1);
        assert_eq!(n, 2);
        assert!(shingle_set(&[], 3).is_empty());
    }
}
