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
//! * **Shared runs of words**: a drop text's span fingerprints (winnowed hashes of
//!   `spans.min_words`-word windows, see [`crate::spans`]) are looked for at every window of
//!   the stored text. A cheap stand-in built from the shingle hashes that cover the window,
//!   tested against a small bit filter, spares the full window hash and the table lookup at
//!   almost every position. A fingerprint found counts when the stored text's own winnowing
//!   selects it too: that is how the audit pairs texts and counts how common a phrase is.

use crate::pipeline::Engine;
use crate::shingle::{chain, fmix64, for_each_shingle};
use crate::spans::{WINDOW, content_words, function_word_hashes, winnow};
use crate::store::{CorpusStore, TextId};
use crate::verify::compare;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// How many fewer content words than `spans.min_content_words` a span fingerprint's window may
/// have and still be looked for: the run it belongs to may be longer than the window.
const SPAN_CONTENT_SLACK: usize = 3;
/// Drop texts verified per stored text at most (those sharing the most band keys).
const MAX_VERIFY: usize = 8;

/// A hasher for keys that are hashes already: one multiply spreads every bit to the top bits
/// the table probes with (band keys carry their band number in otherwise empty high bits).
#[derive(Default)]
pub struct IdHasher(u64);

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
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

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
pub struct Sketcher {
    bands: usize,
    rows: usize,
    /// `PROBES` pseudo-random bins per bin, for empty bins to borrow from.
    probes: Vec<u16>,
}

/// Scratch space of a [`Sketcher`].
#[derive(Default)]
pub struct SketchScratch {
    bins: Vec<u32>,
    filled: Vec<bool>,
}

impl Sketcher {
    /// A sketcher of `bands` band keys of `rows` bins each (at most 65,536 bins).
    pub fn new(bands: usize, rows: usize) -> Sketcher {
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

    /// The band keys of a text's shingle hashes, written into `keys` as `band << 32 | key`
    /// (none for a text without shingles).
    pub fn band_keys(&self, shingles: &[u64], s: &mut SketchScratch, keys: &mut Vec<u64>) {
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
            keys.push((band as u64) << 32 | (k >> 32));
        }
    }
}

/// Where in a `span`-word window the `k`-word shingles that cover it start.
fn cover(span: usize, k: usize) -> Vec<usize> {
    let mut offs: Vec<usize> = (0..=span - k).step_by(k).collect();
    if offs.last() != Some(&(span - k)) {
        offs.push(span - k);
    }
    offs
}

/// The cheap stand-in of the window starting at shingle `i`.
#[inline]
fn window_stand_in(sh: &[u64], i: usize, offs: &[usize]) -> u64 {
    let mut h = 0u64;
    for &o in offs {
        h = h.rotate_left(23) ^ sh[i + o];
    }
    fmix64(h)
}

/// The drop's texts, keyed every way a stored text is compared with them.
pub struct DropLookup<'a> {
    store: &'a CorpusStore,
    keys: IdMap<u64, TextId>,
    masked: IdMap<u64, Vec<TextId>>,
    bands: IdMap<u64, Vec<TextId>>,
    band_filter: Bits,
    sketcher: Sketcher,
    prints: IdMap<u32, Vec<TextId>>,
    print_filter: Bits,
    /// Shingle offsets covering a span window; empty when windows are shorter than shingles.
    offs: Vec<usize>,
    shingle: usize,
    min_words: usize,
    span_words: usize,
}

impl<'a> DropLookup<'a> {
    /// Keys the texts of the drop's store.
    pub fn new(store: &'a CorpusStore, engine: &Engine) -> DropLookup<'a> {
        let f = &engine.config.fingerprint;
        let span_words = engine.config.spans.min_words;
        let mut lookup = DropLookup {
            store,
            keys: IdMap::default(),
            masked: IdMap::default(),
            bands: IdMap::default(),
            band_filter: Bits::new(0),
            sketcher: Sketcher::new(f.bands, f.rows),
            prints: IdMap::default(),
            print_filter: Bits::new(0),
            offs: if span_words >= f.shingle {
                cover(span_words, f.shingle)
            } else {
                Vec::new()
            },
            shingle: f.shingle,
            min_words: f.min_words,
            span_words,
        };
        let texts = &store.texts;
        // A run the audit reports has `min_content_words` words that are not function words;
        // a fingerprint whose window has far fewer would only bring stock phrases in.
        let function = function_word_hashes();
        let min_content = engine
            .config
            .spans
            .min_content_words
            .saturating_sub(SPAN_CONTENT_SLACK);
        let (mut printed, mut sh, mut keys) = (Vec::new(), Vec::new(), Vec::new());
        let mut scratch = SketchScratch::default();
        let mut stand_ins = Vec::new();
        for t in 0..texts.len() as TextId {
            lookup.keys.insert(texts.keys[t as usize], t);
            let m = texts.masked[t as usize];
            if m != 0 {
                lookup.masked.entry(m).or_default().push(t);
            }
            let words = texts.words(t);
            sh.clear();
            for_each_shingle(words, f.shingle, |h| sh.push(h));
            if words.len() >= f.min_words {
                lookup.sketcher.band_keys(&sh, &mut scratch, &mut keys);
                for &k in &keys {
                    lookup.bands.entry(k).or_default().push(t);
                }
            }
            if words.len() >= span_words {
                winnow(words, span_words, WINDOW, &mut printed);
                for &(h, pos) in &printed {
                    let window = &words[pos as usize..pos as usize + span_words];
                    if content_words(window, &function) < min_content {
                        continue;
                    }
                    let v = lookup.prints.entry(h).or_default();
                    if v.last() != Some(&t) {
                        v.push(t);
                    }
                    if !lookup.offs.is_empty() {
                        stand_ins.push(window_stand_in(&sh, pos as usize, &lookup.offs));
                    }
                }
            }
        }
        lookup.band_filter = Bits::new(lookup.bands.len());
        for &k in lookup.bands.keys() {
            lookup.band_filter.insert(fmix64(k));
        }
        lookup.print_filter = Bits::new(stand_ins.len());
        for h in stand_ins {
            lookup.print_filter.insert(h);
        }
        lookup
    }
}

/// How a stored text matched the drop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Match {
    /// The same normalized text.
    Exact,
    /// The same text but for its numbers.
    Masked,
    /// A verified near-duplicate.
    Near,
}

/// What a stored text has in common with the drop.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextHits {
    /// The stored text.
    pub text: u32,
    /// Paragraphs of the index carrying it.
    pub n: u32,
    /// Drop texts it equals or nearly equals, with how.
    pub matches: Vec<(TextId, Match)>,
    /// Span fingerprints of the drop it carries.
    pub prints: Vec<u32>,
}

/// Scratch space for one thread of a scan.
#[derive(Default)]
pub struct Scratch {
    sh: Vec<u64>,
    printed: Vec<(u32, u32)>,
    winnowed: Vec<u32>,
    sketch: SketchScratch,
    keys: Vec<u64>,
    found: Vec<TextId>,
}

/// A stored text as [`examine`] sees it.
#[derive(Clone, Copy, Debug)]
pub struct Stored<'w> {
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
}

/// Compares one stored text with the drop; `None` when it has nothing in common with it.
pub fn examine(
    lookup: &DropLookup<'_>,
    engine: &Engine,
    t: Stored<'_>,
    s: &mut Scratch,
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
    let (n, k, span) = (words.len(), lookup.shingle, lookup.span_words);
    if n >= lookup.min_words.min(span) {
        s.sh.clear();
        for_each_shingle(words, k, |h| s.sh.push(h));
    }
    if n >= lookup.min_words {
        lookup.sketcher.band_keys(&s.sh, &mut s.sketch, &mut s.keys);
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
                if compare(dw, words, c.fingerprint.shingle, &c.verify).near {
                    hits.matches.push((d, Match::Near));
                }
            }
        }
    }
    if n >= span {
        for i in 0..=n - span {
            if !lookup.offs.is_empty()
                && !lookup
                    .print_filter
                    .contains(window_stand_in(&s.sh, i, &lookup.offs))
            {
                continue;
            }
            let window = &words[i..i + span];
            let h = (chain(span as u64, window.iter().map(|&w| u64::from(w))) >> 32) as u32;
            if lookup.prints.contains_key(&h) {
                hits.prints.push(h);
            }
        }
        if !hits.prints.is_empty() {
            // The audit pairs texts, and counts how common a phrase is, through the
            // fingerprints each text's own winnowing selects: so does the check.
            winnow(words, span, WINDOW, &mut s.printed);
            s.winnowed.clear();
            s.winnowed.extend(s.printed.iter().map(|p| p.0));
            s.winnowed.sort_unstable();
            hits.prints.retain(|p| s.winnowed.binary_search(p).is_ok());
            hits.prints.sort_unstable();
            hits.prints.dedup();
        }
    }
    (!hits.matches.is_empty() || !hits.prints.is_empty()).then_some(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands_of(words: &[u32]) -> Vec<u64> {
        let mut sh = Vec::new();
        for_each_shingle(words, 3, |h| sh.push(h));
        let mut keys = Vec::new();
        Sketcher::new(25, 4).band_keys(&sh, &mut SketchScratch::default(), &mut keys);
        keys
    }

    #[test]
    fn near_texts_share_band_keys_and_unrelated_ones_do_not() {
        let a: Vec<u32> = (0..60).collect();
        let mut b = a.clone();
        b[30] = 999;
        let c: Vec<u32> = (1000..1060).collect();
        let (ka, kb, kc) = (bands_of(&a), bands_of(&b), bands_of(&c));
        assert_eq!(ka.len(), 25);
        let shared = |x: &[u64], y: &[u64]| x.iter().filter(|k| y.contains(k)).count();
        assert!(shared(&ka, &kb) >= 10, "{}", shared(&ka, &kb));
        assert_eq!(shared(&ka, &kc), 0);
        assert_eq!(bands_of(&a), ka, "deterministic");
    }

    #[test]
    fn windows_are_covered_by_their_shingles() {
        assert_eq!(cover(8, 3), vec![0, 3, 5]);
        assert_eq!(cover(9, 3), vec![0, 3, 6]);
        assert_eq!(cover(3, 3), vec![0]);
    }

    #[test]
    fn the_stand_in_filter_keeps_every_window_it_was_given() {
        let words: Vec<u32> = (0..40).map(|i| i * 7919).collect();
        let mut sh = Vec::new();
        for_each_shingle(&words, 3, |h| sh.push(h));
        let offs = cover(8, 3);
        let mut f = Bits::new(10);
        f.insert(window_stand_in(&sh, 12, &offs));
        assert!(f.contains(window_stand_in(&sh, 12, &offs)));
        let others = (0..=32)
            .filter(|&i| i != 12 && f.contains(window_stand_in(&sh, i, &offs)))
            .count();
        assert!(others <= 2, "{others}");
    }
}
