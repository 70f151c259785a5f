//! Byte-level scores: labelled ranges of a kind, and reused wording below paragraph level,
//! against the ranges of findings, both cut to paragraph bytes.

use super::examples::{Examples, Items};
use super::labels::Labels;
use super::metrics::{Prf, Share, covered, intersect, merge, overlap};
use super::origins::earliest;
use super::{KindScore, Level, Resolver, ReuseScores};
use reprint_core::Analysis;
use reprint_core::model::{ByteSpan, Evidence, Finding, FindingKind, Member};
use std::collections::BTreeMap;

/// Merged ranges per article.
pub(super) type ByteMap = BTreeMap<u32, Vec<ByteSpan>>;

pub(super) fn to_map(spans: impl IntoIterator<Item = (u32, ByteSpan)>) -> ByteMap {
    let mut m: ByteMap = BTreeMap::new();
    for (art, s) in spans {
        m.entry(art).or_default().push(s);
    }
    for v in m.values_mut() {
        *v = merge(std::mem::take(v));
    }
    m
}

/// The article's paragraph bytes.
pub(super) fn para_bytes(a: &Analysis, art: u32) -> Vec<ByteSpan> {
    let rec = &a.store.articles[art as usize];
    merge(rec.paras().map(|p| a.store.paras[p].span).collect())
}

/// The members of a finding that carry reused text: all of a reuse finding's, and the shared
/// paragraphs of a copy relation (its members after the pair), which hold the reuse copy
/// relations explain.
pub(super) fn reuse_members(f: &Finding) -> &[Member] {
    if f.kind == FindingKind::ReusedWording {
        &f.members
    } else if f.is_copy_relation() {
        f.members.get(2..).unwrap_or(&[])
    } else {
        &[]
    }
}

/// The ranges of reused text per article, cut to paragraph bytes.
pub(super) fn reuse_bytes(a: &Analysis) -> ByteMap {
    let spans = a
        .classification
        .findings
        .iter()
        .flat_map(|f| reuse_members(f).iter().map(|m| (m.article.0, m.span)));
    in_paragraphs(a, to_map(spans))
}

/// Cuts every article's ranges to its paragraph bytes.
pub(super) fn in_paragraphs(a: &Analysis, m: ByteMap) -> ByteMap {
    m.into_iter()
        .map(|(art, v)| (art, intersect(&v, &para_bytes(a, art))))
        .collect()
}

/// The member ranges of findings that pass `keep`, per article, cut to paragraph bytes.
pub(super) fn finding_bytes(a: &Analysis, keep: impl Fn(&Finding) -> bool) -> ByteMap {
    let spans = a
        .classification
        .findings
        .iter()
        .filter(|f| keep(f))
        .flat_map(|f| f.members.iter().map(|m| (m.article.0, m.span)));
    in_paragraphs(a, to_map(spans))
}

/// Byte precision/recall of `pred` against `truth`.
pub(super) fn byte_prf(pred: &ByteMap, truth: &ByteMap) -> Prf {
    let total = |m: &ByteMap| m.values().map(|v| covered(v)).sum::<u64>();
    let tp: u64 = truth
        .iter()
        .filter_map(|(art, t)| pred.get(art).map(|p| overlap(p, t)))
        .sum();
    Prf::new(tp, total(pred), total(truth))
}

/// Whether at least half of a range's paragraph bytes are in `pred`; `None` when the range
/// holds no paragraph byte.
pub(super) fn half_covered(a: &Analysis, pred: &ByteMap, art: u32, span: ByteSpan) -> Option<bool> {
    let mine = intersect(&[span], &para_bytes(a, art));
    let size = covered(&mine);
    if size == 0 {
        return None;
    }
    let got = pred.get(&art).map_or(0, |p| overlap(p, &mine));
    Some(got * 2 >= size)
}

/// Whether a finding is an aligned passage.
pub(super) fn is_aligned_passage(f: &Finding) -> bool {
    f.kind == FindingKind::ReusedWording && matches!(f.evidence, Evidence::AlignedPassage { .. })
}

pub(super) fn is_shared_span(f: &Finding) -> bool {
    f.kind == FindingKind::ReusedWording && matches!(f.evidence, Evidence::SharedSpan { .. })
}

pub(super) fn byte_kind_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Vec<KindScore> {
    let a = r.a;
    let mut out = Vec::new();
    for kind in FindingKind::ALL {
        let spans: Vec<(u32, ByteSpan)> = labels
            .kind_spans
            .iter()
            .filter(|k| k.kind == kind)
            .filter_map(|k| r.span(&k.span))
            .collect();
        if spans.is_empty() {
            continue;
        }
        let truth = in_paragraphs(a, to_map(spans.iter().copied()));
        let pred = if kind == FindingKind::ReusedWording {
            reuse_bytes(a)
        } else {
            finding_bytes(a, |f| f.kind == kind)
        };
        let mut found = Share::default();
        let mut missed = Vec::new();
        for &(art, s) in &spans {
            if let Some(hit) = half_covered(a, &pred, art, s) {
                found.add(hit);
                if !hit {
                    missed.push((art, s));
                }
            }
        }
        out.push(KindScore {
            kind,
            level: Level::Bytes,
            prf: byte_prf(&pred, &truth),
            ranges_found: Some(found),
        });
        if ex.n > 0 {
            ex.add_with(kind.name(), "missed", &missed, |&(art, s)| {
                vec![items.span(art, s, "labelled range")]
            });
            // Predicted paragraphs of the kind that touch no labelled byte.
            let mut false_pos = Vec::new();
            for (p, k) in a.classification.para_kinds.iter().enumerate() {
                if !k.contains(kind) {
                    continue;
                }
                let art = a.store.article_of(p) as u32;
                let span = a.store.paras[p].span;
                if truth.get(&art).is_none_or(|t| overlap(t, &[span]) == 0) {
                    false_pos.push(p);
                }
            }
            ex.add_with(kind.name(), "false positive", &false_pos, |&p| {
                vec![items.para(p, "flagged, outside every labelled range")]
            });
        }
    }
    out
}

/// A reuse label with its members resolved and cut to paragraph bytes.
pub(super) struct ResolvedReuse {
    pub(super) members: Vec<(u32, ByteSpan)>,
    pub(super) origin: Option<u32>,
}

pub(super) fn resolve_reuse(r: &mut Resolver<'_>, labels: &Labels) -> Vec<ResolvedReuse> {
    labels
        .reused
        .iter()
        .filter_map(|l| {
            let members: Vec<(u32, ByteSpan)> =
                l.members.iter().filter_map(|m| r.span(m)).collect();
            if members.is_empty() {
                return None;
            }
            let origin = match &l.origin {
                Some(o) => r.article(o),
                None => {
                    let mut arts: Vec<u32> = members.iter().map(|m| m.0).collect();
                    arts.sort_unstable();
                    arts.dedup();
                    if arts.len() >= 2 {
                        earliest(r.a, arts)
                    } else {
                        None
                    }
                }
            };
            Some(ResolvedReuse { members, origin })
        })
        .collect()
}

/// Whether a label is found: at least two of its members (or its one member) half covered.
pub(super) fn label_found(a: &Analysis, pred: &ByteMap, l: &ResolvedReuse) -> (bool, Vec<bool>) {
    let hits: Vec<bool> = l
        .members
        .iter()
        .map(|&(art, s)| half_covered(a, pred, art, s).unwrap_or(false))
        .collect();
    let n = hits.iter().filter(|&&h| h).count();
    (n >= l.members.len().min(2), hits)
}

pub(super) fn reuse_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<ReuseScores> {
    if labels.reused.is_empty() {
        return None;
    }
    let a = r.a;
    let resolved = resolve_reuse(r, labels);
    let truth = in_paragraphs(
        a,
        to_map(resolved.iter().flat_map(|l| l.members.iter().copied())),
    );
    let quotes = finding_bytes(a, is_shared_span);
    let touches =
        |m: &ByteMap, art: u32, s: ByteSpan| m.get(&art).is_some_and(|v| overlap(v, &[s]) > 0);
    let mut span_members_inside = Share::default();
    for f in a
        .classification
        .findings
        .iter()
        .filter(|f| is_shared_span(f))
    {
        for m in &f.members {
            span_members_inside.add(touches(&truth, m.article.0, m.span));
        }
    }
    let mut labelled_ranges_touched = Share::default();
    for &(art, span) in resolved.iter().flat_map(|l| l.members.iter()) {
        labelled_ranges_touched.add(touches(&quotes, art, span));
    }
    let reused = reuse_bytes(a);
    let mut members_found = Share::default();
    let mut groups_found = Share::default();
    let mut missed: Vec<usize> = Vec::new();
    for (i, l) in resolved.iter().enumerate() {
        let (found, hits) = label_found(a, &reused, l);
        for h in hits {
            members_found.add(h);
        }
        groups_found.add(found);
        if !found {
            missed.push(i);
        }
    }
    if ex.n > 0 {
        reuse_examples(items, ex, &resolved, &reused, &truth, &missed);
    }
    Some(ReuseScores {
        labels: resolved.len() as u64,
        quote_spans: byte_prf(&quotes, &truth),
        span_members_inside,
        labelled_ranges_touched,
        reused_bytes: byte_prf(&reused, &truth),
        aligned_bytes: byte_prf(&finding_bytes(a, is_aligned_passage), &truth),
        members_found,
        groups_found,
    })
}

/// Examples of missed reuse labels (`missed` indexes `resolved`) and of span findings that
/// touch no labelled byte.
fn reuse_examples(
    items: &Items<'_>,
    ex: &mut Examples,
    resolved: &[ResolvedReuse],
    reused: &ByteMap,
    truth: &ByteMap,
    missed: &[usize],
) {
    let a = items.a;
    ex.add_with("reused wording", "missed", missed, |&i| {
        resolved[i]
            .members
            .iter()
            .take(3)
            .map(|&(art, s)| {
                let hit = half_covered(a, reused, art, s).unwrap_or(false);
                let note = if hit {
                    "labelled range, covered"
                } else {
                    "labelled range, not covered"
                };
                items.span(art, s, note)
            })
            .collect()
    });
    // Span findings that touch no labelled byte.
    let mut false_pos: Vec<(u32, ByteSpan, usize)> = Vec::new();
    for (fi, f) in a.classification.findings.iter().enumerate() {
        if !is_shared_span(f) {
            continue;
        }
        for m in &f.members {
            if truth
                .get(&m.article.0)
                .is_none_or(|t| overlap(t, &[m.span]) == 0)
            {
                false_pos.push((m.article.0, m.span, fi));
            }
        }
    }
    ex.add_with(
        "quote spans",
        "false positive",
        &false_pos,
        |&(art, s, fi)| {
            let f = &a.classification.findings[fi];
            let mut v = vec![items.span(art, s, format!("shared_span finding {fi}, not labelled"))];
            if let Some(o) = f.members.iter().find(|m| m.article.0 != art) {
                v.push(items.span(o.article.0, o.span, "same finding"));
            }
            v
        },
    );
}
