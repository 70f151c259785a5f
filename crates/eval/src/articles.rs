//! Article-level scores: copies per kind, copies as pairs of articles, and labelled pairs
//! that should (not) share reused wording.

use super::examples::{Examples, Items};
use super::labels::{Labels, PairLabel};
use super::metrics::{Prf, Share};
use super::{ArticlePairScores, KindScore, Level, Resolver, ReusePairScores, TierScore};
use reprint_core::UnionFind;
use reprint_core::model::{Finding, FindingKind};
use std::collections::{BTreeMap, HashMap, HashSet};

pub(super) fn article_kind_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Vec<KindScore> {
    let a = r.a;
    let scored = labels.scored_kinds();
    let mut out = Vec::new();
    for kind in [
        FindingKind::SyndicatedArticle,
        FindingKind::DuplicateArticle,
    ] {
        if !scored.contains(kind) {
            continue;
        }
        let mut truth: BTreeMap<u32, Option<String>> = BTreeMap::new();
        for c in labels.copies.iter().filter(|c| c.kind == kind) {
            if let Some(art) = r.article(&c.article) {
                truth.insert(art, c.original.clone());
            }
        }
        let mut predicted: BTreeMap<u32, u32> = BTreeMap::new();
        for f in a.classification.findings.iter().filter(|f| f.kind == kind) {
            if let (Some(copy), Some(src)) = (f.members.first(), f.members.get(1)) {
                predicted.entry(copy.article.0).or_insert(src.article.0);
            }
        }
        let tp = predicted.keys().filter(|k| truth.contains_key(k)).count() as u64;
        out.push(KindScore {
            kind,
            level: Level::Articles,
            prf: Prf::new(tp, predicted.len() as u64, truth.len() as u64),
            ranges_found: None,
        });
        if ex.n > 0 {
            let ids = &r.ids;
            let missed: Vec<(u32, Option<String>)> = truth
                .iter()
                .filter(|(k, _)| !predicted.contains_key(k))
                .map(|(k, o)| (*k, o.clone()))
                .collect();
            ex.add_with(kind.name(), "missed", &missed, |(art, orig)| {
                let mut v = vec![items.article(*art, "labelled copy")];
                if let Some(o) = orig.as_deref().and_then(|o| ids.get(o)) {
                    v.push(items.article(*o, "its labelled original"));
                }
                v
            });
            let false_pos: Vec<(u32, u32)> = predicted
                .iter()
                .filter(|(k, _)| !truth.contains_key(k))
                .map(|(k, s)| (*k, *s))
                .collect();
            ex.add_with(kind.name(), "false positive", &false_pos, |&(art, src)| {
                vec![
                    items.article(art, "reported copy, not labelled"),
                    items.article(src, "reported source"),
                ]
            });
        }
    }
    out
}

/// Articles joined by copy findings: the union of copies and sources, the findings per kind
/// name, and every pair of articles in one component.
fn reported_pairs(
    a: &reprint_core::Analysis,
) -> (UnionFind, BTreeMap<String, u64>, HashSet<(u32, u32)>) {
    let n = a.store.articles.len();
    let mut uf = UnionFind::new(n);
    let mut reported_as: BTreeMap<String, u64> = BTreeMap::new();
    for f in &a.classification.findings {
        if matches!(
            f.kind,
            FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle
        ) {
            if let (Some(x), Some(y)) = (f.members.first(), f.members.get(1)) {
                uf.union(x.article.0, y.article.0);
                *reported_as.entry(f.kind.name().to_string()).or_default() += 1;
            }
        }
    }
    let mut components: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for x in 0..n as u32 {
        components.entry(uf.find(x)).or_default().push(x);
    }
    let mut predicted: HashSet<(u32, u32)> = HashSet::new();
    for m in components.values().filter(|m| m.len() >= 2) {
        for i in 0..m.len() {
            for j in i + 1..m.len() {
                predicted.insert((m[i], m[j]));
            }
        }
    }
    (uf, reported_as, predicted)
}

/// Labelled article pairs (lower article first) with their verdict and tier.
type Labelled = BTreeMap<(u32, u32), (PairLabel, String)>;

/// Labelled article pairs with their verdict and tier (the first label of a pair wins), and
/// whether each labelled group of two or more articles was reported as one component.
fn labelled_pairs(r: &mut Resolver<'_>, labels: &Labels, uf: &mut UnionFind) -> (Labelled, Share) {
    let key = |x: u32, y: u32| (x.min(y), x.max(y));
    let mut labelled: Labelled = BTreeMap::new();
    let mut clusters_found = Share::default();
    for g in &labels.article_groups {
        let arts: Vec<u32> = g.members.iter().filter_map(|m| r.article(m)).collect();
        let tier = g.relation.clone().unwrap_or_else(|| "cluster".into());
        for i in 0..arts.len() {
            for j in i + 1..arts.len() {
                labelled
                    .entry(key(arts[i], arts[j]))
                    .or_insert((PairLabel::Positive, tier.clone()));
            }
        }
        if arts.len() >= 2 {
            let root = uf.find(arts[0]);
            clusters_found.add(arts.iter().all(|&x| uf.find(x) == root));
        }
    }
    for p in &labels.article_pairs {
        let (Some(x), Some(y)) = (r.article(&p.a), r.article(&p.b)) else {
            continue;
        };
        let tier = p.tier.clone().unwrap_or_else(|| p.label.name().to_string());
        labelled.entry(key(x, y)).or_insert((p.label, tier));
    }
    (labelled, clusters_found)
}

pub(super) fn article_pair_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<ArticlePairScores> {
    if labels.article_groups.is_empty() && labels.article_pairs.is_empty() {
        return None;
    }
    let (mut uf, reported_as, predicted) = reported_pairs(r.a);
    let (labelled, clusters_found) = labelled_pairs(r, labels, &mut uf);
    let mut tiers: BTreeMap<String, TierScore> = BTreeMap::new();
    let (mut tp, mut truth, mut ignored) = (0u64, 0u64, 0u64);
    let mut missed = Vec::new();
    for (&pair, (label, tier)) in &labelled {
        let hit = predicted.contains(&pair);
        let t = tiers.entry(tier.clone()).or_insert(TierScore {
            label: label.name(),
            labelled: 0,
            reported: 0,
        });
        t.labelled += 1;
        t.reported += u64::from(hit);
        match label {
            PairLabel::Positive => {
                truth += 1;
                tp += u64::from(hit);
                if !hit {
                    missed.push((pair, tier.clone()));
                }
            }
            PairLabel::Ignore => ignored += u64::from(hit),
            PairLabel::Negative => {}
        }
    }
    if ex.n > 0 {
        ex.add_with("article pairs", "missed", &missed, |&((x, y), ref tier)| {
            vec![
                items.article(x, format!("labelled {tier}")),
                items.article(y, format!("labelled {tier}")),
            ]
        });
        let mut false_pos: Vec<(u32, u32)> = predicted
            .iter()
            .copied()
            .filter(|p| {
                labelled
                    .get(p)
                    .is_none_or(|(l, _)| *l == PairLabel::Negative)
            })
            .collect();
        false_pos.sort_unstable();
        ex.add_with("article pairs", "false positive", &false_pos, |&(x, y)| {
            let note = labelled
                .get(&(x, y))
                .map_or("unlabelled".to_string(), |(_, t)| format!("labelled {t}"));
            vec![items.article(x, note.clone()), items.article(y, note)]
        });
    }
    Some(ArticlePairScores {
        pairs: Prf::new(tp, predicted.len() as u64 - ignored, truth),
        tiers,
        clusters_found,
        reported_as,
    })
}

/// The findings `select` picks, by each article among their members.
fn findings_by_article(
    a: &reprint_core::Analysis,
    select: impl Fn(&Finding) -> bool,
) -> HashMap<u32, Vec<usize>> {
    let mut m: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, f) in a.classification.findings.iter().enumerate() {
        if select(f) {
            for mb in &f.members {
                m.entry(mb.article.0).or_default().push(i);
            }
        }
    }
    m
}

/// The paragraph clusters an article has members in, ascending.
fn clusters_of(a: &reprint_core::Analysis, art: u32) -> Vec<u32> {
    let mut v: Vec<u32> = a.store.articles[art as usize]
        .paras()
        .filter_map(|p| a.clusters.of(p))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

pub(super) fn reuse_pair_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<ReusePairScores> {
    if labels.reuse_pairs.is_empty() {
        return None;
    }
    let a = r.a;
    let finding_sets = findings_by_article(a, |f| {
        matches!(
            f.kind,
            FindingKind::ReusedWording
                | FindingKind::SyndicatedArticle
                | FindingKind::DuplicateArticle
        )
    });
    let aligned_sets = findings_by_article(a, super::bytes::is_aligned_passage);
    let empty = Vec::new();
    let shares = |sets: &HashMap<u32, Vec<usize>>, x: u32, y: u32| {
        let (x, y) = (
            sets.get(&x).unwrap_or(&empty),
            sets.get(&y).unwrap_or(&empty),
        );
        x.iter().any(|i| y.contains(i))
    };
    let (mut tp, mut pred, mut truth) = (0u64, 0u64, 0u64);
    let (mut tp_near, mut pred_near) = (0u64, 0u64);
    let (mut tp_aligned, mut pred_aligned) = (0u64, 0u64);
    let mut missed = Vec::new();
    let mut false_pos = Vec::new();
    for p in &labels.reuse_pairs {
        if p.label == PairLabel::Ignore {
            continue;
        }
        let (Some(x), Some(y)) = (r.article(&p.a), r.article(&p.b)) else {
            continue;
        };
        let (cx, cy) = (clusters_of(a, x), clusters_of(a, y));
        let near = cx.iter().any(|c| cy.contains(c));
        let reported = near || shares(&finding_sets, x, y);
        let positive = p.label == PairLabel::Positive;
        pred += u64::from(reported);
        truth += u64::from(positive);
        tp += u64::from(reported && positive);
        pred_near += u64::from(near);
        tp_near += u64::from(near && positive);
        let aligned = shares(&aligned_sets, x, y);
        pred_aligned += u64::from(aligned);
        tp_aligned += u64::from(aligned && positive);
        if positive && !reported {
            missed.push((x, y));
        } else if reported && !positive {
            false_pos.push((x, y));
        }
    }
    if ex.n > 0 {
        let show = |&(x, y): &(u32, u32)| {
            vec![
                items.article(x, "labelled pair"),
                items.article(y, "labelled pair"),
            ]
        };
        ex.add_with("reuse pairs", "missed", &missed, show);
        ex.add_with("reuse pairs", "false positive", &false_pos, show);
    }
    Some(ReusePairScores {
        pairs: Prf::new(tp, pred, truth),
        near_duplicates: Prf::new(tp_near, pred_near, truth),
        aligned_passages: Prf::new(tp_aligned, pred_aligned, truth),
    })
}
