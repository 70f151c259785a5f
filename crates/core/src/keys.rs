//! The width of fingerprint keys: LSH band keys and span fingerprints are 32-bit hashes by
//! default and 64-bit ones under `[fingerprint] key_bits = 64`.
//!
//! At 32 bits two unrelated keys are equal one time in 4.3 billion. That is noise at a
//! gigabyte, but at a terabyte it makes ~1.2e10 random band-key collisions and 5.6e10 random
//! span pairs, each a candidate to verify. 64-bit keys make them negligible at any size, at the
//! cost of twice the memory for the keys. The stages that make and group keys are generic over
//! [`FingerprintKey`] and compiled for both widths, so the default keeps the speed and memory
//! of 32-bit keys; one `match` on [`KeyBits`] per stage picks the width.

use serde::Deserialize;
use std::fmt::Debug;
use std::hash::Hash;

/// The width of fingerprint keys ([`crate::config::FingerprintConfig::key_bits`]): read from the integers
/// `32` and `64`, any other value refused with the option's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize)]
#[serde(try_from = "i64")]
pub enum KeyBits {
    /// 32-bit keys: half the memory of band keys and span fingerprints.
    #[default]
    B32,
    /// 64-bit keys: random collisions negligible at any corpus size.
    B64,
}

impl KeyBits {
    /// The width in bits.
    pub fn bits(self) -> u32 {
        match self {
            KeyBits::B32 => 32,
            KeyBits::B64 => 64,
        }
    }
}

impl TryFrom<i64> for KeyBits {
    type Error = String;

    fn try_from(bits: i64) -> std::result::Result<KeyBits, String> {
        match bits {
            32 => Ok(KeyBits::B32),
            64 => Ok(KeyBits::B64),
            other => Err(format!(
                "fingerprint.key_bits must be 32 or 64, not {other}"
            )),
        }
    }
}

impl std::fmt::Display for KeyBits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.bits())
    }
}

/// A fingerprint key of one width (`u32` or `u64`).
pub trait FingerprintKey: Copy + Ord + Hash + Default + Debug + Send + Sync + 'static {
    /// The configured width this type is.
    const BITS: KeyBits;
    /// The largest key: span finding marks with it the windows winnowing must never choose.
    const MAX: Self;
    /// A key and 32 more bits (a text id and a tag) in one word that sorts by the key first.
    type Joined: Copy + Ord + Debug + Send + Sync + 'static;

    /// The key of a finished 64-bit hash: its top bits (all of them at 64).
    fn from_hash(h: u64) -> Self;
    /// The key zero-extended, for what holds keys of either width (a map of phrase counts,
    /// a bit filter).
    fn widen(self) -> u64;
    /// `self` in the high bits and `low` in the low 32.
    fn join(self, low: u32) -> Self::Joined;
    /// The inverse of [`FingerprintKey::join`].
    fn split(joined: Self::Joined) -> (Self, u32);
    /// The band keys of this width among a store's, `None` when it holds the other width.
    fn of_band_keys(keys: &BandKeys) -> Option<&[Self]>;
    /// As [`FingerprintKey::of_band_keys`], to fill them.
    fn of_band_keys_mut(keys: &mut BandKeys) -> Option<&mut Vec<Self>>;
}

impl FingerprintKey for u32 {
    const BITS: KeyBits = KeyBits::B32;
    const MAX: u32 = u32::MAX;
    /// A packed `u64`: the 32-bit key over the 32 low bits.
    type Joined = u64;

    #[inline]
    fn from_hash(h: u64) -> u32 {
        (h >> 32) as u32
    }
    #[inline]
    fn widen(self) -> u64 {
        u64::from(self)
    }
    #[inline]
    fn join(self, low: u32) -> u64 {
        u64::from(self) << 32 | u64::from(low)
    }
    #[inline]
    fn split(joined: u64) -> (u32, u32) {
        ((joined >> 32) as u32, joined as u32)
    }
    fn of_band_keys(keys: &BandKeys) -> Option<&[u32]> {
        match keys {
            BandKeys::Narrow(v) => Some(v),
            BandKeys::Wide(_) => None,
        }
    }
    fn of_band_keys_mut(keys: &mut BandKeys) -> Option<&mut Vec<u32>> {
        match keys {
            BandKeys::Narrow(v) => Some(v),
            BandKeys::Wide(_) => None,
        }
    }
}

impl FingerprintKey for u64 {
    const BITS: KeyBits = KeyBits::B64;
    const MAX: u64 = u64::MAX;
    /// A 64-bit key cannot share a `u64` with a text id: a `u128`, the key over the 32 low
    /// bits (the upper half of the low word stays zero).
    type Joined = u128;

    #[inline]
    fn from_hash(h: u64) -> u64 {
        h
    }
    #[inline]
    fn widen(self) -> u64 {
        self
    }
    #[inline]
    fn join(self, low: u32) -> u128 {
        u128::from(self) << 64 | u128::from(low)
    }
    #[inline]
    fn split(joined: u128) -> (u64, u32) {
        ((joined >> 64) as u64, joined as u32)
    }
    fn of_band_keys(keys: &BandKeys) -> Option<&[u64]> {
        match keys {
            BandKeys::Wide(v) => Some(v),
            BandKeys::Narrow(_) => None,
        }
    }
    fn of_band_keys_mut(keys: &mut BandKeys) -> Option<&mut Vec<u64>> {
        match keys {
            BandKeys::Wide(v) => Some(v),
            BandKeys::Narrow(_) => None,
        }
    }
}

/// The LSH band keys of all texts of a store, back to back, at the configured width: one
/// vector of the one width, so that the default holds 4 bytes a key, not 8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BandKeys {
    /// 32-bit keys.
    Narrow(Vec<u32>),
    /// 64-bit keys.
    Wide(Vec<u64>),
}

impl Default for BandKeys {
    fn default() -> Self {
        BandKeys::Narrow(Vec::new())
    }
}

impl BandKeys {
    /// No keys yet, of width `bits`.
    pub fn empty(bits: KeyBits) -> BandKeys {
        match bits {
            KeyBits::B32 => BandKeys::Narrow(Vec::new()),
            KeyBits::B64 => BandKeys::Wide(Vec::new()),
        }
    }

    /// The width of the keys.
    pub fn bits(&self) -> KeyBits {
        match self {
            BandKeys::Narrow(_) => KeyBits::B32,
            BandKeys::Wide(_) => KeyBits::B64,
        }
    }

    /// Appends `n` zero keys (a new text's, until it is fingerprinted).
    pub(crate) fn grow(&mut self, n: usize) {
        match self {
            BandKeys::Narrow(v) => v.extend(std::iter::repeat_n(0, n)),
            BandKeys::Wide(v) => v.extend(std::iter::repeat_n(0, n)),
        }
    }

    /// Heap bytes held.
    pub(crate) fn heap_bytes(&self) -> usize {
        match self {
            BandKeys::Narrow(v) => v.capacity() * 4,
            BandKeys::Wide(v) => v.capacity() * 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joins_sort_by_key_then_low<K: FingerprintKey>(keys: [K; 3]) {
        let mut pairs: Vec<(K, u32)> = keys
            .iter()
            .flat_map(|&k| [(k, 7), (k, 0), (k, u32::MAX)])
            .collect();
        let mut joined: Vec<K::Joined> = pairs.iter().map(|&(k, l)| k.join(l)).collect();
        assert!(joined.iter().zip(&pairs).all(|(&j, &p)| K::split(j) == p));
        pairs.sort_unstable();
        joined.sort_unstable();
        assert_eq!(joined.into_iter().map(K::split).collect::<Vec<_>>(), pairs);
    }

    #[test]
    fn both_widths_join_round_trip_and_sort_as_pairs() {
        joins_sort_by_key_then_low::<u32>([u32::MAX, 0, 1 << 31]);
        joins_sort_by_key_then_low::<u64>([u64::MAX, 0, 1 << 63 | 5]);
    }

    #[test]
    fn narrow_keys_are_the_top_half_of_the_hash() {
        let h = 0x0123_4567_89ab_cdef_u64;
        assert_eq!(u32::from_hash(h), 0x0123_4567);
        assert_eq!(u64::from_hash(h), h);
        assert_eq!(u32::from_hash(h).widen(), 0x0123_4567);
    }

    #[test]
    fn band_keys_hold_one_width() {
        let mut b = BandKeys::empty(KeyBits::B64);
        b.grow(3);
        assert_eq!(b.bits(), KeyBits::B64);
        assert_eq!(u64::of_band_keys(&b), Some(&[0u64; 3][..]));
        assert_eq!(u32::of_band_keys(&b), None);
        assert!(b.heap_bytes() >= 24);
        assert_eq!(BandKeys::default().bits(), KeyBits::B32);
    }
}
