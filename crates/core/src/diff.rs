//! Two articles side by side: their paragraphs aligned in order, and inside each aligned pair
//! the runs of words they share.
//!
//! Paragraphs are compared on their normalized words (the words of [`crate::normalize`], so
//! case, typographic quotes and punctuation between words do not count). A pair of paragraphs
//! *matches* when the word-level diff (the `similar` crate's Myers diff over word hashes) gives
//! a similarity of at least [`DiffConfig::min_similarity`], or when they share a run of at least
//! [`DiffConfig::min_run_words`] words (a quote or a caption reused inside otherwise different
//! paragraphs). The alignment keeps the order of both articles: among the matching pairs it
//! picks the in-order chain sharing the most words (a heaviest increasing subsequence, so the
//! cost grows with the number of matching pairs, not with the product of paragraph counts once
//! candidates are found). Matching pairs that cross the chain are kept as
//! [`Alignment::elsewhere_a`] / [`Alignment::elsewhere_b`] notes ("moved").
//!
//! Inside an aligned pair, the word diff gives the pair's [`Edits`]: the runs the two share,
//! and between them the words of A that B deletes and the words B inserts (see [`Piece`]), as
//! byte ranges into each article's text, from the first word's first byte to the last word's
//! last byte (the punctuation between words of a run is part of it). [`Original`] says which
//! article came first. Nothing here knows about kinds, reads files or renders; the renderers
//! (`reprint-report`'s `diff_text` and `html`) do.

use crate::align::{Op, Passage, PassageRule};
use crate::model::Declaration;
use crate::model::{ArticleIdx, ArticleMeta, ByteSpan, Evidence, Finding, FindingKind, KindSet};
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::collections::HashMap;
use std::ops::Range;

mod edits;
mod original;

pub use edits::{Edits, Mark, Piece, inline};
pub use original::{Original, Which};

/// How paragraphs are matched and which shared runs are marked.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffConfig {
    /// Least word-diff similarity (`2 × shared words / (words of a + words of b)`) for two
    /// paragraphs to match. Default `0.5`.
    pub min_similarity: f32,
    /// A shared run of at least this many words makes two paragraphs match whatever their
    /// similarity. Default `8` (the default of `spans.min_words`).
    pub min_run_words: usize,
    /// In a pair at least this similar, every shared word is shown as shared; below it only
    /// runs of [`DiffConfig::min_mark_words`] or more, shorter ones being part of the edits
    /// around them. Default `0.8`.
    pub mark_all_above: f32,
    /// Shortest shared run shown as shared in a pair below [`DiffConfig::mark_all_above`].
    /// Default `3`.
    pub min_mark_words: usize,
    /// Which aligned passages (reused wording with edits) are shown with their edits; the
    /// audit's `[align]` rule. `None` shows none.
    pub passages: Option<PassageRule>,
}

impl Default for DiffConfig {
    fn default() -> Self {
        DiffConfig {
            min_similarity: 0.5,
            min_run_words: 8,
            mark_all_above: 0.8,
            min_mark_words: 3,
            passages: Some(PassageRule::from(&crate::config::AlignConfig::default())),
        }
    }
}

impl DiffConfig {
    /// Sets [`DiffConfig::min_similarity`].
    pub fn min_similarity(mut self, x: f32) -> Self {
        self.min_similarity = x;
        self
    }

    /// Sets [`DiffConfig::passages`].
    pub fn passages(mut self, rule: Option<PassageRule>) -> Self {
        self.passages = rule;
        self
    }

    /// Sets [`DiffConfig::min_run_words`].
    pub fn min_run_words(mut self, n: usize) -> Self {
        self.min_run_words = n;
        self
    }
}

/// One side of a diff: an article's text and its paragraphs.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// The article's text; spans point into it.
    pub text: &'a str,
    /// Its paragraphs, in order.
    pub paras: &'a [ByteSpan],
}

/// Two aligned paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct PairDiff {
    /// Paragraph index in article A.
    pub a: u32,
    /// Paragraph index in article B.
    pub b: u32,
    /// Word-diff similarity in `[0, 1]`.
    pub similarity: f32,
    /// Words the two share (in order).
    pub shared_words: u32,
    /// What changed from A's paragraph to B's, word by word.
    pub edits: Edits,
}

impl PairDiff {
    /// The shared runs, as bytes of A, in order.
    pub fn shared_a(&self) -> impl Iterator<Item = ByteSpan> + '_ {
        self.edits.pieces.iter().filter_map(|p| match *p {
            Piece::Same { a, .. } => Some(a),
            Piece::Deleted(_) | Piece::Inserted(_) => None,
        })
    }

    /// The spans of A's paragraph that B deletes, in order.
    pub fn deleted(&self) -> Vec<ByteSpan> {
        self.edits
            .pieces
            .iter()
            .filter_map(|p| match *p {
                Piece::Deleted(a) => Some(a),
                Piece::Same { .. } | Piece::Inserted(_) => None,
            })
            .collect()
    }

    /// The spans of B's paragraph that B inserts, in order.
    pub fn inserted(&self) -> Vec<ByteSpan> {
        self.edits
            .pieces
            .iter()
            .filter_map(|p| match *p {
                Piece::Inserted(b) => Some(b),
                Piece::Same { .. } | Piece::Deleted(_) => None,
            })
            .collect()
    }
}

/// A row of the side-by-side view.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// Two aligned paragraphs.
    Pair(PairDiff),
    /// Paragraphs with no aligned partner between two pairs (either range may be empty).
    Gap {
        /// Paragraph indices of A.
        a: Range<u32>,
        /// Paragraph indices of B.
        b: Range<u32>,
    },
}

/// A paragraph that matches one on the other side out of order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Elsewhere {
    /// The matching paragraph on the other side.
    pub other: u32,
    /// Their similarity.
    pub similarity: f32,
}

/// The aligned view of two articles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// Rows in reading order.
    pub rows: Vec<Row>,
    /// For each paragraph of A left out of the chain, its best match in B, if any.
    pub elsewhere_a: Vec<Option<Elsewhere>>,
    /// For each paragraph of B left out of the chain, its best match in A, if any.
    pub elsewhere_b: Vec<Option<Elsewhere>>,
    /// Words of A.
    pub words_a: u32,
    /// Words of B.
    pub words_b: u32,
    /// Words shared by aligned pairs (each counted once per pair).
    pub shared_words: u32,
}

impl Alignment {
    /// The aligned pairs, in order.
    pub fn pairs(&self) -> impl Iterator<Item = &PairDiff> {
        self.rows.iter().filter_map(|r| match r {
            Row::Pair(p) => Some(p),
            Row::Gap { .. } => None,
        })
    }

    /// Similarity of the two articles: `2 × shared words / (words of A + words of B)`.
    pub fn similarity(&self) -> f32 {
        let total = self.words_a + self.words_b;
        if total == 0 {
            0.0
        } else {
            2.0 * self.shared_words as f32 / total as f32
        }
    }
}

/// An article as a diff renderer shows it.
#[derive(Clone, Debug)]
pub struct DiffArticle {
    /// Id, title, date, URL as read.
    pub meta: ArticleMeta,
    /// The outlet name, when known.
    pub outlet: Option<String>,
    /// Where it was read from (`path` or `path:line`).
    pub place: String,
    /// Its text.
    pub text: String,
    /// Its paragraphs.
    pub paras: Vec<ByteSpan>,
    /// Kinds per paragraph, as the pipeline classified them.
    pub kinds: Vec<KindSet>,
    /// What it declares about its sources.
    pub declared: Vec<Declaration>,
    /// Spans the audit found shared with the other article (shared word runs and photo
    /// credits, see [`shared_spans_between`]), marked in paragraphs that are not aligned.
    pub found: Vec<ByteSpan>,
}

impl DiffArticle {
    /// This article as a diff side.
    pub fn side(&self) -> Side<'_> {
        Side {
            text: &self.text,
            paras: &self.paras,
        }
    }

    /// The [`DiffArticle::found`] spans inside paragraph `p`, sorted and merged: what an
    /// unaligned paragraph marks (an aligned one shows its edits instead).
    pub fn found_in(&self, p: u32) -> Vec<ByteSpan> {
        let Some(&para) = self.paras.get(p as usize) else {
            return Vec::new();
        };
        let inside = self
            .found
            .iter()
            .filter(|s| s.start < para.end && para.start < s.end)
            .copied();
        ByteSpan::merge_all(inside.collect())
    }
}

/// The spans that span-level reuse findings (a shared run of words, a shared photo credit)
/// place in both article `x` and article `y`: `(spans in x, spans in y)`, each sorted. Empty
/// when `x == y`.
pub fn shared_spans_between(
    findings: &[Finding],
    x: ArticleIdx,
    y: ArticleIdx,
) -> (Vec<ByteSpan>, Vec<ByteSpan>) {
    let (mut sx, mut sy) = (Vec::new(), Vec::new());
    if x == y {
        return (sx, sy);
    }
    for f in findings {
        let spanned = matches!(
            f.evidence,
            Evidence::SharedSpan { .. }
                | Evidence::SharedCredit { .. }
                | Evidence::AlignedPassage { .. }
        );
        if f.kind != FindingKind::ReusedWording || !spanned {
            continue;
        }
        let has = |a: ArticleIdx| f.members.iter().any(|m| m.article == a);
        if !(has(x) && has(y)) {
            continue;
        }
        for m in &f.members {
            if m.article == x {
                sx.push(m.span);
            } else if m.article == y {
                sy.push(m.span);
            }
        }
    }
    (ByteSpan::merge_all(sx), ByteSpan::merge_all(sy))
}

/// Two articles and their alignment, which the renderers take.
#[derive(Clone, Debug)]
pub struct Diff {
    /// Article A (left).
    pub a: DiffArticle,
    /// Article B (right).
    pub b: DiffArticle,
    /// How their paragraphs align.
    pub alignment: Alignment,
    /// Passages aligned word by word with their edits, in A's order.
    pub passages: Vec<ShownPassage>,
    /// Which of the two is the original, by date.
    pub original: Original,
}

impl Diff {
    /// Aligns two articles.
    pub fn new(a: DiffArticle, b: DiffArticle, config: &DiffConfig) -> Diff {
        let alignment = align(a.side(), b.side(), config);
        let passages = match &config.passages {
            Some(rule) => aligned_passages(a.side(), b.side(), rule),
            None => Vec::new(),
        };
        let original = Original::of(a.meta.date.as_deref(), b.meta.date.as_deref());
        Diff {
            a,
            b,
            alignment,
            passages,
            original,
        }
    }

    /// The article on side `w`.
    pub fn side(&self, w: Which) -> &DiffArticle {
        match w {
            Which::A => &self.a,
            Which::B => &self.b,
        }
    }
}

/// An aligned passage between a paragraph of A and one of B, with its edits.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownPassage {
    /// Paragraph of A.
    pub a: u32,
    /// Paragraph of B.
    pub b: u32,
    /// Word positions and edit counts.
    pub passage: Passage,
    /// The passage's bytes in A's text.
    pub span_a: ByteSpan,
    /// The passage's bytes in B's text.
    pub span_b: ByteSpan,
    /// The passage in reading order: same words, then each edit as A's words (deleted) and
    /// B's (inserted); a substitution is both.
    pub pieces: Vec<Piece>,
}

/// Alignment work per paragraph pair (see [`crate::align::passages`]).
const MAX_CELLS: usize = 4_000_000;

/// Paragraph pairs aligned for passages at most: two very long articles are not compared
/// paragraph by paragraph beyond this (about a hundred paragraphs each).
const MAX_PASSAGE_PAIRS: usize = 10_000;

/// The aligned passages of two articles, paragraph pair by paragraph pair (the first
/// `MAX_PASSAGE_PAIRS` pairs in order).
pub(crate) fn aligned_passages(a: Side<'_>, b: Side<'_>, rule: &PassageRule) -> Vec<ShownPassage> {
    let (wa, wb) = (para_words(a), para_words(b));
    let ids = |w: &ParaWords| -> Vec<u32> { w.keys.iter().map(|&k| k as u32).collect() };
    let ib: Vec<Vec<u32>> = wb.iter().map(ids).collect();
    let mut out = Vec::new();
    let mut budget = MAX_PASSAGE_PAIRS;
    for (i, x) in wa.iter().enumerate() {
        let xa = ids(x);
        for (j, y) in wb.iter().enumerate() {
            if budget == 0 {
                return out;
            }
            budget -= 1;
            for (p, ops) in crate::align::passages(&xa, &ib[j], rule, MAX_CELLS).0 {
                let (Some(span_a), Some(span_b)) = (
                    word_range(&x.spans, p.a_start, p.a_end),
                    word_range(&y.spans, p.b_start, p.b_end),
                ) else {
                    continue;
                };
                out.push(ShownPassage {
                    a: i as u32,
                    b: j as u32,
                    passage: p,
                    span_a,
                    span_b,
                    pieces: edit_pieces(&x.spans, &y.spans, &p, &ops),
                });
            }
        }
    }
    out
}

/// The bytes from word `s` to word `e - 1`; `None` for no word.
fn word_range(spans: &[ByteSpan], s: u32, e: u32) -> Option<ByteSpan> {
    if s >= e {
        return None;
    }
    let first = spans.get(s as usize)?;
    let last = spans.get((e as usize).checked_sub(1)?)?;
    Some(ByteSpan {
        start: first.start,
        end: last.end,
    })
}

/// The pieces of a passage from its alignment columns.
fn edit_pieces(sa: &[ByteSpan], sb: &[ByteSpan], p: &Passage, ops: &[Op]) -> Vec<Piece> {
    let (mut i, mut j) = (p.a_start, p.b_start);
    let mut out = Vec::new();
    for same in ops.chunk_by(|x, y| (*x == Op::Match) == (*y == Op::Match)) {
        let (i0, j0) = (i, j);
        for op in same {
            match op {
                Op::Match | Op::Substitute => {
                    i += 1;
                    j += 1;
                }
                Op::Delete => i += 1,
                Op::Insert => j += 1,
            }
        }
        if same[0] == Op::Match {
            if let (Some(a), Some(b)) = (word_range(sa, i0, i), word_range(sb, j0, j)) {
                out.push(Piece::Same { a, b });
            }
        } else {
            out.extend(word_range(sa, i0, i).map(Piece::Deleted));
            out.extend(word_range(sb, j0, j).map(Piece::Inserted));
        }
    }
    out
}

/// A paragraph's words: byte range in the article text and hash of the normalized word.
#[derive(Debug, Default)]
struct ParaWords {
    spans: Vec<ByteSpan>,
    keys: Vec<u64>,
}

fn para_words(side: Side<'_>) -> Vec<ParaWords> {
    let mut buf = String::new();
    side.paras
        .iter()
        .map(|span| {
            let mut w = ParaWords::default();
            let Some(text) = span.slice(side.text) else {
                return w;
            };
            let base = span.start as usize;
            crate::normalize::for_each_word(text, |s, word| {
                w.spans.push(ByteSpan::new(base + s, base + s + word.len()));
                w.keys.push(crate::shingle::word_hash(word, &mut buf));
            });
            w
        })
        .collect()
}

/// Hashes of every run of `k` consecutive words.
fn runs_of(keys: &[u64], k: usize) -> Vec<u64> {
    if k == 0 || keys.len() < k {
        return Vec::new();
    }
    keys.windows(k)
        .map(|w| crate::shingle::chain(k as u64, w.iter().copied()))
        .collect()
}

/// Pairs `(i, j)` worth a word diff: their bags of words are similar enough for the diff to
/// reach `min_similarity` (the diff's similarity never exceeds the bags' Dice coefficient), or
/// they share a run of `min_run_words` words. Sorted.
fn candidates(a: &[ParaWords], b: &[ParaWords], config: &DiffConfig) -> Vec<(u32, u32)> {
    let sorted = |w: &[ParaWords]| -> Vec<Vec<u64>> {
        w.iter()
            .map(|p| {
                let mut k = p.keys.clone();
                k.sort_unstable();
                k
            })
            .collect()
    };
    let (sa, sb) = (sorted(a), sorted(b));
    let mut out = Vec::new();
    for (i, x) in sa.iter().enumerate() {
        if x.is_empty() {
            continue;
        }
        for (j, y) in sb.iter().enumerate() {
            if y.is_empty() {
                continue;
            }
            let dice = 2.0 * crate::shingle::common_count(x, y) as f32 / (x.len() + y.len()) as f32;
            if dice >= config.min_similarity {
                out.push((i as u32, j as u32));
            }
        }
    }
    let mut by_run: HashMap<u64, Vec<u32>> = HashMap::new();
    for (j, p) in b.iter().enumerate() {
        for h in runs_of(&p.keys, config.min_run_words) {
            by_run.entry(h).or_default().push(j as u32);
        }
    }
    for (i, p) in a.iter().enumerate() {
        for h in runs_of(&p.keys, config.min_run_words) {
            if let Some(js) = by_run.get(&h) {
                out.extend(js.iter().map(|&j| (i as u32, j)));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The word diff of two paragraphs.
struct Compared {
    similarity: f32,
    shared: usize,
    longest: usize,
    ops: Vec<DiffOp>,
}

fn compare(x: &ParaWords, y: &ParaWords) -> Compared {
    let ops = capture_diff_slices(Algorithm::Myers, &x.keys, &y.keys);
    let (mut shared, mut longest) = (0, 0);
    for op in &ops {
        if let DiffOp::Equal { len, .. } = *op {
            shared += len;
            longest = longest.max(len);
        }
    }
    Compared {
        similarity: similar::diff_ratio(&ops, x.keys.len(), y.keys.len()),
        shared,
        longest,
        ops,
    }
}

/// The edits of a compared pair: in a pair at least [`DiffConfig::mark_all_above`] similar
/// every shared word is shown as shared, below it only runs of
/// [`DiffConfig::min_mark_words`] or more.
fn pair_edits(x: &ParaWords, y: &ParaWords, c: &Compared, config: &DiffConfig) -> Edits {
    let min_same = if c.similarity >= config.mark_all_above {
        1
    } else {
        config.min_mark_words.max(1)
    };
    edits::word_edits(&x.spans, &y.spans, &c.ops, min_same)
}

/// The heaviest chain of pairs increasing in both coordinates. `pairs` is sorted by `(i, j)`;
/// returns indices into it, in order. Ties keep the chain found first, so the result depends
/// only on the input.
fn heaviest_chain(pairs: &[(u32, u32, u64)], m: usize) -> Vec<usize> {
    // Fenwick tree over j of (best weight, pair index) for chains ending at column < j.
    let mut tree: Vec<(u64, usize)> = vec![(0, usize::MAX); m + 1];
    let query = |tree: &[(u64, usize)], j: usize| {
        // Best over columns 0..j.
        let mut best = (0u64, usize::MAX);
        let mut k = j;
        while k > 0 {
            if tree[k].0 > best.0 {
                best = tree[k];
            }
            k &= k - 1;
        }
        best
    };
    let mut score = vec![0u64; pairs.len()];
    let mut prev = vec![usize::MAX; pairs.len()];
    let mut start = 0;
    while start < pairs.len() {
        let i = pairs[start].0;
        let end = start + pairs[start..].partition_point(|p| p.0 == i);
        // All queries of one row before its updates: no chain takes two pairs of one row.
        for x in start..end {
            let (_, j, w) = pairs[x];
            let (best, from) = query(&tree, j as usize);
            score[x] = best + w;
            prev[x] = from;
        }
        for x in start..end {
            let mut k = pairs[x].1 as usize + 1;
            while k <= m {
                if score[x] > tree[k].0 {
                    tree[k] = (score[x], x);
                }
                k += k & k.wrapping_neg();
            }
        }
        start = end;
    }
    let mut best = usize::MAX;
    for x in 0..pairs.len() {
        if best == usize::MAX || score[x] > score[best] {
            best = x;
        }
    }
    let mut chain = Vec::new();
    while best != usize::MAX {
        chain.push(best);
        best = prev[best];
    }
    chain.reverse();
    chain
}

/// Aligns the paragraphs of two articles and finds the shared spans of aligned pairs.
// Stays long: the in-order chain and the out-of-order matches share the matched list and
// its flags.
pub(crate) fn align(a: Side<'_>, b: Side<'_>, config: &DiffConfig) -> Alignment {
    let (wa, wb) = (para_words(a), para_words(b));
    let mut matched: Vec<(u32, u32, Compared)> = Vec::new();
    for (i, j) in candidates(&wa, &wb, config) {
        let c = compare(&wa[i as usize], &wb[j as usize]);
        if c.similarity >= config.min_similarity || c.longest >= config.min_run_words.max(1) {
            matched.push((i, j, c));
        }
    }
    let weighted: Vec<(u32, u32, u64)> = matched
        .iter()
        .map(|(i, j, c)| (*i, *j, c.shared as u64))
        .collect();
    let chain = heaviest_chain(&weighted, wb.len());

    let mut out = Alignment {
        elsewhere_a: vec![None; wa.len()],
        elsewhere_b: vec![None; wb.len()],
        words_a: wa.iter().map(|w| w.keys.len() as u32).sum(),
        words_b: wb.iter().map(|w| w.keys.len() as u32).sum(),
        ..Alignment::default()
    };
    let (mut ia, mut ib) = (0u32, 0u32);
    let mut in_chain = vec![false; matched.len()];
    for &x in &chain {
        in_chain[x] = true;
        let (i, j, c) = &matched[x];
        if ia < *i || ib < *j {
            out.rows.push(Row::Gap {
                a: ia..*i,
                b: ib..*j,
            });
        }
        out.shared_words += c.shared as u32;
        out.rows.push(Row::Pair(PairDiff {
            a: *i,
            b: *j,
            similarity: c.similarity,
            shared_words: c.shared as u32,
            edits: pair_edits(&wa[*i as usize], &wb[*j as usize], c, config),
        }));
        (ia, ib) = (i + 1, j + 1);
    }
    let (na, nb) = (wa.len() as u32, wb.len() as u32);
    if ia < na || ib < nb {
        out.rows.push(Row::Gap {
            a: ia..na,
            b: ib..nb,
        });
    }
    // Out-of-order matches of paragraphs left out of the chain.
    let aligned_a: Vec<bool> = {
        let mut v = vec![false; wa.len()];
        chain.iter().for_each(|&x| v[matched[x].0 as usize] = true);
        v
    };
    let aligned_b: Vec<bool> = {
        let mut v = vec![false; wb.len()];
        chain.iter().for_each(|&x| v[matched[x].1 as usize] = true);
        v
    };
    let better = |slot: &Option<Elsewhere>, s: f32| slot.is_none_or(|e| s > e.similarity);
    for (x, (i, j, c)) in matched.iter().enumerate() {
        if in_chain[x] {
            continue;
        }
        let (i, j) = (*i as usize, *j as usize);
        if !aligned_a[i] && better(&out.elsewhere_a[i], c.similarity) {
            out.elsewhere_a[i] = Some(Elsewhere {
                other: j as u32,
                similarity: c.similarity,
            });
        }
        if !aligned_b[j] && better(&out.elsewhere_b[j], c.similarity) {
            out.elsewhere_b[j] = Some(Elsewhere {
                other: i as u32,
                similarity: c.similarity,
            });
        }
    }
    out
}

/// Splits `span` of `text` into pieces, each marked or not, by the sorted `marks` (marks outside
/// the span are ignored; overlapping marks are merged). Pieces never split a character.
pub fn pieces<'t>(text: &'t str, span: ByteSpan, marks: &[ByteSpan]) -> Vec<(&'t str, bool)> {
    let mut out = Vec::new();
    let mut push = |start: u32, end: u32, marked: bool| {
        let t = ByteSpan { start, end }.slice(text).unwrap_or("");
        if !t.is_empty() {
            out.push((t, marked));
        }
    };
    let mut pos = span.start;
    for m in marks {
        let (s, e) = (m.start.max(pos), m.end.min(span.end));
        if s >= e {
            continue;
        }
        push(pos, s, false);
        push(s, e, true);
        pos = e;
    }
    push(pos, span.end, false);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn side_of(text: &str) -> (String, Vec<ByteSpan>) {
        (text.to_string(), segment(text, 0))
    }

    fn run(a: &str, b: &str) -> (Alignment, String, String) {
        let (ta, pa) = side_of(a);
        let (tb, pb) = side_of(b);
        let al = align(
            Side {
                text: &ta,
                paras: &pa,
            },
            Side {
                text: &tb,
                paras: &pb,
            },
            &DiffConfig::default(),
        );
        (al, ta, tb)
    }

    #[test]
    fn a_shared_credit_is_marked_across_punctuation() {
        let (al, ta, tb) = run(
            "Title one\n\nA caption about the summit.\n\nKenzaburo Fukuhara-Pool/Getty Images\n\nLeave a Comment\n",
            "Other title\n\nSomething else entirely here.\n\nKenzaburo Fukuhara/Pool/Getty Images\n",
        );
        let pairs: Vec<_> = al.pairs().collect();
        let credit = pairs
            .iter()
            .find(|p| p.a == 2)
            .expect("the credit lines align");
        assert_eq!(credit.b, 2);
        assert_eq!(credit.similarity, 1.0);
        let Piece::Same { a, b } = credit.edits.pieces[0] else {
            panic!("{:?}", credit.edits)
        };
        assert_eq!(a.slice(&ta), Some("Kenzaburo Fukuhara-Pool/Getty Images"));
        assert_eq!(b.slice(&tb), Some("Kenzaburo Fukuhara/Pool/Getty Images"));
        assert_eq!(credit.edits.pieces.len(), 1, "nothing changed");
    }

    #[test]
    fn alignment_keeps_order_and_notes_crossing_matches() {
        let p1 = "The council voted on Tuesday to extend the ferry timetable by two weeks.";
        let p2 = "Commuters had complained for months about the crowded morning crossings.";
        let p3 = "A spokesperson said the new timetable would be published on Friday morning.";
        let a = format!("{p1}\n\n{p2}\n\n{p3}\n");
        let b = format!("{p3}\n\n{p1}\n\nAn unrelated line of text here.\n\n{p2}\n");
        let (al, _, _) = run(&a, &b);
        let pairs: Vec<(u32, u32)> = al.pairs().map(|p| (p.a, p.b)).collect();
        assert_eq!(pairs, vec![(0, 1), (1, 3)]);
        assert_eq!(al.elsewhere_a[2].map(|e| e.other), Some(0));
        assert_eq!(al.elsewhere_b[0].map(|e| e.other), Some(2));
        // Every paragraph appears exactly once in the rows.
        let mut seen_a = Vec::new();
        let mut seen_b = Vec::new();
        for r in &al.rows {
            match r {
                Row::Pair(p) => {
                    seen_a.push(p.a);
                    seen_b.push(p.b);
                }
                Row::Gap { a, b } => {
                    seen_a.extend(a.clone());
                    seen_b.extend(b.clone());
                }
            }
        }
        assert_eq!(seen_a, vec![0, 1, 2]);
        assert_eq!(seen_b, vec![0, 1, 2, 3]);
    }

    #[test]
    fn an_edited_paragraph_shows_its_deletions_and_insertions() {
        let (al, ta, tb) = run(
            "The mayor said on Monday that the bridge would reopen in March after repairs.\n",
            "The mayor said on Monday that the bridge would reopen in April after long repairs.\n",
        );
        let p = al.pairs().next().expect("the paragraphs align");
        assert!(p.similarity > 0.8 && p.similarity < 1.0, "{}", p.similarity);
        let shown: Vec<String> = p
            .edits
            .pieces
            .iter()
            .map(|piece| match *piece {
                Piece::Same { a, b } => {
                    assert_eq!(a.slice(&ta), b.slice(&tb));
                    a.slice(&ta).unwrap_or("").to_string()
                }
                Piece::Deleted(a) => format!("-{}", a.slice(&ta).unwrap_or("")),
                Piece::Inserted(b) => format!("+{}", b.slice(&tb).unwrap_or("")),
            })
            .collect();
        assert_eq!(
            shown,
            vec![
                "The mayor said on Monday that the bridge would reopen in",
                "-March",
                "+April",
                "after",
                "+long",
                "repairs"
            ]
        );
        assert_eq!((p.edits.deleted_words, p.edits.inserted_words), (1, 2));
        let line = edits::bracketed(&ta, &tb, &p.edits.pieces);
        assert_eq!(
            line,
            "The mayor said on Monday that the bridge would reopen in [-March-]{+April+} after {+long+} repairs.\n"
        );
    }

    #[test]
    fn a_shared_quote_matches_otherwise_different_paragraphs() {
        let quote = "we will not accept any deal that leaves the harbour workers without pay";
        let (al, ta, _) = run(
            &format!("Union leaders met the minister. One said \"{quote}\" before leaving.\n"),
            &format!(
                "In a statement released late on Sunday evening after a long meeting with several officials of the port authority, the union repeated: {quote}.\n"
            ),
        );
        let p = al.pairs().next().expect("the quote makes them match");
        assert!(p.similarity < 0.8);
        assert!(
            p.shared_a()
                .any(|m| m.slice(&ta).is_some_and(|t| t.contains("harbour workers")))
        );
        // Below `mark_all_above`, the words the two happen to share outside the quote are part
        // of the edits: one shared run, the quote.
        assert_eq!(p.shared_a().count(), 1, "{:?}", p.edits);
    }

    #[test]
    fn unrelated_articles_have_no_pairs() {
        let (al, _, _) = run(
            "Rain is expected across the north on Thursday.\n\nSchools will stay open.\n",
            "The central bank left interest rates unchanged.\n\nMarkets barely moved.\n",
        );
        assert_eq!(al.pairs().count(), 0);
        assert_eq!(
            al.rows,
            vec![Row::Gap { a: 0..2, b: 0..2 }],
            "one gap holds everything"
        );
        assert_eq!(al.similarity(), 0.0);
    }

    #[test]
    fn heaviest_chain_prefers_weight_and_order() {
        // (0,1,w5) (1,0,w1) (1,2,w2) (2,3,w1): best chain 0-1, 1-2, 2-3 = 8.
        let pairs = [(0, 1, 5), (1, 0, 1), (1, 2, 2), (2, 3, 1)];
        assert_eq!(heaviest_chain(&pairs, 4), vec![0, 2, 3]);
        // Two pairs of one row are never both taken.
        let pairs = [(0, 0, 3), (0, 1, 3)];
        assert_eq!(heaviest_chain(&pairs, 2).len(), 1);
        assert!(heaviest_chain(&[], 0).is_empty());
    }

    #[test]
    fn spans_found_by_the_audit_are_kept_per_article() {
        use crate::model::Member;
        let m = |a: u32, s: usize, e: usize| Member {
            article: ArticleIdx(a),
            paragraph: Some(0),
            span: ByteSpan::new(s, e),
        };
        let f = |members: Vec<Member>, evidence: Evidence| Finding {
            kind: FindingKind::ReusedWording,
            members,
            score: 1.0,
            evidence,
            origin: None,
            cross_outlet: Some(true),
        };
        let findings = vec![
            f(
                vec![m(0, 10, 20), m(0, 15, 30), m(3, 5, 9), m(7, 1, 2)],
                Evidence::SharedSpan {
                    words: 8,
                    quoted: false,
                },
            ),
            f(
                vec![m(0, 40, 50), m(7, 1, 2)],
                Evidence::SharedCredit {
                    outlet: "AP".into(),
                },
            ),
        ];
        let (a, b) = shared_spans_between(&findings, ArticleIdx(0), ArticleIdx(3));
        assert_eq!(a, vec![ByteSpan::new(10, 30)]);
        assert_eq!(b, vec![ByteSpan::new(5, 9)]);
        let (a, _) = shared_spans_between(&findings, ArticleIdx(0), ArticleIdx(7));
        assert_eq!(a, vec![ByteSpan::new(10, 30), ByteSpan::new(40, 50)]);
        assert!(
            shared_spans_between(&findings, ArticleIdx(0), ArticleIdx(0))
                .0
                .is_empty()
        );
    }

    #[test]
    fn pieces_split_on_marks() {
        let t = "abc déf ghi";
        let span = ByteSpan::new(0, t.len());
        let marks = [ByteSpan::new(4, 8)];
        assert_eq!(
            pieces(t, span, &marks),
            vec![("abc ", false), ("déf", true), (" ghi", false)]
        );
        assert_eq!(pieces(t, span, &[]), vec![(t, false)]);
    }
}
