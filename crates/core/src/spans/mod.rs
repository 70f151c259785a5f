//! Reused wording below paragraph level: shared word runs between articles of different
//! outlets, inside paragraphs that are not near-duplicates of each other (a reused quote, a
//! lifted sentence, a shared photo credit).
//!
//! Runs are found without comparing all pairs: every distinct paragraph text is reduced to
//! *winnowed* fingerprints of its `k`-word shingles (the smallest hash in each window of `w`
//! shingles). Winnowing guarantees a shared fingerprint only for runs of `k + w - 1` words, so
//! `k` and `w` are chosen from the documented minimums ([`Winnowing`]): a shared run of
//! `min_words` quoted words, or of `min_unquoted_words` words anywhere, is sure to be found
//! (unless it is a common phrase). Fingerprints are 32- or 64-bit hashes
//! (`fingerprint.key_bits`; a 32-bit one is the top half of the 64-bit one, so the wider key
//! only removes chance collisions). They are grouped by sorting; a fingerprint found in more
//! than `max_articles` articles is a common phrase and dropped. Texts that share a fingerprint are
//! then aligned word by word to recover maximal runs, and overlapping runs merge.
//!
//! Photo credits are also compared as wholes: a credit is shorter than `min_words` but names a
//! photographer and an agency, so two outlets printing the same credit is reuse.
//!
//! Runs are found in word positions; [`resolve`] turns them into byte ranges once the texts of
//! the articles involved are read again.

pub(crate) mod place;
mod quotes;

pub(crate) use quotes::{is_quoted_in, positions_quoted, quotation_part_in, quotation_ranges};

use crate::cluster::UnionFind;
use crate::config::{KeyBits, SpanConfig};
use crate::keys::FingerprintKey;
use crate::model::{ByteSpan, FindingKind, KindSet};
use crate::shingle::fmix64;
use crate::store::{CorpusStore, TextId, TextParas};
use rayon::prelude::*;
use std::collections::HashMap;

/// Shingles per winnowing window, when the minimum run is long enough to afford it.
pub(crate) const WINDOW: usize = 6;

/// The window lengths and winnowing windows of the span fingerprints, chosen so that every
/// documented minimum is a guarantee: winnowing `k`-word windows `w` at a time selects a
/// shared fingerprint from any shared run of `k + w - 1` words, so each pair satisfies
/// `k + w - 1 = minimum`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Winnowing {
    /// `(k, w)` of quoted windows: guarantees runs of `spans.min_words`.
    pub quoted: (usize, usize),
    /// `(k, w)` of windows anywhere: guarantees runs of `spans.min_unquoted_words`.
    pub long: (usize, usize),
}

impl Winnowing {
    /// The windows for a span configuration. Quoted windows are kept at least
    /// `min_words - 2` words long (shorter windows are mostly stock phrases, which the
    /// common-phrase filter would then drop); long windows are at least `min_words` long.
    pub fn of(config: &SpanConfig) -> Winnowing {
        let kq = config.min_words;
        let kl = config.min_unquoted_words.max(kq);
        Winnowing {
            quoted: guaranteeing(kq, kq.saturating_sub(2).max(3)),
            long: guaranteeing(kl, kq),
        }
    }
}

/// `(k, w)` with `k + w - 1 = min`, `w` at most [`WINDOW`] and `k` at least `floor` (and at
/// most `min`).
pub(crate) fn guaranteeing(min: usize, floor: usize) -> (usize, usize) {
    let min = min.max(1);
    let k = (min + 1).saturating_sub(WINDOW).max(floor.min(min)).max(1);
    (k, min + 1 - k)
}

/// English function words, from the NLTK stopwords corpus (the file names its origin): a run
/// made mostly of them ("on the sidelines of the ... summit") is a stock phrase even when no
/// other article in a small corpus shows it to be common.
const FUNCTION_WORDS: &str = include_str!("function_words_en.txt");

/// The short word hashes of [`FUNCTION_WORDS`] (normalized as corpus words are), sorted for
/// binary search.
pub(crate) fn function_word_hashes() -> Vec<u32> {
    let mut buf = String::new();
    let mut v: Vec<u32> = FUNCTION_WORDS
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .map(|w| {
            crate::normalize::normalize_word(w, &mut buf);
            crate::shingle::short_word(crate::shingle::hash_normalized(&buf), false)
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Words of a run that are not function words.
pub(crate) fn content_words(run: &[u32], function: &[u32]) -> usize {
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

/// Multiplier of the rolling k-gram hash.
const ROLL: u64 = 0x100_0000_01b3;

/// A key of every `k`-word window of `words` (a rolling polynomial hash, finalized with
/// `fmix64` and `seed`, then cut to `K`), into `out`.
#[inline]
pub fn gram_keys<K: FingerprintKey>(words: &[u32], k: usize, seed: u64, out: &mut Vec<K>) {
    out.clear();
    if k == 0 || words.len() < k {
        return;
    }
    let top = (1..k).fold(1u64, |p, _| p.wrapping_mul(ROLL));
    let mut h = 0u64;
    for &w in &words[..k] {
        h = h.wrapping_mul(ROLL).wrapping_add(w as u64 + 1);
    }
    out.push(K::from_hash(fmix64(h ^ seed)));
    for i in k..words.len() {
        h = h.wrapping_sub((words[i - k] as u64 + 1).wrapping_mul(top));
        h = h.wrapping_mul(ROLL).wrapping_add(words[i] as u64 + 1);
        out.push(K::from_hash(fmix64(h ^ seed)));
    }
}

/// The fingerprints of the `k`-word windows of `words` (seeded with [`QUOTED_SEED`]) for
/// windows that lie wholly between quotation marks (`quoted[i]` per word), `K::MAX` for the
/// others, so that winnowing never picks them.
pub fn quoted_gram_keys<K: FingerprintKey>(
    words: &[u32],
    quoted: &[bool],
    k: usize,
    out: &mut Vec<K>,
) {
    gram_keys(words, k, QUOTED_SEED, out);
    let mut inside = 0usize;
    for (i, q) in quoted.iter().enumerate() {
        inside = if *q { inside + 1 } else { 0 };
        if i + 1 >= k && inside < k {
            out[i + 1 - k] = K::MAX;
        }
    }
}

/// Winnows precomputed window keys: the rightmost smallest key of every `window`
/// consecutive ones, as `(key, position)`; positions holding `K::MAX` are never chosen.
#[inline]
pub fn winnow_keys<K: FingerprintKey>(hashes: &[K], window: usize, out: &mut Vec<(K, u32)>) {
    out.clear();
    if hashes.is_empty() {
        return;
    }
    let window = window.clamp(1, hashes.len());
    let mut last: Option<usize> = None;
    // The window's rightmost minimum, kept as the window slides: only when it leaves the
    // window is the window scanned again (the classic winnowing loop, linear on average).
    let mut m = 0;
    for start in 0..=hashes.len() - window {
        let end = start + window - 1;
        if start == 0 || m < start {
            m = start;
            for i in start..=end {
                if hashes[i] <= hashes[m] {
                    m = i;
                }
            }
        } else if hashes[end] <= hashes[m] {
            m = end;
        }
        if hashes[m] != K::MAX && last != Some(m) {
            out.push((hashes[m], m as u32));
            last = Some(m);
        }
    }
}

/// Winnowed fingerprints of the `k`-word windows of `words`: `(hash, position)` pairs.
#[cfg(test)]
pub(crate) fn winnow(words: &[u32], k: usize, window: usize, out: &mut Vec<(u32, u32)>) {
    let mut hashes = Vec::new();
    gram_keys(words, k, 0, &mut hashes);
    winnow_keys(&hashes, window, out);
}

/// Occurrences of one `k`-word window in the first text from which [`common_runs`] seeds
/// runs: a window repeated more often than this (degenerate text such as "ha ha ha ...") seeds
/// only from its first and last `MAX_SEEDS / 2` occurrences. That keeps the comparison linear
/// instead of quadratic in the repetition; a run that starts inside such a repetition may be
/// found shorter than it is. [`find_runs`] counts the pairs where the cap applied.
pub(crate) const MAX_SEEDS: usize = 16;

/// Maximal common runs of at least `min` words between two word sequences, seeded at shared
/// `k`-word windows: `(start_a, start_b, length)`.
#[cfg(test)]
pub(crate) fn common_runs(a: &[u32], b: &[u32], k: usize, min: usize) -> Vec<(u32, u32, u32)> {
    common_runs_capped(a, b, k, min).0
}

/// [`common_runs`], and whether a window of `a` was too frequent to seed from everywhere
/// (see [`MAX_SEEDS`]).
pub(crate) fn common_runs_capped(
    a: &[u32],
    b: &[u32],
    k: usize,
    min: usize,
) -> (Vec<(u32, u32, u32)>, bool) {
    if k == 0 || a.len() < k || b.len() < k {
        return (Vec::new(), false);
    }
    let mut ha = Vec::new();
    gram_keys(a, k, 0, &mut ha);
    let mut index: Vec<(u32, u32)> = ha.iter().enumerate().map(|(i, &h)| (h, i as u32)).collect();
    index.sort_unstable();
    let mut hb = Vec::new();
    gram_keys(b, k, 0, &mut hb);
    let mut runs = Vec::new();
    let mut capped = false;
    let mut j = 0;
    while j + k <= b.len() {
        let mut best: Option<(u32, u32, u32)> = None;
        let from = index.partition_point(|x| x.0 < hb[j]);
        let to = from + index[from..].partition_point(|x| x.0 == hb[j]);
        let same = &index[from..to];
        let seeds = if same.len() > MAX_SEEDS {
            capped = true;
            let half = MAX_SEEDS / 2;
            same[..half].iter().chain(&same[same.len() - half..])
        } else {
            same.iter().chain(&same[..0])
        };
        for &(_, i) in seeds {
            let i = i as usize;
            if a[i..i + k] != b[j..j + k] {
                continue; // a hash collision
            }
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
        match best {
            Some(r) => {
                runs.push(r);
                j += r.2 as usize;
            }
            None => j += 1,
        }
    }
    (runs, capped)
}

/// Span groups, and how many text pairs were compared under the [`MAX_SEEDS`] cap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FoundRuns {
    /// The groups of shared runs.
    pub groups: Vec<SpanGroup>,
    /// Text pairs whose comparison was capped.
    pub capped_pairs: u64,
    /// Distinct text pairs sharing a fingerprint that is not a common phrase, before the
    /// outlet filter: the work of the search, for projecting its cost.
    pub candidate_pairs: u64,
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
    /// Texts of paragraphs that quote another message line by line (`> ...`).
    pub line_quoted: &'a [bool],
    /// Paragraphs outside the store carrying a fingerprint, keyed by the fingerprint
    /// zero-extended (see [`CorpusStore::outside_phrases`]); a fingerprint counts as common when
    /// either count is.
    pub outside: &'a HashMap<u64, u32>,
}

/// How a fingerprint's window was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tag {
    /// Inside quotation marks.
    MarkQuoted,
    /// On `>`-quoted lines (a reply).
    LineQuoted,
    /// A window of plain text matching a line-quoted one.
    Plain,
    /// A long window anywhere.
    Long,
}

impl Tag {
    /// Which fingerprints may make a candidate pair: two quotations of the same words, a reply
    /// and what it quotes, or two long runs.
    pub fn pairs_with(self, other: Tag) -> bool {
        use Tag::*;
        matches!(
            (self, other),
            (MarkQuoted, MarkQuoted) | (LineQuoted, _) | (_, LineQuoted) | (Long, Long)
        ) && !(matches!(self, Long) ^ matches!(other, Long))
    }
}

/// Seed of the fingerprints of quoted windows (and of the plain windows matched against a
/// reply's).
pub const QUOTED_SEED: u64 = 0x7175_6f74_6564_3031;
/// Seed of the fingerprints of long windows.
pub const LONG_SEED: u64 = 0x6c6f_6e67_7275_6e31;

/// Texts fingerprinted together by one task of [`find_runs`].
const PRINT_CHUNK: usize = 4096;
/// Partitions of the span fingerprints (by their top bits), grouped one after the other: on
/// a large corpus the fingerprints take hundreds of megabytes, and sorting them all at once
/// held them twice.
const PARTS: usize = 8;

/// A packed fingerprint of keys `K`: key, text, tag (see [`pack`]).
type Print<K> = <K as FingerprintKey>::Joined;

/// One chunk's fingerprints, split by partition.
struct Parts<K: FingerprintKey>([Vec<Print<K>>; PARTS]);

impl<K: FingerprintKey> Default for Parts<K> {
    fn default() -> Self {
        Parts(std::array::from_fn(|_| Vec::new()))
    }
}

impl<K: FingerprintKey> Parts<K> {
    /// Adds fingerprints, each to its partition (the top bits of its key).
    fn extend(&mut self, prints: &[Print<K>]) {
        let shift = K::BITS.bits() - PARTS.trailing_zeros();
        for &x in prints {
            self.0[(K::split(x).0.widen() >> shift) as usize].push(x);
        }
    }

    fn shrink(&mut self) {
        self.0.iter_mut().for_each(Vec::shrink_to_fit);
    }
}

/// Buffers reused from text to text while fingerprinting.
struct PrintScratch<K> {
    hashes: Vec<K>,
    winnowed: Vec<(K, u32)>,
    quoted: Vec<bool>,
}

impl<K> Default for PrintScratch<K> {
    fn default() -> Self {
        PrintScratch {
            hashes: Vec::new(),
            winnowed: Vec::new(),
            quoted: Vec::new(),
        }
    }
}

/// Appends one text's packed fingerprints, with scratch buffers.
type PrintText<'a, K> = dyn Fn(TextId, &mut PrintScratch<K>, &mut Vec<Print<K>>) + Sync + 'a;

/// The fingerprints of the texts `0..n_texts` that are `eligible`, computed a chunk of texts
/// at a time in parallel by `print` (which appends one text's packed fingerprints),
/// deduplicated per text and split by partition.
fn chunked_prints<K: FingerprintKey>(
    n_texts: usize,
    eligible: &(dyn Fn(TextId) -> bool + Sync),
    print: &PrintText<'_, K>,
) -> Vec<Parts<K>> {
    (0..n_texts.div_ceil(PRINT_CHUNK))
        .into_par_iter()
        .map_init(PrintScratch::default, |scratch, c| {
            let mut parts = Parts::default();
            let mut v: Vec<Print<K>> = Vec::new();
            let texts = (c * PRINT_CHUNK) as TextId..((c + 1) * PRINT_CHUNK).min(n_texts) as TextId;
            for t in texts.filter(|&t| eligible(t)) {
                v.clear();
                print(t, scratch, &mut v);
                v.sort_unstable();
                v.dedup();
                parts.extend(&v);
            }
            parts.shrink();
            parts
        })
        .collect()
}

/// A fingerprint as one sortable word: hash, text, tag (sorted in that order). The text and
/// tag take the low 32 bits (a text id in 30 bits), under a key of either width.
fn pack<K: FingerprintKey>(hash: K, text: TextId, tag: Tag) -> Print<K> {
    hash.join(text << 2 | tag as u32)
}

/// The inverse of [`pack`].
fn unpack<K: FingerprintKey>(x: Print<K>) -> (K, TextId, Tag) {
    let (hash, low) = K::split(x);
    let tag = match low & 3 {
        0 => Tag::MarkQuoted,
        1 => Tag::LineQuoted,
        2 => Tag::Plain,
        _ => Tag::Long,
    };
    (hash, low >> 2, tag)
}

/// Finds groups of shared runs between texts of different outlets: quotations of at least
/// `min_words` words (every word of the run between quotation marks in both texts) and other
/// runs of at least `min_unquoted_words`.
///
/// Two kinds of fingerprints keep this cheap: winnowed `min_words`-word windows lying wholly
/// inside quotations, and winnowed `min_unquoted_words`-word windows anywhere. Stock phrases and
/// shorter unquoted repeats never become candidate pairs.
///
/// Fingerprints are as wide as the store's keys (`fingerprint.key_bits`, which the store keeps).
pub fn find_runs(store: &CorpusStore, facts: &TextFacts<'_>, config: &SpanConfig) -> FoundRuns {
    match store.texts.key_bits() {
        KeyBits::B32 => find_runs_keyed::<u32>(store, facts, config),
        KeyBits::B64 => find_runs_keyed::<u64>(store, facts, config),
    }
}

/// [`find_runs`] with fingerprints of type `K`.
fn find_runs_keyed<K: FingerprintKey>(
    store: &CorpusStore,
    facts: &TextFacts<'_>,
    config: &SpanConfig,
) -> FoundRuns {
    let texts = &store.texts;
    let kq = config.min_words;
    let function = function_word_hashes();
    let mut chunks = span_prints::<K>(store, facts, config);
    // 2. Candidate text pairs from fingerprints that are not common phrases, one partition
    // at a time.
    let mut pairs: Vec<(TextId, TextId)> = Vec::new();
    for part in 0..PARTS {
        let mut prints: Vec<Print<K>> =
            Vec::with_capacity(chunks.iter().map(|c| c.0[part].len()).sum());
        for c in &mut chunks {
            prints.extend_from_slice(&c.0[part]);
            c.0[part] = Vec::new();
        }
        prints.par_sort_unstable();
        candidate_pairs::<K>(&prints, facts, config, &mut pairs);
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    let candidate_pairs = pairs.len() as u64;
    // 3. Align each pair whose texts appear in different outlets.
    let compared: Vec<(Vec<(TextRun, TextRun)>, bool)> = pairs
        .par_iter()
        .filter(|&&(a, b)| {
            let (oa, ob) = ((facts.outlets)(a), (facts.outlets)(b));
            oa.iter().any(|x| ob.iter().any(|y| x != y))
        })
        .map(|&(a, b)| {
            let (runs, capped) = common_runs_capped(texts.words(a), texts.words(b), kq, kq);
            (
                shared_runs(store, facts, config, &function, (a, b), runs),
                capped,
            )
        })
        .collect();
    let capped_pairs = compared.iter().filter(|c| c.1).count() as u64;
    let found = compared.into_iter().flat_map(|c| c.0).collect();
    FoundRuns {
        groups: group_runs(found),
        capped_pairs,
        candidate_pairs,
    }
}

/// Step 1 of [`find_runs`]: the fingerprints of every eligible text, quoted windows (tagged
/// by how they are quoted) and long windows, packed and split by their top bits into `PARTS`
/// partitions per chunk of texts, so that grouping can sort one partition at a time.
fn span_prints<K: FingerprintKey>(
    store: &CorpusStore,
    facts: &TextFacts<'_>,
    config: &SpanConfig,
) -> Vec<Parts<K>> {
    let texts = &store.texts;
    let (kq, kl) = (
        config.min_words,
        config.min_unquoted_words.max(config.min_words),
    );
    let Winnowing {
        quoted: (wkq, wwq),
        long: (wkl, wwl),
    } = Winnowing::of(config);
    let eligible = |t: TextId| !facts.skip[t as usize] && texts.words(t).len() >= kq;
    assert!(
        texts.len() < 1 << 30,
        "span fingerprints pack text ids in 30 bits"
    );
    let mut chunks = chunked_prints(texts.len(), &eligible, &|t, s, v| {
        let words = texts.words(t);
        // Quoted windows: positions whose k words are all quoted.
        s.quoted.clear();
        s.quoted
            .extend((0..words.len()).map(|i| texts.is_quoted(t, i)));
        if s.quoted.iter().filter(|&&q| q).count() >= kq {
            quoted_gram_keys(words, &s.quoted, wkq, &mut s.hashes);
            winnow_keys(&s.hashes, wwq, &mut s.winnowed);
            let tag = if facts.line_quoted[t as usize] {
                Tag::LineQuoted
            } else {
                Tag::MarkQuoted
            };
            v.extend(s.winnowed.iter().map(|&(h, _)| pack(h, t, tag)));
        }
        if words.len() >= kl {
            gram_keys(words, wkl, LONG_SEED, &mut s.hashes);
            winnow_keys(&s.hashes, wwl, &mut s.winnowed);
            v.extend(s.winnowed.iter().map(|&(h, _)| pack(h, t, Tag::Long)));
        }
    });
    // A reply quotes text that is plain in the post it answers: every window of every text
    // that matches a line-quoted fingerprint joins as plain text. (Only corpora with
    // `>`-quoted replies pay for this.)
    let mut probes: Vec<K> = chunks
        .iter()
        .flat_map(|c| c.0.iter().flatten())
        .map(|&x| unpack::<K>(x))
        .filter(|p| p.2 == Tag::LineQuoted)
        .map(|p| p.0)
        .collect();
    if !probes.is_empty() {
        probes.par_sort_unstable();
        probes.dedup();
        chunks.extend(chunked_prints(texts.len(), &eligible, &|t, s, v| {
            gram_keys(texts.words(t), wkq, QUOTED_SEED, &mut s.hashes);
            v.extend(
                s.hashes
                    .iter()
                    .filter(|h| probes.binary_search(h).is_ok())
                    .map(|&h| pack(h, t, Tag::Plain)),
            );
        }));
    }
    chunks
}

/// The runs `runs` (start in `a`, start in `b`, length) that texts `pair` = `(a, b)` share and
/// that count: enough content words, and long enough or quoted in both (or a reply's).
fn shared_runs(
    store: &CorpusStore,
    facts: &TextFacts<'_>,
    config: &SpanConfig,
    function: &[u32],
    (a, b): (TextId, TextId),
    runs: Vec<(u32, u32, u32)>,
) -> Vec<(TextRun, TextRun)> {
    let texts = &store.texts;
    let kl = config.min_unquoted_words.max(config.min_words);
    let quoted_share = |t: TextId, s: u32, e: u32| {
        (s..e).filter(|&i| texts.is_quoted(t, i as usize)).count() * 2 >= (e - s) as usize
    };
    let wa = texts.words(a);
    runs.into_iter()
        .filter(move |&(sa, sb, len)| {
            let content = content_words(&wa[sa as usize..(sa + len) as usize], function);
            let long = len as usize >= kl;
            // Both quote the same words, or one quotes the other line by line (a reply).
            let qa = quoted_share(a, sa, sa + len);
            let qb = quoted_share(b, sb, sb + len);
            let reply =
                (qa && facts.line_quoted[a as usize]) || (qb && facts.line_quoted[b as usize]);
            let quoted = (qa && qb) || reply;
            // A reply's `>` marks say outright that the words are taken, so the guard
            // against stock phrasing asks for half as many content words there.
            let min_content = if reply {
                config.min_content_words.div_ceil(2)
            } else {
                config.min_content_words
            };
            content >= min_content && (long || quoted)
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
        .collect()
}

/// Adds the candidate text pairs of one sorted partition of span fingerprints: texts that
/// share a fingerprint that is not a common phrase, with tags that may pair, and that are not
/// near-duplicates of each other.
fn candidate_pairs<K: FingerprintKey>(
    prints: &[Print<K>],
    facts: &TextFacts<'_>,
    config: &SpanConfig,
    pairs: &mut Vec<(TextId, TextId)>,
) {
    let (mut run, mut texts_in): (Vec<(K, TextId, Tag)>, Vec<TextId>) = (Vec::new(), Vec::new());
    for same_hash in prints.chunk_by(|&x, &y| K::split(x).0 == K::split(y).0) {
        if same_hash.len() < 2 {
            continue;
        }
        run.clear();
        run.extend(same_hash.iter().map(|&x| unpack(x)));
        texts_in.clear();
        texts_in.extend(run.iter().map(|x| x.1));
        texts_in.dedup();
        let local: usize = texts_in
            .iter()
            .map(|&t| facts.articles[t as usize] as usize)
            .sum();
        let outside = facts.outside.get(&run[0].0.widen());
        let df = local.max(outside.map_or(0, |&n| n as usize));
        if df > config.max_articles {
            continue;
        }
        for i in 0..run.len() {
            for j in i + 1..run.len() {
                let (a, b) = (run[i].1, run[j].1);
                if a == b || !run[i].2.pairs_with(run[j].2) {
                    continue;
                }
                let (ca, cb) = (facts.cluster[a as usize], facts.cluster[b as usize]);
                if ca != u32::MAX && ca == cb {
                    continue; // near-duplicates: reused as whole paragraphs, not as spans
                }
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
}

/// Merges overlapping runs of the same text and groups runs linked by a match.
pub(crate) fn group_runs(found: Vec<(TextRun, TextRun)>) -> Vec<SpanGroup> {
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
pub(crate) struct SpanMember {
    /// The paragraph (corpus-wide index).
    pub para: u32,
    /// First word in the paragraph.
    pub start_word: u32,
    /// One past the last word.
    pub end_word: u32,
}

/// The paragraphs carrying each run of a group, keeping only groups that still span two or
/// more outlets, and skipping paragraphs marked as furniture.
pub(crate) fn group_members(
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
/// offset in the article; `None` when the paragraph has fewer words. To place many runs in one
/// paragraph, split it once with [`word_bounds`] and use [`span_of_words`].
#[cfg(test)]
pub(crate) fn resolve(para_text: &str, base: u32, start: u32, end: u32) -> Option<ByteSpan> {
    span_of_words(&word_bounds(para_text), base, start, end)
}

/// The byte ranges of a paragraph's words, relative to the paragraph.
pub(crate) fn word_bounds(para_text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    crate::normalize::for_each_word(para_text, |s, w| {
        out.push((s as u32, (s + w.len()) as u32));
    });
    out
}

/// Byte range of words `[start, end)` from a paragraph's [`word_bounds`], offset by the
/// paragraph's position `base`; `None` when the words are not there.
pub(crate) fn span_of_words(
    bounds: &[(u32, u32)],
    base: u32,
    start: u32,
    end: u32,
) -> Option<ByteSpan> {
    if end <= start {
        return None;
    }
    let first = bounds.get(start as usize)?;
    let last = bounds.get(end as usize - 1)?;
    Some(ByteSpan {
        start: base + first.0,
        end: base + last.1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Winnowing by definition: every window scanned in full.
    fn winnow_by_definition(hashes: &[u32], window: usize) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        if hashes.is_empty() {
            return out;
        }
        let window = window.clamp(1, hashes.len());
        for start in 0..=hashes.len() - window {
            let mut m = start;
            for i in start..start + window {
                if hashes[i] <= hashes[m] {
                    m = i;
                }
            }
            if hashes[m] != u32::MAX && out.last().map(|x| x.1) != Some(m as u32) {
                out.push((hashes[m], m as u32));
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn sliding_winnow_is_winnowing(
            hashes in proptest::collection::vec(
                proptest::prop_oneof![0u32..6, proptest::strategy::Just(u32::MAX)],
                0..60,
            ),
            window in 1usize..8,
        ) {
            let mut out = Vec::new();
            winnow_keys(&hashes, window, &mut out);
            proptest::prop_assert_eq!(out, winnow_by_definition(&hashes, window));
        }
    }

    fn packs_round_trip_and_sort_at<K: FingerprintKey>(hashes: [K; 3]) {
        let tags = [Tag::MarkQuoted, Tag::LineQuoted, Tag::Plain, Tag::Long];
        let mut v: Vec<Print<K>> = Vec::new();
        for (i, &tag) in tags.iter().enumerate() {
            for (h, t) in [
                (K::MAX, (1 << 30) - 2),
                (hashes[0], 3),
                (hashes[0], 2),
                (hashes[1], 0),
                (hashes[2], 9),
            ] {
                let x = pack(h, t + i as u32 % 2, tag);
                assert_eq!(unpack::<K>(x), (h, t + i as u32 % 2, tag));
                v.push(x);
            }
        }
        let mut tuples: Vec<(K, TextId, Tag)> = v.iter().map(|&x| unpack(x)).collect();
        v.sort_unstable();
        tuples.sort_unstable();
        assert_eq!(
            v.iter().map(|&x| unpack::<K>(x)).collect::<Vec<_>>(),
            tuples
        );
    }

    #[test]
    fn packed_fingerprints_round_trip_and_sort_by_hash_then_text() {
        packs_round_trip_and_sort_at::<u32>([7, 0, 1 << 31]);
        packs_round_trip_and_sort_at::<u64>([7, 0, 1 << 63 | 1 << 40]);
    }

    #[test]
    fn narrow_gram_keys_are_the_top_half_of_wide_ones() {
        let words: Vec<u32> = (0..40).map(|i| i * 7919).collect();
        let (mut narrow, mut wide) = (Vec::<u32>::new(), Vec::<u64>::new());
        gram_keys(&words, 8, LONG_SEED, &mut narrow);
        gram_keys(&words, 8, LONG_SEED, &mut wide);
        assert_eq!(narrow.len(), 33);
        let tops: Vec<u32> = wide.iter().map(|&k| (k >> 32) as u32).collect();
        assert_eq!(narrow, tops);
        let mut hashes: Vec<u32> = Vec::new();
        gram_keys(&words, 8, LONG_SEED, &mut hashes);
        assert_eq!(hashes, narrow);
    }

    /// Texts in an outlet each: two sharing a 25-word run, two sharing a 10-word quotation,
    /// one unrelated; the runs found with keys `K`.
    fn runs_with_keys<K: FingerprintKey>() -> FoundRuns {
        let mut store = CorpusStore::with_key_bits(0, K::BITS);
        let plain = |r: std::ops::Range<u32>| r.map(|w| (w.wrapping_mul(2_654_435_761), false));
        let quoted = |r: std::ops::Range<u32>| r.map(|w| (w.wrapping_mul(2_654_435_761), true));
        let texts: Vec<Vec<(u32, bool)>> = vec![
            plain(0..10)
                .chain(plain(100..125))
                .chain(plain(10..20))
                .collect(),
            plain(500..505)
                .chain(plain(100..125))
                .chain(plain(600..610))
                .collect(),
            plain(700..705)
                .chain(quoted(300..310))
                .chain(plain(710..720))
                .collect(),
            plain(800..803)
                .chain(quoted(300..310))
                .chain(plain(810..820))
                .collect(),
            plain(900..960).collect(),
        ];
        for (i, t) in texts.iter().enumerate() {
            let (words, quotes): (Vec<u32>, Vec<bool>) = t.iter().copied().unzip();
            store
                .texts
                .push_with_quotes(i as u64 + 1, 0, &words, &quotes);
        }
        let n = texts.len();
        let (skip, cluster, articles) = (vec![false; n], vec![u32::MAX; n], vec![1; n]);
        let outside = HashMap::new();
        let facts = TextFacts {
            skip: &skip,
            cluster: &cluster,
            articles: &articles,
            outlets: &|t| vec![t],
            line_quoted: &vec![false; n],
            outside: &outside,
        };
        find_runs(&store, &facts, &SpanConfig::default())
    }

    #[test]
    fn both_key_widths_find_the_same_runs() {
        let narrow = runs_with_keys::<u32>();
        assert_eq!(narrow, runs_with_keys::<u64>());
        let r = |text, start, end| TextRun { text, start, end };
        let runs: Vec<Vec<TextRun>> = narrow.groups.into_iter().map(|g| g.runs).collect();
        assert_eq!(
            runs,
            vec![
                vec![r(0, 10, 35), r(1, 5, 30)],
                vec![r(2, 5, 15), r(3, 3, 13)]
            ]
        );
    }

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
    fn repeated_shingles_do_not_make_the_comparison_quadratic() {
        // 200k repeats of one word on both sides: all pairs of positions would be 4e10 steps.
        let mut a: Vec<u32> = vec![7; 200_000];
        a.extend(100..120);
        let mut b: Vec<u32> = (300..310).collect();
        b.extend(std::iter::repeat_n(7, 200_000));
        b.extend(100..120);
        let t = std::time::Instant::now();
        let (runs, capped) = common_runs_capped(&a, &b, 8, 8);
        assert!(capped);
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        // The run through the repetition into the shared tail is found whole.
        assert_eq!(runs, vec![(0, 10, 200_020)]);
        let (_, capped) = common_runs_capped(&a[199_990..], &b, 8, 8);
        assert!(!capped);
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
        assert_eq!(resolve(t, 0, 3, 3), None);
        assert_eq!(resolve(t, 0, 2, 50), None);
    }
}
