//! Comparing one stored paragraph text with a whole drop, fast enough to do for every text of
//! the index on every check.
//!
//! The drop's texts are keyed four ways ([`DropLookup`]): exact keys, masked keys, LSH band
//! keys, and span fingerprints. A stored text is then looked up ([`examine`]):
//!
//! * **Exact and masked keys**: one hash lookup each.
//! * **Near-duplicates**: the index keeps no band keys, and computing the audit's MinHash for
//!   every stored text (`bands × rows` permutations of every shingle) would cost seconds per
//!   gigabyte. Both sides are instead sketched here with *one-permutation* MinHash: each
//!   shingle hash falls into one of `bands × rows` bins by its high bits and the bin keeps
//!   the least low bits; an empty bin borrows from a full one chosen by its own probe sequence
//!   ("optimal" densification, Shrivastava 2017), and `rows` bins make a band key, as in the
//!   audit. A pair sharing a
//!   band key is verified with the audit's own [`compare`], so what is accepted is what the
//!   audit would accept; the chance of becoming a candidate follows the same `1 - (1 - J^r)^b`
//!   curve of shingle Jaccard `J`.
//! * **Shared runs of words**: the drop's span fingerprints are those the audit makes (see
//!   [`reprint_core::find_runs`]): winnowed hashes of long windows and of shorter
//!   windows lying wholly between quotation marks, sized by
//!   [`reprint_core::Winnowing`]. A
//!   stored text's long windows are all hashed (a rolling hash) and tested against a small bit
//!   filter; its quoted windows are winnowed as the audit winnows them. A fingerprint counts
//!   when the stored text's own winnowing selects it, with a tag that pairs with the drop's
//!   (two quotations, two long runs, or a reply and the text it quotes line by line): that is
//!   how the audit pairs texts and counts how common a phrase is.
//!
//! Band keys and span fingerprints are as wide as `fingerprint.key_bits` says: the lookup is
//! generic over the key type, as the audit's stages are.

use reprint_core::Engine;
use reprint_core::compare_texts;
use reprint_core::config::KeyBits;
use reprint_core::{CorpusStore, FingerprintKey, TextId};
use reprint_core::{LONG_SEED, QUOTED_SEED, Tag, gram_keys, quoted_gram_keys, winnow_keys};
use reprint_core::{chain, fmix64, for_each_shingle};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Drop texts verified per stored text at most (those sharing the most band keys).
const MAX_VERIFY: usize = 8;

/// A hasher for keys that are hashes already: one multiply spreads every bit to the top bits
/// the table probes with (band keys carry their band number in otherwise empty high bits).
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (v ^ (v >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    }
    fn write_u32(&mut self, v: u32) {
        self.0 = u64::from(v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A hash map keyed by values that are hashes already.
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A bit filter: no false negatives, few false positives.
struct Bits {
    words: Vec<u64>,
    mask: u64,
}

impl Bits {
    fn new(entries: usize) -> Bits {
        let bits = (entries * 16).next_power_of_two().max(1 << 12);
        Bits {
            words: vec![0; bits / 64],
            mask: bits as u64 - 1,
        }
    }

    fn insert(&mut self, h: u64) {
        let b = h & self.mask;
        self.words[(b >> 6) as usize] |= 1 << (b & 63);
    }

    #[inline]
    fn contains(&self, h: u64) -> bool {
        let b = h & self.mask;
        self.words[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }
}

/// Probes per empty bin in a [`Sketcher`]'s table before falling back to the next full bin:
/// a paragraph fills about half the bins, so four probes almost always find one.
const PROBES: usize = 4;

/// One-permutation MinHash band keys (see the module docs), with the densification probe
/// sequences computed once.
pub(crate) struct Sketcher {
    bands: usize,
    rows: usize,
    /// `PROBES` pseudo-random bins per bin, for empty bins to borrow from.
    probes: Vec<u16>,
}

/// Scratch space of a [`Sketcher`].
#[derive(Default)]
pub(crate) struct SketchScratch {
    bins: Vec<u32>,
    filled: Vec<bool>,
}

impl Sketcher {
    /// A sketcher of `bands` band keys of `rows` bins each (at most 65,536 bins).
    pub(crate) fn new(bands: usize, rows: usize) -> Sketcher {
        let n = bands * rows;
        let probes = (0..n as u64)
            .flat_map(|b| {
                (1..=PROBES as u64).map(move |a| {
                    let r = fmix64(b << 16 | a);
                    (((r >> 32) * n as u64) >> 32) as u16
                })
            })
            .collect();
        Sketcher {
            bands,
            rows,
            probes,
        }
    }

    /// The band keys of a text's shingle hashes, of width `K`, written into `keys` (none for a
    /// text without shingles); see [`lookup_band_key`].
    pub(crate) fn band_keys<K: FingerprintKey>(
        &self,
        shingles: &[u64],
        s: &mut SketchScratch,
        keys: &mut Vec<u64>,
    ) {
        let n = self.bands * self.rows;
        let (bins, filled) = (&mut s.bins, &mut s.filled);
        bins.clear();
        bins.resize(n, u32::MAX);
        filled.clear();
        filled.resize(n, false);
        for &h in shingles {
            let b = (((h >> 32) * n as u64) >> 32) as usize;
            let v = h as u32;
            if v <= bins[b] {
                bins[b] = v;
                filled[b] = true;
            }
        }
        keys.clear();
        if shingles.is_empty() {
            return;
        }
        // "Optimal" densification (Shrivastava 2017): an empty bin borrows from the first full
        // bin of its own pseudo-random probe sequence, so that the bins of one band borrow
        // from different bins and one shared shingle cannot fill a whole band.
        for b in 0..n {
            // Without branches on the (random) fill pattern: the bin itself when full, else
            // its first full probe.
            let probes = &self.probes[b * PROBES..(b + 1) * PROBES];
            let mut src = usize::MAX;
            for &p in probes.iter().rev() {
                let p = p as usize;
                src = if filled[p] { p } else { src };
            }
            src = if filled[b] { b } else { src };
            if src == usize::MAX {
                // A text with very few shingles: the next full bin.
                src = (1..n)
                    .map(|d| (b + d) % n)
                    .find(|&i| filled[i])
                    .unwrap_or(b);
            }
            bins[b] = bins[src];
        }
        for (band, chunk) in bins.chunks_exact(self.rows).enumerate() {
            let k = chain(
                0x6f70_6800 ^ band as u64,
                chunk.iter().map(|&v| u64::from(v)),
            );
            keys.push(lookup_band_key::<K>(band, k));
        }
    }
}

/// A band's key `k` (a 64-bit hash seeded with the band number) as the lookup maps it: a
/// 32-bit key takes the band number above it, so that keys of different bands never meet; a
/// 64-bit key is the whole hash (its seed already sets bands apart).
fn lookup_band_key<K: FingerprintKey>(band: usize, k: u64) -> u64 {
    match K::BITS {
        KeyBits::B32 => (band as u64) << 32 | K::from_hash(k).widen(),
        KeyBits::B64 => k,
    }
}

/// The drop's texts, keyed every way a stored text is compared with them, with span
/// fingerprints of type `K`.
pub(crate) struct DropLookup<'a, K: FingerprintKey> {
    store: &'a CorpusStore,
    keys: IdMap<u64, TextId>,
    masked: IdMap<u64, Vec<TextId>>,
    bands: IdMap<u64, Vec<TextId>>,
    band_filter: Bits,
    sketcher: Sketcher,
    /// Winnowed span fingerprints, with how each was found.
    prints: IdMap<K, Vec<Tag>>,
    long_filter: Bits,
    /// Fingerprints of drop texts that quote another message line by line, sorted: any window
    /// of a stored text matching one is the text quoted.
    line_probes: Vec<K>,
    /// Every quoted-seed window of the drop, sorted, for stored replies quoting the drop.
    windows: Vec<K>,
    shingle: usize,
    min_words: usize,
    /// The span windows, as the audit makes them.
    winnowing: reprint_core::Winnowing,
}

impl<'a, K: FingerprintKey> DropLookup<'a, K> {
    /// Keys the texts of the drop's store.
    pub(crate) fn new(store: &'a CorpusStore, engine: &Engine) -> DropLookup<'a, K> {
        let f = &engine.config.fingerprint;
        let sp = &engine.config.spans;
        let win = reprint_core::Winnowing::of(sp);
        let ((kq, wq), (kl, wl)) = (win.quoted, win.long);
        let mut lookup = DropLookup {
            store,
            keys: IdMap::default(),
            masked: IdMap::default(),
            bands: IdMap::default(),
            band_filter: Bits::new(0),
            sketcher: Sketcher::new(f.bands, f.rows),
            prints: IdMap::default(),
            long_filter: Bits::new(0),
            line_probes: Vec::new(),
            windows: Vec::new(),
            shingle: f.shingle,
            min_words: f.min_words,
            winnowing: win,
        };
        let texts = &store.texts;
        let line_quoted = line_quoted_texts(store);
        let (mut sh, mut keys, mut hashes, mut printed) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut scratch = SketchScratch::default();
        let mut add_print = |h: K, tag: Tag| {
            let v = lookup.prints.entry(h).or_default();
            if !v.contains(&tag) {
                v.push(tag);
            }
        };
        for t in 0..texts.len() as TextId {
            lookup.keys.insert(texts.keys[t as usize], t);
            let m = texts.masked[t as usize];
            if m != 0 {
                lookup.masked.entry(m).or_default().push(t);
            }
            let words = texts.words(t);
            if words.len() >= f.min_words {
                sh.clear();
                for_each_shingle(words, f.shingle, |h| sh.push(h));
                lookup.sketcher.band_keys::<K>(&sh, &mut scratch, &mut keys);
                for &k in &keys {
                    lookup.bands.entry(k).or_default().push(t);
                }
            }
            if words.len() >= kq {
                gram_keys(words, kq, QUOTED_SEED, &mut hashes);
                lookup.windows.extend_from_slice(&hashes);
                let quoted: Vec<bool> = (0..words.len()).map(|i| texts.is_quoted(t, i)).collect();
                if quoted.iter().filter(|&&q| q).count() >= kq {
                    quoted_gram_keys(words, &quoted, kq, &mut hashes);
                    winnow_keys(&hashes, wq, &mut printed);
                    let tag = if line_quoted[t as usize] {
                        Tag::LineQuoted
                    } else {
                        Tag::MarkQuoted
                    };
                    for &(h, _) in &printed {
                        add_print(h, tag);
                        if tag == Tag::LineQuoted {
                            lookup.line_probes.push(h);
                        }
                    }
                }
            }
            if words.len() >= kl {
                gram_keys(words, kl, LONG_SEED, &mut hashes);
                winnow_keys(&hashes, wl, &mut printed);
                for &(h, _) in &printed {
                    add_print(h, Tag::Long);
                }
            }
        }
        lookup.finish();
        lookup
    }

    /// Builds the filters of band keys and long prints, and sorts the probe lists.
    fn finish(&mut self) {
        self.band_filter = Bits::new(self.bands.len());
        for &k in self.bands.keys() {
            self.band_filter.insert(fmix64(k));
        }
        let long: Vec<K> = self
            .prints
            .iter()
            .filter(|(_, tags)| tags.contains(&Tag::Long))
            .map(|(&h, _)| h)
            .collect();
        self.long_filter = Bits::new(long.len());
        for h in long {
            self.long_filter.insert(fmix64(h.widen()));
        }
        for v in [&mut self.line_probes, &mut self.windows] {
            v.sort_unstable();
            v.dedup();
        }
    }

    /// Whether a stored fingerprint of `tag` pairs with a drop fingerprint `h`.
    fn pairs(&self, h: K, tag: Tag) -> bool {
        self.prints
            .get(&h)
            .is_some_and(|tags| tags.iter().any(|t| t.pairs_with(tag)))
    }
}

/// How a stored text matched the drop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Match {
    /// The same normalized text.
    Exact,
    /// The same text but for its numbers.
    Masked,
    /// A verified near-duplicate.
    Near,
}

/// What a stored text has in common with the drop.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct TextHits {
    /// The stored text.
    pub text: u32,
    /// Paragraphs of the index carrying it.
    pub n: u32,
    /// Drop texts it equals or nearly equals, with how.
    pub matches: Vec<(TextId, Match)>,
    /// Span fingerprints of the drop it carries, zero-extended to 64 bits whatever their
    /// width (as [`CorpusStore::outside_phrases`] keys them).
    pub prints: Vec<u64>,
}

/// Scratch space for one thread of a scan.
pub(crate) struct Scratch<K> {
    sh: Vec<u64>,
    hashes: Vec<K>,
    printed: Vec<(K, u32)>,
    sketch: SketchScratch,
    keys: Vec<u64>,
    found: Vec<TextId>,
}

impl<K> Default for Scratch<K> {
    fn default() -> Self {
        Scratch {
            sh: Vec::new(),
            hashes: Vec::new(),
            printed: Vec::new(),
            sketch: SketchScratch::default(),
            keys: Vec::new(),
            found: Vec::new(),
        }
    }
}

/// A stored text as [`examine`] sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stored<'w> {
    /// Its id.
    pub id: u32,
    /// Exact key.
    pub key: u64,
    /// Masked key (0 for none).
    pub masked: u64,
    /// Paragraphs of the index carrying it.
    pub n: u32,
    /// Its words (32-bit word hashes).
    pub words: &'w [u32],
    /// Per word, whether it is quoted (empty when none is).
    pub quoted: &'w [bool],
    /// Whether it quotes another message line by line.
    pub line_quoted: bool,
}

/// The drop texts that stored text `words` is a near-duplicate of (band keys shared, then
/// verified as the audit verifies), added to `hits`.
fn near_matches<K: FingerprintKey>(
    lookup: &DropLookup<'_, K>,
    engine: &Engine,
    words: &[u32],
    s: &mut Scratch<K>,
    hits: &mut TextHits,
) {
    if words.len() >= lookup.min_words {
        s.sh.clear();
        for_each_shingle(words, lookup.shingle, |h| s.sh.push(h));
        lookup
            .sketcher
            .band_keys::<K>(&s.sh, &mut s.sketch, &mut s.keys);
        s.found.clear();
        for band in &s.keys {
            if !lookup.band_filter.contains(fmix64(*band)) {
                continue;
            }
            if let Some(ds) = lookup.bands.get(band) {
                s.found.extend_from_slice(ds);
            }
        }
        if !s.found.is_empty() {
            s.found.sort_unstable();
            let mut counted: Vec<(usize, TextId)> = s
                .found
                .chunk_by(|a, b| a == b)
                .map(|r| (r.len(), r[0]))
                .collect();
            counted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let c = &engine.config;
            for &(_, d) in counted.iter().take(MAX_VERIFY) {
                let dw = lookup.store.texts.words(d);
                if compare_texts(dw, words, c.fingerprint.shingle, &c.verify).near {
                    hits.matches.push((d, Match::Near));
                }
            }
        }
    }
}

/// The span fingerprints of stored text `t` that pair with the drop's, made and paired as the
/// audit makes and pairs them, added to `hits`.
fn span_prints<K: FingerprintKey>(
    lookup: &DropLookup<'_, K>,
    t: &Stored<'_>,
    s: &mut Scratch<K>,
    hits: &mut TextHits,
) {
    let n = t.words.len();
    let words = t.words;
    let ((kq, wq), (kl, wl)) = (lookup.winnowing.quoted, lookup.winnowing.long);
    if n >= kl {
        gram_keys(words, kl, LONG_SEED, &mut s.hashes);
        let any = s
            .hashes
            .iter()
            .any(|&h| lookup.long_filter.contains(fmix64(h.widen())) && lookup.pairs(h, Tag::Long));
        if any {
            winnow_keys(&s.hashes, wl, &mut s.printed);
            for &(h, _) in &s.printed {
                if lookup.pairs(h, Tag::Long) {
                    hits.prints.push(h.widen());
                }
            }
        }
    }
    if t.quoted.iter().filter(|&&q| q).count() >= kq {
        quoted_gram_keys(words, t.quoted, kq, &mut s.hashes);
        winnow_keys(&s.hashes, wq, &mut s.printed);
        let tag = if t.line_quoted {
            Tag::LineQuoted
        } else {
            Tag::MarkQuoted
        };
        for &(h, _) in &s.printed {
            let quotes_the_drop =
                tag == Tag::LineQuoted && lookup.windows.binary_search(&h).is_ok();
            if lookup.pairs(h, tag) || quotes_the_drop {
                hits.prints.push(h.widen());
            }
        }
    }
    if !lookup.line_probes.is_empty() && n >= kq {
        // Plain text a drop reply quotes line by line.
        gram_keys(words, kq, QUOTED_SEED, &mut s.hashes);
        for &h in &s.hashes {
            if lookup.line_probes.binary_search(&h).is_ok() {
                hits.prints.push(h.widen());
            }
        }
    }
}

/// Whether each text of the store is carried by a line-quoted paragraph.
fn line_quoted_texts(store: &CorpusStore) -> Vec<bool> {
    let mut line_quoted = vec![false; store.texts.len()];
    for p in &store.paras {
        if p.has(reprint_core::Para::LINE_QUOTED) {
            line_quoted[p.text as usize] = true;
        }
    }
    line_quoted
}

/// Compares one stored text with the drop; `None` when it has nothing in common with it.
pub(crate) fn examine<K: FingerprintKey>(
    lookup: &DropLookup<'_, K>,
    engine: &Engine,
    t: Stored<'_>,
    s: &mut Scratch<K>,
) -> Option<TextHits> {
    let (key, masked, words) = (t.key, t.masked, t.words);
    let mut hits = TextHits {
        text: t.id,
        n: t.n,
        ..TextHits::default()
    };
    if let Some(&d) = lookup.keys.get(&key) {
        hits.matches.push((d, Match::Exact));
        return Some(hits);
    }
    if masked != 0
        && let Some(ds) = lookup.masked.get(&masked)
    {
        hits.matches.extend(ds.iter().map(|&d| (d, Match::Masked)));
    }
    near_matches(lookup, engine, words, s, &mut hits);
    span_prints(lookup, &t, s, &mut hits);
    hits.prints.sort_unstable();
    hits.prints.dedup();
    (!hits.matches.is_empty() || !hits.prints.is_empty()).then_some(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands_of<K: FingerprintKey>(words: &[u32]) -> Vec<u64> {
        let mut sh = Vec::new();
        for_each_shingle(words, 3, |h| sh.push(h));
        let mut keys = Vec::new();
        Sketcher::new(25, 4).band_keys::<K>(&sh, &mut SketchScratch::default(), &mut keys);
        keys
    }

    fn near_texts_share_band_keys_and_unrelated_ones_do_not_at<K: FingerprintKey>() {
        let a: Vec<u32> = (0..60).collect();
        let mut b = a.clone();
        b[30] = 999;
        let c: Vec<u32> = (1000..1060).collect();
        let (ka, kb, kc) = (bands_of::<K>(&a), bands_of::<K>(&b), bands_of::<K>(&c));
        assert_eq!(ka.len(), 25);
        let shared = |x: &[u64], y: &[u64]| x.iter().filter(|k| y.contains(k)).count();
        assert!(shared(&ka, &kb) >= 10, "{}", shared(&ka, &kb));
        assert_eq!(shared(&ka, &kc), 0);
        assert_eq!(bands_of::<K>(&a), ka, "deterministic");
    }

    #[test]
    fn near_texts_share_band_keys_and_unrelated_ones_do_not() {
        near_texts_share_band_keys_and_unrelated_ones_do_not_at::<u32>();
        near_texts_share_band_keys_and_unrelated_ones_do_not_at::<u64>();
        // The same bands are shared at both widths.
        let a: Vec<u32> = (0..60).collect();
        let mut b = a.clone();
        b[30] = 999;
        let shared_bands = |x: &[u64], y: &[u64]| -> Vec<usize> {
            (0..x.len()).filter(|&i| x[i] == y[i]).collect()
        };
        assert_eq!(
            shared_bands(&bands_of::<u32>(&a), &bands_of::<u32>(&b)),
            shared_bands(&bands_of::<u64>(&a), &bands_of::<u64>(&b))
        );
    }

    #[test]
    fn stored_texts_are_found_by_key_band_and_long_run() {
        found_by_key_band_and_long_run::<u32>();
        found_by_key_band_and_long_run::<u64>();
    }

    fn found_by_key_band_and_long_run<K: FingerprintKey>() {
        let mut config = reprint_core::config::Config::default();
        config.fingerprint.key_bits = K::BITS;
        let engine = Engine::new(config).unwrap();
        let mut store = CorpusStore::with_key_bits(engine.config.fingerprint.bands, K::BITS);
        let drop: Vec<u32> = (0..60).map(|i| i * 7919 + 2).collect();
        store.texts.push(1, 0, &drop);
        let lookup = DropLookup::<K>::new(&store, &engine);
        let mut s = Scratch::<K>::default();
        let stored = |words: &'static [u32]| Stored {
            id: 0,
            key: 9,
            masked: 0,
            n: 1,
            words,
            quoted: &[],
            line_quoted: false,
        };
        // The same text: by its key.
        let same = examine(
            &lookup,
            &engine,
            Stored {
                key: 1,
                ..stored(&[])
            },
            &mut s,
        )
        .unwrap();
        assert_eq!(same.matches, vec![(0, Match::Exact)]);
        // A word changed: a verified near-duplicate.
        let mut near = drop.clone();
        near[30] = 4242;
        let near: &'static [u32] = near.leak();
        let hits = examine(&lookup, &engine, stored(near), &mut s).unwrap();
        assert_eq!(hits.matches, vec![(0, Match::Near)]);
        // Thirty of its words among others: a shared run, not a near-duplicate.
        let run: Vec<u32> = (1000..1010)
            .chain(drop[10..40].iter().copied())
            .chain(2000..2030)
            .collect();
        let hits = examine(&lookup, &engine, stored(run.leak()), &mut s).unwrap();
        assert!(
            hits.matches.is_empty() && !hits.prints.is_empty(),
            "{hits:?}"
        );
        // Unrelated words: nothing.
        let other: Vec<u32> = (5000..5060).collect();
        assert!(examine(&lookup, &engine, stored(other.leak()), &mut s).is_none());
    }

    #[test]
    fn bit_filters_have_no_false_negatives() {
        let mut f = Bits::new(100);
        for h in 0..100u64 {
            f.insert(fmix64(h));
        }
        assert!((0..100u64).all(|h| f.contains(fmix64(h))));
        let false_hits = (100..10_100u64).filter(|&h| f.contains(fmix64(h))).count();
        assert!(false_hits < 1_000, "{false_hits}");
    }
}
