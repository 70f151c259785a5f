//! Cutting findings out of a corpus, with a log of every cut that restores the original.
//!
//! [`plan`] decides, from an [`Analysis`], what goes: every paragraph of the chosen kinds
//! (boilerplate and aggregator footers whole; of an internal duplicate group every member but
//! the first), and every article that is a later copy of another (`syndicated_article`,
//! `duplicate_article`: the group's origin stays). [`cut_ranges`] turns a plan into byte ranges
//! of one article's text, [`apply`] removes them and [`restore`] puts them back; the round trip
//! is exact by construction and checked by [`verify`].
//!
//! **How a cut treats line breaks.** A paragraph is cut with the whitespace that separates it
//! from the next paragraph, from the start of its line to the start of the next paragraph's
//! line, so `A\n\nCUT\n\nB` becomes `A\n\nB`. A cut at the end of the text instead takes the
//! separator before it (from the end of the previous paragraph's line), so `A\n\nCUT\n`
//! becomes `A\n`. Whitespace outside paragraphs is otherwise kept, and so is a front-matter
//! block. Every range starts and ends at a character boundary: at a paragraph boundary or
//! next to a `\n`.
//!
//! The driver [`write_clean`] streams the corpus once more, in input order, and writes each
//! article as one JSONL record and its cuts as removal-log lines; nothing is held in memory but
//! a batch of records. A JSONL record keeps all its fields, in order and byte for byte, except
//! the text field (the cleaned text) and, when it had to change, the id; a `.txt` article
//! becomes `{"id", "title", "source", "date", "url", "text"}` with the fields it has. Nothing
//! here decides what is boilerplate: that comes from the analysis.

use crate::analysis::Analysis;
use crate::classify::articles::ArticleLinks;
use crate::corpus::meta::{FieldNames, RawFields, raw_fields};
use crate::corpus::{Corpus, FileKind, RawRecord, RecordSink, parse_jsonl_record};
use crate::error::RecordError;
use crate::figures::grouped;
use crate::model::{ByteSpan, DeclKind, Finding, FindingKind, KindSet, Location, PerKind};
use crate::progress::Progress;
use crate::store::{ArticleRecord, Para};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};

/// The kinds `clean` removes unless told otherwise.
pub const DEFAULT_DROP: [CutKind; 5] = [
    CutKind::Finding(FindingKind::Boilerplate),
    CutKind::Finding(FindingKind::AggregatorFooter),
    CutKind::Finding(FindingKind::InternalDuplicate),
    CutKind::Caption,
    CutKind::Headline,
];

/// Most words of a caption: a longer paragraph holding a credit is the story's.
const CAPTION_WORDS: u32 = 60;

/// Whether `kind` can be dropped. Reused wording cannot: every carrier of a reused paragraph
/// is a member, the origin included, so cutting the finding would cut the original as well
/// (drop the later whole copies with `syndicated_article` instead).
pub fn droppable(kind: FindingKind) -> bool {
    kind != FindingKind::ReusedWording
}

/// Why a piece is cut: a finding of a dropped kind, or a picture's caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CutKind {
    /// A finding of this kind.
    Finding(FindingKind),
    /// A picture's caption: a short paragraph holding the picture's credit. It is the page's
    /// text, not the story's: a reader of the story skips it, and the article bodies that
    /// extraction benchmarks mark leave it out. It is no finding: the audit keeps captions as
    /// the story's lines and reports their credits as declared provenance.
    Caption,
    /// The headline at the top of the text: its first paragraph, when it reads as a headline
    /// above the story (3 to 25 words, no closing punctuation, prose under it), or a `.txt`
    /// file's title line. Like a caption it is no finding: the audit keeps it as the story's
    /// line.
    Headline,
}

impl CutKind {
    /// Its name in the removal log and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            CutKind::Finding(k) => k.name(),
            CutKind::Caption => "caption",
            CutKind::Headline => "headline",
        }
    }

    /// The kind named `s` (a droppable finding kind, or `caption`).
    pub fn parse(s: &str) -> Option<CutKind> {
        match s {
            "caption" => return Some(CutKind::Caption),
            "headline" => return Some(CutKind::Headline),
            _ => {}
        }
        FindingKind::parse(s).map(CutKind::Finding)
    }
}

impl Serialize for CutKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// What `clean` may cut: finding kinds, and captions or not.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DropSet {
    /// Finding kinds cut.
    pub kinds: KindSet,
    /// Whether captions are cut.
    pub captions: bool,
    /// Whether headlines are cut.
    pub headlines: bool,
}

impl DropSet {
    /// The set of `kinds`.
    pub fn of(kinds: &[CutKind]) -> DropSet {
        let mut d = DropSet::default();
        for k in kinds {
            match k {
                CutKind::Finding(f) => d.kinds.insert(*f),
                CutKind::Caption => d.captions = true,
                CutKind::Headline => d.headlines = true,
            }
        }
        d
    }
}

/// One paragraph (or part of one) to cut, before the article's text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlannedCut {
    /// The paragraph's index in its article.
    pub paragraph: u32,
    /// The bytes the finding covers (the whole paragraph for paragraph-level kinds).
    pub span: ByteSpan,
    /// Why it goes.
    pub kind: CutKind,
    /// The finding's id (its index in the findings, as in the JSON report); none for a
    /// caption.
    pub finding: Option<u32>,
}

/// What happens to one article.
#[derive(Clone, Debug, PartialEq)]
pub enum ArticlePlan {
    /// Paragraphs to cut, sorted by paragraph.
    Cut(Vec<PlannedCut>),
    /// The whole article goes: it is a later copy of another article.
    Drop {
        /// `syndicated_article` or `duplicate_article`.
        kind: FindingKind,
        /// The copy finding's id.
        finding: u32,
    },
}

/// What to cut from a corpus: the articles concerned, by article index, ascending.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// `(article index, what happens to it)`; articles not listed are written unchanged.
    pub articles: Vec<(u32, ArticlePlan)>,
    /// Whether each article's headline is cut too (judged on its text when it is read again).
    pub headlines: bool,
}

impl Plan {
    /// The plan for one article, if it has one.
    pub fn get(&self, article: u32) -> Option<&ArticlePlan> {
        self.articles
            .binary_search_by_key(&article, |(a, _)| *a)
            .ok()
            .map(|i| &self.articles[i].1)
    }

    /// Whether the article is dropped whole.
    pub fn drops(&self, article: u32) -> bool {
        matches!(self.get(article), Some(ArticlePlan::Drop { .. }))
    }
}

/// Decides what to cut: the findings of the `drop` kinds, keeping the first member of each
/// internal duplicate group that is not cut for another reason (a duplicate of a junk line,
/// such as a player's description repeating a sentence of the story, keeps the story's copy)
/// and the original of each copy.
pub fn plan(a: &Analysis, drop: DropSet) -> Plan {
    let (captions, headlines) = (drop.captions, drop.headlines);
    let drop = drop.kinds;
    let cut_anyway = cut_anyway(a, drop);
    let mut cuts: Vec<(u32, PlannedCut)> = Vec::new();
    let mut drops: Vec<(u32, FindingKind, u32)> = Vec::new();
    for (id, f) in a.classification.findings.iter().enumerate() {
        if !drop.contains(f.kind) || !droppable(f.kind) {
            continue;
        }
        let id = id as u32;
        match f.kind {
            FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle => {
                if let Some(copy) = copy_member(&a.classification.links, f) {
                    drops.push((copy, f.kind, id));
                }
            }
            _ => paragraph_cuts(f, id, &cut_anyway, &mut cuts),
        }
    }
    if captions {
        caption_cuts(a, &mut cuts);
    }
    drops.sort_unstable_by_key(|d| (d.0, d.1, d.2));
    drops.dedup_by_key(|d| d.0);
    // One cut per span: the first kind in report order wins (findings are sorted by kind).
    cuts.sort_by_key(|(art, c)| (*art, c.paragraph, c.span, c.kind, c.finding));
    cuts.dedup_by_key(|(art, c)| (*art, c.paragraph, c.span));
    Plan {
        articles: per_article(&drops, &cuts),
        headlines,
    }
}

/// Most words of a headline.
const HEADLINE_WORDS: std::ops::RangeInclusive<u32> = 3..=25;
/// Fewest words of the paragraph under a headline: the story's prose.
const PROSE_UNDER_HEADLINE: u32 = 12;

/// The headline of an article's text, to cut: the first paragraph no planned cut takes, when
/// it is a `.txt` file's title line (`title_first`), or reads as a headline above the story:
/// 3 to 25 words, no closing punctuation, no colon (a label and its value, "Tested by: …",
/// or a kicker, is the story's more often than a headline), and prose of 12 words or more in
/// the next paragraph no cut takes that holds a letter. Never the last paragraph left. A news
/// page's first line is its headline when an extractor keeps it, and the article bodies that
/// extraction benchmarks mark leave it out.
pub(crate) fn headline_cut(
    text: &str,
    paras: &[Para],
    planned: &[PlannedCut],
    title_first: bool,
) -> Option<PlannedCut> {
    let taken = |i: usize| planned.iter().any(|c| c.paragraph as usize == i);
    let mut left = (0..paras.len()).filter(|&i| !taken(i));
    let first = left.next()?;
    let p = &paras[first];
    let line = p.span.slice(text)?.trim();
    // The story stays: a headline goes only with a paragraph left under it. A count left
    // between them ("0" comments, "4 553" views) is not what is under it.
    let under = left.find(|&i| {
        paras[i]
            .span
            .slice(text)
            .is_some_and(|s| s.chars().any(char::is_alphabetic))
    })?;
    let shaped = HEADLINE_WORDS.contains(&p.words)
        && !line.contains(':')
        && !line.ends_with([
            ')', '"', '\'', '”', '’', '»', '.', '!', '?', '…', '。', '！', '？',
        ])
        && paras[under].words >= PROSE_UNDER_HEADLINE;
    (shaped || (title_first && first == 0)).then_some(PlannedCut {
        paragraph: first as u32,
        span: p.span,
        kind: CutKind::Headline,
        finding: None,
    })
}

/// The captions of every article: paragraphs of at most [`CAPTION_WORDS`] words holding a
/// photo credit the article declares ("Workers repair the pier on Monday. (AP Photo/Jo
/// Roe)"). A paragraph that a finding also cuts goes once, under the finding.
fn caption_cuts(a: &Analysis, cuts: &mut Vec<(u32, PlannedCut)>) {
    for (art, r) in a.store.articles.iter().enumerate() {
        let credits: Vec<ByteSpan> = r
            .declared
            .iter()
            .filter(|d| d.kind == DeclKind::PhotoCredit)
            .map(|d| d.span)
            .collect();
        if credits.is_empty() {
            continue;
        }
        for (i, p) in a.store.paras[r.paras()].iter().enumerate() {
            let holds = credits
                .iter()
                .any(|c| p.span.start <= c.start && c.end <= p.span.end);
            if holds && p.words <= CAPTION_WORDS && !(r.title_first && i == 0) {
                let cut = PlannedCut {
                    paragraph: i as u32,
                    span: p.span,
                    kind: CutKind::Caption,
                    finding: None,
                };
                cuts.push((art as u32, cut));
            }
        }
    }
}

/// Paragraph spans cut whatever their duplicates do: the members of the droppable paragraph
/// kinds other than internal duplicates, sorted, as `(article, paragraph, span)`.
fn cut_anyway(a: &Analysis, drop: KindSet) -> Vec<(u32, u32, ByteSpan)> {
    let mut out: Vec<(u32, u32, ByteSpan)> = a
        .classification
        .findings
        .iter()
        .filter(|f| {
            drop.contains(f.kind)
                && droppable(f.kind)
                && !matches!(
                    f.kind,
                    FindingKind::InternalDuplicate
                        | FindingKind::SyndicatedArticle
                        | FindingKind::DuplicateArticle
                )
        })
        .flat_map(|f| {
            f.members
                .iter()
                .filter_map(|m| m.paragraph.map(|p| (m.article.0, p, m.span)))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The member of an article-level finding that is the copy: the one whose copy link points at
/// another member (the original stays).
fn copy_member(links: &ArticleLinks, f: &Finding) -> Option<u32> {
    f.members
        .iter()
        .find(|m| {
            links
                .copies
                .binary_search_by_key(&m.article.0, |c| c.copy)
                .is_ok_and(|i| {
                    f.members
                        .iter()
                        .any(|o| o.article.0 == links.copies[i].original)
                })
        })
        .map(|m| m.article.0)
}

/// The cuts of a paragraph finding: every member, except that an internal duplicate keeps its
/// first occurrence that no other finding cuts.
fn paragraph_cuts(
    f: &Finding,
    id: u32,
    cut_anyway: &[(u32, u32, ByteSpan)],
    cuts: &mut Vec<(u32, PlannedCut)>,
) {
    let mut members: Vec<_> = f
        .members
        .iter()
        .filter_map(|m| m.paragraph.map(|p| (m.article.0, p, m.span)))
        .collect();
    members.sort_unstable();
    let keep = (f.kind == FindingKind::InternalDuplicate).then(|| {
        members
            .iter()
            .position(|m| cut_anyway.binary_search(m).is_err())
            .unwrap_or(0)
    });
    for (i, (art, paragraph, span)) in members.into_iter().enumerate() {
        if keep != Some(i) {
            let cut = PlannedCut {
                paragraph,
                span,
                kind: CutKind::Finding(f.kind),
                finding: Some(id),
            };
            cuts.push((art, cut));
        }
    }
}

/// Merges the sorted article drops and paragraph cuts into one plan per article; a dropped
/// article needs no cuts.
fn per_article(
    drops: &[(u32, FindingKind, u32)],
    cuts: &[(u32, PlannedCut)],
) -> Vec<(u32, ArticlePlan)> {
    let mut articles: Vec<(u32, ArticlePlan)> = Vec::new();
    let (mut di, mut ci) = (0, 0);
    while di < drops.len() || ci < cuts.len() {
        let next_drop = drops.get(di).map_or(u32::MAX, |d| d.0);
        let next_cut = cuts.get(ci).map_or(u32::MAX, |c| c.0);
        let art = next_drop.min(next_cut);
        let mut mine = Vec::new();
        while ci < cuts.len() && cuts[ci].0 == art {
            mine.push(cuts[ci].1);
            ci += 1;
        }
        if next_drop == art {
            let (_, kind, finding) = drops[di];
            di += 1;
            articles.push((art, ArticlePlan::Drop { kind, finding }));
        } else {
            articles.push((art, ArticlePlan::Cut(mine)));
        }
    }
    articles
}

mod cut;
mod verify;
mod write;

pub(crate) use cut::Cut;
pub use cut::{apply, cut_ranges, restore};
pub use verify::{VerifyReport, verify};
pub(crate) use write::Removal;
pub use write::{CleanSummary, RemovalOut, write_clean, write_summary};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{Layout, segment, segment_with};
    use proptest::prelude::*;

    fn whole(paras: &[ByteSpan], which: &[u32]) -> Vec<PlannedCut> {
        which
            .iter()
            .map(|&p| PlannedCut {
                paragraph: p,
                span: paras[p as usize],
                kind: CutKind::Finding(FindingKind::Boilerplate),
                finding: Some(p),
            })
            .collect()
    }

    /// Cuts paragraphs `which` of `text` read one paragraph a line.
    fn clean(text: &str, which: &[u32]) -> String {
        let paras = segment_with(text, 0, Layout::Lines);
        let cuts = cut_ranges(text, 0, &paras, &whole(&paras, which)).unwrap();
        apply(text, &cuts)
    }

    #[test]
    fn a_cut_takes_the_separator_after_it() {
        assert_eq!(clean("A\n\nCUT\n\nB\n", &[1]), "A\n\nB\n");
        assert_eq!(clean("A\nCUT\nB", &[1]), "A\nB");
        assert_eq!(clean("A\n\n  CUT\n\n  B\n", &[1]), "A\n\n  B\n");
        assert_eq!(clean("CUT\n\nA\n", &[0]), "A\n");
    }

    #[test]
    fn a_cut_at_the_end_takes_the_separator_before_it() {
        assert_eq!(clean("A\n\nCUT\n", &[1]), "A\n");
        assert_eq!(clean("A\n\nB\n\nC1\n\nC2", &[2, 3]), "A\n\nB");
        assert_eq!(clean("A\r\n\r\nCUT\r\n", &[1]), "A\r\n");
    }

    #[test]
    fn cutting_everything_leaves_the_surrounding_whitespace() {
        assert_eq!(clean("\nX\n\nY\n", &[0, 1]), "\n\n");
    }

    #[test]
    fn hard_wrapped_blocks_go_with_their_blank_line() {
        let t = "One line\nand two\n\nCut this\nblock too\n\nLast block\nof text\n";
        let paras = segment_with(t, 0, Layout::Blocks);
        let cuts = cut_ranges(t, 0, &paras, &whole(&paras, &[1])).unwrap();
        assert_eq!(
            apply(t, &cuts),
            "One line\nand two\n\nLast block\nof text\n"
        );
    }

    #[test]
    fn front_matter_stays() {
        let t = "---\nsource: x\n---\nCUT\nBody\n";
        let paras = segment_with(t, 17, Layout::Lines);
        let cuts = cut_ranges(t, 17, &paras, &whole(&paras, &[0])).unwrap();
        assert_eq!(apply(t, &cuts), "---\nsource: x\n---\nBody\n");
    }

    #[test]
    fn partial_cuts_remove_exact_bytes() {
        let t = "Alpha beta gamma\nNext";
        let paras = segment_with(t, 0, Layout::Lines);
        let planned = [PlannedCut {
            paragraph: 0,
            span: ByteSpan::new(6, 11),
            kind: CutKind::Finding(FindingKind::Boilerplate),
            finding: Some(0),
        }];
        let cuts = cut_ranges(t, 0, &paras, &planned).unwrap();
        assert_eq!(apply(t, &cuts), "Alpha gamma\nNext");
    }

    #[test]
    fn plans_that_do_not_fit_the_text_are_refused() {
        let t = "One\nTwo";
        let paras = segment(t, 0);
        let planned = [PlannedCut {
            paragraph: 5,
            span: ByteSpan::new(0, 3),
            kind: CutKind::Finding(FindingKind::Boilerplate),
            finding: Some(0),
        }];
        assert!(cut_ranges(t, 0, &paras, &planned).is_none());
        assert!(cut_ranges("On", 0, &paras, &[]).is_none());
    }

    #[test]
    fn restore_rejects_pieces_that_do_not_fit() {
        assert_eq!(restore("AB", &[(1, 2, "x")]).unwrap(), "AxB");
        assert!(restore("AB", &[(1, 3, "x")]).is_err());
        assert!(restore("AB", &[(5, 6, "x")]).is_err());
        assert!(restore("AB", &[(1, 2, "x"), (1, 2, "y")]).is_err());
    }

    proptest! {
        #[test]
        fn cleaned_plus_log_is_the_original(
            text in "[a-zé€𝄞 \t\n\r\u{a0}\u{2028}]{0,120}",
            mask in proptest::collection::vec(any::<bool>(), 0..40),
            partial in proptest::collection::vec((any::<u16>(), any::<u16>()), 0..3),
            blocks in any::<bool>(),
        ) {
            let paras = segment_with(&text, 0, if blocks { Layout::Blocks } else { Layout::Lines });
            let mut planned: Vec<PlannedCut> = paras
                .iter()
                .enumerate()
                .filter(|(i, _)| mask.get(*i).copied().unwrap_or(false))
                .map(|(i, &span)| PlannedCut {
                    paragraph: i as u32, span, kind: CutKind::Finding(FindingKind::Boilerplate), finding: Some(0),
                })
                .collect();
            // Partial cuts inside paragraphs, on character boundaries.
            for (i, (x, y)) in partial.iter().enumerate() {
                if paras.is_empty() {
                    break;
                }
                let p = i % paras.len();
                let s = &text[paras[p].range()];
                let bounds: Vec<usize> = s.char_indices().map(|(b, _)| b).chain([s.len()]).collect();
                let (mut a, mut b) = (bounds[*x as usize % bounds.len()], bounds[*y as usize % bounds.len()]);
                if a > b {
                    std::mem::swap(&mut a, &mut b);
                }
                if a == b {
                    continue;
                }
                let base = paras[p].start as usize;
                planned.push(PlannedCut {
                    paragraph: p as u32,
                    span: ByteSpan::new(base + a, base + b),
                    kind: CutKind::Finding(FindingKind::InternalDuplicate),
                    finding: Some(1),
                });
            }
            let cuts = cut_ranges(&text, 0, &paras, &planned).unwrap();
            let mut last = 0;
            for c in &cuts {
                prop_assert!(c.span.start as usize >= last && c.span.start < c.span.end);
                prop_assert!(text.is_char_boundary(c.span.start as usize));
                prop_assert!(text.is_char_boundary(c.span.end as usize));
                last = c.span.end as usize;
            }
            let cleaned = apply(&text, &cuts);
            let pieces: Vec<(u32, u32, &str)> =
                cuts.iter().map(|c| (c.span.start, c.span.end, &text[c.span.range()])).collect();
            prop_assert_eq!(restore(&cleaned, &pieces).unwrap(), text.clone());
            // Paragraphs planned whole are covered; paragraphs with no plan are untouched.
            for (i, p) in paras.iter().enumerate() {
                let mine: Vec<_> = planned.iter().filter(|c| c.paragraph as usize == i).collect();
                if mine.iter().any(|c| c.span == *p) {
                    prop_assert!(cuts.iter().any(|c| c.span.start <= p.start && p.end <= c.span.end));
                } else if mine.is_empty() {
                    prop_assert!(cuts.iter().all(|c| c.span.end <= p.start || p.end <= c.span.start));
                }
            }
        }
    }
}
