//! The matching stages (distinct texts, buckets, verification) as functions of the rows an
//! engine hands them, for a run that spreads a corpus over many machines: the engine groups
//! and joins the rows, these functions do the work within a group, and
//! [`crate::analyze_events_matched`] takes what they found in place of matching the store
//! itself. Texts are named by their exact keys, never by ids an engine could number
//! differently, and every function sorts what it is given, so the order in which rows arrive
//! never shows.

use crate::candidates::bucket_pairs;
use crate::engine::Engine;
use crate::error::Error;
use crate::ingest::{Prepared, PreparedPara, text_band_keys};
use crate::keys::FingerprintKey;
use crate::store::{CorpusStore, TextId};
use crate::verify::{Comparison, Edge, VerifyStats, tally};
use rayon::prelude::*;
use std::collections::HashSet;

/// Where a paragraph sits in input order: its file, the first byte of the piece of the file
/// it was read in, its record's number in that piece, and its number in the record. Text ids
/// follow the order of their first paragraphs, so places order texts as ids do.
pub type ParaPlace = (u32, u64, u32, u32);

/// A distinct text at its first paragraph among the records it was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextRow {
    /// Exact key of its normalized text.
    pub key: u64,
    /// Its first paragraph.
    pub place: ParaPlace,
    /// Masked key (0 when it is not matched that way).
    pub masked: u64,
    /// LSH band keys, zero-extended to 64 bits (`None` when the text is too short for them).
    pub bands: Option<Vec<u64>>,
    /// Its words.
    pub words: Vec<u32>,
}

/// The distinct texts of `records` (each with the place of its record: file, piece start,
/// number), each at its first paragraph among them, in key order. A text seen in several
/// groups of records is a row of each; the earliest place wins when they are merged.
pub fn text_rows(engine: &Engine, mut records: Vec<((u32, u64, u32), Prepared)>) -> Vec<TextRow> {
    records.sort_by_key(|r| r.0);
    let mut seen = HashSet::new();
    let mut firsts: Vec<(ParaPlace, PreparedPara)> = Vec::new();
    for (at, a) in records {
        for (i, p) in a.paras.into_iter().enumerate() {
            if seen.insert(p.key) {
                firsts.push(((at.0, at.1, at.2, i as u32), p));
            }
        }
    }
    let mut rows: Vec<TextRow> = firsts
        .into_par_iter()
        .map_init(Vec::new, |sig, (place, p)| TextRow {
            key: p.key,
            place,
            masked: p.masked,
            bands: band_keys(engine, &p.words, sig),
            words: p.words,
        })
        .collect();
    rows.sort_unstable_by_key(|t| t.key);
    rows
}

/// The band keys of a text, as the store computes them, at the configured width, zero-extended.
fn band_keys(engine: &Engine, words: &[u32], sig: &mut Vec<u32>) -> Option<Vec<u64>> {
    fn keyed<K: FingerprintKey>(
        engine: &Engine,
        words: &[u32],
        sig: &mut Vec<u32>,
    ) -> Option<Vec<u64>> {
        let mut keys: Vec<K> = Vec::new();
        text_band_keys(engine, words, sig, &mut keys)
            .then(|| keys.into_iter().map(K::widen).collect())
    }
    match engine.config.fingerprint.key_bits {
        crate::config::KeyBits::B32 => keyed::<u32>(engine, words, sig),
        crate::config::KeyBits::B64 => keyed::<u64>(engine, words, sig),
    }
}

/// The family of a bucket: one band of the LSH keys, or the masked keys.
pub const MASKED_FAMILY: i32 = -1;

/// A text in a bucket: texts sharing a band key (family = the band) or a masked key (family
/// [`MASKED_FAMILY`]) are candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BucketRow {
    /// The band, or [`MASKED_FAMILY`].
    pub family: i32,
    /// The band key or the masked key.
    pub bucket: u64,
    /// The text's first paragraph.
    pub place: ParaPlace,
    /// The text's exact key.
    pub key: u64,
}

/// A text in a bucket, without its place: most buckets are small enough for all their pairs,
/// whose order does not matter, so an engine shuffles these narrow rows and joins the places
/// in only for the members of crowded buckets ([`narrow_bucket_rows`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct NarrowBucketRow {
    /// The band, or [`MASKED_FAMILY`].
    pub family: i32,
    /// The band key or the masked key.
    pub bucket: u64,
    /// The text's exact key.
    pub key: u64,
}

/// Candidate pairs of texts by exact key: the earlier text first when the rows had places, the
/// lower key first from narrow rows (the order is settled by text id when they are resolved).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BucketPairs {
    /// Pairs sharing a band key, to be verified (a pair may come from several bands).
    pub lsh: Vec<(u64, u64)>,
    /// Short texts equal but for their numbers.
    pub masked: Vec<(u64, u64)>,
    /// Buckets larger than the cap, linked as a chain and a star.
    pub capped: u64,
}

/// A row of a bucket: which bucket, and which text. Rows sort by bucket first.
trait InBucket: Ord + Copy {
    /// The family and the bucket.
    fn bucket(&self) -> (i32, u64);
    /// The text's exact key.
    fn key(&self) -> u64;
}

impl InBucket for BucketRow {
    fn bucket(&self) -> (i32, u64) {
        (self.family, self.bucket)
    }
    fn key(&self) -> u64 {
        self.key
    }
}

impl InBucket for NarrowBucketRow {
    fn bucket(&self) -> (i32, u64) {
        (self.family, self.bucket)
    }
    fn key(&self) -> u64 {
        self.key
    }
}

/// Sorts `rows` and calls `f` with the rows of each bucket, in order; a text given twice in
/// one bucket (at any place) is an error.
fn for_each_bucket<R: InBucket>(rows: &mut [R], mut f: impl FnMut(&[R])) -> Result<(), Error> {
    rows.sort_unstable();
    let mut keys = Vec::new();
    for run in rows.chunk_by(|x, y| x.bucket() == y.bucket()) {
        keys.clear();
        keys.extend(run.iter().map(R::key));
        keys.sort_unstable();
        if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
            return Err(Error::Input(format!(
                "bucket rows: text {:016x} given twice in one bucket of family {}",
                w[0],
                run[0].bucket().0
            )));
        }
        f(run);
    }
    Ok(())
}

impl BucketPairs {
    /// Adds the pairs of one bucket's rows (in the order the pairs follow).
    fn add<R: InBucket>(&mut self, run: &[R], max_bucket: usize) {
        let into = if run[0].bucket().0 == MASKED_FAMILY {
            &mut self.masked
        } else {
            &mut self.lsh
        };
        bucket_pairs(run.iter().map(R::key), run.len(), max_bucket, into);
    }
}

/// The pairs of the buckets whose rows are all in `rows` (an engine grouped them by family
/// and bucket), as the single-machine stage makes them: all pairs of a bucket of at most
/// `max_bucket` texts, a chain and a star of a larger one. A text given twice in one bucket
/// is an error.
pub fn bucket_rows(mut rows: Vec<BucketRow>, max_bucket: usize) -> Result<BucketPairs, Error> {
    let mut out = BucketPairs::default();
    for_each_bucket(&mut rows, |run| {
        out.capped += u64::from(run.len() > max_bucket);
        out.add(run, max_bucket);
    })?;
    Ok(out)
}

/// The pairs of the buckets whose narrow rows are all in `rows`: all pairs of a bucket of at
/// most `max_bucket` texts (the lower key first: a pair's order is settled when it is
/// resolved), and the rows of each larger bucket, whose chain and star follow the order of
/// its texts' places ([`bucket_rows`] once the places are joined in). Nothing is counted as
/// capped here. A text given twice in one bucket is an error.
pub fn narrow_bucket_rows(
    mut rows: Vec<NarrowBucketRow>,
    max_bucket: usize,
) -> Result<(BucketPairs, Vec<NarrowBucketRow>), Error> {
    let (mut out, mut crowded) = (BucketPairs::default(), Vec::new());
    for_each_bucket(&mut rows, |run| {
        if run.len() > max_bucket {
            crowded.extend_from_slice(run);
        } else {
            out.add(run, max_bucket);
        }
    })?;
    Ok((out, crowded))
}

/// What an engine found by matching texts: every verified candidate pair, the masked pairs
/// and the capped buckets, with texts named by exact key.
#[derive(Clone, Debug, Default)]
pub struct Matches {
    /// Each candidate pair of the LSH buckets, once, with its comparison.
    pub lsh: Vec<(u64, u64, Comparison)>,
    /// Each masked pair, once.
    pub masked: Vec<(u64, u64)>,
    /// Buckets (of both kinds) larger than the cap.
    pub capped_buckets: u64,
}

/// The matching stages' results in text ids, as the single-machine stages leave them.
pub(crate) struct Resolved {
    /// Verified edges, in pair order.
    pub edges: Vec<Edge>,
    /// Masked pairs, sorted.
    pub masked: Vec<(TextId, TextId)>,
    /// Counts of verification.
    pub verify: VerifyStats,
    /// Capped buckets.
    pub capped: u64,
}

/// Turns an engine's matches into text ids of `store`: a text the store does not hold, or
/// a pair given twice, is an error (the engine mixed runs, or repeated a part).
pub(crate) fn resolve(store: &CorpusStore, m: Matches) -> Result<Resolved, Error> {
    // The store's own key index is dropped once it is filled; a sorted list is smaller.
    let mut by_key: Vec<(u64, TextId)> = store
        .texts
        .keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as TextId))
        .collect();
    by_key.sort_unstable();
    let id = |k: u64| {
        by_key
            .binary_search_by_key(&k, |e| e.0)
            .map(|i| by_key[i].1)
            .map_err(|_| {
                Error::Input(format!(
                    "matches name text {k:016x}, which the corpus does not hold"
                ))
            })
    };
    let pair = |a: u64, b: u64| -> Result<(TextId, TextId), Error> {
        let (x, y) = (id(a)?, id(b)?);
        Ok((x.min(y), x.max(y)))
    };
    let mut lsh = m
        .lsh
        .into_iter()
        .map(|(a, b, c)| Ok((pair(a, b)?, c)))
        .collect::<Result<Vec<_>, Error>>()?;
    lsh.sort_unstable_by_key(|x| x.0);
    let mut masked = m
        .masked
        .into_iter()
        .map(|(a, b)| pair(a, b))
        .collect::<Result<Vec<_>, Error>>()?;
    masked.sort_unstable();
    let twice = lsh
        .windows(2)
        .map(|w| (w[0].0, w[1].0))
        .chain(masked.windows(2).map(|w| (w[0], w[1])))
        .find(|(x, y)| x == y);
    if let Some((p, _)) = twice {
        return Err(Error::Input(format!(
            "matches: the pair of texts {} and {} is given twice",
            p.0, p.1
        )));
    }
    let (edges, verify) = tally(lsh);
    Ok(Resolved {
        edges,
        masked,
        verify,
        capped: m.capped_buckets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(family: i32, bucket: u64, at: u32, key: u64) -> BucketRow {
        BucketRow {
            family,
            bucket,
            place: (0, 0, at, 0),
            key,
        }
    }

    #[test]
    fn buckets_pair_texts_in_place_order_whatever_the_arrival() {
        let rows = vec![
            row(0, 7, 3, 30),
            row(0, 7, 1, 10),
            row(1, 9, 2, 20),
            row(0, 7, 2, 20),
            row(MASKED_FAMILY, 5, 3, 30),
            row(MASKED_FAMILY, 5, 1, 10),
            row(1, 8, 1, 10),
        ];
        let p = bucket_rows(rows.clone(), 10).unwrap();
        assert_eq!(p.lsh, vec![(10, 20), (10, 30), (20, 30)]);
        assert_eq!(p.masked, vec![(10, 30)]);
        assert_eq!(p.capped, 0);
        let mut rev = rows;
        rev.reverse();
        assert_eq!(bucket_rows(rev, 10).unwrap(), p);
        // Over the cap: a chain and a star from the earliest text.
        let big = bucket_rows((0..5).map(|i| row(0, 1, i, 100 + i as u64)).collect(), 3).unwrap();
        assert_eq!(big.capped, 1);
        assert_eq!(big.lsh.len(), 4 + 3);
    }

    #[test]
    fn narrow_rows_pair_small_buckets_and_hand_back_crowded_ones() {
        let narrow = |family, bucket, key| NarrowBucketRow {
            family,
            bucket,
            key,
        };
        let mut rows = vec![
            narrow(0, 7, 30),
            narrow(0, 7, 10),
            narrow(MASKED_FAMILY, 5, 20),
        ];
        rows.extend((0..5).map(|i| narrow(1, 9, 100 - i)));
        rows.push(narrow(MASKED_FAMILY, 5, 40));
        let (pairs, crowded) = narrow_bucket_rows(rows, 3).unwrap();
        assert_eq!(pairs.lsh, vec![(10, 30)]);
        assert_eq!(pairs.masked, vec![(20, 40)]);
        assert_eq!(pairs.capped, 0);
        assert_eq!(crowded.len(), 5);
        // With their places joined in, the crowded bucket is a chain and a star by place.
        let placed: Vec<BucketRow> = crowded
            .iter()
            .map(|r| row(r.family, r.bucket, (r.key % 7) as u32, r.key))
            .collect();
        let big = bucket_rows(placed, 3).unwrap();
        assert_eq!(big.capped, 1);
        assert_eq!(big.lsh.len(), 4 + 3);
    }

    #[test]
    fn a_text_twice_in_a_bucket_is_refused() {
        let e = bucket_rows(vec![row(0, 1, 1, 5), row(0, 1, 1, 5)], 10).unwrap_err();
        assert!(e.to_string().contains("given twice"), "{e}");
        // Also at two places, with another text between them.
        let rows = vec![row(0, 1, 1, 5), row(0, 1, 2, 6), row(0, 1, 3, 5)];
        let e = bucket_rows(rows, 10).unwrap_err();
        assert!(e.to_string().contains("text 0000000000000005"), "{e}");
    }
}
