//! Line-level scores of scraped pages: junk paragraphs (`boilerplate` and `aggregator_footer`
//! byte labels, per labelled line and per `pattern`), body controls (`body` labels: body
//! paragraphs that look like junk, none of which should be flagged) and declared provenance
//! (`declared` labels against `provenance.declared[]`: same kind and overlapping bytes).
//!
//! A labelled range names the paragraph that holds its first byte, as `reprint audit`'s
//! paragraphs do. Junk is scored per labelled line only for byte labels; paragraph labels are
//! already scored per paragraph under their kind.

use super::labels::{Labels, LineRef};
use super::metrics::Share;
use super::{DeclaredScores, JunkScores, Overlap, Resolver};
use reprint_core::model::DeclKind;
use reprint_core::model::{ByteSpan, FindingKind};
use std::collections::{BTreeMap, HashSet};

/// Whether a paragraph is flagged as junk.
fn junk(r: &Resolver<'_>, p: usize) -> bool {
    let k = &r.a.classification.para_kinds[p];
    k.contains(FindingKind::Boilerplate) || k.contains(FindingKind::AggregatorFooter)
}

/// The global paragraph a line label names.
fn line_para(r: &mut Resolver<'_>, line: &LineRef) -> Option<usize> {
    match line {
        LineRef::Para(p) => r.para(p),
        LineRef::Span(s) => {
            let (art, span) = r.span(s)?;
            let a = r.a;
            a.store.articles[art as usize].paras().find(|&p| {
                let ps = a.store.paras[p].span;
                ps.start <= span.start && span.start < ps.end.max(ps.start + 1)
            })
        }
    }
}

/// Junk paragraphs against labelled junk lines, when junk is labelled by bytes.
pub(super) fn junk_scores(r: &mut Resolver<'_>, labels: &Labels) -> Option<JunkScores> {
    let is_junk =
        |k: FindingKind| matches!(k, FindingKind::Boilerplate | FindingKind::AggregatorFooter);
    let lines: Vec<LineRef> = labels
        .kind_spans
        .iter()
        .filter(|k| is_junk(k.kind))
        .map(|k| LineRef::Span(k.span.clone()))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let lines: Vec<LineRef> = lines
        .into_iter()
        .chain(
            labels
                .kind_paras
                .iter()
                .filter(|k| is_junk(k.kind))
                .map(|k| LineRef::Para(k.para.clone())),
        )
        .collect();
    let mut labelled: HashSet<usize> = HashSet::new();
    let mut recall = Share::default();
    let mut by_pattern: BTreeMap<String, Share> = BTreeMap::new();
    for line in &lines {
        let Some(p) = line_para(r, line) else {
            continue;
        };
        labelled.insert(p);
        let hit = junk(r, p);
        recall.add(hit);
        if let Some(pattern) = labels.pattern_of(line) {
            by_pattern.entry(pattern.to_string()).or_default().add(hit);
        }
    }
    let mut precision = Share::default();
    for p in 0..r.a.store.paras.len() {
        if junk(r, p) {
            precision.add(labelled.contains(&p));
        }
    }
    Some(JunkScores {
        paragraphs: Overlap { precision, recall },
        by_pattern,
    })
}

/// Body controls flagged as junk (`hits` are the flagged ones).
pub(super) fn body_controls(r: &mut Resolver<'_>, labels: &Labels) -> Option<Share> {
    if labels.body.is_empty() {
        return None;
    }
    let mut s = Share::default();
    for line in &labels.body {
        if let Some(p) = line_para(r, line) {
            s.add(junk(r, p));
        }
    }
    Some(s)
}

/// Declared provenance: a declaration is right when a label of its kind overlaps it, a label
/// found when a declaration of its kind overlaps it.
pub(super) fn declared_scores(r: &mut Resolver<'_>, labels: &Labels) -> Option<DeclaredScores> {
    if labels.declared.is_empty() {
        return None;
    }
    // (article, kind, span) of every label.
    let mut truth: Vec<(u32, &str, ByteSpan)> = Vec::new();
    for d in &labels.declared {
        if let Some((art, span)) = r.span(&d.span) {
            truth.push((art, d.kind.as_str(), span));
        }
    }
    let a = r.a;
    let predicted: Vec<(u32, &str, ByteSpan)> = a
        .store
        .articles
        .iter()
        .enumerate()
        .flat_map(|(i, art)| {
            art.declared
                .iter()
                .filter(|d| d.kind != DeclKind::Mention)
                .map(move |d| (i as u32, d.kind.name(), d.span))
        })
        .collect();
    let overlaps = |x: &(u32, &str, ByteSpan), y: &(u32, &str, ByteSpan)| {
        x.0 == y.0 && x.1 == y.1 && x.2.start < y.2.end && y.2.start < x.2.end
    };
    let mut all = Overlap::default();
    let mut by_kind: BTreeMap<String, Overlap> = BTreeMap::new();
    for t in &truth {
        let hit = predicted.iter().any(|p| overlaps(p, t));
        all.recall.add(hit);
        by_kind.entry(t.1.to_string()).or_default().recall.add(hit);
    }
    for p in &predicted {
        let hit = truth.iter().any(|t| overlaps(p, t));
        all.precision.add(hit);
        by_kind
            .entry(p.1.to_string())
            .or_default()
            .precision
            .add(hit);
    }
    Some(DeclaredScores { all, by_kind })
}
