//! Aligned passages: reused wording that was edited on the way (a word changed every line, a
//! clause dropped or added), which breaks both the near-duplicate paragraph test and the
//! exact shared runs of [`crate::spans`].
//!
//! Candidate pairs of texts come from shared *rare* word n-grams
//! (winnowed fingerprints of [`SEED_WORDS`]-word windows, dropped when more than
//! `spans.max_articles` articles carry one), then the two word sequences are aligned locally
//! (Smith-Waterman over word ids: a match scores `+1`, a substitution, insertion or deletion
//! `-1`), in a band around the diagonals of the shared seeds so that the work per pair grows
//! with the length of the texts, not with their product. Each local alignment is a passage;
//! after the best one, the next is searched with the words already aligned left out, so a
//! passage whose clauses were reordered comes out as several passages.
//!
//! The functions here are pure: word ids in, passages in word positions out.
//! [`crate::attach_passages`] turns them into findings. What is *not* done: alignment across paragraph
//! boundaries (a passage lies inside one paragraph on each side), and paraphrase that keeps
//! no n-gram of [`SEED_WORDS`] words.

/// Words per seed n-gram.
pub(crate) const SEED_WORDS: usize = 5;
/// Seed n-grams per winnowing window: a run of `SEED_WORDS + SEED_WINDOW - 1` (8) identical
/// words is sure to give two texts a shared seed. A lightly revised passage (a word in ten
/// changed) keeps runs of about nine.
pub(crate) const SEED_WINDOW: usize = 4;
/// Seed of the n-gram hashes (distinct from the span fingerprints').
pub(crate) const ALIGN_SEED: u64 = 0x616c_6967_6e65_6431;
/// Half-width of the alignment band around a seed diagonal, in words: the net number of
/// insertions minus deletions a passage may accumulate.
pub(crate) const BAND: usize = 16;
/// Seed positions a band needs to be aligned: one shared 5-word phrase is a stock phrase as
/// often as not, while a passage of `align.min_words` with a few edits keeps a run of six
/// words or two separate runs of five.
pub(crate) const MIN_BAND_SEEDS: u32 = 2;
/// Passages looked for per band (a band holds more than one when a passage is split by an
/// edit too long to bridge, or a paragraph reuses two passages at the same offset).
pub(crate) const MAX_PASSAGES: usize = 4;

/// The score of one aligned column.
const MATCH: i32 = 1;
/// The score of a substitution, an insertion or a deletion.
const EDIT: i32 = -1;

/// A local alignment of two word sequences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Passage {
    /// First word in `a`.
    pub a_start: u32,
    /// One past the last word in `a`.
    pub a_end: u32,
    /// First word in `b`.
    pub b_start: u32,
    /// One past the last word in `b`.
    pub b_end: u32,
    /// Identical aligned words.
    pub matched: u32,
    /// Words of `a` aligned to a different word of `b`.
    pub substituted: u32,
    /// Words of `b` aligned to nothing in `a`.
    pub inserted: u32,
    /// Words of `a` aligned to nothing in `b`.
    pub deleted: u32,
}

impl Passage {
    /// Words of the passage in `a`.
    pub fn words_a(&self) -> u32 {
        self.a_end - self.a_start
    }

    /// Words of the passage in `b`.
    pub fn words_b(&self) -> u32 {
        self.b_end - self.b_start
    }

    /// Alignment similarity: `2 × matched / (words in a + words in b)`, 1 for an exact copy.
    pub fn similarity(&self) -> f32 {
        let n = self.words_a() + self.words_b();
        if n == 0 {
            return 0.0;
        }
        (2 * self.matched) as f32 / n as f32
    }

    /// Substitutions, insertions and deletions.
    pub fn edits(&self) -> u32 {
        self.substituted + self.inserted + self.deleted
    }

    /// The same passage seen from `b`: the two sides exchanged, insertions become deletions.
    fn swapped(self) -> Passage {
        Passage {
            a_start: self.b_start,
            a_end: self.b_end,
            b_start: self.a_start,
            b_end: self.a_end,
            inserted: self.deleted,
            deleted: self.inserted,
            ..self
        }
    }
}

/// One column of an alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// The same word on both sides.
    Match,
    /// A word of `a` replaced by a word of `b`.
    Substitute,
    /// A word of `b` only.
    Insert,
    /// A word of `a` only.
    Delete,
}

impl Op {
    /// The column seen from `b`.
    fn swapped(self) -> Op {
        match self {
            Op::Insert => Op::Delete,
            Op::Delete => Op::Insert,
            same => same,
        }
    }
}

/// What is kept as a passage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PassageRule {
    /// Least words of a passage on each side.
    pub min_words: u32,
    /// Least alignment similarity.
    pub min_similarity: f32,
    /// A passage shorter than this (on either side) is kept only when the passages of the
    /// pair together are nearly the whole of both paragraphs.
    pub long_words: u32,
    /// "Nearly whole": at most this many words of each paragraph outside the passage.
    pub max_rest_words: u32,
    /// Texts of at least this many words on both sides hold several sentences: a passage
    /// inside them stands alone whatever its length.
    pub long_paragraph_words: u32,
}

impl PassageRule {
    /// Whether `p` is long and similar enough to be a passage at all.
    pub fn admits(&self, p: &Passage) -> bool {
        p.words_a().min(p.words_b()) >= self.min_words && p.similarity() >= self.min_similarity
    }

    /// The least alignment score (matches minus edits) of an admissible passage: with `m`
    /// matches and similarity at least `s`, the edits are at most `2m(1 - s)/s`, and
    /// `m ≥ s × min_words`.
    pub fn min_score(&self) -> i32 {
        let s = self.min_similarity.clamp(0.01, 1.0);
        let m = s * self.min_words as f32;
        ((m - 2.0 * m * (1.0 - s) / s).floor() as i32).max(1)
    }

    /// Whether `p` is long enough to stand alone.
    pub fn is_long(&self, p: &Passage) -> bool {
        p.words_a().min(p.words_b()) >= self.long_words
    }

    /// The admitted passages of one pair of texts of `len_a` and `len_b` words that are kept:
    /// all of them when together they are nearly the whole of both texts (a paragraph
    /// rewritten, its clauses perhaps reordered) or when both texts hold several sentences (a
    /// sentence lifted among others), else only the long ones. Between two single sentences,
    /// a shared clause with a different rest is as often two reports stating different facts
    /// in one frame ("the company said revenue rose 5%" and "... profit fell") as it is
    /// lifted wording.
    pub fn select<T>(
        &self,
        mut found: Vec<(Passage, T)>,
        len_a: usize,
        len_b: usize,
    ) -> Vec<(Passage, T)> {
        found.retain(|(p, _)| self.admits(p));
        if len_a.min(len_b) >= self.long_paragraph_words as usize {
            return found;
        }
        let covered_a: usize = found.iter().map(|(p, _)| p.words_a() as usize).sum();
        let covered_b: usize = found.iter().map(|(p, _)| p.words_b() as usize).sum();
        let whole = len_a.saturating_sub(covered_a) <= self.max_rest_words as usize
            && len_b.saturating_sub(covered_b) <= self.max_rest_words as usize;
        if !whole {
            found.retain(|(p, _)| self.is_long(p));
        }
        found
    }
}

impl From<&crate::config::AlignConfig> for PassageRule {
    fn from(c: &crate::config::AlignConfig) -> PassageRule {
        PassageRule {
            min_words: c.min_words as u32,
            min_similarity: c.similarity,
            long_words: c.long_words as u32,
            max_rest_words: c.max_rest_words as u32,
            long_paragraph_words: c.long_paragraph_words as u32,
        }
    }
}

/// Where two texts share seeds along (nearly) one diagonal: a band to align.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SeedBand {
    /// `position in b - position in a` of the band's first seed.
    pub diagonal: i64,
    /// First word of `a` starting a seed in the band.
    pub first: usize,
    /// Last word of `a` starting a seed in the band.
    pub last: usize,
    /// Seed positions in the band.
    pub seeds: u32,
}

/// The bands of the `k`-word windows shared by `a` and `b`: seeds on diagonals less than
/// half a band apart are one band. Sorted by diagonal.
pub(crate) fn seed_bands(a: &[u32], b: &[u32], k: usize) -> Vec<SeedBand> {
    let (mut ha, mut hb) = (Vec::new(), Vec::new());
    crate::spans::gram_keys(a, k, ALIGN_SEED, &mut ha);
    crate::spans::gram_keys(b, k, ALIGN_SEED, &mut hb);
    let mut index: Vec<(u32, u32)> = ha.iter().enumerate().map(|(i, &h)| (h, i as u32)).collect();
    index.sort_unstable();
    let mut seeds: Vec<(i64, usize)> = Vec::new();
    for (j, h) in hb.iter().enumerate() {
        let from = index.partition_point(|x| x.0 < *h);
        // A window repeated many times in `a` seeds from its first occurrences only.
        for &(_, i) in index[from..]
            .iter()
            .take_while(|x| x.0 == *h)
            .take(MAX_REPEATS)
        {
            let i = i as usize;
            if a[i..i + k] == b[j..j + k] {
                seeds.push((j as i64 - i as i64, i));
            }
        }
    }
    seeds.sort_unstable();
    let mut bands: Vec<SeedBand> = Vec::new();
    for (d, i) in seeds {
        match bands.last_mut() {
            Some(band) if d - band.diagonal <= BAND as i64 / 2 => {
                band.first = band.first.min(i);
                band.last = band.last.max(i);
                band.seeds += 1;
            }
            _ => bands.push(SeedBand {
                diagonal: d,
                first: i,
                last: i,
                seeds: 1,
            }),
        }
    }
    bands
}

/// Occurrences of one seed window in `a` that [`seed_bands`] pairs with each occurrence in
/// `b`: degenerate repetition ("ha ha ha ...") must not make seeding quadratic.
const MAX_REPEATS: usize = 8;

/// Local alignments of `a` and `b` in the band of half-width [`BAND`] around `diagonal`: up to
/// [`MAX_PASSAGES`], best first, each leaving out the words of the ones before. Cost
/// `O(len(a) × BAND)` per passage.
pub(crate) fn align_band(
    a: &[u32],
    b: &[u32],
    diagonal: i64,
    min_score: i32,
) -> Vec<(Passage, Vec<Op>)> {
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut out = Vec::new();
    let mut grid = Band::default();
    for _ in 0..MAX_PASSAGES {
        let Some((p, ops)) = grid.best(a, b, diagonal, &used_a, &used_b) else {
            break;
        };
        if p.matched < 3 || (p.matched as i32 - p.edits() as i32) < min_score {
            break; // scores only fall from pass to pass: nothing admissible is left
        }
        used_a[p.a_start as usize..p.a_end as usize].fill(true);
        used_b[p.b_start as usize..p.b_end as usize].fill(true);
        out.push((p, ops));
    }
    out
}

/// The scores of a banded alignment, row by row (`rows × (2 × BAND + 1)`).
#[derive(Default)]
struct Band {
    cells: Vec<i32>,
}

impl Band {
    /// The best local alignment in the band avoiding used words, with its columns.
    // Stays long: the fill and the trace-back share the band's index closures over one cell
    // array (a hot loop).
    fn best(
        &mut self,
        a: &[u32],
        b: &[u32],
        diagonal: i64,
        used_a: &[bool],
        used_b: &[bool],
    ) -> Option<(Passage, Vec<Op>)> {
        let width = 2 * BAND + 1;
        let rows = a.len() + 1;
        self.cells.clear();
        self.cells.resize(rows * width, 0);
        // Cell (i, j) (prefix lengths) sits at column `j - i - diagonal + BAND` of row i.
        let col = |i: usize, j: usize| -> Option<usize> {
            let c = j as i64 - i as i64 - diagonal + BAND as i64;
            (0..width as i64).contains(&c).then_some(c as usize)
        };
        let at = |cells: &[i32], i: usize, j: usize| -> i32 {
            col(i, j).map_or(0, |c| cells[i * width + c])
        };
        let mut best = (0, 0usize, 0usize);
        for i in 1..rows {
            let lo = (i as i64 + diagonal - BAND as i64).max(1);
            let hi = (i as i64 + diagonal + BAND as i64).min(b.len() as i64);
            if used_a[i - 1] {
                continue; // the row stays 0: a passage never crosses a used word
            }
            // Rows i - 1 and i; within the band, cell (i - 1, j - 1) is the same column of
            // the row above, (i - 1, j) the next one and (i, j - 1) the previous one.
            let (above, row) = self.cells[(i - 1) * width..(i + 1) * width].split_at_mut(width);
            let word = a[i - 1];
            for j in lo..=hi {
                let j = j as usize;
                if used_b[j - 1] {
                    continue;
                }
                let c = (j as i64 - i as i64 - diagonal + BAND as i64) as usize;
                debug_assert_eq!(col(i, j), Some(c));
                let diag = above[c] + if word == b[j - 1] { MATCH } else { EDIT };
                let up = above.get(c + 1).copied().unwrap_or(0) + EDIT;
                let left = if c > 0 { row[c - 1] } else { 0 } + EDIT;
                let s = diag.max(up).max(left).max(0);
                row[c] = s;
                if s > best.0 {
                    best = (s, i, j);
                }
            }
        }
        if best.0 == 0 {
            return None;
        }
        // Trace back from the best cell to where the score started from zero.
        let (_, mut i, mut j) = best;
        let (end_a, end_b) = (i, j);
        let mut ops = Vec::new();
        while i > 0 && j > 0 && at(&self.cells, i, j) > 0 {
            let s = at(&self.cells, i, j);
            let same = a[i - 1] == b[j - 1];
            if s == at(&self.cells, i - 1, j - 1) + if same { MATCH } else { EDIT }
                && (same || at(&self.cells, i - 1, j - 1) > 0)
            {
                ops.push(if same { Op::Match } else { Op::Substitute });
                i -= 1;
                j -= 1;
            } else if s == at(&self.cells, i - 1, j) + EDIT {
                ops.push(Op::Delete);
                i -= 1;
            } else if s == at(&self.cells, i, j - 1) + EDIT {
                ops.push(Op::Insert);
                j -= 1;
            } else {
                // A first match, scored from zero.
                ops.push(Op::Match);
                i -= 1;
                j -= 1;
                break;
            }
        }
        ops.reverse();
        let mut p = Passage {
            a_start: i as u32,
            a_end: end_a as u32,
            b_start: j as u32,
            b_end: end_b as u32,
            ..Passage::default()
        };
        for op in &ops {
            match op {
                Op::Match => p.matched += 1,
                Op::Substitute => p.substituted += 1,
                Op::Insert => p.inserted += 1,
                Op::Delete => p.deleted += 1,
            }
        }
        Some((p, ops))
    }
}

/// Aligned passages of `a` and `b` kept by `rule`, sorted by position in `a`, from the
/// bands around their shared seeds; and whether the work cap cut the alignment short. The
/// alignment fills at most `max_cells` cells of the score table (a band costs its rows, from
/// a band's width before its first seed to a band's width after its last, times
/// `2 × BAND + 1`, per passage looked for).
pub(crate) fn passages(
    a: &[u32],
    b: &[u32],
    rule: &PassageRule,
    max_cells: usize,
) -> (Vec<(Passage, Vec<Op>)>, bool) {
    // Seeds are grouped into bands from one end of the diagonals, so the bands depend on which
    // text is `a`: the shorter one (then the lesser) always is, and the passages of two texts
    // are the same in whichever order they come.
    if (b.len(), b) < (a.len(), a) {
        let (found, capped) = oriented_passages(b, a, rule, max_cells);
        return (swapped(found), capped);
    }
    oriented_passages(a, b, rule, max_cells)
}

/// Passages of `b` and `a` as passages of `a` and `b`, sorted by position in `a`.
fn swapped(found: Vec<(Passage, Vec<Op>)>) -> Vec<(Passage, Vec<Op>)> {
    let mut out: Vec<(Passage, Vec<Op>)> = found
        .into_iter()
        .map(|(p, ops)| (p.swapped(), ops.into_iter().map(Op::swapped).collect()))
        .collect();
    out.sort_unstable_by_key(|x| x.0);
    out
}

/// [`passages`] with `a` as given.
fn oriented_passages(
    a: &[u32],
    b: &[u32],
    rule: &PassageRule,
    max_cells: usize,
) -> (Vec<(Passage, Vec<Op>)>, bool) {
    let width = 2 * BAND + 1;
    let min_score = rule.min_score();
    let mut budget = max_cells;
    let mut capped = false;
    let mut out: Vec<(Passage, Vec<Op>)> = Vec::new();
    for band in seed_bands(a, b, SEED_WORDS) {
        if band.seeds < MIN_BAND_SEEDS {
            continue;
        }
        let r0 = band.first.saturating_sub(BAND);
        let mut r1 = (band.last + SEED_WORDS + BAND).min(a.len());
        let cost = (r1 - r0) * width * MAX_PASSAGES;
        if cost > budget {
            capped = true;
            r1 = r0 + budget / (width * MAX_PASSAGES);
            if r1 <= r0 + rule.min_words as usize {
                break;
            }
        }
        budget -= (r1 - r0) * width * MAX_PASSAGES;
        for (mut p, ops) in align_band(&a[r0..r1], b, band.diagonal + r0 as i64, min_score) {
            p.a_start += r0 as u32;
            p.a_end += r0 as u32;
            if !rule.admits(&p) {
                continue;
            }
            // Bands overlap: keep a passage only once.
            let overlaps = out.iter().any(|(q, _)| {
                p.a_start < q.a_end
                    && q.a_start < p.a_end
                    && p.b_start < q.b_end
                    && q.b_start < p.b_end
            });
            if !overlaps {
                out.push((p, ops));
            }
        }
    }
    out.sort_unstable_by_key(|x| x.0);
    (rule.select(out, a.len(), b.len()), capped)
}

/// What the stage did, for `--timings` and the cap warnings.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AlignStats {
    /// Seconds spent finding the candidate pairs.
    pub seed_secs: f64,
    /// Passes over the seeds it took (one part of the hash space each).
    pub seed_passes: u32,
    /// Text pairs aligned.
    pub pairs: u64,
    /// Pairs aligned in part, their work over `align.max_cells`.
    pub capped_pairs: u64,
    /// Passages kept.
    pub passages: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> PassageRule {
        PassageRule {
            min_words: 15,
            min_similarity: 0.75,
            long_words: 25,
            max_rest_words: 5,
            long_paragraph_words: 50,
        }
    }

    #[test]
    fn a_lightly_edited_passage_is_aligned_with_its_edits() {
        let a: Vec<u32> = (0..40).collect();
        let mut b: Vec<u32> = (1000..1010).collect();
        // a[5..35] with one substitution, one deletion and one insertion.
        b.extend(5..12);
        b.push(999);
        b.extend(13..20);
        b.extend(21..28);
        b.push(998);
        b.extend(28..35);
        b.extend(2000..2010);
        let (ps, capped) = passages(&a, &b, &rule(), 1 << 22);
        assert!(!capped);
        assert_eq!(ps.len(), 1, "{ps:?}");
        let p = ps[0].0;
        assert_eq!((p.a_start, p.a_end), (5, 35));
        assert_eq!((p.b_start, p.b_end), (10, 40));
        assert_eq!((p.substituted, p.deleted, p.inserted), (1, 1, 1));
        assert_eq!(p.matched, 28);
        assert!(p.similarity() > 0.89);
    }

    #[test]
    fn reordered_clauses_come_out_as_two_passages() {
        let a: Vec<u32> = (0..60).collect();
        let mut b: Vec<u32> = Vec::new();
        b.extend(30..45);
        b.push(500);
        b.extend(46..60);
        b.extend(0..14);
        b.push(501);
        b.extend(15..30);
        let (ps, _) = passages(&a, &b, &rule(), 1 << 22);
        assert_eq!(ps.len(), 2, "{ps:?}");
        assert_eq!((ps[0].0.a_start, ps[0].0.a_end), (0, 30));
        assert_eq!((ps[1].0.a_start, ps[1].0.a_end), (30, 60));
    }

    #[test]
    fn unrelated_or_exact_text_is_not_a_passage() {
        let a: Vec<u32> = (0..50).collect();
        let b: Vec<u32> = (100..150).collect();
        assert!(passages(&a, &b, &rule(), 1 << 22).0.is_empty());
        // Too short a passage between two sentences that differ in the rest.
        let a: Vec<u32> = (0..40).collect();
        let c = embed(&a[10..28], 10);
        assert!(passages(&a, &c, &rule(), 1 << 22).0.is_empty());
    }

    /// `words` with its ninth word changed, between `pad` new words on each side.
    fn embed(words: &[u32], pad: u32) -> Vec<u32> {
        let mut c: Vec<u32> = (200..200 + pad).collect();
        c.extend_from_slice(words);
        c[pad as usize + 8] = 7777;
        c.extend(300..300 + pad);
        c
    }

    #[test]
    fn a_short_passage_stands_alone_inside_long_texts() {
        // A sentence lifted with an edit into a text of several sentences.
        let a: Vec<u32> = (0..120).collect();
        let c = embed(&a[50..68], 30);
        let ps = passages(&a, &c, &rule(), 1 << 22).0;
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!((ps[0].0.a_start, ps[0].0.a_end), (50, 68));
        // The same sentence in a text too short to hold several is not kept.
        assert!(passages(&a[40..80], &c, &rule(), 1 << 22).0.is_empty());
    }

    #[test]
    fn passages_do_not_depend_on_the_order_of_the_texts() {
        // A passage paraphrased with insertions and deletions that shift its diagonal, inside
        // a longer text: the seeds' bands differ with the side grouped from.
        let a: Vec<u32> = (0..40).collect();
        let mut b: Vec<u32> = (500..560).collect();
        let mut lifted: Vec<u32> = Vec::new();
        for (i, w) in (5..35).enumerate() {
            lifted.push(w);
            if i % 7 == 6 {
                lifted.push(900 + i as u32); // an inserted word every seven
            }
        }
        b.splice(20..20, lifted);
        let forward = passages(&a, &b, &rule(), 1 << 22);
        let backward = passages(&b, &a, &rule(), 1 << 22);
        assert!(!forward.0.is_empty());
        assert_eq!(forward.0, swapped(backward.0));
    }

    #[test]
    fn work_per_pair_is_banded() {
        // 20k words on each side, one shared diagonal: a full table would be 4e8 cells.
        let a: Vec<u32> = (0..20_000).collect();
        let mut b = a.clone();
        for i in (0..b.len()).step_by(10) {
            b[i] = 1_000_000 + i as u32;
        }
        let t = std::time::Instant::now();
        let (ps, _) = passages(&a, &b, &rule(), 1 << 22);
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        assert!(!ps.is_empty());
    }

    #[test]
    fn columns_describe_the_edits() {
        let a: Vec<u32> = (1..=16).collect();
        let mut b = a.clone();
        b[5] = 60;
        let (p, ops) = align_band(&a, &b, 0, 1).remove(0);
        assert_eq!(p.substituted, 1);
        assert_eq!(ops[5], Op::Substitute);
        assert_eq!(ops.len(), 16);
    }
}
