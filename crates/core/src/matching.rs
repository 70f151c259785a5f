//! The matching stages (distinct texts, buckets, verification) as functions of the rows an
//! engine hands them, for a run that spreads a corpus over many machines: the engine groups
//! and joins the rows, these functions do the work within a group, and
//! [`crate::analyze_events_matched`] takes what they found in place of matching the store
//! itself. Texts are named by their exact keys, never by ids an engine could number
//! differently, and every function sorts what it is given, so the order in which rows arrive
//! never shows.

use crate::candidates::bucket_pairs;
use crate::classify::ClusterScore;
use crate::engine::Engine;
use crate::error::Error;
use crate::ingest::{Prepared, PreparedPara, text_band_keys};
use crate::keys::FingerprintKey;
use crate::site_template::OutletWords;
use crate::store::Outlets;
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

/// Where a record sits in input order: its file, the first byte of its piece, its number in
/// the piece.
pub type RecordPlace = (u32, u64, u32);

/// An article's outlet and host, for the site-template rule: an engine groups these rows by
/// outlet and [`outlet_words`] turns each group into the outlet's own words.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ArticleOwner {
    /// The outlet ([`outlet_key`]).
    pub outlet: String,
    /// The article's record.
    pub place: RecordPlace,
    /// The outlet's name as this article spells it.
    pub name: Option<String>,
    /// The host of the article's URL.
    pub host: Option<String>,
}

/// What names an article's outlet across a run: `n` and its name trimmed and in lower case
/// (every spelling the store counts as one outlet), or, for an article that names none, `u`
/// and the place of its record (an unknown outlet is the article's own, as the store counts
/// it).
pub fn outlet_key(name: Option<&str>, place: RecordPlace) -> String {
    match name {
        Some(n) => format!("n{}", Outlets::key(n)),
        None => format!("u{}:{}:{}", place.0, place.1, place.2),
    }
}

/// The outlets of `records`: a row per article, and each distinct (text key, outlet) of their
/// paragraphs, both sorted.
pub fn owner_rows(records: &[(RecordPlace, Prepared)]) -> (Vec<ArticleOwner>, Vec<(u64, String)>) {
    let mut articles = Vec::with_capacity(records.len());
    // (text key, article): the outlet's key is copied once per distinct pair, not per paragraph.
    let mut carried: Vec<(u64, usize)> = Vec::new();
    for (i, (place, a)) in records.iter().enumerate() {
        carried.extend(a.paras.iter().map(|p| (p.key, i)));
        articles.push(ArticleOwner {
            outlet: outlet_key(a.meta.outlet.as_deref(), *place),
            place: *place,
            name: a.meta.outlet.clone(),
            host: a.meta.url.as_deref().and_then(crate::model::url_host),
        });
    }
    let outlet = |&(key, i): &(u64, usize)| (key, &articles[i].outlet);
    carried.sort_unstable_by(|x, y| outlet(x).cmp(&outlet(y)));
    carried.dedup_by(|x, y| outlet(x) == outlet(y));
    let carried = carried
        .iter()
        .map(|&(key, i)| (key, articles[i].outlet.clone()))
        .collect();
    articles.sort_unstable();
    (articles, carried)
}

/// The own words of each outlet whose articles are all in `rows` (an engine grouped them by
/// outlet): its name as its first article spells it, then its articles' hosts in input
/// order, as the single-machine rule gathers them. Sorted by outlet; an article given twice
/// is an error.
pub fn outlet_words(mut rows: Vec<ArticleOwner>) -> Result<Vec<(String, Vec<u32>)>, Error> {
    rows.sort_unstable_by(|x, y| (&x.outlet, x.place).cmp(&(&y.outlet, y.place)));
    if let Some(w) = rows.windows(2).find(|w| w[0].place == w[1].place) {
        return Err(Error::Input(format!(
            "outlet rows: the article of file {} piece {} record {} is given twice",
            w[0].place.0, w[0].place.1, w[0].place.2
        )));
    }
    Ok(rows
        .chunk_by(|x, y| x.outlet == y.outlet)
        .map(|run| {
            let mut words = OutletWords::named(run[0].name.as_deref());
            for host in run.iter().filter_map(|r| r.host.as_deref()) {
                if !words.wants_host() {
                    break;
                }
                words.add_host(host);
            }
            (run[0].outlet.clone(), words.finish())
        })
        .collect())
}

/// Counts an engine sums over the verified and masked pairs when it links texts itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatchCounts {
    /// What verification did (its `accepted` counts site templates too).
    pub verify: VerifyStats,
    /// Masked pairs.
    pub masked: u64,
}

/// The texts an engine linked into components itself (from the near-duplicate band pairs but
/// site templates, and the masked pairs), in place of the pairs.
#[derive(Clone, Debug, Default)]
pub struct Components {
    /// Each linked text and its component's label (any one text of it, the same for all).
    pub members: Vec<(u64, u64)>,
    /// Per component label, the weakest link inside: the lowest Jaccard of its band pairs,
    /// and their lowest edit similarity (`None` once one was accepted without it). A
    /// component of masked pairs alone has none.
    pub scores: Vec<(u64, f32, Option<f32>)>,
    /// The counts of the pairs.
    pub counts: MatchCounts,
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
    /// The components, when the engine linked the texts itself (then `lsh` and `masked` are
    /// empty).
    pub components: Option<Components>,
}

/// How the matching stages link texts: by their pairs, or by components an engine made.
pub(crate) enum Links {
    /// Verified edges in pair order (site templates not yet dropped), and masked pairs,
    /// sorted.
    Pairs {
        edges: Vec<Edge>,
        masked: Vec<(TextId, TextId)>,
    },
    /// Each linked text with its component's label text, and the weakest link per label.
    Components {
        members: Vec<(TextId, TextId)>,
        scores: Vec<(TextId, ClusterScore)>,
    },
}

impl Links {
    /// Every pair of texts to link: the edges and masked pairs, or each text and its label.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (TextId, TextId)> + '_ {
        let (edges, pairs): (&[Edge], &[(TextId, TextId)]) = match self {
            Links::Pairs { edges, masked } => (edges, masked),
            Links::Components { members, .. } => (&[], members),
        };
        edges
            .iter()
            .map(|e| (e.a, e.b))
            .chain(pairs.iter().copied())
    }
}

/// The matching stages' results in text ids, as the single-machine stages leave them.
pub(crate) struct Resolved {
    /// The links.
    pub links: Links,
    /// Masked pairs found.
    pub masked_pairs: u64,
    /// Counts of verification.
    pub verify: VerifyStats,
    /// Capped buckets.
    pub capped: u64,
}

/// Turns an engine's matches into text ids of `store`: a text the store does not hold, or
/// a pair (or a component member) given twice, is an error (the engine mixed runs, or
/// repeated a part).
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
    if let Some(c) = m.components {
        if !m.lsh.is_empty() || !m.masked.is_empty() {
            return Err(Error::Input(
                "matches give both pairs and components".to_string(),
            ));
        }
        return resolve_components(c, m.capped_buckets, id);
    }
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
        masked_pairs: masked.len() as u64,
        links: Links::Pairs { edges, masked },
        verify,
        capped: m.capped_buckets,
    })
}

/// [`resolve`] of components an engine made.
fn resolve_components(
    c: Components,
    capped: u64,
    id: impl Fn(u64) -> Result<TextId, Error>,
) -> Result<Resolved, Error> {
    let mut members = c
        .members
        .into_iter()
        .map(|(t, label)| Ok((id(t)?, id(label)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    members.sort_unstable();
    if let Some(w) = members.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(Error::Input(format!(
            "matches: text {} is given in components twice",
            w[0].0
        )));
    }
    let mut scores = c
        .scores
        .into_iter()
        .map(|(label, jaccard, edit)| Ok((id(label)?, ClusterScore { jaccard, edit })))
        .collect::<Result<Vec<_>, Error>>()?;
    scores.sort_unstable_by_key(|s| s.0);
    if let Some(w) = scores.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(Error::Input(format!(
            "matches: component {} is scored twice",
            w[0].0
        )));
    }
    Ok(Resolved {
        links: Links::Components { members, scores },
        masked_pairs: c.counts.masked,
        verify: c.counts.verify,
        capped,
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

    fn owner(outlet: &str, seq: u32, name: Option<&str>, host: Option<&str>) -> ArticleOwner {
        ArticleOwner {
            outlet: outlet.to_string(),
            place: (0, 0, seq),
            name: name.map(str::to_string),
            host: host.map(str::to_string),
        }
    }

    #[test]
    fn an_outlets_words_follow_its_articles_in_input_order_whatever_their_arrival() {
        let spelled = |n: &str| OutletWords::named(Some(n)).finish();
        // One outlet in two spellings: the same key; its name's words and its host's.
        assert_eq!(
            outlet_key(Some(" Harbor Ledger"), (0, 0, 1)),
            "nharbor ledger"
        );
        assert_eq!(outlet_key(None, (2, 64, 7)), "u2:64:7");
        let rows = vec![
            owner(
                "nharbor ledger",
                9,
                Some("harbor ledger"),
                Some("harborledger.example"),
            ),
            owner("nharbor ledger", 3, Some("Harbor Ledger"), None),
            owner("u0:0:5", 5, None, Some("riverdispatch.example")),
        ];
        let mut reversed = rows.clone();
        reversed.reverse();
        let words = outlet_words(rows).unwrap();
        assert_eq!(words, outlet_words(reversed).unwrap());
        assert_eq!(words.len(), 2);
        let harbor = &words[0].1;
        assert!(spelled("harbor ledger").iter().all(|w| harbor.contains(w)));
        let mut host = OutletWords::named(None);
        host.add_host("harborledger.example");
        assert!(host.finish().iter().all(|w| harbor.contains(w)));
        // An article given twice is refused.
        let twice = vec![
            owner("nx", 1, Some("x"), None),
            owner("nx", 1, Some("x"), None),
        ];
        assert!(
            outlet_words(twice)
                .unwrap_err()
                .to_string()
                .contains("given twice")
        );
    }
}
